//! `passerelle backup DIR` and `passerelle restore DIR`: the database and
//! the files beside it (photos, erasure reports) in one folder.
//!
//! SQLite is copied online with `VACUUM INTO` (a consistent snapshot while
//! the server runs); PostgreSQL with `pg_dump`/`pg_restore`. Restore with
//! the server stopped.

use std::path::{Path, PathBuf};

use crate::{config::Settings, db::Db};

/// The folders of the data directory that hold files the database points to.
const FILE_FOLDERS: &[&str] = &["photos", "erasure-reports"];
const SQLITE_FILE: &str = "passerelle.db";
const POSTGRES_FILE: &str = "passerelle.dump";

fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    Some(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    if !from.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn run(command: &mut std::process::Command) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

pub async fn backup(settings: &Settings, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    if sqlite_path(&settings.database_url).is_some() {
        let target = dir.join(SQLITE_FILE);
        let _ = std::fs::remove_file(&target);
        let db = Db::connect(&settings.database_url)
            .await
            .map_err(|e| e.to_string())?;
        let quoted = target.display().to_string().replace('\'', "''");
        use sea_orm::ConnectionTrait;
        db.conn
            .execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
            .await
            .map_err(|e| e.to_string())?;
    } else {
        run(std::process::Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(dir.join(POSTGRES_FILE))
            .arg(&settings.database_url))?;
    }
    for folder in FILE_FOLDERS {
        copy_tree(&settings.data_dir.join(folder), &dir.join(folder)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

pub async fn restore(settings: &Settings, dir: &Path) -> Result<(), String> {
    match sqlite_path(&settings.database_url) {
        Some(path) => {
            let source = dir.join(SQLITE_FILE);
            if !source.exists() {
                return Err(format!(
                    "{} is not a Passerelle SQLite backup",
                    dir.display()
                ));
            }
            // The write-ahead log belongs to the database being replaced.
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            std::fs::copy(source, &path).map_err(|e| e.to_string())?;
        }
        None => {
            let source = dir.join(POSTGRES_FILE);
            if !source.exists() {
                return Err(format!(
                    "{} is not a Passerelle PostgreSQL backup",
                    dir.display()
                ));
            }
            run(std::process::Command::new("pg_restore")
                .args(["--clean", "--if-exists", "--no-owner", "--dbname"])
                .arg(&settings.database_url)
                .arg(source))?;
        }
    }
    for folder in FILE_FOLDERS {
        let target = settings.data_dir.join(folder);
        let _ = std::fs::remove_dir_all(&target);
        copy_tree(&dir.join(folder), &target).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite://data/passerelle.db?mode=rwc"),
            Some(PathBuf::from("data/passerelle.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:/tmp/x.db"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }
}

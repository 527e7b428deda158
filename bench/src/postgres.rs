//! A throwaway PostgreSQL database per run, made and dropped through the
//! server's maintenance database (the URL `cargo xtask` checks answers).

use passerelle::config::redact_url as redact;
use sea_orm::{ConnectionTrait, Database};

/// Creates `name` (dropping a leftover of an interrupted run first);
/// returns its URL.
pub async fn create_database(admin_url: &str, name: &str) -> Result<String, String> {
    check_name(name)?;
    let admin = Database::connect(admin_url)
        .await
        .map_err(|e| format!("connecting to {}: {e}", redact(admin_url)))?;
    for statement in [
        format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
        format!("CREATE DATABASE \"{name}\""),
    ] {
        admin
            .execute_unprepared(&statement)
            .await
            .map_err(|e| format!("{statement}: {e}"))?;
    }
    with_database(admin_url, name)
}

pub async fn drop_database(admin_url: &str, name: &str) -> Result<(), String> {
    check_name(name)?;
    let admin = Database::connect(admin_url)
        .await
        .map_err(|e| format!("connecting to {}: {e}", redact(admin_url)))?;
    // FORCE: a server killed a moment ago may still hold connections.
    let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    admin
        .execute_unprepared(&statement)
        .await
        .map(|_| ())
        .map_err(|e| format!("{statement}: {e}"))
}

/// The name goes into SQL unquoted by any driver: letters, digits and `_` only.
fn check_name(name: &str) -> Result<(), String> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a plain database name (a-z, 0-9, _)"
        ))
    }
}

/// `postgres://u@h:5432/postgres?x=y` with the database `name` instead.
pub fn with_database(url: &str, name: &str) -> Result<String, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or(format!("`{}` is not a postgres:// URL", redact(url)))?;
    let (before_query, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let authority = before_query.split('/').next().unwrap_or_default();
    let mut out = format!("{scheme}://{authority}/{name}");
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_the_database_in_a_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "bench_1"),
            Ok("postgres://postgres@127.0.0.1:5432/bench_1".to_string())
        );
        assert_eq!(
            with_database("postgresql://u:p@db/x?sslmode=disable", "b"),
            Ok("postgresql://u:p@db/b?sslmode=disable".to_string())
        );
        assert_eq!(
            with_database("postgres://localhost", "b"),
            Ok("postgres://localhost/b".to_string())
        );
        assert!(with_database("localhost:5432", "b").is_err());
    }

    #[test]
    fn only_plain_names_reach_sql() {
        assert!(check_name("passerelle_bench_42").is_ok());
        assert!(check_name("x\"; DROP DATABASE postgres; --").is_err());
        assert!(check_name("").is_err());
    }
}

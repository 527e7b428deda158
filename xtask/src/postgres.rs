//! `ensure-postgres`: a PostgreSQL answering at `TEST_POSTGRES_URL`, starting
//! (and if need be installing) Debian's local one. Never skips silently.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::proc::{Cmd, Error, Result, find_program, io_context, is_root, note, step};
use crate::tools::apt_install;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
const DEFAULT_PORT: u16 = 5432;
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The rules a disposable test server needs first in its pg_hba.conf.
pub const TRUST_LINES: [&str; 2] = [
    "host all all 127.0.0.1/32 trust",
    "host all all ::1/128 trust",
];

/// `TEST_POSTGRES_URL`, or the default local server.
pub fn test_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_URL.to_string())
}

/// Host (without IPv6 brackets) and port of a `postgres://` URL.
pub fn host_port(url: &str) -> std::result::Result<(String, u16), String> {
    let rest = url
        .split_once("://")
        .map(|(_, rest)| rest)
        .ok_or_else(|| format!("`{url}` is not a URL like {DEFAULT_URL}"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        let (host, after) = bracketed
            .split_once(']')
            .ok_or_else(|| format!("unclosed `[` in the host of `{url}`"))?;
        (host, after.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    let port = match port {
        None | Some("") => DEFAULT_PORT,
        Some(p) => p
            .parse()
            .map_err(|_| format!("bad port `{p}` in `{url}`"))?,
    };
    let host = if host.is_empty() { "localhost" } else { host };
    Ok((host.to_string(), port))
}

/// `host:port`, bracketing IPv6 addresses.
pub fn address(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

fn is_local(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

/// Whether a PostgreSQL server answers at `addr`: a TCP connection within
/// `timeout`, and a reply to an SSLRequest (`S` or `N`), so that a proxy or
/// another service on the port does not count.
fn answers(addr: &str, timeout: Duration) -> bool {
    let Ok(addrs) = addr.to_socket_addrs() else {
        return false;
    };
    addrs.into_iter().any(|a| {
        let Ok(mut stream) = TcpStream::connect_timeout(&a, timeout) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(timeout));
        let _ = stream.set_write_timeout(Some(timeout));
        let mut reply = [0u8; 1];
        stream.write_all(&SSL_REQUEST).is_ok()
            && stream.read_exact(&mut reply).is_ok()
            && matches!(&reply, b"S" | b"N")
    })
}

/// PostgreSQL's SSLRequest: length 8, code 80877103.
const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// `content` with the trust rules put first, or `None` when they already are.
pub fn with_trust_lines(content: &str) -> Option<String> {
    let mut found = [false; 2];
    for line in content.lines() {
        let rule = line.split('#').next().unwrap_or_default();
        let words: Vec<&str> = rule.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let normalized = words.join(" ");
        match TRUST_LINES.iter().position(|t| *t == normalized) {
            Some(i) => found[i] = true,
            None => break,
        }
    }
    if found.iter().all(|f| *f) {
        return None;
    }
    let mut out = String::from(
        "# Added by `cargo xtask ensure-postgres`: this disposable test server trusts local TCP connections.\n",
    );
    for line in TRUST_LINES {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(content);
    Some(out)
}

/// The `port` a postgresql.conf sets, if any.
pub fn conf_port(conf: &str) -> Option<u16> {
    conf.lines().find_map(|line| {
        let line = line.split('#').next()?.trim();
        let value = line.strip_prefix("port")?.trim_start().strip_prefix('=')?;
        value.trim().trim_matches('\'').parse().ok()
    })
}

/// The highest PostgreSQL major version among directory names like `15`, `9.6`.
pub fn highest_version<I: IntoIterator<Item = String>>(names: I) -> Option<String> {
    fn key(name: &str) -> Option<Vec<u32>> {
        name.split('.').map(|part| part.parse().ok()).collect()
    }
    names
        .into_iter()
        .filter_map(|name| key(&name).map(|k| (k, name)))
        .max()
        .map(|(_, name)| name)
}

fn subdirs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn read_root_file(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && !is_root() => {
            let out = Cmd::new("cat").arg(path).privileged()?.output()?;
            if out.status.success() {
                Ok(String::from_utf8_lossy(&out.stdout).into_owned())
            } else {
                Err(Error::new(format!("cannot read {}", path.display())))
            }
        }
        Err(e) => Err(Error::new(format!("reading {}: {e}", path.display()))),
    }
}

fn write_root_file(path: &Path, content: &str) -> Result<()> {
    if is_root() {
        return io_context(std::fs::write(path, content), || {
            format!("writing {}", path.display())
        });
    }
    // Copying over the existing file keeps its owner and mode.
    let tmp = std::env::temp_dir().join(format!("xtask-pg_hba-{}.conf", std::process::id()));
    io_context(std::fs::write(&tmp, content), || {
        format!("writing {}", tmp.display())
    })?;
    let result = Cmd::new("cp").arg(&tmp).arg(path).privileged()?.run();
    let _ = std::fs::remove_file(&tmp);
    result
}

fn pg_ctlcluster() -> Option<PathBuf> {
    find_program("pg_ctlcluster").or_else(|| {
        let debian = Path::new("/usr/bin/pg_ctlcluster");
        debian.is_file().then(|| debian.to_path_buf())
    })
}

fn pg_ctl(version: &str, action: &str) -> Result<()> {
    let program = pg_ctlcluster().ok_or("pg_ctlcluster not found")?;
    Cmd::new(program)
        .args(["--skip-systemctl-redirect", version, "main", action])
        .privileged()?
        .run()
}

/// `pg_ctlcluster status`: 0 running, 3 stopped, anything else an error.
fn cluster_running(version: &str) -> Result<bool> {
    let program = pg_ctlcluster().ok_or("pg_ctlcluster not found")?;
    let cmd = Cmd::new(program)
        .args([version, "main", "status"])
        .privileged()?;
    let out = cmd.output()?;
    match out.status.code() {
        Some(0) => Ok(true),
        Some(3) => Ok(false),
        _ => Err(Error::new(format!(
            "`{cmd}` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))),
    }
}

/// Makes a PostgreSQL answer at the test URL; returns the URL.
pub fn ensure_postgres() -> Result<String> {
    let url = test_url();
    let (host, port) = host_port(&url).map_err(Error::new)?;
    let addr = address(&host, port);
    if answers(&addr, Duration::from_secs(2)) {
        note(format!("postgres answering at {addr}"));
        return Ok(url);
    }
    if !is_local(&host) {
        return Err(Error::new(format!(
            "no PostgreSQL answers at {addr} (from TEST_POSTGRES_URL), and it is not on this machine: start it, or unset TEST_POSTGRES_URL to use a local one"
        )));
    }
    note(format!(
        "no PostgreSQL answers at {addr}: starting Debian's local one"
    ));

    if pg_ctlcluster().is_none() {
        step("installing Debian's postgresql", || {
            apt_install(&["postgresql"])
        })?;
        if pg_ctlcluster().is_none() {
            return Err(Error::new(
                "postgresql was installed but pg_ctlcluster is still missing",
            ));
        }
    }

    let version = match highest_version(
        subdirs(Path::new("/etc/postgresql"))
            .into_iter()
            .filter(|v| Path::new("/etc/postgresql").join(v).join("main").is_dir()),
    ) {
        Some(v) => v,
        None => step("creating a PostgreSQL cluster", || {
            let version = highest_version(subdirs(Path::new("/usr/lib/postgresql"))).ok_or(
                "no PostgreSQL server under /usr/lib/postgresql (is postgresql installed?)",
            )?;
            let program = find_program("pg_createcluster")
                .unwrap_or_else(|| PathBuf::from("/usr/bin/pg_createcluster"));
            Cmd::new(program)
                .args([version.as_str(), "main"])
                .privileged()?
                .run()?;
            Ok(version)
        })?,
    };
    let conf_dir = Path::new("/etc/postgresql").join(&version).join("main");
    note(format!("cluster {version}/main ({})", conf_dir.display()));

    if let Some(cluster_port) = read_root_file(&conf_dir.join("postgresql.conf"))
        .ok()
        .as_deref()
        .and_then(conf_port)
        && cluster_port != port
    {
        return Err(Error::new(format!(
            "cluster {version}/main listens on port {cluster_port}, but the test URL asks for {addr}: set TEST_POSTGRES_URL to use port {cluster_port}"
        )));
    }

    let hba = conf_dir.join("pg_hba.conf");
    let hba_changed = step(
        "trusting local TCP connections (pg_hba.conf)",
        || match with_trust_lines(&read_root_file(&hba)?) {
            None => {
                note("already there");
                Ok(false)
            }
            Some(content) => {
                note(format!(
                    "adding the trust rules at the top of {}",
                    hba.display()
                ));
                write_root_file(&hba, &content)?;
                Ok(true)
            }
        },
    )?;

    // Installing the package may have started it already.
    let running = cluster_running(&version)?;
    if !running {
        step("starting PostgreSQL", || pg_ctl(&version, "start"))?;
    } else if hba_changed {
        step("reloading PostgreSQL", || pg_ctl(&version, "reload"))?;
    }

    let started = Instant::now();
    while !answers(&addr, Duration::from_secs(2)) {
        if started.elapsed() > START_TIMEOUT {
            let hint = if running {
                format!(
                    "it is running: check listen_addresses and port in {}",
                    conf_dir.join("postgresql.conf").display()
                )
            } else {
                format!("see /var/log/postgresql/postgresql-{version}-main.log")
            };
            return Err(Error::new(format!(
                "PostgreSQL cluster {version}/main did not answer at {addr} within {} s; {hint}",
                START_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    note(format!("postgres answering at {addr}"));
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_host_and_port() {
        assert_eq!(host_port(DEFAULT_URL), Ok(("127.0.0.1".to_string(), 5432)));
        assert_eq!(
            host_port("postgresql://u:p@db.example:6543/x?sslmode=disable"),
            Ok(("db.example".to_string(), 6543))
        );
        assert_eq!(
            host_port("postgres://localhost/db"),
            Ok(("localhost".to_string(), 5432))
        );
        assert_eq!(
            host_port("postgres://u@[::1]:5433/db"),
            Ok(("::1".to_string(), 5433))
        );
        assert_eq!(
            host_port("postgres://[::1]/db"),
            Ok(("::1".to_string(), 5432))
        );
        assert_eq!(
            host_port("postgres://us:er:p@ss@host"),
            Ok(("host".to_string(), 5432))
        );
        assert!(host_port("postgres://h:notaport/db").is_err());
        assert!(host_port("127.0.0.1:5432").is_err());
    }

    #[test]
    fn ssl_request_is_the_protocol_constant() {
        assert_eq!(u32::from_be_bytes([0x04, 0xd2, 0x16, 0x2f]), 80_877_103);
        assert_eq!(&SSL_REQUEST[..4], &8u32.to_be_bytes());
    }

    #[test]
    fn formats_addresses() {
        assert_eq!(address("127.0.0.1", 5432), "127.0.0.1:5432");
        assert_eq!(address("::1", 5432), "[::1]:5432");
    }

    #[test]
    fn prepends_trust_lines() {
        let debian =
            "# comment\nlocal   all   postgres   peer\nhost all all 127.0.0.1/32 scram-sha-256\n";
        let out = with_trust_lines(debian).expect("lines should be added");
        let rules: Vec<&str> = out
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .collect();
        assert_eq!(rules[0], TRUST_LINES[0]);
        assert_eq!(rules[1], TRUST_LINES[1]);
        assert!(out.ends_with(debian));
        // Idempotent.
        assert_eq!(with_trust_lines(&out), None);
    }

    #[test]
    fn accepts_existing_leading_rules_with_other_spacing() {
        let hba = "# header\n\nhost    all  all  ::1/128   trust\nhost all all 127.0.0.1/32 trust # test\nlocal all all peer\n";
        assert_eq!(with_trust_lines(hba), None);
    }

    #[test]
    fn rules_later_in_the_file_do_not_count() {
        let hba =
            "local all all peer\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n";
        assert!(with_trust_lines(hba).is_some());
        assert!(with_trust_lines("").is_some());
    }

    #[test]
    fn reads_the_port() {
        assert_eq!(
            conf_port("#port = 1\nport = 5433\t\t# (change requires restart)\n"),
            Some(5433)
        );
        assert_eq!(conf_port("listen_addresses = 'localhost'\n"), None);
        assert_eq!(conf_port("portal = 3\n"), None);
    }

    #[test]
    fn picks_the_highest_version() {
        let names = ["9.6", "15", "13", "notes"].map(String::from);
        assert_eq!(highest_version(names), Some("15".to_string()));
        assert_eq!(highest_version(Vec::new()), None);
    }
}

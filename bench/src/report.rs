//! The results, gathered from the steps' files into `latest.json` and a
//! `latest.md` that puts every figure next to its target (issue 8).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::operations::{DatabaseRun, Measured};
use crate::spa::SpaSizes;
use crate::{read_json, write_json};

/// Typical reads: p99 at 50 concurrent clients on 2 cores with SQLite.
const READ_P99_MS: f64 = 50.0;
/// One yearly report over the national dataset.
const REPORT_MS: f64 = 1_000.0;
/// The SPA's first download, compressed (kB of 1 000 bytes).
const SPA_COMPRESSED_BYTES: u64 = 250_000;
/// Login page interactive on the throttled mid-range phone.
const LOGIN_INTERACTIVE_MS: f64 = 3_000.0;

/// What `e2e/bench/login_interactive.mjs` prints.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginRuns {
    pub runs_ms: Vec<f64>,
    pub median_ms: f64,
    /// Bytes over the (throttled) wire until the page worked, per run.
    pub transferred_bytes: Vec<u64>,
    pub chromium: String,
    pub profile: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory_gib: f64,
    pub os: String,
    pub kernel: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results {
    pub generated_at: String,
    pub commit: String,
    pub machine: Machine,
    pub databases: Vec<DatabaseRun>,
    /// What the server complained about during each database's run.
    pub server_logs: Vec<ServerLog>,
    pub spa: Option<SpaSizes>,
    pub login: Option<LoginRuns>,
    pub login_skipped: Option<String>,
    /// The import of a workbook, on each database.
    #[serde(default)]
    pub imports: Vec<crate::imports::ImportRun>,
    pub targets: Vec<Verdict>,
}

/// The server's warnings and errors during one database's run, grouped.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerLog {
    pub database: String,
    pub complaints: Vec<Complaint>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Complaint {
    pub level: String,
    pub message: String,
    pub count: usize,
    /// The longest wait or statement among them, when the line says.
    pub worst_seconds: Option<f64>,
}

/// One target, and whether it is met.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Verdict {
    pub what: String,
    pub target: String,
    pub measured: String,
    pub met: bool,
}

/// Reads the steps' files in `runs`, writes `latest.json` and `latest.md`
/// in `out_dir`, and prints the markdown.
pub fn write(runs: &Path, out_dir: &Path) -> Result<(), String> {
    let mut databases = Vec::new();
    let mut server_logs = Vec::new();
    let mut imports = Vec::new();
    for name in ["sqlite", "postgres"] {
        let path = runs.join(format!("import-{name}.json"));
        if path.is_file() {
            imports.push(read_json(&path)?);
        }
    }
    for name in ["sqlite", "postgres"] {
        let path = runs.join(format!("api-{name}.json"));
        if path.is_file() {
            let run: DatabaseRun = read_json(&path)?;
            let log = std::fs::read_to_string(runs.join(format!("server-{name}.log")));
            server_logs.push(ServerLog {
                database: run.database.clone(),
                complaints: complaints(&log.unwrap_or_default()),
            });
            databases.push(run);
        }
    }
    let optional = |name: &str| -> Result<Option<String>, String> {
        let path = runs.join(format!("{name}.skipped"));
        match std::fs::read_to_string(&path) {
            Ok(reason) => Ok(Some(reason.trim().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("reading {}: {e}", path.display())),
        }
    };
    let spa_path = runs.join("spa.json");
    let login_path = runs.join("login.json");
    let mut results = Results {
        generated_at: Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        commit: commit(),
        machine: machine(),
        spa: if spa_path.is_file() {
            Some(read_json(&spa_path)?)
        } else {
            None
        },
        login: if login_path.is_file() {
            Some(read_json(&login_path)?)
        } else {
            None
        },
        login_skipped: optional("login")?,
        databases,
        server_logs,
        imports,
        targets: Vec::new(),
    };
    results.targets = verdicts(&results);

    std::fs::create_dir_all(out_dir).map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    write_json(&out_dir.join("latest.json"), &results)?;
    let markdown = markdown(&results);
    let md_path = out_dir.join("latest.md");
    std::fs::write(&md_path, &markdown)
        .map_err(|e| format!("writing {}: {e}", md_path.display()))?;
    println!("{markdown}");
    Ok(())
}

/// The p99 limit an operation's row is held to, if any.
fn target_of(key: &str) -> Option<f64> {
    match key {
        "device_list" | "tracking" => Some(READ_P99_MS),
        "report_alone" => Some(REPORT_MS),
        _ => None,
    }
}

fn met_by(measured: &Measured) -> Option<bool> {
    let limit = target_of(&measured.key)?;
    Some(measured.sample.failures == 0 && measured.sample.p99_ms < limit)
}

fn verdicts(results: &Results) -> Vec<Verdict> {
    let mut out = Vec::new();
    for run in &results.databases {
        for m in &run.operations {
            let (Some(limit), Some(met)) = (target_of(&m.key), met_by(m)) else {
                continue;
            };
            let failures = match m.sample.failures {
                0 => String::new(),
                n => format!(", {n} failure(s)"),
            };
            out.push(Verdict {
                what: format!("{} — {}", m.label, run.database),
                target: format!(
                    "p99 < {} at {} client(s), no failure",
                    ms(limit),
                    m.sample.clients
                ),
                measured: format!("p99 {}{failures}", ms(m.sample.p99_ms)),
                met,
            });
        }
    }
    if let Some(spa) = &results.spa {
        for (how, bytes) in [("brotli", spa.total.brotli), ("gzip", spa.total.gzip)] {
            out.push(Verdict {
                what: format!("SPA first download, {how}"),
                target: format!("< {}", kb(SPA_COMPRESSED_BYTES)),
                measured: kb(bytes),
                met: bytes < SPA_COMPRESSED_BYTES,
            });
        }
    }
    if let Some(login) = &results.login {
        out.push(Verdict {
            what: "Login page interactive, throttled phone (median of runs)".into(),
            target: format!("< {}", ms(LOGIN_INTERACTIVE_MS)),
            measured: ms(login.median_ms),
            met: login.median_ms < LOGIN_INTERACTIVE_MS,
        });
    }
    out
}

fn mark(met: bool) -> &'static str {
    if met { "✅" } else { "❌" }
}

fn markdown(results: &Results) -> String {
    let mut md = String::new();
    let mode = match results.databases.first() {
        Some(run) => format!(
            "{} s per operation, {} concurrent clients, a programme of {} devices, \
             {} learners and {} pickups",
            run.plan.seconds,
            run.plan.clients,
            count(run.rows.devices),
            count(run.rows.learners),
            count(run.rows.pickups)
        ),
        None => "no database measured".into(),
    };
    let m = &results.machine;
    let _ = writeln!(md, "# Passerelle benchmarks\n");
    let _ = writeln!(
        md,
        "`cargo xtask bench` on {}, commit {}: {mode}.\n",
        results.generated_at, results.commit
    );
    let _ = writeln!(
        md,
        "Machine: {} CPU(s) ({}), {:.1} GiB RAM, {}, Linux {}. The load generator \
         (one thread), the server and the database share these CPUs; requests go over \
         real HTTP/1.1 on localhost, one keep-alive connection per client, each client \
         from an address of its own (127.0.0.2, .3, …: the server's attempt limits count \
         per address, as for households each on their own line), answers uncompressed.\n",
        m.cpus, m.cpu_model, m.memory_gib, m.os, m.kernel
    );

    let _ = writeln!(md, "## Targets\n");
    let _ = writeln!(
        md,
        "| what | target | measured | |\n| --- | --- | --- | --- |"
    );
    for v in &results.targets {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            v.what,
            v.target,
            v.measured,
            mark(v.met)
        );
    }
    if results.targets.is_empty() {
        let _ = writeln!(md, "| nothing measured | | | |");
    }

    if !results.databases.is_empty() {
        let _ = writeln!(md, "\n## Dataset\n");
        let header: Vec<&str> = results
            .databases
            .iter()
            .map(|r| r.database.as_str())
            .collect();
        let _ = writeln!(md, "| records | {} |", header.join(" | "));
        let _ = writeln!(md, "| --- |{}", " ---: |".repeat(header.len()));
        let tables: Vec<Vec<(&str, usize)>> =
            results.databases.iter().map(|r| r.rows.named()).collect();
        for (line, (name, _)) in tables[0].iter().enumerate() {
            let cells: Vec<String> = tables.iter().map(|t| count(t[line].1)).collect();
            let _ = writeln!(md, "| {name} | {} |", cells.join(" | "));
        }
        let cells: Vec<String> = results
            .databases
            .iter()
            .map(|r| format!("{:.1} s", r.seed_seconds))
            .collect();
        let _ = writeln!(md, "| generated and written in | {} |", cells.join(" | "));
    }

    if !results.imports.is_empty() {
        let _ = writeln!(md, "\n## Import\n");
        let _ = writeln!(
            md,
            "One workbook of {} records of each kind (donors, pickups, devices with five moves and an erasure each, cohorts with a module, trained learners, installations), sent to the running server over HTTP: checked whole (the dry run), then imported in one transaction. Memory is the server's, from `/proc`: resident before, and its peak since it started (the load above included).\n",
            count(results.imports[0].rows_per_kind)
        );
        let _ = writeln!(
            md,
            "| database | rows in the file | file | check | import | rows/s imported | memory before | peak |"
        );
        let _ = writeln!(
            md,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        );
        for run in &results.imports {
            let mb = |kb: Option<u64>| {
                kb.map_or("—".to_string(), |kb| {
                    format!("{:.0} MB", kb as f64 / 1024.0)
                })
            };
            let _ = writeln!(
                md,
                "| {} | {} | {:.1} MB | {:.1} s | {:.1} s | {:.0} | {} | {} |",
                run.database,
                count(run.rows),
                run.file_bytes as f64 / 1_048_576.0,
                run.check_seconds,
                run.import_seconds,
                run.rows as f64 / run.import_seconds.max(0.001),
                mb(run.rss_before_kb),
                mb(run.peak_kb),
            );
        }
    }

    for run in &results.databases {
        let _ = writeln!(md, "\n## GraphQL on {}\n", run.database);
        let _ = writeln!(
            md,
            "| operation | clients | requests | req/s | p50 | p99 | max | failures | target |"
        );
        let _ = writeln!(
            md,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        );
        for m in &run.operations {
            let s = &m.sample;
            let target = match (target_of(&m.key), met_by(m)) {
                (Some(limit), Some(met)) => format!("p99 < {} {}", ms(limit), mark(met)),
                _ => "—".to_string(),
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {:.1} | {} | {} | {} | {} | {target} |",
                m.label,
                s.clients,
                count(s.requests as usize),
                s.per_second,
                ms(s.p50_ms),
                ms(s.p99_ms),
                ms(s.max_ms),
                count(s.failures as usize),
            );
        }
        for m in &run.operations {
            if let Some(error) = &m.sample.first_error {
                let _ = writeln!(md, "\nFirst error, {}: `{}`", m.label, one_line(error));
            }
        }
        let log = results
            .server_logs
            .iter()
            .find(|l| l.database == run.database);
        match log.map(|l| l.complaints.as_slice()) {
            Some([]) | None => {
                let _ = writeln!(md, "\nThe server logged no warning or error.");
            }
            Some(complaints) => {
                let _ = writeln!(
                    md,
                    "\nThe server's warnings and errors during the run:\n\n\
                     | level | message | times | worst |\n| --- | --- | ---: | ---: |"
                );
                for c in complaints {
                    let worst = c
                        .worst_seconds
                        .map_or(String::new(), |s| format!("{s:.2} s"));
                    let _ = writeln!(
                        md,
                        "| {} | `{}` | {} | {worst} |",
                        c.level,
                        one_line(&c.message),
                        count(c.count)
                    );
                }
            }
        }
    }

    let _ = writeln!(md, "\n## The SPA's first download\n");
    match &results.spa {
        Some(spa) => {
            let _ = writeln!(
                md,
                "What the browser fetches before the sign-in page can work.\n"
            );
            let _ = writeln!(
                md,
                "| file | raw | gzip -9 | brotli -q 11 |\n| --- | ---: | ---: | ---: |"
            );
            for f in &spa.first_load {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    f.name,
                    kb(f.raw),
                    kb(f.gzip),
                    kb(f.brotli)
                );
            }
            let t = &spa.total;
            let _ = writeln!(
                md,
                "| **total** | {} | {} {} | {} {} |",
                kb(t.raw),
                kb(t.gzip),
                mark(t.gzip < SPA_COMPRESSED_BYTES),
                kb(t.brotli),
                mark(t.brotli < SPA_COMPRESSED_BYTES)
            );
            let _ = writeln!(
                md,
                "\nTarget: under {} compressed (kB = 1 000 bytes). The server sends the \
                 pre-compressed brotli files to browsers that accept them (Chromium does on \
                 HTTPS and on localhost), gzip otherwise.",
                kb(SPA_COMPRESSED_BYTES)
            );
            for f in &spa.after_load {
                let _ = writeln!(
                    md,
                    "After the page works, `{}` ({} brotli) installs the offline copy.",
                    f.name,
                    kb(f.brotli)
                );
            }
        }
        None => {
            let _ = writeln!(md, "Not measured.");
        }
    }

    let _ = writeln!(md, "\n## Login page interactive\n");
    match (&results.login, &results.login_skipped) {
        (Some(login), _) => {
            let runs: Vec<String> = login.runs_ms.iter().map(|r| ms(*r)).collect();
            let bytes: Vec<String> = login.transferred_bytes.iter().map(|b| kb(*b)).collect();
            let _ = writeln!(
                md,
                "From navigation to `/login` until the email field is there and the sign-in \
                 button enabled (the app has mounted), in {} with a cold cache: 360 × 740 px \
                 phone, CPU slowed 4×, 1.6 Mbps down, 750 kbps up, 150 ms RTT.\n",
                login.chromium
            );
            let _ = writeln!(
                md,
                "| median | runs | transferred | target |\n| ---: | --- | --- | --- |"
            );
            let _ = writeln!(
                md,
                "| {} | {} | {} | < {} {} |",
                ms(login.median_ms),
                runs.join(", "),
                bytes.join(", "),
                ms(LOGIN_INTERACTIVE_MS),
                mark(login.median_ms < LOGIN_INTERACTIVE_MS)
            );
        }
        (None, Some(reason)) => {
            let _ = writeln!(md, "Not measured: {reason}");
        }
        (None, None) => {
            let _ = writeln!(md, "Not measured.");
        }
    }
    md
}

/// `1234.5` → `1.23 s`; `12.34` → `12.3 ms`.
fn ms(value: f64) -> String {
    if value >= 1_000.0 {
        format!("{:.2} s", value / 1_000.0)
    } else {
        format!("{value:.1} ms")
    }
}

/// Bytes as kB of 1 000, like the target.
fn kb(bytes: u64) -> String {
    format!("{:.1} kB", bytes as f64 / 1_000.0)
}

/// `12345` → `12 345`.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Fit for a markdown table cell or inline code: one line, no backtick,
/// no column separator, the log's escaped quotes plain again.
fn one_line(text: &str) -> String {
    let flat = text
        .replace(['\n', '`'], " ")
        .replace("\\\"", "\"")
        .replace('|', "¦");
    flat.chars().take(300).collect()
}

/// The server's WARN and ERROR lines, grouped by what they say (without
/// the query text and timings that make each line different).
fn complaints(log: &str) -> Vec<Complaint> {
    const CUT_AT: &[&str] = &[" db.statement=", " aquired_after_secs=", " rows_affected="];
    let mut out: Vec<Complaint> = Vec::new();
    for line in log.lines() {
        let Some((level, rest)) = [" WARN ", " ERROR "]
            .iter()
            .find_map(|level| line.split_once(level).map(|(_, rest)| (level.trim(), rest)))
        else {
            continue;
        };
        let end = CUT_AT
            .iter()
            .filter_map(|marker| rest.find(marker))
            .min()
            .unwrap_or(rest.len());
        let message = rest[..end].trim().to_string();
        let seconds = ["elapsed_secs=", "aquired_after_secs="]
            .iter()
            .find_map(|key| {
                let (_, after) = rest.split_once(key)?;
                after.split_whitespace().next()?.parse::<f64>().ok()
            });
        match out
            .iter_mut()
            .find(|c| c.level == level && c.message == message)
        {
            Some(c) => {
                c.count += 1;
                c.worst_seconds = c.worst_seconds.into_iter().chain(seconds).reduce(f64::max);
            }
            None => out.push(Complaint {
                level: level.to_string(),
                message,
                count: 1,
                worst_seconds: seconds,
            }),
        }
    }
    out
}

fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let Some(commit) = git(&["rev-parse", "--short", "HEAD"]) else {
        return "unknown".into();
    };
    match git(&["status", "--porcelain"]) {
        Some(changes) if !changes.is_empty() => format!("{commit} with uncommitted changes"),
        _ => commit,
    }
}

fn machine() -> Machine {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let field = |text: &str, key: &str| {
        text.lines().find_map(|l| l.strip_prefix(key)).map(|rest| {
            rest.trim_start_matches([' ', '\t', ':', '='])
                .trim()
                .trim_matches('"')
                .to_string()
        })
    };
    let memory_kib: f64 = field(&read("/proc/meminfo"), "MemTotal")
        .and_then(|v| v.trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    Machine {
        cpus: std::thread::available_parallelism().map_or(0, usize::from),
        cpu_model: field(&read("/proc/cpuinfo"), "model name").unwrap_or_else(|| "unknown".into()),
        memory_gib: memory_kib / (1024.0 * 1024.0),
        os: field(&read("/etc/os-release"), "PRETTY_NAME").unwrap_or_else(|| "unknown".into()),
        kernel: read("/proc/sys/kernel/osrelease").trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_well() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(12_345), "12 345");
        assert_eq!(count(1_234_567), "1 234 567");
        assert_eq!(ms(12.34), "12.3 ms");
        assert_eq!(ms(1_234.5), "1.23 s");
        assert_eq!(kb(249_999), "250.0 kB");
    }

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(
            one_line("summary=\\\"SELECT a|b\\\"\nnext `x`"),
            "summary=\"SELECT a¦b\" next  x "
        );
    }

    #[test]
    fn groups_the_server_complaints() {
        let log = "\
Passerelle is running at http://127.0.0.1:1/
2026-11-30T16:56:29.8Z  WARN sqlx::query: slow statement: execution time exceeded alert threshold summary=\"SELECT devices\" db.statement=\"SELECT 1\" rows_affected=1 elapsed=2.06s elapsed_secs=2.06 slow_threshold=1s
2026-11-30T16:56:30.4Z ERROR passerelle::graphql::error: internal error error=too many SQL variables
2026-11-30T16:56:30.5Z  WARN sqlx::query: slow statement: execution time exceeded alert threshold summary=\"SELECT devices\" db.statement=\"SELECT 2\" rows_affected=1 elapsed=2.75s elapsed_secs=2.75 slow_threshold=1s
";
        let grouped = complaints(log);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].level, "WARN");
        assert_eq!(grouped[0].count, 2);
        assert_eq!(grouped[0].worst_seconds, Some(2.75));
        assert!(grouped[0].message.ends_with("summary=\"SELECT devices\""));
        assert_eq!(
            grouped[1].message,
            "passerelle::graphql::error: internal error error=too many SQL variables"
        );
        assert_eq!(grouped[1].worst_seconds, None);
    }

    #[test]
    fn reads_and_reports_are_held_to_their_targets() {
        assert_eq!(target_of("device_list"), Some(READ_P99_MS));
        assert_eq!(target_of("tracking"), Some(READ_P99_MS));
        assert_eq!(target_of("report_alone"), Some(REPORT_MS));
        // No target was set for writes, nor for fifty reports at once.
        assert_eq!(target_of("record_pickup"), None);
        assert_eq!(target_of("report"), None);
    }
}

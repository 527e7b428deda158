//! `bench [--quick]`: measures the real server, not timed tests. Builds the
//! server and `passerelle-bench` in release; for SQLite, then PostgreSQL,
//! fills a fresh database with a national-scale programme, starts the
//! server on it and loads it with 50 concurrent clients; weighs the SPA and
//! times its login page in a throttled Chromium; writes
//! `bench/results/latest.json` and `latest.md` and prints the latter.
//! `--quick`: a tenth of the dataset, 2 s per operation instead of 10.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::postgres;
use crate::proc::{
    Cmd, Error, Result, find_program, io_context, note, root, step, target_dir, warn,
};
use crate::{frontend, tools};

/// People using the app at once.
const CLIENTS: u64 = 50;
/// Signs the server's tokens during the run (at least 32 characters).
const JWT_SECRET: &str = "passerelle-bench-signing-key-not-a-secret";
const RESULTS: &str = "bench/results";
const LOGIN_SCRIPT: &str = "e2e/bench/login_interactive.mjs";
const LOGIN_RUNS: u32 = 3;
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub fn bench(quick: bool) -> Result<()> {
    let seconds = if quick { 2 } else { 10 };
    // The web app is weighed and timed as users get it: built here, in
    // release, with the tools (and the Chromium) it needs.
    step("checking build and test tools", || {
        tools::ensure_tools(true)
    })?;
    step("building the SPA (release)", || {
        frontend::build_frontend(false)
    })?;
    step(
        "building the server and the load generator (release)",
        || {
            Cmd::new("cargo")
                .args(["build", "--release"])
                .args(["-p", "passerelle-backend", "--bin", "passerelle"])
                .args(["-p", "passerelle-bench", "--bin", "passerelle-bench"])
                .run()
        },
    )?;
    let runs = target_dir().join("bench-runs");
    step(&format!("clearing {}", runs.display()), || {
        if runs.exists() {
            io_context(std::fs::remove_dir_all(&runs), || {
                format!("removing {}", runs.display())
            })?;
        }
        io_context(std::fs::create_dir_all(&runs), || {
            format!("creating {}", runs.display())
        })
    })?;
    let load = Load {
        runs: &runs,
        seconds,
        quick,
    };

    step("SQLite", || {
        let data_dir = runs.join("sqlite-data");
        let url = format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("passerelle.db").display()
        );
        io_context(std::fs::create_dir_all(&data_dir), || {
            format!("creating {}", data_dir.display())
        })?;
        load.round("sqlite", "SQLite", &url, &data_dir, |server| {
            step("timing the login page in a throttled Chromium", || {
                time_login(server, &runs)
            })
        })?;
        // The database is large and served its purpose; the logs stay.
        let _ = std::fs::remove_dir_all(&data_dir);
        Ok(())
    })?;

    step("PostgreSQL", || {
        let admin_url = step("checking PostgreSQL", postgres::ensure_postgres)?;
        let database = ScratchDatabase::create(&admin_url)?;
        let data_dir = runs.join("postgres-data");
        io_context(std::fs::create_dir_all(&data_dir), || {
            format!("creating {}", data_dir.display())
        })?;
        load.round("postgres", "PostgreSQL", &database.url, &data_dir, |_| {
            Ok(())
        })
    })?;

    step("weighing the SPA's first download", || {
        Cmd::new(bench_binary())
            .arg("spa-size")
            .arg("--dist")
            .arg(frontend::dist_dir())
            .arg("--out")
            .arg(runs.join("spa.json"))
            .run()
    })?;
    step("writing the results", || {
        Cmd::new(bench_binary())
            .arg("report")
            .arg("--runs")
            .arg(&runs)
            .arg("--out-dir")
            .arg(root().join(RESULTS))
            .run()
    })?;
    note(format!(
        "written to {RESULTS}/latest.json and {RESULTS}/latest.md; server logs in {}",
        runs.display()
    ));
    Ok(())
}

struct Load<'a> {
    runs: &'a Path,
    seconds: u64,
    quick: bool,
}

impl Load<'_> {
    /// Seeds the database at `url`, serves it, runs the load, then `also`
    /// while the server still runs.
    fn round(
        &self,
        name: &str,
        label: &str,
        url: &str,
        data_dir: &Path,
        also: impl FnOnce(&Server) -> Result<()>,
    ) -> Result<()> {
        let seed = self.runs.join(format!("seed-{name}.json"));
        step("generating the dataset", || {
            let mut seeding = Cmd::new(bench_binary())
                .args(["seed", "--database-url", url, "--out"])
                .arg(&seed);
            if self.quick {
                seeding = seeding.arg("--quick");
            }
            seeding.run()
        })?;
        let log = self.runs.join(format!("server-{name}.log"));
        let server = step("starting the server", || Server::start(url, data_dir, &log))?;
        step(
            &format!("{CLIENTS} clients, {} s per operation", self.seconds),
            || {
                Cmd::new(bench_binary())
                    .args(["load", "--url", &server.url, "--database", label])
                    .arg("--seed")
                    .arg(&seed)
                    .args(["--seconds", &self.seconds.to_string()])
                    .args(["--clients", &CLIENTS.to_string()])
                    .arg("--out")
                    .arg(self.runs.join(format!("api-{name}.json")))
                    .run()
            },
        )?;
        let rows = if self.quick { 1_000 } else { 10_000 };
        step(&format!("importing {rows} records of each kind"), || {
            Cmd::new(bench_binary())
                .args(["import", "--url", &server.url, "--database", label])
                .arg("--seed")
                .arg(&seed)
                .args(["--rows", &rows.to_string()])
                .args(["--pid", &server.child.id().to_string()])
                .arg("--out")
                .arg(self.runs.join(format!("import-{name}.json")))
                .run()
        })?;
        also(&server)?;
        drop(server);
        report_log(&log);
        Ok(())
    }
}

fn bench_binary() -> PathBuf {
    target_dir().join("release").join("passerelle-bench")
}

fn server_binary() -> PathBuf {
    target_dir().join("release").join("passerelle")
}

fn write_text(path: &Path, text: &str) -> Result<()> {
    io_context(std::fs::write(path, format!("{text}\n")), || {
        format!("writing {}", path.display())
    })
}

/// The real server, as a child process, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(database_url: &str, data_dir: &Path, log: &Path) -> Result<Server> {
        let port = free_port()?;
        let out = io_context(File::create(log), || format!("creating {}", log.display()))?;
        let err = io_context(out.try_clone(), || format!("opening {}", log.display()))?;
        let bind = format!("127.0.0.1:{port}");
        note(format!(
            "$ passerelle serve on {bind} (log: {})",
            log.display()
        ));
        let child = Command::new(server_binary())
            .arg("serve")
            .env("PASSERELLE_DATABASE_URL", database_url)
            .env("PASSERELLE_DATA_DIR", data_dir)
            .env("PASSERELLE_BIND", &bind)
            .env("PASSERELLE_STATIC_DIR", frontend::dist_dir())
            .env("PASSERELLE_JWT_SECRET", JWT_SECRET)
            .env("PASSERELLE_ENV", "production")
            // The dataset is seeded: no demo pickups on top.
            .env_remove("PASSERELLE_DEMO")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| Error::new(format!("starting {}: {e}", server_binary().display())))?;
        let mut server = Server {
            child,
            url: format!("http://{bind}"),
        };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(Error::new(format!(
                    "the server stopped ({status}):\n{}",
                    tail(log, 20)
                )));
            }
            if healthy(&bind) {
                note(format!(
                    "answering at {} after {:.1} s",
                    server.url,
                    started.elapsed().as_secs_f64()
                ));
                return Ok(server);
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(Error::new(format!(
                    "the server did not answer within {} s:\n{}",
                    START_TIMEOUT.as_secs(),
                    tail(log, 20)
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The child we started, by its handle; its data is disposable.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16> {
    let listener = io_context(TcpListener::bind("127.0.0.1:0"), || {
        "finding a free port".to_string()
    })?;
    let port = io_context(listener.local_addr(), || "finding a free port".to_string())?.port();
    Ok(port)
}

/// Whether `GET /health` answers 200.
fn healthy(bind: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(bind) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /health HTTP/1.1\r\nHost: {bind}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

/// The last `lines` lines of a file, for an error message.
fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Says what the server complained about during the load, if anything.
fn report_log(log: &Path) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let complaints: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
        .collect();
    if complaints.is_empty() {
        note("the server logged no warning or error");
        return;
    }
    warn(format!(
        "the server logged {} warning(s) or error(s) ({}); the first:",
        complaints.len(),
        log.display()
    ));
    for line in complaints.iter().take(5) {
        let line: String = line.chars().take(400).collect();
        println!("      {line}");
    }
}

/// A PostgreSQL database for one run, dropped when this goes out of scope.
struct ScratchDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    fn create(admin_url: &str) -> Result<ScratchDatabase> {
        let name = format!("passerelle_bench_{}", std::process::id());
        let out = Cmd::new(bench_binary())
            .args(["create-database", "--admin-url", admin_url, "--name", &name])
            .output()?;
        if !out.status.success() {
            return Err(Error::new(format!(
                "creating the database {name}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        let url = String::from_utf8_lossy(&out.stdout).trim().to_string();
        note(format!("fresh database {name}"));
        Ok(ScratchDatabase {
            admin_url: admin_url.to_string(),
            name,
            url,
        })
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let dropped = Cmd::new(bench_binary())
            .args([
                "drop-database",
                "--admin-url",
                &self.admin_url,
                "--name",
                &self.name,
            ])
            .run();
        match dropped {
            Ok(()) => note(format!("dropped the database {}", self.name)),
            Err(e) => warn(format!("could not drop the database {}: {e}", self.name)),
        }
    }
}

/// Runs the login script against the running server; its JSON goes to
/// `login.json`, or the reason it could not run to `login.skipped`.
fn time_login(server: &Server, runs: &Path) -> Result<()> {
    let chromium = std::env::var_os("CHROMIUM_PATH")
        .map(PathBuf::from)
        .or_else(|| find_program("chromium"))
        .filter(|p| p.is_file());
    let playwright = root().join("e2e/node_modules/playwright-core");
    let chromium = match (chromium, find_program("node"), playwright.is_dir()) {
        (Some(chromium), Some(_), true) => chromium,
        (chromium, node, _) => {
            let missing = if chromium.is_none() {
                "Chromium is not installed"
            } else if node.is_none() {
                "Node.js is not installed"
            } else {
                "e2e/node_modules has no playwright-core"
            };
            // The other figures are still worth having: say so, go on.
            let reason = format!("{missing}: run `cargo xtask ensure-tools --for-tests`");
            warn(&reason);
            return write_text(&runs.join("login.skipped"), &reason);
        }
    };
    let out_path = runs.join("login.json");
    let out = io_context(File::create(&out_path), || {
        format!("creating {}", out_path.display())
    })?;
    note(format!(
        "$ BASE_URL={} node {LOGIN_SCRIPT} > {}",
        server.url,
        out_path.display()
    ));
    let status = Command::new("node")
        .arg(LOGIN_SCRIPT)
        .env("BASE_URL", &server.url)
        .env("CHROMIUM_PATH", &chromium)
        .env("RUNS", LOGIN_RUNS.to_string())
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(out)
        .status()
        .map_err(|e| Error::new(format!("running node: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(format!("{LOGIN_SCRIPT} failed ({status})")))
    }
}

//! Passerelle's project commands: `cargo xtask run`, `cargo xtask test`,
//! `cargo xtask bench`, and the helpers they are made of. Standard library only.

mod bench;
mod frontend;
mod postgres;
mod proc;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use proc::{Cmd, Error, Result, note, step, target_dir};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run                          install what is missing, build the web app and the
                               server, and start it with the demo programme
  test [--no-e2e|--only-e2e]   every check and test suite, stopping at the first failure
  ensure-tools [--for-tests]   install the build tools (and the test tools) that are missing
  build-frontend [--dev]       build the web app into frontend/dist/
  ensure-postgres              make a PostgreSQL answer at TEST_POSTGRES_URL
                               (default postgres://postgres@127.0.0.1:5432/postgres)
  bench [--quick]              measure the real server on a national-scale dataset
                               (SQLite and PostgreSQL, 50 clients), the SPA's size and
                               its login page on a throttled phone; writes
                               bench/results/latest.{json,md} (--quick: a tenth, 2 s each)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, flags)) = args.split_first() else {
        print!("{USAGE}");
        return ExitCode::from(2);
    };
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    if matches!(command.as_str(), "help" | "-h" | "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let command = match parse(command, &flags) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = setup() {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    match dispatch(command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TestScope {
    All,
    NoE2e,
    OnlyE2e,
}

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Run,
    Test(TestScope),
    EnsureTools { for_tests: bool },
    BuildFrontend { dev: bool },
    EnsurePostgres,
    Bench { quick: bool },
}

fn parse(command: &str, flags: &[&str]) -> std::result::Result<Command, String> {
    let allowed: &[&str] = match command {
        "run" | "ensure-postgres" => &[],
        "test" => &["--no-e2e", "--only-e2e"],
        "ensure-tools" => &["--for-tests"],
        "build-frontend" => &["--dev"],
        "bench" => &["--quick"],
        other => return Err(format!("unknown command `{other}`")),
    };
    if let Some(bad) = flags.iter().find(|f| !allowed.contains(f)) {
        return Err(format!("`{command}` does not take `{bad}`"));
    }
    let has = |flag: &str| flags.contains(&flag);
    Ok(match command {
        "run" => Command::Run,
        "ensure-postgres" => Command::EnsurePostgres,
        "ensure-tools" => Command::EnsureTools {
            for_tests: has("--for-tests"),
        },
        "build-frontend" => Command::BuildFrontend { dev: has("--dev") },
        "bench" => Command::Bench {
            quick: has("--quick"),
        },
        _ => match (has("--no-e2e"), has("--only-e2e")) {
            (true, true) => return Err("--no-e2e and --only-e2e exclude each other".into()),
            (true, false) => Command::Test(TestScope::NoE2e),
            (false, true) => Command::Test(TestScope::OnlyE2e),
            (false, false) => Command::Test(TestScope::All),
        },
    })
}

/// Moves to the workspace root and picks the target directory.
fn setup() -> Result<()> {
    let invoked_from = std::env::current_dir()
        .map_err(|e| Error::new(format!("cannot read the current directory: {e}")))?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("xtask's manifest directory has no parent")?
        .to_path_buf();
    std::env::set_current_dir(&root)
        .map_err(|e| Error::new(format!("cannot enter {}: {e}", root.display())))?;

    let shared_cache =
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/passerelle-target"));
    let (target, why) = match std::env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
        // Cargo reads a relative CARGO_TARGET_DIR from where it was started.
        Some(dir) => (invoked_from.join(dir), "from CARGO_TARGET_DIR"),
        None => match shared_cache.filter(|dir| dir.is_dir()) {
            Some(dir) => (dir, "the shared build cache"),
            None => (root.join("target"), "the workspace default"),
        },
    };
    println!("==> target directory: {} ({why})", target.display());
    proc::init(root, target);
    Ok(())
}

fn dispatch(command: Command) -> Result<ExitCode> {
    match command {
        Command::Run => return run(),
        Command::Test(scope) => test(scope)?,
        Command::EnsureTools { for_tests } => {
            let what = if for_tests {
                "checking build and test tools"
            } else {
                "checking build tools"
            };
            step(what, || tools::ensure_tools(for_tests))?;
        }
        Command::BuildFrontend { dev } => {
            step("building the SPA", || frontend::build_frontend(dev))?;
        }
        Command::EnsurePostgres => {
            step("checking PostgreSQL", postgres::ensure_postgres)?;
        }
        Command::Bench { quick } => bench::bench(quick)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn server_binary() -> PathBuf {
    let name = if cfg!(windows) {
        "passerelle.exe"
    } else {
        "passerelle"
    };
    target_dir().join("debug").join(name)
}

fn build_server() -> Result<()> {
    Cmd::new("cargo")
        .args(["build", "-p", "passerelle-backend", "--bin", "passerelle"])
        .run()
}

fn run() -> Result<ExitCode> {
    step("checking build tools", || tools::ensure_tools(false))?;
    step("building the SPA", || frontend::build_frontend(false))?;
    step("building the server", build_server)?;
    step("starting the server", || {
        let mut server = Cmd::new(server_binary()).arg("serve");
        let defaults = [
            ("PASSERELLE_ENV", "development".into()),
            ("PASSERELLE_DEMO", "1".into()),
            (
                "PASSERELLE_STATIC_DIR",
                frontend::dist_dir().into_os_string(),
            ),
        ];
        for (key, value) in defaults {
            match std::env::var_os(key) {
                Some(yours) => note(format!("keeping your {key}={}", yours.to_string_lossy())),
                None => server = server.env(key, value),
            }
        }
        // Replaces this process: the server's exit code becomes ours, and
        // Ctrl-C reaches it alone.
        Err(server.exec())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn test(scope: TestScope) -> Result<()> {
    let e2e = scope != TestScope::NoE2e;
    let units = scope != TestScope::OnlyE2e;
    let total = if units { 6 + usize::from(e2e) } else { 2 };
    let mut done: Vec<(String, Duration)> = Vec::new();
    let mut number = 0;
    let mut timed = |name: &str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        number += 1;
        let label = format!("[{number}/{total}] {name}");
        let started = Instant::now();
        step(&label, f)?;
        done.push((label, started.elapsed()));
        Ok(())
    };

    let mut chromium = None;
    if units {
        timed("formatting (cargo fmt --check)", &mut || {
            step("rustfmt and clippy", tools::ensure_rust_components)?;
            Cmd::new("cargo")
                .args(["fmt", "--all", "--", "--check"])
                .run()
        })?;
    }
    timed("checking build and test tools", &mut || {
        chromium = tools::ensure_tools(true)?.chromium;
        Ok(())
    })?;
    if units {
        timed("lints (cargo clippy -D warnings)", &mut || {
            Cmd::new("cargo")
                .args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
                .run()
        })?;
        timed(
            "shared-types builds for WebAssembly without tokio",
            &mut check_shared_types,
        )?;
        timed("unit and integration tests on SQLite", &mut || {
            Cmd::new("cargo")
                .args(["nextest", "run", "--workspace"])
                .args(["--exclude", "passerelle-frontend", "--no-fail-fast"])
                .env("PASSERELLE_TEST_DATABASE", "sqlite")
                .run()
        })?;
        timed("API tests on PostgreSQL", &mut || {
            let url = step("checking PostgreSQL", postgres::ensure_postgres)?;
            Cmd::new("cargo")
                .args(["nextest", "run", "-p", "passerelle-backend"])
                .args(["--test", "api", "--no-fail-fast"])
                .env("PASSERELLE_TEST_DATABASE", "postgres")
                .env("TEST_POSTGRES_URL", url)
                .run()
        })?;
    }
    if e2e {
        let chromium = chromium.ok_or("Chromium was not found")?;
        timed("end-to-end journeys in headless Chromium", &mut || {
            step("building the SPA", || frontend::build_frontend(false))?;
            step("building the server", build_server)?;
            step("running the journeys", || {
                Cmd::new("node")
                    .args(["--test", "--test-concurrency=1", "tests/"])
                    .env("PASSERELLE_BIN", server_binary())
                    .env("PASSERELLE_STATIC_DIR", frontend::dist_dir())
                    .env("CHROMIUM_PATH", &chromium)
                    .dir("e2e")
                    .run()
            })
        })?;
    }

    println!();
    for (label, took) in &done {
        println!("    {:>7.1} s  {label}", took.as_secs_f64());
    }
    println!("all suites passed");
    Ok(())
}

/// Whether `cargo tree -i tokio` says tokio is in the tree. It fails with
/// "did not match any packages" when tokio is absent.
fn tokio_in_tree(success: bool, stdout: &str, stderr: &str) -> std::result::Result<bool, String> {
    if success {
        Ok(stdout.lines().any(|line| line.starts_with("tokio")))
    } else if stderr.contains("did not match") {
        Ok(false)
    } else {
        Err(format!("cargo tree failed: {}", stderr.trim()))
    }
}

fn check_shared_types() -> Result<()> {
    Cmd::new("cargo")
        .args([
            "build",
            "-p",
            "shared-types",
            "--target",
            tools::WASM_TARGET,
        ])
        .run()?;
    let out = Cmd::new("cargo")
        .args(["tree", "-p", "shared-types", "-e", "normal", "-i", "tokio"])
        .output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if tokio_in_tree(out.status.success(), &stdout, &stderr)? {
        return Err(Error::new(format!(
            "shared-types depends on tokio, which must stay out of the browser build:\n{stdout}"
        )));
    }
    note("no tokio in shared-types' dependencies");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands() {
        assert_eq!(parse("run", &[]), Ok(Command::Run));
        assert_eq!(parse("test", &[]), Ok(Command::Test(TestScope::All)));
        assert_eq!(
            parse("test", &["--no-e2e"]),
            Ok(Command::Test(TestScope::NoE2e))
        );
        assert_eq!(
            parse("test", &["--only-e2e"]),
            Ok(Command::Test(TestScope::OnlyE2e))
        );
        assert!(parse("test", &["--no-e2e", "--only-e2e"]).is_err());
        assert_eq!(
            parse("ensure-tools", &["--for-tests"]),
            Ok(Command::EnsureTools { for_tests: true })
        );
        assert_eq!(
            parse("build-frontend", &["--dev"]),
            Ok(Command::BuildFrontend { dev: true })
        );
        assert_eq!(
            parse("bench", &["--quick"]),
            Ok(Command::Bench { quick: true })
        );
        assert_eq!(parse("bench", &[]), Ok(Command::Bench { quick: false }));
        assert!(parse("bench", &["--dev"]).is_err());
        assert!(parse("run", &["--dev"]).is_err());
        assert!(parse("deploy", &[]).is_err());
    }

    #[test]
    fn reads_cargo_tree() {
        let absent = "error: package ID specification `tokio` did not match any packages\n";
        assert_eq!(tokio_in_tree(false, "", absent), Ok(false));
        assert_eq!(tokio_in_tree(true, "", ""), Ok(false));
        assert_eq!(
            tokio_in_tree(true, "tokio v1.54.1\n└── shared-types v0.1.0\n", ""),
            Ok(true)
        );
        assert!(tokio_in_tree(false, "", "error: failed to load manifest").is_err());
    }
}

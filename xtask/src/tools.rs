//! `ensure-tools`: install what the build and the tests need, skip what is there.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::proc::{Cmd, Error, Result, find_program, io_context, note, root, step, warn};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What later steps need to know about the tools found.
#[derive(Debug, Default)]
pub struct Tools {
    /// The Chromium binary (only looked for with `--for-tests`).
    pub chromium: Option<PathBuf>,
}

pub fn ensure_tools(for_tests: bool) -> Result<Tools> {
    step("Rust target wasm32-unknown-unknown", ensure_wasm_target)?;
    step("rustfmt and clippy", ensure_rust_components)?;
    step("wasm-bindgen CLI", || ensure_wasm_bindgen().map(|_| ()))?;
    step("wasm-split CLI", || ensure_wasm_split().map(|_| ()))?;
    step("brotli (smaller downloads for phones)", ensure_brotli)?;
    let mut tools = Tools::default();
    if for_tests {
        step("cargo-nextest", ensure_nextest)?;
        tools.chromium = Some(step("Chromium", ensure_chromium)?);
        step("Node.js and npm", ensure_node)?;
        step("e2e npm packages", ensure_e2e_packages)?;
        step("aiosmtpd (the tests' SMTP server)", ensure_aiosmtpd)?;
    }
    Ok(tools)
}

/// Brotli makes the web app about a fifth smaller than gzip on the wire.
/// Worth installing, not worth failing for: without it the app ships gzip.
fn ensure_brotli() -> Result<()> {
    if find_program("brotli").is_some() {
        note("present");
        return Ok(());
    }
    if let Err(e) = apt_install(&["brotli"]) {
        warn(format!(
            "brotli could not be installed ({e}): the app will ship gzip only"
        ));
    }
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let Some(installed) = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .probe()
    else {
        warn(
            "rustup did not answer: cannot check the wasm32-unknown-unknown target; the web app build will tell",
        );
        return Ok(());
    };
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        note("present");
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()
}

/// rustfmt and clippy (cheap to check; `test` runs this before `cargo fmt`).
pub fn ensure_rust_components() -> Result<()> {
    let mut missing = Vec::new();
    for (subcommand, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        if Cmd::new("cargo")
            .args([subcommand, "--version"])
            .probe()
            .is_none()
        {
            missing.push(component);
        }
    }
    if missing.is_empty() {
        note("present");
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["component", "add"])
        .args(&missing)
        .run()
}

/// Every version of `package` recorded in a Cargo.lock.
pub fn locked_versions(lock: &str, package: &str) -> Vec<String> {
    let wanted = format!("name = \"{package}\"");
    let mut versions = Vec::new();
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line != wanted {
            continue;
        }
        let version = lines
            .next()
            .and_then(|l| l.strip_prefix("version"))
            .map(str::trim_start)
            .and_then(|l| l.strip_prefix('='))
            .map(str::trim)
            .and_then(|l| l.strip_prefix('"'))
            .and_then(|l| l.strip_suffix('"'));
        if let Some(v) = version
            && !versions.iter().any(|known| known == v)
        {
            versions.push(v.to_string());
        }
    }
    versions
}

/// The wasm-bindgen version pinned by the workspace's Cargo.lock.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let path = root().join("Cargo.lock");
    let lock = io_context(std::fs::read_to_string(&path), || {
        format!("reading {}", path.display())
    })?;
    let mut versions = locked_versions(&lock, "wasm-bindgen");
    match versions.len() {
        1 => Ok(versions.remove(0)),
        0 => Err(Error::new(
            "Cargo.lock has no `wasm-bindgen` package (run `cargo generate-lockfile`?)",
        )),
        _ => Err(Error::new(format!(
            "Cargo.lock holds several wasm-bindgen versions ({}); the CLI must match the one the web app uses: run `cargo update -p wasm-bindgen` to unify them",
            versions.join(", ")
        ))),
    }
}

/// The version a `wasm-bindgen --version` line reports (`wasm-bindgen 0.2.130`).
pub fn parse_wasm_bindgen_version(output: &str) -> Option<String> {
    let mut words = output.split_whitespace();
    (words.next()? == "wasm-bindgen").then_some(())?;
    words.next().map(str::to_string)
}

/// A `wasm-bindgen` binary of exactly `version`: the one on PATH, else the
/// one in cargo's bin directory.
pub fn find_wasm_bindgen(version: &str) -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(on_path) = find_program("wasm-bindgen") {
        candidates.push(on_path);
    }
    if let Some(bin) = crate::proc::cargo_bin_dir().map(|d| d.join("wasm-bindgen"))
        && bin.is_file()
        && !candidates.contains(&bin)
    {
        candidates.push(bin);
    }
    for candidate in candidates {
        let found = Cmd::new(&candidate)
            .arg("--version")
            .probe()
            .and_then(|out| parse_wasm_bindgen_version(&out));
        match found {
            Some(v) if v == version => {
                note(format!("present: {} {v}", candidate.display()));
                return Some(candidate);
            }
            Some(v) => note(format!(
                "{} is version {v}, the lock file wants {version}",
                candidate.display()
            )),
            None => note(format!("{} did not report a version", candidate.display())),
        }
    }
    None
}

pub fn ensure_wasm_bindgen() -> Result<PathBuf> {
    let version = locked_wasm_bindgen_version()?;
    note(format!("Cargo.lock pins wasm-bindgen {version}"));
    if let Some(path) = find_wasm_bindgen(&version) {
        return Ok(path);
    }
    Cmd::new("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &version])
        .run()?;
    find_wasm_bindgen(&version).ok_or_else(|| {
        Error::new(format!(
            "wasm-bindgen {version} was installed but cannot be found on PATH or in cargo's bin directory"
        ))
    })
}

/// Splits the web app per page (the split points are Leptos's `#[lazy]`).
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

/// The `wasm-split-cli` binary: on PATH, else in cargo's bin directory.
pub fn find_wasm_split() -> Option<PathBuf> {
    find_program("wasm-split-cli").or_else(|| {
        crate::proc::cargo_bin_dir()
            .map(|d| d.join("wasm-split-cli"))
            .filter(|bin| bin.is_file())
    })
}

pub fn ensure_wasm_split() -> Result<PathBuf> {
    if let Some(path) = find_wasm_split() {
        note(format!("present: {}", path.display()));
        return Ok(path);
    }
    Cmd::new("cargo")
        .args(["install", "--locked", "wasm_split_cli_support"])
        .args([
            "--version",
            WASM_SPLIT_VERSION,
            "--features",
            "build-binary",
        ])
        .run()?;
    find_wasm_split().ok_or_else(|| {
        Error::new(
            "wasm-split-cli was installed but cannot be found on PATH or in cargo's bin directory",
        )
    })
}

fn ensure_nextest() -> Result<()> {
    if Cmd::new("cargo")
        .args(["nextest", "--version"])
        .probe()
        .is_some()
    {
        note("present");
        return Ok(());
    }
    Cmd::new("cargo")
        .args(["install", "cargo-nextest", "--locked"])
        .run()
}

fn find_chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    find_program("chromium")
}

fn ensure_chromium() -> Result<PathBuf> {
    if let Some(path) = find_chromium() {
        note(format!("present: {}", path.display()));
        return Ok(path);
    }
    apt_install(&["chromium"])?;
    find_chromium()
        .ok_or_else(|| Error::new("chromium was installed but /usr/bin/chromium is missing"))
}

/// The SMTP server the message tests send to: from PyPI, else Debian's.
fn ensure_aiosmtpd() -> Result<()> {
    let importable = || {
        Cmd::new("python3")
            .args(["-c", "import aiosmtpd"])
            .probe()
            .is_some()
    };
    if importable() {
        note("present");
        return Ok(());
    }
    let from_pypi = Cmd::new("python3")
        .args(["-m", "pip", "install", "--quiet", "aiosmtpd==1.4.6"])
        .run();
    if from_pypi.is_err() {
        apt_install(&["python3-aiosmtpd"])?;
    }
    if importable() {
        Ok(())
    } else {
        Err(Error::new(
            "aiosmtpd was installed but python3 cannot import it",
        ))
    }
}

fn ensure_node() -> Result<()> {
    if let (Some(node), Some(_)) = (find_program("node"), find_program("npm")) {
        note(format!("present: {}", node.display()));
        return Ok(());
    }
    apt_install(&["nodejs", "npm"])?;
    match (find_program("node"), find_program("npm")) {
        (Some(_), Some(_)) => Ok(()),
        _ => Err(Error::new(
            "nodejs and npm were installed but node or npm is still not on PATH",
        )),
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

/// The packages a `package-lock.json` installs (its `"node_modules/…"` keys).
pub fn locked_npm_packages(lock: &str) -> Vec<&str> {
    lock.lines()
        .filter_map(|line| line.trim().strip_prefix("\"node_modules/"))
        .filter_map(|rest| rest.split_once('"'))
        .filter(|(_, after)| after.trim_start().starts_with(':'))
        .map(|(name, _)| name)
        .collect()
}

/// `npm ci` is due when node_modules is missing, older than the lock file,
/// or lacks a package the lock names: a lock merged in with a new package
/// (and an old mtime) must still install it.
fn npm_ci_needed(e2e: &Path) -> bool {
    let modules = e2e.join("node_modules");
    if !modules.is_dir() {
        return true;
    }
    let lock = std::fs::read_to_string(e2e.join("package-lock.json")).unwrap_or_default();
    if locked_npm_packages(&lock)
        .iter()
        .any(|name| !modules.join(name).join("package.json").is_file())
    {
        return true;
    }
    match (
        modified(&e2e.join("package-lock.json")),
        modified(&e2e.join("node_modules").join(".package-lock.json")),
    ) {
        (Some(lock), Some(installed)) => lock > installed,
        _ => true,
    }
}

fn ensure_e2e_packages() -> Result<()> {
    let e2e = root().join("e2e");
    if !npm_ci_needed(&e2e) {
        note("e2e/node_modules is up to date");
        return Ok(());
    }
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .dir("e2e")
        .run()
}

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// `apt-get install -y` (as root, or through sudo), after one
/// `apt-get update` per run.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if find_program("apt-get").is_none() {
        return Err(Error::new(format!(
            "apt-get is not available (not a Debian-like system?): install {} by hand",
            packages.join(" ")
        )));
    }
    if !APT_UPDATED.load(Ordering::SeqCst) {
        Cmd::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .arg("update")
            .privileged()?
            .run()?;
        APT_UPDATED.store(true, Ordering::SeqCst);
    }
    Cmd::new("apt-get")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .args(["install", "-y"])
        .args(packages)
        .privileged()?
        .run()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_package_of_an_npm_lock_is_listed() {
        let lock = r#"{
  "name": "passerelle-e2e",
  "packages": {
    "": {
      "devDependencies": {
        "@axe-core/playwright": "4.13.0"
      }
    },
    "node_modules/@axe-core/playwright": {
      "version": "4.13.0",
      "dependencies": {
        "axe-core": "~4.13.0"
      }
    },
    "node_modules/axe-core": {
      "version": "4.13.0"
    }
  }
}"#;
        assert_eq!(
            locked_npm_packages(lock),
            vec!["@axe-core/playwright", "axe-core"]
        );
    }

    #[test]
    fn the_e2e_lock_pins_the_accessibility_checker() {
        let lock = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../e2e/package-lock.json"),
        )
        .expect("e2e/package-lock.json should be readable");
        let packages = locked_npm_packages(&lock);
        for wanted in ["playwright-core", "@axe-core/playwright", "axe-core"] {
            assert!(packages.contains(&wanted), "{wanted} missing from the lock");
        }
    }

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"

[[package]]
name = "web-sys"
version = "0.3.77"
"#;

    #[test]
    fn finds_the_locked_version() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), vec!["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "web-sys"), vec!["0.3.77"]);
    }

    #[test]
    fn does_not_confuse_prefixed_names() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n";
        assert!(locked_versions(lock, "wasm-bindgen").is_empty());
    }

    #[test]
    fn lists_each_distinct_version_once() {
        let lock = format!(
            "{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n"
        );
        assert_eq!(
            locked_versions(&lock, "wasm-bindgen"),
            vec!["0.2.130", "0.2.99"]
        );
    }

    #[test]
    fn parses_the_cli_version() {
        assert_eq!(
            parse_wasm_bindgen_version("wasm-bindgen 0.2.130\n").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_wasm_bindgen_version("something 1.0"), None);
        assert_eq!(parse_wasm_bindgen_version(""), None);
    }
}

//! Steps, errors, and running external commands (each printed before it runs).

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What went wrong, and inside which steps (outermost first).
#[derive(Debug)]
pub struct Error {
    pub steps: Vec<String>,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            steps: Vec::new(),
            message: message.into(),
        }
    }
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::new(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Self {
        Error::new(message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.steps.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(
                f,
                "step \"{}\" failed: {}",
                self.steps.join(" › "),
                self.message
            )
        }
    }
}

/// Adds a description to an I/O (or other) error.
pub fn io_context<T, E: fmt::Display>(
    result: std::result::Result<T, E>,
    what: impl FnOnce() -> String,
) -> Result<T> {
    result.map_err(|e| Error::new(format!("{}: {e}", what())))
}

static DEPTH: AtomicUsize = AtomicUsize::new(0);

/// Prints `==> name` (or `  -> name` when nested), runs `f`, and records the
/// step's name in the error if it fails.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let depth = DEPTH.fetch_add(1, Ordering::SeqCst);
    if depth == 0 {
        println!("==> {name}");
    } else {
        println!("{}-> {name}", "  ".repeat(depth));
    }
    let result = f();
    DEPTH.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|mut e| {
        e.steps.insert(0, name.to_string());
        e
    })
}

/// Prints an informational line under the current step.
pub fn note(message: impl fmt::Display) {
    println!("{}  {message}", indent());
}

/// Prints a warning (the run goes on).
pub fn warn(message: impl fmt::Display) {
    println!("{}  warning: {message}", indent());
}

fn indent() -> String {
    "  ".repeat(DEPTH.load(Ordering::SeqCst))
}

static ROOT: OnceLock<PathBuf> = OnceLock::new();
static TARGET_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Records the workspace root and the target directory every child uses.
pub fn init(root: PathBuf, target_dir: PathBuf) {
    // Set once, at start-up: a second call keeps the first values.
    let _ = ROOT.set(root);
    let _ = TARGET_DIR.set(target_dir);
}

/// The workspace root (also the current directory).
pub fn root() -> &'static Path {
    ROOT.get().map_or(Path::new("."), PathBuf::as_path)
}

/// The cargo target directory shared by every child cargo.
pub fn target_dir() -> &'static Path {
    TARGET_DIR
        .get()
        .map_or(Path::new("target"), PathBuf::as_path)
}

/// Variables `cargo run` sets for xtask itself; children must not inherit them.
const CARGO_RUN_VARS: &[&str] = &[
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_MANIFEST_LINKS",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_PRIMARY_PACKAGE",
];

/// An external command, printed before it runs.
#[derive(Clone, Debug)]
pub struct Cmd {
    program: OsString,
    args: Vec<OsString>,
    envs: Vec<(String, OsString)>,
    dir: Option<PathBuf>,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Cmd {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            envs: Vec::new(),
            dir: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.to_string(), value.as_ref().to_owned()));
        self
    }

    /// Runs in `dir`, relative to the workspace root.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// The same command, run as root: unchanged when we are root, else
    /// through `sudo` (with `env` carrying the variables past sudo's filter).
    pub fn privileged(self) -> Result<Cmd> {
        if is_root() {
            return Ok(self);
        }
        if find_program("sudo").is_none() {
            return Err(Error::new(format!(
                "`{}` needs root, and sudo is not installed: run this as root, or run it by hand",
                self
            )));
        }
        let mut sudo = Cmd::new("sudo");
        if !self.envs.is_empty() {
            sudo = sudo.arg("env");
            for (k, v) in &self.envs {
                let mut kv = OsString::from(format!("{k}="));
                kv.push(v);
                sudo = sudo.arg(kv);
            }
        }
        sudo = sudo.arg(&self.program).args(&self.args);
        sudo.dir = self.dir;
        Ok(sudo)
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args);
        for var in CARGO_RUN_VARS {
            cmd.env_remove(var);
        }
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("CARGO_PKG_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("CARGO_TARGET_DIR", target_dir());
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        if let Some(dir) = &self.dir {
            cmd.current_dir(dir);
        }
        cmd
    }

    fn announce(&self) {
        println!("{}  $ {self}", indent());
        let _ = io::stdout().flush();
    }

    fn spawn_error(&self, e: io::Error) -> Error {
        if e.kind() == io::ErrorKind::NotFound {
            Error::new(format!(
                "could not start `{}`: program not found",
                self.program.to_string_lossy()
            ))
        } else {
            Error::new(format!("could not start `{self}`: {e}"))
        }
    }

    /// Runs with inherited stdio; fails unless it exits successfully.
    pub fn run(&self) -> Result<()> {
        let status = self.status()?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::new(format!("`{self}` failed ({status})")))
        }
    }

    /// Runs with inherited stdio and returns its exit status.
    pub fn status(&self) -> Result<ExitStatus> {
        self.announce();
        self.command()
            .stdin(Stdio::inherit())
            .status()
            .map_err(|e| self.spawn_error(e))
    }

    /// Runs with captured output; fails only when it cannot start.
    pub fn output(&self) -> Result<Output> {
        self.announce();
        self.command()
            .stdin(Stdio::null())
            .output()
            .map_err(|e| self.spawn_error(e))
    }

    /// Runs quietly-captured: `Some(stdout)` when it started and succeeded.
    pub fn probe(&self) -> Option<String> {
        match self.output() {
            Ok(out) if out.status.success() => {
                Some(String::from_utf8_lossy(&out.stdout).into_owned())
            }
            _ => None,
        }
    }

    /// Replaces this process with the command (Unix), or runs it and exits
    /// with its code elsewhere. Returns only on failure to start.
    pub fn exec(&self) -> Error {
        self.announce();
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            let e = self.command().exec();
            self.spawn_error(e)
        }
        #[cfg(not(unix))]
        {
            match self.command().status() {
                Ok(status) => std::process::exit(status.code().unwrap_or(1)),
                Err(e) => self.spawn_error(e),
            }
        }
    }
}

impl fmt::Display for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words = Vec::new();
        for (k, v) in &self.envs {
            words.push(format!("{k}={}", quote(v)));
        }
        words.push(quote(&self.program));
        words.extend(self.args.iter().map(|a| quote(a)));
        let line = words.join(" ");
        match &self.dir {
            Some(dir) => write!(f, "(cd {} && {line})", quote(dir.as_os_str())),
            None => write!(f, "{line}"),
        }
    }
}

/// Shell-quotes a word when it needs it, for display.
fn quote(word: &OsStr) -> String {
    let s = word.to_string_lossy();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%^".contains(c));
    if plain {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    if let Some(root) = std::env::var_os("CARGO_INSTALL_ROOT") {
        return Some(PathBuf::from(root).join("bin"));
    }
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(home).join("bin"));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo").join("bin"))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// The program's path: on PATH, else in cargo's bin directory.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path_dirs = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    path_dirs
        .into_iter()
        .chain(cargo_bin_dir())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// Whether we run as root (effective uid 0).
pub fn is_root() -> bool {
    static ROOT_USER: OnceLock<bool> = OnceLock::new();
    *ROOT_USER.get_or_init(|| {
        if let Ok(status) = std::fs::read_to_string("/proc/self/status")
            && let Some(euid) = status
                .lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|rest| rest.split_whitespace().nth(1))
        {
            return euid == "0";
        }
        Cmd::new("id")
            .arg("-u")
            .probe()
            .is_some_and(|out| out.trim() == "0")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_commands_as_shell_lines() {
        let cmd = Cmd::new("node")
            .args(["--test", "tests/", "it's here"])
            .env("CHROMIUM_PATH", "/usr/bin/chromium")
            .dir("e2e");
        assert_eq!(
            cmd.to_string(),
            "(cd e2e && CHROMIUM_PATH=/usr/bin/chromium node --test tests/ 'it'\\''s here')"
        );
        assert_eq!(Cmd::new("echo").arg("").to_string(), "echo ''");
    }

    #[test]
    fn errors_name_their_steps() {
        let e = step("outer", || {
            step("inner", || Err::<(), _>(Error::new("boom")))
        })
        .expect_err("the step fails");
        assert_eq!(e.to_string(), "step \"outer › inner\" failed: boom");
    }
}

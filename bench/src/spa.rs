//! The SPA's weight on the wire: the files a phone downloads before the
//! sign-in page can work, raw and compressed the way the server can send
//! them (gzip -9, brotli -q 11, as `cargo xtask build-frontend` makes them).

use std::path::Path;
use std::process::Command;

use serde::{Deserialize, Serialize};

/// Fetched at first load of any page: the page, its style, the boot script,
/// the wasm-bindgen glue, the glue's own imports (`browser.js`, and
/// `__wasm_split.js` which fetches the other pages' pieces when they are
/// opened), the app's main piece.
const FIRST_LOAD: &[&str] = &[
    "index.html",
    "style.css",
    "boot.js",
    "passerelle.js",
    "browser.js",
    "__wasm_split.js",
    "passerelle_bg.wasm",
];
/// Fetched once the page works (the service worker, which then keeps the
/// files above for offline use): not in the first download.
const AFTER_LOAD: &[&str] = &["sw.js"];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpaSizes {
    pub first_load: Vec<FileSize>,
    pub total: FileSize,
    pub after_load: Vec<FileSize>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

pub fn measure(dist: &Path) -> Result<SpaSizes, String> {
    let missing: Vec<&str> = FIRST_LOAD
        .iter()
        .copied()
        .filter(|name| !dist.join(name).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} has no {} (build the app with `cargo xtask build-frontend`)",
            dist.display(),
            missing.join(", ")
        ));
    }
    let first_load = FIRST_LOAD
        .iter()
        .map(|name| file_size(dist, name))
        .collect::<Result<Vec<_>, _>>()?;
    let after_load = AFTER_LOAD
        .iter()
        .filter(|name| dist.join(name).is_file())
        .map(|name| file_size(dist, name))
        .collect::<Result<Vec<_>, _>>()?;
    let total = FileSize {
        name: "total".into(),
        raw: first_load.iter().map(|f| f.raw).sum(),
        gzip: first_load.iter().map(|f| f.gzip).sum(),
        brotli: first_load.iter().map(|f| f.brotli).sum(),
    };
    Ok(SpaSizes {
        first_load,
        total,
        after_load,
    })
}

fn file_size(dist: &Path, name: &str) -> Result<FileSize, String> {
    let path = dist.join(name);
    let raw = std::fs::metadata(&path)
        .map_err(|e| format!("reading {}: {e}", path.display()))?
        .len();
    Ok(FileSize {
        name: name.to_string(),
        raw,
        gzip: compressed_size(Command::new("gzip").args(["-9", "-c"]).arg(&path))?,
        brotli: compressed_size(Command::new("brotli").args(["-q", "11", "-c"]).arg(&path))?,
    })
}

/// The size of what a compressor writes to its standard output.
fn compressed_size(command: &mut Command) -> Result<u64, String> {
    let shown = format!("{command:?}");
    let out = command
        .output()
        .map_err(|e| format!("running {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout.len() as u64)
}

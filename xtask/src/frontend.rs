//! `build-frontend`: the Leptos SPA into `frontend/dist/`.

use std::path::{Path, PathBuf};

use crate::proc::{Cmd, Error, Result, find_program, io_context, note, root, step, target_dir};
use crate::tools::{WASM_TARGET, find_wasm_bindgen, find_wasm_split, locked_wasm_bindgen_version};

/// Where the built app goes, relative to the workspace root.
pub const DIST: &str = "frontend/dist";
const STATIC: &str = "frontend/static";
const COMPRESSED_EXTENSIONS: &[&str] = &["wasm", "js", "css", "html", "svg", "json"];

pub fn dist_dir() -> PathBuf {
    root().join(DIST)
}

pub fn build_frontend(dev: bool) -> Result<()> {
    let (profile, profile_dir) = if dev {
        ("dev", "debug")
    } else {
        ("wasm-release", "wasm-release")
    };
    let dist = dist_dir();

    let version = locked_wasm_bindgen_version()?;
    let wasm_bindgen = find_wasm_bindgen(&version).ok_or_else(|| {
        Error::new(format!(
            "wasm-bindgen {version} (the version in Cargo.lock) is not installed: run `cargo xtask ensure-tools`"
        ))
    })?;

    let wasm_split = find_wasm_split().ok_or_else(|| {
        Error::new("wasm-split-cli is not installed: run `cargo xtask ensure-tools`")
    })?;

    step(&format!("clearing {DIST}"), || {
        if dist.exists() {
            io_context(std::fs::remove_dir_all(&dist), || {
                format!("removing {}", dist.display())
            })?;
        }
        io_context(std::fs::create_dir_all(&dist), || {
            format!("creating {}", dist.display())
        })
    })?;

    step(
        &format!("compiling the web app to WebAssembly (profile {profile})"),
        || {
            Cmd::new("cargo")
                .args([
                    "build",
                    "-p",
                    "passerelle-frontend",
                    "--target",
                    WASM_TARGET,
                ])
                .args(["--profile", profile])
                .run()
        },
    )?;

    // Each page is its own piece, fetched when first opened: the sign-in page
    // downloads only what it needs (the split points are `#[lazy]` in app.rs).
    let split = target_dir().join("wasm-split");
    step("splitting the app per page (wasm-split)", || {
        if split.exists() {
            io_context(std::fs::remove_dir_all(&split), || {
                format!("removing {}", split.display())
            })?;
        }
        let wasm = built_wasm(&target_dir().join(WASM_TARGET).join(profile_dir))?;
        Cmd::new(&wasm_split)
            .arg(wasm)
            .arg(&split)
            .args(["--out-name", "passerelle", "--target", "web"])
            .run()
    })?;

    step("generating the JavaScript glue (wasm-bindgen)", || {
        Cmd::new(&wasm_bindgen)
            .args(["--target", "web", "--no-typescript", "--out-dir", DIST])
            .args(["--out-name", "passerelle"])
            // Debug names and tool credits are dead weight on a phone's data plan.
            // (No wasm-opt: Debian's binaryen 108 breaks the externref table that
            // current wasm-bindgen emits, and a newer one saved about 1 % gzipped.)
            .args(["--remove-name-section", "--remove-producers-section"])
            // The pieces reach the main module's table and memory by the
            // names the linker gave them.
            .arg("--keep-lld-exports")
            .arg(split.join("passerelle.wasm"))
            .run()
    })?;

    let pieces = step("adding the pages' pieces", || add_pieces(&split, &dist))?;

    step(&format!("copying {STATIC}/ into {DIST}/"), || {
        let copied = copy_dir(&root().join(STATIC), &dist)?;
        note(format!("{copied} file(s) copied"));
        Ok(())
    })?;

    step("listing the pieces for the offline copy (sw.js)", || {
        list_pieces_for_offline(&dist.join("sw.js"), &pieces)
    })?;

    step("pre-compressing (gzip, brotli)", || compress(&dist))?;

    report_sizes(&dist.join("passerelle_bg.wasm"))
}

/// Copies wasm-split's loader and the pages' pieces into `dist`, without
/// their custom sections (names, relocations: wasm-bindgen strips those from
/// the main piece only). Returns the pieces' file names.
fn add_pieces(split: &Path, dist: &Path) -> Result<Vec<String>> {
    let entries = io_context(std::fs::read_dir(split), || {
        format!("reading {}", split.display())
    })?;
    let mut pieces = Vec::new();
    for entry in entries {
        let path = io_context(entry, || format!("reading {}", split.display()))?.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let bytes = io_context(std::fs::read(&path), || {
            format!("reading {}", path.display())
        })?;
        let bytes = if name == "passerelle.wasm" {
            continue;
        } else if name.ends_with(".wasm") {
            strip_custom_sections(&bytes)
                .ok_or_else(|| Error::new(format!("{name} is not a WebAssembly module")))?
        } else {
            bytes
        };
        let dest = dist.join(&name);
        io_context(std::fs::write(&dest, bytes), || {
            format!("writing {}", dest.display())
        })?;
        pieces.push(name);
    }
    pieces.sort();
    note(format!("{} piece(s)", pieces.len()));
    Ok(pieces)
}

/// A module without its custom sections (id 0); None if it is not one.
fn strip_custom_sections(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"\0asm" {
        return None;
    }
    let mut out = bytes.get(..8)?.to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        let (size, width) = leb128(bytes.get(at + 1..)?)?;
        let end = at.checked_add(1 + width + size)?;
        if id != 0 {
            out.extend_from_slice(bytes.get(at..end)?);
        }
        at = end;
    }
    Some(out)
}

/// An unsigned LEB128 number and how many bytes it took.
fn leb128(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (i, byte) in bytes.iter().take(5).enumerate() {
        value |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The service worker fetches every piece when it installs, so a page
/// never opened online still opens offline (the pickup form above all).
fn list_pieces_for_offline(sw: &Path, pieces: &[String]) -> Result<()> {
    const PLACEHOLDER: &str = "const PIECES = [];";
    let text = io_context(std::fs::read_to_string(sw), || {
        format!("reading {}", sw.display())
    })?;
    if !text.contains(PLACEHOLDER) {
        return Err(Error::new(format!(
            "{} has no `{PLACEHOLDER}` line",
            sw.display()
        )));
    }
    let list: Vec<String> = pieces.iter().map(|p| format!("\"/{p}\"")).collect();
    let text = text.replace(
        PLACEHOLDER,
        &format!("const PIECES = [{}];", list.join(", ")),
    );
    io_context(std::fs::write(sw, text), || {
        format!("writing {}", sw.display())
    })
}

/// The app's WebAssembly in `dir`. The crate is a binary, which cargo names
/// `passerelle-frontend.wasm`; a `cdylib` would be `passerelle_frontend.wasm`.
/// When both exist, the newer one is the current build.
fn built_wasm(dir: &Path) -> Result<PathBuf> {
    ["passerelle-frontend.wasm", "passerelle_frontend.wasm"]
        .into_iter()
        .map(|name| dir.join(name))
        .filter_map(|path| {
            let modified = path.metadata().and_then(|m| m.modified()).ok()?;
            Some((modified, path))
        })
        .max()
        .map(|(_, path)| path)
        .ok_or_else(|| {
            Error::new(format!(
                "cargo built no passerelle-frontend.wasm in {}",
                dir.display()
            ))
        })
}

/// Copies `from` into `to` recursively; returns the number of files.
fn copy_dir(from: &Path, to: &Path) -> Result<usize> {
    let entries = io_context(std::fs::read_dir(from), || {
        format!("reading {}", from.display())
    })?;
    let mut count = 0;
    for entry in entries {
        let entry = io_context(entry, || format!("reading {}", from.display()))?;
        let source = entry.path();
        let dest = to.join(entry.file_name());
        if source.is_dir() {
            io_context(std::fs::create_dir_all(&dest), || {
                format!("creating {}", dest.display())
            })?;
            count += copy_dir(&source, &dest)?;
        } else {
            io_context(std::fs::copy(&source, &dest), || {
                format!("copying {} to {}", source.display(), dest.display())
            })?;
            count += 1;
        }
    }
    Ok(count)
}

/// The files under `dir` worth serving compressed, in a stable order.
fn compressible_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = io_context(std::fs::read_dir(dir), || {
        format!("reading {}", dir.display())
    })?;
    for entry in entries {
        let path = io_context(entry, || format!("reading {}", dir.display()))?.path();
        if path.is_dir() {
            files.extend(compressible_files(&path)?);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSED_EXTENSIONS.contains(&e))
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn compress(dist: &Path) -> Result<()> {
    let gzip = find_program("gzip");
    let brotli = find_program("brotli");
    if gzip.is_none() && brotli.is_none() {
        note("neither gzip nor brotli is installed: skipped");
        return Ok(());
    }
    let root = root();
    for file in compressible_files(dist)? {
        let shown = file.strip_prefix(root).unwrap_or(&file);
        if let Some(gzip) = &gzip {
            Cmd::new(gzip).args(["-9", "-k", "-f"]).arg(shown).run()?;
        }
        if let Some(brotli) = &brotli {
            Cmd::new(brotli)
                .args(["-q", "11", "-k", "-f"])
                .arg(shown)
                .run()?;
        }
    }
    if brotli.is_none() {
        note("brotli is not installed: no .br files");
    }
    if gzip.is_none() {
        note("gzip is not installed: no .gz files");
    }
    Ok(())
}

/// `1234567` → `1234567 bytes (1.18 MiB)`.
pub fn human_size(bytes: u64) -> String {
    // Display only: precision loss on huge sizes is irrelevant.
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if b >= 1024.0 * 1024.0 {
        format!("{bytes} bytes ({:.2} MiB)", b / (1024.0 * 1024.0))
    } else if b >= 1024.0 {
        format!("{bytes} bytes ({:.1} KiB)", b / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

fn report_sizes(wasm: &Path) -> Result<()> {
    let raw = io_context(std::fs::metadata(wasm), || {
        format!("reading {}", wasm.display())
    })?
    .len();
    println!("    passerelle_bg.wasm: {}", human_size(raw));
    for (ext, label) in [("gz", "gzip"), ("br", "brotli")] {
        let mut name = wasm.as_os_str().to_owned();
        name.push(format!(".{ext}"));
        if let Ok(meta) = std::fs::metadata(PathBuf::from(name)) {
            println!(
                "    passerelle_bg.wasm.{ext} ({label}): {}",
                human_size(meta.len())
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(2048), "2048 bytes (2.0 KiB)");
        assert_eq!(human_size(3 * 1024 * 1024), "3145728 bytes (3.00 MiB)");
    }
}

#[cfg(test)]
mod piece_tests {
    use super::{leb128, strip_custom_sections};

    #[test]
    fn custom_sections_go_and_the_others_stay() {
        let header = b"\0asm\x01\0\0\0".to_vec();
        let custom = [0u8, 4, 1, b'n', b'a', b'm'];
        let types = [1u8, 1, 0];
        let module = [header.clone(), custom.to_vec(), types.to_vec()].concat();
        assert_eq!(
            strip_custom_sections(&module),
            Some([header, types.to_vec()].concat())
        );
        assert_eq!(strip_custom_sections(b"not wasm"), None);
        // A section running past the end is refused, not cut.
        assert_eq!(strip_custom_sections(b"\0asm\x01\0\0\0\x01\x09\0"), None);
    }

    #[test]
    fn reads_leb128_sizes() {
        assert_eq!(leb128(&[0x05]), Some((5, 1)));
        assert_eq!(leb128(&[0xE5, 0x8E, 0x26]), Some((624_485, 3)));
        assert_eq!(leb128(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), None);
    }
}

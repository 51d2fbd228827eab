//! The files the editor may read and write: content files under `content/`, named by
//! their key (`agenda/2024-2025/borstlap.md`). A key with `..`, a hidden or ignored part,
//! or a symbolic link anywhere on its way is refused, whatever it points at; an upload
//! never replaces a file; a page that gets its first file becomes a folder (a bundle) at
//! the same address.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::folders::CONTENT;
use crate::inputs::scan::is_ignored;
use crate::messages::Msg;
use crate::msg;

/// A content file the editor may use, by key and path on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    pub key: String,
    pub path: PathBuf,
}

/// Whether `key` is one the editor may name: relative, inside `content/`, no hidden or
/// ignored part (`.git`, `x.md~`), no `..`.
fn checked_key(key: &str) -> Result<&str, Msg> {
    let refused = || msg!("editor-path-refused", path = key);
    if key.is_empty() || key.contains(['\\', '\0', ':']) {
        return Err(refused());
    }
    for part in key.split('/') {
        let bad = part.is_empty()
            || part == "."
            || part == ".."
            || is_ignored(std::ffi::OsStr::new(part));
        if bad {
            return Err(refused());
        }
    }
    Ok(key)
}

/// The folders and file of `key` under `content/`, none a symbolic link; the last part
/// (the file) may be missing when `must_exist` is false, and so may folders on the way.
fn walk(root: &Path, key: &str, must_exist: bool) -> Result<ContentFile, Msg> {
    let key = checked_key(key)?;
    let content = root.join(CONTENT);
    match std::fs::symlink_metadata(&content) {
        Ok(m) if m.is_dir() => {}
        _ => return Err(msg!("editor-path-refused", path = key)),
    }
    let mut path = content;
    let parts: Vec<&str> = key.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let last = index + 1 == parts.len();
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(msg!("editor-link", path = format!("content/{key}")));
            }
            Ok(m) if last && must_exist && m.is_file() => {}
            Ok(_) if last && !must_exist => {
                return Err(msg!("editor-exists", path = format!("content/{key}")));
            }
            Ok(m) if !last && m.is_dir() => {}
            Ok(_) => return Err(msg!("editor-path-refused", path = key)),
            Err(_) if must_exist => return Err(msg!("editor-not-found", path = key)),
            Err(_) => {}
        }
    }
    Ok(ContentFile {
        key: key.to_owned(),
        path,
    })
}

/// A content file that exists and that the editor may open.
pub fn existing(root: &Path, key: &str) -> Result<ContentFile, Msg> {
    let file = walk(root, key, true)?;
    if !key.ends_with(".md") {
        return Err(msg!("editor-path-refused", path = key));
    }
    Ok(file)
}

/// A content file that does not exist yet and may be created.
pub fn fresh(root: &Path, key: &str) -> Result<ContentFile, Msg> {
    walk(root, key, false)
}

/// A file as the editor opened it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub bytes: Vec<u8>,
    /// It starts with a UTF-8 byte order mark (Notepad), which `text` leaves out and a
    /// save puts back.
    pub bom: bool,
    pub text: String,
    /// The hash of `bytes`, which a save compares with the file on disk.
    pub hash: String,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a content file; text that is not UTF-8 or holds a NUL cannot be edited here.
pub fn open(file: &ContentFile) -> Result<Opened, Error> {
    let bytes = std::fs::read(&file.path).map_err(|e| Error::read(&file.path, e))?;
    let shown = Path::new(CONTENT).join(&file.key);
    let text = crate::text::decode(bytes.clone(), &shown)?;
    Ok(Opened {
        bom: bytes.starts_with(BOM),
        hash: hash(&bytes),
        bytes,
        text,
    })
}

/// The file's bytes for `text`, with the byte order mark when it had one.
pub fn encode(bom: bool, text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// A short fingerprint of a file's bytes: a different file gives a different one.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// The kinds of file an editor may upload, by extension.
const ALLOWED: &[&str] = &["jpg", "jpeg", "png", "webp", "pdf", "csv", "vtt"];

/// The name an upload is stored under: its name slugged (`Foto Jan 2024.JPG` →
/// `foto-jan-2024.jpg`), when its kind is allowed.
pub fn upload_name(original: &str) -> Result<String, Msg> {
    let name = original.rsplit(['/', '\\']).next().unwrap_or(original);
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let extension = extension.to_ascii_lowercase();
    if !ALLOWED.contains(&extension.as_str()) {
        return Err(msg!(
            "editor-upload-type",
            name = name,
            allowed = ALLOWED.join(", ")
        ));
    }
    let stem = crate::url::slugify(stem);
    let stem = if stem.is_empty() {
        "bestand".to_owned()
    } else {
        stem
    };
    Ok(format!("{stem}.{extension}"))
}

/// Whether the bytes are what the extension says: an image that is no image, or a PDF
/// that is a program, is refused before it reaches the site.
pub fn content_matches(name: &str, bytes: &[u8]) -> bool {
    let extension = name.rsplit('.').next().unwrap_or_default();
    match extension {
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "webp" => bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "pdf" => bytes.starts_with(b"%PDF-"),
        "csv" | "vtt" => {
            let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
            let readable = std::str::from_utf8(text).is_ok() && !text.contains(&0);
            readable && (extension == "csv" || text.starts_with(b"WEBVTT"))
        }
        _ => false,
    }
}

/// What an upload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uploaded {
    /// The page's key now: a single-file page became a bundle (`x.md` → `x/index.md`).
    pub key: String,
    /// The name the file was stored under, beside the page.
    pub name: String,
}

/// Stores an uploaded file beside the page `key` (in its folder; a page that is a single
/// file becomes a folder first). Never replaces a file.
pub fn upload(
    root: &Path,
    key: &str,
    original: &str,
    bytes: &[u8],
    limit: u64,
) -> Result<Uploaded, Msg> {
    let page = existing(root, key)?;
    let name = upload_name(original)?;
    if bytes.len() as u64 > limit {
        let size = format!("{:.1}", bytes.len() as f64 / 1e6);
        let limit = format!("{:.1}", limit as f64 / 1e6);
        return Err(msg!("editor-upload-too-big", size = size, limit = limit));
    }
    if !content_matches(&name, bytes) {
        return Err(msg!("editor-upload-content", name = name));
    }
    let (folder, single_file) = match folder_of(&page.key) {
        Some(folder) => (folder, false),
        None => (page.key.trim_end_matches(".md").to_owned(), true),
    };
    let target_key = crate::url::join(&folder, &name);
    let target = fresh(root, &target_key)?;
    let key = if single_file {
        into_bundle(root, &page)?
    } else {
        page.key.clone()
    };
    crate::files::write_new(&target.path, bytes)
        .map_err(|_| msg!("editor-exists", path = format!("content/{target_key}")))?;
    Ok(Uploaded { key, name })
}

/// The folder whose files belong to the page `key`: a bundle's or a section's; `None`
/// for a page that is a single file.
pub fn folder_of(key: &str) -> Option<String> {
    let name = key.rsplit('/').next().unwrap_or(key);
    matches!(name, "index.md" | "_index.md").then(|| crate::model::parent_dir(key).to_owned())
}

/// `nieuws/x.md` → `nieuws/x/index.md`.
fn bundle_key(key: &str) -> Option<String> {
    let stem = key.strip_suffix(".md")?;
    Some(format!("{stem}/index.md"))
}

/// Makes a single-file page a bundle: `x.md` moves to `x/index.md`, where it keeps its
/// address (a bundle's slug is its folder's name, made the same way). Returns the new key.
fn into_bundle(root: &Path, page: &ContentFile) -> Result<String, Msg> {
    let new_key =
        bundle_key(&page.key).ok_or_else(|| msg!("editor-path-refused", path = &page.key))?;
    let target = fresh(root, &new_key)?;
    let folder = target.path.parent().expect("a bundle has a folder");
    if std::fs::symlink_metadata(folder).is_ok() {
        let folder_key = crate::model::parent_dir(&new_key);
        return Err(msg!(
            "editor-exists",
            path = format!("content/{folder_key}")
        ));
    }
    std::fs::create_dir(folder)
        .and_then(|()| std::fs::rename(&page.path, &target.path))
        .map_err(|e| {
            msg!(
                "editor-io",
                path = format!("content/{}", page.key),
                reason = e.to_string()
            )
        })?;
    Ok(new_key)
}

/// The files beside the page `key` (its folder's other files, not its pages), sorted.
pub fn page_files(root: &Path, key: &str) -> Vec<String> {
    let Some(folder) = folder_of(key) else {
        return Vec::new();
    };
    let Ok(dir) = walk_folder(root, &folder) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| !name.ends_with(".md") && !is_ignored(std::ffi::OsStr::new(name)))
        .collect();
    names.sort();
    names
}

/// A folder under `content/` with no symbolic link on the way.
fn walk_folder(root: &Path, folder: &str) -> Result<PathBuf, Msg> {
    let mut path = root.join(CONTENT);
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        checked_key(part)?;
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            _ => return Err(msg!("editor-path-refused", path = folder)),
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/nieuws")).unwrap();
        std::fs::write(
            dir.path().join("content/nieuws/x.md"),
            "---\ntitle: X\n---\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("content/nieuws/_index.md"),
            "---\ntitle: N\n---\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn keys_that_leave_or_hide_are_refused() {
        let dir = site();
        assert!(existing(dir.path(), "nieuws/x.md").is_ok());
        for key in [
            "../config.yaml",
            "nieuws/../../x.md",
            "/etc/passwd",
            "nieuws//x.md",
            ".git/config",
            "nieuws/.x.md",
            "nieuws/x.md~",
            "C:/x.md",
            "nieuws\\x.md",
            "nieuws/ontbreekt.md",
            "nieuws",
        ] {
            assert!(existing(dir.path(), key).is_err(), "{key}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_never_followed() {
        let dir = site();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("geheim.md"), "geheim").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/uit")).unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("content/nieuws/x.md"),
            dir.path().join("content/nieuws/y.md"),
        )
        .unwrap();
        let error = existing(dir.path(), "uit/geheim.md").unwrap_err();
        assert_eq!(error.id(), "editor-link");
        assert!(existing(dir.path(), "nieuws/y.md").is_err());
        assert!(fresh(dir.path(), "uit/nieuw.md").is_err());
    }

    #[test]
    fn upload_names_are_slugged_and_kinds_limited() {
        assert_eq!(
            upload_name("Foto Jan 2024.JPG").unwrap(),
            "foto-jan-2024.jpg"
        );
        assert_eq!(
            upload_name("C:\\Users\\an\\Één rapport.pdf").unwrap(),
            "een-rapport.pdf"
        );
        assert!(upload_name("script.html").is_err());
        assert!(upload_name("geen-extensie").is_err());
        assert!(content_matches("a.png", b"\x89PNG\r\n\x1a\nrest"));
        assert!(!content_matches("a.png", b"<html>"));
        assert!(!content_matches("a.pdf", b"MZ\x90\x00"));
    }

    #[test]
    fn an_upload_makes_a_single_file_page_a_bundle_and_never_replaces() {
        let dir = site();
        let root = dir.path();
        let png = b"\x89PNG\r\n\x1a\nrest";
        let done = upload(root, "nieuws/x.md", "Kaart.PNG", png, 1000).unwrap();
        assert_eq!(
            done,
            Uploaded {
                key: "nieuws/x/index.md".into(),
                name: "kaart.png".into()
            }
        );
        assert!(root.join("content/nieuws/x/kaart.png").is_file());
        assert!(root.join("content/nieuws/x/index.md").is_file());
        assert!(!root.join("content/nieuws/x.md").exists());
        let again = upload(root, "nieuws/x/index.md", "kaart.png", png, 1000).unwrap_err();
        assert_eq!(again.id(), "editor-exists");
        let too_big = upload(root, "nieuws/x/index.md", "b.png", png, 4).unwrap_err();
        assert_eq!(too_big.id(), "editor-upload-too-big");
        let section = upload(root, "nieuws/_index.md", "lijst.csv", b"a;b\n1;2\n", 1000).unwrap();
        assert_eq!(section.key, "nieuws/_index.md");
        assert!(root.join("content/nieuws/lijst.csv").is_file());
        assert_eq!(page_files(root, "nieuws/x/index.md"), vec!["kaart.png"]);
    }
}

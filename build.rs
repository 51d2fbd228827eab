//! Records the commit keten is built from, for `keten --version`.
//!
//! `KETEN_COMMIT` is the commit's 12-digit hash, with `-dirty` when tracked files differ
//! from it, or `unknown` outside a git checkout of keten (a crates.io or tarball build).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let (commit, watched) = match commit(&manifest_dir) {
        Some(commit) => (commit, watched_git_files(&manifest_dir)),
        None => ("unknown".to_owned(), Vec::new()),
    };
    println!("cargo:rustc-env=KETEN_COMMIT={commit}");
    // Only a new commit or checkout changes the hash, and an edit under src/ rebuilds
    // keten anyway (and may make the tree dirty). Without these lines Cargo would run this
    // script after a change to any file of the package. So `-dirty` is as of the last
    // commit, checkout or change under src/; release builds start clean and are exact.
    println!("cargo:rerun-if-changed=src");
    // `keten init` embeds this folder (and src/init/starter/) with include_dir, which sees
    // a changed file but not an added one; a new file there must rebuild keten too.
    println!("cargo:rerun-if-changed=themes/basis");
    for path in watched {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// The short hash of HEAD, `-dirty` added when tracked files have changes; `None` when
/// git is missing or this folder is not the top of a git work tree (a crate unpacked
/// inside some other repository must not take that repository's commit).
fn commit(dir: &Path) -> Option<String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let hash = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
    let status = git(dir, &["status", "--porcelain", "--untracked-files=no"])?;
    Some(if status.is_empty() {
        hash
    } else {
        format!("{hash}-dirty")
    })
}

/// The files that change when HEAD moves: HEAD, its reflog, the branch it points to and
/// packed-refs, in this work tree's git folder (a linked work tree keeps HEAD apart from
/// the refs, so git says where each one is). Only those that exist: Cargo counts a
/// missing file as changed, which would rebuild keten on every build. The reflog covers
/// a commit on a branch that so far was only in packed-refs.
fn watched_git_files(dir: &Path) -> Vec<PathBuf> {
    let mut names = vec!["HEAD".to_owned(), "logs/HEAD".to_owned()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        names.push(branch);
    }
    names.push("packed-refs".to_owned());
    names
        .iter()
        .filter_map(|name| {
            git(
                dir,
                &["rev-parse", "--path-format=absolute", "--git-path", name],
            )
        })
        .map(PathBuf::from)
        .filter(|path| path.is_file())
        .collect()
}

/// Runs git in `dir`; its trimmed output on success.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8(output.stdout).ok()?.trim().to_owned())
}

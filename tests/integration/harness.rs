//! A small harness: copy a fixture site into a temporary folder, change files, run the
//! `keten` binary, and read what it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What one run of `keten` did.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output, root: &Path) -> Run {
        let clean = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&root.display().to_string(), "[ROOT]")
        };
        Run {
            success: output.status.success(),
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
        }
    }

    /// Fails the test with the output when the run did not succeed.
    pub fn ok(self) -> Run {
        assert!(
            self.success,
            "keten failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Fails the test when the run succeeded; returns stderr.
    pub fn failed(self) -> String {
        assert!(
            !self.success,
            "keten should have failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self.stderr
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl TestSite {
    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_tree(&fixture(name), site.root());
        site
    }

    /// A copy of this repository's own site: config, content and themes.
    pub fn repository() -> TestSite {
        let site = TestSite::empty();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("config.yaml"), site.path("config.yaml")).unwrap();
        for folder in ["content", "themes"] {
            std::fs::create_dir_all(site.path(folder)).unwrap();
            copy_tree(&root.join(folder), &site.path(folder));
        }
        site
    }

    /// An empty folder.
    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &TestSite {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, relative: &str) -> &TestSite {
        std::fs::remove_file(self.path(relative)).unwrap();
        self
    }

    /// Runs `keten ARGS` in the site folder.
    pub fn keten(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_keten"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run keten");
        Run::from(output, self.root())
    }

    /// `keten build` with extra arguments.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.keten(&all)
    }

    /// The text of an output file under `public/`.
    pub fn output(&self, relative: &str) -> String {
        let path = self.path("public").join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    pub fn has_output(&self, relative: &str) -> bool {
        self.path("public").join(relative).exists()
    }

    /// Every file under `public/`, sorted, with `/` separators.
    pub fn output_files(&self) -> Vec<String> {
        let base = self.path("public");
        let mut files: Vec<String> = walk(&base)
            .into_iter()
            .map(|p| {
                p.strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path))
        } else {
            out.push(path)
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

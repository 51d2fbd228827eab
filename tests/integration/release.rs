//! keten without Rust: the version a binary reports, the release workflow that builds the
//! binaries, and how the example scripts find keten.

use std::path::Path;
use std::process::Command;

use super::harness::{TestSite, repository_file};

/// `git` in this repository; `None` when git is missing or this is no git checkout.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[test]
fn keten_version_names_the_commit_it_was_built_from() {
    let output = Command::new(env!("CARGO_BIN_EXE_keten"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let prefix = format!("keten {} (", env!("CARGO_PKG_VERSION"));
    let commit = stdout
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{stdout:?}"));
    if commit == "unknown" {
        let top = git(&["rev-parse", "--show-toplevel"]);
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().ok();
        assert!(
            top.and_then(|t| Path::new(&t).canonicalize().ok()) != here,
            "built in a git checkout, yet the commit is unknown"
        );
        return;
    }
    let hash = commit.strip_suffix("-dirty").unwrap_or(commit);
    assert!(
        hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{stdout:?}"
    );
    if let Some(head) = git(&["rev-parse", "--short=12", "HEAD"]) {
        assert_eq!(hash, head, "the binary was built from HEAD");
    }
}

#[test]
fn the_release_workflow_builds_every_platform_with_checksums() {
    let text = std::fs::read_to_string(repository_file(".github/workflows/release.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    assert_eq!(workflow["on"]["push"]["tags"][0].as_str(), Some("v*"));
    let build = &workflow["jobs"]["build"];
    let targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("a matrix")
        .iter()
        .filter_map(|entry| entry["target"].as_str())
        .collect();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-musl",
            "aarch64-unknown-linux-musl",
            "universal-apple-darwin",
            "x86_64-pc-windows-msvc"
        ]
    );
    let runs = |job: &serde_yaml::Value| -> String {
        let steps = job["steps"].as_sequence().expect("steps");
        let runs = steps.iter().filter_map(|s| s["run"].as_str());
        runs.collect::<Vec<_>>().join("\n")
    };
    let build_runs = runs(build);
    assert!(
        build_runs.contains("name=\"keten-$TAG-$TARGET\""),
        "{build_runs}"
    );
    for line in build_runs.lines().filter(|l| l.contains("cargo ")) {
        assert!(line.contains("build --release --locked"), "{line}");
    }
    let release_runs = runs(&workflow["jobs"]["release"]);
    assert!(
        release_runs.contains("sha256sum -- keten-* > SHA256SUMS"),
        "{release_runs}"
    );
    assert!(release_runs.contains("gh release create"), "{release_runs}");

    // The CI example downloads a file the release makes.
    let example =
        std::fs::read_to_string(repository_file("examples/publish/github-actions.yml")).unwrap();
    assert!(
        example.contains("archive=\"keten-v$KETEN_VERSION-x86_64-unknown-linux-musl.tar.gz\""),
        "{example}"
    );
}

#[test]
fn the_publish_script_says_how_to_install_keten_when_it_is_missing() {
    let site = TestSite::fixture("basic");
    let target = tempfile::tempdir().unwrap();
    let output = Command::new("bash")
        .arg(repository_file("examples/publish/publish.sh"))
        .arg(format!("{}/", target.path().display()))
        .arg(site.root())
        .env("KETEN", site.path("no-keten-here"))
        .output()
        .expect("bash runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not installed or not on your PATH")
            && stderr.contains("section \"Installing keten\""),
        "{stderr}"
    );
    let readme = std::fs::read_to_string(repository_file("README.md")).unwrap();
    assert!(
        readme.contains("\n## Installing keten\n"),
        "the section it names"
    );
    assert!(
        std::fs::read_dir(target.path()).unwrap().next().is_none(),
        "nothing uploaded"
    );
}

//! What a build may touch: only its own output, only files of the site. Each test puts
//! foreign files where an ordinary mistake would reach them and checks that they
//! survive byte for byte.

use std::path::{Path, PathBuf};

use super::harness::{TestSite, copy_tree};

/// Every file under `dir` with its bytes, sorted, for before/after comparisons.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let bytes = if e.file_type().is_symlink() {
                std::fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (e.path().strip_prefix(dir).unwrap().to_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// A folder of someone's own files: notes, photos, a sub-folder.
fn foreign_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("notities.txt", "mijn notities"),
        ("foto's/vakantie.jpg", "jpeg"),
        ("foto's/kaart.png", "png"),
        ("brief.docx", "docx"),
        ("a.txt", "a"),
        ("b.txt", "b"),
        ("c.txt", "c"),
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_folder_of_foreign_files_is_refused_and_survives() {
    let site = TestSite::fixture("basic");
    let home = foreign_folder();
    let before = snapshot(home.path());
    let name = home
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let error = site
        .build(&["--output", home.path().to_str().unwrap()])
        .failed();
    assert_eq!(snapshot(home.path()), before, "the folder is untouched");
    assert!(
        error.contains("refusing to write the output folder"),
        "{error}"
    );
    assert!(
        error.contains("keten has no record of building it"),
        "{error}"
    );
    let listed = error.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(listed, 6, "five files and a count:\n{error}");
    assert!(error.contains("… and 2 more"), "{error}");
    assert!(error.contains("help: keten only replaces"), "{error}");
    let beside: Vec<_> = std::fs::read_dir(home.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.keten")))
        .collect();
    assert!(beside.is_empty(), "nothing made beside it: {beside:?}");
}

#[test]
fn output_dir_in_the_config_that_leaves_the_site_gets_the_same_rule() {
    let parent = tempfile::tempdir().unwrap();
    let site_dir = parent.path().join("site");
    let iets = parent.path().join("iets");
    std::fs::create_dir_all(iets.join("sub")).unwrap();
    std::fs::write(iets.join("sub/eigen.txt"), "van de gebruiker").unwrap();
    copy_fixture(&site_dir);
    let config = std::fs::read_to_string(site_dir.join("config.yaml")).unwrap();
    std::fs::write(
        site_dir.join("config.yaml"),
        format!("{config}output_dir: ../iets\n"),
    )
    .unwrap();
    let run = keten_in(&site_dir, &["build"]);
    assert!(!run.status.success());
    let error = String::from_utf8_lossy(&run.stderr);
    assert!(error.contains("sub/eigen.txt"), "{error}");
    assert_eq!(
        std::fs::read_to_string(iets.join("sub/eigen.txt")).unwrap(),
        "van de gebruiker"
    );
    std::fs::remove_dir_all(iets.join("sub")).unwrap();
    assert!(
        keten_in(&site_dir, &["build"]).status.success(),
        "an empty folder may be used"
    );
    assert!(iets.join("index.html").exists());
    assert!(
        keten_in(&site_dir, &["build"]).status.success(),
        "and replaced again"
    );
}

fn copy_fixture(to: &Path) {
    copy_tree(TestSite::fixture("basic").root(), to);
}

fn keten_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_keten"))
        .env("KETEN_LANG", "en")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_symlinked_output_to_a_web_root_with_other_files_is_refused() {
    let site = TestSite::fixture("basic");
    let www = foreign_folder();
    std::os::unix::fs::symlink(www.path(), site.path("public")).unwrap();
    let before = snapshot(www.path());
    let error = site.build(&[]).failed();
    assert!(error.contains("brief.docx"), "{error}");
    assert_eq!(snapshot(www.path()), before);
    let link = std::fs::symlink_metadata(site.path("public")).unwrap();
    assert!(link.file_type().is_symlink(), "public stays a symlink");
}

#[test]
fn a_symlinked_output_to_a_keten_output_is_updated_and_stays_a_link() {
    let site = TestSite::fixture("basic");
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("site");
    std::os::unix::fs::symlink(&target, site.path("public")).unwrap();
    site.build(&[]).ok();
    assert!(target.join("over/index.html").exists());
    site.write("content/over.md", "---\ntitle: Over ons\n---\nNieuw.\n");
    site.build(&[]).ok();
    let over = std::fs::read_to_string(target.join("over/index.html")).unwrap();
    assert!(over.contains("Over ons"), "{over}");
    assert!(
        std::fs::symlink_metadata(site.path("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let beside: Vec<_> = std::fs::read_dir(www.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["site"], "no staging folder left behind");
}

#[test]
fn a_file_added_to_the_output_by_hand_makes_it_foreign() {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    site.write("public/eigen-bestand.pdf", "van mij");
    let error = site.build(&[]).failed();
    assert!(error.contains("eigen-bestand.pdf"), "{error}");
    assert!(error.contains("files that keten did not write"), "{error}");
    assert_eq!(site.output("eigen-bestand.pdf"), "van mij");
}

#[test]
fn a_site_folder_moved_or_copied_still_owns_its_output() {
    let parent = tempfile::tempdir().unwrap();
    let first = parent.path().join("site");
    copy_fixture(&first);
    assert!(keten_in(&first, &["build"]).status.success());
    let moved = parent.path().join("site-verplaatst");
    std::fs::rename(&first, &moved).unwrap();
    let run = keten_in(&moved, &["build"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let copy = parent.path().join("kopie");
    copy_tree(&moved, &copy);
    assert!(keten_in(&copy, &["build"]).status.success());
    std::fs::write(copy.join("public/eigen.txt"), "van mij").unwrap();
    let run = keten_in(&copy, &["build"]);
    assert!(
        !run.status.success(),
        "a file added by hand is still foreign"
    );
    assert_eq!(
        std::fs::read_to_string(copy.join("public/eigen.txt")).unwrap(),
        "van mij"
    );
}

#[test]
fn two_builds_at_once_both_finish_with_a_whole_site() {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    let expected = site.output_files();
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_keten"))
            .env("KETEN_LANG", "en")
            .arg("build")
            .current_dir(site.root())
            .output()
            .unwrap()
    };
    let results: Vec<std::process::Output> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|_| scope.spawn(start)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for result in &results {
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
    }
    assert_eq!(site.output_files(), expected);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".keten-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_build_waits_and_names_the_first() {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    let lock_dir = site.path(".keten/outputs");
    let lock = std::fs::read_dir(&lock_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "lock"))
        .expect("a lock file");
    let file = std::fs::File::options().write(true).open(&lock).unwrap();
    file.lock().unwrap();
    std::fs::write(&lock, "4242").unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_keten"))
        .env("KETEN_LANG", "en")
        .arg("build")
        .current_dir(site.root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    drop(file);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("another keten build is writing `public` (pid 4242)"),
        "{stderr}"
    );
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_by_the_next() {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    site.write(".public.keten-new-999999/index.html", "half");
    site.write(".public.keten-old/index.html", "old");
    site.build(&[]).ok();
    assert!(!site.path(".public.keten-new-999999").exists());
    assert!(!site.path(".public.keten-old").exists());
}

#[test]
fn a_refused_output_creates_no_folders() {
    let site = TestSite::fixture("basic");
    let error = site.build(&["--output", "content/diep/uit"]).failed();
    assert!(
        error.contains("inside the site's `content` folder"),
        "{error}"
    );
    assert!(!site.path("content/diep").exists());
    let error = site.build(&["--output", "."]).failed();
    assert!(error.contains("the site folder"), "{error}");
}

#[test]
fn a_mount_point_is_refused_with_a_hint() {
    let site = TestSite::fixture("basic");
    std::fs::create_dir(site.path("public")).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs"])
        .arg(site.path("public"))
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        eprintln!("skipped: this machine cannot mount a tmpfs");
        return;
    }
    let error = site.build(&[]).failed();
    let _ = std::process::Command::new("umount")
        .arg(site.path("public"))
        .status();
    assert!(error.contains("mount point"), "{error}");
    assert!(error.contains("inside it"), "{error}");
}

#[test]
fn a_site_without_content_is_an_error_and_the_site_stays() {
    let site = TestSite::fixture("basic");
    site.build(&[]).ok();
    let before = snapshot(&site.path("public"));
    std::fs::remove_dir_all(site.path("content")).unwrap();
    let error = site.build(&[]).failed();
    assert!(
        error.contains("the site has no `content/` folder"),
        "{error}"
    );
    assert_eq!(snapshot(&site.path("public")), before);
    site.write("content", "een bestand");
    let error = site.build(&[]).failed();
    assert!(error.contains("is a file"), "{error}");
    assert_eq!(snapshot(&site.path("public")), before);
}

#[test]
fn site_folders_that_link_out_of_the_site_are_refused() {
    for folder in ["static", "templates", "content", "themes/eenvoud"] {
        let site = TestSite::fixture("basic");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("geheim.txt"), "geheim").unwrap();
        let moved = site.path(&format!("{folder}.echt"));
        std::fs::rename(site.path(folder), &moved).unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path(folder)).unwrap();
        let error = site.build(&[]).failed();
        assert!(
            error.contains(&format!("`{folder}` is a symbolic link to")),
            "{folder}: {error}"
        );
        assert!(error.contains("outside the site folder"), "{error}");
        assert!(!site.path("public").exists(), "{folder}: nothing published");
    }
}

#[test]
fn a_site_folder_linked_inside_the_site_is_fine() {
    let site = TestSite::fixture("basic");
    std::fs::rename(site.path("static"), site.path("bestanden")).unwrap();
    std::os::unix::fs::symlink(site.path("bestanden"), site.path("static")).unwrap();
    site.build(&[]).ok();
    assert!(site.has_output("css/site.css"));
}

#[test]
fn serve_refuses_a_static_folder_that_links_out() {
    let site = TestSite::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.txt"), "geheim").unwrap();
    std::fs::remove_dir_all(site.path("static")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static")).unwrap();
    let server = site.serve(&[]);
    let response = server.get("/geheim.txt");
    assert!(!response.body.contains("geheim\n") && response.body != "geheim");
    assert!(response.body.contains("symbolic link"), "{}", response.body);
}

#[test]
fn web_server_files_are_published_and_other_hidden_files_are_not() {
    let site = TestSite::fixture("basic");
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:a@b.nl\n",
    );
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    site.write("static/.env", "GEHEIM=1\n");
    site.write("static/.git/config", "[core]\n");
    site.write("static/css/.site.css.swp", "x");
    site.write("static/css/site.css~", "x");
    site.build(&[]).ok();
    assert!(site.has_output(".htaccess"));
    assert!(site.has_output(".well-known/security.txt"));
    assert!(site.has_output("_headers"));
    for hidden in [".env", ".git/config", "css/.site.css.swp", "css/site.css~"] {
        assert!(!site.has_output(hidden), "{hidden}");
    }
}

#[test]
fn the_apache_recipe_points_at_the_right_404_page_under_a_sub_path() {
    let recipe = std::fs::read_to_string(super::harness::repository_file(
        "examples/publish/.htaccess",
    ))
    .unwrap();
    let site = TestSite::fixture("basic");
    site.write("static/.htaccess", &recipe);
    site.build(&[]).ok();
    assert_eq!(site.output(".htaccess"), recipe);
    let error = site
        .build(&["--base-url", "https://voorbeeld.nl/g40/"])
        .failed();
    assert!(error.contains("static/.htaccess:"), "{error}");
    assert!(error.contains("`/404.html`"), "{error}");
    assert!(error.contains("/g40/404.html"), "{error}");
    site.write(
        "static/.htaccess",
        recipe.replace(
            "ErrorDocument 404 /404.html",
            "ErrorDocument 404 /g40/404.html",
        ),
    );
    site.build(&["--base-url", "https://voorbeeld.nl/g40/"])
        .ok();
    assert!(site.output(".htaccess").contains("/g40/404.html"));
    assert!(site.has_output("404.html"));
}

#[test]
fn the_publish_script_uploads_web_server_files() {
    let site = TestSite::fixture("basic");
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    let target = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("bash")
        .arg(super::harness::repository_file(
            "examples/publish/publish.sh",
        ))
        .arg(format!("{}/", target.path().display()))
        .arg(site.root())
        .env("KETEN", env!("CARGO_BIN_EXE_keten"))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(target.path().join(".htaccess").exists());
}

#[test]
fn windows_files_with_a_byte_order_mark_build() {
    let site = TestSite::fixture("basic");
    let bom = "\u{feff}";
    let section = std::fs::read_to_string(site.path("content/lijst/_index.md")).unwrap();
    site.write("content/lijst/_index.md", format!("{bom}{section}"));
    site.write(
        "content/over.md",
        format!("{bom}---\r\ntitle: Over\r\n---\r\n\r\nTekst.\r\n"),
    );
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write("config.yaml", format!("{bom}{config}"));
    site.build(&[]).ok();
    let title = section
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"');
    let lijst = site.output("lijst/index.html");
    assert!(
        lijst.contains(&format!(">{title}</h1>")),
        "the section keeps its front matter: {lijst}"
    );
    assert!(!lijst.contains("title:"), "{lijst}");
    assert!(site.output("over/index.html").contains("Over"));
}

#[test]
fn a_tab_in_yaml_indentation_gets_a_hint() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/over.md",
        "---\ntitle: Over\nextra:\n\tgemeente: Proef\n---\nTekst.\n",
    );
    let error = site.build(&[]).failed();
    assert!(error.contains("content/over.md:4:"), "{error}");
    assert!(error.contains("tab"), "{error}");
    assert!(error.contains("spaces"), "{error}");
}

#[test]
fn a_nul_byte_is_an_error_and_never_written() {
    let site = TestSite::fixture("basic");
    site.write("content/over.md", "---\ntitle: Over\n---\n\nTe\0kst.\n");
    let error = site.build(&[]).failed();
    assert!(error.contains("content/over.md:5:3"), "{error}");
    assert!(error.contains("NUL"), "{error}");
    assert!(!site.path("public").exists());
}

#[test]
fn links_that_run_code_are_refused() {
    for (link, scheme) in [
        ("[klik](javascript:alert(1))", "javascript"),
        ("[klik]( JaVaScRiPt:alert(1))", "JaVaScRiPt"),
        ("[klik](vbscript:msgbox)", "vbscript"),
        ("![plaatje](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("<javascript:alert(1)>", "javascript"),
    ] {
        let site = TestSite::fixture("basic");
        site.write(
            "content/over.md",
            format!("---\ntitle: Over\n---\n\nTekst {link}.\n"),
        );
        let error = site.build(&[]).failed();
        assert!(error.contains("content/over.md:5:7"), "{link}: {error}");
        assert!(
            error.contains(&format!("`{scheme}:` link")),
            "{link}: {error}"
        );
    }
}

#[test]
fn code_links_are_errors_even_when_broken_links_only_warn() {
    let site = TestSite::fixture("basic");
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    site.write("config.yaml", format!("{config}broken_links: warn\n"));
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n[x](javascript:void(0))\n",
    );
    site.build(&[]).failed();
}

#[test]
fn editions_that_leave_the_site_are_refused() {
    let site = TestSite::repository();
    let config = std::fs::read_to_string(site.path("config.yaml")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("geheim.md"), "---\ntitle: G\n---\n").unwrap();
    let escape = format!("../../../../../../..{}", outside.path().display());
    let broken = config.replace("current: \"2024-2025\"", &format!("current: \"{escape}\""));
    site.write("config.yaml", &broken);
    let error = site.keten(&["agenda", "new", "2026-2027"]).failed();
    assert!(error.contains("editions.current"), "{error}");
    assert!(error.contains("config.yaml:"), "{error}");
    assert!(!site.path("content/agenda/2026-2027").exists());
    site.write(
        "config.yaml",
        config.replace("section: agenda", "section: ../buiten"),
    );
    let error = site.keten(&["agenda", "new", "2026-2027"]).failed();
    assert!(error.contains("editions.section"), "{error}");
}

#[test]
fn agenda_new_does_not_copy_a_symlink_as_a_file() {
    let site = TestSite::repository();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("geheim.md"),
        "---\ntitle: Geheim\n---\nGeheime tekst.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("geheim.md"),
        site.path("content/agenda/2024-2025/geheim.md"),
    )
    .unwrap();
    let run = site.keten(&["agenda", "new", "2026-2027"]).ok();
    assert!(run.stdout.contains("skipped"), "{}", run.stdout);
    assert!(!site.path("content/agenda/2026-2027/geheim.md").exists());
    let written: Vec<PathBuf> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("Geheime tekst")))
        .collect();
    assert_eq!(
        written,
        Vec::<PathBuf>::new(),
        "the secret was copied nowhere"
    );
}

#[test]
fn serve_answers_only_requests_for_this_server() {
    use std::io::{Read, Write};
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    let ask = |host: &str, path: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        raw
    };
    let port = server.port;
    assert!(ask(&format!("evil.example:{port}"), "/over/").starts_with("HTTP/1.1 403"));
    assert!(
        ask("localhost", "/over/").starts_with("HTTP/1.1 403"),
        "wrong port"
    );
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert!(ask(&host, "/over/").starts_with("HTTP/1.1 200"), "{host}");
    }
    let redirect = server.get("//over");
    assert_eq!(redirect.status, 301);
    let location = redirect
        .headers
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap();
    assert_eq!(location, "/over/");
}

#[test]
fn serve_drops_a_client_that_sends_its_headers_slowly() {
    use std::io::{Read, Write};
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(
        waited >= std::time::Duration::from_secs(9) && waited < std::time::Duration::from_secs(15),
        "dropped after {waited:?}"
    );
}

#[test]
fn serve_keeps_watching_a_folder_removed_and_restored() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    server.wait_for("/over/", |r| r.status == 200);
    std::fs::rename(site.path("content"), site.path("content-weg")).unwrap();
    server.wait_for("/over/", |r| r.body.contains("keten-fout"));
    std::fs::rename(site.path("content-weg"), site.path("content")).unwrap();
    server.wait_for("/over/", |r| {
        r.status == 200 && !r.body.contains("keten-fout")
    });
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\nNa de terugkeer.\n",
    );
    server.wait_for("/over/", |r| r.body.contains("Na de terugkeer."));
    let copy = site.path("content-kopie");
    copy_tree(&site.path("content"), &copy);
    std::fs::remove_dir_all(site.path("content")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    std::fs::rename(&copy, site.path("content")).unwrap();
    site.write("content/over.md", "---\ntitle: Over\n---\nNa de wissel.\n");
    server.wait_for("/over/", |r| r.body.contains("Na de wissel."));
}

#[test]
fn serve_on_a_broken_site_does_not_claim_a_last_good_version() {
    let site = TestSite::fixture("basic");
    site.write("content/over.md", "---\ntitel: Over\n---\n");
    let server = site.serve(&[]);
    let printed = server.wait_printed("the site has not built yet");
    assert!(!printed.contains("last good version"), "{printed}");
}

#[test]
fn git_status_takes_no_lock_from_the_editor() {
    let site = TestSite::fixture("basic");
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("git.log");
    let fake = bin.path().join("git");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\necho \"$@\" >> {}\nexit 1\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_keten"))
        .env("KETEN_LANG", "en")
        .arg("build")
        .current_dir(site.root())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let calls = std::fs::read_to_string(&log).unwrap();
    assert!(!calls.is_empty());
    for call in calls.lines() {
        assert!(call.starts_with("--no-optional-locks"), "{call}");
    }
}

#[test]
fn a_read_only_output_location_is_an_error_and_the_next_build_works() {
    let site = TestSite::fixture("basic");
    let www = tempfile::tempdir().unwrap();
    let output = www.path().join("site");
    let output_arg = output.to_str().unwrap();
    site.build(&["--output", output_arg]).ok();
    let before = snapshot(www.path());
    let mount = |args: &[&str]| {
        std::process::Command::new("mount")
            .args(args)
            .arg(www.path())
            .arg(www.path())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !mount(&["--bind"]) {
        eprintln!("skipped: this machine cannot bind-mount");
        return;
    }
    let read_only = std::process::Command::new("mount")
        .args(["-o", "remount,bind,ro"])
        .arg(www.path())
        .status()
        .is_ok_and(|s| s.success());
    let error = read_only.then(|| site.build(&["--output", output_arg]).failed());
    let _ = std::process::Command::new("umount")
        .arg(www.path())
        .status();
    let Some(error) = error else {
        eprintln!("skipped: this machine cannot remount read-only");
        return;
    };
    assert!(error.contains("must be writable"), "{error}");
    assert_eq!(snapshot(www.path()), before, "the previous site stays");
    site.build(&["--output", output_arg]).ok();
}

#[test]
fn check_external_keeps_the_time_limit_it_names() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().map_while(Result::ok) {
            held.push(stream);
        }
    });
    let site = TestSite::fixture("basic");
    site.write(
        "content/over.md",
        format!("---\ntitle: Over\n---\n\n[traag](http://127.0.0.1:{port}/traag)\n"),
    );
    let started = std::time::Instant::now();
    let error = site.keten(&["check", "--external"]).failed();
    let took = started.elapsed();
    assert!(error.contains("no answer within 10 s"), "{error}");
    assert!(took < std::time::Duration::from_secs(14), "took {took:?}");
}

#[test]
fn an_unquoted_source_in_raw_html_is_checked() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/over.md",
        "---\ntitle: Over\n---\n\n<img src=ontbreekt.png alt=Leeg>\n",
    );
    let error = site.build(&[]).failed();
    assert!(error.contains("`ontbreekt.png`"), "{error}");
}

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

/// A file of this repository (examples, CI scripts).
pub fn repository_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
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

    /// Runs `keten ARGS` in the site folder, with its messages in English.
    pub fn keten(&self, args: &[&str]) -> Run {
        self.keten_in("en", args)
    }

    /// Runs `keten ARGS` in the site folder with its messages in `lang` (`nl`, `en`).
    pub fn keten_in(&self, lang: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_keten"))
            .args(args)
            .current_dir(self.root())
            .env("KETEN_LANG", lang)
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

/// A running `keten serve`, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
    output: std::sync::Arc<std::sync::Mutex<String>>,
}

/// A response from the server.
pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

impl TestSite {
    /// Starts `keten serve` on a free port and waits until it serves.
    pub fn serve(&self, args: &[&str]) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_keten"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(self.root())
            .env("KETEN_LANG", "en")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start keten serve");
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let errors = std::sync::Arc::clone(&output);
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                errors.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let port = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            output.lock().unwrap().push_str(&format!("{line}\n"));
            // `Serving the site at http://HOST:PORT/`, HOST being the bound address.
            let address = line
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split_once(':'));
            if let Some((_, rest)) = address
                && !line.contains("?token=")
            {
                break rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .split('/')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
            }
        };
        let printed = std::sync::Arc::clone(&output);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                printed.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        Server {
            child,
            port,
            output,
        }
    }
}

impl Server {
    /// A GET of `path`, sent as written (so `..` reaches the server).
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[], b"")
    }

    /// A request with extra headers (`Cookie`, `Origin`, `Content-Type`) and a body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if method != "GET" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            headers: head.to_owned(),
            body: body.to_owned(),
        }
    }

    /// Waits until the body of `path` satisfies `test`, for up to ten seconds.
    pub fn wait_for(&self, path: &str, test: impl Fn(&Response) -> bool) -> Response {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let response = self.get(path);
            if test(&response) {
                return response;
            }
            if std::time::Instant::now() > deadline {
                panic!(
                    "timed out waiting for {path}; last response {} {}\nserver said:\n{}",
                    response.status,
                    response.body,
                    self.printed()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }

    /// Waits until the server has printed `text`, for up to ten seconds.
    pub fn wait_printed(&self, text: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let printed = self.printed();
            if printed.contains(text) {
                return printed;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the server never printed {text:?}:\n{printed}"
            );
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }

    /// Sends Ctrl-C (SIGINT) and waits for the server to stop.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill runs");
        let status = self.child.wait().expect("the server stops");
        std::thread::sleep(std::time::Duration::from_millis(50));
        status
    }

    /// Everything the server printed so far.
    pub fn printed(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// The editor's token, from the address the server printed.
    pub fn token(&self) -> String {
        let printed = self.wait_printed("?token=");
        printed
            .split("?token=")
            .nth(1)
            .unwrap()
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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

/// `cp -r FROM TO`: every file, hidden ones (a site's `.keten/`) included.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
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

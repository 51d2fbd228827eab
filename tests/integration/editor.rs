//! The browser editor of `keten serve`: only the browser with the printed token may use
//! it, and writing also needs a request from the server's own pages; a save changes only
//! what the editor changed and refuses a file that changed on disk; paths stay in
//! `content/`; uploads land beside their page; new pages come from their archetype; and
//! nothing of it reaches `keten build`.

use super::harness::{Response, Server, TestSite};

const SPEERPUNT: &str = "agenda/2024-2025/borstlap.md";

/// A browser that opened the printed address: it sends the cookie, and its posts come
/// from the server's own pages.
struct Browser<'s> {
    server: &'s Server,
    cookie: String,
    origin: String,
}

impl<'s> Browser<'s> {
    fn new(server: &'s Server) -> Browser<'s> {
        let opened = server.get(&format!("/?token={}", server.token()));
        assert_eq!(opened.status, 303, "{}", opened.headers);
        let cookie = header(&opened, "set-cookie").expect("a cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        assert_eq!(header(&opened, "location").as_deref(), Some("/"));
        Browser {
            server,
            cookie: cookie.split(';').next().unwrap().to_owned(),
            origin: format!("http://127.0.0.1:{}", server.port),
        }
    }

    fn get(&self, path: &str) -> Response {
        self.server
            .request("GET", path, &[("Cookie", &self.cookie)], b"")
    }

    fn post(&self, path: &str, pairs: &[(String, String)]) -> Response {
        self.server.request(
            "POST",
            path,
            &[
                ("Cookie", &self.cookie),
                ("Origin", &self.origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            urlencode(pairs).as_bytes(),
        )
    }

    /// The editor's form of `key`, as a browser would send it back unchanged.
    fn form(&self, key: &str) -> Vec<(String, String)> {
        let page = self.get(&format!("/__keten/bewerk/bestand/{key}"));
        assert_eq!(page.status, 200, "{}", page.body);
        form_of(&page.body)
    }

    fn save(&self, key: &str, pairs: &[(String, String)]) -> Response {
        self.post(&format!("/__keten/bewerk/bestand/{key}"), pairs)
    }
}

fn header(response: &Response, name: &str) -> Option<String> {
    response.headers.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

fn urlencode(pairs: &[(String, String)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                other => format!("%{other:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

/// The name/value pairs a browser sends for the editor's form (`form#bewerk`): inputs
/// (ticked boxes only), text boxes with their line breaks sent as CRLF, and selects.
fn form_of(page: &str) -> Vec<(String, String)> {
    let start = page
        .find("<form class=\"formulier\" id=\"bewerk\"")
        .expect("the form");
    let form = &page[start..start + page[start..].find("</form>").unwrap()];
    let mut pairs = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        if tag.starts_with("<input ") {
            let checkbox = attribute(tag, "type").as_deref() == Some("checkbox");
            if let Some(name) = attribute(tag, "name")
                && (!checkbox || tag.contains(" checked"))
            {
                pairs.push((name, attribute(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea ") {
            let body = &rest[end + 1..];
            let close = body.find("</textarea>").unwrap();
            let text = body[..close].strip_prefix('\n').unwrap_or(&body[..close]);
            // A browser reads CR LF in the page as LF and sends every line break as CR LF.
            let value = unescape(text).replace("\r\n", "\n").replace('\n', "\r\n");
            pairs.push((attribute(tag, "name").unwrap(), value));
        } else if tag.starts_with("<select ") {
            let body = &rest[end + 1..rest.find("</select>").unwrap()];
            let selected = body
                .split("<option ")
                .find(|o| o.contains(" selected>") || o.contains("\" selected"))
                .and_then(|o| attribute(&format!(" {o}"), "value"))
                .unwrap_or_default();
            pairs.push((attribute(tag, "name").unwrap(), selected));
        }
        rest = &rest[end..];
    }
    pairs
}

fn set(pairs: &mut [(String, String)], name: &str, value: &str) {
    let pair = pairs
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    pair.1 = value.to_owned();
}

fn get_value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    &pairs.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn the_editor_is_only_for_the_browser_with_the_token() {
    let site = TestSite::repository();
    let server = site.serve(&[]);
    let path = format!("/__keten/bewerk/bestand/{SPEERPUNT}");
    let stranger = server.get(&path);
    assert_eq!(stranger.status, 403);
    assert!(stranger.body.contains("?token="), "{}", stranger.body);
    let page = server.get("/agenda/2024-2025/borstlap/");
    assert!(!page.body.contains("Bewerk deze pagina"));
    let browser = Browser::new(&server);
    let page = browser.get("/agenda/2024-2025/borstlap/");
    assert!(
        page.body.contains(&format!(
            "<a href=\"/__keten/bewerk/bestand/{SPEERPUNT}\">Bewerk deze pagina</a>"
        )),
        "{}",
        page.body
    );
    let section = browser.get("/agenda/2024-2025/");
    assert!(
        section
            .body
            .contains("/__keten/bewerk/bestand/agenda/2024-2025/_index.md")
    );
    let editor = browser.get(&path);
    assert_eq!(editor.status, 200);
    assert!(editor.body.contains("<html lang=\"nl\">"));
    let policy = header(&editor, "content-security-policy").unwrap();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    assert!(
        !editor.body.contains("style=") && !editor.body.contains("<script>"),
        "no inline style or script"
    );
    for field in ["title", "description", "extra.nummer", "_tekst", "_hash"] {
        assert!(
            editor.body.contains(&format!("name=\"{field}\"")),
            "{field}"
        );
    }
    assert!(
        editor
            .body
            .contains("Nummer <span class=\"verplicht\">(verplicht)</span>")
    );
}

#[test]
fn writing_needs_the_token_and_this_servers_origin() {
    let site = TestSite::repository();
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let before = std::fs::read(site.path(&format!("content/{SPEERPUNT}"))).unwrap();
    let mut form = browser.form(SPEERPUNT);
    set(&mut form, "title", "Gekaapt");
    let body = urlencode(&form);
    let path = format!("/__keten/bewerk/bestand/{SPEERPUNT}");
    let form_type = ("Content-Type", "application/x-www-form-urlencoded");
    let origin = browser.origin.clone();
    let cookie = browser.cookie.clone();
    let attempts: [&[(&str, &str)]; 5] = [
        &[form_type, ("Origin", &origin)],
        &[
            form_type,
            ("Cookie", "keten-bewerk-1=fout"),
            ("Origin", &origin),
        ],
        &[
            form_type,
            ("Cookie", &cookie),
            ("Origin", "http://evil.example"),
        ],
        &[form_type, ("Cookie", &cookie)],
        &[
            form_type,
            ("Cookie", &cookie),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "cross-site"),
        ],
    ];
    for headers in attempts {
        let answer = server.request("POST", &path, headers, body.as_bytes());
        assert_eq!(answer.status, 403, "{headers:?}: {}", answer.body);
    }
    let upload = server.request(
        "POST",
        &format!("/__keten/bewerk/upload/{SPEERPUNT}"),
        &[("Origin", &origin)],
        b"",
    );
    assert_eq!(upload.status, 403);
    let preview = server.request(
        "POST",
        &format!("/__keten/bewerk/voorbeeld/{SPEERPUNT}"),
        &[
            form_type,
            ("Cookie", &cookie),
            ("Origin", "http://evil.example"),
        ],
        body.as_bytes(),
    );
    assert_eq!(preview.status, 403);
    assert_eq!(
        std::fs::read(site.path(&format!("content/{SPEERPUNT}"))).unwrap(),
        before
    );
}

#[test]
fn an_unchanged_save_leaves_the_file_byte_for_byte_and_a_title_change_only_its_line() {
    let site = TestSite::repository();
    let file = site.path(&format!("content/{SPEERPUNT}"));
    let before = std::fs::read_to_string(&file).unwrap();
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let answer = browser.save(SPEERPUNT, &browser.form(SPEERPUNT));
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(
        header(&answer, "location")
            .unwrap()
            .ends_with("?opgeslagen=0")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    let mut form = browser.form(SPEERPUNT);
    set(&mut form, "title", "Borstlap blijft op de agenda");
    let text = get_value(&form, "_tekst").replace(
        "Met dit rapport is dat wel zo.",
        "Met dit rapport is dat nog altijd zo.",
    );
    set(&mut form, "_tekst", &text);
    let answer = browser.save(SPEERPUNT, &form);
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(
        header(&answer, "location")
            .unwrap()
            .ends_with("?opgeslagen=1")
    );
    let after = std::fs::read_to_string(&file).unwrap();
    let expected = before
        .replace(
            "title: \"Op de agenda houden van het rapport van de commissie Borstlap\"",
            "title: \"Borstlap blijft op de agenda\"",
        )
        .replace(
            "Met dit rapport is dat wel zo.",
            "Met dit rapport is dat nog altijd zo.",
        );
    assert_eq!(after, expected);
    server.wait_for("/agenda/2024-2025/borstlap/", |r: &Response| {
        r.body.contains("Borstlap blijft op de agenda")
    });
    drop(server);
    site.build(&[]).ok();
    let built = site.output("agenda/2024-2025/borstlap/index.html");
    assert!(built.contains("Borstlap blijft op de agenda"));
    assert!(built.contains("Met dit rapport is dat nog altijd zo."));
}

#[test]
fn windows_files_keep_their_byte_order_mark_and_line_endings() {
    let site = TestSite::fixture("basic");
    let text = "\u{feff}---\r\ntitle: \"Over ons\" # kop\r\n---\r\n\r\nEén regeling.\r\n";
    site.write("content/over.md", text);
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let answer = browser.save("over.md", &browser.form("over.md"));
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(
        std::fs::read_to_string(site.path("content/over.md")).unwrap(),
        text
    );
    let mut form = browser.form("over.md");
    set(&mut form, "title", "Over de proef");
    set(&mut form, "_tekst", "\r\nEén regeling.\r\nEn nog een.\r\n");
    let answer = browser.save("over.md", &form);
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(
        std::fs::read_to_string(site.path("content/over.md")).unwrap(),
        "\u{feff}---\r\ntitle: \"Over de proef\" # kop\r\n---\r\n\r\nEén regeling.\r\nEn nog een.\r\n"
    );
}

#[test]
fn a_save_after_the_file_changed_on_disk_is_refused_with_both_versions() {
    let site = TestSite::repository();
    let file = site.path(&format!("content/{SPEERPUNT}"));
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let mut form = browser.form(SPEERPUNT);
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("Het rapport pleit", "Het rapport van 2020 pleit");
    std::fs::write(&file, &theirs).unwrap();
    set(&mut form, "title", "Mijn titel");
    let answer = browser.save(SPEERPUNT, &form);
    assert_eq!(answer.status, 409, "{}", answer.body);
    assert!(answer.body.contains("Het bestand is intussen veranderd"));
    assert!(
        answer.body.contains("Het rapport van 2020 pleit"),
        "disk's version shown"
    );
    assert!(
        answer.body.contains("Mijn titel"),
        "the editor's version shown"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
}

#[test]
fn what_the_build_would_refuse_is_not_saved_unless_asked() {
    let site = TestSite::repository();
    let file = site.path(&format!("content/{SPEERPUNT}"));
    let before = std::fs::read_to_string(&file).unwrap();
    let server = site.serve(&["--lang", "nl"]);
    let browser = Browser::new(&server);
    let mut form = browser.form(SPEERPUNT);
    set(&mut form, "extra.nummer", "100");
    let answer = browser.save(SPEERPUNT, &form);
    assert_eq!(answer.status, 422);
    assert!(
        answer.body.contains("`extra.nummer` is 100"),
        "{}",
        answer.body
    );
    assert!(
        answer.body.contains("value=\"100\""),
        "the sent value is kept"
    );
    let mut form = browser.form(SPEERPUNT);
    set(&mut form, "title", "");
    let answer = browser.save(SPEERPUNT, &form);
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("Vul dit veld in."));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let mut form = browser.form(SPEERPUNT);
    let text = format!(
        "{}\r\n[kapot](@/nergens.md)\r\n",
        get_value(&form, "_tekst")
    );
    set(&mut form, "_tekst", &text);
    let answer = browser.save(SPEERPUNT, &form);
    assert_eq!(answer.status, 422);
    assert!(
        answer.body.contains("data-regel=\""),
        "the problem points at its line"
    );
    form.push(("_actie".into(), "toch".into()));
    let answer = browser.save(SPEERPUNT, &form);
    assert_eq!(answer.status, 303, "saving anyway, when asked");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("@/nergens.md")
    );
}

#[test]
fn a_preview_renders_unsaved_text_with_the_sites_templates() {
    let site = TestSite::repository();
    let file = site.path(&format!("content/{SPEERPUNT}"));
    let before = std::fs::read_to_string(&file).unwrap();
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let mut form = browser.form(SPEERPUNT);
    set(&mut form, "title", "Een titel die nog niet is opgeslagen");
    let answer = browser.post(&format!("/__keten/bewerk/voorbeeld/{SPEERPUNT}"), &form);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let address = answer
        .body
        .split("\"adres\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let shown = browser.get(&address);
    assert!(shown.body.contains("Een titel die nog niet is opgeslagen"));
    assert!(
        shown
            .body
            .contains("<base href=\"/agenda/2024-2025/borstlap/\">")
    );
    assert!(
        shown.body.contains("Speerpunt 1"),
        "the theme's own template"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    assert!(
        !server
            .get("/agenda/2024-2025/borstlap/")
            .body
            .contains("nog niet is opgeslagen")
    );
}

#[test]
fn paths_outside_content_hidden_or_linked_are_refused() {
    let site = TestSite::fixture("basic");
    site.write("content/.verborgen.md", "---\ntitle: V\n---\n");
    site.write("geheim.md", "---\ntitle: Geheim\n---\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path("geheim.md"), site.path("content/koppeling.md")).unwrap();
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    for key in [
        "../geheim.md",
        "%2e%2e/geheim.md",
        "nieuws/%2e%2e/%2e%2e/geheim.md",
        ".verborgen.md",
        "koppeling.md",
        "../config.yaml",
    ] {
        let answer = browser.get(&format!("/__keten/bewerk/bestand/{key}"));
        assert!(
            matches!(answer.status, 403 | 404),
            "{key}: {} {}",
            answer.status,
            answer.body
        );
        assert!(!answer.body.contains("Geheim"), "{key}");
    }
    let answer = browser.save(
        "koppeling.md",
        &[("title".into(), "X".into()), ("_hash".into(), "x".into())],
    );
    assert!(matches!(answer.status, 403 | 404));
    assert_eq!(
        std::fs::read_to_string(site.path("geheim.md")).unwrap(),
        "---\ntitle: Geheim\n---\n"
    );
}

/// A multipart body with one file, as a browser's upload form sends it.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----ketenproef7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 13, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 5, 0, 1, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0, 0,
    0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn an_upload_lands_beside_its_page_and_never_replaces_a_file() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let upload = |key: &str, name: &str, bytes: &[u8]| {
        let (content_type, body) = multipart(name, bytes);
        server.request(
            "POST",
            &format!("/__keten/bewerk/upload/{key}"),
            &[
                ("Cookie", &browser.cookie),
                ("Origin", &browser.origin),
                ("Content-Type", &content_type),
            ],
            &body,
        )
    };
    let answer = upload("over.md", "Kaart van de Regio.PNG", PNG);
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(
        header(&answer, "location").as_deref(),
        Some("/__keten/bewerk/bestand/over/index.md?toegevoegd=kaart-van-de-regio.png")
    );
    assert!(!site.path("content/over.md").exists());
    assert!(site.path("content/over/index.md").is_file());
    assert_eq!(
        std::fs::read(site.path("content/over/kaart-van-de-regio.png")).unwrap(),
        PNG
    );
    server.wait_for("/over/", |r: &Response| r.status == 200);
    let again = upload(
        "over/index.md",
        "kaart-van-de-regio.png",
        b"\x89PNG\r\n\x1a\nanders",
    );
    assert_eq!(again.status, 422);
    assert_eq!(
        std::fs::read(site.path("content/over/kaart-van-de-regio.png")).unwrap(),
        PNG
    );
    let wrong = upload("over/index.md", "rapport.pdf", b"MZ\x90\x00 a program");
    assert_eq!(wrong.status, 422);
    let kind = upload("over/index.md", "pagina.html", b"<script>");
    assert_eq!(kind.status, 422);
    assert!(!site.path("content/over/rapport.pdf").exists());
    assert!(!site.path("content/over/pagina.html").exists());
    drop(server);
    site.build(&[]).ok();
    assert!(site.has_output("over/index.html"), "the address stays");
}

#[test]
fn a_new_page_comes_from_its_sections_archetype_and_builds() {
    let site = TestSite::repository();
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let form = browser
        .get("/__keten/bewerk/nieuw?sectie=nieuws/_index.md&titel=Regionale+bijeenkomst+in+Zwolle");
    let today = chrono_today();
    let file = format!("content/nieuws/{today}-regionale-bijeenkomst-in-zwolle.md");
    assert!(form.body.contains(&file), "{}", form.body);
    assert!(
        form.body
            .contains("/nieuws/regionale-bijeenkomst-in-zwolle/")
    );
    let answer = browser.post(
        "/__keten/bewerk/nieuw",
        &[
            ("sectie".into(), "nieuws/_index.md".into()),
            ("titel".into(), "Regionale bijeenkomst in Zwolle".into()),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    let created = std::fs::read_to_string(site.path(&file)).unwrap();
    assert!(
        created.contains("title: \"Regionale bijeenkomst in Zwolle\""),
        "{created}"
    );
    assert!(
        created.contains("Schrijf hier het bericht."),
        "the archetype: {created}"
    );
    assert!(created.contains("draft: true"));
    let key = file.strip_prefix("content/").unwrap();
    let editor = browser.get(&format!("/__keten/bewerk/bestand/{key}"));
    assert_eq!(editor.status, 200);
    let again = browser.post(
        "/__keten/bewerk/nieuw",
        &[
            ("sectie".into(), "nieuws/_index.md".into()),
            ("titel".into(), "Regionale bijeenkomst in Zwolle".into()),
        ],
    );
    assert_eq!(again.status, 422, "never over an existing file");
    drop(server);
    site.build(&["--drafts"]).ok();
    assert!(site.has_output("nieuws/regionale-bijeenkomst-in-zwolle/index.html"));
}

fn chrono_today() -> String {
    let output = std::process::Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn the_changes_view_lists_diffs_and_commits_content() {
    let site = TestSite::repository();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(site.root())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Proef Redacteur"]);
    git(&["config", "user.email", "proef@example.nl"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "Begin"]);
    let file = site.path(&format!("content/{SPEERPUNT}"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("Het rapport pleit", "Het rapport van 2020 pleit"),
    )
    .unwrap();
    site.write("config.yaml.bak", "niet in content");
    let server = site.serve(&[]);
    let browser = Browser::new(&server);
    let view = browser.get("/__keten/bewerk/wijzigingen");
    assert_eq!(view.status, 200);
    assert!(view.body.contains(&format!("content/{SPEERPUNT}")));
    assert!(
        view.body.contains("<ins>van 2020 </ins>") || view.body.contains("<ins>van</ins>"),
        "{}",
        view.body
    );
    assert!(!view.body.contains("config.yaml.bak"));
    let answer = browser.post(
        "/__keten/bewerk/wijzigingen",
        &[
            ("bestand".into(), format!("content/{SPEERPUNT}")),
            ("bericht".into(), "Borstlap: jaartal erbij".into()),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    let log = std::process::Command::new("git")
        .args(["log", "-1", "--format=%an|%s", "--name-only"])
        .current_dir(site.root())
        .output()
        .unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert!(
        log.starts_with("Proef Redacteur|Borstlap: jaartal erbij"),
        "{log}"
    );
    assert!(log.contains(SPEERPUNT));
    let outside = browser.post(
        "/__keten/bewerk/wijzigingen",
        &[
            ("bestand".into(), "config.yaml.bak".into()),
            ("bericht".into(), "mag niet".into()),
        ],
    );
    assert_eq!(outside.status, 422);
}

#[test]
fn the_editor_is_off_on_a_network_bind_unless_asked() {
    let site = TestSite::fixture("basic");
    let server = site.serve(&["--bind", "0.0.0.0"]);
    server.wait_printed("--editor-on-network");
    assert!(!server.printed().contains("?token="));
    assert_eq!(server.get("/__keten/bewerk/").status, 404);
    drop(server);
    let server = site.serve(&["--bind", "0.0.0.0", "--editor-on-network"]);
    let browser = Browser::new(&server);
    assert_eq!(browser.get("/__keten/bewerk/").status, 200);
    assert_eq!(
        server.get("/__keten/bewerk/").status,
        403,
        "still only with the token"
    );
}

#[test]
fn keten_build_writes_no_editor() {
    let site = TestSite::repository();
    site.build(&[]).ok();
    for file in site.output_files() {
        if file.ends_with(".html") || file.ends_with(".js") || file.ends_with(".css") {
            let text = site.output(&file);
            assert!(!text.contains("__keten"), "{file}");
            assert!(!text.contains("Bewerk deze pagina"), "{file}");
        }
    }
}

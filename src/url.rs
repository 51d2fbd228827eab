//! Slugs and site paths: pure functions, so every rule about URLs lives in one place.

/// A URL-safe slug the way a Dutch reader expects: `beïnvloeding` → `beinvloeding`,
/// `één regeling` → `een-regeling`.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// The file name of a page without its date prefix, and the date if it had one:
/// `2019-11-12-uitnodiging` → (`uitnodiging`, Some(`2019-11-12`)).
pub fn split_date_prefix(stem: &str) -> (&str, Option<&str>) {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b'_');
    if is_date {
        (&stem[11..], Some(&stem[..10]))
    } else {
        (stem, None)
    }
}

/// Slugs every segment of a content folder: `Agenda/2024-2025` → `agenda/2024-2025`.
pub fn slug_path(dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(slugify)
        .collect::<Vec<_>>()
        .join("/")
}

/// Joins an output folder (`agenda/x`, or empty for the root) and a base path into the
/// URL readers see: `/g40/agenda/x/`.
pub fn folder_url(base_path: &str, folder: &str) -> String {
    if folder.is_empty() {
        base_path.to_owned()
    } else {
        format!("{base_path}{folder}/")
    }
}

/// Normalises a path that must stay inside the output folder (an alias, a file name):
/// `/oud/pagina/` → `oud/pagina`. `None` when it would leave the folder.
pub fn contained_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains(':') => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Resolves `relative` against the folder of a content file (`nieuws/x.md` → `nieuws`).
/// `None` when it climbs above the content folder.
pub fn resolve_relative(from_dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `folder/name` for output paths; a name in the root folder stays as it is.
pub fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_owned()
    } else {
        format!("{folder}/{name}")
    }
}

/// `%20` → space, so a file named `jaar verslag.pdf` matches its link.
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves a relative reference against the folder URL of a page (`/a/b/`).
pub fn resolve_against(page_url: &str, reference: &str) -> String {
    if reference.starts_with('/') {
        return reference.to_owned();
    }
    let (reference, rest) = match reference.find(['#', '?']) {
        Some(i) => reference.split_at(i),
        None => (reference, ""),
    };
    let mut parts: Vec<&str> = page_url.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = reference.ends_with('/') || reference.is_empty();
    for part in reference.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut url = format!("/{}", parts.join("/"));
    if trailing && !url.ends_with('/') {
        url.push('/');
    }
    url + rest
}

/// `https://…`, `http://…` and `//host/…` as the source of an image or embed: a reader's
/// browser would contact that host for the page to show whole, which a site that promises
/// no third-party requests (and whose CSP blocks them) must not publish.
pub fn loads_from_another_host(url: &str) -> bool {
    let url = url.trim_start();
    let starts = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    starts("https:") || starts("http:") || url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_on_another_host_are_told_apart_from_this_site() {
        for foreign in ["https://a.nl/x.png", "HTTP://a.nl/x", " //cdn.a.nl/x.js"] {
            assert!(loads_from_another_host(foreign), "{foreign}");
        }
        for ours in ["/g40/x.png", "kaart.png", "data:image/png;base64,AA", "#x"] {
            assert!(!loads_from_another_host(ours), "{ours}");
        }
    }

    #[test]
    fn dutch_words_slug_as_a_reader_expects() {
        assert_eq!(slugify("beïnvloeding"), "beinvloeding");
        assert_eq!(slugify("één regeling"), "een-regeling");
        assert_eq!(slugify("Werken en ondernemen"), "werken-en-ondernemen");
        assert_eq!(
            slugify("Strategische agenda '24-'25"),
            "strategische-agenda-24-25"
        );
    }

    #[test]
    fn date_prefix_is_split_off() {
        assert_eq!(
            split_date_prefix("2019-11-12-uitnodiging"),
            ("uitnodiging", Some("2019-11-12"))
        );
        assert_eq!(
            split_date_prefix("2019-uitnodiging"),
            ("2019-uitnodiging", None)
        );
        assert_eq!(split_date_prefix("2019-11-12"), ("2019-11-12", None));
    }

    #[test]
    fn contained_path_refuses_to_leave_the_output() {
        assert_eq!(
            contained_path("/oud/pagina/").as_deref(),
            Some("oud/pagina")
        );
        assert_eq!(contained_path("a/../../etc"), None);
        assert_eq!(contained_path("C:/x"), None);
        assert_eq!(contained_path("..\\x"), None);
    }

    #[test]
    fn relative_links_resolve_against_the_file_folder() {
        assert_eq!(
            resolve_relative("nieuws", "../papers/a.md").as_deref(),
            Some("papers/a.md")
        );
        assert_eq!(resolve_relative("", "../a.md"), None);
    }

    #[test]
    fn folder_urls_carry_the_base_path() {
        assert_eq!(folder_url("/g40/", "agenda"), "/g40/agenda/");
        assert_eq!(folder_url("/", ""), "/");
    }

    #[test]
    fn relative_references_resolve_against_the_page_folder() {
        assert_eq!(
            resolve_against("/papers/x/", "tabel.csv"),
            "/papers/x/tabel.csv"
        );
        assert_eq!(resolve_against("/papers/x/", "../y/#a"), "/papers/y/#a");
        assert_eq!(resolve_against("/a/", "/b/"), "/b/");
    }
}

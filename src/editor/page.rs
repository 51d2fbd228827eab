//! The editor's pages, as HTML made on the server: Dutch, `lang="nl"`, no inline script or
//! style and no `style=` attribute (the theme's strict Content-Security-Policy holds here
//! too), labels on every control, errors tied to their fields, and a layout that reflows
//! down to 320 px. One stylesheet and one script, both of keten, do the rest.

use super::PREFIX;
use super::form::{self, Field};
use super::problems::Problem;
use crate::html::escape;

/// A key as it goes in an address: each part percent-encoded, the slashes kept.
pub fn href_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for byte in key.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The address of the editor of a file.
pub fn edit_url(key: &str) -> String {
    format!("{PREFIX}/bestand/{}", href_key(key))
}

/// Which part of the editor a page belongs to, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Files,
    New,
    Changes,
    Editing,
}

/// A whole page of the editor.
pub fn layout(title: &str, part: Part, git: bool, main: &str) -> String {
    let link = |href: String, text: &str, this: Part| {
        let current = if part == this {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<li><a href=\"{href}\"{current}>{text}</a></li>")
    };
    let mut nav = link(format!("{PREFIX}/"), "Alle pagina's", Part::Files);
    nav.push_str(&link(format!("{PREFIX}/nieuw"), "Nieuwe pagina", Part::New));
    if git {
        nav.push_str(&link(
            format!("{PREFIX}/wijzigingen"),
            "Wijzigingen",
            Part::Changes,
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} – keten bewerken</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"{PREFIX}/editor.css\">\n<script src=\"{PREFIX}/editor.js\" defer></script>\n</head>\n<body>\n<a class=\"overslaan\" href=\"#inhoud\">Naar de inhoud</a>\n<header class=\"kop\"><p class=\"merk\"><a href=\"/\">Site bekijken</a> <span aria-hidden=\"true\">·</span> keten bewerken</p><nav aria-label=\"Bewerken\"><ul>{nav}</ul></nav></header>\n<main id=\"inhoud\" tabindex=\"-1\">\n{main}\n</main>\n</body>\n</html>\n",
        title = escape(title)
    )
}

/// What `serve` puts on a page of the site for a browser that may edit.
pub fn bar(key: &str) -> String {
    format!(
        "<nav class=\"keten-bewerk\" aria-label=\"Bewerken\"><a href=\"{}\">Bewerk deze pagina</a> <a href=\"{PREFIX}/\">Alle pagina's</a></nav>",
        edit_url(key)
    )
}

/// A message above the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Saved,
    Unchanged,
    Uploaded(String),
    Created,
    /// Not saved: what is wrong is listed.
    NotSaved,
    Error(String),
}

/// What the editor page of a file shows.
pub struct EditView<'a> {
    pub key: &'a str,
    pub title: &'a str,
    /// The page's address on the site, when it is on it.
    pub url: Option<&'a str>,
    /// The fields with the value shown (as sent, after a failed save).
    pub fields: Vec<(&'a Field, String)>,
    /// The text box holds the whole file (its front matter could not be read).
    pub whole_file: bool,
    pub text: &'a str,
    pub hash: &'a str,
    pub notice: Option<Notice>,
    pub problems: &'a [Problem],
    /// The files beside the page.
    pub files: &'a [String],
    pub git: bool,
}

/// The editor of one file: the form with the text, the preview beside it, its files.
pub fn edit(view: &EditView) -> String {
    let key = view.key;
    let action = edit_url(key);
    let notice = notice_html(view.notice.as_ref(), view.problems);
    let fields: String = view
        .fields
        .iter()
        .map(|(field, value)| {
            let error = view
                .problems
                .iter()
                .filter(|p| p.field.as_deref() == Some(&field.path))
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            form::render(field, value, (!error.is_empty()).then_some(error.as_str()))
        })
        .collect();
    let fieldset = if view.whole_file {
        "<p class=\"uitleg\">De kop van dit bestand kan niet worden gelezen; hieronder staat het hele bestand. Herstel de kop (tussen de twee regels <code>---</code>) en sla op.</p>".to_owned()
    } else {
        format!("<fieldset class=\"gegevens\"><legend>Gegevens</legend>{fields}</fieldset>")
    };
    let text_problems = problem_list(view.problems, true);
    let mode = if view.whole_file {
        "<input type=\"hidden\" name=\"_heel\" value=\"1\">"
    } else {
        ""
    };
    let view_link = view.url.map_or_else(String::new, |url| {
        format!(
            " <a class=\"bekijk\" href=\"{}\">Bekijk de pagina op de site</a>",
            escape(url)
        )
    });
    let preview = format!(
        "<section class=\"voorbeeld\" aria-labelledby=\"voorbeeld-kop\"><h2 id=\"voorbeeld-kop\">Voorbeeld</h2><p class=\"uitleg\" id=\"voorbeeld-uitleg\">Zo toont de site deze pagina. Het voorbeeld volgt wat u typt; opgeslagen is het pas na <strong>Opslaan</strong>.</p><iframe id=\"voorbeeld\" src=\"{PREFIX}/voorbeeld/{href}\" title=\"Voorbeeld van de pagina\" aria-describedby=\"voorbeeld-uitleg\"></iframe></section>",
        href = href_key(key)
    );
    let main = format!(
        "<h1>{title}</h1>\n<p class=\"bestand\">Bestand: <code>content/{file}</code>{view_link}</p>\n{notice}\n<div class=\"werkblad\">\n<form class=\"formulier\" id=\"bewerk\" method=\"post\" action=\"{action}\" data-voorbeeld=\"{PREFIX}/voorbeeld/{href}\" data-sleutel=\"{file}\" novalidate>\n<input type=\"hidden\" name=\"_hash\" value=\"{hash}\">{mode}\n{fieldset}\n<div class=\"veld tekstveld\"><label for=\"tekst\" id=\"tekst-label\">Tekst <span class=\"uitleg-kort\">(Markdown)</span></label>\n<p class=\"uitleg\" id=\"tekst-uitleg\">Een kop begint met <code>## </code>, een lijst met <code>- </code>; <code>**vet**</code> maakt tekst vet. Een link naar een andere pagina: <code>[tekst](@/map/bestand.md)</code>.</p>\n<textarea id=\"tekst\" name=\"_tekst\" rows=\"24\" spellcheck=\"true\" lang=\"nl\" aria-describedby=\"tekst-uitleg tekst-problemen\">\n{text}</textarea>\n<div id=\"tekst-problemen\" class=\"problemen\" aria-live=\"polite\">{text_problems}</div></div>\n<div class=\"acties\"><button type=\"submit\" name=\"_actie\" value=\"opslaan\" class=\"hoofdknop\">Opslaan</button> {force}<p id=\"status\" class=\"status\" role=\"status\"></p></div>\n</form>\n{preview}\n</div>\n{files}",
        title = escape(view.title),
        file = escape(key),
        href = href_key(key),
        hash = escape(view.hash),
        text = escape(view.text),
        force = if view.notice == Some(Notice::NotSaved) {
            "<button type=\"submit\" name=\"_actie\" value=\"toch\">Toch opslaan</button> "
        } else {
            ""
        },
        files = files_html(key, view.files),
    );
    layout(
        &format!("Bewerken: {}", view.title),
        Part::Editing,
        view.git,
        &main,
    )
}

fn notice_html(notice: Option<&Notice>, problems: &[Problem]) -> String {
    let general = problem_list(problems, false);
    let (class, text) = match notice {
        None if general.is_empty() => return String::new(),
        None => ("melding fout", "Er is iets mis met deze pagina:".to_owned()),
        Some(Notice::Saved) => ("melding goed", "Opgeslagen.".to_owned()),
        Some(Notice::Unchanged) => (
            "melding",
            "Er was niets veranderd; het bestand is niet aangeraakt.".to_owned(),
        ),
        Some(Notice::Uploaded(name)) => (
            "melding goed",
            format!(
                "<code>{}</code> staat nu bij deze pagina. Zet het in de tekst met de knop bij het bestand hieronder.",
                escape(name)
            ),
        ),
        Some(Notice::Created) => (
            "melding goed",
            "De pagina is gemaakt. Het is een concept tot u het vinkje bij Concept weghaalt."
                .to_owned(),
        ),
        Some(Notice::NotSaved) => (
            "melding fout",
            "Niet opgeslagen: de site zou zo niet gebouwd kunnen worden. Herstel wat bij de velden en in de tekst staat, of kies <strong>Toch opslaan</strong>.".to_owned(),
        ),
        Some(Notice::Error(message)) => ("melding fout", escape(message)),
    };
    let role = if class.contains("fout") {
        "alert"
    } else {
        "status"
    };
    format!("<div class=\"{class}\" role=\"{role}\"><p>{text}</p>{general}</div>")
}

/// The problems at lines of the text (`in_text`), or those at no field and no line.
fn problem_list(problems: &[Problem], in_text: bool) -> String {
    let items: String = problems
        .iter()
        .filter(|p| p.field.is_none() && (p.line.is_some() == in_text))
        .map(|p| {
            let place = match p.line {
                Some(line) => format!(
                    "<button type=\"button\" class=\"naar-regel\" data-regel=\"{line}\">Regel {line}</button>: "
                ),
                None => format!("<code>{}</code>: ", escape(&p.location)),
            };
            format!("<li>{place}{}</li>", escape(&p.message))
        })
        .collect();
    if items.is_empty() {
        String::new()
    } else {
        format!("<ul class=\"probleemlijst\">{items}</ul>")
    }
}

/// The files beside the page, and the form to add one.
fn files_html(key: &str, files: &[String]) -> String {
    let folder = super::files::folder_of(key);
    let items: String = files
        .iter()
        .map(|name| {
            let image = [".jpg", ".jpeg", ".png", ".webp"]
                .iter()
                .any(|e| name.ends_with(e));
            let markdown = if image {
                format!("![Beschrijf wat op de afbeelding staat]({name})")
            } else {
                format!("[{name}]({name})")
            };
            format!(
                "<li><code>{n}</code> <button type=\"button\" class=\"voeg-in\" data-invoegen=\"{m}\">Zet in de tekst</button></li>",
                n = escape(name),
                m = escape(&markdown)
            )
        })
        .collect();
    let list = if items.is_empty() {
        "<p>Nog geen bestanden.</p>".to_owned()
    } else {
        format!("<ul class=\"bestanden\">{items}</ul>")
    };
    let note = if folder.is_none() {
        "<p class=\"uitleg\" id=\"upload-uitleg\">Met het eerste bestand wordt deze pagina een map met <code>index.md</code>; het adres blijft hetzelfde. Sla eerst uw tekst op.</p>"
    } else {
        "<p class=\"uitleg\" id=\"upload-uitleg\">Foto's (jpg, png, webp), pdf, csv en ondertitels (vtt), tot 20 MB. Sla eerst uw tekst op.</p>"
    };
    format!(
        "<section class=\"bijlagen\" aria-labelledby=\"bestanden-kop\"><h2 id=\"bestanden-kop\">Bestanden bij deze pagina</h2>{list}<form method=\"post\" action=\"{PREFIX}/upload/{href}\" enctype=\"multipart/form-data\" class=\"upload\" id=\"upload\"><label for=\"upload-bestand\">Bestand toevoegen</label>{note}<input type=\"file\" id=\"upload-bestand\" name=\"bestand\" accept=\".jpg,.jpeg,.png,.webp,.pdf,.csv,.vtt\" aria-describedby=\"upload-uitleg\"> <button type=\"submit\">Toevoegen</button></form></section>",
        href = href_key(key)
    )
}

/// The page shown when a save finds the file changed on disk since it was opened: both
/// versions side by side, and the editor's choice of what to do. Nothing was written.
pub fn conflict(
    key: &str,
    table: &str,
    replay: &[(String, String)],
    disk_hash: &str,
    git: bool,
) -> String {
    let hidden: String = replay
        .iter()
        .filter(|(name, _)| name != "_hash" && name != "_actie")
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(name),
                escape(value)
            )
        })
        .collect();
    let text = replay
        .iter()
        .find(|(name, _)| name == "_tekst")
        .map_or("", |(_, value)| value.as_str());
    let main = format!(
        "<h1>Het bestand is intussen veranderd</h1>\n<div class=\"melding fout\" role=\"alert\"><p>Sinds u <code>content/{file}</code> opende, is het op schijf veranderd (door iemand anders, een andere editor, of <code>git pull</code>). Uw versie is <strong>niet</strong> opgeslagen, en niets is overschreven.</p></div>\n<h2>Beide versies</h2>\n<p>Links staat het bestand zoals het nu op schijf staat, rechts uw versie. Regels die verschillen zijn gemarkeerd.</p>\n{table}\n<h2>Wat wilt u doen?</h2>\n<ul class=\"keuzes\">\n<li><a href=\"{edit}\">Open de versie op schijf</a> en breng uw wijzigingen daarin opnieuw aan. Kopieer uw tekst eerst hieronder.</li>\n<li><form method=\"post\" action=\"{edit}\"><input type=\"hidden\" name=\"_hash\" value=\"{disk_hash}\">{hidden}<button type=\"submit\" name=\"_actie\" value=\"opslaan\">Sla mijn versie toch op</button> <span class=\"uitleg\">(de versie op schijf gaat dan verloren)</span></form></li>\n</ul>\n<h2><label for=\"uw-tekst\">Uw tekst</label></h2>\n<textarea id=\"uw-tekst\" rows=\"12\" readonly>\n{text}</textarea>",
        file = escape(key),
        edit = edit_url(key),
        text = escape(text),
    );
    layout(
        "Het bestand is intussen veranderd",
        Part::Editing,
        git,
        &main,
    )
}

/// A page that says why the editor will not do something.
pub fn refused(title: &str, message: &str) -> String {
    let main = format!(
        "<h1>{}</h1>\n<div class=\"melding fout\" role=\"alert\"><p>{}</p></div>",
        escape(title),
        escape(message)
    );
    layout(title, Part::Files, false, &main)
}

/// The page a browser without the token gets.
pub fn no_token() -> String {
    let main = "<h1>Open de editor via het adres uit de terminal</h1>\n<div class=\"melding fout\" role=\"alert\"><p>Deze browser heeft de sleutel van deze <code>keten serve</code> niet. Open het adres met <code>?token=</code> dat <code>keten serve</code> in de terminal toont; daarna kunt u in deze browser bewerken tot <code>keten serve</code> stopt.</p></div>";
    layout("Geen toegang", Part::Files, false, main)
}

/// One file in the list of all files.
pub struct Listed {
    pub key: String,
    pub title: String,
    pub draft: bool,
    pub section: bool,
}

/// Every content file, by folder, each a link to its editor.
pub fn index(files: &[Listed], git: bool) -> String {
    let mut html = String::new();
    let mut folder: Option<&str> = None;
    for file in files {
        let this =
            crate::model::parent_dir(file.key.strip_suffix("/index.md").unwrap_or(&file.key));
        if folder != Some(this) {
            if folder.is_some() {
                html.push_str("</ul></section>\n");
            }
            let shown = if this.is_empty() { "content/" } else { this };
            let new_link = format!(
                "<a class=\"nieuw\" href=\"{PREFIX}/nieuw?sectie={}\">Nieuwe pagina in {}</a>",
                escape(&href_key(&if this.is_empty() {
                    "_index.md".to_owned()
                } else {
                    format!("{this}/_index.md")
                })),
                escape(shown)
            );
            html.push_str(&format!(
                "<section class=\"map\"><h2><code>{}</code></h2>{new_link}<ul class=\"paginas\">",
                escape(shown)
            ));
            folder = Some(this);
        }
        let mut marks = String::new();
        if file.section {
            marks.push_str(" <span class=\"label\">sectie</span>");
        }
        if file.draft {
            marks.push_str(" <span class=\"label\">concept</span>");
        }
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a>{marks} <code class=\"klein\">{}</code></li>",
            edit_url(&file.key),
            escape(&file.title),
            escape(&file.key)
        ));
    }
    if folder.is_some() {
        html.push_str("</ul></section>\n");
    }
    let main = format!("<h1>Alle pagina's</h1>\n<p>Kies een pagina om te bewerken.</p>\n{html}");
    layout("Alle pagina's", Part::Files, git, &main)
}

/// The form for a new page: its section and title, and what file and address that gives.
pub struct NewView<'a> {
    /// (key of the section's `_index.md`, title) of every section.
    pub sections: &'a [(String, String)],
    pub section: &'a str,
    pub title: &'a str,
    /// (file, address) the title gives, when a title was given.
    pub planned: Option<(String, String)>,
    pub error: Option<String>,
    pub git: bool,
}

pub fn new_page(view: &NewView) -> String {
    let options: String = view
        .sections
        .iter()
        .map(|(key, title)| {
            let selected = if key == view.section { " selected" } else { "" };
            let folder = crate::model::parent_dir(key);
            let shown = if folder.is_empty() {
                "content/"
            } else {
                folder
            };
            format!(
                "<option value=\"{}\"{selected}>{} ({})</option>",
                escape(key),
                escape(title),
                escape(shown)
            )
        })
        .collect();
    let planned = match &view.planned {
        Some((file, url)) => format!(
            "<dl class=\"plan\"><dt>Bestand</dt><dd><code>{}</code></dd><dt>Adres</dt><dd><code>{}</code></dd></dl>",
            escape(file),
            escape(url)
        ),
        None => {
            "<p>Vul een titel in; dan staat hier welk bestand en welk adres de pagina krijgt.</p>"
                .to_owned()
        }
    };
    let error = view.error.as_ref().map_or_else(String::new, |e| {
        format!("<p class=\"fout\" id=\"titel-fout\">{}</p>", escape(e))
    });
    let described = if view.error.is_some() {
        " aria-describedby=\"titel-uitleg titel-fout\" aria-invalid=\"true\""
    } else {
        " aria-describedby=\"titel-uitleg\""
    };
    let main = format!(
        "<h1>Nieuwe pagina</h1>\n<form method=\"get\" action=\"{PREFIX}/nieuw\" class=\"formulier smal\" id=\"nieuw\">\n<div class=\"veld\"><label for=\"sectie\">Sectie</label><select id=\"sectie\" name=\"sectie\">{options}</select></div>\n<div class=\"veld\"><label for=\"titel\">Titel <span class=\"verplicht\">(verplicht)</span></label><p class=\"uitleg\" id=\"titel-uitleg\">Uit de titel komen de bestandsnaam en het adres. De pagina krijgt de opzet (het archetype) van de sectie en begint als concept.</p><input type=\"text\" id=\"titel\" name=\"titel\" value=\"{title}\" aria-required=\"true\"{described}>{error}</div>\n<div id=\"plan\" aria-live=\"polite\">{planned}</div>\n<div class=\"acties\"><button type=\"submit\">Bekijk bestand en adres</button> <button type=\"submit\" formmethod=\"post\" class=\"hoofdknop\">Maak de pagina</button></div>\n</form>",
        title = escape(view.title)
    );
    layout("Nieuwe pagina", Part::New, view.git, &main)
}

/// One changed file in the changes view.
pub struct ChangedView {
    pub path: String,
    pub kind: &'static str,
    pub diff: String,
}

/// The content files git sees changed, their diffs, and the commit form.
pub fn changes(list: &[ChangedView], notice: Option<&str>, error: Option<&str>) -> String {
    let notice = match (notice, error) {
        (_, Some(error)) => format!(
            "<div class=\"melding fout\" role=\"alert\"><p>{}</p></div>",
            escape(error)
        ),
        (Some(notice), None) => format!(
            "<div class=\"melding goed\" role=\"status\"><p>{}</p></div>",
            escape(notice)
        ),
        (None, None) => String::new(),
    };
    let push_help = "<details class=\"uitleg-blok\"><summary>En dan: de wijzigingen delen (push)</summary><p>Vastleggen bewaart de wijzigingen in git op deze computer. Om ze te delen, stuurt u ze daarna zelf naar de gedeelde repository: in een terminal in de map van de site met <code>git push</code>, of in GitHub Desktop met <strong>Push origin</strong>. Haal eerst de wijzigingen van anderen op (<code>git pull</code>) als git daarom vraagt.</p></details>";
    if list.is_empty() {
        let main = format!(
            "<h1>Wijzigingen</h1>\n{notice}<p>Er zijn geen wijzigingen in <code>content/</code> die nog niet zijn vastgelegd.</p>{push_help}"
        );
        return layout("Wijzigingen", Part::Changes, true, &main);
    }
    let boxes: String = list
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "<li><input type=\"checkbox\" id=\"bestand-{i}\" name=\"bestand\" value=\"{p}\" checked> <label for=\"bestand-{i}\"><code>{p}</code> ({k})</label></li>",
                p = escape(&c.path),
                k = c.kind
            )
        })
        .collect();
    let diffs: String = list
        .iter()
        .map(|c| {
            format!(
                "<section class=\"wijziging\"><h3><code>{}</code> <span class=\"label\">{}</span></h3>{}</section>",
                escape(&c.path),
                c.kind,
                c.diff
            )
        })
        .collect();
    let main = format!(
        "<h1>Wijzigingen</h1>\n{notice}<p>Deze bestanden in <code>content/</code> zijn veranderd sinds de laatste keer dat er iets werd vastgelegd (de laatste commit).</p>\n<form method=\"post\" action=\"{PREFIX}/wijzigingen\" class=\"formulier smal\" id=\"vastleggen\">\n<fieldset><legend>Vast te leggen bestanden</legend><ul class=\"keuzelijst\">{boxes}</ul></fieldset>\n<div class=\"veld\"><label for=\"bericht\">Wat is er veranderd? <span class=\"verplicht\">(verplicht)</span></label><p class=\"uitleg\" id=\"bericht-uitleg\">Een korte zin, bijvoorbeeld: Speerpunt Borstlap bijgewerkt na het overleg van maart.</p><textarea id=\"bericht\" name=\"bericht\" rows=\"3\" aria-required=\"true\" aria-describedby=\"bericht-uitleg\"></textarea></div>\n<div class=\"acties\"><button type=\"submit\" class=\"hoofdknop\">Vastleggen</button></div>\n</form>\n{push_help}\n<h2>Wat er veranderd is</h2>\n{diffs}"
    );
    layout("Wijzigingen", Part::Changes, true, &main)
}

//! `keten init DIR`: the smallest site that builds at once, to start from.

use std::path::Path;

use crate::error::{Error, Result};
use crate::msg;

const FILES: &[(&str, &str)] = &[
    (
        "config.yaml",
        "base_url: \"https://www.example.nl/\"\ntitle: \"Mijn site\"\ndescription: \"Een site gemaakt met keten.\"\nlanguage: nl\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: \"Mijn site\"\nsort_by: date\n---\n\nWelkom. Pas deze tekst aan in `content/_index.md`.\n",
    ),
    (
        "content/eerste-pagina.md",
        "---\ntitle: \"Eerste pagina\"\ndescription: \"Een voorbeeldpagina.\"\n---\n\n## Inleiding\n\nSchrijf hier de tekst van de pagina, in Markdown.\n",
    ),
];

/// Creates a new site in `dir`, which must not exist yet or be empty.
pub fn init(dir: &Path) -> Result<Vec<&'static str>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Refused(msg!("init-not-empty", path = dir)));
        }
    }
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
    }
    Ok(FILES.iter().map(|(name, _)| *name).collect())
}

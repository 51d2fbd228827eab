//! Which templates a render uses: each template's `extends` and `include` names, followed
//! through the site → theme → built-in fallbacks, and the templates that define the
//! components it calls (Tera 2 components are global: any template may call a component
//! another file defines). `serve` re-renders only the outputs whose templates changed,
//! and knows which outputs look up other pages.

use std::collections::{BTreeMap, BTreeSet};

/// Functions whose result depends on content other than the page being rendered.
const SITE_LOOKUPS: &[&str] = &["get_page(", "get_section(", "get_taxonomy("];

/// The references between the loaded templates.
#[derive(Debug, Clone, Default)]
pub struct TemplateDeps {
    prefixes: Vec<String>,
    /// Template name → the names it extends or includes, as written.
    references: BTreeMap<String, Vec<String>>,
    /// Templates that call a site lookup function.
    looks_up_site: BTreeSet<String>,
    /// Component name → the template that defines it.
    components: BTreeMap<String, String>,
    /// Template name → the components it calls.
    calls: BTreeMap<String, Vec<String>>,
}

impl TemplateDeps {
    /// `sources` are (registered name, text); `prefixes` the fallback order.
    pub fn new(sources: &[(String, String)], prefixes: &[String]) -> TemplateDeps {
        let references = sources
            .iter()
            .map(|(name, text)| (name.clone(), referenced_names(text)))
            .collect();
        let looks_up_site = sources
            .iter()
            .filter(|(_, text)| SITE_LOOKUPS.iter().any(|f| text.contains(f)))
            .map(|(name, _)| name.clone())
            .collect();
        let mut components = BTreeMap::new();
        for (name, text) in sources {
            for component in defined_components(text) {
                components.insert(component, name.clone());
            }
        }
        let calls = sources
            .iter()
            .map(|(name, text)| (name.clone(), called_components(text)))
            .collect();
        TemplateDeps {
            prefixes: prefixes.to_vec(),
            references,
            looks_up_site,
            components,
            calls,
        }
    }

    /// The registered name a lookup of `name` finds: exact, then each fallback prefix.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        if let Some((found, _)) = self.references.get_key_value(name) {
            return Some(found);
        }
        self.prefixes.iter().find_map(|prefix| {
            self.references
                .get_key_value(&format!("{prefix}{name}"))
                .map(|(k, _)| k.as_str())
        })
    }

    /// Every registered template a render of `name` may use, itself included.
    pub fn closure(&self, name: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = self.resolve(name).map(str::to_owned).into_iter().collect();
        while let Some(current) = todo.pop() {
            if !seen.insert(current.clone()) {
                continue;
            }
            for referenced in self.references.get(&current).into_iter().flatten() {
                if let Some(found) = self.resolve(referenced) {
                    todo.push(found.to_owned());
                }
            }
            for component in self.calls.get(&current).into_iter().flatten() {
                if let Some(defined_in) = self.components.get(component) {
                    todo.push(defined_in.clone());
                }
            }
        }
        seen
    }

    /// Whether any template in `closure` reads other pages through a lookup function.
    pub fn looks_up_site(&self, closure: &BTreeSet<String>) -> bool {
        closure.iter().any(|name| self.looks_up_site.contains(name))
    }
}

/// The quoted names after `extends` and `include` tags.
fn referenced_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for keyword in ["extends", "include"] {
        for (at, _) in text.match_indices(keyword) {
            let rest = text[at + keyword.len()..].trim_start();
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
                continue;
            };
            if let Some(name) = rest[1..].split(quote).next() {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The names after `{% component NAME(`.
fn defined_components(text: &str) -> Vec<String> {
    tag_starts(text, "{%")
        .filter_map(|rest| rest.strip_prefix("component"))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .filter_map(|rest| identifier(rest.trim_start()))
        .collect()
}

/// The components called as `{{ <NAME … /> }}` or `{% <NAME … %}`.
fn called_components(text: &str) -> Vec<String> {
    let mut names: Vec<String> = tag_starts(text, "{{")
        .chain(tag_starts(text, "{%"))
        .filter_map(|rest| rest.strip_prefix('<'))
        .filter_map(|rest| identifier(rest.trim_start()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// What follows each `open` delimiter, whitespace control and spaces skipped.
fn tag_starts<'t>(text: &'t str, open: &'static str) -> impl Iterator<Item = &'t str> {
    text.match_indices(open).map(move |(at, _)| {
        let rest = &text[at + open.len()..];
        rest.strip_prefix('-').unwrap_or(rest).trim_start()
    })
}

/// A component name: letters, digits, `_` and `.` (namespaces such as `ui.button`).
fn identifier(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps() -> TemplateDeps {
        let sources = vec![
            (
                "themes/t/templates/base.html".to_owned(),
                "{% include \"partials/footer.html\" %}".to_owned(),
            ),
            (
                "themes/t/templates/partials/footer.html".to_owned(),
                "{{ get_page(path=\"a.md\").title }}".to_owned(),
            ),
            (
                "themes/t/templates/page.html".to_owned(),
                "{% extends 'base.html' %}".to_owned(),
            ),
            (
                "templates/base.html".to_owned(),
                "{% include \"partials/footer.html\" %} site".to_owned(),
            ),
            (
                "builtin/404.html".to_owned(),
                "{% extends \"builtin/base.html\" %}".to_owned(),
            ),
            ("builtin/base.html".to_owned(), "plain".to_owned()),
        ];
        TemplateDeps::new(
            &sources,
            &[
                "templates/".into(),
                "themes/t/templates/".into(),
                "builtin/".into(),
            ],
        )
    }

    #[test]
    fn closure_includes_the_templates_that_define_called_components() {
        let sources = vec![
            (
                "templates/components.html".to_owned(),
                "{% component kaart(titel, url) %}<a href=\"{{ url }}\">{{ titel }}</a>{% endcomponent kaart %}"
                    .to_owned(),
            ),
            (
                "templates/page.html".to_owned(),
                "{{ <kaart titel=page.title url=page.url /> }}{%- <ui.kader soort=\"info\" %}x{% </ui.kader> %}"
                    .to_owned(),
            ),
            (
                "templates/ui.html".to_owned(),
                "{%- component ui.kader(soort) -%}{{ body }}{%- endcomponent ui.kader -%}".to_owned(),
            ),
        ];
        let deps = TemplateDeps::new(&sources, &["templates/".into()]);
        let closure: Vec<String> = deps.closure("page.html").into_iter().collect();
        assert_eq!(
            closure,
            [
                "templates/components.html",
                "templates/page.html",
                "templates/ui.html"
            ]
        );
    }

    #[test]
    fn closure_follows_extends_and_includes_through_fallbacks() {
        let closure = deps().closure("page.html");
        let names: Vec<&str> = closure.iter().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "templates/base.html",
                "themes/t/templates/page.html",
                "themes/t/templates/partials/footer.html"
            ]
        );
        assert!(deps().looks_up_site(&closure));
        assert!(!deps().looks_up_site(&deps().closure("404.html")));
    }
}

//! Atom feeds (the site's, and each section's that asks for one), `sitemap.xml` and
//! `robots.txt`: files readers' tools fetch, written with real XML writers so they are
//! always well-formed.

use atom_syndication::{Content as AtomContent, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveDate, NaiveTime};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::config::Config;
use crate::model::{Content, Model, Page};
use crate::url::resolve_against;

/// The Atom feed of the whole site (`section` none) or of one section. `today` dates a
/// feed when no page of the site has a date (see [`undated`]).
pub fn atom(config: &Config, model: &Model, section: Option<&str>, today: NaiveDate) -> String {
    let content = &model.content;
    let (title, url) = match section {
        Some(key) => {
            let s = &content.sections[key];
            (format!("{} – {}", s.title(), config.title), s.url.clone())
        }
        None => (config.title.clone(), config.base_path.clone()),
    };
    let fallback = undated(content, today);
    let entries: Vec<Entry> = feed_pages(content, section, config.feed_limit)
        .into_iter()
        .map(|page| entry(config, page, fallback))
        .collect();
    let updated = entries
        .iter()
        .map(|e| *e.updated())
        .max()
        .unwrap_or(fallback);
    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(config.permalink(&url));
    feed.set_updated(updated);
    feed.set_lang(Some(config.language.clone()));
    feed.set_authors(vec![Person {
        name: config.title.clone(),
        ..Person::default()
    }]);
    feed.set_links(vec![
        link(config.permalink(&url), "alternate"),
        link(config.permalink(&format!("{url}atom.xml")), "self"),
    ]);
    if !config.description.is_empty() {
        feed.set_subtitle(Some(Text::plain(config.description.clone())));
    }
    feed.set_entries(entries);
    feed.to_string()
}

/// Dated pages, newest first, at most `limit`.
fn feed_pages<'c>(content: &'c Content, section: Option<&str>, limit: usize) -> Vec<&'c Page> {
    let mut pages: Vec<&Page> = match section {
        Some(key) => content.sections[key]
            .pages
            .iter()
            .map(|k| &content.pages[k])
            .collect(),
        None => content.pages.values().collect(),
    };
    pages.retain(|p| p.source.date.is_some());
    pages.sort_by(|a, b| {
        b.source
            .date
            .cmp(&a.source.date)
            .then_with(|| a.source.key.cmp(&b.source.key))
    });
    pages.truncate(limit);
    pages
}

/// The date of a feed with nothing dated in it: the newest `date` or `updated` of any page
/// of the site, else `today` at midnight UTC. Feed readers take the date as "the site
/// changed then", so it must be a real one, and it stays the same within a day so two
/// builds of the same input are alike.
fn undated(content: &Content, today: NaiveDate) -> FixedDateTime {
    content
        .pages
        .values()
        .flat_map(|page| [page.source.date, page.source.updated])
        .flatten()
        .map(|date| date.moment)
        .max()
        .unwrap_or_else(|| today.and_time(NaiveTime::MIN).and_utc().fixed_offset())
}

fn entry(config: &Config, page: &Page, fallback: FixedDateTime) -> Entry {
    let permalink = config.permalink(&page.url);
    let published = page.source.date.map(|d| d.moment);
    let updated = page
        .source
        .updated
        .map(|d| d.moment)
        .or(published)
        .unwrap_or(fallback);
    let html = page.rendered.html.as_str();
    let mut entry = Entry::default();
    entry.set_title(Text::plain(page.title().to_owned()));
    entry.set_id(permalink.clone());
    entry.set_updated(updated);
    entry.set_published(published);
    entry.set_links(vec![link(permalink, "alternate")]);
    if let Some(description) = &page.text.description {
        entry.set_summary(Some(Text::plain(description.clone())));
    }
    entry.set_content(Some(AtomContent {
        value: Some(absolute_urls(html, &page.url, config)),
        content_type: Some("html".to_owned()),
        ..AtomContent::default()
    }));
    entry
}

fn link(href: String, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link
}

/// Feed readers show content away from the site: every `href` and `src` becomes absolute.
/// One pass over the HTML, so a page of thousands of links costs no more than its size.
pub fn absolute_urls(html: &str, page_url: &str, config: &Config) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    for attribute in crate::html::attributes(html) {
        let url = attribute.value;
        let is_local = !url.starts_with('#') && !url.contains(':') && !url.starts_with("//");
        if attribute.kind == crate::html::Kind::Id || !is_local {
            continue;
        }
        out.push_str(&html[copied..attribute.range.start]);
        out.push_str(&config.permalink(&resolve_against(page_url, url)));
        copied = attribute.range.end;
    }
    out.push_str(&html[copied..]);
    out
}

/// `sitemap.xml`: every published page and section with its last change, for search engines.
pub fn sitemap(config: &Config, model: &Model) -> String {
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for section in model.content.sections.values() {
        let changed = section
            .changed
            .last
            .map(|d| d.format("%Y-%m-%d").to_string());
        entries.push((config.permalink(&section.url), changed));
    }
    for page in model.content.pages.values() {
        let changed = page.changed.last.map(|d| d.format("%Y-%m-%d").to_string());
        entries.push((config.permalink(&page.url), changed));
    }
    let editions = model.editions.iter().flat_map(|e| &e.list);
    for (_, url) in editions.filter_map(|e| e.changes.as_ref()) {
        entries.push((config.permalink(url), None));
    }
    for taxonomy in &model.taxonomies {
        entries.push((config.permalink(&taxonomy.url), None));
        for term in taxonomy.terms.values() {
            entries.push((config.permalink(&term.url), None));
        }
    }
    entries.sort();
    write_sitemap(&entries)
}

fn write_sitemap(entries: &[(String, Option<String>)]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut urlset = BytesStart::new("urlset");
    urlset.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
    let write = |writer: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer.write_event(Event::Start(urlset))?;
        for (loc, lastmod) in entries {
            writer.write_event(Event::Start(BytesStart::new("url")))?;
            text_element(writer, "loc", loc)?;
            if let Some(lastmod) = lastmod {
                text_element(writer, "lastmod", lastmod)?;
            }
            writer.write_event(Event::End(BytesEnd::new("url")))?;
        }
        writer.write_event(Event::End(BytesEnd::new("urlset")))?;
        Ok(())
    };
    write(&mut writer).expect("writing to memory");
    let mut xml = String::from_utf8(writer.into_inner()).expect("XML of UTF-8 text");
    xml.push('\n');
    xml
}

fn text_element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    writer.write_event(Event::Text(BytesText::new(text)))?;
    writer.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

/// `/.well-known/security.txt` (RFC 9116): where to report a vulnerability in the site.
pub fn security_txt(config: &Config) -> String {
    let Some(security) = &config.security_txt else {
        return String::new();
    };
    let mut text = String::new();
    for contact in &security.contact {
        text.push_str(&format!("Contact: {contact}\n"));
    }
    text.push_str(&format!("Expires: {}\n", security.expires));
    if let Some(languages) = &security.preferred_languages {
        text.push_str(&format!("Preferred-Languages: {languages}\n"));
    }
    if let Some(policy) = &security.policy {
        text.push_str(&format!("Policy: {policy}\n"));
    }
    text.push_str(&format!(
        "Canonical: {}.well-known/security.txt\n",
        config.base_url
    ));
    text
}

/// `robots.txt`: everything may be indexed; here is the sitemap.
pub fn robots(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        config.base_url
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn local_urls_become_absolute() {
        let config = Config::parse(
            "base_url: https://example.org/g40/\ntitle: T\n",
            Path::new("c"),
            None,
        )
        .unwrap();
        let html = r##"<a href="/g40/a/">a</a> <img src="b.png" alt=""> <a href="#x">x</a> <a href="https://elders.nl/">e</a>"##;
        let out = absolute_urls(html, "/g40/papers/p/", &config);
        assert!(
            out.contains(r#"href="https://example.org/g40/a/""#),
            "{out}"
        );
        assert!(
            out.contains(r#"src="https://example.org/g40/papers/p/b.png""#),
            "{out}"
        );
        assert!(out.contains(r##"href="#x""##));
        assert!(out.contains(r#"href="https://elders.nl/""#));
    }
}

//! Filters and functions templates call: Dutch dates, slugs, and lookups into the site.

use std::sync::Arc;

use chrono::Locale;
use tera::{Kwargs, State, Tera, Value};

use super::failure;
use crate::inputs::front_matter::Date;
use crate::msg;
use crate::views::SiteView;
use crate::yaml::closest;

/// Registers the filters that need no site data, and `fail`.
pub fn register_filters(tera: &mut Tera, language: &str) {
    let locale = locale_for(language);
    tera.register_filter("date", move |value: &str, kwargs: Kwargs, _: &State| {
        format_date(value, &kwargs, locale)
    });
    tera.register_filter("slugify", |value: &str, _: Kwargs, _: &State| {
        crate::url::slugify(value)
    });
    tera.register_function("fail", |kwargs: Kwargs, _: &State| fail(&kwargs));
}

/// `fail(nl="…", en="…")` stops the build with a theme's own message (a shortcode's
/// check), which keten's catalogue cannot hold: the theme gives it in both languages and
/// the reader sees it in theirs, as every other message.
fn fail(kwargs: &Kwargs) -> tera::TeraResult<Value> {
    let nl = kwargs.must_get::<&str>("nl")?;
    let en = kwargs.must_get::<&str>("en")?;
    let message = msg!("theme-message", nl = nl, en = en);
    Err(tera::Error::message(message.embed()))
}

/// `{{ page.date | date }}` → `20 november 2019`; `weekday=true` adds `woensdag`;
/// `format="%B %Y"` takes any strftime pattern, in the site's language.
fn format_date(value: &str, kwargs: &Kwargs, locale: Locale) -> tera::TeraResult<String> {
    let date = Date::parse(value)
        .ok_or_else(|| failure("filter `date`", msg!("template-not-a-date", value = value)))?;
    let weekday = kwargs.get::<bool>("weekday")?.unwrap_or(false);
    let format = match kwargs.get::<&str>("format")? {
        Some(format) => format.to_owned(),
        None if weekday => "%A %-d %B %Y".to_owned(),
        None => "%-d %B %Y".to_owned(),
    };
    Ok(date.moment.format_localized(&format, locale).to_string())
}

/// The chrono locale for a language code: `nl` → `nl_NL`, `en` → `en_GB`, `de-AT` → `de_AT`.
pub fn locale_for(language: &str) -> Locale {
    let code = language.replace('-', "_");
    let guess = match code.as_str() {
        "en" => "en_GB".to_owned(),
        c if c.contains('_') => c.to_owned(),
        c => format!("{c}_{}", c.to_uppercase()),
    };
    Locale::try_from(guess.as_str()).unwrap_or(Locale::POSIX)
}

/// Registers the functions that look things up in the site; called again after a rebuild.
pub fn register_site_functions(tera: &mut Tera, site: Arc<SiteView>) {
    let pages = Arc::clone(&site);
    tera.register_function("get_page", move |kwargs: Kwargs, _: &State| {
        let path = kwargs.must_get::<&str>("path")?;
        lookup(&pages.pages, path, "get_page", "page", required(&kwargs)?)
    });
    let sections = Arc::clone(&site);
    tera.register_function("get_section", move |kwargs: Kwargs, _: &State| {
        let path = kwargs.must_get::<&str>("path")?;
        lookup(
            &sections.sections,
            path,
            "get_section",
            "section",
            required(&kwargs)?,
        )
    });
    let taxonomies = Arc::clone(&site);
    tera.register_function("get_taxonomy", move |kwargs: Kwargs, _: &State| {
        let kind = kwargs.must_get::<&str>("kind")?;
        lookup(
            &taxonomies.taxonomies,
            kind,
            "get_taxonomy",
            "taxonomy",
            required(&kwargs)?,
        )
    });
    tera.register_function("url_for", move |kwargs: Kwargs, _: &State| {
        let path = kwargs.must_get::<&str>("path")?;
        url_for(&site, path)
    });
}

/// `required=false` makes a lookup of something missing give none instead of an error,
/// for themes that show a block only when the site has that page.
fn required(kwargs: &Kwargs) -> tera::TeraResult<bool> {
    Ok(kwargs.get::<bool>("required")?.unwrap_or(true))
}

fn lookup(
    values: &std::collections::HashMap<String, Value>,
    path: &str,
    function: &str,
    what: &str,
    required: bool,
) -> tera::TeraResult<Value> {
    let key = path.trim_start_matches("@/");
    if !required {
        return Ok(values.get(key).cloned().unwrap_or_else(Value::none));
    }
    values.get(key).cloned().ok_or_else(|| {
        let known: Vec<&str> = values.keys().map(String::as_str).collect();
        let suggest = closest(key, &known).unwrap_or("none");
        let message = msg!(
            "template-no-such",
            what = what,
            key = key,
            suggest = suggest
        );
        failure(function, message)
    })
}

/// `@/agenda/_index.md` → its URL; `css/site.css` or `/css/site.css` → under the base path.
fn url_for(site: &SiteView, path: &str) -> tera::TeraResult<String> {
    if let Some(key) = path.strip_prefix("@/") {
        let (key, anchor) = key
            .split_once('#')
            .map_or((key, None), |(k, a)| (k, Some(a)));
        let url = site
            .urls
            .get(key)
            .ok_or_else(|| failure("url_for", msg!("template-no-content-file", key = key)))?;
        return Ok(match anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url.clone(),
        });
    }
    if path.contains("://") {
        return Ok(path.to_owned());
    }
    Ok(format!(
        "{}{}",
        site.base_path,
        path.trim_start_matches('/')
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kwargs(pairs: Vec<(&'static str, Value)>) -> Kwargs {
        let mut map = tera::Map::new();
        for (k, v) in pairs {
            map.insert(k.into(), v);
        }
        Kwargs::new(Arc::new(map))
    }

    #[test]
    fn dutch_dates_with_and_without_weekday() {
        let nl = locale_for("nl");
        assert_eq!(
            format_date("2019-11-20", &kwargs(vec![]), nl).unwrap(),
            "20 november 2019"
        );
        let weekday = kwargs(vec![("weekday", Value::from(true))]);
        assert_eq!(
            format_date("2019-11-20", &weekday, nl).unwrap(),
            "woensdag 20 november 2019"
        );
        assert!(format_date("gisteren", &kwargs(vec![]), nl).is_err());
    }

    #[test]
    fn fail_speaks_the_readers_language() {
        let pair = vec![
            ("nl", Value::from("geen bestand")),
            ("en", Value::from("no file")),
        ];
        let error = fail(&kwargs(pair)).unwrap_err().to_string();
        assert_eq!(
            crate::messages::localize(&error, crate::messages::Lang::Nl),
            "geen bestand"
        );
        assert_eq!(
            crate::messages::localize(&error, crate::messages::Lang::En),
            "no file"
        );
    }

    #[test]
    fn url_for_adds_the_base_path() {
        let mut site = SiteView {
            base_path: "/g40/".into(),
            ..SiteView::default()
        };
        site.urls.insert("a.md".into(), "/g40/a/".into());
        assert_eq!(url_for(&site, "css/site.css").unwrap(), "/g40/css/site.css");
        assert_eq!(url_for(&site, "@/a.md#kop").unwrap(), "/g40/a/#kop");
        assert!(url_for(&site, "@/b.md").is_err());
    }
}

//! `keten check --external`: links to other sites, checked over the network with a short
//! timeout, a few at a time, and remembered for a day, so a second check is quick and
//! does not bother the other sites. Never part of a build.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use crate::error::{Diagnostic, Position};
use crate::markdown::LinkTarget;
use crate::messages::Msg;
use crate::model::{Content, Document};
use crate::msg;

/// How long one site may take to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How many links are checked at the same time.
const AT_ONCE: usize = 8;
/// How long a link that worked is trusted without asking again.
const REMEMBER: Duration = Duration::from_secs(24 * 60 * 60);
/// Where the results are remembered, under the site root.
pub const CACHE_FILE: &str = ".keten/external-links.tsv";

/// Checks every `http(s)://` link in the content; returns a problem per link that fails.
pub fn check(root: &Path, content: &Content) -> Vec<Diagnostic> {
    let links = collect(content);
    let cache_path = root.join(CACHE_FILE);
    let mut remembered = read_cache(&cache_path);
    let now = SystemTime::now();
    let to_check: Vec<&String> = links
        .keys()
        .filter(|url| !fresh(&remembered, url, now))
        .collect();
    let results: Vec<(&String, Result<(), Msg>)> = match rayon::ThreadPoolBuilder::new()
        .num_threads(AT_ONCE)
        .build()
    {
        Ok(pool) => pool.install(|| to_check.par_iter().map(|url| (*url, fetch(url))).collect()),
        Err(_) => to_check.iter().map(|url| (*url, fetch(url))).collect(),
    };
    let mut problems = Vec::new();
    for (url, result) in results {
        match result {
            Ok(()) => {
                remembered.insert(url.clone(), seconds(now));
            }
            Err(reason) => {
                for (document, position) in &links[url] {
                    problems.push(document.problem(*position, reason.clone()));
                }
            }
        }
    }
    write_cache(&cache_path, &remembered);
    problems
}

fn collect(content: &Content) -> BTreeMap<String, Vec<(Document<'_>, Position)>> {
    let mut links: BTreeMap<String, Vec<(Document, Position)>> = BTreeMap::new();
    for document in content.documents() {
        for link in &document.rendered.links {
            let (LinkTarget::External, url) = (&link.target, &link.written) else {
                continue;
            };
            if url.starts_with("http://") || url.starts_with("https://") {
                links
                    .entry(url.clone())
                    .or_default()
                    .push((document, link.position));
            }
        }
    }
    links
}

/// Asks for a page: HEAD first, GET when the server does not answer HEAD properly. Both
/// together keep to `TIMEOUT`, the limit the message names.
fn fetch(url: &str) -> Result<(), Msg> {
    let deadline = std::time::Instant::now() + TIMEOUT;
    let agent = |deadline: std::time::Instant| -> ureq::Agent {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        ureq::Agent::config_builder()
            .timeout_global(Some(left))
            .http_status_as_error(false)
            .build()
            .into()
    };
    let status = match agent(deadline).head(url).call() {
        Ok(response) if !matches!(response.status().as_u16(), 400 | 403 | 405 | 501) => {
            response.status()
        }
        Err(error @ ureq::Error::Timeout(_)) => return Err(describe(url, &error)),
        _ if std::time::Instant::now() >= deadline => return Err(timed_out(url)),
        _ => agent(deadline)
            .get(url)
            .call()
            .map_err(|e| describe(url, &e))?
            .status(),
    };
    if status.is_success() || status.is_redirection() {
        Ok(())
    } else {
        Err(msg!(
            "external-status",
            url = url,
            status = status.to_string()
        ))
    }
}

fn timed_out(url: &str) -> Msg {
    msg!("external-timeout", url = url, seconds = TIMEOUT.as_secs())
}

fn describe(url: &str, error: &ureq::Error) -> Msg {
    match error {
        ureq::Error::Timeout(_) => timed_out(url),
        other => msg!(
            "external-unreachable",
            url = url,
            reason = other.to_string()
        ),
    }
}

fn fresh(remembered: &BTreeMap<String, u64>, url: &str, now: SystemTime) -> bool {
    remembered
        .get(url)
        .is_some_and(|checked| seconds(now).saturating_sub(*checked) < REMEMBER.as_secs())
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `URL<TAB>unix seconds` per line: links that worked, and when.
fn read_cache(path: &Path) -> BTreeMap<String, u64> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .filter_map(|(url, when)| Some((url.to_owned(), when.parse().ok()?)))
        .collect()
}

fn write_cache(path: &Path, remembered: &BTreeMap<String, u64>) {
    let text: String = remembered
        .iter()
        .map(|(url, when)| format!("{url}\t{when}\n"))
        .collect();
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = std::fs::write(path, text);
}

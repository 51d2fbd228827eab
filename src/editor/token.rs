//! Who may use the editor: the browser that opened the address `serve` printed.
//!
//! A secret token, new on every run, is printed in that address (`?token=…`, as Jupyter
//! does). The first visit with it gets a cookie (`HttpOnly; SameSite=Strict`), and the
//! editor only answers requests that carry it. A request that changes anything must also
//! come from a page of this server: its `Origin` header (or, when a browser sends none, its
//! `Referer`) must be this server's own address, and `Sec-Fetch-Site`, when sent, must say
//! `same-origin`. So another web page open in the same browser cannot post to the editor
//! (cross-site request forgery): it knows no token, its requests carry its own origin, and
//! a `SameSite=Strict` cookie is never sent with them.

use axum::http::{HeaderMap, header};

/// A run's secret: 128 random bits, written as 32 hexadecimal digits.
#[derive(Clone)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

impl Token {
    /// A new token from the system's random source.
    pub fn new() -> Token {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the system gives random bytes");
        Token(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The token as it goes in the address and the cookie.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is this token; compared in constant time, so the answer's
    /// timing tells nothing about how much of a guess was right.
    pub fn matches(&self, candidate: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), candidate.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// The cookie's name carries the port: cookies do not tell ports apart, and another
/// `keten serve` on this computer has a token of its own.
pub fn cookie_name(port: u16) -> String {
    format!("keten-bewerk-{port}")
}

/// The `Set-Cookie` value that gives the browser the token.
pub fn set_cookie(token: &Token, port: u16) -> String {
    format!(
        "{}={}; HttpOnly; SameSite=Strict; Path=/",
        cookie_name(port),
        token.as_str()
    )
}

/// Whether the request carries the token in its cookie.
pub fn has_cookie(headers: &HeaderMap, token: &Token, port: u16) -> bool {
    let name = cookie_name(port);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(key, value)| key == name && token.matches(value))
}

/// Why a request that would change something is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No cookie with this run's token.
    NoToken,
    /// It does not come from a page of this server.
    ForeignOrigin,
}

/// Whether a request that changes files may: it carries the token and comes from a page
/// of this server (`Host` is the server's own name, already checked by `serve`).
pub fn may_write(headers: &HeaderMap, token: &Token, port: u16) -> Result<(), Refusal> {
    if !has_cookie(headers, token, port) {
        return Err(Refusal::NoToken);
    }
    if same_origin(headers) {
        Ok(())
    } else {
        Err(Refusal::ForeignOrigin)
    }
}

/// Whether `Origin` (or, without it, `Referer`) names the server the request was sent
/// to, and `Sec-Fetch-Site` does not say otherwise. Neither header: refused.
fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(host) = text("host") else {
        return false;
    };
    let own = format!("http://{}", host.to_ascii_lowercase());
    if text("sec-fetch-site").is_some_and(|site| site != "same-origin") {
        return false;
    }
    match (text("origin"), text("referer")) {
        (Some(origin), _) => origin.to_ascii_lowercase() == own,
        (None, Some(referer)) => {
            let referer = referer.to_ascii_lowercase();
            referer == own || referer.starts_with(&format!("{own}/"))
        }
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn tokens_are_new_each_run_and_compared_exactly() {
        let (a, b) = (Token::new(), Token::new());
        assert_eq!(a.as_str().len(), 32);
        assert_ne!(a.as_str(), b.as_str());
        assert!(a.matches(a.as_str()));
        assert!(!a.matches(b.as_str()));
        assert!(!a.matches(&a.as_str()[..31]));
    }

    #[test]
    fn writing_needs_the_cookie_and_this_servers_origin() {
        let token = Token::new();
        let cookie = format!("andere=1; keten-bewerk-1111={}", token.as_str());
        let host = ("host", "127.0.0.1:1111");
        let ok = headers(&[
            host,
            ("cookie", &cookie),
            ("origin", "http://127.0.0.1:1111"),
        ]);
        assert_eq!(may_write(&ok, &token, 1111), Ok(()));
        let no_cookie = headers(&[host, ("origin", "http://127.0.0.1:1111")]);
        assert_eq!(may_write(&no_cookie, &token, 1111), Err(Refusal::NoToken));
        let other_port = headers(&[
            host,
            ("cookie", &cookie),
            ("origin", "http://127.0.0.1:1111"),
        ]);
        assert_eq!(may_write(&other_port, &token, 2222), Err(Refusal::NoToken));
        for (name, value) in [
            ("origin", "http://evil.example"),
            ("origin", "null"),
            ("referer", "http://127.0.0.1:1111.evil.example/"),
        ] {
            let foreign = headers(&[host, ("cookie", &cookie), (name, value)]);
            assert_eq!(
                may_write(&foreign, &token, 1111),
                Err(Refusal::ForeignOrigin),
                "{name}: {value}"
            );
        }
        let referer = headers(&[
            host,
            ("cookie", &cookie),
            ("referer", "http://127.0.0.1:1111/x"),
        ]);
        assert_eq!(may_write(&referer, &token, 1111), Ok(()));
        let neither = headers(&[host, ("cookie", &cookie)]);
        assert_eq!(
            may_write(&neither, &token, 1111),
            Err(Refusal::ForeignOrigin)
        );
        let cross = headers(&[
            host,
            ("cookie", &cookie),
            ("origin", "http://127.0.0.1:1111"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert_eq!(may_write(&cross, &token, 1111), Err(Refusal::ForeignOrigin));
    }
}

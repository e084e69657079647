//! "Nawiguj": the link that opens the platform's navigation on an address
//! (a `geo:` URI on a phone or tablet, a map's directions on a desktop).
//! Pure: the shell opens the link (through the Tauri opener plugin).

use serde::{Deserialize, Serialize};

/// Where to go: the address as written, and its point when the case data
/// has one (navigation then goes to the point, labelled with the address).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NavigateRequest {
    pub line: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// What the shell opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Navigation {
    pub url: String,
    /// False when the platform could not open it (no map application, no
    /// browser): the screen shows the link instead.
    pub opened: bool,
}

/// Which kind of link the platform's navigation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Android and iOS: a `geo:` URI (RFC 5870) opens the map application
    /// the person chose.
    Mobile,
    /// Desktop: directions on a map in the browser.
    Desktop,
}

/// The longest address line taken (the rest is cut): a link is no place
/// for a novel.
pub const MAX_LINE_CHARS: usize = 300;

/// The link that navigates to `to` on `platform`. A point outside the
/// globe's ranges (or not a number) is ignored and the address is used.
pub fn link(to: &NavigateRequest, platform: Platform) -> String {
    let line: String = to.line.trim().chars().take(MAX_LINE_CHARS).collect();
    let point = match (to.lat, to.lon) {
        (Some(lat), Some(lon))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
        {
            Some(format!("{lat:.6},{lon:.6}"))
        }
        _ => None,
    };
    match (platform, point) {
        (Platform::Mobile, Some(p)) => format!("geo:{p}?q={p}({})", encode(&line)),
        (Platform::Mobile, None) => format!("geo:0,0?q={}", encode(&line)),
        (Platform::Desktop, Some(p)) => {
            format!("https://www.google.com/maps/dir/?api=1&destination={p}")
        }
        (Platform::Desktop, None) => format!(
            "https://www.google.com/maps/dir/?api=1&destination={}",
            encode(&line)
        ),
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (UTF-8
/// bytes, so "ł" is "%C5%82").
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(line: &str, point: Option<(f64, f64)>) -> NavigateRequest {
        NavigateRequest {
            line: line.into(),
            lat: point.map(|p| p.0),
            lon: point.map(|p| p.1),
        }
    }

    #[test]
    fn a_phone_gets_a_geo_uri_and_a_desktop_directions() {
        let at = to("ul. Piotrkowska 104, 90-926 Łódź", Some((51.7592, 19.4560)));
        assert_eq!(
            link(&at, Platform::Mobile),
            "geo:51.759200,19.456000?q=51.759200,19.456000\
             (ul.%20Piotrkowska%20104%2C%2090-926%20%C5%81%C3%B3d%C5%BA)"
        );
        assert_eq!(
            link(&at, Platform::Desktop),
            "https://www.google.com/maps/dir/?api=1&destination=51.759200,19.456000"
        );
    }

    #[test]
    fn without_a_point_the_address_is_searched() {
        let at = to("  Rynek 1, 50-106 Wrocław ", None);
        assert_eq!(
            link(&at, Platform::Mobile),
            "geo:0,0?q=Rynek%201%2C%2050-106%20Wroc%C5%82aw"
        );
        assert_eq!(
            link(&at, Platform::Desktop),
            "https://www.google.com/maps/dir/?api=1&destination=Rynek%201%2C%2050-106%20Wroc%C5%82aw"
        );
    }

    #[test]
    fn a_point_off_the_globe_or_half_a_point_is_ignored() {
        for p in [(91.0, 19.0), (51.0, 181.0), (f64::NAN, 19.0)] {
            assert_eq!(
                link(&to("Rynek 1", Some(p)), Platform::Desktop),
                "https://www.google.com/maps/dir/?api=1&destination=Rynek%201"
            );
        }
        let half = NavigateRequest {
            line: "Rynek 1".into(),
            lat: Some(51.0),
            lon: None,
        };
        assert_eq!(link(&half, Platform::Mobile), "geo:0,0?q=Rynek%201");
    }

    #[test]
    fn nothing_in_the_address_can_break_out_of_the_link() {
        let at = to("a&destination=evil?x=#y\"<script>", None);
        let url = link(&at, Platform::Desktop);
        assert_eq!(url.matches('&').count(), 1, "{url}");
        assert!(!url.contains('#') && !url.contains('<') && !url.contains('"'));
        let long = "x".repeat(1000);
        assert_eq!(
            link(&to(&long, None), Platform::Mobile).len(),
            "geo:0,0?q=".len() + MAX_LINE_CHARS
        );
    }
}

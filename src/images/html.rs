//! The `<picture>` element for a processed image: WebP first, the original format as
//! the fallback, `width`/`height` so the page does not shift while it loads.

use std::fmt::Write;

use super::{Format, ProcessedImage};

/// What the page knows about one use of an image, beyond the image itself.
#[derive(Debug, Clone, Copy)]
pub struct PictureOptions<'a> {
    /// The URL folder the copies are published in, ending in `/` (`/nieuws/2024/`).
    pub url_prefix: &'a str,
    /// The alt text as the editor wrote it; escaped here.
    pub alt: &'a str,
    /// The Markdown title (`![alt](foto.jpg "title")`), if any.
    pub title: Option<&'a str>,
    /// The `sizes` attribute, usually `ImageSettings::sizes`.
    pub sizes: &'a str,
    /// Lazy loading; false for the first image of a page, which is often in view at
    /// once and would otherwise load late (it is usually the largest paint).
    pub lazy: bool,
}

/// What an `<img>` and its WebP `<source>` are made of, unescaped: for the Markdown
/// renderer here, and for templates (a shortcode's `figuur`) that write their own tag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PictureParts {
    /// The largest copy in the source's own format.
    pub src: String,
    /// `url 480w, url 960w`, smallest first, in the source's own format.
    pub srcset: String,
    /// The same in WebP, when the source is not WebP itself.
    pub webp_srcset: Option<String>,
    pub sizes: String,
    /// The largest copy's size, not the source's: the same aspect ratio (what stops
    /// layout shift), and without CSS the image shows at the size that was published.
    pub width: u32,
    pub height: u32,
}

impl ProcessedImage {
    /// The URLs and sizes of this image's copies published under `url_prefix`.
    pub fn parts(&self, url_prefix: &str, sizes: &str) -> PictureParts {
        let largest = self
            .variants
            .iter()
            .filter(|v| v.format == self.format)
            .max_by_key(|v| v.size.width);
        let src = largest.map_or(String::new(), |v| format!("{url_prefix}{}", v.file_name));
        let size = largest.map_or(self.size, |v| v.size);
        PictureParts {
            src,
            srcset: self.srcset(self.format, url_prefix),
            webp_srcset: (self.format != Format::WebP)
                .then(|| self.srcset(Format::WebP, url_prefix)),
            sizes: sizes.to_owned(),
            width: size.width,
            height: size.height,
        }
    }

    /// The HTML for this image: a `<picture>` with a WebP `<source>` when there is one
    /// besides the original format, otherwise a plain `<img>`. The `<img>` falls back to
    /// the largest copy and has its `width` and `height`, so browsers reserve the space.
    pub fn html(&self, options: &PictureOptions<'_>) -> String {
        let parts = self.parts(options.url_prefix, options.sizes);
        let img = img_tag(&parts, options);
        let Some(webp) = &parts.webp_srcset else {
            return img;
        };
        let mut out = String::from("<picture><source type=\"image/webp\" srcset=\"");
        out.push_str(&escape(webp));
        out.push_str("\" sizes=\"");
        out.push_str(&escape(&parts.sizes));
        out.push_str("\">");
        out.push_str(&img);
        out.push_str("</picture>");
        out
    }

    /// `url 480w, url 960w`, smallest first, for one format.
    fn srcset(&self, format: Format, url_prefix: &str) -> String {
        let entries: Vec<String> = self
            .variants
            .iter()
            .filter(|v| v.format == format)
            .map(|v| format!("{url_prefix}{} {}w", v.file_name, v.size.width))
            .collect();
        entries.join(", ")
    }
}

fn img_tag(parts: &PictureParts, options: &PictureOptions<'_>) -> String {
    let mut out = format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        escape(&parts.src),
        escape(&parts.srcset),
        escape(&parts.sizes),
        parts.width,
        parts.height,
        escape(options.alt),
    );
    if let Some(title) = options.title.filter(|t| !t.is_empty()) {
        let _ = write!(out, " title=\"{}\"", escape(title));
    }
    if options.lazy {
        out.push_str(" loading=\"lazy\"");
    }
    out.push_str(" decoding=\"async\">");
    out
}

/// Escapes text for a double-quoted HTML attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::images::{Size, Variant};

    fn image(format: Format, widths: &[u32]) -> ProcessedImage {
        let mut variants = Vec::new();
        for f in format.published() {
            for w in widths {
                variants.push(Variant {
                    format: f,
                    size: Size {
                        width: *w,
                        height: w / 2,
                    },
                    file_name: format!("foto-{w}w.{}", f.extension()),
                    cached: PathBuf::from("cache"),
                });
            }
        }
        ProcessedImage {
            source: PathBuf::from("content/foto.jpg"),
            format,
            size: Size {
                width: 2000,
                height: 1000,
            },
            variants,
        }
    }

    fn options(alt: &str, lazy: bool) -> PictureOptions<'_> {
        PictureOptions {
            url_prefix: "/nieuws/",
            alt,
            title: None,
            sizes: "100vw",
            lazy,
        }
    }

    #[test]
    fn picture_has_webp_source_dimensions_and_lazy_loading() {
        let html = image(Format::Jpeg, &[480, 960]).html(&options("Kaart", true));
        assert_eq!(
            html,
            "<picture><source type=\"image/webp\" \
             srcset=\"/nieuws/foto-480w.webp 480w, /nieuws/foto-960w.webp 960w\" sizes=\"100vw\">\
             <img src=\"/nieuws/foto-960w.jpg\" \
             srcset=\"/nieuws/foto-480w.jpg 480w, /nieuws/foto-960w.jpg 960w\" sizes=\"100vw\" \
             width=\"960\" height=\"480\" alt=\"Kaart\" loading=\"lazy\" decoding=\"async\">\
             </picture>"
        );
    }

    #[test]
    fn alt_text_is_escaped_and_first_image_is_not_lazy() {
        let html = image(Format::Png, &[480]).html(&options("\"Bos\" & <hei>", false));
        assert!(
            html.contains("alt=\"&quot;Bos&quot; &amp; &lt;hei&gt;\""),
            "{html}"
        );
        assert!(!html.contains("loading="), "{html}");
    }

    #[test]
    fn a_webp_source_gets_a_plain_img() {
        let html = image(Format::WebP, &[480]).html(&options("x", true));
        assert!(
            html.starts_with("<img src=\"/nieuws/foto-480w.webp\""),
            "{html}"
        );
    }
}

//! Which copies of an image to publish, decided from its size and the settings alone, so
//! a cached build can plan without decoding a pixel.

use std::path::Path;

use super::ImageSettings;

/// A file format keten reads and publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    /// The extension published files get (`foto-480w.jpg`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    /// The MIME type, for `<source type="…">`.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
        }
    }

    /// The format a file name promises; the caller sends only these files through the
    /// pipeline (and must not copy them to the output as they are: they may carry GPS data).
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }

    /// The short name stored in cache records.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Format> {
        [Format::Jpeg, Format::Png, Format::WebP]
            .into_iter()
            .find(|f| f.name() == name)
    }

    /// The formats published for a source of this format: its own, then WebP, which
    /// is about a third smaller and which every current browser shows.
    pub(crate) fn published(self) -> Vec<Format> {
        if self == Format::WebP {
            vec![Format::WebP]
        } else {
            vec![self, Format::WebP]
        }
    }
}

/// Width and height in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub fn new(width: u32, height: u32) -> Size {
        Size { width, height }
    }
}

impl From<(u32, u32)> for Size {
    fn from((width, height): (u32, u32)) -> Size {
        Size { width, height }
    }
}

/// The widths to publish for a source `source_width` wide: every configured width
/// smaller than the source, and the source's own width when a configured width is as
/// wide or wider. Never upscaled, and a narrow source still gets one (re-encoded) copy.
pub(crate) fn planned_widths(source_width: u32, settings: &ImageSettings) -> Vec<u32> {
    let sorted = settings.sorted_widths();
    let mut widths: Vec<u32> = sorted
        .iter()
        .copied()
        .filter(|w| *w < source_width)
        .collect();
    if sorted.iter().any(|w| *w >= source_width) {
        widths.push(source_width);
    }
    widths
}

/// The size of a copy `width` wide, keeping the intrinsic aspect ratio.
pub(crate) fn scaled(intrinsic: Size, width: u32) -> Size {
    let height = (u64::from(intrinsic.height) * u64::from(width) + u64::from(intrinsic.width) / 2)
        / u64::from(intrinsic.width.max(1));
    Size {
        width,
        height: u32::try_from(height).unwrap_or(u32::MAX).max(1),
    }
}

/// `foto-480w.webp`: the file name of one copy. The stem is slugged so a name with
/// spaces or commas cannot break the `srcset` list or need escaping in a URL.
pub fn variant_file_name(source: &Path, width: u32, format: Format) -> String {
    let stem = source
        .file_stem()
        .map(|s| slug::slugify(s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "image".to_owned());
    format!("{stem}-{width}w.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(source: u32) -> Vec<u32> {
        planned_widths(source, &ImageSettings::default())
    }

    #[test]
    fn never_upscales_and_keeps_the_source_width_when_a_wider_one_was_asked() {
        assert_eq!(widths(5640), vec![480, 960, 1600]);
        assert_eq!(widths(1600), vec![480, 960, 1600]);
        assert_eq!(widths(1200), vec![480, 960, 1200]);
        assert_eq!(widths(300), vec![300]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        let intrinsic = Size {
            width: 5640,
            height: 3172,
        };
        assert_eq!(scaled(intrinsic, 480).height, 270);
        assert_eq!(scaled(intrinsic, 1600).height, 900);
        let line = Size {
            width: 4000,
            height: 1,
        };
        assert_eq!(scaled(line, 480).height, 1);
    }

    #[test]
    fn file_names_are_slugged_with_width_and_extension() {
        let name = variant_file_name(
            Path::new("content/a/Mijn foto, 2024.JPEG"),
            480,
            Format::Jpeg,
        );
        assert_eq!(name, "mijn-foto-2024-480w.jpg");
        assert_eq!(
            variant_file_name(Path::new("kaart.png"), 960, Format::WebP),
            "kaart-960w.webp"
        );
        assert_eq!(Format::from_path(Path::new("a/B.JPG")), Some(Format::Jpeg));
        assert_eq!(Format::from_path(Path::new("a/b.gif")), None);
    }
}

//! The EXIF orientation: read from the TIFF block a camera writes, and applied to the
//! pixels, because the published copies carry no EXIF to say it.

use super::plan::Size;

/// EXIF orientation 1 to 8: how the stored pixels must be turned to show upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Orientation(u8);

const ORIENTATION_TAG: u16 = 0x0112;

impl Orientation {
    /// Stored as shown (1).
    pub const UPRIGHT: Orientation = Orientation(1);

    /// The orientation in an EXIF block (with or without its `Exif\0\0` prefix);
    /// upright when the block has none or is malformed, as viewers treat it.
    pub fn from_exif(exif: &[u8]) -> Orientation {
        match orientation_tag(exif) {
            Some(value @ 1..=8) => Orientation(value as u8),
            _ => Orientation::UPRIGHT,
        }
    }

    /// Whether turning swaps width and height (orientations 5 to 8 turn a quarter).
    pub fn swaps_axes(self) -> bool {
        self.0 >= 5
    }

    /// The size shown for pixels stored at `stored`.
    pub fn shown(self, stored: Size) -> Size {
        if self.swaps_axes() {
            Size {
                width: stored.height,
                height: stored.width,
            }
        } else {
            stored
        }
    }

    /// Where the pixel shown at (x, y) is stored, for an image stored `w` by `h`.
    fn stored_at(self, x: usize, y: usize, w: usize, h: usize) -> (usize, usize) {
        match self.0 {
            2 => (w - 1 - x, y),
            3 => (w - 1 - x, h - 1 - y),
            4 => (x, h - 1 - y),
            5 => (y, x),
            6 => (y, h - 1 - x),
            7 => (w - 1 - y, h - 1 - x),
            8 => (w - 1 - y, x),
            _ => (x, y),
        }
    }

    /// Turns pixels (`channels` bytes each) stored at `stored` upright; returns them
    /// with the size they show at.
    pub fn apply(self, data: &[u8], stored: Size, channels: usize) -> (Vec<u8>, Size) {
        if self == Orientation::UPRIGHT {
            return (data.to_vec(), stored);
        }
        let shown = self.shown(stored);
        let (w, h) = (stored.width as usize, stored.height as usize);
        let mut out = Vec::with_capacity(data.len());
        for y in 0..shown.height as usize {
            for x in 0..shown.width as usize {
                let (sx, sy) = self.stored_at(x, y, w, h);
                let at = (sy * w + sx) * channels;
                out.extend_from_slice(&data[at..at + channels]);
            }
        }
        (out, shown)
    }
}

/// Tag 0x0112 of IFD0 in a TIFF block, bounds-checked: the block comes from the editor's
/// file and may be anything.
fn orientation_tag(exif: &[u8]) -> Option<u16> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big_endian = match tiff.get(..2)? {
        b"II" => false,
        b"MM" => true,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = u16_at(ifd)?;
    (0..usize::from(entries))
        .map(|i| ifd + 2 + i * 12)
        .find(|entry| u16_at(*entry) == Some(ORIENTATION_TAG))
        .and_then(|entry| u16_at(entry + 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF block with one IFD0 entry: orientation `value`.
    fn exif(value: u16) -> Vec<u8> {
        let mut block = b"Exif\0\0II*\0\x08\0\0\0\x01\0".to_vec();
        block.extend_from_slice(&ORIENTATION_TAG.to_le_bytes());
        block.extend_from_slice(&[3, 0, 1, 0, 0, 0]); // SHORT, count 1
        block.extend_from_slice(&value.to_le_bytes());
        block.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        block
    }

    #[test]
    fn reads_the_tag_and_ignores_nonsense() {
        assert_eq!(Orientation::from_exif(&exif(6)), Orientation(6));
        assert_eq!(Orientation::from_exif(&exif(9)), Orientation::UPRIGHT);
        assert_eq!(
            Orientation::from_exif(b"II*\0\xff\xff\xff\xff"),
            Orientation::UPRIGHT
        );
        assert_eq!(Orientation::from_exif(b""), Orientation::UPRIGHT);
    }

    /// A 3x2 image whose pixels are their own stored index, one byte each:
    /// ```text
    /// 0 1 2
    /// 3 4 5
    /// ```
    fn turned(orientation: u8) -> (Vec<u8>, Size) {
        let stored = Size {
            width: 3,
            height: 2,
        };
        Orientation(orientation).apply(&[0, 1, 2, 3, 4, 5], stored, 1)
    }

    #[test]
    fn every_orientation_turns_the_pixels_as_exif_says() {
        assert_eq!(turned(1).0, [0, 1, 2, 3, 4, 5]);
        assert_eq!(turned(2).0, [2, 1, 0, 5, 4, 3]);
        assert_eq!(turned(3).0, [5, 4, 3, 2, 1, 0]);
        assert_eq!(turned(4).0, [3, 4, 5, 0, 1, 2]);
        // Quarter turns show 2x3.
        assert_eq!(turned(5).0, [0, 3, 1, 4, 2, 5]);
        assert_eq!(turned(6).0, [3, 0, 4, 1, 5, 2]);
        assert_eq!(turned(7).0, [5, 2, 4, 1, 3, 0]);
        assert_eq!(turned(8).0, [2, 5, 1, 4, 0, 3]);
        assert_eq!(
            turned(6).1,
            Size {
                width: 2,
                height: 3
            }
        );
    }
}

//! Pixels in and out: decoding (zune-jpeg, png, image-webp), resizing
//! (fast_image_resize) and encoding (jpeg-encoder, png, libwebp).
//!
//! Encoders here write pixels only. No EXIF (so no GPS position or camera serial), XMP,
//! IPTC or ICC profile reaches a published copy: the orientation is applied to the
//! pixels instead, and colours are taken as sRGB, which is what nearly every photo for
//! the web already is.

use std::io::Cursor;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::Format;
use super::orientation::Orientation;
use super::plan::Size;

/// Larger sources are refused rather than decoded: 100 megapixels is 400 MB as RGBA,
/// and each of the parallel workers may hold one.
pub const MAX_SOURCE_MEGAPIXELS: u64 = 100;

/// What the start of a file says: its format, size as shown, and orientation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub format: Format,
    /// The size after the EXIF orientation is applied.
    pub size: Size,
    pub orientation: Orientation,
}

/// Decoded 8-bit pixels, RGB or RGBA, in the file's stored orientation.
pub(crate) struct Pixels {
    pub size: Size,
    pub alpha: bool,
    pub data: Vec<u8>,
}

impl Pixels {
    fn channels(&self) -> usize {
        if self.alpha { 4 } else { 3 }
    }
}

/// The format a file's first bytes announce, whatever its name says.
pub(crate) fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(Format::WebP)
    } else {
        None
    }
}

/// Reads only the headers: format, size and EXIF orientation.
pub(crate) fn read_header(bytes: &[u8]) -> Result<Header, String> {
    let format = sniff(bytes).ok_or("this is not a JPEG, PNG or WebP file")?;
    let (stored, exif) = match format {
        Format::Jpeg => {
            let mut decoder = jpeg_decoder(bytes);
            decoder.decode_headers().map_err(|e| e.to_string())?;
            (jpeg_size(&decoder)?, decoder.exif().cloned())
        }
        Format::Png => {
            let reader = png_reader(bytes)?;
            let (width, height) = reader.info().size();
            let exif = reader.info().exif_metadata.as_ref().map(|e| e.to_vec());
            (Size { width, height }, exif)
        }
        Format::WebP => {
            let mut decoder = webp_decoder(bytes)?;
            let (width, height) = decoder.dimensions();
            (
                Size { width, height },
                decoder.exif_metadata().ok().flatten(),
            )
        }
    };
    let megapixels = u64::from(stored.width) * u64::from(stored.height) / 1_000_000;
    if megapixels > MAX_SOURCE_MEGAPIXELS {
        return Err(format!(
            "{}x{} px is too large to process (over {MAX_SOURCE_MEGAPIXELS} megapixels)",
            stored.width, stored.height
        ));
    }
    let orientation = exif
        .as_deref()
        .map_or(Orientation::UPRIGHT, Orientation::from_exif);
    Ok(Header {
        format,
        size: orientation.shown(stored),
        orientation,
    })
}

/// Decodes every pixel, as 8-bit RGB, or RGBA when the image has transparency.
pub(crate) fn decode(bytes: &[u8], format: Format) -> Result<Pixels, String> {
    let (size, data) = match format {
        Format::Jpeg => {
            let mut decoder = jpeg_decoder(bytes);
            let data = decoder.decode().map_err(|e| e.to_string())?;
            (jpeg_size(&decoder)?, data)
        }
        Format::Png => {
            let mut reader = png_reader(bytes)?;
            let length = reader.output_buffer_size().ok_or("image too large")?;
            let mut data = vec![0; length];
            let info = reader.next_frame(&mut data).map_err(|e| e.to_string())?;
            data.truncate(info.buffer_size());
            (Size::new(info.width, info.height), data)
        }
        Format::WebP => {
            let mut decoder = webp_decoder(bytes)?;
            let length = decoder.output_buffer_size().ok_or("image too large")?;
            let mut data = vec![0; length];
            decoder.read_image(&mut data).map_err(|e| e.to_string())?;
            (decoder.dimensions().into(), data)
        }
    };
    to_rgb_or_rgba(size, data)
}

fn jpeg_decoder(bytes: &[u8]) -> JpegDecoder<ZCursor<&[u8]>> {
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    JpegDecoder::new_with_options(ZCursor::new(bytes), options)
}

fn jpeg_size(decoder: &JpegDecoder<ZCursor<&[u8]>>) -> Result<Size, String> {
    let (width, height) = decoder.dimensions().ok_or("no image size in the header")?;
    let side = |n: usize| u32::try_from(n).map_err(|e| e.to_string());
    Ok(Size::new(side(width)?, side(height)?))
}

fn png_reader(bytes: &[u8]) -> Result<png::Reader<Cursor<&[u8]>>, String> {
    // Room for the largest source we accept, as RGBA.
    let limits = png::Limits {
        bytes: (MAX_SOURCE_MEGAPIXELS * 4_000_000) as usize,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    // Palettes and low bit depths to 8-bit samples, 16 bits down to 8.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    decoder.read_info().map_err(|e| e.to_string())
}

fn webp_decoder(bytes: &[u8]) -> Result<image_webp::WebPDecoder<Cursor<&[u8]>>, String> {
    image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(|e| e.to_string())
}

/// Grey becomes RGB and grey with alpha RGBA, so the rest only meets 3 or 4 channels.
fn to_rgb_or_rgba(size: Size, data: Vec<u8>) -> Result<Pixels, String> {
    let pixels = size.width as usize * size.height as usize;
    let channels = data.len().checked_div(pixels).unwrap_or(0);
    if channels == 0 || data.len() != pixels * channels {
        return Err("decoded pixels do not match the image size".to_owned());
    }
    let (alpha, data) = match channels {
        1 => (false, data.iter().flat_map(|&l| [l, l, l]).collect()),
        2 => (
            true,
            data.chunks_exact(2)
                .flat_map(|la| [la[0], la[0], la[0], la[1]])
                .collect(),
        ),
        3 => (false, data),
        4 => (true, data),
        _ => return Err(format!("{channels} channels per pixel are not supported")),
    };
    Ok(Pixels { size, alpha, data })
}

/// One copy of `source` at `target` (a size as shown), turned upright. Resizing comes
/// first, so only the small copy is ever turned.
pub(crate) fn render(
    source: &Pixels,
    target: Size,
    orientation: Orientation,
    resizer: &mut Resizer,
) -> Result<Pixels, String> {
    let stored_target = orientation.shown(target);
    let resized = resize(source, stored_target, resizer)?;
    let copy = resized.as_ref().unwrap_or(source);
    let (data, size) = orientation.apply(&copy.data, copy.size, copy.channels());
    Ok(Pixels {
        size,
        alpha: source.alpha,
        data,
    })
}

/// `None` when `source` already has the target size.
fn resize(source: &Pixels, target: Size, resizer: &mut Resizer) -> Result<Option<Pixels>, String> {
    if source.size == target {
        return Ok(None);
    }
    let pixel_type = if source.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let (width, height) = (source.size.width, source.size.height);
    let from = ImageRef::new(width, height, &source.data, pixel_type).map_err(|e| e.to_string())?;
    let mut to = Image::new(target.width, target.height, pixel_type);
    // Lanczos3: the sharpest of the usual filters for downscaling photos; with SIMD it
    // costs little next to decoding and encoding. Alpha is premultiplied on the way.
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    resizer
        .resize(&from, &mut to, &options)
        .map_err(|e| e.to_string())?;
    Ok(Some(Pixels {
        size: target,
        alpha: source.alpha,
        data: to.into_vec(),
    }))
}

/// Encodes pixels as `format` with no metadata at all.
pub(crate) fn encode(pixels: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    match format {
        Format::Jpeg => encode_jpeg(pixels, quality),
        Format::Png => encode_png(pixels),
        Format::WebP => encode_webp(pixels, quality),
    }
}

fn encode_jpeg(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    let (width, height) = (pixels.size.width, pixels.size.height);
    let too_large = |_| format!("{width}x{height} is too large for JPEG");
    let color = if pixels.alpha {
        jpeg_encoder::ColorType::Rgba
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut out = Vec::new();
    // Baseline with the standard Huffman tables. This encoder's progressive mode was
    // slower and larger on a 5640x3172 photo; its optimised tables save 1.5 % but
    // zune-jpeg 0.5.15 decodes the result wrongly, and another decoder might too.
    jpeg_encoder::Encoder::new(&mut out, quality)
        .encode(
            &pixels.data,
            u16::try_from(width).map_err(too_large)?,
            u16::try_from(height).map_err(too_large)?,
            color,
        )
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn encode_png(pixels: &Pixels) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixels.size.width, pixels.size.height);
    encoder.set_color(if pixels.alpha {
        png::ColorType::Rgba
    } else {
        png::ColorType::Rgb
    });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&pixels.data)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

fn encode_webp(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    let (width, height) = (pixels.size.width, pixels.size.height);
    let encoder = if pixels.alpha {
        webp::Encoder::from_rgba(&pixels.data, width, height)
    } else {
        webp::Encoder::from_rgb(&pixels.data, width, height)
    };
    let memory = encoder
        .encode_simple(false, f32::from(quality))
        .map_err(|e| format!("the WebP encoder failed: {e:?}"))?;
    Ok(memory.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some(Format::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some(Format::Png));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::WebP));
        assert_eq!(sniff(b"GIF89a"), None);
    }

    #[test]
    fn grey_pixels_become_rgb() {
        let grey = to_rgb_or_rgba(Size::new(2, 1), vec![10, 20]).unwrap();
        assert_eq!(
            (grey.alpha, grey.data),
            (false, vec![10, 10, 10, 20, 20, 20])
        );
        let with_alpha = to_rgb_or_rgba(Size::new(1, 1), vec![10, 99]).unwrap();
        assert_eq!(with_alpha.data, vec![10, 10, 10, 99]);
        assert!(to_rgb_or_rgba(Size::new(2, 2), vec![1, 2, 3]).is_err());
    }
}

//! Processing the fixtures in `tests/fixtures/images/` into a temporary cache.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/images")
        .join(name)
}

/// A temporary folder holding copies of the named fixtures, and a cache inside it.
fn workspace(names: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>, Cache) {
    let dir = tempfile::tempdir().unwrap();
    let copies = names
        .iter()
        .map(|name| {
            let to = dir.path().join(name);
            fs::copy(fixture(name), &to).unwrap();
            to
        })
        .collect();
    let cache = Cache::for_site(dir.path());
    (dir, copies, cache)
}

fn small_widths() -> ImageSettings {
    ImageSettings {
        widths: vec![50, 100, 400],
        ..ImageSettings::default()
    }
}

fn decoded(variant: &Variant) -> codec::Pixels {
    codec::decode(&fs::read(&variant.cached).unwrap(), variant.format).unwrap()
}

/// The metadata blocks a file holds, by the name its format gives them: JPEG APPn
/// segments other than APP0 (JFIF) — APP1 is EXIF and XMP, APP2 ICC, APP13 IPTC —
/// PNG text, EXIF, ICC and time chunks, WebP EXIF, XMP and ICC chunks.
fn metadata_blocks(bytes: &[u8]) -> Vec<String> {
    match codec::sniff(bytes).unwrap() {
        Format::Jpeg => jpeg_app_segments(bytes),
        Format::Png => chunks(bytes, 8, true)
            .into_iter()
            .filter(|n| ["eXIf", "tEXt", "iTXt", "zTXt", "iCCP", "tIME"].contains(&n.as_str()))
            .collect(),
        Format::WebP => chunks(bytes, 12, false)
            .into_iter()
            .filter(|n| ["EXIF", "XMP ", "ICCP"].contains(&n.as_str()))
            .collect(),
    }
}

fn jpeg_app_segments(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA {
            break; // start of scan: no more headers
        }
        if (0xE1..=0xEF).contains(&marker) {
            found.push(format!("APP{}", marker - 0xE0));
        }
        at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    }
    found
}

/// Chunk names of a PNG (big-endian length, name, data, CRC) or RIFF file
/// (name, little-endian length, data, padded to even).
fn chunks(bytes: &[u8], start: usize, png: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = start;
    while at + 8 <= bytes.len() {
        let (length, name) = if png {
            let length = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
            (length as usize, &bytes[at + 4..at + 8])
        } else {
            let length = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap());
            (length as usize, &bytes[at..at + 4])
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 8 + length + if png { 4 } else { length % 2 };
    }
    names
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn metadata_is_stripped_from_every_copy() {
    let (_dir, sources, cache) = workspace(&["gps-rotated.jpg", "kaart.png"]);
    for source in &sources {
        let original = metadata_blocks(&fs::read(source).unwrap());
        assert!(!original.is_empty(), "the fixture has lost its metadata");
        let processed = process(source, &small_widths(), &cache).unwrap();
        for variant in &processed.image.variants {
            let bytes = fs::read(&variant.cached).unwrap();
            let name = &variant.file_name;
            assert_eq!(metadata_blocks(&bytes), Vec::<String>::new(), "{name}");
            for marker in [
                &b"Exif\0\0"[..],
                b"GPS",
                b"TestCam",
                b"Test Fotograaf",
                b"testgps",
            ] {
                assert!(!contains(&bytes, marker), "{name} contains {marker:?}");
            }
        }
    }
}

#[test]
fn orientation_is_applied_to_the_pixels() {
    let (_dir, sources, cache) = workspace(&["gps-rotated.jpg"]);
    let image = process(&sources[0], &small_widths(), &cache).unwrap().image;
    // Stored 200x120 with orientation 6: shown 120x200.
    assert_eq!(
        image.size,
        Size {
            width: 120,
            height: 200
        }
    );
    for variant in &image.variants {
        let pixels = decoded(variant);
        assert_eq!(pixels.size, variant.size);
        assert!(
            pixels.size.height > pixels.size.width,
            "{}",
            variant.file_name
        );
    }
    // The red block stored top-left turns to the top-right when rotated clockwise.
    let full = image.variants.iter().find(|v| v.size.width == 120).unwrap();
    let pixels = decoded(full);
    let red = |x: usize, y: usize| {
        let at = (y * 120 + x) * 3;
        let p = &pixels.data[at..at + 3];
        p[0] > 150 && p[1] < 90 && p[2] < 90
    };
    assert!(red(110, 10), "top-right should be red");
    assert!(!red(10, 10), "top-left should not be red");
}

#[test]
fn never_upscales_a_small_image() {
    let (_dir, sources, cache) = workspace(&["kaart.png"]);
    let image = process(&sources[0], &ImageSettings::default(), &cache)
        .unwrap()
        .image;
    let names: Vec<&str> = image.files().map(|(name, _)| name).collect();
    assert_eq!(names, ["kaart-48w.png", "kaart-48w.webp"]);
    let pixels = decoded(&image.variants[0]);
    assert_eq!(pixels.size, Size::new(48, 32));
    assert!(pixels.alpha, "transparency is kept");
}

#[test]
fn published_widths_and_names_follow_the_settings() {
    let (_dir, sources, cache) = workspace(&["gps-rotated.jpg"]);
    let image = process(&sources[0], &small_widths(), &cache).unwrap().image;
    let names: Vec<&str> = image.files().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            "gps-rotated-50w.jpg",
            "gps-rotated-100w.jpg",
            "gps-rotated-120w.jpg",
            "gps-rotated-50w.webp",
            "gps-rotated-100w.webp",
            "gps-rotated-120w.webp",
        ]
    );
}

#[test]
fn a_second_run_decodes_and_encodes_nothing() {
    let (dir, sources, cache) = workspace(&["gps-rotated.jpg", "kaart.png"]);
    let settings = small_widths();
    let first = process_all(&sources, &settings, &cache);
    assert_eq!(first.stats.decoded, 2);
    assert_eq!(first.stats.encoded, 8);
    let second = process_all(&sources, &settings, &cache);
    let nothing = Stats {
        images: 2,
        ..Stats::default()
    };
    assert_eq!(second.stats, nothing);
    assert_eq!(first.images, second.images);

    // Same bytes under another name or date: read and hashed, still not decoded.
    let moved = dir.path().join("elders.jpg");
    fs::copy(&sources[0], &moved).unwrap();
    let third = process(&moved, &settings, &cache).unwrap();
    assert_eq!((third.stats.read, third.stats.decoded), (1, 0));

    // Other settings make other copies.
    let better = ImageSettings {
        quality: 90,
        ..settings
    };
    assert_eq!(process(&moved, &better, &cache).unwrap().stats.encoded, 6);
}

#[test]
fn a_missing_cache_file_is_made_again() {
    let (_dir, sources, cache) = workspace(&["kaart.png"]);
    let first = process(&sources[0], &small_widths(), &cache).unwrap();
    fs::remove_file(&first.image.variants[1].cached).unwrap();
    let again = process(&sources[0], &small_widths(), &cache).unwrap();
    assert_eq!((again.stats.decoded, again.stats.encoded), (1, 1));
}

#[test]
fn oversize_sources_get_warnings_naming_the_file() {
    let (_dir, sources, cache) = workspace(&["gps-rotated.jpg"]);
    let strict = ImageSettings {
        max_source_bytes: 1000,
        max_source_pixels: 150,
        ..small_widths()
    };
    let processed = process(&sources[0], &strict, &cache).unwrap();
    let messages: Vec<String> = processed.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages.iter().all(|m| m.contains("gps-rotated.jpg")),
        "{messages:?}"
    );
    assert!(messages[0].contains("max_source_bytes"), "{messages:?}");
    assert!(messages[1].contains("120x200 px"), "{messages:?}");
    assert!(!processed.image.variants.is_empty(), "still published");
    let relaxed = process(&sources[0], &small_widths(), &cache).unwrap();
    assert!(relaxed.warnings.is_empty());
}

#[test]
fn a_corrupt_image_is_an_error_naming_the_file() {
    let (dir, _, cache) = workspace(&[]);
    let broken = dir.path().join("kapot.jpg");
    fs::write(&broken, b"dit is geen foto").unwrap();
    let message = process(&broken, &small_widths(), &cache)
        .unwrap_err()
        .to_string();
    assert!(message.contains("kapot.jpg"), "{message}");
    assert!(
        message.contains("holds no JPEG, PNG or WebP image"),
        "{message}"
    );

    let mut truncated = fs::read(fixture("kaart.png")).unwrap();
    truncated.truncate(200);
    let cut = dir.path().join("afgebroken.png");
    fs::write(&cut, truncated).unwrap();
    let message = process(&cut, &small_widths(), &cache)
        .unwrap_err()
        .to_string();
    assert!(message.contains("afgebroken.png"), "{message}");
    assert!(message.contains("cannot read this image"), "{message}");

    let missing = dir.path().join("weg.png");
    let message = process(&missing, &small_widths(), &cache)
        .unwrap_err()
        .to_string();
    assert!(message.contains("weg.png"), "{message}");
}

#[test]
fn a_batch_keeps_going_past_a_bad_image() {
    let (dir, mut sources, cache) = workspace(&["gps-rotated.jpg", "kaart.png"]);
    let broken = dir.path().join("kapot.png");
    fs::write(&broken, b"\x89PNG\r\n\x1a\n kapot").unwrap();
    sources.push(broken);
    sources.push(sources[0].clone());
    let batch = process_all(&sources, &small_widths(), &cache);
    assert_eq!(batch.images.len(), 2);
    assert_eq!(batch.errors.len(), 1);
    assert!(batch.errors[0].to_string().contains("kapot.png"));
}

#[test]
fn concurrent_builds_share_the_cache_safely() {
    let (_dir, sources, cache) = workspace(&["gps-rotated.jpg"]);
    let results: Vec<ProcessedImage> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| process(&sources[0], &small_widths(), &cache).unwrap()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap().image)
            .collect()
    });
    assert_eq!(results[0], results[1]);
    for variant in &results[0].variants {
        decoded(variant);
    }
    let leftovers = fs::read_dir(cache.dir())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".tmp-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn prune_removes_only_unused_cache_files() {
    let (_dir, sources, cache) = workspace(&["gps-rotated.jpg", "kaart.png"]);
    process(&sources[0], &small_widths(), &cache).unwrap();
    let keep = process(&sources[1], &small_widths(), &cache).unwrap();
    let used: HashSet<PathBuf> = keep.cache_files.into_iter().collect();
    assert_eq!(used.len(), 3, "2 copies and the source record");
    let stranger = cache.dir().join("notes.txt");
    fs::write(&stranger, "mine").unwrap();
    let future = SystemTime::now() + Duration::from_secs(60);
    // The JPEG's 6 copies and its source record.
    assert_eq!(cache.prune(&used, future).unwrap(), 7);
    assert!(used.iter().all(|p| p.is_file()));
    assert!(stranger.is_file(), "files the cache did not write stay");
    let past = SystemTime::now() - Duration::from_secs(60);
    assert_eq!(
        cache.prune(&HashSet::new(), past).unwrap(),
        0,
        "fresh files stay"
    );
}

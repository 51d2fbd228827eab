//! Content images as readers get them: in a few sizes and WebP, with their size in the
//! HTML, and without the camera's metadata.

use super::harness::{TestSite, fixture};

fn site_with_photo() -> TestSite {
    let site = TestSite::fixture("basic");
    let photo = std::fs::read(fixture("images").join("gps-rotated.jpg")).unwrap();
    site.write("content/docs/bundel/foto.jpg", &photo);
    site.write(
        "content/docs/bundel/kaart.png",
        std::fs::read(fixture("images").join("kaart.png")).unwrap(),
    );
    let page = std::fs::read_to_string(site.path("content/docs/bundel/index.md")).unwrap();
    site.write(
        "content/docs/bundel/index.md",
        format!("{page}\n![Een foto van de regio](foto.jpg)\n\n![Kaart](kaart.png \"De kaart\")\n\n[De foto](foto.jpg)\n"),
    );
    site
}

#[test]
fn a_markdown_image_becomes_a_picture_with_its_size_and_webp() {
    let site = site_with_photo();
    site.build(&[]).ok();
    let files = site.output_files();
    let page_file = files
        .iter()
        .find(|f| f.ends_with("foto-120w.webp"))
        .unwrap_or_else(|| panic!("a WebP copy: {files:?}"));
    let folder = page_file.trim_end_matches("foto-120w.webp");
    let html = site.output(&format!("{folder}index.html"));
    assert!(html.contains("<picture>"), "{html}");
    assert!(html.contains("type=\"image/webp\""), "{html}");
    assert!(
        html.contains("width=\"120\" height=\"200\""),
        "rotated upright: {html}"
    );
    assert!(html.contains("alt=\"Een foto van de regio\""), "{html}");
    let first = html.find("foto-120w").unwrap();
    let second = html.find("kaart-").unwrap();
    assert!(
        !html[first..second].contains("loading=\"lazy\""),
        "the first image loads at once"
    );
    assert!(
        html[second..].contains("loading=\"lazy\""),
        "later ones lazily: {html}"
    );
    assert!(
        files.iter().any(|f| f == &format!("{folder}foto.jpg")),
        "its own name works"
    );
}

#[test]
fn no_published_copy_keeps_the_camera_metadata() {
    let site = site_with_photo();
    site.build(&[]).ok();
    for file in site.output_files() {
        if !(file.ends_with(".jpg") || file.ends_with(".png") || file.ends_with(".webp")) {
            continue;
        }
        let bytes = std::fs::read(site.path("public").join(&file)).unwrap();
        for marker in [
            &b"Exif\0\0"[..],
            b"TestCam",
            b"Test Fotograaf",
            b"testgps",
            b"eXIf",
            b"GPS",
        ] {
            assert!(
                bytes.windows(marker.len()).all(|w| w != marker),
                "{file} still holds {}",
                String::from_utf8_lossy(marker)
            );
        }
    }
}

#[test]
fn a_second_build_takes_the_images_from_the_cache() {
    let site = site_with_photo();
    site.build(&[]).ok();
    let cache = site.path(".keten/cache/images");
    let cached: Vec<_> = walkdir::WalkDir::new(&cache)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_owned(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    assert!(!cached.is_empty());
    site.build(&[]).ok();
    for (path, modified) in cached {
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_broken_image_is_an_error_naming_it() {
    let site = TestSite::fixture("basic");
    site.write("content/docs/bundel/kapot.jpg", "geen jpeg");
    let error = site.build(&[]).failed();
    assert!(error.contains("kapot.jpg"), "{error}");
}

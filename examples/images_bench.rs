//! Runs keten's image pipeline over a folder of photos and publishes the copies, as a
//! build would, for `bench/images.sh` (until images are wired into `keten build`).
//!
//! ```sh
//! cargo run --release --example images_bench -- PHOTOS CACHE OUT [--fresh]
//! ```
//! `--fresh` deletes CACHE first (a cold run). OUT is emptied and refilled every run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use keten::images::{self, Cache, Format, ImageSettings};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fresh = args.iter().any(|a| a == "--fresh");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [photos, cache, out] = paths[..] else {
        eprintln!("usage: images_bench PHOTOS CACHE OUT [--fresh]");
        return ExitCode::from(2);
    };
    match run(Path::new(photos), Path::new(cache), Path::new(out), fresh) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("images_bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(photos: &Path, cache_dir: &Path, out: &Path, fresh: bool) -> Result<(), String> {
    if fresh && cache_dir.exists() {
        fs::remove_dir_all(cache_dir).map_err(|e| format!("{}: {e}", cache_dir.display()))?;
    }
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let started = Instant::now();
    let sources = list_images(photos)?;
    let batch = images::process_all(&sources, &ImageSettings::default(), &Cache::at(cache_dir));
    let processed = started.elapsed();
    let mut copied = 0;
    for image in batch.images.values() {
        for (name, cached) in image.files() {
            fs::copy(cached, out.join(name)).map_err(|e| format!("{}: {e}", cached.display()))?;
            copied += 1;
        }
    }
    for error in &batch.errors {
        eprintln!("error: {error}");
    }
    let s = batch.stats;
    println!(
        "images={} read={} decoded={} encoded={} published={copied} warnings={} errors={} \
         process_s={:.3} total_s={:.3}",
        s.images,
        s.read,
        s.decoded,
        s.encoded,
        batch.warnings.len(),
        batch.errors.len(),
        processed.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    if batch.errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{} images failed", batch.errors.len()))
    }
}

fn list_images(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut sources = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", folder.display()))?
            .path();
        if Format::from_path(&path).is_some() {
            sources.push(path);
        }
    }
    sources.sort();
    Ok(sources)
}

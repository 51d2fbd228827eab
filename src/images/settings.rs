//! `images:` in the config: which widths to publish, at what quality, and when a source
//! is too large to be sensible.

use serde::Deserialize;

use crate::messages::Msg;
use crate::msg;

/// How content images are published. Read from `images:` in `config.yaml`; every field
/// has a default, so a site that says nothing gets 480, 960 and 1600 px copies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImageSettings {
    /// The widths (CSS pixels) offered in `srcset`. Widths wider than a source are left
    /// out: keten never upscales.
    pub widths: Vec<u32>,
    /// Lossy quality, 1 to 100, for JPEG and WebP. 80 is where artefacts stop being
    /// visible in photos while files stay small.
    pub quality: u8,
    /// Sources larger than this many bytes get a warning: usually a camera original that
    /// should have been exported smaller, and slow to process.
    pub max_source_bytes: u64,
    /// Sources with a side longer than this many pixels get a warning, for the same reason.
    pub max_source_pixels: u32,
    /// The `sizes` attribute: how wide the image is shown. `100vw` is always correct;
    /// a theme with a narrower content column can say so and save readers bytes.
    pub sizes: String,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 80,
            max_source_bytes: 20 * 1000 * 1000,
            max_source_pixels: 8000,
            sizes: "100vw".to_owned(),
        }
    }
}

impl ImageSettings {
    /// Checks the values a config can get wrong; returns the field and the message, for
    /// the caller to place at that field in `config.yaml`.
    pub fn validate(&self) -> Result<(), (&'static str, Msg)> {
        if self.widths.is_empty() {
            return Err(("widths", msg!("config-image-widths-empty")));
        }
        if let Some(bad) = self.widths.iter().find(|w| !(16..=8192).contains(*w)) {
            return Err(("widths", msg!("config-image-width-range", width = *bad)));
        }
        if !(1..=100).contains(&self.quality) {
            let message = msg!("config-image-quality", quality = u32::from(self.quality));
            return Err(("quality", message));
        }
        Ok(())
    }

    /// The configured widths, smallest first and without repeats.
    pub(crate) fn sorted_widths(&self) -> Vec<u32> {
        let mut widths = self.widths.clone();
        widths.sort_unstable();
        widths.dedup();
        widths
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_yaml_can_override_one_field() {
        assert_eq!(ImageSettings::default().validate(), Ok(()));
        let s: ImageSettings = serde_yaml::from_str("widths: [960, 480, 960]").unwrap();
        assert_eq!(s.sorted_widths(), vec![480, 960]);
        assert_eq!(s.quality, 80);
    }

    #[test]
    fn unknown_fields_and_bad_values_are_refused() {
        assert!(serde_yaml::from_str::<ImageSettings>("width: [480]").is_err());
        let s = ImageSettings {
            quality: 0,
            ..ImageSettings::default()
        };
        assert!(
            s.validate()
                .unwrap_err()
                .1
                .english()
                .contains("images.quality")
        );
        let s = ImageSettings {
            widths: vec![],
            ..ImageSettings::default()
        };
        assert!(
            s.validate()
                .unwrap_err()
                .1
                .english()
                .contains("images.widths")
        );
    }
}

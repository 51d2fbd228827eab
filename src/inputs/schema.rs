//! The rules a section's `_index.md` sets for its pages' front matter (`schema:`), as
//! written; [`crate::model::schema`] checks pages against them.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::yaml::YamlValue;

/// The rule for one front matter field, named by its path (`extra.nummer`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    #[serde(rename = "type", default)]
    pub kind: Option<FieldType>,
    #[serde(default)]
    pub required: bool,
    /// Smallest and largest number allowed.
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    /// Fewest and most items in a list.
    #[serde(default)]
    pub min_items: Option<usize>,
    #[serde(default)]
    pub max_items: Option<usize>,
    /// The only values allowed (for a list: for each item).
    #[serde(default)]
    pub values: Option<Vec<YamlValue>>,
    /// No two pages of the section may have the same value.
    #[serde(default)]
    pub unique: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    List,
}

/// Rules by field path.
pub type Schema = BTreeMap<String, FieldRule>;

//! The browser editor of `keten serve`.

pub mod files;
pub mod form;
pub mod git;
pub mod patch;
pub mod token;

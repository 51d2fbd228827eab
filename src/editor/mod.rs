//! The browser editor of `keten serve`.

pub mod form;
pub mod patch;
pub mod token;

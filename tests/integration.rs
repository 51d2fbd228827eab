//! Integration tests: build fixture sites with the real binary and check what it wrote.

mod integration {
    mod build;
    mod errors;
    pub mod harness;
}

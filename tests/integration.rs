//! Integration tests: build fixture sites with the real binary and check what it wrote.

mod integration {
    mod build;
    mod dutch;
    mod editor;
    mod errors;
    mod features;
    mod g40;
    pub mod harness;
    mod images;
    mod init;
    mod publish;
    mod readers;
    mod refresh;
    mod release;
    mod safety;
    mod serve;
    mod shortcodes;
}

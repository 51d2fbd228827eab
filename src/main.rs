//! The `keten` command line: parse arguments, run one command, map errors to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use keten::BuildOptions;
use keten::error::Error;

/// A static site generator for sites editors maintain in Markdown.
#[derive(Debug, Parser)]
#[command(name = "keten", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Create a new, minimal site in DIR that builds at once.
    Init {
        /// The folder to create the site in; must be new or empty.
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// The site folder, holding config.yaml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site; replaces the config's output_dir.
    #[arg(long)]
    output: Option<PathBuf>,
    /// The address the site will live at; replaces the config's base_url.
    #[arg(long)]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Include pages dated in the future.
    #[arg(long)]
    future: bool,
    /// Print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
}

impl BuildArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", error_text(&error));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Build(args) => {
            let summary = keten::build(&args.options())?;
            if !summary.warnings.is_empty() {
                eprintln!("{}", keten::error::render_warnings(&summary.warnings));
            }
            if args.timings {
                for (stage, duration) in &summary.stages {
                    eprintln!("{stage:>18}: {:>7.1} ms", duration.as_secs_f64() * 1000.0);
                }
            }
            println!("{}", summary.line());
            Ok(())
        }
        Command::Init { dir } => {
            let files = keten::init::init(&dir)?;
            for file in files {
                println!("created {}", dir.join(file).display());
            }
            println!("Build it with: keten build --root {}", dir.display());
            Ok(())
        }
    }
}

/// Diagnostics already read as reports; other errors get an `error:` prefix.
fn error_text(error: &Error) -> String {
    let text = error.to_string();
    if text.starts_with("error") {
        text
    } else {
        format!("error: {text}")
    }
}

//! The `keten` command line: parse arguments, run one command, map errors to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use keten::BuildOptions;
use keten::error::Error;

/// A static site generator for sites editors maintain in Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "keten",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("KETEN_COMMIT"), ")"),
    about
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Work with the editions of the agenda.
    Agenda {
        #[command(subcommand)]
        command: AgendaCommand,
    },
    /// Create a new, minimal site in DIR that builds at once.
    Init {
        /// The folder to create the site in; must be new or empty.
        dir: PathBuf,
    },
    /// Build the site into memory and serve it, rebuilding and reloading on every save.
    Serve(ServeArgs),
    /// Run every check of a build without writing anything; also require alt text.
    Check(CheckArgs),
    /// Create a content file from its section's archetype; never overwrites.
    New {
        /// The file to create, under content/: nieuws/2025-03-01-symposium.md
        path: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AgendaCommand {
    /// Start a new edition as a draft copy of the current one; preview it with
    /// `keten serve --drafts`. The current edition stays current.
    New {
        /// The new edition's folder name: 2026-2027, 2026, 2026-voorjaar, 2026-najaar,
        /// 2026-1 or 2026-2.
        period: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Publish a prepared edition: end its draft and make it the current edition.
    Publish {
        /// The edition's folder name, such as 2026-2027.
        period: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The site folder, holding config.yaml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to listen on; the next free one is used when it is taken.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; 127.0.0.1 keeps the site on this computer.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Open the site in the browser.
    #[arg(long)]
    open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Include pages dated in the future.
    #[arg(long)]
    future: bool,
    /// Poll for changes instead of waiting for events (network drives, WSL's /mnt/c).
    #[arg(long)]
    poll: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The site folder, holding config.yaml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Also check links to other sites (over the network; results are kept for a day).
    #[arg(long)]
    external: bool,
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
            eprintln!("{}", error.report());
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
        Command::Check(args) => check(&args),
        Command::Agenda {
            command: AgendaCommand::New { period, root },
        } => new_edition(&root, &period),
        Command::Agenda {
            command: AgendaCommand::Publish { period, root },
        } => publish_edition(&root, &period),
        Command::Serve(args) => keten::serve::serve(&keten::serve::ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            open: args.open,
            drafts: args.drafts,
            future: args.future,
            poll: args.poll,
        }),
        Command::New { path, root } => {
            let config = keten::config::Config::load(&root, None)?;
            let today = chrono::Local::now().date_naive();
            let created = keten::new::new_content(&root, &path, config.theme.as_deref(), today)?;
            let from = created
                .archetype
                .map(|a| format!(" from {}", a.display()))
                .unwrap_or_default();
            println!(
                "created {}{from} (a draft: `keten build --drafts` shows it)",
                created.file.display()
            );
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

fn editions_config(root: &std::path::Path) -> Result<keten::config::EditionsConfig, Error> {
    let config = keten::config::Config::load(root, None)?;
    config.editions.ok_or_else(|| {
        Error::Refused("config.yaml has no `editions:`; add `editions: { section: agenda, current: \"2024-2025\" }`".to_owned())
    })
}

fn new_edition(root: &std::path::Path, period: &str) -> Result<(), Error> {
    let editions = editions_config(root)?;
    let copied = keten::agenda::new_edition(root, &editions, period)?;
    let section = editions.section.trim_matches('/');
    println!(
        "created content/{section}/{period}/ as a draft ({} files, copied from {})",
        copied.files, editions.current
    );
    for link in &copied.skipped_links {
        println!(
            "skipped {}: a symbolic link is not copied",
            link.strip_prefix(root).unwrap_or(link).display()
        );
    }
    if !copied.to_review.is_empty() {
        println!("these lines still name {}; check them:", editions.current);
        for line in &copied.to_review {
            println!("  {line}");
        }
    }
    println!(
        "{} stays the current edition. Preview the new one with `keten serve --drafts`; publish it with `keten agenda publish {period}`.",
        editions.current
    );
    Ok(())
}

fn publish_edition(root: &std::path::Path, period: &str) -> Result<(), Error> {
    let editions = editions_config(root)?;
    keten::agenda::publish_edition(root, &editions, period)?;
    println!(
        "published {period}: it is the current edition now, and {} an earlier one",
        editions.current
    );
    Ok(())
}

fn check(args: &CheckArgs) -> Result<(), Error> {
    let options = BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let report = keten::check(&options, args.external)?;
    if !report.warnings.is_empty() {
        eprintln!("{}", keten::error::render_warnings(&report.warnings));
    }
    for (date, file) in &report.scheduled {
        println!("scheduled: {file} appears on {date}");
    }
    let stats = report.stats;
    if !report.problems.is_empty() {
        return Err(Error::Input(report.problems));
    }
    println!(
        "Checked {} pages, {} sections, {} files: no problems",
        stats.pages, stats.sections, stats.files
    );
    Ok(())
}

//! The `keten` command line: parse arguments, run one command, map errors to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use keten::BuildOptions;
use keten::error::Error;
use keten::messages::{Lang, Msg};
use keten::msg;

/// A static site generator for sites editors maintain in Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "keten",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("KETEN_COMMIT"), ")"),
    about
)]
struct Cli {
    /// The language of keten's messages: nl or en. Default: KETEN_LANG, else the site's
    /// `language`, else the system's.
    #[arg(long, global = true, value_parser = ["nl", "en"])]
    lang: Option<String>,
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
    /// Create a new site in DIR that builds at once: config, starter pages, a theme.
    Init {
        /// The folder to create the site in; must be new or empty.
        dir: PathBuf,
        /// A theme folder to copy into the site (such as themes/g40) instead of the
        /// built-in theme `basis`.
        #[arg(long, value_name = "FOLDER")]
        theme: Option<PathBuf>,
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
    /// Offer the browser editor also when --bind is not 127.0.0.1 or localhost (anyone
    /// on the network with the printed address, token included, can then edit).
    #[arg(long)]
    editor_on_network: bool,
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
    fn options(&self, lang: Lang) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            lang,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = language(cli.lang.as_deref(), &cli.command);
    match run(cli.command, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", error.report(lang));
            ExitCode::FAILURE
        }
    }
}

/// `--lang`, else `KETEN_LANG`, else the site's `language`, else the system's.
fn language(flag: Option<&str>, command: &Command) -> Lang {
    if let Some(lang) = flag.and_then(Lang::parse) {
        return lang;
    }
    let root = match command {
        Command::Build(args) => Some(&args.root),
        Command::Check(args) => Some(&args.root),
        Command::Serve(args) => Some(&args.root),
        Command::New { root, .. } => Some(root),
        Command::Agenda {
            command: AgendaCommand::New { root, .. } | AgendaCommand::Publish { root, .. },
        } => Some(root),
        Command::Init { .. } => None,
    };
    let site = root.and_then(|root| keten::config::Config::load(root, None).ok());
    Lang::choose(site.as_ref().map(|config| config.language.as_str()))
}

fn say(message: Msg, lang: Lang) {
    println!("{}", message.text(lang));
}

fn run(command: Command, lang: Lang) -> Result<(), Error> {
    match command {
        Command::Build(args) => {
            let summary = keten::build(&args.options(lang))?;
            if !summary.warnings.is_empty() {
                eprintln!("{}", keten::error::render_warnings(&summary.warnings, lang));
            }
            if args.timings {
                for (stage, duration) in &summary.stages {
                    eprintln!("{stage:>18}: {:>7.1} ms", duration.as_secs_f64() * 1000.0);
                }
            }
            println!("{}", summary.line(lang));
            Ok(())
        }
        Command::Check(args) => check(&args, lang),
        Command::Agenda {
            command: AgendaCommand::New { period, root },
        } => new_edition(&root, &period, lang),
        Command::Agenda {
            command: AgendaCommand::Publish { period, root },
        } => publish_edition(&root, &period, lang),
        Command::Serve(args) => keten::serve::serve(&keten::serve::ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            open: args.open,
            drafts: args.drafts,
            future: args.future,
            poll: args.poll,
            editor_on_network: args.editor_on_network,
            lang,
        }),
        Command::New { path, root } => {
            let config = keten::config::Config::load(&root, None)?;
            let today = chrono::Local::now().date_naive();
            let created = keten::new::new_content(&root, &path, config.theme.as_deref(), today)?;
            let archetype = created
                .archetype
                .map_or_else(|| "none".to_owned(), |a| a.display().to_string());
            let path = created.file.display().to_string();
            say(
                msg!("new-created", path = path, archetype = archetype),
                lang,
            );
            Ok(())
        }
        Command::Init { dir, theme } => {
            let today = chrono::Local::now().date_naive();
            let created = keten::init::init(&dir, theme.as_deref(), today)?;
            for file in &created.files {
                let path = dir.join(file).display().to_string();
                say(msg!("init-created", path = path), lang);
            }
            let folder = dir.join("themes").join(&created.theme);
            let path = format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR);
            let (name, files) = (&created.theme, created.theme_files);
            say(
                msg!("init-theme", path = path, name = name, files = files),
                lang,
            );
            for link in &created.skipped {
                let path = link.display().to_string();
                say(msg!("init-skipped-link", path = path), lang);
            }
            say(msg!("init-next", path = dir.display().to_string()), lang);
            Ok(())
        }
    }
}

fn editions_config(root: &std::path::Path) -> Result<keten::config::EditionsConfig, Error> {
    let config = keten::config::Config::load(root, None)?;
    config
        .editions
        .ok_or_else(|| Error::Refused(msg!("agenda-no-editions")))
}

fn new_edition(root: &std::path::Path, period: &str, lang: Lang) -> Result<(), Error> {
    let editions = editions_config(root)?;
    let copied = keten::agenda::new_edition(root, &editions, period)?;
    let section = editions.section.trim_matches('/');
    let path = format!("content/{section}/{period}/");
    let from = editions.current.as_str();
    say(
        msg!(
            "agenda-created",
            path = path,
            files = copied.files,
            from = from
        ),
        lang,
    );
    for link in &copied.skipped_links {
        let path = link
            .strip_prefix(root)
            .unwrap_or(link)
            .display()
            .to_string();
        say(msg!("agenda-skipped-link", path = path), lang);
    }
    if !copied.to_review.is_empty() {
        say(msg!("agenda-review", period = from), lang);
        for line in &copied.to_review {
            println!("  {line}");
        }
    }
    say(
        msg!("agenda-next-steps", current = from, period = period),
        lang,
    );
    Ok(())
}

fn publish_edition(root: &std::path::Path, period: &str, lang: Lang) -> Result<(), Error> {
    let editions = editions_config(root)?;
    keten::agenda::publish_edition(root, &editions, period)?;
    let previous = editions.current.as_str();
    say(
        msg!("agenda-published", period = period, previous = previous),
        lang,
    );
    Ok(())
}

fn check(args: &CheckArgs, lang: Lang) -> Result<(), Error> {
    let options = BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        lang,
        ..BuildOptions::default()
    };
    let report = keten::check(&options, args.external)?;
    if !report.warnings.is_empty() {
        eprintln!("{}", keten::error::render_warnings(&report.warnings, lang));
    }
    for (date, file) in &report.scheduled {
        say(msg!("check-scheduled", file = file, date = date), lang);
    }
    let stats = report.stats;
    if !report.problems.is_empty() {
        return Err(Error::Input(report.problems));
    }
    let message = msg!(
        "check-done",
        pages = stats.pages,
        sections = stats.sections,
        files = stats.files
    );
    say(message, lang);
    Ok(())
}

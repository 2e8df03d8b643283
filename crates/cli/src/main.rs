//! `tieuchi`: check rule files, run their tests, score records, print input schemas.

/// Writes to standard output; a closed pipe (`tieuchi … | head`) is not an error.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// Like [`outln!`] without the newline.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}

/// Writes a line to standard error, never panicking.
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// Like [`errln!`] without the newline.
macro_rules! err {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

/// The allocator: batch runs allocate and free small buffers on several threads (lines read
/// on one, answers written on others), which mimalloc does without the lock contention of the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod cmd;
mod diff;
mod error;
mod files;
mod render;
mod report;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Rules engine for the recognition criteria of Vietnam's learning-society programme.
#[derive(Parser)]
#[command(name = "tieuchi", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Ngôn ngữ của thông báo cho người soạn quy tắc: `both` (tiếng Việt rồi tiếng Anh), `vi`
    /// hoặc `en` (language of messages about rule files: both, Vietnamese or English)
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Both)]
    lang: LangArg,
}

/// The values of `--lang`.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// Tiếng Việt, rồi tiếng Anh trong ngoặc (Vietnamese, then English in parentheses).
    Both,
    /// Chỉ tiếng Việt (Vietnamese only).
    Vi,
    /// Chỉ tiếng Anh (English only).
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Check rule files (or directories of `*.rules`) and report every problem.
    Check {
        /// Rule files or directories.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// `human` (underlined source) or `json` (the diagnostic objects the playground gets).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Run the tests written inside rule files.
    Test {
        /// Rule files or directories.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
    },
    /// Score one record (JSON) against a rule file.
    Eval {
        /// The rule file, or a directory of versions (the one in force for the record is used).
        rules: std::path::PathBuf,
        /// The record as JSON; `-` reads standard input.
        record: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Province code for choosing a province's own version (default: the record's `province_code`).
        #[arg(long)]
        province: Option<String>,
        /// Scope of the record (`commune`, `district_province`…) for choosing among the
        /// versions of a directory (default: the record's `scope`).
        #[arg(long)]
        scope: Option<String>,
    },
    /// Score every record of an NDJSON, CSV or XLSX file; one answer per record, in input order.
    Batch(cmd::batch::Args),
    /// Score every record under two rule files (or directories of versions) and report who
    /// changes status or tier, which way, and which criteria and indicators caused it.
    Diff(cmd::diff::Args),
    /// Định dạng tệp luật theo một bố cục chuẩn, giữ nguyên chú thích (rewrite rule files in
    /// the canonical layout, comments kept).
    Fmt(cmd::fmt::Args),
    /// Print the JSON Schema of a rule file's input records.
    Schema {
        /// The rule file.
        rules: std::path::PathBuf,
    },
}

/// Output format of `eval` and `check`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// For people: a table (`eval`), the underlined source (`check`).
    Human,
    /// JSON: the answer (`eval`), the diagnostics (`check`).
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    render::set_lang(match cli.lang {
        LangArg::Both => tieuchi_syntax::Lang::Both,
        LangArg::Vi => tieuchi_syntax::Lang::Vi,
        LangArg::En => tieuchi_syntax::Lang::En,
    });
    let ok = match cli.command {
        Command::Check { paths, format } => cmd::check::run(&paths, matches!(format, Format::Json)),
        Command::Test { paths } => cmd::test::run(&paths),
        Command::Eval {
            rules,
            record,
            format,
            province,
            scope,
        } => cmd::eval::run(
            &rules,
            &record,
            matches!(format, Format::Json),
            &cmd::versions::Selectors { province, scope },
        ),
        Command::Batch(args) => cmd::batch::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::Fmt(args) => cmd::fmt::run(&args),
        Command::Schema { rules } => cmd::schema::run(&rules),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

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

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// Bộ máy kiểm tra và chấm điểm theo tiêu chí công nhận của chương trình xây dựng xã hội học
/// tập (rules engine for the recognition criteria of Vietnam's learning-society programme).
#[derive(Parser)]
#[command(
    name = "tieuchi",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Ngôn ngữ của thông báo cho người soạn quy tắc: `both` (tiếng Việt rồi tiếng Anh), `vi`
    /// hoặc `en`; với `fmt`, `vi` hoặc `en` còn đổi mọi từ khoá sang ngôn ngữ đó (language of
    /// messages about rule files: both, Vietnamese or English; with `fmt`, `vi` or `en` also
    /// converts every keyword to that language)
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Both)]
    lang: LangArg,
    /// In trợ giúp (print help).
    #[arg(short, long, global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// In phiên bản (print the version).
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

/// The help page of `tieuchi` with its headings in Vietnamese and English.
const ROOT_HELP: &str = "{about-with-newline}
Cách dùng (usage): {usage}

Lệnh (commands):
{subcommands}

Tuỳ chọn (options):
{options}
";

/// The help page of a command with its headings in Vietnamese and English.
const COMMAND_HELP: &str = "{about-with-newline}
Cách dùng (usage): {usage}

Đối số (arguments):
{positionals}

Tuỳ chọn (options):
{options}
";

/// The command line, its help pages with Vietnamese headings.
fn command() -> clap::Command {
    Cli::command()
        .help_template(ROOT_HELP)
        .mut_subcommands(|c| c.help_template(COMMAND_HELP))
}

/// The parsed command line; a usage error is printed with a Vietnamese line first (clap's
/// own message after it is in English) and ends the program with exit code 2.
fn parse_args() -> Result<Cli, ExitCode> {
    let matches = command().try_get_matches().map_err(|e| {
        use clap::error::ErrorKind;
        if e.kind() == ErrorKind::DisplayHelp {
            out!("{}", vietnamese_notes(&e.render().to_string()));
            return ExitCode::SUCCESS;
        }
        if e.kind() != ErrorKind::DisplayVersion {
            errln!(
                "lỗi cách dùng: lệnh, đối số hoặc tuỳ chọn không đúng; xem `tieuchi --help` hoặc `tieuchi LỆNH --help` (usage error; see below)"
            );
        }
        let _ = e.print();
        ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
    })?;
    Cli::from_arg_matches(&matches).map_err(|e| {
        let _ = e.print();
        ExitCode::from(2)
    })
}

/// A help page with clap's own notes (the values an option takes, its default) worded in
/// Vietnamese first, as the rest of the page is.
fn vietnamese_notes(page: &str) -> String {
    page.replace("Possible values:", "Các giá trị (possible values):")
        .replace("[possible values: ", "[các giá trị (possible values): ")
        .replace("[default: ", "[mặc định (default): ")
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
    /// Kiểm tra tệp quy tắc (hoặc thư mục chứa `*.rules`) và báo mọi lỗi (check rule files and
    /// report every problem).
    Check {
        /// Tệp quy tắc hoặc thư mục (rule files or directories).
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// `human`: gạch dưới chỗ sai trong tệp; `json`: các đối tượng lỗi như trong trình duyệt
        /// (`human`: the underlined source; `json`: the diagnostic objects the browser gets).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Chạy các bài kiểm thử viết trong tệp quy tắc (run the tests written inside rule files).
    Test {
        /// Tệp quy tắc hoặc thư mục (rule files or directories).
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// `human`: cho người đọc; `json`: cho công cụ; `junit`: JUnit XML cho máy chủ CI
        /// (`human`: for people; `json`: for tools; `junit`: for CI servers).
        #[arg(long, value_enum, default_value_t = cmd::test::TestFormat::Human)]
        format: cmd::test::TestFormat,
        /// Cho biết các bài kiểm thử đã chạm tới những kết quả, ngưỡng và xếp loại nào, và gợi
        /// ý bài kiểm thử cho phần còn thiếu (show which outcomes, thresholds and tiers the
        /// tests reach, and suggest tests for the rest).
        #[arg(long)]
        coverage: bool,
    },
    /// Chấm điểm một bản ghi (JSON) theo một tệp quy tắc (score one record against a rule file).
    Eval {
        /// Tệp quy tắc, hoặc thư mục các phiên bản: dùng phiên bản có hiệu lực với bản ghi (the
        /// rule file, or a directory of versions: the one in force for the record is used).
        rules: std::path::PathBuf,
        /// Bản ghi JSON; `-` đọc từ đầu vào chuẩn (the record as JSON; `-` reads standard input).
        record: String,
        /// `human`: bảng dễ đọc; `json`: câu trả lời JSON (`human`: a readable table; `json`: the
        /// JSON answer).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Mã tỉnh để chọn phiên bản riêng của tỉnh (mặc định: `province_code` của bản ghi)
        /// (province code for a province's own version; default: the record's `province_code`).
        #[arg(long)]
        province: Option<String>,
        /// Phạm vi của bản ghi (`commune`, `district_province`…) để chọn phiên bản trong thư mục
        /// (mặc định: `scope` của bản ghi) (scope of the record, to choose among versions;
        /// default: the record's `scope`).
        #[arg(long)]
        scope: Option<String>,
    },
    /// Chấm điểm mọi bản ghi của tệp NDJSON, CSV hoặc XLSX, mỗi bản ghi một câu trả lời, theo
    /// thứ tự đầu vào (score every record of a file; one answer per record, in input order).
    Batch(cmd::batch::Args),
    /// Chấm mọi bản ghi theo hai bộ quy tắc và báo ai đổi trạng thái hay xếp loại, theo chiều
    /// nào, do tiêu chí và chỉ tiêu nào (score every record under two rule sets and report who
    /// changes status or tier, which way, and why).
    Diff(cmd::diff::Args),
    /// Lập tài liệu tiêu chí để Hội đồng xem xét, thông qua: trang HTML in khổ A4 (hoặc
    /// Markdown) như phụ lục của một quyết định, điều kiện viết thành lời (write the criteria
    /// as a printable document for sign-off, conditions in Vietnamese prose).
    Doc(cmd::doc::Args),
    /// Định dạng tệp luật theo một bố cục chuẩn, giữ nguyên chú thích; `--lang vi` hoặc
    /// `--lang en` đổi mọi từ khoá sang tiếng Việt hoặc tiếng Anh (rewrite rule files in the
    /// canonical layout, comments kept; `--lang vi|en` converts the keywords).
    Fmt(cmd::fmt::Args),
    /// Máy chủ giao thức máy chủ ngôn ngữ (LSP) qua đầu vào và đầu ra chuẩn, cho trình soạn
    /// thảo: lỗi tại đúng chỗ, tô màu, gợi ý, thông tin khi rê chuột, đi tới định nghĩa, tìm
    /// chỗ dùng, đổi tên, dàn ý, định dạng và sửa nhanh (a Language Server Protocol server on
    /// standard input and output, for editors: diagnostics, colouring, completion, hover,
    /// definition, references, rename, outline, formatting and quick fixes).
    Lsp {
        /// Giao tiếp qua đầu vào và đầu ra chuẩn, cách duy nhất và mặc định; nhận để tương
        /// thích với các trình khách như VS Code (talk over standard input and output, the only
        /// and default transport; accepted for clients such as VS Code).
        #[arg(long)]
        stdio: bool,
    },
    /// In JSON Schema của bản ghi đầu vào của một tệp quy tắc (print the JSON Schema of a rule
    /// file's input records).
    Schema {
        /// Tệp quy tắc (the rule file).
        rules: std::path::PathBuf,
    },
}

/// Output format of `eval` and `check`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Cho người đọc: bảng (`eval`), chỗ sai được gạch dưới (`check`) (for people).
    Human,
    /// JSON: câu trả lời (`eval`), các lỗi (`check`) (for programs).
    Json,
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let keyword_lang = match cli.lang {
        LangArg::Both => None,
        LangArg::Vi => Some(tieuchi_syntax::KeywordLang::Vi),
        LangArg::En => Some(tieuchi_syntax::KeywordLang::En),
    };
    render::set_lang(match cli.lang {
        LangArg::Both => tieuchi_syntax::Lang::Both,
        LangArg::Vi => tieuchi_syntax::Lang::Vi,
        LangArg::En => tieuchi_syntax::Lang::En,
    });
    let ok = match cli.command {
        Command::Check { paths, format } => cmd::check::run(&paths, matches!(format, Format::Json)),
        Command::Test {
            paths,
            format,
            coverage,
        } => cmd::test::run(&paths, format, coverage),
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
        Command::Fmt(args) => cmd::fmt::run(&args, keyword_lang),
        Command::Doc(args) => cmd::doc::run(&args),
        Command::Schema { rules } => cmd::schema::run(&rules),
        Command::Lsp { stdio: _ } => cmd::lsp::run(),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

//! What can go wrong in a run of the CLI, as data: [`CliError`] keeps the file names, options
//! and underlying errors, and renders the message printed after `lỗi (error):`, Vietnamese
//! first, then English.

use std::fmt;
use std::io;
use std::path::PathBuf;

use tieuchi_core::RecordError;
use time::Date;

use crate::batch::Cell;
use crate::batch::read::column_letter;

/// An error of the CLI.
#[derive(Debug)]
pub enum CliError {
    /// A file (or standard input) could not be opened or read; the reason is named in
    /// Vietnamese for the common cases.
    Read {
        /// The file as named on the command line.
        name: String,
        /// Why.
        source: io::Error,
    },
    /// Reading an input failed partway, in the system's own words.
    ReadPartway {
        /// The input as named on the command line.
        name: String,
        /// The last line read whole, when lines are counted.
        after_line: Option<u64>,
        /// Why.
        source: io::Error,
    },
    /// A directory of rule files could not be listed.
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A path named on the command line does not exist.
    NoSuchPath(PathBuf),
    /// An input named on the command line is a directory.
    IsDirectory(String),
    /// A file is larger than this program reads.
    TooLarge {
        /// The file.
        name: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// An Excel workbook given as input cannot be read.
    Workbook {
        /// The workbook.
        name: String,
        /// What is wrong.
        problem: WorkbookProblem,
    },
    /// The header row or the columns of an input table cannot be used.
    Table {
        /// The table (a file, or a sheet of a workbook) as messages name it.
        name: String,
        /// What is wrong.
        problem: Box<TableProblem>,
    },
    /// Options that cannot be used as given.
    Usage(Usage),
    /// An output name that cannot be written.
    Output {
        /// The output as named on the command line.
        name: String,
        /// Why not.
        problem: OutputProblem,
    },
    /// Writing a file failed.
    Write {
        /// The file.
        name: String,
        /// Why.
        source: io::Error,
    },
    /// Writing standard output failed (other than by its reader closing it).
    WriteStdout(io::Error),
    /// Writing a device or pipe named as output (`/dev/…`) failed.
    WriteDevice(io::Error),
    /// Standard output was closed by its reader (`… | head`): the run stops quietly.
    Closed,
    /// Writing an Excel workbook failed.
    Xlsx {
        /// The workbook.
        name: String,
        /// Why.
        source: rust_xlsxwriter::XlsxError,
    },
    /// A sheet of the Excel output reached Excel's row limit.
    SheetFull {
        /// The workbook.
        name: String,
        /// The sheet.
        sheet: &'static str,
        /// Rows a sheet holds, the header included.
        max_rows: u32,
    },
    /// A CSV line could not be made.
    Csv(csv::Error),
    /// An output row is not UTF-8 text.
    Row(std::str::Utf8Error),
    /// A rule file named on the command line has errors (already printed).
    RulesHaveErrors(PathBuf),
    /// A directory of versions holds no rule file without errors.
    NoUsableRules(PathBuf),
    /// `--scope` or `--province` does not fit the rule file.
    Selector(RecordError),
    /// No version of a directory can be chosen for a record.
    NoVersion(NoVersion),
    /// The scoring threads could not be started.
    Threads {
        /// Threads asked for.
        jobs: usize,
        /// Why.
        source: io::Error,
    },
    /// A scoring thread stopped unexpectedly (a bug).
    ScoringStopped,
}

/// Why an Excel workbook given as input cannot be read.
#[derive(Debug)]
pub enum WorkbookProblem {
    /// It is no workbook (or a damaged one).
    Open(calamine::XlsxError),
    /// A sheet cannot be opened.
    Sheet {
        /// The sheet.
        sheet: String,
        /// Why.
        source: calamine::XlsxError,
    },
    /// A cell cannot be read.
    Cells(calamine::XlsxError),
    /// It has no sheet, or none of the name asked for.
    NoSheet {
        /// The sheet asked for.
        wanted: Option<String>,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// A part would inflate to more than the limit.
    PartTooLarge {
        /// The part's name in the zip file.
        part: String,
        /// Its uncompressed size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A part is compressed more than real workbooks are (a zip bomb).
    PartTooCompressed {
        /// The part's name in the zip file.
        part: String,
        /// Its compressed size in bytes.
        packed: u64,
        /// Its uncompressed size in bytes.
        size: u64,
        /// The largest ratio accepted.
        ratio: u64,
    },
}

/// What is wrong with the header row or the columns of an input table.
#[derive(Debug)]
pub enum TableProblem {
    /// No header row: the file (or the sheet) is empty.
    Empty {
        /// The sheet of a workbook.
        sheet: Option<String>,
    },
    /// The header row of a CSV file is longer than the line limit.
    HeaderTooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// The header row has an unbalanced quote.
    HeaderQuote {
        /// The line where it starts.
        line: u64,
    },
    /// A header cell is not UTF-8 text.
    HeaderNotUtf8 {
        /// Its column, from 1.
        column: usize,
    },
    /// A header cell of a workbook holds something other than text.
    HeaderNotText {
        /// Its column, from 0.
        column: usize,
        /// Its row, from 1.
        row: u32,
        /// What it holds.
        value: Cell,
    },
    /// The first row looks like a title above the column headers.
    TitleRow {
        /// The title.
        title: String,
    },
    /// A column header names no input field.
    UnknownColumn {
        /// Where the column is (`C` or `3`).
        place: String,
        /// The header.
        header: String,
        /// The nearest name or label, with its field's name.
        nearest: Option<(String, String)>,
        /// The input fields.
        fields: Vec<String>,
    },
    /// Two columns name the same field.
    SameField {
        /// Where the first column is, and its header.
        first: (String, String),
        /// Where the second column is, and its header.
        second: (String, String),
        /// The field.
        field: String,
        /// Its label.
        label: String,
    },
    /// A column holds a field that `--items` also joins.
    ColumnAndItems {
        /// The field.
        field: String,
    },
    /// The key column (`--key`) is not in the table.
    NoKeyColumn {
        /// The key column's header.
        key: String,
        /// The table's columns.
        columns: Vec<String>,
    },
    /// An item table has no key column to join its rows to the records.
    ItemsNoKey {
        /// The key column's header.
        key: String,
        /// The main table.
        main: String,
    },
}

/// Options that cannot be used as given.
#[derive(Debug)]
pub enum Usage {
    /// The extension of a file tells no format, and the format option is not given.
    UnknownFormat {
        /// The file.
        name: String,
        /// The option that gives the format (`--input-format`, `--output-format`).
        option: &'static str,
    },
    /// An Excel output on standard output.
    ExcelToStdout,
    /// An Excel input on standard input.
    ExcelFromStdin,
    /// `--report -`.
    ReportToStdout,
    /// Two outputs both on standard output.
    BothStdout {
        /// The first option.
        first: &'static str,
        /// The second option.
        second: &'static str,
    },
    /// A `--delimiter` that is not one character.
    Delimiter {
        /// The value given.
        value: String,
    },
    /// An `--items` value that is not `FIELD=SOURCE`.
    ItemsSpec {
        /// The value given.
        text: String,
    },
    /// `--items` with an NDJSON input.
    ItemsNeedTable,
    /// `--items` given twice for one field.
    ItemsTwice {
        /// The field.
        field: String,
    },
    /// An `--items` file that is not a CSV or Excel file.
    ItemsNotTable {
        /// The list field.
        field: String,
        /// The file.
        source: String,
    },
    /// An `--items` source that is neither a file nor a sheet of the input workbook.
    ItemsNotFound {
        /// The list field.
        field: String,
        /// The source given.
        source: String,
        /// The input.
        main: String,
        /// The sheets of the input workbook (none for another input).
        sheets: Vec<String>,
    },
    /// An `--items` field that is not a list of records.
    NotAList {
        /// The field.
        list: String,
        /// True when it is an input field (of another type).
        found: bool,
        /// The lists of records of the rules.
        lists: Vec<String>,
    },
    /// An option naming an input field that no version has.
    UnknownField {
        /// The option.
        option: String,
        /// The name given.
        name: String,
        /// A near field name.
        suggestion: Option<String>,
        /// The input fields.
        fields: Vec<String>,
    },
    /// `--id` of `batch` naming no input field.
    UnknownId {
        /// The name given.
        name: String,
        /// The input fields of the first version.
        fields: Vec<String>,
    },
}

/// Why an output name cannot be written.
#[derive(Debug)]
pub enum OutputProblem {
    /// It is a directory or a device where a file is written atomically.
    NotAFile,
    /// It does not end in a file name.
    NoFileName,
    /// It is a rule file this run reads.
    RuleFile(PathBuf),
    /// It is one of the run's inputs.
    Input {
        /// The option naming it.
        option: String,
        /// What the input is (Vietnamese, English).
        what: (&'static str, &'static str),
    },
    /// Another output names the same file.
    SameAs {
        /// The option naming it.
        option: String,
        /// The option naming it first.
        other: String,
    },
}

/// Why no version of a directory can be chosen for a record.
#[derive(Debug)]
pub enum NoVersion {
    /// The record is not valid JSON.
    NotJson(serde_json::Error),
    /// `assessment_date` is not a date.
    BadDate(serde_json::Value),
    /// Neither `assessment_date` nor `assessment_year`.
    NoDate,
    /// A selector (`province_code`, `scope`) that is not text.
    NotText {
        /// The field.
        name: String,
        /// Its value.
        value: serde_json::Value,
    },
    /// The record's scope is not `--scope`.
    ScopeConflict {
        /// The record's scope.
        record: String,
        /// `--scope`.
        option: String,
    },
    /// No version for the scope.
    NoScope {
        /// The directory.
        dir: PathBuf,
        /// The scope.
        scope: String,
        /// The scopes declared, each with its versions' file names.
        scopes: Vec<(String, Vec<String>)>,
    },
    /// The versions differ in scope and the record states none.
    ScopesDiffer {
        /// The directory.
        dir: PathBuf,
        /// The scopes declared, each with its versions' file names.
        scopes: Vec<(String, Vec<String>)>,
    },
    /// No version in force on the date.
    NoneInForce {
        /// The directory.
        dir: PathBuf,
        /// The assessment date.
        date: Date,
        /// The scope stated.
        scope: Option<String>,
        /// The versions of the scope, described.
        versions: Vec<String>,
    },
    /// Several versions in force on the date.
    Several {
        /// The assessment date.
        date: Date,
        /// The versions, described.
        versions: Vec<String>,
    },
}

impl From<NoVersion> for CliError {
    fn from(why: NoVersion) -> Self {
        CliError::NoVersion(why)
    }
}

impl CliError {
    /// The error of a failed write to standard output: [`CliError::Closed`] when its reader
    /// closed it (a broken pipe).
    pub fn stdout(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            CliError::Closed
        } else {
            CliError::WriteStdout(e)
        }
    }
}

/// Why a file could not be read, in Vietnamese first: the common cases named, others with
/// the system's own words.
fn why(e: &io::Error) -> String {
    use io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => {
            "không có tệp này (no such file); kiểm tra tên và thư mục của tệp".to_string()
        }
        ErrorKind::PermissionDenied => "không có quyền đọc tệp (permission denied)".to_string(),
        ErrorKind::IsADirectory => {
            "đây là thư mục, không phải tệp (it is a directory); hãy đặt tên một tệp".to_string()
        }
        ErrorKind::InvalidData => {
            "tệp không phải văn bản UTF-8 (not UTF-8 text); hãy lưu tệp dạng UTF-8".to_string()
        }
        _ => format!("lỗi hệ thống (system error): {e}"),
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Read { name, source } => {
                write!(f, "không đọc được {name} (cannot read it): {}", why(source))
            }
            CliError::ReadPartway {
                name,
                after_line: None,
                source,
            } => write!(f, "không đọc được {name} (cannot read it): {source}"),
            CliError::ReadPartway {
                name,
                after_line: Some(line),
                source,
            } => write!(
                f,
                "không đọc được {name} sau dòng {line} (cannot read it after line {line}): {source}"
            ),
            CliError::ReadDir { path, source } => write!(
                f,
                "không đọc được thư mục {} (cannot read the directory): {source}",
                path.display()
            ),
            CliError::NoSuchPath(path) => write!(
                f,
                "{}: không có tệp hay thư mục này (no such file or directory)",
                path.display()
            ),
            CliError::IsDirectory(name) => write!(
                f,
                "không đọc được {name}: đây là thư mục, không phải tệp (cannot read it: it is a directory); hãy đặt tên một tệp"
            ),
            CliError::TooLarge { name, limit } => write!(
                f,
                "{name} lớn hơn giới hạn {limit} byte (is larger than the limit of {limit} bytes); hãy kiểm tra đúng tệp chưa (check that it is the right file)"
            ),
            CliError::Workbook { name, problem } => workbook(f, name, problem),
            CliError::Table { name, problem } => table(f, name, problem),
            CliError::Usage(usage) => usage.fmt(f),
            CliError::Output { name, problem } => output(f, name, problem),
            CliError::Write { name, source } => {
                write!(f, "không ghi được {name} (cannot write it): {source}")
            }
            CliError::WriteStdout(source) => write!(
                f,
                "không ghi được to standard output (cannot write it): {source}"
            ),
            CliError::WriteDevice(source) => write!(f, "không ghi được (cannot write): {source}"),
            CliError::Closed => f.write_str("standard output was closed"),
            CliError::Xlsx { name, source } => {
                write!(f, "không ghi được {name} (cannot write it): {source}")
            }
            CliError::SheetFull {
                name,
                sheet,
                max_rows,
            } => write!(
                f,
                "{name}: sheet \"{sheet}\" is full: an Excel sheet holds at most {max_rows} rows ({} records under the header); nothing was written. Write CSV or NDJSON instead (--output results.csv), or split the input into smaller files",
                max_rows.saturating_sub(1)
            ),
            CliError::Csv(source) => write!(f, "không ghi được CSV (cannot write CSV): {source}"),
            CliError::Row(source) => write!(
                f,
                "không ghi được dòng kết quả (cannot write the row): {source}"
            ),
            CliError::RulesHaveErrors(path) => write!(
                f,
                "{} has errors (shown above); run `tieuchi check {}`",
                path.display(),
                path.display()
            ),
            CliError::NoUsableRules(path) => {
                write!(f, "{} holds no rule file without errors", path.display())
            }
            CliError::Selector(e) => f.write_str(&e.message),
            CliError::NoVersion(why) => why.fmt(f),
            CliError::Threads { jobs, source } => write!(
                f,
                "không khởi động được {jobs} luồng chấm điểm (cannot start {jobs} scoring threads): {source}"
            ),
            CliError::ScoringStopped => f.write_str(
                "một luồng chấm điểm dừng bất thường (a scoring thread stopped unexpectedly): lỗi của tieuchi, hãy báo kèm dòng dữ liệu (a bug in tieuchi; please report it with the input line)",
            ),
        }
    }
}

/// The message of [`CliError::Workbook`].
fn workbook(f: &mut fmt::Formatter<'_>, name: &str, problem: &WorkbookProblem) -> fmt::Result {
    match problem {
        WorkbookProblem::Open(e) => write!(
            f,
            "không đọc được {name} như một sổ Excel .xlsx (cannot read it as an Excel workbook): {e}; hãy lưu thành .xlsx, hoặc xuất ra CSV UTF-8"
        ),
        WorkbookProblem::Sheet { sheet, source } => write!(
            f,
            "không đọc được trang «{sheet}» của {name} (cannot read sheet \"{sheet}\"): {source}"
        ),
        WorkbookProblem::Cells(e) => write!(
            f,
            "không đọc được {name} as an Excel workbook (cannot read it): {e}"
        ),
        WorkbookProblem::NoSheet { wanted: None, .. } => write!(f, "{name} has no sheet"),
        WorkbookProblem::NoSheet {
            wanted: Some(w),
            sheets,
        } => write!(
            f,
            "{name} has no sheet \"{w}\"; its sheets are: {}",
            sheets.join(", ")
        ),
        WorkbookProblem::PartTooLarge { part, size, limit } => write!(
            f,
            "{name}: phần {part} giải nén ra {size} byte, quá giới hạn {limit} byte (1 GiB) (part too large when decompressed: {size} bytes, limit {limit}); hãy chia sổ thành nhiều tệp hoặc xuất ra CSV UTF-8 (split the workbook or export CSV)"
        ),
        WorkbookProblem::PartTooCompressed {
            part,
            packed,
            size,
            ratio,
        } => write!(
            f,
            "{name}: phần {part} nén {packed} byte nhưng giải nén ra {size} byte, tỉ lệ quá {ratio}:1 (compressed more than {ratio}:1, as a zip bomb is); tệp không giống một sổ Excel thật, hãy lưu lại bằng Excel hoặc xuất ra CSV UTF-8 (save it again from Excel or export CSV)"
        ),
    }
}

/// The message of [`CliError::Table`].
fn table(f: &mut fmt::Formatter<'_>, name: &str, problem: &TableProblem) -> fmt::Result {
    match problem {
        TableProblem::Empty { sheet } => {
            match sheet {
                Some(sheet) => write!(f, "trang tính «{sheet}» của {name} trống (is empty)")?,
                None => write!(f, "{name} trống (is empty)")?,
            }
            f.write_str("; dòng đầu tiên phải là tiêu đề: tên trường hoặc nhãn tiếng Việt của chúng (xem `tieuchi schema RULES`)")
        }
        TableProblem::HeaderTooLong { limit } => write!(
            f,
            "{name}: dòng tiêu đề dài quá {limit} byte (the header row is over {limit} bytes); đây có phải tệp CSV không? (is this a CSV file?)"
        ),
        TableProblem::HeaderQuote { line } => write!(
            f,
            "{name}: dòng tiêu đề {line} có dấu ngoặc kép \" không được đóng (the header row has an unbalanced quote); hãy sửa dòng tiêu đề"
        ),
        TableProblem::HeaderNotUtf8 { column } => write!(
            f,
            "{name}: ô tiêu đề ở cột {column} không phải văn bản UTF-8 (header cell {column} is not UTF-8 text); hãy lưu tệp dạng \"CSV UTF-8\""
        ),
        TableProblem::HeaderNotText { column, row, value } => write!(
            f,
            "{name}: ô tiêu đề {}{row} chứa {value:?}, không phải tên cột (not a column name); dòng đầu tiên phải chứa tên trường hoặc nhãn tiếng Việt của chúng",
            column_letter(*column)
        ),
        TableProblem::TitleRow { title } => write!(
            f,
            "{name}: dòng đầu tiên «{title}» có vẻ là dòng tiêu đề của bảng, không phải dòng tên cột (the first row looks like a title, not the column headers)\n  gợi ý (help): xóa dòng tiêu đề và các dòng phía trên tên cột, để dòng đầu tiên của tệp là tên trường hoặc nhãn tiếng Việt của chúng (delete the title rows so that the first row holds the column headers)"
        ),
        TableProblem::UnknownColumn {
            place,
            header,
            nearest,
            fields,
        } => {
            write!(
                f,
                "{name}: cột {place} «{header}» không phải tên hay nhãn của trường đầu vào nào (column {place} is neither an input field nor the label of one)"
            )?;
            if let Some((text, field)) = nearest {
                write!(
                    f,
                    "; có phải ý bạn là «{text}» ({field})? (did you mean it?)"
                )?;
            }
            write!(
                f,
                "\n  gợi ý (help): đổi tiêu đề thành tên trường hoặc nhãn tiếng Việt của nó (`tieuchi schema RULES` liệt kê cả hai), hoặc xóa cột (rename the header or delete the column); các trường (fields): {}",
                fields.join(", ")
            )
        }
        TableProblem::SameField {
            first: (first_place, first_header),
            second: (place, header),
            field,
            label,
        } => write!(
            f,
            "{name}: column {first_place} \"{first_header}\" and column {place} \"{header}\" both name the field {field} («{label}»); delete one of the two columns"
        ),
        TableProblem::ColumnAndItems { field } => write!(
            f,
            "{name}: a column holds {field} and --items {field}=… too; delete the column or drop the option"
        ),
        TableProblem::NoKeyColumn { key, columns } => write!(
            f,
            "--key {key}: {name} has no column of that name; its columns: {}",
            columns.join(", ")
        ),
        TableProblem::ItemsNoKey { key, main } => write!(
            f,
            "{name} has no column \"{key}\" to join its rows to the records of {main}; add that column (each row's key, as in {main}), or name the key column of both tables with --key"
        ),
    }
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Usage::UnknownFormat { name, option } => write!(
                f,
                "không biết định dạng của {name} qua phần mở rộng (cannot tell its format from its extension): đặt tên .ndjson, .jsonl, .csv hoặc .xlsx, hoặc thêm {option} ndjson|csv|xlsx"
            ),
            Usage::ExcelToStdout => f.write_str(
                "không thể ghi sổ Excel ra đầu ra chuẩn (an Excel workbook cannot be written to standard output); hãy đặt tên tệp .xlsx",
            ),
            Usage::ExcelFromStdin => f.write_str(
                "không thể đọc sổ Excel từ đầu vào chuẩn (an Excel workbook cannot be read from standard input); hãy đặt tên tệp .xlsx",
            ),
            Usage::ReportToStdout => f.write_str(
                "--report - là đầu ra chuẩn (is standard output); hãy đặt tên một tệp .html (name an .html file)",
            ),
            Usage::BothStdout { first, second } => write!(
                f,
                "{first} và {second} không thể cùng là đầu ra chuẩn (cannot both be standard output); hãy đặt tên tệp cho một trong hai (name a file for one of them)"
            ),
            Usage::Delimiter { value } => write!(
                f,
                "dấu phân cách phải là một ký tự, ví dụ `,` `;` `|` hoặc `tab` (the delimiter must be one character such as `,` `;` `|` or `tab`), nhưng nhận được «{value}»"
            ),
            Usage::ItemsSpec { text } => write!(
                f,
                "\"{text}\" is not FIELD=SOURCE; write for example --items members=ThanhVien (a sheet of the input workbook) or --items members=thanh-vien.csv"
            ),
            Usage::ItemsNeedTable => f.write_str(
                "--items ghép các bảng: đầu vào phải là bảng CSV hoặc XLSX (--items joins tables: the input must be a CSV or XLSX table); bản ghi NDJSON tự chứa danh sách của nó",
            ),
            Usage::ItemsTwice { field } => write!(
                f,
                "--items {field} is given twice; give each list field one table"
            ),
            Usage::ItemsNotTable { field, source } => write!(
                f,
                "--items {field}={source}: bảng mục phải là tệp CSV (.csv) hoặc Excel (.xlsx) có dòng tiêu đề (an item table must be a CSV or Excel file with a header row)"
            ),
            Usage::ItemsNotFound {
                field,
                source,
                main,
                sheets,
            } => {
                write!(
                    f,
                    "--items {field}={source}: {source} không phải tệp (is not a file)"
                )?;
                if !sheets.is_empty() {
                    write!(
                        f,
                        ", cũng không phải trang tính của {main} (nor a sheet of it; its sheets: {})",
                        sheets.join(", ")
                    )?;
                }
                f.write_str(
                    "; hãy chỉ một trang tính của sổ đầu vào hoặc một tệp CSV/XLSX",
                )
            }
            Usage::NotAList { list, found, lists } => {
                let what = if *found {
                    "không phải danh sách bản ghi (is not a list of records)"
                } else {
                    "không phải trường đầu vào (is not an input field)"
                };
                write!(
                    f,
                    "--items {list}=…: {list} {what}; hãy chỉ một danh sách bản ghi của bộ quy tắc (name a list of records of the rules)"
                )?;
                if lists.is_empty() {
                    f.write_str(" — bộ quy tắc này không có (these rules have none)")
                } else {
                    write!(f, ": {}", lists.join(", "))
                }
            }
            Usage::UnknownField {
                option,
                name,
                suggestion,
                fields,
            } => {
                write!(
                    f,
                    "{option} {name}: không có trường dữ liệu nào tên {name} (no input field has this name);"
                )?;
                if let Some(s) = suggestion {
                    write!(f, " có phải ý bạn là {s}? (did you mean {s}?)")?;
                }
                write!(f, " các trường có (known fields): {}", fields.join(", "))
            }
            Usage::UnknownId { name, fields } => write!(
                f,
                "--id {name}: no input field has this name; use one of: {}",
                fields.join(", ")
            ),
        }
    }
}

/// The message of [`CliError::Output`].
fn output(f: &mut fmt::Formatter<'_>, name: &str, problem: &OutputProblem) -> fmt::Result {
    match problem {
        OutputProblem::NotAFile => write!(
            f,
            "không ghi được {name}: đây là thư mục hoặc thiết bị, không phải tệp (it is a directory or a device, not a file); hãy đặt tên một tệp"
        ),
        OutputProblem::NoFileName => {
            write!(
                f,
                "không ghi được {name}: không phải tên tệp (not a file name)"
            )
        }
        OutputProblem::RuleFile(rules) => write!(
            f,
            "không ghi được {name}: đây là tệp luật {} mà lần chạy này đọc (it is a rule file this run reads) và sẽ bị ghi đè (would be overwritten); hãy đặt tên khác (name another file)",
            rules.display()
        ),
        OutputProblem::Input {
            option,
            what: (vi, en),
        } => write!(
            f,
            "{option} {name} là {vi} của lần chạy này (is {en} of this run) và sẽ bị ghi đè (would be overwritten); hãy đặt tên khác (name another file)"
        ),
        OutputProblem::SameAs { option, other } => write!(
            f,
            "{other} và {option} cùng là tệp {name} (are the same file); hãy đặt tên hai tệp khác nhau (name two different files)"
        ),
    }
}

impl fmt::Display for NoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoVersion::NotJson(e) => write!(
                f,
                "bản ghi không phải JSON hợp lệ (the record is not valid JSON) ở dòng {}, cột {}: {e}",
                e.line(),
                e.column()
            ),
            NoVersion::BadDate(value) => write!(
                f,
                "`assessment_date` {value} không phải một ngày dạng YYYY-MM-DD (is not a date) nên không chọn được phiên bản (so no version can be chosen)"
            ),
            NoVersion::NoDate => f.write_str(
                "bản ghi không có `assessment_date` hay `assessment_year` nên không chọn được phiên bản đang có hiệu lực (the record has no assessment date or year, so the version in force cannot be chosen); hãy thêm một trong hai, hoặc chỉ định một tệp quy tắc thay cho thư mục",
            ),
            NoVersion::NotText { name, value } => write!(
                f,
                "`{name}` phải là một chuỗi văn bản (must be text), không phải {value}"
            ),
            NoVersion::ScopeConflict { record, option } => write!(
                f,
                "bản ghi ghi phạm vi {record} nhưng --scope là {option} (the record states another scope than --scope); hãy sửa một trong hai"
            ),
            NoVersion::NoScope { dir, scope, scopes } => {
                write!(
                    f,
                    "không có phiên bản nào trong {} cho phạm vi {scope} (no version for this scope); các phạm vi có (scopes found): ",
                    dir.display()
                )?;
                scope_listing(f, dir, scopes)
            }
            NoVersion::ScopesDiffer { dir, scopes } => {
                write!(
                    f,
                    "các phiên bản trong {} thuộc những phạm vi khác nhau nên phải nói rõ phạm vi của bản ghi (the versions differ in scope: state the record's scope): thêm trường `scope` vào bản ghi hoặc dùng --scope; các phạm vi (scopes): ",
                    dir.display()
                )?;
                scope_listing(f, dir, scopes)
            }
            NoVersion::NoneInForce {
                dir,
                date,
                scope,
                versions,
            } => {
                write!(
                    f,
                    "không có phiên bản nào trong {} có hiệu lực ngày {date}",
                    dir.display()
                )?;
                if let Some(s) = scope {
                    write!(f, ", phạm vi {s}")?;
                }
                write!(
                    f,
                    " cho bản ghi này (no version is in force on that date for this record); các phiên bản (versions): {}",
                    versions.join("; ")
                )
            }
            NoVersion::Several { date, versions } => write!(
                f,
                "nhiều phiên bản cùng có hiệu lực ngày {date} cho bản ghi này (several versions are in force for this record): {}; hãy nêu phạm vi (`scope`, --scope) hoặc chỉ định tệp quy tắc",
                versions.join("; ")
            ),
        }
    }
}

/// `commune (commune-qd448-2015.rules); district_province (tt22-2020.rules, …)`.
fn scope_listing(
    f: &mut fmt::Formatter<'_>,
    dir: &std::path::Path,
    scopes: &[(String, Vec<String>)],
) -> fmt::Result {
    if scopes.is_empty() {
        return write!(
            f,
            "không phiên bản nào trong {} khai báo `scope` (none declares a scope)",
            dir.display()
        );
    }
    let listing: Vec<String> = scopes
        .iter()
        .map(|(s, files)| format!("{s} ({})", files.join(", ")))
        .collect();
    f.write_str(&listing.join("; "))
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Read { source, .. }
            | CliError::ReadPartway { source, .. }
            | CliError::ReadDir { source, .. }
            | CliError::Write { source, .. }
            | CliError::WriteStdout(source)
            | CliError::WriteDevice(source)
            | CliError::Threads { source, .. } => Some(source),
            CliError::Workbook {
                problem:
                    WorkbookProblem::Open(source)
                    | WorkbookProblem::Cells(source)
                    | WorkbookProblem::Sheet { source, .. },
                ..
            } => Some(source),
            CliError::Xlsx { source, .. } => Some(source),
            CliError::Csv(source) => Some(source),
            CliError::Row(source) => Some(source),
            CliError::NoVersion(NoVersion::NotJson(source)) => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_closed_pipe_is_closed_other_stdout_errors_are_not() {
        let closed = CliError::stdout(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(matches!(closed, CliError::Closed), "{closed:?}");
        let full = CliError::stdout(io::Error::from(io::ErrorKind::StorageFull));
        assert!(matches!(full, CliError::WriteStdout(_)), "{full:?}");
        assert!(full.to_string().starts_with("không ghi được"), "{full}");
    }

    #[test]
    fn a_read_error_names_the_path_and_keeps_its_cause() {
        let e = CliError::Read {
            name: "du-lieu/don-vi.json".to_string(),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        assert_eq!(
            e.to_string(),
            "không đọc được du-lieu/don-vi.json (cannot read it): không có tệp này (no such file); kiểm tra tên và thư mục của tệp"
        );
        let cause = e.source().and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(cause.map(io::Error::kind), Some(io::ErrorKind::NotFound));
    }

    #[test]
    fn an_error_partway_says_after_which_line() {
        let e = CliError::ReadPartway {
            name: "x.csv".to_string(),
            after_line: Some(12),
            source: io::Error::other("boom"),
        };
        assert_eq!(
            e.to_string(),
            "không đọc được x.csv sau dòng 12 (cannot read it after line 12): boom"
        );
    }
}

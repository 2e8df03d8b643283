//! `tieuchi batch`: scores every record of an NDJSON, CSV or XLSX file and writes one answer
//! per record (NDJSON, CSV or XLSX), in input order; rejected records go to `--rejects` (and
//! to the sheet "Bị loại" of an XLSX output). `--items` joins the items of a list field from
//! a second table.

use std::path::PathBuf;
use std::time::Instant;

use tieuchi_core::Detail;

use crate::batch::columns::Columns;
use crate::batch::items::{Join, Spec, parse_spec};
use crate::batch::pipeline::{Pipeline, Writers};
use crate::batch::progress::Progress;
use crate::batch::read::{self, InputFormat, Item};
use crate::batch::score::{Rules, Scorer};
use crate::batch::summary::Summary;
use crate::batch::write::xlsx_book::Book;
use crate::batch::write::{Lines, OutputFormat, Target, atomic, reject_line};
use crate::cmd::records::{Records, check_outputs, inputs};
use crate::error::{CliError, TableProblem, Usage};
use crate::report::batch::BatchTally;

/// Options of `tieuchi batch`.
#[derive(clap::Args)]
pub struct Args {
    /// Tệp quy tắc, hoặc thư mục các phiên bản: mỗi bản ghi dùng phiên bản có hiệu lực (the rule
    /// file, or a directory of versions: the one in force is picked for each record).
    rules: PathBuf,
    #[command(flatten)]
    records: Records,
    /// Tệp kết quả: NDJSON (.ndjson, .jsonl), CSV (.csv) hoặc Excel (.xlsx, có trang "Bị loại"
    /// cho bản ghi bị từ chối); `-` ghi ra đầu ra chuẩn, trừ Excel (answers; `-` writes
    /// standard output, not for Excel).
    #[arg(long, short)]
    output: String,
    /// Định dạng kết quả, khi phần mở rộng của tên tệp không cho biết (output format, when the
    /// extension does not tell).
    #[arg(long, value_enum)]
    output_format: Option<OutputFormat>,
    /// Mức chi tiết của mỗi câu trả lời NDJSON: `summary` (không có lời giải thích) hoặc `full`
    /// (how much each NDJSON answer says).
    #[arg(long, value_enum, default_value_t = DetailArg::Summary)]
    detail: DetailArg,
    /// Ghi mọi bản ghi bị từ chối (NDJSON: vị trí, mã, lỗi) vào tệp này (writes every rejected
    /// record to this file).
    #[arg(long)]
    rejects: Option<String>,
    /// Trường dùng để nhận biết bản ghi (mặc định: khoá của --items, nếu không thì trường văn
    /// bản đầu tiên) (the field that identifies a record).
    #[arg(long)]
    id: Option<String>,
    /// Ghi báo cáo HTML của lần chạy: số lượng theo trạng thái và xếp loại, chỉ tiêu chưa đạt…
    /// (writes an HTML report of the run).
    #[arg(long)]
    report: Option<String>,
    /// Trong báo cáo, đếm theo giá trị của trường này, ví dụ `commune_name` (in the report,
    /// counts by the value of this input field).
    #[arg(long, requires = "report")]
    group_by: Option<String>,
    /// Các phần tử của một trường danh sách lấy từ bảng khác, nối theo --key: `TRƯỜNG=TRANG`
    /// (một trang của tệp Excel đầu vào) hoặc `TRƯỜNG=TỆP` (.csv, .xlsx); có thể lặp lại (the
    /// items of a list field from another table, joined by --key; may be repeated).
    #[arg(long, value_name = "FIELD=SHEET|FILE", value_parser = parse_spec)]
    items: Vec<Spec>,
    /// Cột chứa khoá nối các dòng của --items với bản ghi, có ở cả hai bảng (tên cột như đã
    /// viết; mặc định: cột đầu tiên của đầu vào) (the column holding the key that joins --items
    /// rows to the records).
    #[arg(long, value_name = "COLUMN", requires = "items")]
    key: Option<String>,
}

/// `--detail`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DetailArg {
    /// Điểm và kết quả, không có lời giải thích (points and outcomes, no reason text).
    Summary,
    /// Đầy đủ, kể cả lời giải thích (everything, reasons included).
    Full,
}

/// Runs the batch; false when it could not complete (then no output file is written).
pub fn run(args: &Args) -> bool {
    match execute(args) {
        Ok(()) => true,
        Err(CliError::Closed) => true,
        Err(e) => {
            errln!("lỗi (error): {e}");
            false
        }
    }
}

/// The format of the input and of the output, from the options or the extensions.
fn formats(args: &Args) -> Result<(InputFormat, OutputFormat), CliError> {
    let input = args.records.format()?;
    let output = match (args.output_format, args.output.as_str()) {
        (Some(f), _) => f,
        (None, "-" | "/dev/null") => OutputFormat::Ndjson,
        (None, name) => OutputFormat::from_name(name).ok_or_else(|| {
            CliError::Usage(Usage::UnknownFormat {
                name: name.to_string(),
                option: "--output-format",
            })
        })?,
    };
    if output == OutputFormat::Xlsx && args.output == "-" {
        return Err(CliError::Usage(Usage::ExcelToStdout));
    }
    Ok((input, output))
}

/// Refuses outputs that would overwrite an input (the records, a rule file, an item table)
/// or each other.
fn check_names(args: &Args) -> Result<(), CliError> {
    if args.report.as_deref() == Some("-") {
        return Err(CliError::Usage(Usage::ReportToStdout));
    }
    if args.rejects.as_deref() == Some("-") && args.output == "-" {
        return Err(CliError::Usage(Usage::BothStdout {
            first: "--output",
            second: "--rejects",
        }));
    }
    let tables: Vec<&str> = args.items.iter().map(|i| i.source.as_str()).collect();
    let inputs = inputs(&args.records.input, &[args.rules.as_path()], &tables);
    let outputs: Vec<(&str, &str)> = [
        Some(("--output", args.output.as_str())),
        args.rejects.as_deref().map(|r| ("--rejects", r)),
        args.report.as_deref().map(|r| ("--report", r)),
    ]
    .into_iter()
    .flatten()
    .collect();
    check_outputs(&inputs, &outputs)
}

/// Each distinct string, in first-seen order.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in items {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The run: rules, input and header first (any problem there stops before an output file
/// is created), then the records, then the files renamed into place and the summary.
fn execute(args: &Args) -> Result<(), CliError> {
    let started = Instant::now();
    let (input_format, output_format) = formats(args)?;
    check_names(args)?;
    let rules = Rules::load(&args.rules, &args.records.selectors())?;
    let input = read::open(&args.records.input, input_format, args.records.delimiter)?;
    let programs = rules.programs();
    let key_header = match (&args.key, input.header()) {
        (Some(k), _) => Some(k.clone()),
        (None, Some(h)) if !args.items.is_empty() => h.first().cloned(),
        _ => None,
    };
    let mut join = None;
    let mut items = Vec::new();
    if !args.items.is_empty() {
        let (j, i) = Join::open(
            &args.items,
            key_header.as_deref(),
            &args.records.input,
            input_format,
            input.header().unwrap_or_default(),
            &programs,
        )?;
        join = Some(j);
        items = i;
    }
    let mut columns = input
        .header()
        .map(|h| {
            Columns::new(
                h,
                &programs,
                &args.records.input,
                input_format,
                key_header.as_deref(),
            )
        })
        .transpose()?;
    if !items.is_empty()
        && let Some(c) = columns.take()
    {
        if let Some(both) = items.iter().find(|i| c.has_field(&i.field)) {
            return Err(CliError::Table {
                name: args.records.input.clone(),
                problem: TableProblem::ColumnAndItems {
                    field: both.field.clone(),
                }
                .into(),
            });
        }
        columns = Some(c.with_items(items));
    }
    let position = input_format.position();
    let criteria_ids = || -> Vec<String> {
        distinct(
            programs
                .iter()
                .flat_map(|p| p.criteria.iter().map(|c| c.id.as_str())),
        )
        .into_iter()
        .map(str::to_string)
        .collect()
    };
    let lines = match output_format {
        OutputFormat::Ndjson => Lines::Ndjson { position },
        OutputFormat::Csv => Lines::Csv {
            position,
            criteria: criteria_ids(),
        },
        OutputFormat::Xlsx => Lines::Xlsx {
            criteria: criteria_ids(),
        },
    };
    let criteria_titles: Vec<(String, String)> = criteria_ids()
        .into_iter()
        .map(|id| {
            let title = programs
                .iter()
                .flat_map(|p| &p.criteria)
                .find(|c| c.id == id)
                .map(|c| c.label.to_string())
                .unwrap_or_default();
            (id, title)
        })
        .collect();
    let tier_order: Vec<String> = distinct(programs.iter().flat_map(|p| p.decision.labels()))
        .into_iter()
        .map(str::to_string)
        .collect();
    let several = programs.len() > 1;
    let header = lines.header()?;
    // A table's rows show neither `missing` nor `to_reach`: not worked out for them (200,000
    // unit records to CSV on one core: the search of `to_reach` was about 6 % of the time).
    let detail = match (args.detail, output_format) {
        (_, OutputFormat::Csv | OutputFormat::Xlsx) => Detail::Scores,
        (DetailArg::Summary, _) => Detail::Summary,
        (DetailArg::Full, _) => Detail::Full,
    };
    let report = args
        .report
        .as_ref()
        .map(|_| BatchTally::new(&programs, args.group_by.as_deref(), position));
    let summary = Summary::new(&programs);
    let scorer = Scorer::new(rules, columns, args.id.clone(), detail, lines)?
        .for_report(args.report.is_some(), args.group_by.clone())?;

    atomic::remove_on_interrupt();
    let mut output = match output_format {
        OutputFormat::Xlsx => Target::Xlsx(Box::new(Book::create(
            &args.output,
            position,
            &criteria_titles,
        )?)),
        OutputFormat::Ndjson | OutputFormat::Csv => Target::create(&args.output)?,
    };
    output.write(&header)?;
    let rejects = args.rejects.as_deref().map(Target::create).transpose()?;
    let report_file = args.report.as_deref().map(Target::create).transpose()?;
    let writers = Writers {
        output,
        rejects,
        position,
        summary,
        progress: Progress::new(input.meter()),
        report,
    };
    let mut pipeline = Pipeline::new(scorer, args.records.jobs(), writers)?;
    input.each(&mut |item| match (&mut join, item) {
        (Some(j), Item::Record(raw)) => pipeline.push(Item::Record(j.attach(raw))),
        (_, item) => pipeline.push(item),
    })?;
    let mut writers = pipeline.finish()?;
    let leftovers = join.map(Join::leftovers).unwrap_or_default();
    for l in &leftovers {
        let line = reject_line(
            position,
            l.at,
            l.key.as_deref(),
            std::slice::from_ref(&l.error),
        );
        if let Some(r) = &mut writers.rejects {
            r.write(&line)?;
        }
        writers.output.rejected(&line)?;
    }
    let in_sheet = writers
        .output
        .takes_rejected()
        .then(|| format!("trang «Bị loại» của {}", args.output));

    let mut files = Vec::new();
    files.extend(writers.output.close()?);
    if let Some(r) = writers.rejects {
        files.extend(r.close()?);
    }
    if let (Some(mut file), Some(tally)) = (report_file, &writers.report) {
        file.write(tally.page().as_bytes())?;
        files.extend(file.close()?);
    }
    atomic::finish_all(files)?;
    let order: Vec<&str> = tier_order.iter().map(String::as_str).collect();
    let rejects_name = args
        .rejects
        .as_deref()
        .map(|r| {
            if r == "-" {
                "đầu ra chuẩn (standard output)"
            } else {
                r
            }
        })
        .or(in_sheet.as_deref());
    if !leftovers.is_empty() {
        errln!(
            "{} nhóm dòng của bảng mục không khớp bản ghi nào, không được chấm (item rows that match no record){}:",
            leftovers.len(),
            rejects_name
                .map(|r| format!(", có trong {r}"))
                .unwrap_or_default()
        );
        for l in leftovers.iter().take(10) {
            errln!("  [{}] {}", l.error.code, l.error.message);
        }
        if leftovers.len() > 10 {
            errln!("  … and {} more", leftovers.len() - 10);
        }
    }
    err!(
        "{}",
        writers
            .summary
            .text(&order, rejects_name, several, started.elapsed())
    );
    Ok(())
}

//! `tieuchi diff OLD NEW --input FILE`: every record scored under two rule files (or
//! directories of versions); who changes status or tier, which way, and why.

use std::path::PathBuf;

use crate::batch::columns::Columns;
use crate::batch::pipeline::Pipeline;
use crate::batch::progress::Progress;
use crate::batch::read;
use crate::batch::score::Rules;
use crate::batch::write::{Target, atomic};
use crate::cmd::records::{Records, check_outputs, inputs};
use crate::diff::tally::{DiffTally, DiffWriters, header};
use crate::diff::{DiffScorer, check_field, programs};
use crate::error::{CliError, Usage};
use crate::report::{Identity, tier_order};

/// Options of `tieuchi diff`.
#[derive(clap::Args)]
pub struct Args {
    /// Bộ quy tắc cũ: một tệp hoặc thư mục các phiên bản (the old rules).
    old: PathBuf,
    /// Bộ quy tắc mới: một tệp hoặc thư mục các phiên bản (the new rules).
    new: PathBuf,
    #[command(flatten)]
    records: Records,
    /// Ghi một dòng CSV cho mỗi bản ghi đổi trạng thái hay xếp loại; `-` ghi ra đầu ra chuẩn
    /// (one CSV row per record whose status or tier changed).
    #[arg(long, short)]
    output: Option<String>,
    /// Ghi báo cáo HTML: bảng chuyển đổi, các bản ghi thay đổi… (writes an HTML report).
    #[arg(long)]
    report: Option<String>,
    /// Đếm thay đổi theo giá trị của trường này, ví dụ `commune_name` (counts changes by the
    /// value of this input field).
    #[arg(long)]
    group_by: Option<String>,
    /// Trường dùng để nhận biết bản ghi (mặc định: trường văn bản đầu tiên) (the field that
    /// identifies a record).
    #[arg(long)]
    id: Option<String>,
}

/// Runs the diff; false when it could not complete (then no output file is written).
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

/// Refuses outputs that would overwrite an input (the records, a rule file) or each other.
fn check_names(args: &Args) -> Result<(), CliError> {
    if args.output.as_deref() == Some("-") && args.report.as_deref() == Some("-") {
        return Err(CliError::Usage(Usage::BothStdout {
            first: "--output",
            second: "--report",
        }));
    }
    let inputs = inputs(
        &args.records.input,
        &[args.old.as_path(), args.new.as_path()],
        &[],
    );
    let outputs: Vec<(&str, &str)> = [
        args.output.as_deref().map(|o| ("--output", o)),
        args.report.as_deref().map(|r| ("--report", r)),
    ]
    .into_iter()
    .flatten()
    .collect();
    check_outputs(&inputs, &outputs)
}

/// The run: rules, input and header first (any problem stops before a file is created), then
/// the records, then the files renamed into place and the summary.
fn execute(args: &Args) -> Result<(), CliError> {
    let input_format = args.records.format()?;
    check_names(args)?;
    let old = Rules::load(&args.old, &args.records.selectors())?;
    let new = Rules::load(&args.new, &args.records.selectors())?;
    for (option, field) in [("--group-by", &args.group_by), ("--id", &args.id)] {
        if let Some(field) = field {
            check_field(&old, &new, option, field)?;
        }
    }
    let input = read::open(&args.records.input, input_format, args.records.delimiter)?;
    let position = input_format.position();
    let (columns, order, tally) = {
        let all = programs(&old, &new);
        let columns = input
            .header()
            .map(|h| Columns::new(h, &all, &args.records.input, input_format, None))
            .transpose()?;
        let field = args.group_by.as_ref().map(|name| {
            let label = all
                .iter()
                .flat_map(|p| p.fields.iter())
                .find(|f| f.name == *name)
                .map_or(name.as_str(), |f| f.display_label());
            (name.clone(), label.to_string())
        });
        let order = tier_order(all.iter().copied());
        let in_new = tier_order(new.programs());
        let shared: Vec<String> = tier_order(old.programs())
            .into_iter()
            .filter(|t| in_new.contains(t))
            .collect();
        let tally = DiffTally::new(
            position,
            order,
            Identity::of(&old.programs()),
            Identity::of(&new.programs()),
            field,
        );
        (columns, shared, tally)
    };
    let scorer = DiffScorer {
        old,
        new,
        columns,
        id: args.id.clone(),
        group: args.group_by.clone(),
        order,
    };

    atomic::remove_on_interrupt();
    let output = match &args.output {
        Some(name) => {
            let mut out = Target::create(name)?;
            out.write(&header(position, args.group_by.as_deref())?)?;
            Some(out)
        }
        None => None,
    };
    let report = args.report.as_deref().map(Target::create).transpose()?;
    let writers = DiffWriters {
        output,
        tally,
        progress: Progress::new(input.meter()),
    };
    let mut pipeline = Pipeline::new(scorer, args.records.jobs(), writers)?;
    input.each(&mut |item| pipeline.push(item))?;
    let writers = pipeline.finish()?;

    let mut files = Vec::new();
    if let Some(out) = writers.output {
        files.extend(out.close()?);
    }
    if let Some(mut file) = report {
        file.write(writers.tally.page().as_bytes())?;
        files.extend(file.close()?);
    }
    atomic::finish_all(files)?;
    let text = writers
        .tally
        .text(args.output.as_deref().filter(|o| *o != "-"));
    if args.output.as_deref() == Some("-") {
        err!("{text}");
    } else {
        out!("{text}");
    }
    Ok(())
}

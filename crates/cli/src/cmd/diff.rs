//! `tieuchi diff OLD NEW --input FILE`: every record scored under two rule files (or
//! directories of versions); who changes status or tier, which way, and why.

use std::path::PathBuf;

use crate::batch::columns::Columns;
use crate::batch::pipeline::Pipeline;
use crate::batch::progress::Progress;
use crate::batch::read::{self, InputFormat};
use crate::batch::score::Rules;
use crate::batch::write::{CLOSED, Target, atomic};
use crate::diff::tally::{DiffTally, DiffWriters, header};
use crate::diff::{DiffScorer, check_field, programs};
use crate::report::{Identity, tier_order};

/// Options of `tieuchi diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The old rules: a rule file or a directory of versions.
    old: PathBuf,
    /// The new rules: a rule file or a directory of versions.
    new: PathBuf,
    /// Records: NDJSON (.ndjson, .jsonl), CSV (.csv) or Excel (.xlsx, first sheet); `-` reads
    /// standard input (NDJSON unless --input-format says otherwise).
    #[arg(long, short)]
    input: String,
    /// Input format, when the extension does not tell.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Writes one CSV row per record whose status or tier changed; `-` writes standard output.
    #[arg(long, short)]
    output: Option<String>,
    /// Writes an HTML report (transition matrix, changed records…).
    #[arg(long)]
    report: Option<String>,
    /// Counts changes by the value of this input field (e.g. `commune_name`).
    #[arg(long)]
    group_by: Option<String>,
    /// The field that identifies a record (default: the first text field).
    #[arg(long)]
    id: Option<String>,
    /// Scoring threads (default: all cores).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Province code for choosing a province's own version (default: each record's `province_code`).
    #[arg(long)]
    province: Option<String>,
}

/// Runs the diff; false when it could not complete (then no output file is written).
pub fn run(args: &Args) -> bool {
    match execute(args) {
        Ok(()) => true,
        Err(e) if e == CLOSED => true,
        Err(e) => {
            errln!("lỗi (error): {e}");
            false
        }
    }
}

/// Refuses outputs that would overwrite the input or each other.
fn check_names(args: &Args) -> Result<(), String> {
    let same = |a: &str, b: &str| {
        a != "-"
            && (a == b
                || matches!(
                    (std::fs::canonicalize(a), std::fs::canonicalize(b)),
                    (Ok(x), Ok(y)) if x == y
                ))
    };
    for (option, name) in [("--output", &args.output), ("--report", &args.report)] {
        if let Some(name) = name
            && same(name, &args.input)
        {
            return Err(format!(
                "{option} {name} là tệp đầu vào (is the input file); hãy đặt tên khác (name another file)"
            ));
        }
    }
    if let (Some(o), Some(r)) = (&args.output, &args.report)
        && same(o, r)
    {
        return Err(format!(
            "--output và --report cùng là {o} (name two different files)"
        ));
    }
    Ok(())
}

/// The run: rules, input and header first (any problem stops before a file is created), then
/// the records, then the files renamed into place and the summary.
fn execute(args: &Args) -> Result<(), String> {
    let input_format = match (args.input_format, args.input.as_str()) {
        (Some(f), _) => f,
        (None, "-") => InputFormat::Ndjson,
        (None, name) => InputFormat::from_name(name).ok_or_else(|| {
            format!("không biết định dạng của {name} qua phần mở rộng (cannot tell its format from its extension): đặt tên .ndjson, .jsonl, .csv hoặc .xlsx, hoặc thêm --input-format ndjson|csv|xlsx")
        })?,
    };
    check_names(args)?;
    let old = Rules::load(&args.old, args.province.as_deref())?;
    let new = Rules::load(&args.new, args.province.as_deref())?;
    for (option, field) in [("--group-by", &args.group_by), ("--id", &args.id)] {
        if let Some(field) = field {
            check_field(&old, &new, option, field)?;
        }
    }
    let input = read::open(&args.input, input_format)?;
    let position = input_format.position();
    let (columns, order, tally) = {
        let all = programs(&old, &new);
        let columns = input
            .header()
            .map(|h| Columns::new(h, &all, &args.input, input_format, None))
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
    let jobs = args
        .jobs
        .filter(|j| *j > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1);
    let mut pipeline = Pipeline::new(scorer, jobs, writers)?;
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

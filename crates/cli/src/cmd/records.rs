//! The options `batch` and `diff` share: where the records come from and how they are scored.

use std::path::Path;

use crate::batch::read::InputFormat;

/// The records to score.
#[derive(clap::Args)]
pub struct Records {
    /// Records: NDJSON (.ndjson, .jsonl), CSV (.csv) or Excel (.xlsx, first sheet); `-` reads
    /// standard input (NDJSON unless --input-format says otherwise).
    #[arg(long, short)]
    pub input: String,
    /// Input format, when the extension does not tell.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Scoring threads in all (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Separator of a CSV input: one character such as `,` `;` `|`, or `tab` (default: guessed
    /// from the first rows).
    #[arg(long, value_parser = crate::batch::read::parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Province code for choosing a province's own version (default: each record's
    /// `province_code`).
    #[arg(long)]
    pub province: Option<String>,
}

impl Records {
    /// The input's format: `--input-format`, else the extension (NDJSON for standard input).
    pub fn format(&self) -> Result<InputFormat, String> {
        match (self.input_format, self.input.as_str()) {
            (Some(f), _) => Ok(f),
            (None, "-") => Ok(InputFormat::Ndjson),
            (None, name) => InputFormat::from_name(name).ok_or_else(|| {
                format!("không biết định dạng của {name} qua phần mở rộng (cannot tell its format from its extension): đặt tên .ndjson, .jsonl, .csv hoặc .xlsx, hoặc thêm --input-format ndjson|csv|xlsx")
            }),
        }
    }

    /// Scoring threads: `--jobs` when above zero, else one per core.
    pub fn jobs(&self) -> usize {
        self.jobs
            .filter(|j| *j > 0)
            .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
            .unwrap_or(1)
    }
}

/// True when two names given on the command line are the same file (not standard input or
/// output, nor a device such as `/dev/null`, which may take both).
pub fn same_file(a: &str, b: &str) -> bool {
    let device = |p: &str| std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if a == "-" || b == "-" || device(a) || device(b) {
        return false;
    }
    a == b
        || matches!(
            (Path::new(a).canonicalize(), Path::new(b).canonicalize()),
            (Ok(x), Ok(y)) if x == y
        )
}

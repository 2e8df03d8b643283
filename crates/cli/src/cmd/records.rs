//! The options `batch` and `diff` share: where the records come from and how they are scored.

use std::path::Path;

use crate::batch::read::InputFormat;
use crate::error::{CliError, OutputProblem, Usage};

/// Most scoring threads per core for `--jobs`: more only add switching and memory (each
/// thread keeps a few chunks of records on their way), and `--jobs 100000` started threads
/// until memory ran out.
pub const JOBS_PER_CORE: usize = 4;

/// The records to score.
#[derive(clap::Args)]
pub struct Records {
    /// Các bản ghi: NDJSON (.ndjson, .jsonl), CSV (.csv) hoặc Excel (.xlsx, trang đầu); `-` đọc
    /// đầu vào chuẩn, dạng NDJSON trừ khi --input-format nói khác (the records; `-` reads
    /// standard input).
    #[arg(long, short)]
    pub input: String,
    /// Định dạng đầu vào, khi phần mở rộng của tên tệp không cho biết (input format, when the
    /// extension does not tell).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Số luồng chấm điểm (mặc định: mọi lõi) (scoring threads in all; default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Dấu phân cách của CSV: một ký tự như `,` `;` `|`, hoặc `tab` (mặc định: đoán từ các dòng
    /// đầu) (separator of a CSV input; default: guessed from the first rows).
    #[arg(long, value_parser = crate::batch::read::parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Mã tỉnh để chọn phiên bản riêng của tỉnh (mặc định: `province_code` của từng bản ghi)
    /// (province code for a province's own version).
    #[arg(long)]
    pub province: Option<String>,
    /// Phạm vi của mọi bản ghi (`commune`, `district_province`…) để chọn phiên bản trong thư
    /// mục (mặc định: `scope` của từng bản ghi) (scope of every record, to choose among
    /// versions).
    #[arg(long)]
    pub scope: Option<String>,
}

impl Records {
    /// `--province` and `--scope`.
    pub fn selectors(&self) -> crate::cmd::versions::Selectors {
        crate::cmd::versions::Selectors {
            province: self.province.clone(),
            scope: self.scope.clone(),
        }
    }

    /// The input's format: `--input-format`, else the extension (NDJSON for standard input).
    pub fn format(&self) -> Result<InputFormat, CliError> {
        match (self.input_format, self.input.as_str()) {
            (Some(f), _) => Ok(f),
            (None, "-") => Ok(InputFormat::Ndjson),
            (None, name) => InputFormat::from_name(name).ok_or_else(|| {
                CliError::Usage(Usage::UnknownFormat {
                    name: name.to_string(),
                    option: "--input-format",
                })
            }),
        }
    }

    /// Scoring threads: `--jobs` when above zero, else one per core; at most
    /// [`JOBS_PER_CORE`] per core, with a note on standard error when capped.
    pub fn jobs(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let cap = cores.saturating_mul(JOBS_PER_CORE);
        match self.jobs.filter(|j| *j > 0) {
            None => cores,
            Some(j) if j > cap => {
                errln!(
                    "ghi chú (note): --jobs {j} được giảm xuống {cap} luồng ({JOBS_PER_CORE} × {cores} lõi) (capped at {cap} threads: {JOBS_PER_CORE} × {cores} cores)"
                );
                cap
            }
            Some(j) => j,
        }
    }
}

/// A file a run reads, with what it is (Vietnamese, English) for messages.
pub struct Input {
    /// What the file is to the run.
    pub what: (&'static str, &'static str),
    /// Its name.
    pub name: String,
}

/// Every file a run reads: the records, the rule files (each `*.rules` of a directory of
/// versions) and the item tables (`--items FIELD=FILE`; a sheet name is no file).
pub fn inputs(records: &str, rules: &[&Path], tables: &[&str]) -> Vec<Input> {
    let mut out = vec![Input {
        what: ("tệp đầu vào", "the input file"),
        name: records.to_string(),
    }];
    for path in rules {
        let files = crate::files::rule_files(&[path.to_path_buf()]).unwrap_or_default();
        out.extend(files.into_iter().map(|f| Input {
            what: ("tệp luật", "a rule file"),
            name: f.display().to_string(),
        }));
    }
    out.extend(
        tables
            .iter()
            .filter(|t| std::fs::metadata(t).is_ok_and(|m| m.is_file()))
            .map(|t| Input {
                what: ("bảng mục --items", "an --items table"),
                name: (*t).to_string(),
            }),
    );
    out
}

/// Refuses an output (option, name) that is one of the run's inputs or the same file as
/// another output: writing it would destroy what the run reads, or one output the other.
pub fn check_outputs(inputs: &[Input], outputs: &[(&str, &str)]) -> Result<(), CliError> {
    for (i, (option, name)) in outputs.iter().enumerate() {
        let refused = |problem| CliError::Output {
            name: (*name).to_string(),
            problem,
        };
        if let Some(input) = inputs.iter().find(|input| same_file(name, &input.name)) {
            return Err(refused(OutputProblem::Input {
                option: (*option).to_string(),
                what: input.what,
            }));
        }
        if let Some((other, _)) = outputs
            .iter()
            .take(i)
            .find(|(_, other)| same_file(name, other))
        {
            return Err(refused(OutputProblem::SameAs {
                option: (*option).to_string(),
                other: (*other).to_string(),
            }));
        }
    }
    Ok(())
}

/// True when two names given on the command line are the same file (not standard input or
/// output, nor a device such as `/dev/null`, which may take both): the same canonical path
/// (for a file not yet there, its directory's canonical path and its name), or on Unix the
/// same device and inode (a hard link).
pub fn same_file(a: &str, b: &str) -> bool {
    let device = |p: &str| std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if a == "-" || b == "-" || device(a) || device(b) {
        return false;
    }
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b))
            && x.dev() == y.dev()
            && x.ino() == y.ino()
        {
            return true;
        }
    }
    matches!((identity(a), identity(b)), (Some(x), Some(y)) if x == y)
}

/// The canonical path of `name`, or of its directory joined with its file name when the file
/// does not exist yet.
fn identity(name: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(name);
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new(".")).canonicalize().ok()?;
    Some(dir.join(path.file_name()?))
}

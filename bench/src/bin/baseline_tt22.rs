//! `baseline-tt22 [--input FILE] [--output FILE] [--output-format ndjson|csv] [--jobs N]`: the
//! hand-written TT 22/2020 scorer. Reads NDJSON records, writes the summary answer line of each
//! scored record (as `tieuchi batch rules/unit/tt22-2020.rules --detail summary` does) or its
//! CSV row (as `--output-format csv`, or an output named `.csv`, does), counts rejected ones.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use tieuchi_bench::tt22;

/// Scores TT 22/2020 unit records by hand-written rules (the benchmark's baseline).
#[derive(Parser)]
#[command(name = "baseline-tt22", version)]
struct Args {
    /// NDJSON records; standard input when absent or `-`.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Answers; standard output when absent or `-`.
    #[arg(long)]
    output: Option<PathBuf>,
    /// `ndjson` (summary answer lines) or `csv` (one row per record); by default from the
    /// output's extension (`.csv`), else `ndjson`.
    #[arg(long, value_parser = ["ndjson", "csv"])]
    output_format: Option<String>,
    /// Scoring threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
}

/// Bytes of input read at a time.
const CHUNK_BYTES: usize = 1 << 20;

/// Lines of one chunk: the text, and each non-blank line as (line number, start, end).
#[derive(Default)]
struct Chunk {
    text: Vec<u8>,
    lines: Vec<(u64, usize, usize)>,
    /// The input ended in this chunk.
    eof: bool,
}

/// Reads about [`CHUNK_BYTES`] of whole lines; `next_line` counts lines across chunks.
fn read_chunk(input: &mut dyn BufRead, next_line: &mut u64) -> Result<Chunk, String> {
    let mut chunk = Chunk {
        text: Vec::with_capacity(CHUNK_BYTES + (64 << 10)),
        lines: Vec::new(),
        eof: false,
    };
    while chunk.text.len() < CHUNK_BYTES {
        let start = chunk.text.len();
        let n = input.read_until(b'\n', &mut chunk.text).map_err(|e| {
            format!("không đọc được đầu vào sau dòng {next_line} / cannot read input: {e}")
        })?;
        if n == 0 {
            chunk.eof = true;
            break;
        }
        *next_line += 1;
        let body = chunk.text.get(start..).unwrap_or_default();
        let end = start
            + body
                .iter()
                .rposition(|b| !b.is_ascii_whitespace())
                .map_or(0, |i| i + 1);
        if end > start {
            chunk.lines.push((*next_line, start, end));
        }
    }
    Ok(chunk)
}

/// Scores a chunk: its output bytes, and the numbers of scored and rejected records.
fn score_chunk(chunk: &Chunk, pieces: usize, format: tt22::Format) -> (Vec<Vec<u8>>, u64, u64) {
    let per = chunk.lines.len().div_ceil(pieces.max(1)).max(1);
    let parts: Vec<(Vec<u8>, u64)> = chunk
        .lines
        .par_chunks(per)
        .map(|lines| {
            let mut out = Vec::with_capacity(lines.len() * 900);
            let mut scored = 0;
            for (no, start, end) in lines {
                let text = chunk
                    .text
                    .get(*start..*end)
                    .and_then(|b| std::str::from_utf8(b).ok());
                if text.is_some_and(|t| tt22::score_line(&mut out, *no, t, format)) {
                    scored += 1;
                }
            }
            (out, scored)
        })
        .collect();
    let scored: u64 = parts.iter().map(|p| p.1).sum();
    let rejected = chunk.lines.len() as u64 - scored;
    (parts.into_iter().map(|p| p.0).collect(), scored, rejected)
}

/// Where answers go: a temporary file renamed at the end, a device or pipe written in place
/// (no temporary file: renaming over `/dev/null` would replace it), or standard output.
enum Sink {
    File {
        file: BufWriter<File>,
        /// The temporary name, for a regular file.
        temp: Option<PathBuf>,
        target: PathBuf,
    },
    Stdout(BufWriter<std::io::Stdout>),
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Sink, String> {
        let Some(target) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )));
        };
        if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
            let file = File::options()
                .write(true)
                .open(target)
                .map_err(|e| format!("không ghi được {} / cannot write: {e}", target.display()))?;
            return Ok(Sink::File {
                file: BufWriter::with_capacity(1 << 16, file),
                temp: None,
                target: target.to_path_buf(),
            });
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&temp)
            .map_err(|e| format!("không ghi được {} / cannot write: {e}", temp.display()))?;
        Ok(Sink::File {
            file: BufWriter::with_capacity(1 << 16, file),
            temp: Some(temp),
            target: target.to_path_buf(),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        let result = match self {
            Sink::File { file, .. } => file.write_all(bytes),
            Sink::Stdout(out) => out.write_all(bytes),
        };
        result.map_err(|e| format!("không ghi được kết quả / cannot write output: {e}"))
    }

    fn finish(self) -> Result<(), String> {
        match self {
            Sink::Stdout(mut out) => out.flush().map_err(|e| e.to_string()),
            Sink::File {
                mut file,
                temp,
                target,
            } => {
                let done = file.flush().and_then(|()| match &temp {
                    Some(temp) => std::fs::rename(temp, &target),
                    None => Ok(()),
                });
                done.map_err(|e| {
                    if let Some(temp) = &temp {
                        let _ = std::fs::remove_file(temp);
                    }
                    format!("không ghi được {} / cannot write: {e}", target.display())
                })
            }
        }
    }
}

fn run(args: &Args) -> Result<(u64, u64), String> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let mut input: Box<dyn BufRead + Send> =
        match args.input.as_deref().filter(|p| p.as_os_str() != "-") {
            Some(p) => Box::new(BufReader::with_capacity(
                1 << 16,
                File::open(p)
                    .map_err(|e| format!("không mở được {} / cannot open: {e}", p.display()))?,
            )),
            None => Box::new(BufReader::new(std::io::stdin())),
        };
    let csv_named = args
        .output
        .as_deref()
        .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    let format = match args.output_format.as_deref() {
        Some("csv") => tt22::Format::Csv,
        None if csv_named => tt22::Format::Csv,
        _ => tt22::Format::Ndjson,
    };
    let mut sink = Sink::open(args.output.as_deref())?;
    if format == tt22::Format::Csv {
        sink.write(tt22::CSV_HEADER.as_bytes())?;
    }
    let mut line = 0u64;
    let (mut scored, mut rejected) = (0u64, 0u64);
    let mut chunk = read_chunk(&mut input, &mut line)?;
    let mut answers: Vec<Vec<u8>> = Vec::new();
    loop {
        // Score this chunk while the answers of the previous one are written and the next
        // one is read.
        let ((parts, s, r), (written, next)) = pool.install(|| {
            rayon::join(
                || score_chunk(&chunk, jobs * 4, format),
                || {
                    let written = answers.iter().try_for_each(|a| sink.write(a));
                    let next = (!chunk.eof).then(|| read_chunk(&mut input, &mut line));
                    (written, next)
                },
            )
        });
        written?;
        answers = parts;
        scored += s;
        rejected += r;
        match next {
            Some(next) => chunk = next?,
            None => break,
        }
    }
    answers.iter().try_for_each(|a| sink.write(a))?;
    sink.finish()?;
    Ok((scored, rejected))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok((scored, rejected)) => {
            eprintln!(
                "đọc {} bản ghi: {scored} được chấm, {rejected} bị từ chối / read {} records: {scored} scored, {rejected} rejected",
                scored + rejected,
                scored + rejected
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lỗi / error: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Records scored in chunks on a thread pool while the next chunk is read; results are
//! written in input order. Each chunk (a few hundred records) is scored by one thread, which
//! writes the output lines of its records into one buffer; at most four chunks per thread are
//! on their way at once, so memory stays bounded whatever the size of the input.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use rayon::{ThreadPool, ThreadPoolBuilder};

use super::progress::Progress;
use super::read::{Block, Item};
use super::score::Scorer;
use super::summary::Summary;
use super::write::{Target, reject_line};
use super::{Body, Done, Outcome, Raw};
use crate::report::batch::BatchTally;

/// Table records per chunk.
const CHUNK: usize = 256;

/// The work done on a pool thread for each record.
pub trait Work: Send + Sync + 'static {
    /// The result of one record.
    type Done: Send + 'static;
    /// Handles one record, appending its output line, if any, to `out`; never fails (a
    /// problem is part of the result).
    fn run(&self, raw: Raw, out: &mut String) -> Self::Done;
    /// Handles one NDJSON line (`at` is its number) as [`Work::run`] does.
    fn line(&self, at: u64, text: &str, out: &mut String) -> Self::Done;
}

impl Work for Scorer {
    type Done = Done;
    fn run(&self, raw: Raw, out: &mut String) -> Done {
        self.score(raw, out)
    }
    fn line(&self, at: u64, text: &str, out: &mut String) -> Done {
        self.score_line(at, text, out)
    }
}

/// Where results go, in input order.
pub trait Take<D> {
    /// Writes and counts one result; `line` is what [`Work`] wrote for it.
    fn take(&mut self, done: D, line: &[u8]) -> Result<(), String>;
    /// Writes and counts the results of a chunk, in order, each with the end of its line in
    /// `out` (the lines one after another).
    fn take_chunk(&mut self, done: Vec<(D, usize)>, out: &[u8]) -> Result<(), String> {
        lines(done, out).try_for_each(|(d, line)| self.take(d, line))
    }
    /// The progress line.
    fn progress(&mut self) -> &mut Progress;
}

/// Each result of a chunk with its line, cut from `out` at the ends given.
fn lines<D>(done: Vec<(D, usize)>, out: &[u8]) -> impl Iterator<Item = (D, &[u8])> {
    let mut start = 0;
    done.into_iter().map(move |(d, end)| {
        let line = out.get(start..end).unwrap_or_default();
        start = end;
        (d, line)
    })
}

/// Where results go, in input order.
pub struct Writers {
    /// The answers.
    pub output: Target,
    /// The rejected records, when `--rejects` names a file.
    pub rejects: Option<Target>,
    /// `line` or `row`.
    pub position: &'static str,
    /// Counts for the summary.
    pub summary: Summary,
    /// The progress line.
    pub progress: Progress,
    /// Counts for the HTML report, when `--report` asks for one.
    pub report: Option<BatchTally>,
}

impl Take<Done> for Writers {
    fn progress(&mut self) -> &mut Progress {
        &mut self.progress
    }

    /// Writes one result and counts it.
    fn take(&mut self, done: Done, line: &[u8]) -> Result<(), String> {
        if let Outcome::Scored { .. } = done.outcome {
            self.output.write(line)?;
        }
        self.count(&done)
    }

    /// Writes the lines of a chunk at once (an XLSX output takes its rows one by one): the
    /// lines of rejected records are empty, so `out` is the scored records' lines in order.
    fn take_chunk(&mut self, done: Vec<(Done, usize)>, out: &[u8]) -> Result<(), String> {
        if self.output.takes_rejected() {
            return lines(done, out).try_for_each(|(d, line)| self.take(d, line));
        }
        for (d, _) in &done {
            self.count(d)?;
        }
        self.output.write(out)
    }
}

impl Writers {
    /// Counts one result; a rejected record's problems go to the rejects file (and to the
    /// XLSX output's sheet of rejected records).
    fn count(&mut self, done: &Done) -> Result<(), String> {
        if let Outcome::Rejected { id, errors } = &done.outcome
            && (self.rejects.is_some() || self.output.takes_rejected())
        {
            let line = reject_line(self.position, done.at, id.as_deref(), errors)?;
            if let Some(rejects) = &mut self.rejects {
                rejects.write(&line)?;
            }
            self.output.rejected(&line)?;
        }
        self.summary.add(done, self.position);
        if let Some(report) = &mut self.report {
            report.add(done);
        }
        Ok(())
    }
}

/// Records handed to one scoring thread.
enum Chunk {
    /// Table records.
    Records(Vec<Raw>),
    /// NDJSON lines.
    Lines(Block),
}

/// A scored chunk: each result with the end of its line in `out`.
struct Scored<D> {
    /// Results in input order, each with the end of its output line in `out`.
    done: Vec<(D, usize)>,
    /// The output lines, one after another.
    out: String,
}

/// Scores a chunk on the calling thread.
fn score<W: Work>(work: &W, chunk: Chunk) -> Scored<W::Done> {
    // Room for the output of the whole chunk: a summary answer line is about 2.5 times the
    // size of a record's line; growing a buffer this large costs a copy.
    let room = match &chunk {
        Chunk::Records(_) => CHUNK * 1024,
        Chunk::Lines(block) => block.text.len() * 3,
    };
    let mut scored = Scored {
        done: Vec::with_capacity(CHUNK),
        out: String::with_capacity(room),
    };
    match chunk {
        Chunk::Records(raws) => {
            for raw in raws {
                let d = work.run(raw, &mut scored.out);
                scored.done.push((d, scored.out.len()));
            }
        }
        Chunk::Lines(block) => {
            for (at, line) in block.lines() {
                let d = match line {
                    Ok(text) => work.line(at, text, &mut scored.out),
                    Err(e) => work.run(
                        Raw {
                            at,
                            body: Body::Broken(e),
                        },
                        &mut scored.out,
                    ),
                };
                scored.done.push((d, scored.out.len()));
            }
        }
    }
    scored
}

/// Chunks of records on their way through the pool.
pub struct Pipeline<W: Work = Scorer, T: Take<W::Done> = Writers> {
    /// Shared by the scoring threads.
    work: Arc<W>,
    /// The scoring threads.
    pool: ThreadPool,
    /// Chunks scored or waiting at once: a few per thread, so that no thread waits for work.
    in_flight: usize,
    /// The table records being gathered into a chunk.
    chunk: Vec<Raw>,
    /// Chunks being scored, oldest first.
    pending: VecDeque<Receiver<Scored<W::Done>>>,
    /// Results written so far.
    taken: u64,
    /// Where results go.
    writers: T,
}

impl<W: Work, T: Take<W::Done>> Pipeline<W, T> {
    /// A pipeline scoring on `jobs` threads.
    pub fn new(work: W, jobs: usize, writers: T) -> Result<Self, String> {
        let pool = ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("tieuchi-score-{i}"))
            // A panic drops the chunk's channel; `collect` then reports it.
            .panic_handler(|_| {})
            .build()
            .map_err(|e| {
                format!("không khởi động được {jobs} luồng chấm điểm (cannot start {jobs} scoring threads): {e}")
            })?;
        Ok(Pipeline {
            work: Arc::new(work),
            pool,
            in_flight: 4 * jobs.max(1),
            chunk: Vec::with_capacity(CHUNK),
            pending: VecDeque::new(),
            taken: 0,
            writers,
        })
    }

    /// Takes what a reader hands on: a table record joins the current chunk (sent to the
    /// pool when full); a block of lines is sent as it is.
    pub fn push(&mut self, item: Item) -> Result<(), String> {
        match item {
            Item::Record(raw) => {
                self.chunk.push(raw);
                if self.chunk.len() >= CHUNK {
                    let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
                    self.send(Chunk::Records(chunk))?;
                }
                Ok(())
            }
            Item::Lines(block) => self.send(Chunk::Lines(block)),
        }
    }

    /// Sends a chunk to the pool, first writing the oldest results if enough chunks are
    /// being scored.
    fn send(&mut self, chunk: Chunk) -> Result<(), String> {
        while self.pending.len() >= self.in_flight {
            self.collect()?;
        }
        let work = Arc::clone(&self.work);
        let (tx, rx) = channel();
        self.pool.spawn(move || {
            let _ = tx.send(score(work.as_ref(), chunk));
        });
        self.pending.push_back(rx);
        Ok(())
    }

    /// Waits for the oldest chunk and writes its results in order.
    fn collect(&mut self) -> Result<(), String> {
        let Some(rx) = self.pending.pop_front() else {
            return Ok(());
        };
        let scored = rx.recv().map_err(|_| {
            "một luồng chấm điểm dừng bất thường (a scoring thread stopped unexpectedly): lỗi của tieuchi, hãy báo kèm dòng dữ liệu (a bug in tieuchi; please report it with the input line)".to_string()
        })?;
        self.taken += scored.done.len() as u64;
        self.writers
            .take_chunk(scored.done, scored.out.as_bytes())?;
        self.writers.progress().tick(self.taken);
        Ok(())
    }

    /// Scores what is left and hands back the writers.
    pub fn finish(mut self) -> Result<T, String> {
        if !self.chunk.is_empty() {
            let chunk = std::mem::take(&mut self.chunk);
            self.send(Chunk::Records(chunk))?;
        }
        while !self.pending.is_empty() {
            self.collect()?;
        }
        self.writers.progress().clear();
        Ok(self.writers)
    }
}

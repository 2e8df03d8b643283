//! Records scored in chunks on a thread pool while the next chunk is read; results are
//! written in input order. At most [`IN_FLIGHT`] chunks are scored at once, so memory stays
//! bounded whatever the size of the input.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use super::progress::Progress;
use super::score::Scorer;
use super::summary::Summary;
use super::write::{Target, reject_line};
use super::{Done, Outcome, Raw};
use crate::report::batch::BatchTally;

/// Records per chunk handed to the pool.
const CHUNK: usize = 256;
/// Chunks being scored at once, besides the one being read.
const IN_FLIGHT: usize = 2;

/// The work done on a pool thread for each record.
pub trait Work: Send + Sync + 'static {
    /// The result of one record.
    type Done: Send + 'static;
    /// Handles one record; never fails (a problem is part of the result).
    fn run(&self, raw: Raw) -> Self::Done;
}

impl Work for Scorer {
    type Done = Done;
    fn run(&self, raw: Raw) -> Done {
        self.score(raw)
    }
}

/// Where results go, in input order.
pub trait Take<D> {
    /// Writes and counts one result.
    fn take(&mut self, done: D) -> Result<(), String>;
    /// The progress line.
    fn progress(&mut self) -> &mut Progress;
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
    fn take(&mut self, done: Done) -> Result<(), String> {
        match &done.outcome {
            Outcome::Scored { line, .. } => self.output.write(line)?,
            Outcome::Rejected { errors } => {
                if let Some(rejects) = &mut self.rejects {
                    let line = reject_line(self.position, done.at, done.id.as_deref(), errors)?;
                    rejects.write(&line)?;
                }
            }
        }
        self.summary.add(&done, self.position);
        if let Some(report) = &mut self.report {
            report.add(&done);
        }
        Ok(())
    }
}

/// Chunks of records on their way through the pool.
pub struct Pipeline<W: Work = Scorer, T: Take<W::Done> = Writers> {
    /// Shared by the scoring threads.
    scorer: Arc<W>,
    /// The scoring threads.
    pool: ThreadPool,
    /// The chunk being read.
    chunk: Vec<Raw>,
    /// Chunks being scored, oldest first.
    pending: VecDeque<Receiver<Vec<W::Done>>>,
    /// Records read so far.
    read: u64,
    /// Where results go.
    writers: T,
}

impl<W: Work, T: Take<W::Done>> Pipeline<W, T> {
    /// A pipeline scoring on `jobs` threads.
    pub fn new(scorer: W, jobs: usize, writers: T) -> Result<Self, String> {
        let pool = ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("tieuchi-score-{i}"))
            // A panic drops the chunk's channel; `collect` then reports it.
            .panic_handler(|_| {})
            .build()
            .map_err(|e| format!("cannot start {jobs} scoring threads: {e}"))?;
        Ok(Pipeline {
            scorer: Arc::new(scorer),
            pool,
            chunk: Vec::with_capacity(CHUNK),
            pending: VecDeque::new(),
            read: 0,
            writers,
        })
    }

    /// Takes one record; a full chunk is sent to the pool.
    pub fn push(&mut self, raw: Raw) -> Result<(), String> {
        self.read += 1;
        self.writers.progress().tick(self.read);
        self.chunk.push(raw);
        if self.chunk.len() >= CHUNK {
            self.send()?;
        }
        Ok(())
    }

    /// Sends the current chunk to the pool, first writing the oldest results if too many
    /// chunks are being scored.
    fn send(&mut self) -> Result<(), String> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        while self.pending.len() >= IN_FLIGHT {
            self.collect()?;
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        let scorer = Arc::clone(&self.scorer);
        let (tx, rx) = channel();
        self.pool.spawn(move || {
            let done: Vec<W::Done> = chunk.into_par_iter().map(|r| scorer.run(r)).collect();
            let _ = tx.send(done);
        });
        self.pending.push_back(rx);
        Ok(())
    }

    /// Waits for the oldest chunk and writes its results in order.
    fn collect(&mut self) -> Result<(), String> {
        let Some(rx) = self.pending.pop_front() else {
            return Ok(());
        };
        let done = rx
            .recv()
            .map_err(|_| "a scoring thread stopped unexpectedly (a bug in tieuchi; please report it with the input line)".to_string())?;
        for d in done {
            self.writers.take(d)?;
        }
        Ok(())
    }

    /// Scores what is left and hands back the writers.
    pub fn finish(mut self) -> Result<T, String> {
        self.send()?;
        while !self.pending.is_empty() {
            self.collect()?;
        }
        self.writers.progress().clear();
        Ok(self.writers)
    }
}

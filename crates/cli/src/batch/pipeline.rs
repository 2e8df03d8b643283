//! Records scored in chunks while the next chunk is read; results are written in input order.
//! Each chunk (a few hundred records) is scored by one thread, which writes the output lines of
//! its records into one buffer. `--jobs N` runs N threads in all: N − 1 helpers that only
//! score, and the calling thread, which reads and writes and, whenever it would wait for a
//! chunk, scores the next waiting one itself; so no more threads compete for the cores than
//! were asked for. A few chunks per thread are on their way at once, so memory stays bounded
//! whatever the size of the input.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use super::progress::Progress;
use super::read::{Block, Item};
use super::score::Scorer;
use super::summary::Summary;
use super::write::{Target, reject_line};
use super::{Body, Done, Outcome, Raw};
use crate::error::CliError;
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
    fn take(&mut self, done: D, line: &[u8]) -> Result<(), CliError>;
    /// Writes and counts the results of a chunk, in order, each with the end of its line in
    /// `out` (the lines one after another).
    fn take_chunk(&mut self, done: Vec<(D, usize)>, out: &[u8]) -> Result<(), CliError> {
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
    fn take(&mut self, done: Done, line: &[u8]) -> Result<(), CliError> {
        if let Outcome::Scored { .. } = done.outcome {
            self.output.write(line)?;
        }
        self.count(&done)
    }

    /// Writes the lines of a chunk at once (an XLSX output takes its rows one by one): the
    /// lines of rejected records are empty, so `out` is the scored records' lines in order.
    fn take_chunk(&mut self, done: Vec<(Done, usize)>, out: &[u8]) -> Result<(), CliError> {
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
    fn count(&mut self, done: &Done) -> Result<(), CliError> {
        if let Outcome::Rejected { id, errors } = &done.outcome
            && (self.rejects.is_some() || self.output.takes_rejected())
        {
            let line = reject_line(self.position, done.at, id.as_deref(), errors);
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

/// A chunk waiting to be scored, and where its results go.
type Job<D> = (Chunk, Sender<Scored<D>>);

/// Scores a job and sends its results. A panic (a bug) drops the sender: the pipeline reports
/// it when it wants this chunk's results, and the thread goes on with the next chunk.
fn run<W: Work>(work: &W, (chunk, tx): Job<W::Done>) {
    if let Ok(scored) = catch_unwind(AssertUnwindSafe(|| score(work, chunk))) {
        let _ = tx.send(scored);
    }
}

/// Chunks of records on their way through the scoring threads.
pub struct Pipeline<W: Work = Scorer, T: Take<W::Done> = Writers> {
    /// Shared by the scoring threads.
    work: Arc<W>,
    /// Chunks waiting to be scored, oldest first.
    queue: crossbeam_channel::Sender<Job<W::Done>>,
    /// The same queue, from which the calling thread takes a chunk rather than wait.
    waiting: crossbeam_channel::Receiver<Job<W::Done>>,
    /// The helper threads.
    helpers: Vec<JoinHandle<()>>,
    /// Chunks scored or waiting at once: a few per thread, so that no thread waits for work.
    in_flight: usize,
    /// The table records being gathered into a chunk.
    chunk: Vec<Raw>,
    /// Results of the chunks sent, oldest first.
    pending: VecDeque<Receiver<Scored<W::Done>>>,
    /// Results written so far.
    taken: u64,
    /// Where results go.
    writers: T,
}

impl<W: Work, T: Take<W::Done>> Pipeline<W, T> {
    /// A pipeline scoring on `jobs` threads: the calling one and `jobs − 1` helpers.
    pub fn new(work: W, jobs: usize, writers: T) -> Result<Self, CliError> {
        let work = Arc::new(work);
        let (queue, waiting) = crossbeam_channel::unbounded::<Job<W::Done>>();
        let helpers = (1..jobs.max(1))
            .map(|i| {
                let (work, waiting) = (Arc::clone(&work), waiting.clone());
                std::thread::Builder::new()
                    .name(format!("tieuchi-score-{i}"))
                    .spawn(move || {
                        while let Ok(job) = waiting.recv() {
                            run(work.as_ref(), job);
                        }
                    })
                    .map_err(|source| CliError::Threads { jobs, source })
            })
            .collect::<Result<_, _>>()?;
        Ok(Pipeline {
            work,
            queue,
            waiting,
            helpers,
            // One job scores each chunk as soon as it is read, while it is in the cache.
            in_flight: if jobs > 1 { 4 * jobs } else { 1 },
            chunk: Vec::with_capacity(CHUNK),
            pending: VecDeque::new(),
            taken: 0,
            writers,
        })
    }

    /// Takes what a reader hands on: a table record joins the current chunk (sent to be
    /// scored when full); a block of lines is sent as it is.
    pub fn push(&mut self, item: Item) -> Result<(), CliError> {
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

    /// Queues a chunk, first writing the oldest results if enough chunks are on their way.
    fn send(&mut self, chunk: Chunk) -> Result<(), CliError> {
        while self.pending.len() >= self.in_flight {
            self.collect()?;
        }
        let (tx, rx) = channel();
        // Cannot fail (`self.waiting` is a receiving end); were it to, the chunk is scored here.
        if let Err(crossbeam_channel::SendError(job)) = self.queue.send((chunk, tx)) {
            run(self.work.as_ref(), job);
        }
        self.pending.push_back(rx);
        Ok(())
    }

    /// Waits for the oldest chunk, scoring waiting chunks meanwhile, and writes its results.
    fn collect(&mut self) -> Result<(), CliError> {
        let Some(rx) = self.pending.pop_front() else {
            return Ok(());
        };
        let scored = loop {
            match rx.try_recv() {
                Ok(scored) => break Ok(scored),
                Err(TryRecvError::Disconnected) => break Err(CliError::ScoringStopped),
                Err(TryRecvError::Empty) => {}
            }
            match self.waiting.try_recv() {
                Ok(job) => run(self.work.as_ref(), job),
                // Every chunk is being scored: the oldest one by a helper.
                Err(_) => break rx.recv().map_err(|_| CliError::ScoringStopped),
            }
        }?;
        self.taken += scored.done.len() as u64;
        self.writers
            .take_chunk(scored.done, scored.out.as_bytes())?;
        self.writers.progress().tick(self.taken);
        Ok(())
    }

    /// Scores what is left and hands back the writers.
    pub fn finish(mut self) -> Result<T, CliError> {
        if !self.chunk.is_empty() {
            let chunk = std::mem::take(&mut self.chunk);
            self.send(Chunk::Records(chunk))?;
        }
        while !self.pending.is_empty() {
            self.collect()?;
        }
        let Pipeline {
            queue,
            helpers,
            mut writers,
            ..
        } = self;
        // No more chunks: the helpers stop.
        drop(queue);
        for helper in helpers {
            let _ = helper.join();
        }
        writers.progress().clear();
        Ok(writers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::progress::Meter;

    /// Echoes each line; slow on some lines so that chunks finish out of order; panics on
    /// the line `boom`.
    struct Echo;

    impl Work for Echo {
        type Done = u64;
        fn run(&self, raw: Raw, out: &mut String) -> u64 {
            out.push_str(&format!("row {}\n", raw.at));
            raw.at
        }
        fn line(&self, at: u64, text: &str, out: &mut String) -> u64 {
            assert_ne!(text, "boom", "a bug");
            if at.is_multiple_of(97) {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            out.push_str(text);
            out.push('\n');
            at
        }
    }

    /// Gathers what it takes.
    struct Gather {
        got: Vec<(u64, String)>,
        progress: Progress,
    }

    impl Take<u64> for Gather {
        fn take(&mut self, done: u64, line: &[u8]) -> Result<(), CliError> {
            self.got
                .push((done, String::from_utf8_lossy(line).into_owned()));
            Ok(())
        }
        fn progress(&mut self) -> &mut Progress {
            &mut self.progress
        }
    }

    fn gather() -> Gather {
        Gather {
            got: Vec::new(),
            progress: Progress::new(Meter::default()),
        }
    }

    /// Blocks of `per` lines each, `n` lines in all, `text(i)` for line i (from 1).
    fn blocks(n: u64, per: u64, text: impl Fn(u64) -> String) -> Vec<Item> {
        (0..n.div_ceil(per))
            .map(|b| {
                let lines = (b * per + 1..=((b + 1) * per).min(n)).map(&text);
                Item::Lines(Block {
                    first: b * per + 1,
                    text: lines.collect::<Vec<_>>().join("\n").into_bytes(),
                    long: Vec::new(),
                })
            })
            .collect()
    }

    #[test]
    fn results_come_in_input_order_whatever_the_jobs() {
        for jobs in [1, 2, 3] {
            let mut pipeline = Pipeline::new(Echo, jobs, gather()).unwrap();
            for item in blocks(2000, 37, |i| format!("l{i}")) {
                pipeline.push(item).unwrap();
            }
            // Table records gathered into chunks, the last one partly full.
            for at in 2001..=2600 {
                let body = Body::Row(Vec::new());
                pipeline.push(Item::Record(Raw { at, body })).unwrap();
            }
            let got = pipeline.finish().unwrap().got;
            let want: Vec<(u64, String)> = (1..=2600)
                .map(|i| {
                    (
                        i,
                        if i <= 2000 {
                            format!("l{i}\n")
                        } else {
                            format!("row {i}\n")
                        },
                    )
                })
                .collect();
            assert_eq!(got, want, "--jobs {jobs}");
        }
    }

    #[test]
    fn a_panic_while_scoring_is_reported_not_hung_on() {
        for jobs in [1, 2] {
            let mut pipeline = Pipeline::new(Echo, jobs, gather()).unwrap();
            let text = |i| {
                if i == 150 {
                    "boom".into()
                } else {
                    format!("l{i}")
                }
            };
            let mut outcome = Ok(());
            for item in blocks(1000, 10, text) {
                outcome = outcome.and_then(|()| pipeline.push(item));
            }
            let err = outcome.and_then(|()| pipeline.finish().map(|_| ()));
            assert!(
                matches!(err, Err(CliError::ScoringStopped)),
                "--jobs {jobs}: {err:?}"
            );
        }
    }
}

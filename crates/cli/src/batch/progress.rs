//! A progress line on stderr (records read, records per second), shown only when stderr is
//! a terminal and refreshed at most a few times a second.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(250);

/// The progress line.
pub struct Progress {
    /// Shown at all (stderr is a terminal).
    on: bool,
    /// When the run started.
    started: Instant,
    /// When the line was last drawn.
    last: Instant,
    /// Something is on the line and must be cleared.
    drawn: bool,
}

impl Progress {
    /// A progress line, on only when stderr is a terminal.
    pub fn new() -> Self {
        let now = Instant::now();
        Progress {
            on: std::io::stderr().is_terminal(),
            started: now,
            last: now,
            drawn: false,
        }
    }

    /// Redraws the line if it is time to.
    pub fn tick(&mut self, read: u64) {
        if !self.on || self.last.elapsed() < EVERY {
            return;
        }
        self.last = Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        err!(
            "\r{read} records, {:.0} records/s\x1b[K",
            read as f64 / secs
        );
        self.drawn = true;
    }

    /// Clears the line before the summary.
    pub fn clear(&mut self) {
        if self.drawn {
            err!("\r\x1b[K");
            self.drawn = false;
        }
    }
}

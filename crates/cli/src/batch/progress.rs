//! A progress line on stderr (records read, records per second and, for a file input, the
//! share read and the time left), shown only when stderr is a terminal and refreshed at most
//! a few times a second. The share comes from a [`Meter`] the reader moves: bytes read out of
//! the file size (NDJSON, CSV), or rows read out of the rows the sheet declares (XLSX).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(250);

/// How far reading has got: units done (bytes or rows) out of a total, when the total is
/// known (0: unknown, as for standard input). Shared by the reader and the progress line.
#[derive(Clone, Default)]
pub struct Meter(Arc<(AtomicU64, AtomicU64)>);

impl Meter {
    /// Sets the total.
    pub fn total(&self, n: u64) {
        self.0.1.store(n, Ordering::Relaxed);
    }

    /// Sets the units done.
    pub fn set(&self, n: u64) {
        self.0.0.store(n, Ordering::Relaxed);
    }

    /// Adds to the units done.
    pub fn add(&self, n: u64) {
        self.0.0.fetch_add(n, Ordering::Relaxed);
    }

    /// Units done and the total (0 when unknown).
    fn read(&self) -> (u64, u64) {
        (
            self.0.0.load(Ordering::Relaxed),
            self.0.1.load(Ordering::Relaxed),
        )
    }
}

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
    /// How far the reader has got.
    meter: Meter,
}

impl Progress {
    /// A progress line, on only when stderr is a terminal; `meter` tells the share read.
    pub fn new(meter: Meter) -> Self {
        let now = Instant::now();
        Progress {
            on: std::io::stderr().is_terminal(),
            started: now,
            last: now,
            drawn: false,
            meter,
        }
    }

    /// Redraws the line if it is time to.
    pub fn tick(&mut self, read: u64) {
        if !self.on || self.last.elapsed() < EVERY {
            return;
        }
        self.last = Instant::now();
        let (done, total) = self.meter.read();
        err!(
            "\r{}\x1b[K",
            line(read, self.started.elapsed(), done, total)
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

/// The text of the progress line: `1200 bản ghi, 850 bản ghi/giây, 40 %, còn khoảng 3 giây`.
fn line(read: u64, elapsed: Duration, done: u64, total: u64) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let mut out = format!(
        "{read} bản ghi (records), {:.0} bản ghi/giây",
        read as f64 / secs
    );
    if total > 0 {
        let share = (done as f64 / total as f64).clamp(0.0, 1.0);
        out.push_str(&format!(", {:.0} %", share * 100.0));
        if let Some(left) = eta(elapsed, done, total) {
            out.push_str(&format!(", còn khoảng {}", duration(left)));
        }
    }
    out
}

/// The time left when `done` of `total` units took `elapsed`, at the same pace; `None`
/// before anything is done.
fn eta(elapsed: Duration, done: u64, total: u64) -> Option<Duration> {
    if done == 0 || total == 0 {
        return None;
    }
    let left = total.saturating_sub(done) as f64;
    Some(Duration::from_secs_f64(
        elapsed.as_secs_f64() * left / done as f64,
    ))
}

/// A duration in whole seconds, Vietnamese: `dưới 1 giây`, `45 giây`, `3 phút 05 giây`,
/// `2 giờ 07 phút`.
fn duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0 => "dưới 1 giây".to_string(),
        1..60 => format!("{s} giây"),
        60..3600 => format!("{} phút {:02} giây", s / 60, s % 60),
        _ => format!("{} giờ {:02} phút", s / 3600, s / 60 % 60),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{duration, eta, line};

    #[test]
    fn time_left_is_the_pace_so_far_applied_to_what_is_left() {
        let table = [
            // (elapsed s, done, total, expected s)
            (10.0, 0, 100, None),
            (10.0, 50, 0, None),
            (10.0, 25, 100, Some(30.0)),
            (10.0, 50, 100, Some(10.0)),
            (4.0, 100, 100, Some(0.0)),
            (4.0, 120, 100, Some(0.0)),
        ];
        for (elapsed, done, total, expected) in table {
            let got = eta(Duration::from_secs_f64(elapsed), done, total).map(|d| d.as_secs_f64());
            assert_eq!(got, expected, "{elapsed} s, {done}/{total}");
        }
    }

    #[test]
    fn durations_are_written_in_vietnamese() {
        let table = [
            (0, "dưới 1 giây"),
            (1, "1 giây"),
            (59, "59 giây"),
            (65, "1 phút 05 giây"),
            (3599, "59 phút 59 giây"),
            (3600, "1 giờ 00 phút"),
            (7620, "2 giờ 07 phút"),
        ];
        for (secs, text) in table {
            assert_eq!(duration(Duration::from_secs(secs)), text);
        }
    }

    #[test]
    fn the_line_shows_the_share_and_time_left_only_when_the_size_is_known() {
        let two = Duration::from_secs(2);
        assert_eq!(
            line(1000, two, 250, 1000),
            "1000 bản ghi (records), 500 bản ghi/giây, 25 %, còn khoảng 6 giây"
        );
        assert_eq!(
            line(1000, two, 250, 0),
            "1000 bản ghi (records), 500 bản ghi/giây"
        );
    }
}

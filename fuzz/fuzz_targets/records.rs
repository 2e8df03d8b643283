//! Records: decode, evaluate, explain (full and summary) and every JSON writer, for any text
//! against every bundled rule file. Invariants in `score_and_check`: points within bounds,
//! total = sum of criteria, the writers agree (direct vs serde, UTF-8 vs ASCII), the summary
//! is the full answer without its texts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tieuchi_fuzz::{programs, score_and_check};

fuzz_target!(|data: &[u8]| {
    let record = String::from_utf8_lossy(data);
    for (_, program) in programs() {
        score_and_check(program, &record);
    }
});

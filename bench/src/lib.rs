//! `tieuchi-bench`: synthetic records for every model (`tieuchi-gen`) and a hand-written
//! scorer of the unit rules of Thông tư 22/2020 (`baseline-tt22`), the yardstick for
//! `tieuchi batch` (`bench/run.sh`).

pub mod family;
pub mod generate;
pub mod json;
pub mod names;
pub mod rng;
pub mod tt22;

//! Debug helper: prints the diagnostics of a rule file.
#![allow(clippy::unwrap_used, missing_docs)]
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(path).unwrap();
    let c = tieuchi_core::compile(&src);
    for d in &c.diagnostics {
        let lc = d.line_col(&src);
        println!(
            "{}:{} {} {} [{}] {:?}",
            lc.line,
            lc.column,
            d.severity.as_str(),
            d.code,
            d.message,
            d.help
        );
    }
    println!("program: {}", c.program.is_some());
}

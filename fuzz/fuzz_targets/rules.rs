//! Rule text: parse, check, the file's own tests and the input schema, for any text.
//! Invariants: every diagnostic and test points inside its file; a program is only given
//! when there is no error; its schema is a JSON object; an empty record scores within bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tieuchi_core::{schema, testing};
use tieuchi_fuzz::{assert_diagnostics_placed, assert_span_placed, compile, score_and_check};

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let compiled = compile(&source);
    assert_diagnostics_placed(&compiled.sources, &compiled.diagnostics);
    let Some(program) = &compiled.program else {
        assert!(compiled.has_errors(), "no program and no error");
        return;
    };
    assert!(!compiled.has_errors(), "a program despite an error");
    for t in testing::run_tests(program) {
        assert_span_placed(&compiled.sources, t.span, "test");
        for (span, message) in &t.failures {
            assert_span_placed(&compiled.sources, *span, "test failure");
            assert!(
                !message.vi.is_empty() && !message.en.is_empty(),
                "test failure without a message in both languages"
            );
        }
    }
    let schema = schema::input_schema(program);
    assert_eq!(
        schema["type"], "object",
        "the schema is not an object schema"
    );
    score_and_check(program, "{}");
});

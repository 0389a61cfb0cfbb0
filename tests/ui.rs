//! Compile-fail tests for every diagnostic of the derives (`tests/ui/*.rs` with the
//! expected `.stderr`), and shapes that must compile (`tests/ui/pass/`).
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}

//! `derived_roundtrip` under libFuzzer: `RUSTC_BOOTSTRAP=1 cargo fuzz run derived_roundtrip`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nlattr_fuzz::run("derived_roundtrip", data));

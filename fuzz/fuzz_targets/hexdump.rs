//! `hexdump` under libFuzzer: `RUSTC_BOOTSTRAP=1 cargo fuzz run hexdump`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nlattr_fuzz::run("hexdump", data));

//! `extack` under libFuzzer: `RUSTC_BOOTSTRAP=1 cargo fuzz run extack`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nlattr_fuzz::run("extack", data));

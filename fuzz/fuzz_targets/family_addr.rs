//! `family_addr` under libFuzzer: `RUSTC_BOOTSTRAP=1 cargo fuzz run family_addr`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nlattr_fuzz::run("family_addr", data));

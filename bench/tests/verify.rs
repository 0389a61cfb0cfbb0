//! The verification the runner does before timing, as a test: every decoder reads the same
//! messages and sample fields from every fixture, and every encoder writes the same bytes,
//! so a contender that drifts fails `cargo test` and not only a benchmark run.

use nlattr_bench::encode::{self, Inputs, REQUESTS};
use nlattr_bench::{decode, fixtures::Fixture};

#[test]
fn every_decoder_reads_the_same_messages_from_every_fixture() {
    let fixtures = Fixture::all().expect("fixtures");
    assert_eq!(fixtures.len(), 4);
    for fx in &fixtures {
        let n = decode::verify(fx).unwrap_or_else(|e| panic!("{e}"));
        assert!(n > 0, "{}: no messages", fx.name);
    }
}

#[test]
fn every_encoder_writes_the_same_bytes() {
    let inputs = Inputs::new();
    for case in ["route", "genl_getfamily"] {
        assert!(encode::contenders(case).len() >= 6, "{case}");
        assert_eq!(encode::verify(case, &inputs), Ok(REQUESTS), "{case}");
    }
}

//! The runner's cases under criterion: `cargo bench -p nlattr-bench [-- FILTER]`.
//!
//! Same fixtures, same contenders, same verification first; criterion reports time per
//! whole pass with the per-message throughput.

use criterion::{criterion_main, BenchmarkId, Criterion, Throughput};
use nlattr_bench::fixtures::Fixture;
use nlattr_bench::{decode, encode};

fn decoding(c: &mut Criterion) {
    for fx in Fixture::all().expect("fixtures") {
        let n = decode::verify(&fx).expect("every decoder reads the same");
        let mut g = c.benchmark_group(format!("decode/{}", fx.name));
        g.throughput(Throughput::Elements(n as u64));
        for who in decode::contenders(fx.name) {
            g.bench_with_input(BenchmarkId::from_parameter(who.name), &fx, |b, fx| {
                b.iter(|| (who.time)(fx, &mut decode::Blackhole).expect("decodes"));
            });
        }
        g.finish();
    }
}

fn encoding(c: &mut Criterion) {
    let inputs = encode::Inputs::new();
    for case in ["route", "genl_getfamily"] {
        encode::verify(case, &inputs).expect("every encoder writes the same");
        let mut g = c.benchmark_group(format!("encode/{case}"));
        g.throughput(Throughput::Elements(encode::REQUESTS as u64));
        g.sample_size(20);
        for who in encode::contenders(case) {
            let mut buf = Vec::with_capacity(256);
            g.bench_function(BenchmarkId::from_parameter(who.name), |b| {
                b.iter(|| (who.time)(&inputs, &mut buf, &mut encode::Discard).expect("encodes"));
            });
        }
        g.finish();
    }
}

// The macro defines an undocumented `pub fn benches`.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::decoding, super::encoding);
}
criterion_main!(group::benches);

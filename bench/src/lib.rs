//! Benchmarks of `nlattr` against the incumbent netlink crates, on identical captured bytes.
//!
//! The runner (`cargo run --release -p nlattr-bench -- --json`) and the criterion front end
//! (`cargo bench -p nlattr-bench`) share the cases defined here. Before anything is timed,
//! [`decode::verify`] makes every decoder read every fixture and compares what they read
//! (message counts and sample fields), and [`encode::verify`] every encoder's bytes, failing
//! the run on any difference.

pub mod decode;
pub mod e2e;
pub mod encode;
pub mod fixtures;
pub mod netns;
pub mod owned;
pub mod record;
pub mod runner;

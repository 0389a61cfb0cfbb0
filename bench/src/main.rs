//! The benchmark runner; see the crate docs.
//!
//! ```text
//! cargo run --release -p nlattr-bench -- [--json] [--quick] [--filter SUBSTRING]
//! cargo run --release -p nlattr-bench -- e2e [--json] [--quick]   # root: private namespace
//! cargo run --release -p nlattr-bench -- record [PATH]            # root: re-record the fixture
//! valgrind --tool=callgrind target/release/nlattr-bench profile decode/route_v4 nlattr-borrowed 20
//! ```

use std::alloc::System;
use std::process::ExitCode;

use nlattr_bench::runner::{self, Plan};
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |f: &str| args.iter().any(|a| a == f);
    let plan = if has("--quick") { Plan::quick() } else { Plan::full() };
    let json = has("--json");
    match args.first().map(String::as_str) {
        Some("record") => record(args.get(1)),
        Some("profile") => profile(&args[1..]),
        Some("e2e") => {
            if !nlattr_bench::netns::is_root() {
                println!("skipped: the end-to-end benchmark needs root for a private network namespace");
                return ExitCode::SUCCESS;
            }
            match nlattr_bench::e2e::run(if has("--quick") { 4 } else { 24 }) {
                Ok(r) => {
                    if json {
                        println!("{}", r.to_json());
                    } else {
                        print!("{}", r.to_table());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("e2e: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            let filter = args.iter().position(|a| a == "--filter").and_then(|i| args.get(i + 1));
            match runner::run_all(plan, filter.map(String::as_str)) {
                Ok(rows) => {
                    if json {
                        println!("{}", runner::to_json(&rows, plan));
                    } else {
                        print!("{}", runner::to_table(&rows));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("verification failed, nothing timed:\n{e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn record(path: Option<&String>) -> ExitCode {
    if !nlattr_bench::netns::is_root() {
        println!("skipped: recording needs root for a private network namespace");
        return ExitCode::SUCCESS;
    }
    let path = path.map_or_else(nlattr_bench::fixtures::route_v4_path, Into::into);
    match nlattr_bench::record::record(&path) {
        Ok(n) => {
            println!("recorded {n} messages to {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("record: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one contender of one case `passes` times without timing, for `callgrind`.
fn profile(args: &[String]) -> ExitCode {
    let (Some(case), Some(who)) = (args.first(), args.get(1)) else {
        eprintln!("usage: profile CASE CONTENDER [PASSES]");
        return ExitCode::FAILURE;
    };
    let passes: usize = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(10);
    match runner::profile(case, who, passes) {
        Ok(n) => {
            println!("{case} {who}: {passes} passes of {n} messages");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("profile: {e}");
            ExitCode::FAILURE
        }
    }
}

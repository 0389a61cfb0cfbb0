//! The benchmark runner; see the crate docs.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("record") {
        if !nlattr_bench::netns::is_root() {
            println!("skipped: recording needs root for a private network namespace");
            return ExitCode::SUCCESS;
        }
        let path = args.get(1).map_or_else(nlattr_bench::fixtures::route_v4_path, Into::into);
        return match nlattr_bench::record::record(&path) {
            Ok(n) => {
                println!("recorded {n} messages to {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("record: {e}");
                ExitCode::FAILURE
            }
        };
    }
    ExitCode::SUCCESS
}

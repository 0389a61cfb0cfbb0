//! Prints link, address and route events as they happen, as `ip monitor link address
//! route` does; `--count N` stops after N events. When the receive queue overflows the
//! overrun is reported, links, addresses and routes are dumped again to resynchronise, and
//! listening goes on.
//!
//! ```sh
//! cargo run --example monitor
//! cargo run --example monitor -- --netns NAME --count 5 --json
//! ```

use std::process::ExitCode;
use std::time::Duration;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::monitor;

const USAGE: &str = "usage: monitor [--json] [--count N] [--timeout SECS] [--rcvbuf BYTES] [--netns NAME]";

fn main() -> ExitCode {
    cli::run("monitor", USAGE, &["netns", "count", "timeout", "rcvbuf"], &["json"], |args| {
        let opts = monitor::Options {
            netns: args.value("netns").map(str::to_owned),
            count: args.number("count")?,
            timeout: args.number::<u64>("timeout")?.map(Duration::from_secs),
            rcvbuf: args.number("rcvbuf")?,
        };
        let json = args.flag("json");
        monitor::run(
            &opts,
            |ev| {
                if json {
                    print_json(ev)
                } else {
                    println!("{}", monitor::event_text(ev));
                    Ok(())
                }
            },
            || {},
        )
    })
}

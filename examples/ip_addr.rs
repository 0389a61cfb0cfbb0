//! Lists links and their addresses, as `ip -j addr` does: the same field names and values
//! (`addr_info[{family, local, prefixlen, broadcast, scope, label, valid_life_time, ...}]`)
//! with `--json`, a readable listing otherwise.
//!
//! ```sh
//! cargo run --example ip_addr
//! cargo run --example ip_addr -- --family 6 --json --netns NAME
//! ```

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::ip;

const USAGE: &str = "usage: ip_addr [--json] [--family 4|6] [--netns NAME]";

fn main() -> ExitCode {
    cli::run("ip_addr", USAGE, &["netns", "family"], &["json"], |args| {
        let family = ip::parse_family(args.value("family"))?;
        let v = ip::addrs(args.value("netns"), family)?;
        if args.flag("json") {
            print_json(&v)
        } else {
            print!("{}", ip::addrs_table(&v));
            Ok(())
        }
    })
}

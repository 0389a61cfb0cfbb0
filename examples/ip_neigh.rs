//! Lists ARP and NDP neighbours, as `ip -j neigh` does (`dst, dev, lladdr, router, state`),
//! leaving out `NOARP` and `NONE` entries as it does; a readable listing without `--json`.
//!
//! ```sh
//! cargo run --example ip_neigh
//! cargo run --example ip_neigh -- --family 4 --json --netns NAME
//! ```

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::ip;

const USAGE: &str = "usage: ip_neigh [--json] [--family 4|6] [--netns NAME]";

fn main() -> ExitCode {
    cli::run("ip_neigh", USAGE, &["netns", "family"], &["json"], |args| {
        let family = ip::parse_family(args.value("family"))?;
        let v = ip::neighs(args.value("netns"), family)?;
        if args.flag("json") {
            print_json(&v)
        } else {
            print!("{}", ip::neighs_table(&v));
            Ok(())
        }
    })
}

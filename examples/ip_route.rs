//! Lists routes, as `ip -j route show table ...` does: the main table by default,
//! `--table all` for every table (non-main tables then named in each route), `--family 4|6`
//! for one address family. The same field names and values as iproute2 with `--json`
//! (`type, dst, gateway, dev, table, protocol, scope, metric, prefsrc, flags, pref,
//! nexthops[{gateway, dev, weight, flags}], metrics`), one route per line otherwise.
//!
//! ```sh
//! cargo run --example ip_route
//! cargo run --example ip_route -- --table all --family 6 --json --netns NAME
//! ```

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::ip;

const USAGE: &str = "usage: ip_route [--json] [--table all|main|local|N] [--family 4|6] [--netns NAME]";

fn main() -> ExitCode {
    cli::run("ip_route", USAGE, &["netns", "family", "table"], &["json"], |args| {
        let family = ip::parse_family(args.value("family"))?;
        let tables = ip::TableSel::parse(args.value("table"))?;
        let v = ip::routes(args.value("netns"), tables, family)?;
        if args.flag("json") {
            print_json(&v)
        } else {
            print!("{}", ip::routes_table(&v));
            Ok(())
        }
    })
}

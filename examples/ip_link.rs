//! Lists links, as `ip -j link` does: the same field names and values with `--json`, a
//! readable table otherwise.
//!
//! ```sh
//! cargo run --example ip_link
//! cargo run --example ip_link -- --json --netns NAME
//! ```

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::ip;

const USAGE: &str = "usage: ip_link [--json] [--netns NAME]";

fn main() -> ExitCode {
    cli::run("ip_link", USAGE, &["netns"], &["json"], |args| {
        let v = ip::links(args.value("netns"))?;
        if args.flag("json") {
            print_json(&v)
        } else {
            print!("{}", ip::links_table(&v));
            Ok(())
        }
    })
}

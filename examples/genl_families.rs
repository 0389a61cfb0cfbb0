//! Lists every generic-netlink family, as `genl ctrl list` does: id, version, header size,
//! largest attribute, operations (id, capability flags) and multicast groups (name, id).
//! Needs no privilege.
//!
//! ```sh
//! cargo run --example genl_families
//! cargo run --example genl_families -- --json
//! cargo run --example genl_families -- --netns NAME --json
//! ```

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::genl;

const USAGE: &str = "usage: genl_families [--json] [--netns NAME]";

fn main() -> ExitCode {
    cli::run("genl_families", USAGE, &["netns"], &["json"], |args| {
        if !args.positional.is_empty() {
            return Err(cli::AppError::Usage("no positional arguments expected".into()));
        }
        let v = genl::families(args.value("netns"))?;
        if args.flag("json") {
            print_json(&v)
        } else {
            print!("{}", genl::families_table(&v));
            Ok(())
        }
    })
}

//! Shows link info (port, PHY address, transceiver, MDI-X) and link state (link detected,
//! signal quality) of one device or of all, through the `ethtool` generic-netlink family.
//!
//! ```sh
//! cargo run --example ethtool_info -- eth0
//! cargo run --example ethtool_info -- --netns NAME --json
//! ```

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::ethtool;

const USAGE: &str = "usage: ethtool_info [--json] [--netns NAME] [DEV]";

fn main() -> ExitCode {
    cli::run("ethtool_info", USAGE, &["netns"], &["json"], |args| {
        let dev = match args.positional.as_slice() {
            [] => None,
            [d] => Some(d.as_str()),
            _ => return Err(cli::AppError::Usage("at most one device expected".into())),
        };
        let v = ethtool::info(args.value("netns"), dev)?;
        if args.flag("json") {
            print_json(&v)
        } else {
            print!("{}", ethtool::info_text(&v));
            Ok(())
        }
    })
}

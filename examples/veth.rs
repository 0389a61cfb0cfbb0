//! Creates, changes and deletes veth pairs (needs `CAP_NET_ADMIN`; use `--netns NAME` to
//! work in a scratch namespace made with `ip netns add NAME`).
//!
//! ```sh
//! cargo run --example veth -- --netns scratch add v0 v1 --mtu 9000
//! cargo run --example veth -- --netns scratch set v0 --mtu 1400 --up
//! cargo run --example veth -- --netns scratch del v0
//! ```
//!
//! A name longer than 15 bytes is refused before anything is sent, naming the field
//! (`linkinfo.data.peer.ifname`); the kernel's refusals are printed with its own message
//! ("mtu greater than device maximum") and, when it points at an attribute, that
//! attribute's Rust field path.

use std::process::ExitCode;

use nlattr_workspace::cli::{self, print_json};
use nlattr_workspace::veth;

const USAGE: &str = "usage: veth [--netns NAME] [--json] add A B [--mtu N] | set A [--mtu N] [--up|--down] [--gso-max-size N] | del A";

fn main() -> ExitCode {
    cli::run("veth", USAGE, &["netns", "mtu", "gso-max-size"], &["json", "up", "down"], |args| {
        let v = veth::run(&args)?;
        if args.flag("json") {
            print_json(&v)?;
        } else if let Some(w) = v.get("warning").and_then(|w| w.as_str()) {
            println!("ok (kernel warning: {w})");
        } else {
            println!("ok");
        }
        Ok(())
    })
}

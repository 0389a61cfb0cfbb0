//! Prints an annotated hex dump of captured netlink datagrams.
//!
//! ```sh
//! cargo run --example hexdump -- tests/fixtures/corpus/genl_ctrl_getfamily_nlctrl/reply-000.bin
//! cargo run --example hexdump -- --proto route tests/fixtures/corpus/rtm_getlink_dump/reply-000.bin
//! cargo run --example hexdump -- --family-header 4 capture.bin
//! ```
//!
//! Each file is one datagram as `recvmsg` returned it (or a request as sent). Without
//! `--proto` or `--family-header`, the family header length of each message is guessed and
//! labelled as such. Needs no privilege.

use std::io::Write as _;
use std::process::ExitCode;

use nlattr::consts::{NETLINK_GENERIC, NETLINK_ROUTE};
use nlattr::dump::{HeaderHint, HexDump};

const USAGE: &str = "usage: hexdump [--proto route|generic] [--family-header N] [--max-depth N] FILE...";

fn main() -> ExitCode {
    match run(std::env::args().skip(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("hexdump: {msg}");
            eprintln!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run(mut args: impl Iterator<Item = String>) -> Result<(), String> {
    let mut hint = HeaderHint::Guess;
    let mut max_depth = None;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--proto" => {
                let v = args.next().ok_or("`--proto` needs a value: route or generic")?;
                hint = HeaderHint::Protocol(match v.as_str() {
                    "route" | "rtnetlink" => NETLINK_ROUTE,
                    "generic" | "genl" => NETLINK_GENERIC,
                    other => {
                        return Err(format!("unknown protocol `{other}`; expected `route` or `generic`"))
                    }
                });
            }
            "--family-header" => {
                let v = args.next().ok_or("`--family-header` needs a length in bytes")?;
                let n =
                    v.parse().map_err(|_| format!("`--family-header {v}`: expected a length in bytes"))?;
                hint = HeaderHint::Len(n);
            }
            "--max-depth" => {
                let v = args.next().ok_or("`--max-depth` needs a number")?;
                max_depth = Some(v.parse().map_err(|_| format!("`--max-depth {v}`: expected a number"))?);
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return Err("no input file".into());
    }
    let several = files.len() > 1;
    let mut out = std::io::stdout().lock();
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let mut dump = HexDump::new(&bytes).header_hint(hint);
        if let Some(d) = max_depth {
            dump = dump.max_depth(d);
        }
        let written = if several {
            write!(out, "== {path} ({} bytes)\n{dump}", bytes.len())
        } else {
            write!(out, "{dump}")
        };
        match written {
            Ok(()) => {}
            // The reader went away (`| head`): stop quietly, as other filters do.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(format!("writing the dump: {e}")),
        }
    }
    Ok(())
}

//! `policy_check FAMILY [--op CMD]`: the running kernel's attribute policy for each
//! operation of a generic-netlink family, as a table, then a diff against the ready-made
//! definitions in `nlattr::families` for that family (`nlctrl`, `ethtool`).
//!
//! ```text
//! cargo run --example policy_check -- ethtool
//! cargo run --example policy_check -- nlctrl --op 10
//! ```
//!
//! Reading policies needs no privilege (`CTRL_CMD_GETPOLICY` is open to everyone) and
//! changes nothing. The exit status is 1 when a ready-made definition has a problem (not
//! for notes), 2 on a usage or socket error.

use std::process::ExitCode;

use nlattr::consts::NETLINK_GENERIC;
use nlattr::PolicyInfo;
use nlsock::genl::PolicyDump;
use nlsock::policy_check::{kernel_type_name, op_policy_index, Form};
use nlsock::Socket;

/// Command names from the uapi headers (`genetlink.h`, `ethtool_netlink.h`); newer
/// commands than the installed headers know are shown by number.
fn op_name(family: &str, cmd: u32) -> Option<&'static str> {
    const NLCTRL: [&str; 11] = [
        "CTRL_CMD_UNSPEC",
        "CTRL_CMD_NEWFAMILY",
        "CTRL_CMD_DELFAMILY",
        "CTRL_CMD_GETFAMILY",
        "CTRL_CMD_NEWOPS",
        "CTRL_CMD_DELOPS",
        "CTRL_CMD_GETOPS",
        "CTRL_CMD_NEWMCAST_GRP",
        "CTRL_CMD_DELMCAST_GRP",
        "CTRL_CMD_GETMCAST_GRP",
        "CTRL_CMD_GETPOLICY",
    ];
    const ETHTOOL: [&str; 38] = [
        "ETHTOOL_MSG_USER_NONE",
        "ETHTOOL_MSG_STRSET_GET",
        "ETHTOOL_MSG_LINKINFO_GET",
        "ETHTOOL_MSG_LINKINFO_SET",
        "ETHTOOL_MSG_LINKMODES_GET",
        "ETHTOOL_MSG_LINKMODES_SET",
        "ETHTOOL_MSG_LINKSTATE_GET",
        "ETHTOOL_MSG_DEBUG_GET",
        "ETHTOOL_MSG_DEBUG_SET",
        "ETHTOOL_MSG_WOL_GET",
        "ETHTOOL_MSG_WOL_SET",
        "ETHTOOL_MSG_FEATURES_GET",
        "ETHTOOL_MSG_FEATURES_SET",
        "ETHTOOL_MSG_PRIVFLAGS_GET",
        "ETHTOOL_MSG_PRIVFLAGS_SET",
        "ETHTOOL_MSG_RINGS_GET",
        "ETHTOOL_MSG_RINGS_SET",
        "ETHTOOL_MSG_CHANNELS_GET",
        "ETHTOOL_MSG_CHANNELS_SET",
        "ETHTOOL_MSG_COALESCE_GET",
        "ETHTOOL_MSG_COALESCE_SET",
        "ETHTOOL_MSG_PAUSE_GET",
        "ETHTOOL_MSG_PAUSE_SET",
        "ETHTOOL_MSG_EEE_GET",
        "ETHTOOL_MSG_EEE_SET",
        "ETHTOOL_MSG_TSINFO_GET",
        "ETHTOOL_MSG_CABLE_TEST_ACT",
        "ETHTOOL_MSG_CABLE_TEST_TDR_ACT",
        "ETHTOOL_MSG_TUNNEL_INFO_GET",
        "ETHTOOL_MSG_FEC_GET",
        "ETHTOOL_MSG_FEC_SET",
        "ETHTOOL_MSG_MODULE_EEPROM_GET",
        "ETHTOOL_MSG_STATS_GET",
        "ETHTOOL_MSG_PHC_VCLOCKS_GET",
        "ETHTOOL_MSG_MODULE_GET",
        "ETHTOOL_MSG_MODULE_SET",
        "ETHTOOL_MSG_PSE_GET",
        "ETHTOOL_MSG_PSE_SET",
    ];
    let table: &[&str] = match family {
        "nlctrl" => &NLCTRL,
        "ethtool" => &ETHTOOL,
        _ => &[],
    };
    table.get(usize::try_from(cmd).ok()?).copied()
}

/// The checks of one policy entry, in words.
fn checks(info: &PolicyInfo) -> String {
    let mut out = Vec::new();
    let full = |a: i128, b: i128| match info.ty {
        Some(2) => (a, b) == (0, u8::MAX.into()),
        Some(3) => (a, b) == (0, u16::MAX.into()),
        Some(4) => (a, b) == (0, u32::MAX.into()),
        Some(5 | 17) => (a, b) == (0, u64::MAX.into()),
        Some(6) => (a, b) == (i8::MIN.into(), i8::MAX.into()),
        Some(7) => (a, b) == (i16::MIN.into(), i16::MAX.into()),
        Some(8) => (a, b) == (i32::MIN.into(), i32::MAX.into()),
        Some(9 | 16) => (a, b) == (i64::MIN.into(), i64::MAX.into()),
        _ => false,
    };
    if let (Some(a), Some(b)) = (info.min_u, info.max_u) {
        if !full(a.into(), b.into()) {
            out.push(format!("{a}..={b}"));
        }
    }
    if let (Some(a), Some(b)) = (info.min_s, info.max_s) {
        if !full(a.into(), b.into()) {
            out.push(format!("{a}..={b}"));
        }
    }
    if let Some(m) = info.mask {
        out.push(format!("mask {m:#x}"));
    }
    if let Some(m) = info.bitfield32_mask {
        out.push(format!("valid bits {m:#x}"));
    }
    match (info.min_len, info.max_len) {
        (Some(a), Some(b)) if a == b => out.push(format!("exactly {a} bytes")),
        (Some(a), Some(b)) => out.push(format!("{a} to {b} bytes")),
        (Some(a), None) => out.push(format!("at least {a} bytes")),
        (None, Some(b)) => out.push(format!("at most {b} bytes")),
        (None, None) => {}
    }
    if let Some(i) = info.policy_idx {
        let max = info.policy_maxtype.map_or(String::new(), |m| format!(" (max type {m})"));
        out.push(format!("policy {i}{max}"));
    }
    out.join(", ")
}

/// Prints policy `index` and, indented under the nests, the policies they lead to.
fn print_policy(dump: &PolicyDump, index: u32, indent: usize, open: &mut Vec<u32>) {
    let pad = " ".repeat(indent);
    let mut entries: Vec<_> = dump.attrs.iter().filter(|a| a.policy == index).collect();
    entries.sort_by_key(|a| a.attr);
    if entries.is_empty() {
        println!("{pad}(no attributes)");
    }
    open.push(index);
    for e in entries {
        println!("{pad}{:>5}  {:<13} {}", e.attr, kernel_type_name(&e.info), checks(&e.info));
        if let Some(inner) = e.info.policy_idx {
            if open.contains(&inner) {
                println!("{pad}       (policy {inner}: recursive, shown above)");
            } else {
                print_policy(dump, inner, indent + 7, open);
            }
        }
    }
    open.pop();
}

fn run(family: &str, op: Option<u32>) -> Result<bool, Box<dyn std::error::Error>> {
    let mut sock = Socket::open(NETLINK_GENERIC)?;
    let fam = sock.resolve_family(family)?.clone();
    println!(
        "family {} (id {}, version {}, largest attribute type {}, {} operations)",
        fam.name,
        fam.id,
        fam.version,
        fam.maxattr,
        fam.ops.len()
    );
    // One dump per operation: a whole-family dump labels dump-only operations as 0.
    let cmds: Vec<u32> = match op {
        Some(op) => vec![op],
        None => fam.ops.iter().map(|o| o.id).collect(),
    };
    for cmd in cmds {
        let name = op_name(family, cmd).map_or_else(|| format!("cmd {cmd}"), |n| format!("{n} ({cmd})"));
        let flags = fam.op(cmd).map_or(0, |o| o.flags);
        let mut caps = Vec::new();
        for (bit, what) in [(0x02, "do"), (0x04, "dump"), (0x01, "admin"), (0x10, "netns admin")] {
            if flags & bit != 0 {
                caps.push(what);
            }
        }
        println!("\nop {name} [{}]", caps.join(", "));
        let dump = match sock.op_policy(family, cmd) {
            Ok(d) => d,
            Err(e) => {
                println!("  no attribute policy ({e})");
                continue;
            }
        };
        let Ok(c) = u16::try_from(cmd) else { continue };
        let (d, u) = (op_policy_index(&dump, c, Form::Do), op_policy_index(&dump, c, Form::Dump));
        match (d, u) {
            (None, None) => println!("  no attribute policy"),
            (Some(a), Some(b)) if a == b => {
                println!("  do and dump: policy {a}");
                print_policy(&dump, a, 4, &mut Vec::new());
            }
            _ => {
                for (form, idx) in [(Form::Do, d), (Form::Dump, u)] {
                    if let Some(i) = idx {
                        println!("  {form}: policy {i}");
                        print_policy(&dump, i, 4, &mut Vec::new());
                    }
                }
            }
        }
    }
    let results = sock.compare_ready_made(family)?;
    if results.is_empty() {
        println!("\nno ready-made definitions in nlattr::families to compare for {family}");
        return Ok(true);
    }
    println!("\ndiff against nlattr::families ({family}):");
    let mut clean = true;
    for (r, form, cmp) in &results {
        let verdict = if cmp.is_match() { "matches" } else { "MISMATCH" };
        println!("  {} {form} vs {}: {verdict}", r.name, r.policy.name);
        for m in &cmp.mismatches {
            println!("    problem: {m}");
        }
        for m in &cmp.notes {
            println!("    note:    {m}");
        }
        clean &= cmp.is_match();
    }
    Ok(clean)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: policy_check FAMILY [--op CMD]");
        ExitCode::from(2)
    };
    let (family, op) = match args.as_slice() {
        [f] => (f.as_str(), None),
        [f, o, n] if o == "--op" => match n.parse::<u32>() {
            Ok(n) => (f.as_str(), Some(n)),
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    match run(family, op) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("policy_check: {e}");
            ExitCode::from(2)
        }
    }
}

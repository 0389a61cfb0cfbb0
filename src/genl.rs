//! `genl ctrl list`: every generic-netlink family with its id, version, header size, largest
//! attribute, operations and multicast groups, from a `CTRL_CMD_GETFAMILY` dump decoded
//! with [`nlattr::families::ctrl::Family`]. Needs no privilege.

use nlattr::consts::{CTRL_CMD_GETFAMILY, GENL_ID_CTRL, NETLINK_GENERIC};
use nlattr::families::ctrl::{Family, GetFamily, OpFlags};
use nlattr::header::GenlMsgHdr;
use nlattr::AttrSet;
use serde_json::{json, Value};

use crate::cli::{self, AppError};

/// The capability names `genl ctrl list` prints for an operation's flags.
#[must_use]
pub fn op_flag_names(flags: OpFlags) -> Vec<&'static str> {
    let mut out = Vec::new();
    if flags.contains(nlattr::families::ctrl::GENL_ADMIN_PERM) {
        out.push("requires admin permission");
    }
    if flags.can_do() {
        out.push("can doit");
    }
    if flags.can_dump() {
        out.push("can dumpit");
    }
    if flags.has_policy() {
        out.push("has policy");
    }
    if flags.contains(nlattr::families::ctrl::GENL_UNS_ADMIN_PERM) {
        out.push("requires namespace admin permission");
    }
    out
}

/// One family as JSON: `name`, `id`, `version`, `hdrsize`, `maxattr`, `ops[{id, flags}]`,
/// `mcast_groups[{name, id}]`.
#[must_use]
pub fn family_json(f: &Family<'_>) -> Value {
    json!({
        "name": f.name,
        "id": f.id,
        "version": f.version,
        "hdrsize": f.hdrsize,
        "maxattr": f.maxattr,
        "ops": f.ops.iter().map(|o| json!({"id": o.id, "flags": o.flags.0})).collect::<Vec<_>>(),
        "mcast_groups": f.mcast_groups.iter().map(|g| json!({"name": g.name, "id": g.id})).collect::<Vec<_>>(),
    })
}

/// Every family the socket's namespace sees, in the kernel's order.
///
/// # Errors
/// The dump failing or a reply not decoding.
pub fn families(netns: Option<&str>) -> Result<Value, AppError> {
    let mut sock = cli::open(NETLINK_GENERIC, netns)?;
    let req = GetFamily {
        hdr: GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 },
        id: None,
        name: None,
    };
    let mut out = Vec::new();
    sock.dump_with(GENL_ID_CTRL, 0, &req, |m| {
        out.push(family_json(&Family::decode_message(&m)?));
        Ok(())
    })?;
    Ok(Value::Array(out))
}

/// [`families`] over the messages of a `CTRL_CMD_GETFAMILY` dump (from a capture or a
/// recording).
///
/// # Errors
/// A message not decoding.
pub fn families_json(msgs: &[nlsock::OwnedMessage]) -> Result<Value, AppError> {
    let mut out = Vec::new();
    for m in msgs {
        out.push(family_json(&Family::decode_message(&m.message())?));
    }
    Ok(Value::Array(out))
}

/// The readable listing, shaped like `genl ctrl list`.
#[must_use]
pub fn families_table(v: &Value) -> String {
    let mut out = String::new();
    for f in v.as_array().into_iter().flatten() {
        let n = |k: &str| f.get(k).and_then(Value::as_u64).unwrap_or(0);
        out += &format!(
            "Name: {}\n\tID: {:#x}  Version: {:#x}  header size: {}  max attribs: {}\n",
            f.get("name").and_then(Value::as_str).unwrap_or_default(),
            n("id"),
            n("version"),
            n("hdrsize"),
            n("maxattr"),
        );
        let ops = f.get("ops").and_then(Value::as_array).cloned().unwrap_or_default();
        if !ops.is_empty() {
            out += "\tcommands supported:\n";
            for (i, op) in ops.iter().enumerate() {
                let flags = op.get("flags").and_then(Value::as_u64).unwrap_or(0);
                let names = op_flag_names(OpFlags(u32::try_from(flags).unwrap_or(0)));
                out += &format!(
                    "\t\t#{}:  ID-{:#x}  Capabilities ({flags:#x}): {}\n",
                    i + 1,
                    op.get("id").and_then(Value::as_u64).unwrap_or(0),
                    names.join("; ")
                );
            }
        }
        let groups = f.get("mcast_groups").and_then(Value::as_array).cloned().unwrap_or_default();
        if !groups.is_empty() {
            out += "\tmulticast groups:\n";
            for (i, g) in groups.iter().enumerate() {
                out += &format!(
                    "\t\t#{}:  ID-{:#x}  name: {}\n",
                    i + 1,
                    g.get("id").and_then(Value::as_u64).unwrap_or(0),
                    g.get("name").and_then(Value::as_str).unwrap_or_default()
                );
            }
        }
        out.push('\n');
    }
    out
}

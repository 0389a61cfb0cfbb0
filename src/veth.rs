//! `ip link add A type veth peer name B`, `ip link set A mtu N up|down`, `ip link del A`,
//! with [`nlattr::families::route::link::Link`].
//!
//! Every request is checked with [`AttrSet::check`] before it is sent, so a name longer than
//! 15 bytes is refused with its Rust field path (`ifname`, or
//! `linkinfo.data.peer.ifname` for the peer) and never reaches the kernel. What the kernel
//! refuses comes back with its own message and, when it reports the offending attribute's
//! offset, that attribute's Rust field path.

use nlattr::consts::{NLM_F_CREATE, NLM_F_EXCL, RTM_DELLINK, RTM_NEWLINK, RTM_SETLINK};
use nlattr::families::route::link::{Link, LinkData, LinkInfo, VethInfo, VethPeer};
use nlattr::header::IfInfoMsg;
use nlattr::AttrSet;
use serde_json::{json, Value};

use crate::cli::AppError;
use crate::ip::Rtnl;
use crate::names::IFF_UP;

/// What `veth set` changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SetLink {
    /// A new MTU.
    pub mtu: Option<u32>,
    /// `Some(true)` to bring the link up, `Some(false)` down.
    pub up: Option<bool>,
    /// A new largest GSO size (`IFLA_GSO_MAX_SIZE`; the kernel's policy wants more than a TCP header).
    pub gso_max_size: Option<u32>,
}

fn send(rt: &mut Rtnl, ty: u16, flags: u16, req: &Link<'_>) -> Result<Value, AppError> {
    // Refuse what the kernel would refuse, naming the field, before anything is sent.
    req.check()?;
    let reply = rt.socket().request(ty, flags, req)?;
    Ok(json!({ "ok": true, "warning": reply.warning }))
}

/// The `RTM_NEWLINK` request creating veth pair `name`/`peer`, both with `mtu` if given.
#[must_use]
pub fn add_request<'a>(name: &'a str, peer: &'a str, mtu: Option<u32>) -> Link<'a> {
    Link {
        ifname: Some(name),
        mtu,
        linkinfo: Some(LinkInfo {
            kind: Some("veth"),
            data: Some(LinkData::Veth(VethInfo {
                peer: Some(VethPeer { ifname: Some(peer), mtu, ..Default::default() }),
            })),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Creates the veth pair `name`/`peer`.
///
/// # Errors
/// A name too long (refused before sending), or the kernel's error (`EEXIST`, ...).
pub fn add(rt: &mut Rtnl, name: &str, peer: &str, mtu: Option<u32>) -> Result<Value, AppError> {
    send(rt, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &add_request(name, peer, mtu))
}

/// The `RTM_SETLINK` request changing link `name` as `set` says.
#[must_use]
pub fn set_request(name: &str, set: SetLink) -> Link<'_> {
    let mut hdr = IfInfoMsg::default();
    if let Some(up) = set.up {
        hdr.flags = if up { IFF_UP } else { 0 };
        hdr.change = IFF_UP;
    }
    Link { hdr, ifname: Some(name), mtu: set.mtu, gso_max_size: set.gso_max_size, ..Default::default() }
}

/// Changes link `name`.
///
/// # Errors
/// A name too long (refused before sending), or the kernel's error ("mtu greater than
/// device maximum", `ENODEV`, a policy violation with the field's path...).
pub fn set(rt: &mut Rtnl, name: &str, set: SetLink) -> Result<Value, AppError> {
    send(rt, RTM_SETLINK, 0, &set_request(name, set))
}

/// Deletes link `name` (and so its peer).
///
/// # Errors
/// A name too long (refused before sending), or the kernel's error (`ENODEV`, ...).
pub fn del(rt: &mut Rtnl, name: &str) -> Result<Value, AppError> {
    send(rt, RTM_DELLINK, 0, &Link { ifname: Some(name), ..Default::default() })
}

/// Runs a `veth` command line: `add A B [--mtu N]`, `set A [--mtu N] [--up|--down]
/// [--gso-max-size N]`, `del A`.
///
/// # Errors
/// [`AppError::Usage`] for a bad command line, or the operation's error.
pub fn run(args: &crate::Args) -> Result<Value, AppError> {
    let mut rt = Rtnl::open(args.value("netns"))?;
    let mtu = args.number::<u32>("mtu")?;
    let pos: Vec<&str> = args.positional.iter().map(String::as_str).collect();
    match pos.as_slice() {
        ["add", a, b] => add(&mut rt, a, b, mtu),
        ["set", a] => {
            let up = match (args.flag("up"), args.flag("down")) {
                (true, true) => return Err(AppError::Usage("`--up` conflicts with `--down`".into())),
                (true, false) => Some(true),
                (false, true) => Some(false),
                (false, false) => None,
            };
            let s = SetLink { mtu, up, gso_max_size: args.number("gso-max-size")? };
            if s == SetLink::default() {
                return Err(AppError::Usage(
                    "`set` needs `--mtu N`, `--up`, `--down` or `--gso-max-size N`".into(),
                ));
            }
            set(&mut rt, a, s)
        }
        ["del", a] => del(&mut rt, a),
        _ => Err(AppError::Usage("expected `add A B`, `set A ...` or `del A`".into())),
    }
}

//! Shared by the `sock_*` tests and the `sock_record` example: hand-written policy tables
//! for the rtnetlink requests they send, request builders on `nlattr::Writer`, and helpers.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::net::IpAddr;

use nlattr::consts::{AF_UNSPEC, GENL_HDRLEN, NLMSG_HDRLEN};
use nlattr::header::{GenlMsgHdr, IfAddrMsg, IfInfoMsg, RtMsg};
use nlattr::policy::{AttrKind, AttrPolicy, Policy};
use nlattr::{Message, Writer};

// rtnetlink attribute types (include/uapi/linux/if_link.h, if_addr.h, rtnetlink.h, veth.h).
pub const IFLA_ADDRESS: u16 = 1;
pub const IFLA_IFNAME: u16 = 3;
pub const IFLA_MTU: u16 = 4;
pub const IFLA_LINK: u16 = 5;
pub const IFLA_MASTER: u16 = 10;
pub const IFLA_OPERSTATE: u16 = 16;
pub const IFLA_LINKINFO: u16 = 18;
pub const IFLA_EXT_MASK: u16 = 29;
pub const IFLA_INFO_KIND: u16 = 1;
pub const IFLA_INFO_DATA: u16 = 2;
pub const VETH_INFO_PEER: u16 = 1;
pub const IFA_ADDRESS: u16 = 1;
pub const IFA_LOCAL: u16 = 2;
pub const IFA_LABEL: u16 = 3;
pub const IFA_FLAGS: u16 = 8;
pub const IFA_F_NODAD: u32 = 0x02;
pub const RTA_DST: u16 = 1;
pub const RTA_OIF: u16 = 4;
pub const RTA_GATEWAY: u16 = 5;
pub const RTA_TABLE: u16 = 15;
pub const RT_TABLE_MAIN: u8 = 254;
pub const RTPROT_STATIC: u8 = 4;
pub const RTN_UNICAST: u8 = 1;
pub const RT_SCOPE_UNIVERSE: u8 = 0;
pub const RT_SCOPE_LINK: u8 = 253;
pub const RTNLGRP_LINK: u32 = 1;
pub const RTM_GETNEXTHOP: u16 = 106;
pub const NHA_ID: u16 = 1;
pub const IFF_UP: u32 = 1;
pub const NETLINK_USERSOCK: i32 = 2;

/// `struct ifinfomsg` then the link attributes (`RTM_NEWLINK`, `RTM_GETLINK`, ...).
pub static LINK: Policy = Policy { name: "Link", header_len: 16, attrs: &LINK_ATTRS, deny_unknown: false };
static LINK_ATTRS: [AttrPolicy; 8] = [
    AttrPolicy::new("address", IFLA_ADDRESS, AttrKind::Binary),
    AttrPolicy { max_len: Some(15), ..AttrPolicy::new("name", IFLA_IFNAME, AttrKind::String) },
    AttrPolicy::new("mtu", IFLA_MTU, AttrKind::U32),
    AttrPolicy::new("link", IFLA_LINK, AttrKind::U32),
    AttrPolicy::new("master", IFLA_MASTER, AttrKind::U32),
    AttrPolicy::new("operstate", IFLA_OPERSTATE, AttrKind::U8),
    AttrPolicy::new("link_info", IFLA_LINKINFO, AttrKind::Nested(&LINK_INFO)),
    AttrPolicy::new("ext_mask", IFLA_EXT_MASK, AttrKind::U32),
];
/// `IFLA_LINKINFO`.
pub static LINK_INFO: Policy =
    Policy { name: "LinkInfo", header_len: 0, attrs: &LINK_INFO_ATTRS, deny_unknown: false };
static LINK_INFO_ATTRS: [AttrPolicy; 2] = [
    AttrPolicy { required: true, ..AttrPolicy::new("kind", IFLA_INFO_KIND, AttrKind::String) },
    AttrPolicy::new(
        "data",
        IFLA_INFO_DATA,
        AttrKind::SubMessage { selector: "kind", variants: &[("veth", &VETH), ("bridge", &BRIDGE)] },
    ),
];
/// `IFLA_INFO_DATA` of a veth.
pub static VETH: Policy = Policy { name: "VethInfo", header_len: 0, attrs: &VETH_ATTRS, deny_unknown: false };
static VETH_ATTRS: [AttrPolicy; 1] = [AttrPolicy::new("peer", VETH_INFO_PEER, AttrKind::Nested(&LINK))];
/// `IFLA_INFO_DATA` of a bridge (nothing used here).
pub static BRIDGE: Policy = Policy { name: "BridgeInfo", header_len: 0, attrs: &[], deny_unknown: false };

/// `struct ifaddrmsg` then the address attributes.
pub static ADDR: Policy = Policy { name: "Address", header_len: 8, attrs: &ADDR_ATTRS, deny_unknown: false };
static ADDR_ATTRS: [AttrPolicy; 4] = [
    AttrPolicy::new("address", IFA_ADDRESS, AttrKind::Binary),
    AttrPolicy::new("local", IFA_LOCAL, AttrKind::Binary),
    AttrPolicy::new("label", IFA_LABEL, AttrKind::String),
    AttrPolicy::new("flags", IFA_FLAGS, AttrKind::U32),
];

/// `struct rtmsg` then the route attributes.
pub static ROUTE: Policy = Policy { name: "Route", header_len: 12, attrs: &ROUTE_ATTRS, deny_unknown: false };
static ROUTE_ATTRS: [AttrPolicy; 4] = [
    AttrPolicy::new("dst", RTA_DST, AttrKind::Binary),
    AttrPolicy::new("oif", RTA_OIF, AttrKind::U32),
    AttrPolicy::new("gateway", RTA_GATEWAY, AttrKind::Binary),
    AttrPolicy::new("table", RTA_TABLE, AttrKind::U32),
];

/// `struct nhmsg` then the nexthop attributes (validated strictly by the kernel).
pub static NEXTHOP: Policy =
    Policy { name: "Nexthop", header_len: 8, attrs: &NEXTHOP_ATTRS, deny_unknown: true };
static NEXTHOP_ATTRS: [AttrPolicy; 1] = [AttrPolicy::new("id", NHA_ID, AttrKind::U32)];

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub fn ifinfo(index: i32, flags: u32, change: u32) -> IfInfoMsg {
    IfInfoMsg { family: AF_UNSPEC, pad: 0, ty: 0, index, flags, change }
}

/// A link's payload: header, optional name and MTU, optional link info of `kind` whose
/// data the closure writes.
pub struct LinkSpec<'a> {
    pub header: IfInfoMsg,
    pub name: Option<&'a str>,
    pub mtu: Option<u32>,
    pub master: Option<u32>,
    pub kind: Option<&'a str>,
    pub peer: Option<Box<LinkSpec<'a>>>,
    /// Raw extra attributes (type, payload) written at the end.
    pub extra: Vec<(u16, Vec<u8>)>,
}

impl<'a> LinkSpec<'a> {
    pub fn new() -> Self {
        Self {
            header: ifinfo(0, 0, 0),
            name: None,
            mtu: None,
            master: None,
            kind: None,
            peer: None,
            extra: Vec::new(),
        }
    }
    pub fn named(name: &'a str) -> Self {
        Self { name: Some(name), ..Self::new() }
    }
    pub fn write(&self, w: &mut Writer<'_>) -> Result<(), nlattr::EncodeError> {
        w.put_struct(&self.header)?;
        if let Some(n) = self.name {
            w.attr(IFLA_IFNAME, n)?;
        }
        if let Some(m) = self.mtu {
            w.attr(IFLA_MTU, &m)?;
        }
        if let Some(m) = self.master {
            w.attr(IFLA_MASTER, &m)?;
        }
        if let Some(k) = self.kind {
            let info = w.begin_nest(IFLA_LINKINFO)?;
            w.attr(IFLA_INFO_KIND, k)?;
            if let Some(p) = &self.peer {
                let data = w.begin_nest(IFLA_INFO_DATA)?;
                let peer = w.begin_nest(VETH_INFO_PEER)?;
                p.write(w)?;
                w.end_nest(peer)?;
                w.end_nest(data)?;
            }
            w.end_nest(info)?;
        }
        for (ty, payload) in &self.extra {
            w.attr_bytes(*ty, payload)?;
        }
        Ok(())
    }
    pub fn bytes(&self) -> Vec<u8> {
        let mut buf = Vec::new();
        self.write(&mut Writer::new(&mut buf)).expect("link payload encodes");
        buf
    }
}

impl Default for LinkSpec<'_> {
    fn default() -> Self {
        Self::new()
    }
}

/// A veth pair `a`/`b`.
pub fn veth(a: &str, b: &str) -> Vec<u8> {
    LinkSpec { kind: Some("veth"), peer: Some(Box::new(LinkSpec::named(b))), ..LinkSpec::named(a) }.bytes()
}

/// An address payload.
pub fn addr(index: u32, addr: IpAddr, prefixlen: u8) -> Vec<u8> {
    let family = if addr.is_ipv4() { nlattr::consts::AF_INET } else { nlattr::consts::AF_INET6 };
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.put_struct(&IfAddrMsg { family, prefixlen, flags: 0, scope: 0, index }).expect("header");
    w.attr(IFA_LOCAL, &addr).expect("local");
    w.attr(IFA_ADDRESS, &addr).expect("address");
    w.attr(IFA_FLAGS, &IFA_F_NODAD).expect("flags");
    buf
}

/// A route payload: `dst/dst_len` via `gateway` or out of `oif`.
pub fn route(dst: IpAddr, dst_len: u8, gateway: Option<IpAddr>, oif: Option<u32>) -> Vec<u8> {
    let family = if dst.is_ipv4() { nlattr::consts::AF_INET } else { nlattr::consts::AF_INET6 };
    let scope = if gateway.is_some() { RT_SCOPE_UNIVERSE } else { RT_SCOPE_LINK };
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.put_struct(&RtMsg {
        family,
        dst_len,
        src_len: 0,
        tos: 0,
        table: RT_TABLE_MAIN,
        protocol: RTPROT_STATIC,
        scope,
        ty: RTN_UNICAST,
        flags: 0,
    })
    .expect("header");
    w.attr(RTA_DST, &dst).expect("dst");
    if let Some(g) = gateway {
        w.attr(RTA_GATEWAY, &g).expect("gateway");
    }
    if let Some(o) = oif {
        w.attr(RTA_OIF, &o).expect("oif");
    }
    buf
}

/// A family-header-only payload for dumps.
pub fn family_header(len: usize, family: u8) -> Vec<u8> {
    let mut v = vec![0u8; len];
    if let Some(b) = v.first_mut() {
        *b = family;
    }
    v
}

/// A generic-netlink payload: header then `CTRL_ATTR_FAMILY_NAME`.
pub fn genl_name(cmd: u8, name: &str) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.put_struct(&GenlMsgHdr { cmd, version: 1, reserved: 0 }).expect("header");
    w.attr(nlattr::consts::CTRL_ATTR_FAMILY_NAME, name).expect("name");
    let _ = GENL_HDRLEN;
    buf
}

/// The link name (`IFLA_IFNAME`), index and attributes of a link message.
pub fn link_name(m: &Message<'_>) -> Option<(i32, String)> {
    let h: IfInfoMsg = nlattr::header::read_header(m.payload, m.payload_offset()).ok()?;
    for a in m.attrs_after(16) {
        let a = a.ok()?;
        if a.ty() == IFLA_IFNAME {
            return Some((h.index, a.get::<&str>().ok()?.to_owned()));
        }
    }
    None
}

/// A `u32` attribute of a link message.
pub fn link_u32(m: &Message<'_>, ty: u16) -> Option<u32> {
    m.attrs_after(16).filter_map(Result::ok).find(|a| a.ty() == ty).and_then(|a| a.get().ok())
}

/// Offset (from the message start) of the attribute reached by following `types` into
/// `request`, a whole message as sent, whose family header is `header_len` bytes. The
/// last step of a nest lands on its header.
pub fn offset_of(request: &[u8], header_len: usize, types: &[(u16, usize)]) -> Option<u32> {
    let mut attrs = nlattr::Attrs::new(request.get(NLMSG_HDRLEN + header_len..)?, NLMSG_HDRLEN + header_len);
    let mut found = None;
    for (ty, inner_header) in types {
        let a = attrs.find(|a| a.as_ref().is_ok_and(|a| a.ty() == *ty))?.ok()?;
        found = Some(a.offset());
        let body = a.payload().get(*inner_header..)?;
        attrs = nlattr::Attrs::new(body, a.payload_offset() + inner_header);
    }
    found.and_then(|o| u32::try_from(o).ok())
}

/// Rewrites the sequence number and port id of every message in `datagram` (a captured
/// reply replayed against another socket).
pub fn retarget(datagram: &[u8], seq: u32, pid: u32) -> Vec<u8> {
    let mut out = datagram.to_vec();
    let offsets: Vec<usize> = nlattr::messages(datagram).filter_map(Result::ok).map(|m| m.offset).collect();
    for o in offsets {
        out[o + 8..o + 12].copy_from_slice(&seq.to_ne_bytes());
        out[o + 12..o + 16].copy_from_slice(&pid.to_ne_bytes());
    }
    out
}

/// A veth whose peer's name is longer than `IFNAMSIZ - 1`: fails the kernel's policy
/// inside `IFLA_LINKINFO / IFLA_INFO_DATA / VETH_INFO_PEER`.
pub fn bad_peer_name_request() -> Vec<u8> {
    let peer = LinkSpec::named("peer-name-much-too-long");
    LinkSpec { kind: Some("veth"), peer: Some(Box::new(peer)), ..LinkSpec::named("rec2") }.bytes()
}

/// Runs `body` on a thread inside a new network namespace of its own, which disappears
/// with the thread. Returns `None` (after printing `skipped: ...`) without the privilege.
pub fn in_netns<T: Send + 'static>(test: &str, body: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let h = std::thread::spawn(move || match nlsock::netns::unshare_thread() {
        Ok(()) => Some(body()),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EPERM) | Some(libc::EACCES)) => None,
        Err(e) => panic!("unshare(CLONE_NEWNET): {e}"),
    });
    match h.join() {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            println!("skipped: {test}: unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN");
            None
        }
        Err(p) => std::panic::resume_unwind(p),
    }
}

/// A link request written with the derive, as a user would: the fields the tests use.
#[derive(nlattr::NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct DLink<'a> {
    #[nla(header)]
    pub hdr: IfInfoMsg,
    #[nla(type = IFLA_IFNAME, max_len = 15)]
    pub name: Option<&'a str>,
    #[nla(type = IFLA_MTU)]
    pub mtu: Option<u32>,
    #[nla(type = IFLA_LINKINFO, nested)]
    pub link_info: Option<DLinkInfo<'a>>,
    #[nla(unknown)]
    pub rest: Vec<nlattr::Attr<'a>>,
}

/// `IFLA_LINKINFO`, derived.
#[derive(nlattr::NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct DLinkInfo<'a> {
    #[nla(type = IFLA_INFO_KIND)]
    pub kind: Option<&'a str>,
    #[nla(type = IFLA_INFO_DATA, submsg(selector = kind))]
    pub data: Option<DLinkData<'a>>,
}

/// `IFLA_INFO_DATA`, chosen by the kind.
#[derive(nlattr::NlSubMsg, Debug, Clone, PartialEq)]
pub enum DLinkData<'a> {
    #[nla(select = "veth")]
    Veth(DVeth<'a>),
    #[nla(other)]
    Other(&'a [u8]),
}

/// The veth's data: its peer.
#[derive(nlattr::NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct DVeth<'a> {
    #[nla(type = VETH_INFO_PEER, nested)]
    pub peer: Option<DPeer<'a>>,
}

/// The veth peer: a header inside an attribute, then link attributes.
#[derive(nlattr::NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct DPeer<'a> {
    #[nla(header)]
    pub hdr: IfInfoMsg,
    #[nla(type = IFLA_IFNAME, max_len = 15)]
    pub name: Option<&'a str>,
    #[nla(type = IFLA_MTU)]
    pub mtu: Option<u32>,
    #[nla(unknown)]
    pub rest: Vec<nlattr::Attr<'a>>,
}

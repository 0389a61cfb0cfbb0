//! Encode cases: 10,000 `RTM_NEWROUTE` requests with metrics, and 10,000
//! `CTRL_CMD_GETFAMILY` requests. Every contender writes each request, one at a time, into
//! a buffer it reuses (the way a socket sends them), except `nlattr-borrowed-vec`, which
//! asks for a fresh `Vec` per message. `nlattr-borrowed` encodes the ready-made `Route`;
//! `nlattr-derived` a request type derived here with only the attributes sent ([`AddRoute`]).
//! Before timing, [`verify`] checks that all contenders wrote the same bytes.

use std::ffi::CString;
use std::hint::black_box;
use std::io::Cursor;
use std::net::{IpAddr, Ipv4Addr};

use nlattr::consts::{
    AF_INET, GENL_ID_CTRL, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, RTM_NEWROUTE,
};
use nlattr::families::ctrl::GetFamily;
use nlattr::families::route::route::{
    Metrics, Route, RTAX_ADVMSS, RTAX_MTU, RTA_DST, RTA_GATEWAY, RTA_METRICS, RTA_OIF, RTA_PRIORITY,
    RTN_UNICAST, RT_TABLE_MAIN,
};
use nlattr::header::{GenlMsgHdr, RtMsg};
use nlattr::{AttrSet, Writer};

use crate::owned::{MetricsOwned, RouteOwned};

/// Requests per encode case.
pub const REQUESTS: usize = 10_000;
/// `RTPROT_STATIC`.
const RTPROT_STATIC: u8 = 4;
/// The flags of every route request.
pub const ROUTE_FLAGS: u16 = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
/// The flags of every family request.
pub const GENL_FLAGS: u16 = NLM_F_REQUEST | NLM_F_ACK;
/// The `genlmsghdr.version` every family request carries.
pub const CTRL_VERSION: u8 = 2;

/// One route to add.
#[derive(Debug, Clone, Copy)]
pub struct RouteSpec {
    /// Destination `/24`.
    pub dst: Ipv4Addr,
    /// Gateway.
    pub gateway: Ipv4Addr,
    /// Output interface.
    pub oif: u32,
    /// `RTA_PRIORITY`.
    pub priority: u32,
    /// `RTAX_MTU`.
    pub mtu: u32,
    /// `RTAX_ADVMSS`.
    pub advmss: u32,
}

/// The inputs of both encode cases.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The routes.
    pub routes: Vec<RouteSpec>,
    /// The family names asked for (as `&str`, and NUL-terminated for the crates that want it).
    pub names: Vec<(String, CString)>,
}

impl Inputs {
    /// [`REQUESTS`] routes and as many family names (cycling through real ones).
    #[must_use]
    pub fn new() -> Self {
        let routes = (0..REQUESTS)
            .map(|i| RouteSpec {
                dst: Ipv4Addr::new(11, (i / 256) as u8, (i % 256) as u8, 0),
                gateway: Ipv4Addr::new(10, 0, 0, 2 + (i % 8) as u8),
                oif: 2 + (i % 4) as u32,
                priority: 100 + (i % 50) as u32,
                mtu: 1400 + (i % 100) as u32,
                advmss: 1360,
            })
            .collect();
        let base = ["nlctrl", "ethtool", "devlink", "nl80211", "wireguard", "team", "mptcp_pm", "netdev"];
        let names = (0..REQUESTS)
            .map(|i| {
                let n = base[i % base.len()];
                (n.to_owned(), CString::new(n).unwrap_or_default())
            })
            .collect();
        Self { routes, names }
    }
}

impl Default for Inputs {
    fn default() -> Self {
        Self::new()
    }
}

/// Receives each encoded message.
pub trait Out {
    /// One message's bytes.
    fn message(&mut self, bytes: &[u8]);
}

/// Keeps copies, for comparison.
#[derive(Debug, Default)]
pub struct Keep(pub Vec<Vec<u8>>);

impl Out for Keep {
    fn message(&mut self, bytes: &[u8]) {
        self.0.push(bytes.to_vec());
    }
}

/// Only `black_box`es the bytes.
#[derive(Debug, Default)]
pub struct Discard;

impl Out for Discard {
    #[inline]
    fn message(&mut self, bytes: &[u8]) {
        black_box(bytes);
    }
}

/// An encode contender: inputs, the reused buffer, the output.
pub type EncodeFn<O> = fn(&Inputs, &mut Vec<u8>, &mut O) -> Result<usize, String>;

/// One encode contender, for both outputs.
#[derive(Clone, Copy)]
pub struct Contender {
    /// Its name in the results.
    pub name: &'static str,
    /// Keeping the bytes.
    pub verify: EncodeFn<Keep>,
    /// For timing.
    pub time: EncodeFn<Discard>,
}

impl std::fmt::Debug for Contender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

macro_rules! contender {
    ($name:literal, $f:ident) => {
        Contender { name: $name, verify: $f::<Keep>, time: $f::<Discard> }
    };
}

/// The contenders of encode case `case` (`route` or `genl_getfamily`).
#[must_use]
pub fn contenders(case: &str) -> Vec<Contender> {
    if case == "route" {
        vec![
            contender!("floor", route_floor),
            contender!("floor+value", route_floor_value),
            contender!("nlattr-borrowed", route_nlattr),
            contender!("nlattr-borrowed-vec", route_nlattr_vec),
            contender!("nlattr-owned", route_nlattr_owned),
            contender!("nlattr-derived", route_nlattr_derived),
            contender!("netlink-bindings", route_bindings),
            contender!("netlink-packet-route", route_npr),
            contender!("neli", route_neli),
        ]
    } else {
        vec![
            contender!("floor", genl_floor),
            contender!("nlattr-borrowed", genl_nlattr),
            contender!("nlattr-borrowed-vec", genl_nlattr_vec),
            contender!("netlink-bindings", genl_bindings),
            contender!("netlink-packet-generic", genl_npg),
            contender!("neli", genl_neli),
        ]
    }
}

/// The bytes compared: the kernel reads `NLA_F_NESTED` on `RTA_METRICS` either way and
/// some crates set it, so it is cleared on top-level attributes after `header_len` bytes;
/// the `genlmsghdr.version` byte is compared separately by the kernel per family, and
/// netlink-bindings always writes 1, so it is cleared too.
fn canonical(msg: &[u8], header_len: usize, genl: bool) -> Vec<u8> {
    let mut m = msg.to_vec();
    if genl && m.len() > 17 {
        m[17] = 0;
    }
    let mut pos = 16 + header_len;
    while pos + 4 <= m.len() {
        let len = usize::from(u16::from_ne_bytes([m[pos], m[pos + 1]]));
        m[pos + 3] &= 0x7f;
        if len < 4 {
            break;
        }
        pos += (len + 3) & !3;
    }
    m
}

/// Runs every contender of `case` and checks they all wrote the same messages as the floor.
///
/// # Errors
/// An encoder failing, or a difference, described.
pub fn verify(case: &str, inputs: &Inputs) -> Result<usize, String> {
    let (header_len, genl) = if case == "route" { (12, false) } else { (4, true) };
    let mut reference: Option<(&'static str, Vec<Vec<u8>>)> = None;
    for c in contenders(case) {
        let mut keep = Keep::default();
        let mut buf = Vec::new();
        let n = (c.verify)(inputs, &mut buf, &mut keep).map_err(|e| format!("{case}: {}: {e}", c.name))?;
        if n != REQUESTS || keep.0.len() != REQUESTS {
            return Err(format!("{case}: {}: {n} messages, {} kept", c.name, keep.0.len()));
        }
        let canon: Vec<Vec<u8>> = keep.0.iter().map(|m| canonical(m, header_len, genl)).collect();
        match &reference {
            None => reference = Some((c.name, canon)),
            Some((rname, r)) => {
                if let Some(i) = (0..n).find(|&i| r[i] != canon[i]) {
                    return Err(format!(
                        "{case}: message {i} differs:\n  {rname}: {:02x?}\n  {}: {:02x?}",
                        r[i], c.name, canon[i]
                    ));
                }
            }
        }
    }
    Ok(REQUESTS)
}

fn seq(i: usize) -> u32 {
    (i as u32).wrapping_add(1)
}

// ---------------------------------------------------------------------------------------
// The floor: raw byte pushes.

#[inline]
fn push_attr(buf: &mut Vec<u8>, ty: u16, payload: &[u8]) {
    buf.extend_from_slice(&((4 + payload.len()) as u16).to_ne_bytes());
    buf.extend_from_slice(&ty.to_ne_bytes());
    buf.extend_from_slice(payload);
    buf.resize((buf.len() + 3) & !3, 0);
}

#[inline]
fn push_nlmsghdr(buf: &mut Vec<u8>, ty: u16, flags: u16, seq: u32) {
    buf.extend_from_slice(&[0; 4]);
    buf.extend_from_slice(&ty.to_ne_bytes());
    buf.extend_from_slice(&flags.to_ne_bytes());
    buf.extend_from_slice(&seq.to_ne_bytes());
    buf.extend_from_slice(&0u32.to_ne_bytes());
}

#[inline]
fn set_len(buf: &mut [u8]) {
    let len = (buf.len() as u32).to_ne_bytes();
    buf[..4].copy_from_slice(&len);
}

/// Request `i` for route `r`, by raw byte pushes, into `buf` (cleared first).
#[inline(always)]
fn route_floor_message(buf: &mut Vec<u8>, i: usize, r: &RouteSpec) {
    buf.clear();
    push_nlmsghdr(buf, RTM_NEWROUTE, ROUTE_FLAGS, seq(i));
    buf.extend_from_slice(&[AF_INET, 24, 0, 0, RT_TABLE_MAIN, RTPROT_STATIC, 0, RTN_UNICAST, 0, 0, 0, 0]);
    push_attr(buf, RTA_DST, &r.dst.octets());
    buf.extend_from_slice(&20u16.to_ne_bytes());
    buf.extend_from_slice(&RTA_METRICS.to_ne_bytes());
    push_attr(buf, RTAX_MTU, &r.mtu.to_ne_bytes());
    push_attr(buf, RTAX_ADVMSS, &r.advmss.to_ne_bytes());
    push_attr(buf, RTA_PRIORITY, &r.priority.to_ne_bytes());
    push_attr(buf, RTA_GATEWAY, &r.gateway.octets());
    push_attr(buf, RTA_OIF, &r.oif.to_ne_bytes());
    set_len(buf);
}

fn route_floor<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, r) in inp.routes.iter().enumerate() {
        route_floor_message(buf, i, r);
        out.message(buf);
    }
    Ok(inp.routes.len())
}

/// The floor's bytes, after building (and `black_box`ing) the `Route` value that
/// `nlattr-borrowed` encodes: how much of nlattr's time is the value rather than the writing.
fn route_floor_value<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, r) in inp.routes.iter().enumerate() {
        black_box(&route_value(r));
        route_floor_message(buf, i, r);
        out.message(buf);
    }
    Ok(inp.routes.len())
}

fn genl_floor<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, (name, _)) in inp.names.iter().enumerate() {
        buf.clear();
        push_nlmsghdr(buf, GENL_ID_CTRL, GENL_FLAGS, seq(i));
        buf.extend_from_slice(&[nlattr::consts::CTRL_CMD_GETFAMILY, CTRL_VERSION, 0, 0]);
        buf.extend_from_slice(&((5 + name.len()) as u16).to_ne_bytes());
        buf.extend_from_slice(&nlattr::consts::CTRL_ATTR_FAMILY_NAME.to_ne_bytes());
        buf.extend_from_slice(name.as_bytes());
        buf.push(0);
        buf.resize((buf.len() + 3) & !3, 0);
        set_len(buf);
        out.message(buf);
    }
    Ok(inp.names.len())
}

// ---------------------------------------------------------------------------------------
// nlattr: the ready-made definitions, into the reused buffer or a fresh `Vec`.

fn rtmsg() -> RtMsg {
    RtMsg {
        family: AF_INET,
        dst_len: 24,
        table: RT_TABLE_MAIN,
        protocol: RTPROT_STATIC,
        ty: RTN_UNICAST,
        ..Default::default()
    }
}

#[inline]
fn route_value(r: &RouteSpec) -> Route<'static> {
    Route {
        hdr: rtmsg(),
        dst: Some(IpAddr::V4(r.dst)),
        metrics: Some(Metrics { mtu: Some(r.mtu), advmss: Some(r.advmss), ..Default::default() }),
        priority: Some(r.priority),
        gateway: Some(IpAddr::V4(r.gateway)),
        oif: Some(r.oif),
        ..Default::default()
    }
}

fn route_nlattr<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, r) in inp.routes.iter().enumerate() {
        buf.clear();
        let mut w = Writer::new(buf);
        route_value(r)
            .encode_message(&mut w, RTM_NEWROUTE, ROUTE_FLAGS, seq(i), 0)
            .map_err(|e| e.to_string())?;
        out.message(buf);
    }
    Ok(inp.routes.len())
}

fn route_nlattr_vec<O: Out>(inp: &Inputs, _buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, r) in inp.routes.iter().enumerate() {
        let v =
            route_value(r).to_message_vec(RTM_NEWROUTE, ROUTE_FLAGS, seq(i), 0).map_err(|e| e.to_string())?;
        out.message(&v);
    }
    Ok(inp.routes.len())
}

fn route_nlattr_owned<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, r) in inp.routes.iter().enumerate() {
        buf.clear();
        let v = RouteOwned {
            hdr: rtmsg(),
            dst: Some(IpAddr::V4(r.dst)),
            metrics: Some(MetricsOwned { mtu: Some(r.mtu), advmss: Some(r.advmss), ..Default::default() }),
            priority: Some(r.priority),
            gateway: Some(IpAddr::V4(r.gateway)),
            oif: Some(r.oif),
            ..Default::default()
        };
        let mut w = Writer::new(buf);
        v.encode_message(&mut w, RTM_NEWROUTE, ROUTE_FLAGS, seq(i), 0).map_err(|e| e.to_string())?;
        out.message(buf);
    }
    Ok(inp.routes.len())
}

/// A route request as a caller writes it with the derive: the attributes it sends, each
/// required, in the order the ready-made [`Route`] writes them.
#[derive(nlattr::NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddRoute {
    /// `struct rtmsg`.
    #[nla(header)]
    pub hdr: RtMsg,
    /// `RTA_DST`.
    #[nla(type = RTA_DST)]
    pub dst: Ipv4Addr,
    /// `RTA_METRICS` (not flagged nested, as the kernel writes it).
    #[nla(type = RTA_METRICS, nested(no_flag))]
    pub metrics: AddRouteMetrics,
    /// `RTA_PRIORITY`.
    #[nla(type = RTA_PRIORITY)]
    pub priority: u32,
    /// `RTA_GATEWAY`.
    #[nla(type = RTA_GATEWAY)]
    pub gateway: Ipv4Addr,
    /// `RTA_OIF`.
    #[nla(type = RTA_OIF)]
    pub oif: u32,
}

/// The metrics [`AddRoute`] sets.
#[derive(nlattr::NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddRouteMetrics {
    /// `RTAX_MTU`.
    #[nla(type = RTAX_MTU)]
    pub mtu: u32,
    /// `RTAX_ADVMSS`.
    #[nla(type = RTAX_ADVMSS)]
    pub advmss: u32,
}

fn route_nlattr_derived<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, r) in inp.routes.iter().enumerate() {
        buf.clear();
        let v = AddRoute {
            hdr: rtmsg(),
            dst: r.dst,
            metrics: AddRouteMetrics { mtu: r.mtu, advmss: r.advmss },
            priority: r.priority,
            gateway: r.gateway,
            oif: r.oif,
        };
        let mut w = Writer::new(buf);
        v.encode_message(&mut w, RTM_NEWROUTE, ROUTE_FLAGS, seq(i), 0).map_err(|e| e.to_string())?;
        out.message(buf);
    }
    Ok(inp.routes.len())
}

fn getfamily(name: &str) -> GetFamily<'_> {
    GetFamily {
        hdr: GenlMsgHdr { cmd: nlattr::consts::CTRL_CMD_GETFAMILY, version: CTRL_VERSION, reserved: 0 },
        id: None,
        name: Some(name),
    }
}

fn genl_nlattr<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, (name, _)) in inp.names.iter().enumerate() {
        buf.clear();
        let mut w = Writer::new(buf);
        getfamily(name)
            .encode_message(&mut w, GENL_ID_CTRL, GENL_FLAGS, seq(i), 0)
            .map_err(|e| e.to_string())?;
        out.message(buf);
    }
    Ok(inp.names.len())
}

fn genl_nlattr_vec<O: Out>(inp: &Inputs, _buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    for (i, (name, _)) in inp.names.iter().enumerate() {
        let v =
            getfamily(name).to_message_vec(GENL_ID_CTRL, GENL_FLAGS, seq(i), 0).map_err(|e| e.to_string())?;
        out.message(&v);
    }
    Ok(inp.names.len())
}

// ---------------------------------------------------------------------------------------
// netlink-bindings: its builders (`encode_request`), after a 16-byte header placeholder that
// its socket crate fills the same way.

fn route_bindings<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    use netlink_bindings::rt_route::{OpNewrouteDo, Rtmsg};
    let hdr = Rtmsg {
        rtm_family: AF_INET,
        rtm_dst_len: 24,
        rtm_table: RT_TABLE_MAIN,
        rtm_protocol: RTPROT_STATIC,
        rtm_type: RTN_UNICAST,
        ..Default::default()
    };
    for (i, r) in inp.routes.iter().enumerate() {
        buf.clear();
        push_nlmsghdr(buf, RTM_NEWROUTE, ROUTE_FLAGS, seq(i));
        OpNewrouteDo::encode_request(buf, &hdr)
            .push_dst(IpAddr::V4(r.dst))
            .nested_metrics()
            .push_mtu(r.mtu)
            .push_advmss(r.advmss)
            .end_nested()
            .push_priority(r.priority)
            .push_gateway(IpAddr::V4(r.gateway))
            .push_oif(r.oif);
        netlink_bindings::utils::align(buf);
        set_len(buf);
        out.message(buf);
    }
    Ok(inp.routes.len())
}

fn genl_bindings<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    use netlink_bindings::nlctrl::OpGetfamilyDo;
    for (i, (_, cname)) in inp.names.iter().enumerate() {
        buf.clear();
        push_nlmsghdr(buf, GENL_ID_CTRL, GENL_FLAGS, seq(i));
        OpGetfamilyDo::encode_request(buf).push_family_name(cname);
        // Its request chain pads the message before writing the header, as here.
        netlink_bindings::utils::align(buf);
        set_len(buf);
        out.message(buf);
    }
    Ok(inp.names.len())
}

// ---------------------------------------------------------------------------------------
// netlink-packet-route / netlink-packet-generic: build the message value, `finalize`, then
// `serialize` into the reused buffer.

fn route_npr<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    use netlink_packet_core::{NetlinkHeader, NetlinkMessage, NetlinkPayload};
    use netlink_packet_route::route::{
        RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteMetric, RouteProtocol, RouteScope,
        RouteType,
    };
    use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
    for (i, r) in inp.routes.iter().enumerate() {
        let mut rm = RouteMessage::default();
        rm.header = RouteHeader {
            address_family: AddressFamily::Inet,
            destination_prefix_length: 24,
            table: RT_TABLE_MAIN,
            protocol: RouteProtocol::Static,
            scope: RouteScope::Universe,
            kind: RouteType::Unicast,
            ..Default::default()
        };
        rm.attributes = vec![
            RouteAttribute::Destination(RouteAddress::Inet(r.dst)),
            RouteAttribute::Metrics(vec![RouteMetric::Mtu(r.mtu), RouteMetric::Advmss(r.advmss)]),
            RouteAttribute::Priority(r.priority),
            RouteAttribute::Gateway(RouteAddress::Inet(r.gateway)),
            RouteAttribute::Oif(r.oif),
        ];
        let mut h = NetlinkHeader::default();
        h.flags = ROUTE_FLAGS;
        h.sequence_number = seq(i);
        let mut m = NetlinkMessage::new(h, NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewRoute(rm)));
        m.finalize();
        buf.clear();
        buf.resize(m.buffer_len(), 0);
        m.serialize(buf);
        out.message(buf);
    }
    Ok(inp.routes.len())
}

fn genl_npg<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    use netlink_packet_core_08::{NetlinkHeader, NetlinkMessage, NetlinkPayload};
    use netlink_packet_generic::ctrl::nlas::GenlCtrlAttrs;
    use netlink_packet_generic::ctrl::{GenlCtrl, GenlCtrlCmd};
    use netlink_packet_generic::GenlMessage;
    for (i, (name, _)) in inp.names.iter().enumerate() {
        let ctrl =
            GenlCtrl { cmd: GenlCtrlCmd::GetFamily, nlas: vec![GenlCtrlAttrs::FamilyName(name.clone())] };
        let mut h = NetlinkHeader::default();
        h.flags = GENL_FLAGS;
        h.sequence_number = seq(i);
        let mut m = NetlinkMessage::new(h, NetlinkPayload::InnerMessage(GenlMessage::from_payload(ctrl)));
        m.finalize();
        buf.clear();
        buf.resize(m.buffer_len(), 0);
        m.serialize(buf);
        out.message(buf);
    }
    Ok(inp.names.len())
}

// ---------------------------------------------------------------------------------------
// neli: its builders, then `ToBytes` into the reused buffer.

fn route_neli<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    use neli::consts::nl::NlmF;
    use neli::consts::rtnl::{RtAddrFamily, RtScope, RtTable, Rta, Rtm, RtmF, Rtn, Rtprot};
    use neli::nl::{NlPayload, NlmsghdrBuilder};
    use neli::rtnl::{RtattrBuilder, RtmsgBuilder};
    use neli::types::{Buffer, RtBuffer};
    let e = |e: &dyn std::fmt::Display| e.to_string();
    for (i, r) in inp.routes.iter().enumerate() {
        let attr = |ty: Rta, p: &[u8]| {
            RtattrBuilder::default().rta_type(ty).rta_payload(Buffer::from(p)).build().map_err(|x| e(&x))
        };
        let metric =
            |ty: u16, v: u32| RtattrBuilder::default().rta_type(ty).rta_payload(v).build().map_err(|x| e(&x));
        let metrics = RtattrBuilder::default()
            .rta_type(Rta::Metrics)
            .rta_payload(Buffer::new())
            .build()
            .map_err(|x| e(&x))?
            .nest(&metric(RTAX_MTU, r.mtu)?)
            .map_err(|x| e(&x))?
            .nest(&metric(RTAX_ADVMSS, r.advmss)?)
            .map_err(|x| e(&x))?;
        let mut attrs = RtBuffer::new();
        attrs.push(attr(Rta::Dst, &r.dst.octets())?);
        attrs.push(metrics);
        attrs.push(attr(Rta::Priority, &r.priority.to_ne_bytes())?);
        attrs.push(attr(Rta::Gateway, &r.gateway.octets())?);
        attrs.push(attr(Rta::Oif, &r.oif.to_ne_bytes())?);
        let rtmsg = RtmsgBuilder::default()
            .rtm_family(RtAddrFamily::Inet)
            .rtm_dst_len(24)
            .rtm_src_len(0)
            .rtm_tos(0)
            .rtm_table(RtTable::Main)
            .rtm_protocol(Rtprot::Static)
            .rtm_scope(RtScope::Universe)
            .rtm_type(Rtn::Unicast)
            .rtm_flags(RtmF::empty())
            .rtattrs(attrs)
            .build()
            .map_err(|x| e(&x))?;
        let msg = NlmsghdrBuilder::default()
            .nl_type(Rtm::Newroute)
            .nl_flags(NlmF::from_bits_retain(ROUTE_FLAGS))
            .nl_seq(seq(i))
            .nl_pid(0)
            .nl_payload(NlPayload::Payload(rtmsg))
            .build()
            .map_err(|x| e(&x))?;
        neli_write(&msg, buf)?;
        out.message(buf);
    }
    Ok(inp.routes.len())
}

/// Writes a neli message over `buf`, reusing its allocation.
fn neli_write<T: neli::ToBytes>(msg: &T, buf: &mut Vec<u8>) -> Result<(), String> {
    buf.clear();
    let mut c = Cursor::new(std::mem::take(buf));
    msg.to_bytes(&mut c).map_err(|x| x.to_string())?;
    *buf = c.into_inner();
    Ok(())
}

fn genl_neli<O: Out>(inp: &Inputs, buf: &mut Vec<u8>, out: &mut O) -> Result<usize, String> {
    use neli::consts::genl::{CtrlAttr, CtrlCmd};
    use neli::consts::nl::{GenlId, NlmF};
    use neli::genl::{AttrTypeBuilder, GenlmsghdrBuilder, NlattrBuilder};
    use neli::nl::{NlPayload, NlmsghdrBuilder};
    use neli::types::GenlBuffer;
    let e = |e: &dyn std::fmt::Display| e.to_string();
    for (i, (name, _)) in inp.names.iter().enumerate() {
        let mut attrs = GenlBuffer::new();
        attrs.push(
            NlattrBuilder::default()
                .nla_type(
                    AttrTypeBuilder::default().nla_type(CtrlAttr::FamilyName).build().map_err(|x| e(&x))?,
                )
                .nla_payload(name.as_str())
                .build()
                .map_err(|x| e(&x))?,
        );
        let g = GenlmsghdrBuilder::default()
            .cmd(CtrlCmd::Getfamily)
            .version(CTRL_VERSION)
            .attrs(attrs)
            .build()
            .map_err(|x| e(&x))?;
        let msg = NlmsghdrBuilder::default()
            .nl_type(GenlId::Ctrl)
            .nl_flags(NlmF::from_bits_retain(GENL_FLAGS))
            .nl_seq(seq(i))
            .nl_pid(0)
            .nl_payload(NlPayload::Payload(g))
            .build()
            .map_err(|x| e(&x))?;
        neli_write(&msg, buf)?;
        out.message(buf);
    }
    Ok(inp.names.len())
}

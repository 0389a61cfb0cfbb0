//! Decode cases: every contender reads the same datagrams and reports the same samples.
//!
//! A contender is a function `fn(&Fixture, &mut S) -> Result<usize, String>` generic over a
//! [`Sink`]: the verifying sink collects the samples for comparison, the timing sink only
//! passes them through [`std::hint::black_box`] so that nothing is optimised away and nothing
//! allocates. The returned count is the number of object messages (routes, links, families)
//! read; control messages (`NLMSG_DONE`) are skipped by everyone.

use std::hint::black_box;
use std::io::Cursor;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use nlattr::consts::{
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_ID,
    CTRL_ATTR_OPS, CTRL_ATTR_OP_ID, CTRL_ATTR_VERSION, GENL_ID_CTRL, NLA_TYPE_MASK, RTM_NEWLINK,
    RTM_NEWROUTE,
};
use nlattr::families::ctrl::Family;
use nlattr::families::route::link::{
    Link, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_INFO_SLAVE_DATA, IFLA_LINKINFO, IFLA_MTU,
    IFLA_PROP_LIST, IFLA_STATS64, IFLA_XDP,
};
use nlattr::families::route::route::{
    Route, RTAX_MTU, RTA_DST, RTA_GATEWAY, RTA_METRICS, RTA_MULTIPATH, RTA_OIF, RTA_PRIORITY, RTA_TABLE,
};
use nlattr::DecodeInPlace;

use crate::fixtures::{frames, Fixture};
use crate::owned::{FamilyOwned, LinkOwned, RouteOwned};

/// What every route decoder reports for each route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RouteSample {
    /// `rtm_family`.
    pub family: u8,
    /// `rtm_dst_len`.
    pub dst_len: u8,
    /// `RTA_TABLE`, else the header's table.
    pub table: u32,
    /// `RTA_DST`.
    pub dst: Option<IpAddr>,
    /// `RTA_GATEWAY`.
    pub gateway: Option<IpAddr>,
    /// `RTA_OIF`.
    pub oif: Option<u32>,
    /// `RTA_PRIORITY`.
    pub priority: Option<u32>,
    /// `RTAX_MTU` inside `RTA_METRICS`.
    pub mtu: Option<u32>,
}

/// What every link decoder reports for each link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LinkSample<'a> {
    /// `ifi_index`.
    pub index: i32,
    /// `IFLA_IFNAME`.
    pub name: Option<&'a str>,
    /// `IFLA_MTU`.
    pub mtu: Option<u32>,
    /// `IFLA_INFO_KIND` inside `IFLA_LINKINFO`.
    pub kind: Option<&'a str>,
    /// `rx_packets` of `IFLA_STATS64`.
    pub rx_packets: Option<u64>,
}

/// What every generic-netlink family decoder reports for each family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GenlSample<'a> {
    /// `CTRL_ATTR_FAMILY_ID`.
    pub id: u16,
    /// `CTRL_ATTR_FAMILY_NAME`.
    pub name: &'a str,
    /// `CTRL_ATTR_VERSION`.
    pub version: Option<u32>,
    /// Number of `CTRL_ATTR_OPS` entries.
    pub ops: u32,
    /// Sum of the operation ids.
    pub op_id_sum: u32,
    /// Number of `CTRL_ATTR_MCAST_GROUPS` entries.
    pub groups: u32,
    /// Sum of the group ids.
    pub group_id_sum: u32,
}

/// Receives the samples.
pub trait Sink {
    /// One route.
    fn route(&mut self, s: &RouteSample);
    /// One link.
    fn link(&mut self, s: &LinkSample<'_>);
    /// One family.
    fn genl(&mut self, s: &GenlSample<'_>);
}

/// Keeps every sample as its `Debug` text, for comparison.
#[derive(Debug, Default)]
pub struct Collect(pub Vec<String>);

impl Sink for Collect {
    fn route(&mut self, s: &RouteSample) {
        self.0.push(format!("{s:?}"));
    }
    fn link(&mut self, s: &LinkSample<'_>) {
        self.0.push(format!("{s:?}"));
    }
    fn genl(&mut self, s: &GenlSample<'_>) {
        self.0.push(format!("{s:?}"));
    }
}

/// Passes every sample through `black_box`; allocates nothing.
#[derive(Debug, Default)]
pub struct Blackhole;

impl Sink for Blackhole {
    #[inline]
    fn route(&mut self, s: &RouteSample) {
        black_box(s);
    }
    #[inline]
    fn link(&mut self, s: &LinkSample<'_>) {
        black_box(s);
    }
    #[inline]
    fn genl(&mut self, s: &GenlSample<'_>) {
        black_box(s);
    }
}

/// A decode contender.
pub type DecodeFn<S> = fn(&Fixture, &mut S) -> Result<usize, String>;

/// One contender of a decode case, instantiated for both sinks.
#[derive(Clone, Copy)]
pub struct Contender {
    /// Its name in the results (`floor`, `nlattr-borrowed`, ...).
    pub name: &'static str,
    /// Collecting the samples.
    pub verify: DecodeFn<Collect>,
    /// For timing.
    pub time: DecodeFn<Blackhole>,
}

impl std::fmt::Debug for Contender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

macro_rules! contender {
    ($name:literal, $f:ident) => {
        Contender { name: $name, verify: $f::<Collect>, time: $f::<Blackhole> }
    };
}

/// The contenders for fixture `name` (`route_v4`, `route_v6`, `link`, `genl_family`).
#[must_use]
pub fn contenders(fixture: &str) -> Vec<Contender> {
    match fixture {
        "link" => vec![
            contender!("floor", link_floor),
            contender!("nlattr-borrowed", link_borrowed),
            contender!("nlattr-borrowed-new", link_borrowed_new),
            contender!("nlattr-owned", link_owned),
            contender!("nlattr-owned-new", link_owned_new),
            contender!("netlink-bindings", link_bindings),
            contender!("netlink-packet-route", link_npr),
            contender!("neli", link_neli),
        ],
        "genl_family" => vec![
            contender!("floor", genl_floor),
            contender!("nlattr-borrowed", genl_borrowed),
            contender!("nlattr-borrowed-new", genl_borrowed_new),
            contender!("nlattr-owned", genl_owned),
            contender!("nlattr-owned-new", genl_owned_new),
            contender!("netlink-bindings", genl_bindings),
            contender!("netlink-packet-generic", genl_npg),
            contender!("neli", genl_neli),
        ],
        _ => vec![
            contender!("floor", route_floor),
            contender!("nlattr-borrowed", route_borrowed),
            contender!("nlattr-borrowed-new", route_borrowed_new),
            contender!("nlattr-owned", route_owned),
            contender!("nlattr-owned-new", route_owned_new),
            contender!("netlink-bindings", route_bindings),
            contender!("netlink-packet-route", route_npr),
            contender!("neli", route_neli),
        ],
    }
}

/// Runs every contender on `fx` with a collecting sink and checks that all report the same
/// number of messages and the same samples as the first (the floor).
///
/// # Errors
/// A decoder failing, or any difference, described.
pub fn verify(fx: &Fixture) -> Result<usize, String> {
    let mut reference: Option<(&'static str, usize, Vec<String>)> = None;
    for c in contenders(fx.name) {
        let mut sink = Collect::default();
        let n = (c.verify)(fx, &mut sink).map_err(|e| format!("{}: {}: {e}", fx.name, c.name))?;
        if n == 0 || n != sink.0.len() {
            return Err(format!("{}: {}: {n} messages but {} samples", fx.name, c.name, sink.0.len()));
        }
        match &reference {
            None => reference = Some((c.name, n, sink.0)),
            Some((rname, rn, rs)) => {
                if n != *rn {
                    return Err(format!("{}: {} read {n} messages, {rname} {rn}", fx.name, c.name));
                }
                if let Some(i) = (0..n).find(|&i| rs[i] != sink.0[i]) {
                    return Err(format!(
                        "{}: message {i} differs:\n  {rname}: {}\n  {}: {}",
                        fx.name, rs[i], c.name, sink.0[i]
                    ));
                }
            }
        }
    }
    Ok(reference.map_or(0, |r| r.1))
}

// ---------------------------------------------------------------------------------------
// The floor: a hand-written walk over every attribute, no library. It descends into every
// nest the ready-made definitions decode (`RTA_METRICS` and the `RTA_MULTIPATH` records;
// `IFLA_LINKINFO` with its kind's data, `IFLA_XDP`, `IFLA_PROP_LIST`; the controller's
// operations and groups), so that both sides read the same attributes; it converts only the
// sample fields.

#[inline]
fn ne_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

#[inline]
fn ne_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

#[inline]
fn ne_u64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_ne_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Calls `f(type, payload)` for every attribute of `buf`; `Err` on a bad length.
#[inline]
fn walk<'a>(buf: &'a [u8], mut f: impl FnMut(u16, &'a [u8]) -> Result<(), String>) -> Result<(), String> {
    let mut pos = 0;
    while pos + 4 <= buf.len() {
        let len = usize::from(ne_u16(buf, pos).unwrap_or(0));
        let ty = ne_u16(buf, pos + 2).unwrap_or(0) & NLA_TYPE_MASK;
        let payload = buf.get(pos + 4..pos + len).filter(|_| len >= 4).ok_or("bad attribute length")?;
        f(ty, payload)?;
        pos += (len + 3) & !3;
    }
    Ok(())
}

fn ip(p: &[u8]) -> Result<IpAddr, String> {
    match p.len() {
        4 => Ok(IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(p).map_err(|e| e.to_string())?))),
        16 => Ok(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(p).map_err(|e| e.to_string())?))),
        n => Err(format!("address of {n} bytes")),
    }
}

fn u32_of(p: &[u8]) -> Result<u32, String> {
    ne_u32(p, 0).filter(|_| p.len() == 4).ok_or_else(|| "bad u32".into())
}

/// Walks the `struct rtnexthop` records of `RTA_MULTIPATH` and every attribute after each.
#[inline]
fn nexthops(buf: &[u8]) -> Result<(), String> {
    let mut pos = 0;
    while pos < buf.len() {
        let len = usize::from(ne_u16(buf, pos).ok_or("short rtnexthop")?);
        let attrs = buf.get(pos + 8..pos + len).filter(|_| len >= 8).ok_or("bad rtnh_len")?;
        walk(attrs, |_, _| Ok(()))?;
        pos += (len + 3) & !3;
    }
    Ok(())
}

fn route_floor<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWROUTE {
                continue;
            }
            let h = msg.get(16..28).ok_or("short rtmsg")?;
            let mut s =
                RouteSample { family: h[0], dst_len: h[1], table: u32::from(h[4]), ..Default::default() };
            walk(&msg[28..], |ty, p| {
                match ty {
                    RTA_TABLE => s.table = u32_of(p)?,
                    RTA_DST => s.dst = Some(ip(p)?),
                    RTA_GATEWAY => s.gateway = Some(ip(p)?),
                    RTA_OIF => s.oif = Some(u32_of(p)?),
                    RTA_PRIORITY => s.priority = Some(u32_of(p)?),
                    RTA_METRICS => walk(p, |ty, p| {
                        if ty == RTAX_MTU {
                            s.mtu = Some(u32_of(p)?);
                        }
                        Ok(())
                    })?,
                    RTA_MULTIPATH => nexthops(p)?,
                    _ => {}
                }
                Ok(())
            })?;
            sink.route(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn link_floor<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWLINK {
                continue;
            }
            let index = ne_u32(msg, 20).ok_or("short ifinfomsg")? as i32;
            let mut s = LinkSample { index, ..Default::default() };
            walk(msg.get(32..).ok_or("short ifinfomsg")?, |ty, p| {
                match ty {
                    IFLA_IFNAME => s.name = Some(cstr(p)?),
                    IFLA_MTU => s.mtu = Some(u32_of(p)?),
                    IFLA_STATS64 => s.rx_packets = Some(ne_u64(p, 0).ok_or("short stats64")?),
                    IFLA_LINKINFO => walk(p, |ty, p| {
                        match ty {
                            IFLA_INFO_KIND => s.kind = Some(cstr(p)?),
                            IFLA_INFO_DATA | IFLA_INFO_SLAVE_DATA => walk(p, |_, _| Ok(()))?,
                            _ => {}
                        }
                        Ok(())
                    })?,
                    IFLA_XDP | IFLA_PROP_LIST => walk(p, |_, _| Ok(()))?,
                    _ => {}
                }
                Ok(())
            })?;
            sink.link(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn cstr(p: &[u8]) -> Result<&str, String> {
    let p = p.strip_suffix(&[0]).ok_or("string without NUL")?;
    std::str::from_utf8(p).map_err(|e| e.to_string())
}

fn genl_floor<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != GENL_ID_CTRL {
                continue;
            }
            let mut s = GenlSample::default();
            walk(msg.get(20..).ok_or("short genlmsghdr")?, |ty, p| {
                match ty {
                    CTRL_ATTR_FAMILY_ID => s.id = ne_u16(p, 0).ok_or("bad u16")?,
                    CTRL_ATTR_FAMILY_NAME => s.name = cstr(p)?,
                    CTRL_ATTR_VERSION => s.version = Some(u32_of(p)?),
                    CTRL_ATTR_OPS => walk(p, |_, op| {
                        s.ops += 1;
                        walk(op, |ty, p| {
                            if ty == CTRL_ATTR_OP_ID {
                                s.op_id_sum = s.op_id_sum.wrapping_add(u32_of(p)?);
                            }
                            Ok(())
                        })
                    })?,
                    CTRL_ATTR_MCAST_GROUPS => walk(p, |_, g| {
                        s.groups += 1;
                        walk(g, |ty, p| {
                            if ty == CTRL_ATTR_MCAST_GRP_ID {
                                s.group_id_sum = s.group_id_sum.wrapping_add(u32_of(p)?);
                            }
                            Ok(())
                        })
                    })?,
                    _ => {}
                }
                Ok(())
            })?;
            sink.genl(&s);
            n += 1;
        }
    }
    Ok(n)
}

// ---------------------------------------------------------------------------------------
// nlattr: the ready-made (borrowed) definitions, and owned ones from the same derive.

/// The fastest way to decode message after message: into one value, reused (the first
/// message decodes a new one, as a type without `Default` needs).
#[inline(always)]
fn decode_reusing<'s, 'a, T: DecodeInPlace<'a>>(
    slot: &'s mut Option<T>,
    m: &nlattr::Message<'a>,
) -> Result<&'s T, nlattr::DecodeError> {
    match slot {
        Some(v) => {
            v.decode_message_in_place(m)?;
            Ok(v)
        }
        None => Ok(slot.insert(T::decode(m.payload, m.payload_offset())?)),
    }
}

/// Every message of type `ty` decoded as a `T` and given to `report`: with `IN_PLACE`
/// into one value reused through the pass, else a new value per message (what
/// `decode_message` does).
#[inline(always)]
fn each<'f, S: Sink, T: DecodeInPlace<'f>, const IN_PLACE: bool>(
    fx: &'f Fixture,
    ty: u16,
    sink: &mut S,
    report: impl Fn(&T, &mut S),
) -> Result<usize, String> {
    let mut n = 0;
    let mut slot: Option<T> = None;
    for dg in &fx.datagrams {
        for m in nlattr::messages(dg) {
            let m = m.map_err(|e| e.to_string())?;
            if m.header.ty != ty {
                continue;
            }
            if IN_PLACE {
                report(decode_reusing(&mut slot, &m).map_err(|e| e.to_string())?, sink);
            } else {
                let v = match T::decode(m.payload, m.payload_offset()) {
                    Ok(v) => v,
                    Err(e) => return Err(e.to_string()),
                };
                report(&v, sink);
            }
            n += 1;
        }
    }
    Ok(n)
}

#[inline(always)]
fn route_sample<S: Sink>(r: &Route<'_>, sink: &mut S) {
    sink.route(&RouteSample {
        family: r.hdr.family,
        dst_len: r.hdr.dst_len,
        table: r.table_id(),
        dst: r.dst,
        gateway: r.gateway,
        oif: r.oif,
        priority: r.priority,
        mtu: r.metrics.as_ref().and_then(|m| m.mtu),
    });
}

#[inline(always)]
fn route_owned_sample<S: Sink>(r: &RouteOwned, sink: &mut S) {
    sink.route(&RouteSample {
        family: r.hdr.family,
        dst_len: r.hdr.dst_len,
        table: r.table.unwrap_or(u32::from(r.hdr.table)),
        dst: r.dst,
        gateway: r.gateway,
        oif: r.oif,
        priority: r.priority,
        mtu: r.metrics.as_ref().and_then(|m| m.mtu),
    });
}

#[inline(always)]
fn link_sample<S: Sink>(l: &Link<'_>, sink: &mut S) {
    sink.link(&LinkSample {
        index: l.hdr.index,
        name: l.ifname,
        mtu: l.mtu,
        kind: l.kind(),
        rx_packets: l.stats64.map(|s| s.rx_packets),
    });
}

#[inline(always)]
fn link_owned_sample<S: Sink>(l: &LinkOwned, sink: &mut S) {
    sink.link(&LinkSample {
        index: l.hdr.index,
        name: l.ifname.as_deref(),
        mtu: l.mtu,
        kind: l.linkinfo.as_ref().and_then(|i| i.kind.as_deref()),
        rx_packets: l.stats64.map(|s| s.rx_packets),
    });
}

#[inline(always)]
fn genl_sample<S: Sink>(f: &Family<'_>, sink: &mut S) {
    sink.genl(&GenlSample {
        id: f.id,
        name: f.name,
        version: f.version,
        ops: f.ops.len() as u32,
        op_id_sum: f.ops.iter().fold(0u32, |a, o| a.wrapping_add(o.id)),
        groups: f.mcast_groups.len() as u32,
        group_id_sum: f.mcast_groups.iter().fold(0u32, |a, g| a.wrapping_add(g.id)),
    });
}

#[inline(always)]
fn genl_owned_sample<S: Sink>(f: &FamilyOwned, sink: &mut S) {
    sink.genl(&GenlSample {
        id: f.id,
        name: &f.name,
        version: f.version,
        ops: f.ops.len() as u32,
        op_id_sum: f.ops.iter().fold(0u32, |a, o| a.wrapping_add(o.id)),
        groups: f.mcast_groups.len() as u32,
        group_id_sum: f.mcast_groups.iter().fold(0u32, |a, g| a.wrapping_add(g.id)),
    });
}

fn route_borrowed<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, Route<'_>, true>(fx, RTM_NEWROUTE, sink, route_sample)
}

fn route_borrowed_new<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, Route<'_>, false>(fx, RTM_NEWROUTE, sink, route_sample)
}

fn route_owned<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, RouteOwned, true>(fx, RTM_NEWROUTE, sink, route_owned_sample)
}

fn route_owned_new<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, RouteOwned, false>(fx, RTM_NEWROUTE, sink, route_owned_sample)
}

fn link_borrowed<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, Link<'_>, true>(fx, RTM_NEWLINK, sink, link_sample)
}

fn link_borrowed_new<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, Link<'_>, false>(fx, RTM_NEWLINK, sink, link_sample)
}

fn link_owned<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, LinkOwned, true>(fx, RTM_NEWLINK, sink, link_owned_sample)
}

fn link_owned_new<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, LinkOwned, false>(fx, RTM_NEWLINK, sink, link_owned_sample)
}

fn genl_borrowed<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, Family<'_>, true>(fx, GENL_ID_CTRL, sink, genl_sample)
}

fn genl_borrowed_new<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, Family<'_>, false>(fx, GENL_ID_CTRL, sink, genl_sample)
}

fn genl_owned<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, FamilyOwned, true>(fx, GENL_ID_CTRL, sink, genl_owned_sample)
}

fn genl_owned_new<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    each::<S, FamilyOwned, false>(fx, GENL_ID_CTRL, sink, genl_owned_sample)
}

// ---------------------------------------------------------------------------------------
// netlink-bindings: its lazy attribute iterators (the crate has no framing of its own; its
// socket crate splits datagrams the way `frames` does).

fn route_bindings<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use netlink_bindings::rt_route::{Metrics, RouteAttrs, Rtmsg};
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWROUTE {
                continue;
            }
            let payload = &msg[16..];
            let h = Rtmsg::new_from_slice(payload.get(..12).ok_or("short rtmsg")?).ok_or("short rtmsg")?;
            let mut s = RouteSample {
                family: h.rtm_family,
                dst_len: h.rtm_dst_len,
                table: u32::from(h.rtm_table),
                ..Default::default()
            };
            for a in RouteAttrs::new(&payload[12..]) {
                match a.map_err(|e| e.to_string())? {
                    RouteAttrs::Table(t) => s.table = t,
                    RouteAttrs::Dst(d) => s.dst = Some(d),
                    RouteAttrs::Gateway(g) => s.gateway = Some(g),
                    RouteAttrs::Oif(o) => s.oif = Some(o),
                    RouteAttrs::Priority(p) => s.priority = Some(p),
                    RouteAttrs::Metrics(it) => {
                        for m in it {
                            if let Metrics::Mtu(v) = m.map_err(|e| e.to_string())? {
                                s.mtu = Some(v);
                            }
                        }
                    }
                    other => {
                        black_box(&other);
                    }
                }
            }
            sink.route(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn link_bindings<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use netlink_bindings::rt_link::{Ifinfomsg, LinkAttrs, LinkinfoAttrs};
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWLINK {
                continue;
            }
            let payload = &msg[16..];
            let h = Ifinfomsg::new_from_slice(payload.get(..16).ok_or("short ifinfomsg")?).ok_or("short")?;
            let mut s = LinkSample { index: h.ifi_index, ..Default::default() };
            for a in LinkAttrs::new(&payload[16..]) {
                match a.map_err(|e| e.to_string())? {
                    LinkAttrs::Ifname(c) => s.name = Some(c.to_str().map_err(|e| e.to_string())?),
                    LinkAttrs::Mtu(m) => s.mtu = Some(m),
                    LinkAttrs::Stats64(st) => s.rx_packets = Some(st.rx_packets),
                    LinkAttrs::Linkinfo(it) => {
                        for i in it {
                            if let LinkinfoAttrs::Kind(k) = i.map_err(|e| e.to_string())? {
                                s.kind = Some(k.to_str().map_err(|e| e.to_string())?);
                            }
                        }
                    }
                    other => {
                        black_box(&other);
                    }
                }
            }
            sink.link(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn genl_bindings<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use netlink_bindings::nlctrl::{CtrlAttrs, McastGroupAttrs, OpAttrs};
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != GENL_ID_CTRL {
                continue;
            }
            let mut s = GenlSample::default();
            for a in CtrlAttrs::new(msg.get(20..).ok_or("short genlmsghdr")?) {
                match a.map_err(|e| e.to_string())? {
                    CtrlAttrs::FamilyId(id) => s.id = id,
                    CtrlAttrs::FamilyName(c) => s.name = c.to_str().map_err(|e| e.to_string())?,
                    CtrlAttrs::Version(v) => s.version = Some(v),
                    CtrlAttrs::Ops(ops) => {
                        for op in ops {
                            s.ops += 1;
                            for a in op.map_err(|e| e.to_string())? {
                                if let OpAttrs::Id(id) = a.map_err(|e| e.to_string())? {
                                    s.op_id_sum = s.op_id_sum.wrapping_add(id);
                                }
                            }
                        }
                    }
                    CtrlAttrs::McastGroups(groups) => {
                        for g in groups {
                            s.groups += 1;
                            for a in g.map_err(|e| e.to_string())? {
                                if let McastGroupAttrs::Id(id) = a.map_err(|e| e.to_string())? {
                                    s.group_id_sum = s.group_id_sum.wrapping_add(id);
                                }
                            }
                        }
                    }
                    other => {
                        black_box(&other);
                    }
                }
            }
            sink.genl(&s);
            n += 1;
        }
    }
    Ok(n)
}

// ---------------------------------------------------------------------------------------
// netlink-packet-route / netlink-packet-generic: `Parseable` on the message payload (their
// fastest path: it skips re-parsing the `nlmsghdr`).

fn npr_ip(a: &netlink_packet_route::route::RouteAddress) -> Option<IpAddr> {
    use netlink_packet_route::route::RouteAddress;
    match a {
        RouteAddress::Inet(v4) => Some(IpAddr::V4(*v4)),
        RouteAddress::Inet6(v6) => Some(IpAddr::V6(*v6)),
        _ => None,
    }
}

fn route_npr<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use netlink_packet_core::Parseable;
    use netlink_packet_route::route::{RouteAttribute, RouteMessage, RouteMetric};
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWROUTE {
                continue;
            }
            let r = RouteMessage::parse(&msg[16..]).map_err(|e| e.to_string())?;
            let mut s = RouteSample {
                family: u8::from(r.header.address_family),
                dst_len: r.header.destination_prefix_length,
                table: u32::from(r.header.table),
                ..Default::default()
            };
            for a in &r.attributes {
                match a {
                    RouteAttribute::Table(t) => s.table = *t,
                    RouteAttribute::Destination(d) => s.dst = npr_ip(d),
                    RouteAttribute::Gateway(g) => s.gateway = npr_ip(g),
                    RouteAttribute::Oif(o) => s.oif = Some(*o),
                    RouteAttribute::Priority(p) => s.priority = Some(*p),
                    RouteAttribute::Metrics(ms) => {
                        for m in ms {
                            if let RouteMetric::Mtu(v) = m {
                                s.mtu = Some(*v);
                            }
                        }
                    }
                    _ => {}
                }
            }
            sink.route(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn link_npr<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use netlink_packet_core::Parseable;
    use netlink_packet_route::link::{InfoKind, LinkAttribute, LinkInfo, LinkMessage};
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWLINK {
                continue;
            }
            let l = LinkMessage::parse(&msg[16..]).map_err(|e| e.to_string())?;
            let mut s = LinkSample { index: l.header.index as i32, ..Default::default() };
            for a in &l.attributes {
                match a {
                    LinkAttribute::IfName(name) => s.name = Some(name),
                    LinkAttribute::Mtu(m) => s.mtu = Some(*m),
                    LinkAttribute::Stats64(st) => s.rx_packets = Some(st.rx_packets),
                    LinkAttribute::LinkInfo(infos) => {
                        for i in infos {
                            if let LinkInfo::Kind(k) = i {
                                s.kind = Some(match k {
                                    InfoKind::Veth => "veth",
                                    InfoKind::Bridge => "bridge",
                                    InfoKind::Other(o) => o,
                                    _ => "?",
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            sink.link(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn genl_npg<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use netlink_packet_core_08::{NetlinkMessage, NetlinkPayload};
    use netlink_packet_generic::ctrl::nlas::{GenlCtrlAttrs, McastGrpAttrs, OpAttrs};
    use netlink_packet_generic::ctrl::GenlCtrl;
    use netlink_packet_generic::GenlMessage;
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != GENL_ID_CTRL {
                continue;
            }
            let m = NetlinkMessage::<GenlMessage<GenlCtrl>>::deserialize(msg).map_err(|e| e.to_string())?;
            let NetlinkPayload::InnerMessage(g) = &m.payload else {
                return Err("not a family message".into());
            };
            let mut s = GenlSample::default();
            for a in &g.payload.nlas {
                match a {
                    GenlCtrlAttrs::FamilyId(id) => s.id = *id,
                    GenlCtrlAttrs::FamilyName(name) => s.name = name,
                    GenlCtrlAttrs::Version(v) => s.version = Some(*v),
                    GenlCtrlAttrs::Ops(ops) => {
                        for op in ops {
                            s.ops += 1;
                            for a in op {
                                if let OpAttrs::Id(id) = a {
                                    s.op_id_sum = s.op_id_sum.wrapping_add(*id);
                                }
                            }
                        }
                    }
                    GenlCtrlAttrs::McastGroups(groups) => {
                        for g in groups {
                            s.groups += 1;
                            for a in g {
                                if let McastGrpAttrs::Id(id) = a {
                                    s.group_id_sum = s.group_id_sum.wrapping_add(*id);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            sink.genl(&s);
            n += 1;
        }
    }
    Ok(n)
}

// ---------------------------------------------------------------------------------------
// neli: `Nlmsghdr::from_bytes` with its rtnetlink / generic-netlink payload types.

fn route_neli<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use neli::consts::rtnl::{Rta, Rtm};
    use neli::nl::Nlmsghdr;
    use neli::rtnl::Rtmsg;
    use neli::types::Buffer;
    use neli::FromBytes;
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWROUTE {
                continue;
            }
            let m: Nlmsghdr<Rtm, Rtmsg> =
                Nlmsghdr::from_bytes(&mut Cursor::new(msg)).map_err(|e| e.to_string())?;
            let r = m.get_payload().ok_or("no payload")?;
            let mut s = RouteSample {
                family: u8::from(*r.rtm_family()),
                dst_len: *r.rtm_dst_len(),
                table: u32::from(u8::from(*r.rtm_table())),
                ..Default::default()
            };
            for a in r.rtattrs().iter() {
                let p: &Buffer = a.rta_payload();
                let p = p.as_ref();
                match a.rta_type() {
                    Rta::Table => s.table = u32_of(p)?,
                    Rta::Dst => s.dst = Some(ip(p)?),
                    Rta::Gateway => s.gateway = Some(ip(p)?),
                    Rta::Oif => s.oif = Some(u32_of(p)?),
                    Rta::Priority => s.priority = Some(u32_of(p)?),
                    Rta::Metrics => {
                        let h = a.get_attr_handle::<u16>().map_err(|e| e.to_string())?;
                        if let Some(mtu) = h.get_attribute(RTAX_MTU) {
                            s.mtu = Some(u32_of(mtu.rta_payload().as_ref())?);
                        }
                    }
                    _ => {}
                }
            }
            sink.route(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn link_neli<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use neli::consts::rtnl::{Ifla, IflaInfo, Rtm};
    use neli::nl::Nlmsghdr;
    use neli::rtnl::Ifinfomsg;
    use neli::FromBytes;
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != RTM_NEWLINK {
                continue;
            }
            let m: Nlmsghdr<Rtm, Ifinfomsg> =
                Nlmsghdr::from_bytes(&mut Cursor::new(msg)).map_err(|e| e.to_string())?;
            let l = m.get_payload().ok_or("no payload")?;
            let mut info = None;
            let mut s = LinkSample { index: *l.ifi_index(), ..Default::default() };
            for a in l.rtattrs().iter() {
                let p = a.rta_payload().as_ref();
                match a.rta_type() {
                    Ifla::Ifname => s.name = Some(cstr(p)?),
                    Ifla::Mtu => s.mtu = Some(u32_of(p)?),
                    Ifla::Stats64 => s.rx_packets = Some(ne_u64(p, 0).ok_or("short stats64")?),
                    Ifla::Linkinfo => {
                        info = Some(a.get_attr_handle::<IflaInfo>().map_err(|e| e.to_string())?);
                    }
                    _ => {}
                }
            }
            if let Some(k) = info.as_ref().and_then(|h| h.get_attribute(IflaInfo::Kind)) {
                s.kind = Some(cstr(k.rta_payload().as_ref())?);
            }
            sink.link(&s);
            n += 1;
        }
    }
    Ok(n)
}

fn genl_neli<S: Sink>(fx: &Fixture, sink: &mut S) -> Result<usize, String> {
    use neli::consts::genl::{CtrlAttr, CtrlAttrMcastGrp, CtrlCmd};
    use neli::consts::nl::GenlId;
    use neli::genl::Genlmsghdr;
    use neli::nl::Nlmsghdr;
    use neli::FromBytes;
    let mut n = 0;
    for dg in &fx.datagrams {
        for (ty, msg) in frames(dg) {
            if ty != GENL_ID_CTRL {
                continue;
            }
            let m: Nlmsghdr<GenlId, Genlmsghdr<CtrlCmd, CtrlAttr>> =
                Nlmsghdr::from_bytes(&mut Cursor::new(msg)).map_err(|e| e.to_string())?;
            let g = m.get_payload().ok_or("no payload")?;
            let mut s = GenlSample::default();
            for a in g.attrs().iter() {
                let p = a.nla_payload().as_ref();
                match a.nla_type().nla_type() {
                    CtrlAttr::FamilyId => s.id = ne_u16(p, 0).ok_or("bad u16")?,
                    CtrlAttr::FamilyName => s.name = cstr(p)?,
                    CtrlAttr::Version => s.version = Some(u32_of(p)?),
                    CtrlAttr::Ops => {
                        let ops = a.get_attr_handle::<u16>().map_err(|e| e.to_string())?;
                        for op in ops.iter() {
                            s.ops += 1;
                            let h = op.get_attr_handle::<u16>().map_err(|e| e.to_string())?;
                            if let Some(id) = h.get_attribute(CTRL_ATTR_OP_ID) {
                                s.op_id_sum = s.op_id_sum.wrapping_add(u32_of(id.nla_payload().as_ref())?);
                            }
                        }
                    }
                    CtrlAttr::McastGroups => {
                        let groups = a.get_attr_handle::<u16>().map_err(|e| e.to_string())?;
                        for g in groups.iter() {
                            s.groups += 1;
                            let h = g.get_attr_handle::<CtrlAttrMcastGrp>().map_err(|e| e.to_string())?;
                            if let Some(id) = h.get_attribute(CtrlAttrMcastGrp::Id) {
                                s.group_id_sum =
                                    s.group_id_sum.wrapping_add(u32_of(id.nla_payload().as_ref())?);
                            }
                        }
                    }
                    _ => {}
                }
            }
            sink.genl(&s);
            n += 1;
        }
    }
    Ok(n)
}

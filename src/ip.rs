//! `ip -j link`, `ip -j addr`, `ip -j route show table ...` and `ip -j neigh`: dumps through
//! `nlsock`, decoded with `nlattr::families::route`, printed with iproute2's field names and
//! value spellings (`print_linkinfo`, `print_addrinfo`, `print_route`, `print_neigh`).

use std::collections::HashMap;
use std::net::IpAddr;

use nlattr::consts::{
    AF_INET, AF_INET6, AF_UNSPEC, NETLINK_ROUTE, RTM_GETADDR, RTM_GETLINK, RTM_GETNEIGH, RTM_GETROUTE,
};
use nlattr::families::route::addr::{Addr, IFA_ANYCAST, IFA_F_PERMANENT, IFA_F_SECONDARY};
use nlattr::families::route::link::{
    Link, IFLA_LINK_NETNSID, IFLA_PERM_ADDRESS, RTEXT_FILTER_SKIP_STATS, RTEXT_FILTER_VF,
};
use nlattr::families::route::neigh::Neigh;
use nlattr::families::route::route::{Metrics, Route, RTA_FLOW, RTA_MARK, RTA_NH_ID, RT_TABLE_MAIN};
use nlattr::header::{IfAddrMsg, NdMsg, RtMsg};
use nlattr::{AttrSet, Message};
use nlsock::{retry_interrupted, OwnedMessage, Payload, Socket};
use serde_json::{json, Map, Value};

use crate::cli::{self, AppError};
use crate::names;

/// `RTM_F_CLONED`: a cached route, which `ip route` leaves out.
const RTM_F_CLONED: u32 = 0x200;
/// `NTF_PROXY`, `NTF_EXT_LEARNED`, `NTF_OFFLOADED`, `NTF_ROUTER`.
const NTF_PROXY: u8 = 0x08;
const NTF_EXT_LEARNED: u8 = 0x10;
const NTF_OFFLOADED: u8 = 0x20;
const NTF_ROUTER: u8 = 0x80;
/// `NUD_NOARP`.
const NUD_NOARP: u16 = 0x40;

/// An rtnetlink socket, in a named namespace or the caller's.
#[derive(Debug)]
pub struct Rtnl {
    sock: Socket,
}

/// Runs a whole dump, again when the kernel flags it interrupted (`NLM_F_DUMP_INTR`).
fn dump_all<P: Payload>(sock: &mut Socket, ty: u16, payload: &P) -> Result<Vec<OwnedMessage>, nlsock::Error> {
    retry_interrupted(5, || sock.dump(ty, 0, payload)?.collect())
}

fn decode<'a, T: AttrSet + nlattr::Decode<'a>>(m: &'a OwnedMessage) -> Result<T, AppError> {
    Ok(T::decode_message(&m.message())?)
}

impl Rtnl {
    /// Opens the socket (see [`cli::open`]).
    ///
    /// # Errors
    /// As [`cli::open`].
    pub fn open(netns: Option<&str>) -> Result<Self, AppError> {
        Ok(Self { sock: cli::open(NETLINK_ROUTE, netns)? })
    }

    /// The socket, for requests of one's own.
    pub fn socket(&mut self) -> &mut Socket {
        &mut self.sock
    }

    /// Dumps every link (`RTM_GETLINK`, without statistics).
    ///
    /// # Errors
    /// The dump failing.
    pub fn dump_links(&mut self) -> Result<Vec<OwnedMessage>, AppError> {
        let req = Link { ext_mask: Some(RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS), ..Default::default() };
        Ok(dump_all(&mut self.sock, RTM_GETLINK, &req)?)
    }

    /// Dumps the addresses of `family` (`AF_UNSPEC` for all).
    ///
    /// # Errors
    /// The dump failing.
    pub fn dump_addrs(&mut self, family: u8) -> Result<Vec<OwnedMessage>, AppError> {
        let req = Addr { hdr: IfAddrMsg { family, ..Default::default() }, ..Default::default() };
        Ok(dump_all(&mut self.sock, RTM_GETADDR, &req)?)
    }

    /// Dumps the routes of `family` (`AF_UNSPEC` for all), every table.
    ///
    /// # Errors
    /// The dump failing.
    pub fn dump_routes(&mut self, family: u8) -> Result<Vec<OwnedMessage>, AppError> {
        let req = Route { hdr: RtMsg { family, ..Default::default() }, ..Default::default() };
        Ok(dump_all(&mut self.sock, RTM_GETROUTE, &req)?)
    }

    /// Dumps the neighbours of `family` (`AF_UNSPEC` for all).
    ///
    /// # Errors
    /// The dump failing.
    pub fn dump_neighs(&mut self, family: u8) -> Result<Vec<OwnedMessage>, AppError> {
        let req = Neigh { hdr: NdMsg { family, ..Default::default() }, ..Default::default() };
        Ok(dump_all(&mut self.sock, RTM_GETNEIGH, &req)?)
    }

    /// The link table used to name indices.
    ///
    /// # Errors
    /// The dump failing or a link not decoding.
    pub fn link_table(&mut self) -> Result<LinkTable, AppError> {
        let msgs = self.dump_links()?;
        LinkTable::from_messages(&msgs)
    }
}

/// Index → name, flags and device type of every link, to name `dev`, `master` and `link`.
#[derive(Clone, Debug, Default)]
pub struct LinkTable {
    links: HashMap<i64, (String, u32, u16)>,
}

impl LinkTable {
    /// Builds the table from a link dump.
    ///
    /// # Errors
    /// A link that does not decode.
    pub fn from_messages(msgs: &[OwnedMessage]) -> Result<Self, AppError> {
        let mut links = HashMap::new();
        for m in msgs {
            let l: Link<'_> = decode(m)?;
            links.insert(
                i64::from(l.hdr.index),
                (l.ifname.unwrap_or_default().to_owned(), l.hdr.flags, l.hdr.ty),
            );
        }
        Ok(Self { links })
    }

    /// `ll_index_to_name`: the name, or `if<N>` for an unknown index.
    #[must_use]
    pub fn name(&self, index: impl Into<i64>) -> String {
        let index = index.into();
        self.links.get(&index).map_or_else(|| format!("if{index}"), |l| l.0.clone())
    }

    /// `ll_index_to_flags`: the `IFF_*` flags, 0 for an unknown index.
    #[must_use]
    pub fn flags(&self, index: impl Into<i64>) -> u32 {
        self.links.get(&index.into()).map_or(0, |l| l.1)
    }

    /// `ll_index_to_type`: the `ARPHRD_*` type, 1 (Ethernet) for an unknown index.
    #[must_use]
    pub fn link_type(&self, index: impl Into<i64>) -> u16 {
        self.links.get(&index.into()).map_or(1, |l| l.2)
    }
}

fn ip(a: IpAddr) -> Value {
    Value::String(a.to_string())
}

/// The last unclaimed attribute of type `ty` (the one the kernel would keep).
fn rest_attr<'a>(rest: &nlattr::view::UnknownView<'a>, ty: u16) -> Option<nlattr::Attr<'a>> {
    rest.iter().filter(|a| a.ty() == ty).last()
}

/// One link as `print_linkinfo` shows it; `do_link` adds what only `ip link` shows
/// (`linkmode`, `ifalias`).
///
/// # Errors
/// An attribute kept as bytes that does not decode.
pub fn link_json(l: &Link<'_>, table: &LinkTable, do_link: bool) -> Result<Map<String, Value>, AppError> {
    let mut o = Map::new();
    o.insert("ifindex".into(), json!(l.hdr.index));
    o.insert("ifname".into(), json!(l.ifname.unwrap_or_default()));
    let netnsid = rest_attr(&l.rest, IFLA_LINK_NETNSID).map(|a| a.get::<i32>()).transpose()?;
    let mut mdown = false;
    match (l.link, netnsid) {
        (Some(0), _) => {
            o.insert("link".into(), Value::Null);
        }
        (Some(peer), None) => {
            o.insert("link".into(), json!(table.name(peer)));
            mdown = table.flags(peer) & names::IFF_UP == 0;
        }
        (Some(peer), Some(_)) => {
            o.insert("link_index".into(), json!(peer));
        }
        (None, _) => {}
    }
    o.insert("flags".into(), json!(names::link_flags(l.hdr.flags, mdown)));
    if let Some(mtu) = l.mtu {
        o.insert("mtu".into(), json!(mtu));
    }
    if let Some(q) = l.qdisc {
        o.insert("qdisc".into(), json!(q));
    }
    if let Some(m) = l.master {
        o.insert("master".into(), json!(table.name(m)));
    }
    if let Some(s) = l.operstate {
        let raw = operstate_value(s);
        o.insert("operstate".into(), names::operstate(raw).map_or_else(|| json!(raw), |n| json!(n)));
    }
    if do_link {
        if let Some(m) = l.linkmode {
            o.insert("linkmode".into(), names::linkmode(m).map_or_else(|| json!(m), |n| json!(n)));
        }
    }
    if let Some(g) = l.group {
        o.insert("group".into(), json!(names::group(g)));
    }
    if let Some(q) = l.txqlen.filter(|&q| q != 0) {
        o.insert("txqlen".into(), json!(q));
    }
    o.insert("link_type".into(), json!(names::link_type(l.hdr.ty)));
    if let Some(a) = l.address {
        o.insert("address".into(), json!(names::link_addr(a, l.hdr.ty)));
    }
    if let Some(b) = l.broadcast {
        if l.hdr.flags & names::IFF_POINTOPOINT != 0 {
            o.insert("link_pointtopoint".into(), json!(true));
        }
        o.insert("broadcast".into(), json!(names::link_addr(b, l.hdr.ty)));
    }
    if let Some(id) = netnsid {
        o.insert("link_netnsid".into(), json!(id));
    }
    if l.proto_down == Some(1) {
        o.insert("proto_down".into(), json!(true));
    }
    if l.prop_list.is_some() {
        o.insert("altnames".into(), json!(l.alt_ifnames().iter().collect::<Vec<_>>()));
    }
    if let Some(perm) = rest_attr(&l.rest, IFLA_PERM_ADDRESS) {
        if l.address != Some(perm.payload()) {
            o.insert("permaddr".into(), json!(names::link_addr(perm.payload(), l.hdr.ty)));
        }
    }
    if do_link {
        if let Some(a) = l.ifalias {
            o.insert("ifalias".into(), json!(a));
        }
    }
    Ok(o)
}

fn operstate_value(s: nlattr::families::route::link::OperState) -> u8 {
    use nlattr::families::route::link::OperState as S;
    match s {
        S::Unknown => 0,
        S::NotPresent => 1,
        S::Down => 2,
        S::LowerLayerDown => 3,
        S::Testing => 4,
        S::Dormant => 5,
        S::Up => 6,
        S::Other(n) => n,
    }
}

/// `ip -j link`: every link.
///
/// # Errors
/// The dump failing or a link not decoding.
pub fn links(netns: Option<&str>) -> Result<Value, AppError> {
    let mut rt = Rtnl::open(netns)?;
    links_json(&rt.dump_links()?)
}

/// [`links`] over the messages of a link dump (from a socket, a capture, a recording).
///
/// # Errors
/// A link not decoding.
pub fn links_json(msgs: &[OwnedMessage]) -> Result<Value, AppError> {
    let table = LinkTable::from_messages(msgs)?;
    let mut out = Vec::new();
    for m in msgs {
        let l: Link<'_> = decode(m)?;
        out.push(Value::Object(link_json(&l, &table, true)?));
    }
    Ok(Value::Array(out))
}

fn family_name(f: u8) -> Value {
    match f {
        AF_INET => json!("inet"),
        AF_INET6 => json!("inet6"),
        n => json!(n),
    }
}

/// One address as `print_addrinfo` shows it (an element of `addr_info`).
#[must_use]
pub fn addr_json(a: &Addr<'_>) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("family".into(), family_name(a.hdr.family));
    let local = a.local.or(a.address);
    let address = a.address.or(a.local);
    if let Some(l) = local {
        o.insert("local".into(), ip(l));
        if let Some(peer) = address.filter(|p| *p != l) {
            o.insert("address".into(), ip(peer));
        }
        o.insert("prefixlen".into(), json!(a.hdr.prefixlen));
        if let Some(m) = a.rt_priority {
            o.insert("metric".into(), json!(m));
        }
    }
    if let Some(b) = a.broadcast {
        o.insert("broadcast".into(), ip(b));
    }
    if let Some(Ok(any)) = rest_attr(&a.rest, IFA_ANYCAST).map(|x| x.get::<IpAddr>()) {
        o.insert("anycast".into(), ip(any));
    }
    o.insert("scope".into(), json!(names::scope(a.hdr.scope)));
    // `print_ifa_flags`: names in this order, `dynamic` for a lifetime, the rest in hex.
    const FLAGS: [(u32, &str); 11] = [
        (IFA_F_SECONDARY, "secondary"),
        (0x02, "nodad"),
        (0x04, "optimistic"),
        (0x08, "dadfailed"),
        (0x10, "home"),
        (0x20, "deprecated"),
        (0x40, "tentative"),
        (IFA_F_PERMANENT, "permanent"),
        (0x100, "mngtmpaddr"),
        (0x200, "noprefixroute"),
        (0x400, "autojoin"),
    ];
    let mut flags = a.all_flags();
    for (bit, name) in FLAGS.into_iter().chain([(0x800, "stable-privacy")]) {
        if bit == IFA_F_PERMANENT {
            if flags & bit == 0 {
                o.insert("dynamic".into(), json!(true));
            }
        } else if flags & bit != 0 {
            let name = if bit == IFA_F_SECONDARY && a.hdr.family == AF_INET6 { "temporary" } else { name };
            o.insert(name.into(), json!(true));
        }
        flags &= !bit;
    }
    if flags != 0 {
        o.insert("flags".into(), json!(format!("{flags:02x}")));
    }
    if let Some(l) = a.label {
        o.insert("label".into(), json!(l));
    }
    if let Some(p) = a.proto {
        o.insert("protocol".into(), json!(names::addr_protocol(p)));
    }
    if let Some(ci) = a.cacheinfo {
        o.insert("valid_life_time".into(), json!(ci.valid));
        o.insert("preferred_life_time".into(), json!(ci.preferred));
    }
    o
}

/// Parses `--family 4|6|inet|inet6` into an address family (`AF_UNSPEC` when absent).
///
/// # Errors
/// [`AppError::Usage`] for anything else.
pub fn parse_family(v: Option<&str>) -> Result<u8, AppError> {
    match v {
        None | Some("all" | "any") => Ok(AF_UNSPEC),
        Some("4" | "inet" | "ipv4") => Ok(AF_INET),
        Some("6" | "inet6" | "ipv6") => Ok(AF_INET6),
        Some(other) => Err(AppError::Usage(format!("`--family {other}`: expected 4 or 6"))),
    }
}

/// `ip -j addr`: every link with its addresses of `family` (`AF_UNSPEC` for all; with a
/// family, only the links that have an address of it).
///
/// # Errors
/// A dump failing or a message not decoding.
pub fn addrs(netns: Option<&str>, family: u8) -> Result<Value, AppError> {
    let mut rt = Rtnl::open(netns)?;
    let links = rt.dump_links()?;
    let addr_msgs = rt.dump_addrs(family)?;
    addrs_json(&links, &addr_msgs, family)
}

/// [`addrs`] over the messages of a link dump and an address dump.
///
/// # Errors
/// A message not decoding.
pub fn addrs_json(links: &[OwnedMessage], addr_msgs: &[OwnedMessage], family: u8) -> Result<Value, AppError> {
    let table = LinkTable::from_messages(links)?;
    let mut by_link: HashMap<u32, Vec<Value>> = HashMap::new();
    for m in addr_msgs {
        let a: Addr<'_> = decode(m)?;
        if family != AF_UNSPEC && a.hdr.family != family {
            continue;
        }
        by_link.entry(a.hdr.index).or_default().push(Value::Object(addr_json(&a)));
    }
    let mut out = Vec::new();
    for m in links {
        let l: Link<'_> = decode(m)?;
        let mut o = link_json(&l, &table, false)?;
        let infos = u32::try_from(l.hdr.index).ok().and_then(|i| by_link.remove(&i)).unwrap_or_default();
        // With a family, `ip addr` leaves out the links without an address of it.
        if family != AF_UNSPEC && infos.is_empty() {
            continue;
        }
        o.insert("addr_info".into(), Value::Array(infos));
        out.push(Value::Object(o));
    }
    Ok(Value::Array(out))
}

/// Which tables `ip_route` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableSel {
    /// Every table (`table all`); non-main tables are named in the output.
    All,
    /// One table (`table N`; `main` by default), not named in the output.
    Only(u32),
}

impl TableSel {
    /// Parses `--table all|main|local|default|N`.
    ///
    /// # Errors
    /// [`AppError::Usage`] for anything else.
    pub fn parse(v: Option<&str>) -> Result<Self, AppError> {
        match v {
            None => Ok(Self::Only(u32::from(RT_TABLE_MAIN))),
            Some("all") => Ok(Self::All),
            Some(t) => names::table_id(t).map(Self::Only).ok_or_else(|| {
                AppError::Usage(format!("`--table {t}`: expected all, main, local, default or a number"))
            }),
        }
    }
}

fn prefix(addr: Option<IpAddr>, len: u8, family: u8, default: &str) -> Option<String> {
    let host_len = if family == AF_INET6 { 128 } else { 32 };
    match addr {
        Some(a) if len == host_len => Some(a.to_string()),
        Some(a) => Some(format!("{a}/{len}")),
        None if len != 0 => Some(format!("0/{len} ")),
        None if default.is_empty() => None,
        None => Some(default.to_owned()),
    }
}

fn metrics_json(m: &Metrics<'_>) -> Map<String, Value> {
    let mut o = Map::new();
    let vals: [(u16, Option<u32>); 15] = [
        (2, m.mtu),
        (3, m.window),
        (4, m.rtt.map(|v| v / 8)),
        (5, m.rttvar.map(|v| v / 4)),
        (6, m.ssthresh),
        (7, m.cwnd),
        (8, m.advmss),
        (9, m.reordering),
        (10, m.hoplimit.filter(|&h| h != u32::MAX)),
        (11, m.initcwnd),
        (12, m.features),
        (13, m.rto_min),
        (14, m.initrwnd),
        (15, m.quickack),
        (17, m.fastopen_no_cookie),
    ];
    for (ty, v) in vals {
        let Some(v) = v else { continue };
        if ty == 12 {
            if v & 1 != 0 {
                o.insert("ecn".into(), Value::Null);
            }
            if v & !1 != 0 {
                o.insert("features".into(), json!(format!("{v:#x}")));
            }
        } else if let Some(name) = names::metric(ty) {
            o.insert(name.into(), json!(v));
        }
        if ty == 15 {
            if let Some(cc) = m.cc_algo {
                o.insert("congestion".into(), json!(cc));
            }
        }
    }
    o
}

/// `print_rta_flow`: the realms of `RTA_FLOW`, `{from, to}`.
fn flow_json(flow: u32) -> Value {
    let (from, to) = (flow >> 16, flow & 0xffff);
    let mut o = Map::new();
    if from != 0 {
        o.insert("from".into(), json!(names::realm(from)));
    }
    o.insert("to".into(), json!(names::realm(to)));
    Value::Object(o)
}

/// One route as `print_route` shows it; `show_table` names non-main tables (`table all`).
#[must_use]
pub fn route_json(r: &Route<'_>, links: &LinkTable, show_table: bool) -> Map<String, Value> {
    let h = &r.hdr;
    let mut o = Map::new();
    if h.ty != 1 {
        o.insert("type".into(), json!(names::route_type(h.ty)));
    }
    if let Some(d) = prefix(r.dst, h.dst_len, h.family, "default") {
        o.insert("dst".into(), json!(d));
    }
    match (r.src, h.src_len) {
        (Some(_), _) => {
            if let Some(s) = prefix(r.src, h.src_len, h.family, "") {
                o.insert("from".into(), json!(s));
            }
        }
        (None, len) if len != 0 => {
            o.insert("src".into(), json!(format!("0/{len}")));
        }
        _ => {}
    }
    if h.tos != 0 {
        o.insert("tos".into(), json!(names::dsfield(h.tos)));
    }
    if let Some(g) = r.gateway {
        o.insert("gateway".into(), ip(g));
    }
    if let Some(oif) = r.oif {
        o.insert("dev".into(), json!(links.name(oif)));
    }
    let table = r.table_id();
    if h.flags & RTM_F_CLONED == 0 {
        if table != u32::from(RT_TABLE_MAIN) && show_table {
            o.insert("table".into(), json!(names::table(table)));
        }
        if h.protocol != 3 {
            o.insert("protocol".into(), json!(names::protocol(h.protocol)));
        }
        if h.scope != 0 {
            o.insert("scope".into(), json!(names::scope(h.scope)));
        }
    }
    if let Some(p) = r.prefsrc {
        o.insert("prefsrc".into(), ip(p));
    }
    if let Some(m) = r.priority {
        o.insert("metric".into(), json!(m));
    }
    o.insert("flags".into(), json!(names::route_flags(h.flags)));
    if let Some(Ok(mark)) = rest_attr(&r.rest, RTA_MARK).map(|a| a.get::<u32>()) {
        o.insert("mark".into(), json!(mark));
    }
    if let Some(Ok(flow)) = rest_attr(&r.rest, RTA_FLOW).map(|a| a.get::<u32>()) {
        o.insert("flow".into(), flow_json(flow));
    }
    if h.family == AF_INET6 {
        if let Some(ci) = r.cacheinfo {
            if ci.expires != 0 {
                o.insert("expires".into(), json!(ci.expires / 100));
            }
            if ci.error != 0 {
                o.insert("error".into(), json!(ci.error));
            }
        }
    }
    if let Some(m) = &r.metrics {
        o.insert("metrics".into(), json!([metrics_json(m)]));
    }
    if let Some(iif) = r.iif {
        o.insert("iif".into(), json!(links.name(iif)));
    }
    if let Some(Ok(id)) = rest_attr(&r.rest, RTA_NH_ID).map(|a| a.get::<u32>()) {
        o.insert("nhid".into(), json!(id));
    }
    if let Some(hops) = &r.multipath {
        let hops: Vec<Value> = hops
            .iter()
            .map(|nh| {
                let mut x = Map::new();
                if let Some(g) = nh.gateway() {
                    x.insert("gateway".into(), ip(g));
                }
                if let Some(flow) = nh.attrs.flow {
                    x.insert("flow".into(), flow_json(flow));
                }
                if nh.ifindex != 0 {
                    x.insert("dev".into(), json!(links.name(nh.ifindex)));
                }
                x.insert("weight".into(), json!(nh.weight));
                x.insert("flags".into(), json!(names::route_flags(u32::from(nh.flags))));
                Value::Object(x)
            })
            .collect();
        o.insert("nexthops".into(), Value::Array(hops));
    }
    if let Some(p) = r.pref {
        o.insert("pref".into(), json!(names::route_pref(p)));
    }
    o
}

/// `ip -j route show table ...`: the routes of `family` in the tables `tables` selects,
/// cached routes left out. Without a family, `table all` shows IPv4 then IPv6 and one
/// table shows IPv4 only, as `ip route` does.
///
/// # Errors
/// A dump failing or a message not decoding.
pub fn routes(netns: Option<&str>, tables: TableSel, family: u8) -> Result<Value, AppError> {
    let family = if family == AF_UNSPEC && tables != TableSel::All { AF_INET } else { family };
    let mut rt = Rtnl::open(netns)?;
    let links = rt.link_table()?;
    routes_json(&links, &rt.dump_routes(family)?, tables, family)
}

/// [`routes`] over the messages of a route dump, naming devices with `links`.
///
/// # Errors
/// A message not decoding.
pub fn routes_json(
    links: &LinkTable,
    msgs: &[OwnedMessage],
    tables: TableSel,
    family: u8,
) -> Result<Value, AppError> {
    let mut out = Vec::new();
    for m in msgs {
        let r: Route<'_> = decode(m)?;
        if r.hdr.family != AF_INET && r.hdr.family != AF_INET6 {
            continue;
        }
        if family != AF_UNSPEC && r.hdr.family != family {
            continue;
        }
        if r.hdr.flags & RTM_F_CLONED != 0 {
            continue;
        }
        if let TableSel::Only(t) = tables {
            if r.table_id() != t {
                continue;
            }
        }
        out.push(Value::Object(route_json(&r, links, tables == TableSel::All)));
    }
    Ok(Value::Array(out))
}

/// One neighbour as `print_neigh` shows it, or `None` for what `ip neigh` leaves out by
/// default (`NOARP` and `NONE` entries).
#[must_use]
pub fn neigh_json(n: &Neigh<'_>, links: &LinkTable) -> Option<Map<String, Value>> {
    let h = &n.hdr;
    let shown = 0xff & !NUD_NOARP;
    if h.state & shown == 0 && h.flags & (NTF_PROXY | NTF_EXT_LEARNED) == 0 {
        return None;
    }
    let mut o = Map::new();
    if let Some(d) = n.dst {
        o.insert("dst".into(), ip(d));
    }
    if h.ifindex != 0 {
        o.insert("dev".into(), json!(links.name(h.ifindex)));
    }
    if let Some(ll) = n.lladdr {
        o.insert("lladdr".into(), json!(names::link_addr(ll, links.link_type(h.ifindex))));
    }
    for (bit, name) in [
        (NTF_ROUTER, "router"),
        (NTF_PROXY, "proxy"),
        (NTF_EXT_LEARNED, "extern_learn"),
        (NTF_OFFLOADED, "offload"),
    ] {
        if h.flags & bit != 0 {
            o.insert(name.into(), Value::Null);
        }
    }
    if let Some(p) = n.protocol {
        o.insert("protocol".into(), json!(names::protocol(p)));
    }
    if h.state != 0 {
        let states: Vec<&str> =
            names::NEIGH_STATES.into_iter().filter(|(bit, _)| h.state & bit != 0).map(|(_, n)| n).collect();
        o.insert("state".into(), json!(states));
    }
    Some(o)
}

/// `ip -j neigh`: the ARP and NDP entries of `family` (`AF_UNSPEC` for both).
///
/// # Errors
/// A dump failing or a message not decoding.
pub fn neighs(netns: Option<&str>, family: u8) -> Result<Value, AppError> {
    let mut rt = Rtnl::open(netns)?;
    let links = rt.link_table()?;
    neighs_json(&links, &rt.dump_neighs(family)?)
}

/// [`neighs`] over the messages of a neighbour dump, naming devices with `links`.
///
/// # Errors
/// A message not decoding.
pub fn neighs_json(links: &LinkTable, msgs: &[OwnedMessage]) -> Result<Value, AppError> {
    let mut out = Vec::new();
    for m in msgs {
        let n: Neigh<'_> = decode(m)?;
        if n.hdr.family != AF_INET && n.hdr.family != AF_INET6 {
            continue;
        }
        if let Some(o) = neigh_json(&n, links) {
            out.push(Value::Object(o));
        }
    }
    Ok(Value::Array(out))
}

/// Decodes one message as `T` (for callers holding a lent [`Message`]).
///
/// # Errors
/// The decode error.
pub fn decode_message<'a, T: AttrSet + nlattr::Decode<'a>>(m: &Message<'a>) -> Result<T, AppError> {
    Ok(T::decode_message(m)?)
}

fn s(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    }
}

/// The readable table of [`links`]' output.
#[must_use]
pub fn links_table(v: &Value) -> String {
    let mut out = format!(
        "{:>5}  {:<16} {:<7} {:<15} {:<17} {}\n",
        "INDEX", "NAME", "MTU", "STATE", "ADDRESS", "FLAGS"
    );
    for l in v.as_array().into_iter().flatten() {
        let mut name = s(l, "ifname");
        let peer = s(l, "link");
        if !peer.is_empty() {
            name = format!("{name}@{peer}");
        }
        out += &format!(
            "{:>5}  {:<16} {:<7} {:<15} {:<17} <{}>{}{}\n",
            s(l, "ifindex"),
            name,
            s(l, "mtu"),
            s(l, "operstate"),
            s(l, "address"),
            s(l, "flags"),
            if l.get("master").is_some() { format!(" master {}", s(l, "master")) } else { String::new() },
            if l.get("altnames").is_some() {
                format!(" altnames {}", s(l, "altnames"))
            } else {
                String::new()
            },
        );
    }
    out
}

/// The readable table of [`addrs`]' output.
#[must_use]
pub fn addrs_table(v: &Value) -> String {
    let mut out = String::new();
    for l in v.as_array().into_iter().flatten() {
        out += &format!(
            "{}: {} <{}> mtu {} state {}\n",
            s(l, "ifindex"),
            s(l, "ifname"),
            s(l, "flags"),
            s(l, "mtu"),
            s(l, "operstate")
        );
        for a in l.get("addr_info").and_then(Value::as_array).into_iter().flatten() {
            out += &format!(
                "    {:<6} {}/{} scope {}",
                s(a, "family"),
                s(a, "local"),
                s(a, "prefixlen"),
                s(a, "scope")
            );
            if a.get("broadcast").is_some() {
                out += &format!(" brd {}", s(a, "broadcast"));
            }
            if a.get("label").is_some() {
                out += &format!(" label {}", s(a, "label"));
            }
            out.push('\n');
        }
    }
    out
}

/// The readable form of [`routes`]' output, one route per line as `ip route` prints it.
#[must_use]
pub fn routes_table(v: &Value) -> String {
    let mut out = String::new();
    for r in v.as_array().into_iter().flatten() {
        let mut line = String::new();
        if r.get("type").is_some() {
            line += &format!("{} ", s(r, "type"));
        }
        line += &s(r, "dst");
        for (key, word) in [
            ("gateway", "via"),
            ("dev", "dev"),
            ("table", "table"),
            ("protocol", "proto"),
            ("scope", "scope"),
            ("prefsrc", "src"),
            ("metric", "metric"),
            ("pref", "pref"),
        ] {
            if r.get(key).is_some() {
                line += &format!(" {word} {}", s(r, key));
            }
        }
        let flags = s(r, "flags");
        if !flags.is_empty() {
            line += &format!(" {}", flags.replace(',', " "));
        }
        if let Some(m) = r.get("metrics").and_then(|m| m.get(0)).and_then(Value::as_object) {
            for (k, v) in m {
                line += &format!(
                    " {k} {}",
                    if v.is_null() { String::new() } else { v.to_string().trim_matches('"').to_owned() }
                );
            }
        }
        for nh in r.get("nexthops").and_then(Value::as_array).into_iter().flatten() {
            line += &format!(
                "\n\tnexthop via {} dev {} weight {}",
                s(nh, "gateway"),
                s(nh, "dev"),
                s(nh, "weight")
            );
        }
        out += &line;
        out.push('\n');
    }
    out
}

/// The readable form of [`neighs`]' output.
#[must_use]
pub fn neighs_table(v: &Value) -> String {
    let mut out = String::new();
    for n in v.as_array().into_iter().flatten() {
        out += &format!("{} dev {}", s(n, "dst"), s(n, "dev"));
        if n.get("lladdr").is_some() {
            out += &format!(" lladdr {}", s(n, "lladdr"));
        }
        if n.get("router").is_some() {
            out += " router";
        }
        out += &format!(" {}\n", s(n, "state").replace(',', " "));
    }
    out
}

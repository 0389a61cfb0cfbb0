//! Routes: `RTM_NEWROUTE`, `RTM_GETROUTE`, `RTM_DELROUTE`.
//!
//! [`Route`] is an `rtmsg` (family, prefix lengths, table, protocol, scope, type) followed
//! by `RTA_*` attributes (`include/uapi/linux/rtnetlink.h`), in the order IPv6
//! (`rt6_fill_node`) writes them. `RTA_METRICS` is a nest of `RTAX_*` values;
//! `RTA_MULTIPATH` is not made of attributes at its top level but of `struct rtnexthop`
//! records each followed by attributes, read and written by the small codec in
//! [`multipath`]: a route's [`NextHops`] are the received records, checked and counted
//! when the route is decoded and read again when iterated (no allocation), or the caller's
//! slice of [`NextHop`]s when it builds a route.
//!
//! ```
//! use std::net::{IpAddr, Ipv6Addr};
//! use nlattr::families::route::route::{NextHop, NextHopAttrs, Route, RT_TABLE_MAIN};
//! use nlattr::{consts::*, header::RtMsg, AttrSet};
//!
//! // `ip -6 route add 2001:db8:1::/48 nexthop via fe80::1 dev <4> weight 2
//! //                                   nexthop via fe80::2 dev <5>`
//! let hop = |ifindex, weight, last| NextHop {
//!     flags: 0,
//!     weight,
//!     ifindex,
//!     attrs: NextHopAttrs {
//!         gateway: Some(IpAddr::V6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, last))),
//!         ..Default::default()
//!     },
//! };
//! let hops = [hop(4, 2, 1), hop(5, 1, 2)];
//! let req = Route {
//!     hdr: RtMsg { family: AF_INET6, dst_len: 48, table: RT_TABLE_MAIN, protocol: 3, ty: 1, ..Default::default() },
//!     dst: Some(IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0))),
//!     multipath: Some((&hops[..]).into()),
//!     ..Default::default()
//! };
//! let bytes = req.to_message_vec(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, 1, 0)?;
//! let msg = nlattr::messages(&bytes).next().unwrap()?;
//! let back = Route::decode_message(&msg)?;
//! assert_eq!(back, req);
//! // On the wire the weight is `rtnh_hops`, one less.
//! assert_eq!(back.multipath.unwrap().first().unwrap().weight, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Route`] names every attribute a route can carry, so building one sets every absent
//! field too. A program that sends many requests of one shape builds them faster from a
//! type derived with just the attributes it sends (plain fields are required), written in
//! the same order, to the same bytes:
//!
//! ```
//! use std::net::{IpAddr, Ipv4Addr};
//! use nlattr::families::route::route::*;
//! use nlattr::{consts::*, header::RtMsg, AttrSet, NlAttrs};
//!
//! #[derive(NlAttrs)]
//! struct AddRoute {
//!     #[nla(header)]
//!     hdr: RtMsg,
//!     #[nla(type = RTA_DST)]
//!     dst: Ipv4Addr,
//!     #[nla(type = RTA_METRICS, nested(no_flag))]
//!     metrics: AddMetrics,
//!     #[nla(type = RTA_GATEWAY)]
//!     gateway: Ipv4Addr,
//! }
//!
//! #[derive(NlAttrs)]
//! struct AddMetrics {
//!     #[nla(type = RTAX_MTU)]
//!     mtu: u32,
//! }
//!
//! let hdr = RtMsg { family: AF_INET, dst_len: 24, table: RT_TABLE_MAIN, protocol: 4, ty: 1, ..Default::default() };
//! let (dst, gateway) = (Ipv4Addr::new(192, 0, 2, 0), Ipv4Addr::new(198, 51, 100, 1));
//! let mut buf = Vec::new();
//! let add = AddRoute { hdr, dst, metrics: AddMetrics { mtu: 1400 }, gateway };
//! add.encode_message(&mut nlattr::Writer::new(&mut buf), RTM_NEWROUTE, NLM_F_REQUEST, 1, 0)?;
//! let full = Route {
//!     hdr,
//!     dst: Some(IpAddr::V4(dst)),
//!     metrics: Some(Metrics { mtu: Some(1400), ..Default::default() }),
//!     gateway: Some(IpAddr::V4(gateway)),
//!     ..Default::default()
//! };
//! assert_eq!(buf, full.to_message_vec(RTM_NEWROUTE, NLM_F_REQUEST, 1, 0)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;
use core::fmt;
use core::net::IpAddr;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::codec::{Decode, Encode};
use crate::error::{DecodeError, EncodeError};
use crate::header::RtMsg;
use crate::policy::AttrKind;
use crate::view::UnknownView;
use crate::writer::Writer;
use crate::NlAttrs;

/// `RTA_DST`: destination prefix (its length is `rtmsg.dst_len`).
pub const RTA_DST: u16 = 1;
/// `RTA_SRC`: source prefix (length `rtmsg.src_len`).
pub const RTA_SRC: u16 = 2;
/// `RTA_IIF`: input interface index (`u32`).
pub const RTA_IIF: u16 = 3;
/// `RTA_OIF`: output interface index (`u32`).
pub const RTA_OIF: u16 = 4;
/// `RTA_GATEWAY`: next-hop gateway address.
pub const RTA_GATEWAY: u16 = 5;
/// `RTA_PRIORITY`: route metric (`u32`).
pub const RTA_PRIORITY: u16 = 6;
/// `RTA_PREFSRC`: preferred source address.
pub const RTA_PREFSRC: u16 = 7;
/// `RTA_METRICS`: nested `RTAX_*` values.
pub const RTA_METRICS: u16 = 8;
/// `RTA_MULTIPATH`: `struct rtnexthop` records, each followed by attributes.
pub const RTA_MULTIPATH: u16 = 9;
/// `RTA_PROTOINFO`: unused.
pub const RTA_PROTOINFO: u16 = 10;
/// `RTA_FLOW`: routing realm (`u32`).
pub const RTA_FLOW: u16 = 11;
/// `RTA_CACHEINFO`: `struct rta_cacheinfo`.
pub const RTA_CACHEINFO: u16 = 12;
/// `RTA_SESSION`: unused.
pub const RTA_SESSION: u16 = 13;
/// `RTA_MP_ALGO`: unused.
pub const RTA_MP_ALGO: u16 = 14;
/// `RTA_TABLE`: routing table id (`u32`; the header's `table` holds at most 255).
pub const RTA_TABLE: u16 = 15;
/// `RTA_MARK`: firewall mark (`u32`).
pub const RTA_MARK: u16 = 16;
/// `RTA_MFC_STATS`: multicast forwarding statistics.
pub const RTA_MFC_STATS: u16 = 17;
/// `RTA_VIA`: gateway of another address family (`struct rtvia`).
pub const RTA_VIA: u16 = 18;
/// `RTA_NEWDST`: MPLS destination label stack.
pub const RTA_NEWDST: u16 = 19;
/// `RTA_PREF`: IPv6 router preference (`u8`, `ICMPV6_ROUTER_PREF_*`).
pub const RTA_PREF: u16 = 20;
/// `RTA_ENCAP_TYPE`: lightweight tunnel type (`u16`).
pub const RTA_ENCAP_TYPE: u16 = 21;
/// `RTA_ENCAP`: lightweight tunnel settings (nested).
pub const RTA_ENCAP: u16 = 22;
/// `RTA_EXPIRES`: lifetime in seconds, in IPv6 requests (`u32`).
pub const RTA_EXPIRES: u16 = 23;
/// `RTA_PAD`: padding before 64-bit attributes (empty).
pub const RTA_PAD: u16 = 24;
/// `RTA_UID`: user id for a route lookup (`u32`).
pub const RTA_UID: u16 = 25;
/// `RTA_TTL_PROPAGATE`: MPLS TTL propagation (`u8`).
pub const RTA_TTL_PROPAGATE: u16 = 26;
/// `RTA_IP_PROTO`: IP protocol for a route lookup (`u8`).
pub const RTA_IP_PROTO: u16 = 27;
/// `RTA_SPORT`: source port for a route lookup (`be16`).
pub const RTA_SPORT: u16 = 28;
/// `RTA_DPORT`: destination port for a route lookup (`be16`).
pub const RTA_DPORT: u16 = 29;
/// `RTA_NH_ID`: id of a nexthop object (`u32`).
pub const RTA_NH_ID: u16 = 30;
/// `RTA_FLOWLABEL`: IPv6 flow label for a route lookup (`be32`).
pub const RTA_FLOWLABEL: u16 = 31;

/// `RTAX_LOCK`: bit mask of locked metrics.
pub const RTAX_LOCK: u16 = 1;
/// `RTAX_MTU`: path MTU.
pub const RTAX_MTU: u16 = 2;
/// `RTAX_WINDOW`: TCP window clamp.
pub const RTAX_WINDOW: u16 = 3;
/// `RTAX_RTT`: TCP round-trip time estimate.
pub const RTAX_RTT: u16 = 4;
/// `RTAX_RTTVAR`: TCP round-trip time variance.
pub const RTAX_RTTVAR: u16 = 5;
/// `RTAX_SSTHRESH`: TCP slow-start threshold.
pub const RTAX_SSTHRESH: u16 = 6;
/// `RTAX_CWND`: TCP congestion window clamp.
pub const RTAX_CWND: u16 = 7;
/// `RTAX_ADVMSS`: advertised MSS.
pub const RTAX_ADVMSS: u16 = 8;
/// `RTAX_REORDERING`: TCP reordering estimate.
pub const RTAX_REORDERING: u16 = 9;
/// `RTAX_HOPLIMIT`: hop limit (TTL).
pub const RTAX_HOPLIMIT: u16 = 10;
/// `RTAX_INITCWND`: TCP initial congestion window.
pub const RTAX_INITCWND: u16 = 11;
/// `RTAX_FEATURES`: `RTAX_FEATURE_*` bits.
pub const RTAX_FEATURES: u16 = 12;
/// `RTAX_RTO_MIN`: TCP minimum retransmission timeout.
pub const RTAX_RTO_MIN: u16 = 13;
/// `RTAX_INITRWND`: TCP initial receive window.
pub const RTAX_INITRWND: u16 = 14;
/// `RTAX_QUICKACK`: TCP quick ACK.
pub const RTAX_QUICKACK: u16 = 15;
/// `RTAX_CC_ALGO`: TCP congestion control algorithm (string).
pub const RTAX_CC_ALGO: u16 = 16;
/// `RTAX_FASTOPEN_NO_COOKIE`: TCP Fast Open without a cookie.
pub const RTAX_FASTOPEN_NO_COOKIE: u16 = 17;

/// `RT_TABLE_UNSPEC`.
pub const RT_TABLE_UNSPEC: u8 = 0;
/// `RT_TABLE_DEFAULT`.
pub const RT_TABLE_DEFAULT: u8 = 253;
/// `RT_TABLE_MAIN`.
pub const RT_TABLE_MAIN: u8 = 254;
/// `RT_TABLE_LOCAL`.
pub const RT_TABLE_LOCAL: u8 = 255;

/// `RTN_UNICAST`: a gateway or direct route.
pub const RTN_UNICAST: u8 = 1;
/// `RTN_LOCAL`: accept locally.
pub const RTN_LOCAL: u8 = 2;
/// `RTN_BROADCAST`: accept locally as broadcast, send as broadcast.
pub const RTN_BROADCAST: u8 = 3;
/// `RTN_ANYCAST`: accept locally as broadcast, send as unicast.
pub const RTN_ANYCAST: u8 = 4;
/// `RTN_MULTICAST`: a multicast route.
pub const RTN_MULTICAST: u8 = 5;
/// `RTN_BLACKHOLE`: drop silently.
pub const RTN_BLACKHOLE: u8 = 6;
/// `RTN_UNREACHABLE`: destination unreachable.
pub const RTN_UNREACHABLE: u8 = 7;
/// `RTN_PROHIBIT`: administratively prohibited.
pub const RTN_PROHIBIT: u8 = 8;
/// `RTN_THROW`: not in this table.
pub const RTN_THROW: u8 = 9;

/// `RTNH_F_DEAD`: the next hop is dead.
pub const RTNH_F_DEAD: u8 = 1;
/// `RTNH_F_PERVASIVE`: recursive gateway lookup.
pub const RTNH_F_PERVASIVE: u8 = 2;
/// `RTNH_F_ONLINK`: the gateway is on link.
pub const RTNH_F_ONLINK: u8 = 4;
/// `RTNH_F_OFFLOAD`: offloaded to hardware.
pub const RTNH_F_OFFLOAD: u8 = 8;
/// `RTNH_F_LINKDOWN`: the carrier is down.
pub const RTNH_F_LINKDOWN: u8 = 16;
/// `RTNH_F_UNRESOLVED`: the gateway is unresolved (multicast).
pub const RTNH_F_UNRESOLVED: u8 = 32;
/// `RTNH_F_TRAP`: trapped by hardware.
pub const RTNH_F_TRAP: u8 = 64;

/// A route: the payload of `RTM_NEWROUTE` (replies, dumps, notifications, creation),
/// `RTM_DELROUTE` and `RTM_GETROUTE`. Type, protocol, scope and the short table id are
/// in the header.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct Route<'a> {
    /// `struct rtmsg`.
    #[nla(header)]
    pub hdr: RtMsg,
    /// `RTA_TABLE`: the table id, also above 255.
    #[nla(type = RTA_TABLE)]
    pub table: Option<u32>,
    /// `RTA_DST`: destination prefix; absent for a default route.
    #[nla(type = RTA_DST)]
    pub dst: Option<IpAddr>,
    /// `RTA_SRC`: source prefix.
    #[nla(type = RTA_SRC)]
    pub src: Option<IpAddr>,
    /// `RTA_IIF`: input interface index.
    #[nla(type = RTA_IIF)]
    pub iif: Option<u32>,
    /// `RTA_PREFSRC`: preferred source address.
    #[nla(type = RTA_PREFSRC)]
    pub prefsrc: Option<IpAddr>,
    /// `RTA_METRICS`: the kernel does not flag this nest.
    #[nla(type = RTA_METRICS, nested(no_flag))]
    pub metrics: Option<Metrics<'a>>,
    /// `RTA_PRIORITY`: the route's metric.
    #[nla(type = RTA_PRIORITY)]
    pub priority: Option<u32>,
    /// `RTA_GATEWAY`: the gateway of a single-path route.
    #[nla(type = RTA_GATEWAY)]
    pub gateway: Option<IpAddr>,
    /// `RTA_MULTIPATH`: the next hops of a multipath route.
    #[nla(type = RTA_MULTIPATH)]
    pub multipath: Option<NextHops<'a>>,
    /// `RTA_OIF`: output interface of a single-path route.
    #[nla(type = RTA_OIF)]
    pub oif: Option<u32>,
    /// `RTA_CACHEINFO`: usage, expiry and error counters.
    #[nla(type = RTA_CACHEINFO, fixed)]
    pub cacheinfo: Option<RtaCacheinfo>,
    /// `RTA_EXPIRES`: lifetime in seconds (IPv6 requests).
    #[nla(type = RTA_EXPIRES)]
    pub expires: Option<u32>,
    /// `RTA_PREF`: IPv6 router preference (0 medium, 1 high, 3 low).
    #[nla(type = RTA_PREF)]
    pub pref: Option<u8>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

impl Route<'_> {
    /// The table id: `RTA_TABLE` when present, else the header's.
    #[must_use]
    pub fn table_id(&self) -> u32 {
        self.table.unwrap_or(u32::from(self.hdr.table))
    }
}

/// `RTA_METRICS`: per-route TCP and path settings (`RTAX_*`), written in type order.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct Metrics<'a> {
    /// `RTAX_LOCK`: bit `1 << RTAX_x` locks metric `x`.
    #[nla(type = RTAX_LOCK)]
    pub lock: Option<u32>,
    /// `RTAX_MTU`.
    #[nla(type = RTAX_MTU)]
    pub mtu: Option<u32>,
    /// `RTAX_WINDOW`.
    #[nla(type = RTAX_WINDOW)]
    pub window: Option<u32>,
    /// `RTAX_RTT`.
    #[nla(type = RTAX_RTT)]
    pub rtt: Option<u32>,
    /// `RTAX_RTTVAR`.
    #[nla(type = RTAX_RTTVAR)]
    pub rttvar: Option<u32>,
    /// `RTAX_SSTHRESH`.
    #[nla(type = RTAX_SSTHRESH)]
    pub ssthresh: Option<u32>,
    /// `RTAX_CWND`.
    #[nla(type = RTAX_CWND)]
    pub cwnd: Option<u32>,
    /// `RTAX_ADVMSS`.
    #[nla(type = RTAX_ADVMSS)]
    pub advmss: Option<u32>,
    /// `RTAX_REORDERING`.
    #[nla(type = RTAX_REORDERING)]
    pub reordering: Option<u32>,
    /// `RTAX_HOPLIMIT`.
    #[nla(type = RTAX_HOPLIMIT)]
    pub hoplimit: Option<u32>,
    /// `RTAX_INITCWND`.
    #[nla(type = RTAX_INITCWND)]
    pub initcwnd: Option<u32>,
    /// `RTAX_FEATURES`.
    #[nla(type = RTAX_FEATURES)]
    pub features: Option<u32>,
    /// `RTAX_RTO_MIN`.
    #[nla(type = RTAX_RTO_MIN)]
    pub rto_min: Option<u32>,
    /// `RTAX_INITRWND`.
    #[nla(type = RTAX_INITRWND)]
    pub initrwnd: Option<u32>,
    /// `RTAX_QUICKACK`.
    #[nla(type = RTAX_QUICKACK)]
    pub quickack: Option<u32>,
    /// `RTAX_CC_ALGO`: congestion control algorithm name.
    #[nla(type = RTAX_CC_ALGO, max_len = 15)]
    pub cc_algo: Option<&'a str>,
    /// `RTAX_FASTOPEN_NO_COOKIE`.
    #[nla(type = RTAX_FASTOPEN_NO_COOKIE)]
    pub fastopen_no_cookie: Option<u32>,
    /// Metrics not named above, kept and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `struct rta_cacheinfo` (`RTA_CACHEINFO`).
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct RtaCacheinfo {
    /// `rta_clntref`: references.
    pub clntref: u32,
    /// `rta_lastuse`: time since last use.
    pub lastuse: u32,
    /// `rta_expires`: time to expiry in clock ticks, 0 for never.
    pub expires: i32,
    /// `rta_error`: last error.
    pub error: u32,
    /// `rta_used`: use count.
    pub used: u32,
    /// `rta_id`: unused.
    pub id: u32,
    /// `rta_ts`: unused.
    pub ts: u32,
    /// `rta_tsage`: unused.
    pub tsage: u32,
}

/// One next hop of `RTA_MULTIPATH`: a `struct rtnexthop` and its attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NextHop<'a> {
    /// `rtnh_flags`: `RTNH_F_*`.
    pub flags: u8,
    /// The weight, 1 to 256: `rtnh_hops + 1` (what `ip route ... weight N` sets).
    pub weight: u16,
    /// `rtnh_ifindex`: the output interface.
    pub ifindex: i32,
    /// The attributes after the `rtnexthop`.
    pub attrs: NextHopAttrs<'a>,
}

impl NextHop<'_> {
    /// The gateway (`RTA_GATEWAY`), if any.
    #[must_use]
    pub fn gateway(&self) -> Option<IpAddr> {
        self.attrs.gateway
    }
}

/// The attributes of one next hop of `RTA_MULTIPATH`.
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NextHopAttrs<'a> {
    /// `RTA_GATEWAY`: the hop's gateway.
    #[nla(type = RTA_GATEWAY)]
    pub gateway: Option<IpAddr>,
    /// `RTA_FLOW`: routing realm.
    #[nla(type = RTA_FLOW)]
    pub flow: Option<u32>,
    /// Other attributes (`RTA_VIA`, `RTA_NEWDST`, `RTA_ENCAP`...), kept and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// The codec of `RTA_MULTIPATH` (and the `Encode`/`Decode` of [`NextHops`] and of
/// `Vec<NextHop>`): a sequence of
/// `struct rtnexthop { u16 rtnh_len; u8 rtnh_flags; u8 rtnh_hops; int rtnh_ifindex; }`,
/// each followed by its attributes, `rtnh_len` covering both, records 4-byte aligned
/// (`RTNH_ALIGN`).
pub mod multipath {
    use alloc::vec::Vec;

    use super::{NextHop, NextHopAttrs};
    use crate::codec::{Decode, DecodeInPlace, Encode};
    use crate::consts::align4;
    use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
    use crate::policy::AttrKind;
    use crate::writer::Writer;

    /// Size of `struct rtnexthop`.
    pub const RTNH_LEN: usize = 8;

    /// Exact payload length: every record, padding included.
    #[must_use]
    pub fn encoded_len(hops: &[NextHop<'_>]) -> usize {
        hops.iter().map(|h| align4(RTNH_LEN + h.attrs.encoded_len())).sum()
    }

    /// Writes the records.
    ///
    /// # Errors
    /// [`EncodeError::Invalid`] for a weight of 0 or above 256, [`EncodeError::AttributeTooLong`]
    /// for a record that `rtnh_len` cannot hold, or the writer's error.
    pub fn encode(hops: &[NextHop<'_>], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        for (i, hop) in hops.iter().enumerate() {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            let Some(Ok(hops_field)) = hop.weight.checked_sub(1).map(u8::try_from) else {
                return Err(EncodeError::invalid(
                    super::RTA_MULTIPATH,
                    DecodeErrorKind::Invalid("a next-hop weight is 1 to 256"),
                )
                .in_field("weight")
                .at_index(index));
            };
            let len = RTNH_LEN + hop.attrs.encoded_len();
            let Ok(len16) = u16::try_from(len) else {
                return Err(EncodeError::AttributeTooLong { attr_type: super::RTA_MULTIPATH, len });
            };
            w.put(&len16.to_ne_bytes())?;
            w.put(&[hop.flags, hops_field])?;
            w.put(&hop.ifindex.to_ne_bytes())?;
            hop.attrs.encode(w).map_err(|e| e.in_field("attrs").at_index(index))?;
            w.align()?;
        }
        Ok(())
    }

    /// One record: its header fields, its attributes' bytes and their absolute offset.
    pub(super) struct Record<'a> {
        pub flags: u8,
        pub weight: u16,
        pub ifindex: i32,
        pub body: &'a [u8],
        pub at: usize,
    }

    /// The record at `pos` of `payload` (absolute offset `offset`) and the position of the
    /// next, or why it is malformed.
    pub(super) fn record(
        payload: &[u8],
        offset: usize,
        pos: usize,
    ) -> Result<(Record<'_>, usize), DecodeError> {
        let rest = payload.get(pos..).unwrap_or_default();
        let Some(&[l0, l1, flags, hops, i0, i1, i2, i3]) = rest.get(..RTNH_LEN) else {
            return Err(DecodeError::new(
                offset + pos,
                DecodeErrorKind::Truncated { needed: RTNH_LEN, available: rest.len() },
            ));
        };
        let len = usize::from(u16::from_ne_bytes([l0, l1]));
        if len < RTNH_LEN {
            return Err(DecodeError::new(
                offset + pos,
                DecodeErrorKind::Invalid("`rtnh_len` is below the 8-byte `rtnexthop`"),
            ));
        }
        let Some(body) = rest.get(RTNH_LEN..len) else {
            return Err(DecodeError::new(
                offset + pos,
                DecodeErrorKind::Truncated { needed: len, available: rest.len() },
            ));
        };
        let weight = u16::from(hops) + 1;
        let ifindex = i32::from_ne_bytes([i0, i1, i2, i3]);
        let next = pos + align4(len).min(rest.len());
        Ok((Record { flags, weight, ifindex, body, at: offset + pos + RTNH_LEN }, next))
    }

    /// Checks every record of a payload starting at absolute offset `offset`, its
    /// attributes decoded as a [`NextHopAttrs`], and counts them.
    ///
    /// # Errors
    /// As [`decode`].
    pub fn check(payload: &[u8], offset: usize) -> Result<usize, DecodeError> {
        let (mut pos, mut n) = (0, 0);
        while pos < payload.len() {
            let index = u32::try_from(n).unwrap_or(u32::MAX);
            let (r, next) = record(payload, offset, pos).map_err(|e| e.at_index(index))?;
            NextHopAttrs::decode(r.body, r.at).map_err(|e| e.in_field("attrs").at_index(index))?;
            (pos, n) = (next, n + 1);
        }
        Ok(n)
    }

    /// Reads the records of a payload starting at absolute offset `offset`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::Truncated`] for a record shorter than its header or its
    /// `rtnh_len`, [`DecodeErrorKind::Invalid`] for an `rtnh_len` below 8, or an
    /// attribute's error; paths carry the record's index.
    pub fn decode(payload: &[u8], offset: usize) -> Result<Vec<NextHop<'_>>, DecodeError> {
        let mut out = Vec::new();
        decode_into(&mut out, payload, offset)?;
        Ok(out)
    }

    /// [`decode`] into `out`: the hops already there are decoded into (their attributes in
    /// place), then `out` is cut to the records read. After an error `out` holds some valid
    /// hops.
    ///
    /// # Errors
    /// As [`decode`].
    pub fn decode_into<'a>(
        out: &mut Vec<NextHop<'a>>,
        payload: &'a [u8],
        offset: usize,
    ) -> Result<(), DecodeError> {
        let (mut pos, mut n) = (0, 0);
        while pos < payload.len() {
            let index = u32::try_from(n).unwrap_or(u32::MAX);
            let (r, next) = record(payload, offset, pos).map_err(|e| e.at_index(index))?;
            let in_attrs = |e: DecodeError| e.in_field("attrs").at_index(index);
            if let Some(hop) = out.get_mut(n) {
                hop.attrs.decode_in_place(r.body, r.at).map_err(in_attrs)?;
                (hop.flags, hop.weight, hop.ifindex) = (r.flags, r.weight, r.ifindex);
            } else {
                let attrs = NextHopAttrs::decode(r.body, r.at).map_err(in_attrs)?;
                out.push(NextHop { flags: r.flags, weight: r.weight, ifindex: r.ifindex, attrs });
            }
            (pos, n) = (next, n + 1);
        }
        out.truncate(n);
        Ok(())
    }

    /// `RTA_MULTIPATH`'s payload, for a `Vec<NextHop>` field.
    impl Encode for Vec<NextHop<'_>> {
        const KIND: AttrKind = AttrKind::Binary;
        #[inline]
        fn encoded_len(&self) -> usize {
            encoded_len(self)
        }
        #[inline]
        fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
            encode(self, w)
        }
    }

    impl<'a> Decode<'a> for Vec<NextHop<'a>> {
        #[inline]
        fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError> {
            decode(payload, offset)
        }
    }

    /// The hops already there are decoded into.
    impl<'a> DecodeInPlace<'a> for Vec<NextHop<'a>> {
        #[inline]
        fn decode_in_place(&mut self, payload: &'a [u8], offset: usize) -> Result<(), DecodeError> {
            decode_into(self, payload, offset)
        }
    }
}

/// The next hops of a multipath route (`RTA_MULTIPATH`): the records as received, checked
/// and counted when the route was decoded and read again when iterated, or a slice of
/// [`NextHop`]s to send.
///
/// ```
/// use nlattr::families::route::route::{NextHop, NextHops};
///
/// let hops = [NextHop { weight: 2, ifindex: 4, ..Default::default() }, NextHop { weight: 1, ifindex: 5, ..Default::default() }];
/// let mp = NextHops::from(&hops[..]);
/// assert_eq!(mp.len(), 2);
/// assert_eq!(mp.iter().map(|h| h.ifindex).collect::<Vec<_>>(), [4, 5]);
/// ```
#[derive(Clone, Copy)]
pub struct NextHops<'a>(Hops<'a>);

#[derive(Clone, Copy)]
enum Hops<'a> {
    /// An `RTA_MULTIPATH` payload at absolute offset `offset`, holding `len` records.
    Received {
        payload: &'a [u8],
        offset: usize,
        len: usize,
    },
    Built(&'a [NextHop<'a>]),
}

impl<'a> NextHops<'a> {
    /// How many hops.
    #[must_use]
    pub const fn len(&self) -> usize {
        match self.0 {
            Hops::Received { len, .. } => len,
            Hops::Built(s) => s.len(),
        }
    }

    /// Whether there are none.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hops, in order.
    #[must_use]
    pub fn iter(&self) -> NextHopsIter<'a> {
        NextHopsIter(match self.0 {
            Hops::Received { payload, offset, len } => {
                HopsIter::Received { payload, offset, pos: 0, left: len }
            }
            Hops::Built(s) => HopsIter::Built(s.iter()),
        })
    }

    /// The `i`-th hop.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<NextHop<'a>> {
        match self.0 {
            Hops::Built(s) => s.get(i).copied(),
            Hops::Received { .. } => self.iter().nth(i),
        }
    }

    /// The first hop.
    #[must_use]
    pub fn first(&self) -> Option<NextHop<'a>> {
        self.get(0)
    }
}

impl Default for NextHops<'_> {
    fn default() -> Self {
        Self(Hops::Built(&[]))
    }
}

impl<'a> From<&'a [NextHop<'a>]> for NextHops<'a> {
    fn from(hops: &'a [NextHop<'a>]) -> Self {
        Self(Hops::Built(hops))
    }
}

impl<'a> From<&'a Vec<NextHop<'a>>> for NextHops<'a> {
    fn from(hops: &'a Vec<NextHop<'a>>) -> Self {
        Self(Hops::Built(hops))
    }
}

impl fmt::Debug for NextHops<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Hop by hop, however each side holds them.
impl PartialEq for NextHops<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}
impl Eq for NextHops<'_> {}

impl<'a> PartialEq<[NextHop<'a>]> for NextHops<'a> {
    fn eq(&self, other: &[NextHop<'a>]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().copied())
    }
}

/// [`NextHops::iter`].
#[derive(Clone)]
pub struct NextHopsIter<'a>(HopsIter<'a>);

#[derive(Clone)]
enum HopsIter<'a> {
    Received { payload: &'a [u8], offset: usize, pos: usize, left: usize },
    Built(core::slice::Iter<'a, NextHop<'a>>),
}

impl<'a> Iterator for NextHopsIter<'a> {
    type Item = NextHop<'a>;
    fn next(&mut self) -> Option<NextHop<'a>> {
        match &mut self.0 {
            HopsIter::Built(it) => it.next().copied(),
            HopsIter::Received { payload, offset, pos, left } => {
                if *left == 0 {
                    return None;
                }
                *left -= 1;
                // Decoding the route checked every record, so none fails here.
                let Ok((r, next)) = multipath::record(payload, *offset, *pos) else {
                    *left = 0;
                    return None;
                };
                *pos = next;
                let Ok(attrs) = NextHopAttrs::decode(r.body, r.at) else {
                    *left = 0;
                    return None;
                };
                Some(NextHop { flags: r.flags, weight: r.weight, ifindex: r.ifindex, attrs })
            }
        }
    }
}

impl core::iter::FusedIterator for NextHopsIter<'_> {}

impl<'a> IntoIterator for &NextHops<'a> {
    type Item = NextHop<'a>;
    type IntoIter = NextHopsIter<'a>;
    fn into_iter(self) -> NextHopsIter<'a> {
        self.iter()
    }
}

/// `RTA_MULTIPATH`'s payload: received records written back as they came.
impl Encode for NextHops<'_> {
    const KIND: AttrKind = AttrKind::Binary;
    #[inline]
    fn encoded_len(&self) -> usize {
        match self.0 {
            Hops::Received { payload, .. } => payload.len(),
            Hops::Built(s) => multipath::encoded_len(s),
        }
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match self.0 {
            Hops::Received { payload, .. } => w.put(payload),
            Hops::Built(s) => multipath::encode(s, w),
        }
    }
}

/// Every record is checked (as [`multipath::decode`] reads it) and counted.
impl<'a> Decode<'a> for NextHops<'a> {
    #[inline]
    fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError> {
        let len = multipath::check(payload, offset)?;
        Ok(Self(Hops::Received { payload, offset, len }))
    }
}

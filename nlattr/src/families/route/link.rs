//! Links (network interfaces): `RTM_NEWLINK`, `RTM_GETLINK`, `RTM_SETLINK`, `RTM_DELLINK`.
//!
//! [`Link`] is an `ifinfomsg` followed by `IFLA_*` attributes, in the order
//! `rtnl_fill_ifinfo` writes them. `IFLA_LINKINFO` carries the link kind and a
//! sub-message chosen by it ([`LinkData`]: veth, bridge, or raw bytes for other kinds), and
//! for a port, the master's kind and a second sub-message chosen by that
//! ([`SlaveData`]: bridge port, or raw bytes).
//!
//! ```
//! use nlattr::families::route::link::{Link, LinkData, LinkInfo, VethInfo, VethPeer};
//! use nlattr::{consts::*, AttrSet};
//!
//! // `ip link add v0 type veth peer name v1`
//! let req = Link {
//!     ifname: Some("v0"),
//!     linkinfo: Some(LinkInfo {
//!         kind: Some("veth"),
//!         data: Some(LinkData::Veth(VethInfo {
//!             peer: Some(VethPeer { ifname: Some("v1"), ..Default::default() }),
//!             ..Default::default()
//!         })),
//!         ..Default::default()
//!     }),
//!     ..Default::default()
//! };
//! let flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
//! let bytes = req.to_message_vec(RTM_NEWLINK, flags, 1, 0)?;
//!
//! // Decoding gives the same value back, the peer's `ifinfomsg` included.
//! let msg = nlattr::messages(&bytes).next().unwrap()?;
//! assert_eq!(Link::decode_message(&msg)?, req);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::header::{IfInfoMsg, RtnlLinkStats64};
use crate::view::{MultiView, UnknownView};
use crate::{NlAttrs, NlSubMsg, NlValue};

/// `IFNAMSIZ - 1`: the longest interface name.
pub const IFNAME_MAX_LEN: usize = 15;
/// `ALTIFNAMSIZ - 1`: the longest alternative name.
pub const ALT_IFNAME_MAX_LEN: usize = 127;
/// `IFALIASZ - 1`: the longest interface alias.
pub const IFALIAS_MAX_LEN: usize = 255;
/// `MAX_ADDR_LEN`: the longest hardware address.
pub const MAX_ADDR_LEN: usize = 32;

/// `RTEXT_FILTER_VF`: include virtual functions in a link dump (`IFLA_EXT_MASK`).
pub const RTEXT_FILTER_VF: u32 = 1 << 0;
/// `RTEXT_FILTER_SKIP_STATS`: leave counters out of a link dump (`IFLA_EXT_MASK`).
pub const RTEXT_FILTER_SKIP_STATS: u32 = 1 << 3;

/// A link: the payload of `RTM_NEWLINK` (replies, dumps, notifications, creation),
/// `RTM_SETLINK`, `RTM_DELLINK` and `RTM_GETLINK` requests.
///
/// Every attribute is optional; a request sets the ones it changes. Fields are in the
/// order the kernel writes them; attributes not named here are kept in `rest` and written
/// back after them.
#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct Link<'a> {
    /// `struct ifinfomsg`: family, device type, index, `IFF_*` flags and change mask.
    #[nla(header)]
    pub hdr: IfInfoMsg,
    /// `IFLA_IFNAME`: the interface name.
    #[nla(type = IFLA_IFNAME, max_len = 15)]
    pub ifname: Option<&'a str>,
    /// `IFLA_TXQLEN`: transmit queue length.
    #[nla(type = IFLA_TXQLEN)]
    pub txqlen: Option<u32>,
    /// `IFLA_OPERSTATE`: RFC 2863 operational state.
    #[nla(type = IFLA_OPERSTATE)]
    pub operstate: Option<OperState>,
    /// `IFLA_LINKMODE`: `IF_LINK_MODE_DEFAULT` (0), `_DORMANT` (1) or `_TESTING` (2).
    #[nla(type = IFLA_LINKMODE)]
    pub linkmode: Option<u8>,
    /// `IFLA_NETNS_IMMUTABLE`: 1 when the link cannot change namespace.
    #[nla(type = IFLA_NETNS_IMMUTABLE)]
    pub netns_immutable: Option<u8>,
    /// `IFLA_MTU`.
    #[nla(type = IFLA_MTU)]
    pub mtu: Option<u32>,
    /// `IFLA_MIN_MTU`: the smallest MTU the device accepts.
    #[nla(type = IFLA_MIN_MTU)]
    pub min_mtu: Option<u32>,
    /// `IFLA_MAX_MTU`: the largest MTU the device accepts.
    #[nla(type = IFLA_MAX_MTU)]
    pub max_mtu: Option<u32>,
    /// `IFLA_GROUP`: device group.
    #[nla(type = IFLA_GROUP)]
    pub group: Option<u32>,
    /// `IFLA_PROMISCUITY`: promiscuity count.
    #[nla(type = IFLA_PROMISCUITY)]
    pub promiscuity: Option<u32>,
    /// `IFLA_ALLMULTI`: all-multicast count.
    #[nla(type = IFLA_ALLMULTI)]
    pub allmulti: Option<u32>,
    /// `IFLA_NUM_TX_QUEUES`.
    #[nla(type = IFLA_NUM_TX_QUEUES)]
    pub num_tx_queues: Option<u32>,
    /// `IFLA_GSO_MAX_SEGS`.
    #[nla(type = IFLA_GSO_MAX_SEGS)]
    pub gso_max_segs: Option<u32>,
    /// `IFLA_GSO_MAX_SIZE`.
    #[nla(type = IFLA_GSO_MAX_SIZE)]
    pub gso_max_size: Option<u32>,
    /// `IFLA_GRO_MAX_SIZE`.
    #[nla(type = IFLA_GRO_MAX_SIZE)]
    pub gro_max_size: Option<u32>,
    /// `IFLA_GSO_IPV4_MAX_SIZE`.
    #[nla(type = IFLA_GSO_IPV4_MAX_SIZE)]
    pub gso_ipv4_max_size: Option<u32>,
    /// `IFLA_GRO_IPV4_MAX_SIZE`.
    #[nla(type = IFLA_GRO_IPV4_MAX_SIZE)]
    pub gro_ipv4_max_size: Option<u32>,
    /// `IFLA_TSO_MAX_SIZE`.
    #[nla(type = IFLA_TSO_MAX_SIZE)]
    pub tso_max_size: Option<u32>,
    /// `IFLA_TSO_MAX_SEGS`.
    #[nla(type = IFLA_TSO_MAX_SEGS)]
    pub tso_max_segs: Option<u32>,
    /// `IFLA_MAX_PACING_OFFLOAD_HORIZON`, in nanoseconds.
    #[nla(type = IFLA_MAX_PACING_OFFLOAD_HORIZON)]
    pub max_pacing_offload_horizon: Option<u32>,
    /// `IFLA_NUM_RX_QUEUES`.
    #[nla(type = IFLA_NUM_RX_QUEUES)]
    pub num_rx_queues: Option<u32>,
    /// `IFLA_MASTER`: index of the master device (a bridge, a bond); 0 in a request
    /// detaches the link.
    #[nla(type = IFLA_MASTER)]
    pub master: Option<u32>,
    /// `IFLA_CARRIER`: 1 when the carrier is present.
    #[nla(type = IFLA_CARRIER)]
    pub carrier: Option<u8>,
    /// `IFLA_IFALIAS`: free-form description.
    #[nla(type = IFLA_IFALIAS, max_len = 255)]
    pub ifalias: Option<&'a str>,
    /// `IFLA_CARRIER_CHANGES`.
    #[nla(type = IFLA_CARRIER_CHANGES)]
    pub carrier_changes: Option<u32>,
    /// `IFLA_CARRIER_UP_COUNT`.
    #[nla(type = IFLA_CARRIER_UP_COUNT)]
    pub carrier_up_count: Option<u32>,
    /// `IFLA_CARRIER_DOWN_COUNT`.
    #[nla(type = IFLA_CARRIER_DOWN_COUNT)]
    pub carrier_down_count: Option<u32>,
    /// `IFLA_HEADROOM`.
    #[nla(type = IFLA_HEADROOM)]
    pub headroom: Option<u16>,
    /// `IFLA_TAILROOM`.
    #[nla(type = IFLA_TAILROOM)]
    pub tailroom: Option<u16>,
    /// `IFLA_PROTO_DOWN`: 1 when the link is held down by a protocol.
    #[nla(type = IFLA_PROTO_DOWN)]
    pub proto_down: Option<u8>,
    /// `IFLA_ADDRESS`: the hardware address (6 bytes for Ethernet).
    #[nla(type = IFLA_ADDRESS, max_len = 32)]
    pub address: Option<&'a [u8]>,
    /// `IFLA_BROADCAST`: the hardware broadcast address.
    #[nla(type = IFLA_BROADCAST, max_len = 32)]
    pub broadcast: Option<&'a [u8]>,
    /// `IFLA_STATS64`: 64-bit counters; a shorter struct from an older kernel is
    /// zero-extended.
    #[nla(type = IFLA_STATS64)]
    pub stats64: Option<RtnlLinkStats64>,
    /// `IFLA_STATS`: the same counters, truncated to 32 bits.
    #[nla(type = IFLA_STATS, fixed)]
    pub stats: Option<RtnlLinkStats>,
    /// `IFLA_XDP`: attached XDP programs. The kernel does not flag this nest.
    #[nla(type = IFLA_XDP, nested(no_flag))]
    pub xdp: Option<Xdp<'a>>,
    /// `IFLA_LINKINFO`: the link kind and its settings. The kernel does not flag this nest.
    #[nla(type = IFLA_LINKINFO, nested(no_flag))]
    pub linkinfo: Option<LinkInfo<'a>>,
    /// `IFLA_LINK`: index of the underlying link (for a veth, its peer).
    #[nla(type = IFLA_LINK)]
    pub link: Option<u32>,
    /// `IFLA_QDISC`: the root queueing discipline, such as `noqueue`.
    #[nla(type = IFLA_QDISC)]
    pub qdisc: Option<&'a str>,
    /// `IFLA_AF_SPEC`: per-address-family settings (`AF_INET`, `AF_INET6` nests), kept as
    /// bytes.
    #[nla(type = IFLA_AF_SPEC)]
    pub af_spec: Option<&'a [u8]>,
    /// `IFLA_MAP`: the device's memory map.
    #[nla(type = IFLA_MAP, fixed)]
    pub map: Option<RtnlLinkIfmap>,
    /// `IFLA_PROP_LIST`: properties, today the alternative names.
    #[nla(type = IFLA_PROP_LIST, nested)]
    pub prop_list: Option<PropList<'a>>,
    /// `IFLA_EXT_MASK`: what a dump request wants included (`RTEXT_FILTER_*`).
    #[nla(type = IFLA_EXT_MASK)]
    pub ext_mask: Option<u32>,
    /// `IFLA_NET_NS_FD`: move the link to the namespace of this file descriptor.
    #[nla(type = IFLA_NET_NS_FD)]
    pub net_ns_fd: Option<u32>,
    /// Attributes not named above (`IFLA_DEVLINK_PORT`, `IFLA_DPLL_PIN`, ...), kept in
    /// order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

impl<'a> Link<'a> {
    /// The `IFF_*` flags of the header.
    #[must_use]
    pub fn flags(&self) -> IfFlags {
        IfFlags(self.hdr.flags)
    }

    /// The interface index of the header.
    #[must_use]
    pub fn index(&self) -> i32 {
        self.hdr.index
    }

    /// The alternative names (`IFLA_PROP_LIST` / `IFLA_ALT_IFNAME`).
    #[must_use]
    pub fn alt_ifnames(&self) -> MultiView<'a, &'a str> {
        self.prop_list.as_ref().map(|p| p.alt_ifnames).unwrap_or_default()
    }

    /// The link kind (`IFLA_INFO_KIND`), such as `veth` or `bridge`.
    #[must_use]
    pub fn kind(&self) -> Option<&'a str> {
        self.linkinfo.as_ref().and_then(|i| i.kind)
    }
}

/// RFC 2863 operational state (`IFLA_OPERSTATE`, `IF_OPER_*`). Unknown values are kept.
#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[nla(repr = u8)]
#[repr(u8)]
pub enum OperState {
    /// `IF_OPER_UNKNOWN`.
    Unknown = 0,
    /// `IF_OPER_NOTPRESENT`.
    NotPresent = 1,
    /// `IF_OPER_DOWN`.
    Down = 2,
    /// `IF_OPER_LOWERLAYERDOWN`.
    LowerLayerDown = 3,
    /// `IF_OPER_TESTING`.
    Testing = 4,
    /// `IF_OPER_DORMANT`.
    Dormant = 5,
    /// `IF_OPER_UP`.
    Up = 6,
    /// A value this crate does not know.
    #[nla(other)]
    Other(u8),
}

impl OperState {
    /// The name `ip link` prints (`UP`, `DOWN`, `LOWERLAYERDOWN`, ...).
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::Unknown => "UNKNOWN",
            Self::NotPresent => "NOTPRESENT",
            Self::Down => "DOWN",
            Self::LowerLayerDown => "LOWERLAYERDOWN",
            Self::Testing => "TESTING",
            Self::Dormant => "DORMANT",
            Self::Up => "UP",
            Self::Other(_) => return None,
        })
    }
}

/// Device flags (`IFF_*`, `ifinfomsg.ifi_flags`); unknown bits are kept.
#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IfFlags(pub u32);

impl IfFlags {
    /// `IFF_UP`: administratively up.
    pub const UP: u32 = 0x1;
    /// `IFF_BROADCAST`: broadcast address valid.
    pub const BROADCAST: u32 = 0x2;
    /// `IFF_DEBUG`.
    pub const DEBUG: u32 = 0x4;
    /// `IFF_LOOPBACK`.
    pub const LOOPBACK: u32 = 0x8;
    /// `IFF_POINTOPOINT`.
    pub const POINTOPOINT: u32 = 0x10;
    /// `IFF_NOTRAILERS`.
    pub const NOTRAILERS: u32 = 0x20;
    /// `IFF_RUNNING`: operationally up.
    pub const RUNNING: u32 = 0x40;
    /// `IFF_NOARP`.
    pub const NOARP: u32 = 0x80;
    /// `IFF_PROMISC`.
    pub const PROMISC: u32 = 0x100;
    /// `IFF_ALLMULTI`.
    pub const ALLMULTI: u32 = 0x200;
    /// `IFF_MASTER`.
    pub const MASTER: u32 = 0x400;
    /// `IFF_SLAVE`.
    pub const SLAVE: u32 = 0x800;
    /// `IFF_MULTICAST`.
    pub const MULTICAST: u32 = 0x1000;
    /// `IFF_PORTSEL`.
    pub const PORTSEL: u32 = 0x2000;
    /// `IFF_AUTOMEDIA`.
    pub const AUTOMEDIA: u32 = 0x4000;
    /// `IFF_DYNAMIC`.
    pub const DYNAMIC: u32 = 0x8000;
    /// `IFF_LOWER_UP`: the driver signals L1 up.
    pub const LOWER_UP: u32 = 0x1_0000;
    /// `IFF_DORMANT`.
    pub const DORMANT: u32 = 0x2_0000;
    /// `IFF_ECHO`.
    pub const ECHO: u32 = 0x4_0000;

    const NAMES: [(u32, &'static str); 19] = [
        (Self::UP, "UP"),
        (Self::BROADCAST, "BROADCAST"),
        (Self::DEBUG, "DEBUG"),
        (Self::LOOPBACK, "LOOPBACK"),
        (Self::POINTOPOINT, "POINTOPOINT"),
        (Self::NOTRAILERS, "NOTRAILERS"),
        (Self::RUNNING, "RUNNING"),
        (Self::NOARP, "NOARP"),
        (Self::PROMISC, "PROMISC"),
        (Self::ALLMULTI, "ALLMULTI"),
        (Self::MASTER, "MASTER"),
        (Self::SLAVE, "SLAVE"),
        (Self::MULTICAST, "MULTICAST"),
        (Self::PORTSEL, "PORTSEL"),
        (Self::AUTOMEDIA, "AUTOMEDIA"),
        (Self::DYNAMIC, "DYNAMIC"),
        (Self::LOWER_UP, "LOWER_UP"),
        (Self::DORMANT, "DORMANT"),
        (Self::ECHO, "ECHO"),
    ];

    /// Whether every bit of `bits` is set.
    #[must_use]
    pub const fn contains(self, bits: u32) -> bool {
        self.0 & bits == bits
    }

    /// The names of the set bits that have one, lowest bit first (`UP`, `LOWER_UP`...).
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES.into_iter().filter(move |(bit, _)| self.0 & bit != 0).map(|(_, n)| n)
    }
}

/// `struct rtnl_link_stats` (`IFLA_STATS`): the 32-bit counters.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
#[allow(missing_docs)] // the counters are those of `RtnlLinkStats64`, documented in if_link.h
pub struct RtnlLinkStats {
    pub rx_packets: u32,
    pub tx_packets: u32,
    pub rx_bytes: u32,
    pub tx_bytes: u32,
    pub rx_errors: u32,
    pub tx_errors: u32,
    pub rx_dropped: u32,
    pub tx_dropped: u32,
    pub multicast: u32,
    pub collisions: u32,
    pub rx_length_errors: u32,
    pub rx_over_errors: u32,
    pub rx_crc_errors: u32,
    pub rx_frame_errors: u32,
    pub rx_fifo_errors: u32,
    pub rx_missed_errors: u32,
    pub tx_aborted_errors: u32,
    pub tx_carrier_errors: u32,
    pub tx_fifo_errors: u32,
    pub tx_heartbeat_errors: u32,
    pub tx_window_errors: u32,
    pub rx_compressed: u32,
    pub tx_compressed: u32,
    pub rx_nohandler: u32,
}

/// `struct rtnl_link_ifmap` (`IFLA_MAP`): a device's memory map.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct RtnlLinkIfmap {
    /// Start of shared memory.
    pub mem_start: u64,
    /// End of shared memory.
    pub mem_end: u64,
    /// I/O base address.
    pub base_addr: u64,
    /// Interrupt line.
    pub irq: u16,
    /// DMA channel.
    pub dma: u8,
    /// Port type.
    pub port: u8,
    /// The C struct's tail padding, zero.
    pub pad: [u8; 4],
}

/// `IFLA_XDP`: attached XDP programs.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct Xdp<'a> {
    /// `IFLA_XDP_ATTACHED`: `XDP_ATTACHED_NONE` (0), `_DRV`, `_SKB`, `_HW`, `_MULTI`.
    #[nla(type = IFLA_XDP_ATTACHED)]
    pub attached: Option<u8>,
    /// `IFLA_XDP_PROG_ID`: id of the attached program.
    #[nla(type = IFLA_XDP_PROG_ID)]
    pub prog_id: Option<u32>,
    /// Other `IFLA_XDP_*` attributes, kept as bytes.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `IFLA_PROP_LIST`: link properties.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct PropList<'a> {
    /// `IFLA_ALT_IFNAME`, repeated: the alternative names.
    #[nla(type = IFLA_ALT_IFNAME, multi, max_len = 127)]
    pub alt_ifnames: MultiView<'a, &'a str>,
}

/// `IFLA_LINKINFO`: the link kind, its settings and its port settings.
#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct LinkInfo<'a> {
    /// `IFLA_INFO_KIND`: `veth`, `bridge`, `dummy`, `vlan`...
    #[nla(type = IFLA_INFO_KIND)]
    pub kind: Option<&'a str>,
    /// `IFLA_INFO_DATA`: settings whose format `kind` selects, whichever comes first. The
    /// kernel does not flag this nest.
    #[nla(type = IFLA_INFO_DATA, submsg(selector = kind, no_flag))]
    pub data: Option<LinkData<'a>>,
    /// `IFLA_INFO_SLAVE_KIND`: the kind of the master this link is a port of.
    #[nla(type = IFLA_INFO_SLAVE_KIND)]
    pub slave_kind: Option<&'a str>,
    /// `IFLA_INFO_SLAVE_DATA`: port settings whose format `slave_kind` selects. The kernel
    /// does not flag this nest.
    #[nla(type = IFLA_INFO_SLAVE_DATA, submsg(selector = slave_kind, no_flag))]
    pub slave_data: Option<SlaveData<'a>>,
    /// Other `IFLA_INFO_*` attributes (`IFLA_INFO_XSTATS`), kept and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `IFLA_INFO_DATA`, by `IFLA_INFO_KIND`.
#[derive(NlSubMsg, Debug, Clone, PartialEq)]
pub enum LinkData<'a> {
    /// `veth`: the peer to create with the link.
    #[nla(select = "veth")]
    Veth(VethInfo<'a>),
    /// `bridge`: the bridge's settings.
    #[nla(select = "bridge")]
    Bridge(BridgeInfo<'a>),
    /// Any other kind: the payload as it came.
    #[nla(other)]
    Other(&'a [u8]),
}

/// The `IFLA_INFO_DATA` of a veth.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct VethInfo<'a> {
    /// `VETH_INFO_PEER`: the peer link, an `ifinfomsg` then link attributes.
    #[nla(type = VETH_INFO_PEER, nested)]
    pub peer: Option<VethPeer<'a>>,
}

/// The peer of a new veth (`VETH_INFO_PEER`): a header inside an attribute, then the same
/// attributes as a link request.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct VethPeer<'a> {
    /// `struct ifinfomsg` of the peer (flags to set, or zero).
    #[nla(header)]
    pub hdr: IfInfoMsg,
    /// `IFLA_IFNAME`: the peer's name.
    #[nla(type = IFLA_IFNAME, max_len = 15)]
    pub ifname: Option<&'a str>,
    /// `IFLA_TXQLEN`.
    #[nla(type = IFLA_TXQLEN)]
    pub txqlen: Option<u32>,
    /// `IFLA_MTU`.
    #[nla(type = IFLA_MTU)]
    pub mtu: Option<u32>,
    /// `IFLA_ADDRESS`: the peer's hardware address.
    #[nla(type = IFLA_ADDRESS, max_len = 32)]
    pub address: Option<&'a [u8]>,
    /// `IFLA_NET_NS_FD`: create the peer in the namespace of this file descriptor.
    #[nla(type = IFLA_NET_NS_FD)]
    pub net_ns_fd: Option<u32>,
    /// Other link attributes, kept and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `struct ifla_bridge_id` (`IFLA_BR_ROOT_ID`, `IFLA_BR_BRIDGE_ID`).
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct BridgeId {
    /// Bridge priority, big-endian as in the STP bridge identifier.
    pub prio: [u8; 2],
    /// Bridge MAC address.
    pub addr: [u8; 6],
}

/// `struct br_boolopt_multi` (`IFLA_BR_MULTI_BOOLOPT`): `BR_BOOLOPT_*` bits.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct BoolOptMulti {
    /// Option values.
    pub optval: u32,
    /// Which options `optval` sets.
    pub optmask: u32,
}

/// The `IFLA_INFO_DATA` of a bridge (`IFLA_BR_*`), in the order `br_fill_info` writes
/// it. Times are in centiseconds (clock ticks at `USER_HZ`).
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct BridgeInfo<'a> {
    /// `IFLA_BR_HELLO_TIMER`.
    #[nla(type = IFLA_BR_HELLO_TIMER)]
    pub hello_timer: Option<u64>,
    /// `IFLA_BR_TCN_TIMER`.
    #[nla(type = IFLA_BR_TCN_TIMER)]
    pub tcn_timer: Option<u64>,
    /// `IFLA_BR_TOPOLOGY_CHANGE_TIMER`.
    #[nla(type = IFLA_BR_TOPOLOGY_CHANGE_TIMER)]
    pub topology_change_timer: Option<u64>,
    /// `IFLA_BR_GC_TIMER`.
    #[nla(type = IFLA_BR_GC_TIMER)]
    pub gc_timer: Option<u64>,
    /// `IFLA_BR_FORWARD_DELAY`.
    #[nla(type = IFLA_BR_FORWARD_DELAY)]
    pub forward_delay: Option<u32>,
    /// `IFLA_BR_HELLO_TIME`.
    #[nla(type = IFLA_BR_HELLO_TIME)]
    pub hello_time: Option<u32>,
    /// `IFLA_BR_MAX_AGE`.
    #[nla(type = IFLA_BR_MAX_AGE)]
    pub max_age: Option<u32>,
    /// `IFLA_BR_AGEING_TIME`.
    #[nla(type = IFLA_BR_AGEING_TIME)]
    pub ageing_time: Option<u32>,
    /// `IFLA_BR_STP_STATE`: 0 off, 1 kernel STP, 2 user-space STP.
    #[nla(type = IFLA_BR_STP_STATE)]
    pub stp_state: Option<u32>,
    /// `IFLA_BR_PRIORITY`.
    #[nla(type = IFLA_BR_PRIORITY)]
    pub priority: Option<u16>,
    /// `IFLA_BR_VLAN_FILTERING`.
    #[nla(type = IFLA_BR_VLAN_FILTERING)]
    pub vlan_filtering: Option<u8>,
    /// `IFLA_BR_GROUP_FWD_MASK`.
    #[nla(type = IFLA_BR_GROUP_FWD_MASK)]
    pub group_fwd_mask: Option<u16>,
    /// `IFLA_BR_BRIDGE_ID`.
    #[nla(type = IFLA_BR_BRIDGE_ID, fixed)]
    pub bridge_id: Option<BridgeId>,
    /// `IFLA_BR_ROOT_ID`.
    #[nla(type = IFLA_BR_ROOT_ID, fixed)]
    pub root_id: Option<BridgeId>,
    /// `IFLA_BR_ROOT_PORT`.
    #[nla(type = IFLA_BR_ROOT_PORT)]
    pub root_port: Option<u16>,
    /// `IFLA_BR_ROOT_PATH_COST`.
    #[nla(type = IFLA_BR_ROOT_PATH_COST)]
    pub root_path_cost: Option<u32>,
    /// `IFLA_BR_TOPOLOGY_CHANGE`.
    #[nla(type = IFLA_BR_TOPOLOGY_CHANGE)]
    pub topology_change: Option<u8>,
    /// `IFLA_BR_TOPOLOGY_CHANGE_DETECTED`.
    #[nla(type = IFLA_BR_TOPOLOGY_CHANGE_DETECTED)]
    pub topology_change_detected: Option<u8>,
    /// `IFLA_BR_GROUP_ADDR`: the STP group address.
    #[nla(type = IFLA_BR_GROUP_ADDR)]
    pub group_addr: Option<[u8; 6]>,
    /// `IFLA_BR_MULTI_BOOLOPT`.
    #[nla(type = IFLA_BR_MULTI_BOOLOPT, fixed)]
    pub multi_boolopt: Option<BoolOptMulti>,
    /// `IFLA_BR_FDB_N_LEARNED`.
    #[nla(type = IFLA_BR_FDB_N_LEARNED)]
    pub fdb_n_learned: Option<u32>,
    /// `IFLA_BR_FDB_MAX_LEARNED`.
    #[nla(type = IFLA_BR_FDB_MAX_LEARNED)]
    pub fdb_max_learned: Option<u32>,
    /// `IFLA_BR_VLAN_PROTOCOL`: `0x8100` (802.1Q) or `0x88a8` (802.1ad), big-endian.
    #[nla(type = IFLA_BR_VLAN_PROTOCOL, be)]
    pub vlan_protocol: Option<u16>,
    /// `IFLA_BR_VLAN_DEFAULT_PVID`.
    #[nla(type = IFLA_BR_VLAN_DEFAULT_PVID)]
    pub vlan_default_pvid: Option<u16>,
    /// `IFLA_BR_VLAN_STATS_ENABLED`.
    #[nla(type = IFLA_BR_VLAN_STATS_ENABLED)]
    pub vlan_stats_enabled: Option<u8>,
    /// `IFLA_BR_VLAN_STATS_PER_PORT`.
    #[nla(type = IFLA_BR_VLAN_STATS_PER_PORT)]
    pub vlan_stats_per_port: Option<u8>,
    /// `IFLA_BR_MCAST_ROUTER`.
    #[nla(type = IFLA_BR_MCAST_ROUTER)]
    pub mcast_router: Option<u8>,
    /// `IFLA_BR_MCAST_SNOOPING`.
    #[nla(type = IFLA_BR_MCAST_SNOOPING)]
    pub mcast_snooping: Option<u8>,
    /// `IFLA_BR_MCAST_QUERY_USE_IFADDR`.
    #[nla(type = IFLA_BR_MCAST_QUERY_USE_IFADDR)]
    pub mcast_query_use_ifaddr: Option<u8>,
    /// `IFLA_BR_MCAST_QUERIER`.
    #[nla(type = IFLA_BR_MCAST_QUERIER)]
    pub mcast_querier: Option<u8>,
    /// `IFLA_BR_MCAST_STATS_ENABLED`.
    #[nla(type = IFLA_BR_MCAST_STATS_ENABLED)]
    pub mcast_stats_enabled: Option<u8>,
    /// `IFLA_BR_MCAST_HASH_ELASTICITY`.
    #[nla(type = IFLA_BR_MCAST_HASH_ELASTICITY)]
    pub mcast_hash_elasticity: Option<u32>,
    /// `IFLA_BR_MCAST_HASH_MAX`.
    #[nla(type = IFLA_BR_MCAST_HASH_MAX)]
    pub mcast_hash_max: Option<u32>,
    /// `IFLA_BR_MCAST_LAST_MEMBER_CNT`.
    #[nla(type = IFLA_BR_MCAST_LAST_MEMBER_CNT)]
    pub mcast_last_member_cnt: Option<u32>,
    /// `IFLA_BR_MCAST_STARTUP_QUERY_CNT`.
    #[nla(type = IFLA_BR_MCAST_STARTUP_QUERY_CNT)]
    pub mcast_startup_query_cnt: Option<u32>,
    /// `IFLA_BR_MCAST_IGMP_VERSION`.
    #[nla(type = IFLA_BR_MCAST_IGMP_VERSION)]
    pub mcast_igmp_version: Option<u8>,
    /// `IFLA_BR_MCAST_MLD_VERSION`.
    #[nla(type = IFLA_BR_MCAST_MLD_VERSION)]
    pub mcast_mld_version: Option<u8>,
    /// `IFLA_BR_MCAST_LAST_MEMBER_INTVL`.
    #[nla(type = IFLA_BR_MCAST_LAST_MEMBER_INTVL)]
    pub mcast_last_member_intvl: Option<u64>,
    /// `IFLA_BR_MCAST_MEMBERSHIP_INTVL`.
    #[nla(type = IFLA_BR_MCAST_MEMBERSHIP_INTVL)]
    pub mcast_membership_intvl: Option<u64>,
    /// `IFLA_BR_MCAST_QUERIER_INTVL`.
    #[nla(type = IFLA_BR_MCAST_QUERIER_INTVL)]
    pub mcast_querier_intvl: Option<u64>,
    /// `IFLA_BR_MCAST_QUERY_INTVL`.
    #[nla(type = IFLA_BR_MCAST_QUERY_INTVL)]
    pub mcast_query_intvl: Option<u64>,
    /// `IFLA_BR_MCAST_QUERY_RESPONSE_INTVL`.
    #[nla(type = IFLA_BR_MCAST_QUERY_RESPONSE_INTVL)]
    pub mcast_query_response_intvl: Option<u64>,
    /// `IFLA_BR_MCAST_STARTUP_QUERY_INTVL`.
    #[nla(type = IFLA_BR_MCAST_STARTUP_QUERY_INTVL)]
    pub mcast_startup_query_intvl: Option<u64>,
    /// `IFLA_BR_NF_CALL_IPTABLES`.
    #[nla(type = IFLA_BR_NF_CALL_IPTABLES)]
    pub nf_call_iptables: Option<u8>,
    /// `IFLA_BR_NF_CALL_IP6TABLES`.
    #[nla(type = IFLA_BR_NF_CALL_IP6TABLES)]
    pub nf_call_ip6tables: Option<u8>,
    /// `IFLA_BR_NF_CALL_ARPTABLES`.
    #[nla(type = IFLA_BR_NF_CALL_ARPTABLES)]
    pub nf_call_arptables: Option<u8>,
    /// `IFLA_BR_FDB_FLUSH`: in a request, flush the forwarding database.
    #[nla(type = IFLA_BR_FDB_FLUSH, flag)]
    pub fdb_flush: bool,
    /// Other `IFLA_BR_*` attributes (`IFLA_BR_MCAST_QUERIER_STATE`, ...), kept as bytes.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// The `IFLA_INFO_SLAVE_DATA` of a bridge port (`IFLA_BRPORT_*`), in the order
/// `br_port_fill_attrs` writes it.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct BridgePortInfo<'a> {
    /// `IFLA_BRPORT_STATE`: STP port state (`BR_STATE_*`).
    #[nla(type = IFLA_BRPORT_STATE)]
    pub state: Option<u8>,
    /// `IFLA_BRPORT_PRIORITY`: port priority.
    #[nla(type = IFLA_BRPORT_PRIORITY)]
    pub priority: Option<u16>,
    /// `IFLA_BRPORT_COST`: port cost.
    #[nla(type = IFLA_BRPORT_COST)]
    pub cost: Option<u32>,
    /// `IFLA_BRPORT_MODE`: hairpin mode.
    #[nla(type = IFLA_BRPORT_MODE)]
    pub mode: Option<u8>,
    /// `IFLA_BRPORT_GUARD`: BPDU guard.
    #[nla(type = IFLA_BRPORT_GUARD)]
    pub guard: Option<u8>,
    /// `IFLA_BRPORT_PROTECT`: root port protection.
    #[nla(type = IFLA_BRPORT_PROTECT)]
    pub protect: Option<u8>,
    /// `IFLA_BRPORT_FAST_LEAVE`: multicast fast leave.
    #[nla(type = IFLA_BRPORT_FAST_LEAVE)]
    pub fast_leave: Option<u8>,
    /// `IFLA_BRPORT_MCAST_TO_UCAST`: multicast to unicast.
    #[nla(type = IFLA_BRPORT_MCAST_TO_UCAST)]
    pub mcast_to_ucast: Option<u8>,
    /// `IFLA_BRPORT_LEARNING`: learn source addresses.
    #[nla(type = IFLA_BRPORT_LEARNING)]
    pub learning: Option<u8>,
    /// `IFLA_BRPORT_UNICAST_FLOOD`: flood unknown unicast.
    #[nla(type = IFLA_BRPORT_UNICAST_FLOOD)]
    pub unicast_flood: Option<u8>,
    /// `IFLA_BRPORT_MCAST_FLOOD`: flood unknown multicast.
    #[nla(type = IFLA_BRPORT_MCAST_FLOOD)]
    pub mcast_flood: Option<u8>,
    /// `IFLA_BRPORT_BCAST_FLOOD`: flood broadcast.
    #[nla(type = IFLA_BRPORT_BCAST_FLOOD)]
    pub bcast_flood: Option<u8>,
    /// `IFLA_BRPORT_PROXYARP`: proxy ARP.
    #[nla(type = IFLA_BRPORT_PROXYARP)]
    pub proxyarp: Option<u8>,
    /// `IFLA_BRPORT_PROXYARP_WIFI`: proxy ARP for Wi-Fi.
    #[nla(type = IFLA_BRPORT_PROXYARP_WIFI)]
    pub proxyarp_wifi: Option<u8>,
    /// `IFLA_BRPORT_ROOT_ID`: designated root (`struct ifla_bridge_id`).
    #[nla(type = IFLA_BRPORT_ROOT_ID, fixed)]
    pub root_id: Option<BridgeId>,
    /// `IFLA_BRPORT_BRIDGE_ID`: designated bridge (`struct ifla_bridge_id`).
    #[nla(type = IFLA_BRPORT_BRIDGE_ID, fixed)]
    pub bridge_id: Option<BridgeId>,
    /// `IFLA_BRPORT_DESIGNATED_PORT`: designated port.
    #[nla(type = IFLA_BRPORT_DESIGNATED_PORT)]
    pub designated_port: Option<u16>,
    /// `IFLA_BRPORT_DESIGNATED_COST`: designated cost.
    #[nla(type = IFLA_BRPORT_DESIGNATED_COST)]
    pub designated_cost: Option<u16>,
    /// `IFLA_BRPORT_ID`: port id.
    #[nla(type = IFLA_BRPORT_ID)]
    pub port_id: Option<u16>,
    /// `IFLA_BRPORT_NO`: port number.
    #[nla(type = IFLA_BRPORT_NO)]
    pub port_no: Option<u16>,
    /// `IFLA_BRPORT_TOPOLOGY_CHANGE_ACK`: topology change acknowledgement.
    #[nla(type = IFLA_BRPORT_TOPOLOGY_CHANGE_ACK)]
    pub topology_change_ack: Option<u8>,
    /// `IFLA_BRPORT_CONFIG_PENDING`: configuration BPDU pending.
    #[nla(type = IFLA_BRPORT_CONFIG_PENDING)]
    pub config_pending: Option<u8>,
    /// `IFLA_BRPORT_VLAN_TUNNEL`: VLAN tunnel mapping.
    #[nla(type = IFLA_BRPORT_VLAN_TUNNEL)]
    pub vlan_tunnel: Option<u8>,
    /// `IFLA_BRPORT_GROUP_FWD_MASK`: group forward mask.
    #[nla(type = IFLA_BRPORT_GROUP_FWD_MASK)]
    pub group_fwd_mask: Option<u16>,
    /// `IFLA_BRPORT_NEIGH_SUPPRESS`: ARP/ND suppression.
    #[nla(type = IFLA_BRPORT_NEIGH_SUPPRESS)]
    pub neigh_suppress: Option<u8>,
    /// `IFLA_BRPORT_MRP_RING_OPEN`: MRP ring open.
    #[nla(type = IFLA_BRPORT_MRP_RING_OPEN)]
    pub mrp_ring_open: Option<u8>,
    /// `IFLA_BRPORT_MRP_IN_OPEN`: MRP interconnect open.
    #[nla(type = IFLA_BRPORT_MRP_IN_OPEN)]
    pub mrp_in_open: Option<u8>,
    /// `IFLA_BRPORT_ISOLATED`: isolated port.
    #[nla(type = IFLA_BRPORT_ISOLATED)]
    pub isolated: Option<u8>,
    /// `IFLA_BRPORT_LOCKED`: port locked (802.1X).
    #[nla(type = IFLA_BRPORT_LOCKED)]
    pub locked: Option<u8>,
    /// `IFLA_BRPORT_MAB`: MAC authentication bypass.
    #[nla(type = IFLA_BRPORT_MAB)]
    pub mab: Option<u8>,
    /// `IFLA_BRPORT_NEIGH_VLAN_SUPPRESS`: per-VLAN ARP/ND suppression.
    #[nla(type = IFLA_BRPORT_NEIGH_VLAN_SUPPRESS)]
    pub neigh_vlan_suppress: Option<u8>,
    /// `IFLA_BRPORT_MESSAGE_AGE_TIMER`: message age timer in centiseconds.
    #[nla(type = IFLA_BRPORT_MESSAGE_AGE_TIMER)]
    pub message_age_timer: Option<u64>,
    /// `IFLA_BRPORT_FORWARD_DELAY_TIMER`: forward delay timer in centiseconds.
    #[nla(type = IFLA_BRPORT_FORWARD_DELAY_TIMER)]
    pub forward_delay_timer: Option<u64>,
    /// `IFLA_BRPORT_HOLD_TIMER`: hold timer in centiseconds.
    #[nla(type = IFLA_BRPORT_HOLD_TIMER)]
    pub hold_timer: Option<u64>,
    /// `IFLA_BRPORT_MULTICAST_ROUTER`: multicast router mode.
    #[nla(type = IFLA_BRPORT_MULTICAST_ROUTER)]
    pub multicast_router: Option<u8>,
    /// `IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT`: multicast EHT hosts limit.
    #[nla(type = IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT)]
    pub mcast_eht_hosts_limit: Option<u32>,
    /// `IFLA_BRPORT_MCAST_EHT_HOSTS_CNT`: multicast EHT hosts count.
    #[nla(type = IFLA_BRPORT_MCAST_EHT_HOSTS_CNT)]
    pub mcast_eht_hosts_cnt: Option<u32>,
    /// `IFLA_BRPORT_MCAST_N_GROUPS`: multicast groups joined.
    #[nla(type = IFLA_BRPORT_MCAST_N_GROUPS)]
    pub mcast_n_groups: Option<u32>,
    /// `IFLA_BRPORT_MCAST_MAX_GROUPS`: largest number of multicast groups.
    #[nla(type = IFLA_BRPORT_MCAST_MAX_GROUPS)]
    pub mcast_max_groups: Option<u32>,
    /// `IFLA_BRPORT_LEARNING_SYNC`: sync learned addresses to the device.
    #[nla(type = IFLA_BRPORT_LEARNING_SYNC)]
    pub learning_sync: Option<u8>,
    /// `IFLA_BRPORT_BACKUP_PORT`: index of the backup port.
    #[nla(type = IFLA_BRPORT_BACKUP_PORT)]
    pub backup_port: Option<u32>,
    /// `IFLA_BRPORT_BACKUP_NHID`: backup nexthop id.
    #[nla(type = IFLA_BRPORT_BACKUP_NHID)]
    pub backup_nhid: Option<u32>,
    /// `IFLA_BRPORT_FLUSH`: in a request, flush the port's FDB entries.
    #[nla(type = IFLA_BRPORT_FLUSH, flag)]
    pub flush: bool,
    /// Other `IFLA_BRPORT_*` attributes, kept as bytes.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `IFLA_INFO_SLAVE_DATA`, by `IFLA_INFO_SLAVE_KIND`.
#[derive(NlSubMsg, Debug, Clone, PartialEq)]
pub enum SlaveData<'a> {
    /// A port of a bridge.
    #[nla(select = "bridge")]
    Bridge(BridgePortInfo<'a>),
    /// A port of any other kind of master: the payload as it came.
    #[nla(other)]
    Other(&'a [u8]),
}

// Link attributes (`enum` in `include/uapi/linux/if_link.h`).
/// `IFLA_ADDRESS`: hardware address (binary).
pub const IFLA_ADDRESS: u16 = 1;
/// `IFLA_BROADCAST`: hardware broadcast address (binary).
pub const IFLA_BROADCAST: u16 = 2;
/// `IFLA_IFNAME`: interface name (string, at most 15 bytes).
pub const IFLA_IFNAME: u16 = 3;
/// `IFLA_MTU`: MTU (`u32`).
pub const IFLA_MTU: u16 = 4;
/// `IFLA_LINK`: index of the underlying or peer link (`u32`).
pub const IFLA_LINK: u16 = 5;
/// `IFLA_QDISC`: name of the root queueing discipline (string).
pub const IFLA_QDISC: u16 = 6;
/// `IFLA_STATS`: 32-bit counters (`struct rtnl_link_stats`).
pub const IFLA_STATS: u16 = 7;
/// `IFLA_COST`: unused.
pub const IFLA_COST: u16 = 8;
/// `IFLA_PRIORITY`: unused.
pub const IFLA_PRIORITY: u16 = 9;
/// `IFLA_MASTER`: index of the master device, such as a bridge (`u32`).
pub const IFLA_MASTER: u16 = 10;
/// `IFLA_WIRELESS`: wireless extension event.
pub const IFLA_WIRELESS: u16 = 11;
/// `IFLA_PROTINFO`: protocol-specific information (nested).
pub const IFLA_PROTINFO: u16 = 12;
/// `IFLA_TXQLEN`: transmit queue length (`u32`).
pub const IFLA_TXQLEN: u16 = 13;
/// `IFLA_MAP`: device memory map (`struct rtnl_link_ifmap`).
pub const IFLA_MAP: u16 = 14;
/// `IFLA_WEIGHT`: unused.
pub const IFLA_WEIGHT: u16 = 15;
/// `IFLA_OPERSTATE`: RFC 2863 operational state (`u8`, `IF_OPER_*`).
pub const IFLA_OPERSTATE: u16 = 16;
/// `IFLA_LINKMODE`: link mode (`u8`, `IF_LINK_MODE_*`).
pub const IFLA_LINKMODE: u16 = 17;
/// `IFLA_LINKINFO`: link kind and its data (nested `IFLA_INFO_*`).
pub const IFLA_LINKINFO: u16 = 18;
/// `IFLA_NET_NS_PID`: move to the network namespace of this process (`u32`).
pub const IFLA_NET_NS_PID: u16 = 19;
/// `IFLA_IFALIAS`: interface alias (string, at most 255 bytes).
pub const IFLA_IFALIAS: u16 = 20;
/// `IFLA_NUM_VF`: number of SR-IOV virtual functions (`u32`).
pub const IFLA_NUM_VF: u16 = 21;
/// `IFLA_VFINFO_LIST`: virtual function information (nested).
pub const IFLA_VFINFO_LIST: u16 = 22;
/// `IFLA_STATS64`: 64-bit counters (`struct rtnl_link_stats64`).
pub const IFLA_STATS64: u16 = 23;
/// `IFLA_VF_PORTS`: virtual function ports (nested).
pub const IFLA_VF_PORTS: u16 = 24;
/// `IFLA_PORT_SELF`: port profile of the device itself (nested).
pub const IFLA_PORT_SELF: u16 = 25;
/// `IFLA_AF_SPEC`: per-address-family settings (nested by `AF_*`).
pub const IFLA_AF_SPEC: u16 = 26;
/// `IFLA_GROUP`: device group (`u32`).
pub const IFLA_GROUP: u16 = 27;
/// `IFLA_NET_NS_FD`: move to the network namespace of this file descriptor (`u32`).
pub const IFLA_NET_NS_FD: u16 = 28;
/// `IFLA_EXT_MASK`: what a dump should include (`u32`, `RTEXT_FILTER_*`).
pub const IFLA_EXT_MASK: u16 = 29;
/// `IFLA_PROMISCUITY`: promiscuity count (`u32`).
pub const IFLA_PROMISCUITY: u16 = 30;
/// `IFLA_NUM_TX_QUEUES`: number of transmit queues (`u32`).
pub const IFLA_NUM_TX_QUEUES: u16 = 31;
/// `IFLA_NUM_RX_QUEUES`: number of receive queues (`u32`).
pub const IFLA_NUM_RX_QUEUES: u16 = 32;
/// `IFLA_CARRIER`: carrier present (`u8`).
pub const IFLA_CARRIER: u16 = 33;
/// `IFLA_PHYS_PORT_ID`: physical port id (binary).
pub const IFLA_PHYS_PORT_ID: u16 = 34;
/// `IFLA_CARRIER_CHANGES`: number of carrier changes (`u32`).
pub const IFLA_CARRIER_CHANGES: u16 = 35;
/// `IFLA_PHYS_SWITCH_ID`: physical switch id (binary).
pub const IFLA_PHYS_SWITCH_ID: u16 = 36;
/// `IFLA_LINK_NETNSID`: namespace id of `IFLA_LINK` (`s32`).
pub const IFLA_LINK_NETNSID: u16 = 37;
/// `IFLA_PHYS_PORT_NAME`: physical port name (string).
pub const IFLA_PHYS_PORT_NAME: u16 = 38;
/// `IFLA_PROTO_DOWN`: protocol down (`u8`).
pub const IFLA_PROTO_DOWN: u16 = 39;
/// `IFLA_GSO_MAX_SEGS`: largest GSO segment count (`u32`).
pub const IFLA_GSO_MAX_SEGS: u16 = 40;
/// `IFLA_GSO_MAX_SIZE`: largest GSO size (`u32`).
pub const IFLA_GSO_MAX_SIZE: u16 = 41;
/// `IFLA_PAD`: padding before 64-bit attributes (empty).
pub const IFLA_PAD: u16 = 42;
/// `IFLA_XDP`: attached XDP programs (nested `IFLA_XDP_*`).
pub const IFLA_XDP: u16 = 43;
/// `IFLA_EVENT`: what caused a notification (`u32`).
pub const IFLA_EVENT: u16 = 44;
/// `IFLA_NEW_NETNSID`: namespace id the link moved to (`s32`).
pub const IFLA_NEW_NETNSID: u16 = 45;
/// `IFLA_TARGET_NETNSID`: operate in the namespace with this id (`s32`; was `IFLA_IF_NETNSID`).
pub const IFLA_TARGET_NETNSID: u16 = 46;
/// `IFLA_CARRIER_UP_COUNT`: number of carrier-up events (`u32`).
pub const IFLA_CARRIER_UP_COUNT: u16 = 47;
/// `IFLA_CARRIER_DOWN_COUNT`: number of carrier-down events (`u32`).
pub const IFLA_CARRIER_DOWN_COUNT: u16 = 48;
/// `IFLA_NEW_IFINDEX`: index the link gets in its new namespace (`s32`).
pub const IFLA_NEW_IFINDEX: u16 = 49;
/// `IFLA_MIN_MTU`: smallest MTU the device accepts (`u32`).
pub const IFLA_MIN_MTU: u16 = 50;
/// `IFLA_MAX_MTU`: largest MTU the device accepts (`u32`).
pub const IFLA_MAX_MTU: u16 = 51;
/// `IFLA_PROP_LIST`: property list (nested; holds `IFLA_ALT_IFNAME`s).
pub const IFLA_PROP_LIST: u16 = 52;
/// `IFLA_ALT_IFNAME`: an alternative interface name (string, at most 127 bytes).
pub const IFLA_ALT_IFNAME: u16 = 53;
/// `IFLA_PERM_ADDRESS`: permanent hardware address (binary).
pub const IFLA_PERM_ADDRESS: u16 = 54;
/// `IFLA_PROTO_DOWN_REASON`: reasons for protocol down (nested).
pub const IFLA_PROTO_DOWN_REASON: u16 = 55;
/// `IFLA_PARENT_DEV_NAME`: name of the parent device (string).
pub const IFLA_PARENT_DEV_NAME: u16 = 56;
/// `IFLA_PARENT_DEV_BUS_NAME`: bus of the parent device (string).
pub const IFLA_PARENT_DEV_BUS_NAME: u16 = 57;
/// `IFLA_GRO_MAX_SIZE`: largest GRO size (`u32`).
pub const IFLA_GRO_MAX_SIZE: u16 = 58;
/// `IFLA_TSO_MAX_SIZE`: largest TSO size the device supports (`u32`).
pub const IFLA_TSO_MAX_SIZE: u16 = 59;
/// `IFLA_TSO_MAX_SEGS`: largest TSO segment count the device supports (`u32`).
pub const IFLA_TSO_MAX_SEGS: u16 = 60;
/// `IFLA_ALLMULTI`: all-multicast count (`u32`).
pub const IFLA_ALLMULTI: u16 = 61;
/// `IFLA_DEVLINK_PORT`: devlink port (nested).
pub const IFLA_DEVLINK_PORT: u16 = 62;
/// `IFLA_GSO_IPV4_MAX_SIZE`: largest IPv4 GSO size (`u32`).
pub const IFLA_GSO_IPV4_MAX_SIZE: u16 = 63;
/// `IFLA_GRO_IPV4_MAX_SIZE`: largest IPv4 GRO size (`u32`).
pub const IFLA_GRO_IPV4_MAX_SIZE: u16 = 64;
/// `IFLA_DPLL_PIN`: DPLL pin (nested).
pub const IFLA_DPLL_PIN: u16 = 65;
/// `IFLA_MAX_PACING_OFFLOAD_HORIZON`: largest pacing offload horizon in nanoseconds (`u32`).
pub const IFLA_MAX_PACING_OFFLOAD_HORIZON: u16 = 66;
/// `IFLA_NETNS_IMMUTABLE`: the link cannot change namespace (`u8`).
pub const IFLA_NETNS_IMMUTABLE: u16 = 67;
/// `IFLA_HEADROOM`: needed headroom (`u16`).
pub const IFLA_HEADROOM: u16 = 68;
/// `IFLA_TAILROOM`: needed tailroom (`u16`).
pub const IFLA_TAILROOM: u16 = 69;

// Link info (`IFLA_INFO_*`), veth (`include/uapi/linux/veth.h`) and XDP attributes.
/// `IFLA_INFO_KIND`: link kind, such as `veth` or `bridge` (string).
pub const IFLA_INFO_KIND: u16 = 1;
/// `IFLA_INFO_DATA`: kind-specific settings (nested; format chosen by `IFLA_INFO_KIND`).
pub const IFLA_INFO_DATA: u16 = 2;
/// `IFLA_INFO_XSTATS`: kind-specific statistics.
pub const IFLA_INFO_XSTATS: u16 = 3;
/// `IFLA_INFO_SLAVE_KIND`: kind of the master this link is a port of (string).
pub const IFLA_INFO_SLAVE_KIND: u16 = 4;
/// `IFLA_INFO_SLAVE_DATA`: port settings, format chosen by `IFLA_INFO_SLAVE_KIND` (nested).
pub const IFLA_INFO_SLAVE_DATA: u16 = 5;
/// `VETH_INFO_PEER`: the peer of a new veth: `ifinfomsg` then `IFLA_*` attributes.
pub const VETH_INFO_PEER: u16 = 1;
/// `IFLA_XDP_FD`: program file descriptor to attach (`s32`).
pub const IFLA_XDP_FD: u16 = 1;
/// `IFLA_XDP_ATTACHED`: attach mode (`u8`, `XDP_ATTACHED_*`).
pub const IFLA_XDP_ATTACHED: u16 = 2;
/// `IFLA_XDP_FLAGS`: `XDP_FLAGS_*` (`u32`).
pub const IFLA_XDP_FLAGS: u16 = 3;
/// `IFLA_XDP_PROG_ID`: id of the attached program (`u32`).
pub const IFLA_XDP_PROG_ID: u16 = 4;
/// `IFLA_XDP_DRV_PROG_ID`: id of the program attached in driver mode (`u32`).
pub const IFLA_XDP_DRV_PROG_ID: u16 = 5;
/// `IFLA_XDP_SKB_PROG_ID`: id of the program attached in generic mode (`u32`).
pub const IFLA_XDP_SKB_PROG_ID: u16 = 6;
/// `IFLA_XDP_HW_PROG_ID`: id of the program offloaded to hardware (`u32`).
pub const IFLA_XDP_HW_PROG_ID: u16 = 7;
/// `IFLA_XDP_EXPECTED_FD`: replace only this program (`s32`).
pub const IFLA_XDP_EXPECTED_FD: u16 = 8;

// Bridge settings (`IFLA_BR_*`), the `IFLA_INFO_DATA` of kind `bridge`.
/// `IFLA_BR_FORWARD_DELAY`: forward delay in centiseconds (`u32`).
pub const IFLA_BR_FORWARD_DELAY: u16 = 1;
/// `IFLA_BR_HELLO_TIME`: hello time in centiseconds (`u32`).
pub const IFLA_BR_HELLO_TIME: u16 = 2;
/// `IFLA_BR_MAX_AGE`: maximum message age in centiseconds (`u32`).
pub const IFLA_BR_MAX_AGE: u16 = 3;
/// `IFLA_BR_AGEING_TIME`: FDB ageing time in centiseconds (`u32`).
pub const IFLA_BR_AGEING_TIME: u16 = 4;
/// `IFLA_BR_STP_STATE`: spanning tree state (`u32`).
pub const IFLA_BR_STP_STATE: u16 = 5;
/// `IFLA_BR_PRIORITY`: bridge priority (`u16`).
pub const IFLA_BR_PRIORITY: u16 = 6;
/// `IFLA_BR_VLAN_FILTERING`: VLAN filtering on (`u8`).
pub const IFLA_BR_VLAN_FILTERING: u16 = 7;
/// `IFLA_BR_VLAN_PROTOCOL`: VLAN protocol (`be16`, `ETH_P_8021Q` or `ETH_P_8021AD`).
pub const IFLA_BR_VLAN_PROTOCOL: u16 = 8;
/// `IFLA_BR_GROUP_FWD_MASK`: group forward mask (`u16`).
pub const IFLA_BR_GROUP_FWD_MASK: u16 = 9;
/// `IFLA_BR_ROOT_ID`: root bridge id (`struct ifla_bridge_id`).
pub const IFLA_BR_ROOT_ID: u16 = 10;
/// `IFLA_BR_BRIDGE_ID`: this bridge's id (`struct ifla_bridge_id`).
pub const IFLA_BR_BRIDGE_ID: u16 = 11;
/// `IFLA_BR_ROOT_PORT`: root port (`u16`).
pub const IFLA_BR_ROOT_PORT: u16 = 12;
/// `IFLA_BR_ROOT_PATH_COST`: root path cost (`u32`).
pub const IFLA_BR_ROOT_PATH_COST: u16 = 13;
/// `IFLA_BR_TOPOLOGY_CHANGE`: topology change (`u8`).
pub const IFLA_BR_TOPOLOGY_CHANGE: u16 = 14;
/// `IFLA_BR_TOPOLOGY_CHANGE_DETECTED`: topology change detected (`u8`).
pub const IFLA_BR_TOPOLOGY_CHANGE_DETECTED: u16 = 15;
/// `IFLA_BR_HELLO_TIMER`: hello timer in centiseconds (`u64`).
pub const IFLA_BR_HELLO_TIMER: u16 = 16;
/// `IFLA_BR_TCN_TIMER`: topology change notification timer (`u64`).
pub const IFLA_BR_TCN_TIMER: u16 = 17;
/// `IFLA_BR_TOPOLOGY_CHANGE_TIMER`: topology change timer (`u64`).
pub const IFLA_BR_TOPOLOGY_CHANGE_TIMER: u16 = 18;
/// `IFLA_BR_GC_TIMER`: garbage collection timer (`u64`).
pub const IFLA_BR_GC_TIMER: u16 = 19;
/// `IFLA_BR_GROUP_ADDR`: STP group address (6 bytes).
pub const IFLA_BR_GROUP_ADDR: u16 = 20;
/// `IFLA_BR_FDB_FLUSH`: flush the forwarding database (flag).
pub const IFLA_BR_FDB_FLUSH: u16 = 21;
/// `IFLA_BR_MCAST_ROUTER`: multicast router mode (`u8`).
pub const IFLA_BR_MCAST_ROUTER: u16 = 22;
/// `IFLA_BR_MCAST_SNOOPING`: multicast snooping on (`u8`).
pub const IFLA_BR_MCAST_SNOOPING: u16 = 23;
/// `IFLA_BR_MCAST_QUERY_USE_IFADDR`: queries use the interface address (`u8`).
pub const IFLA_BR_MCAST_QUERY_USE_IFADDR: u16 = 24;
/// `IFLA_BR_MCAST_QUERIER`: multicast querier on (`u8`).
pub const IFLA_BR_MCAST_QUERIER: u16 = 25;
/// `IFLA_BR_MCAST_HASH_ELASTICITY`: multicast hash elasticity (`u32`).
pub const IFLA_BR_MCAST_HASH_ELASTICITY: u16 = 26;
/// `IFLA_BR_MCAST_HASH_MAX`: multicast hash size (`u32`).
pub const IFLA_BR_MCAST_HASH_MAX: u16 = 27;
/// `IFLA_BR_MCAST_LAST_MEMBER_CNT`: last member query count (`u32`).
pub const IFLA_BR_MCAST_LAST_MEMBER_CNT: u16 = 28;
/// `IFLA_BR_MCAST_STARTUP_QUERY_CNT`: startup query count (`u32`).
pub const IFLA_BR_MCAST_STARTUP_QUERY_CNT: u16 = 29;
/// `IFLA_BR_MCAST_LAST_MEMBER_INTVL`: last member interval in centiseconds (`u64`).
pub const IFLA_BR_MCAST_LAST_MEMBER_INTVL: u16 = 30;
/// `IFLA_BR_MCAST_MEMBERSHIP_INTVL`: membership interval in centiseconds (`u64`).
pub const IFLA_BR_MCAST_MEMBERSHIP_INTVL: u16 = 31;
/// `IFLA_BR_MCAST_QUERIER_INTVL`: querier interval in centiseconds (`u64`).
pub const IFLA_BR_MCAST_QUERIER_INTVL: u16 = 32;
/// `IFLA_BR_MCAST_QUERY_INTVL`: query interval in centiseconds (`u64`).
pub const IFLA_BR_MCAST_QUERY_INTVL: u16 = 33;
/// `IFLA_BR_MCAST_QUERY_RESPONSE_INTVL`: query response interval in centiseconds (`u64`).
pub const IFLA_BR_MCAST_QUERY_RESPONSE_INTVL: u16 = 34;
/// `IFLA_BR_MCAST_STARTUP_QUERY_INTVL`: startup query interval in centiseconds (`u64`).
pub const IFLA_BR_MCAST_STARTUP_QUERY_INTVL: u16 = 35;
/// `IFLA_BR_NF_CALL_IPTABLES`: pass bridged IPv4 traffic to iptables (`u8`).
pub const IFLA_BR_NF_CALL_IPTABLES: u16 = 36;
/// `IFLA_BR_NF_CALL_IP6TABLES`: pass bridged IPv6 traffic to ip6tables (`u8`).
pub const IFLA_BR_NF_CALL_IP6TABLES: u16 = 37;
/// `IFLA_BR_NF_CALL_ARPTABLES`: pass bridged ARP traffic to arptables (`u8`).
pub const IFLA_BR_NF_CALL_ARPTABLES: u16 = 38;
/// `IFLA_BR_VLAN_DEFAULT_PVID`: default port VLAN id (`u16`).
pub const IFLA_BR_VLAN_DEFAULT_PVID: u16 = 39;
/// `IFLA_BR_PAD`: padding before 64-bit attributes (empty).
pub const IFLA_BR_PAD: u16 = 40;
/// `IFLA_BR_VLAN_STATS_ENABLED`: per-VLAN statistics on (`u8`).
pub const IFLA_BR_VLAN_STATS_ENABLED: u16 = 41;
/// `IFLA_BR_MCAST_STATS_ENABLED`: multicast statistics on (`u8`).
pub const IFLA_BR_MCAST_STATS_ENABLED: u16 = 42;
/// `IFLA_BR_MCAST_IGMP_VERSION`: IGMP version (`u8`).
pub const IFLA_BR_MCAST_IGMP_VERSION: u16 = 43;
/// `IFLA_BR_MCAST_MLD_VERSION`: MLD version (`u8`).
pub const IFLA_BR_MCAST_MLD_VERSION: u16 = 44;
/// `IFLA_BR_VLAN_STATS_PER_PORT`: per-port VLAN statistics on (`u8`).
pub const IFLA_BR_VLAN_STATS_PER_PORT: u16 = 45;
/// `IFLA_BR_MULTI_BOOLOPT`: boolean options (`struct br_boolopt_multi`).
pub const IFLA_BR_MULTI_BOOLOPT: u16 = 46;
/// `IFLA_BR_MCAST_QUERIER_STATE`: querier state (nested).
pub const IFLA_BR_MCAST_QUERIER_STATE: u16 = 47;
/// `IFLA_BR_FDB_N_LEARNED`: number of learned FDB entries (`u32`).
pub const IFLA_BR_FDB_N_LEARNED: u16 = 48;
/// `IFLA_BR_FDB_MAX_LEARNED`: largest number of learned FDB entries, 0 for no limit (`u32`).
pub const IFLA_BR_FDB_MAX_LEARNED: u16 = 49;

// Bridge port settings (`IFLA_BRPORT_*`), the `IFLA_INFO_SLAVE_DATA` of a bridge port.
/// `IFLA_BRPORT_STATE`: STP port state (`BR_STATE_*`).
pub const IFLA_BRPORT_STATE: u16 = 1;
/// `IFLA_BRPORT_PRIORITY`: port priority.
pub const IFLA_BRPORT_PRIORITY: u16 = 2;
/// `IFLA_BRPORT_COST`: port cost.
pub const IFLA_BRPORT_COST: u16 = 3;
/// `IFLA_BRPORT_MODE`: hairpin mode.
pub const IFLA_BRPORT_MODE: u16 = 4;
/// `IFLA_BRPORT_GUARD`: BPDU guard.
pub const IFLA_BRPORT_GUARD: u16 = 5;
/// `IFLA_BRPORT_PROTECT`: root port protection.
pub const IFLA_BRPORT_PROTECT: u16 = 6;
/// `IFLA_BRPORT_FAST_LEAVE`: multicast fast leave.
pub const IFLA_BRPORT_FAST_LEAVE: u16 = 7;
/// `IFLA_BRPORT_LEARNING`: learn source addresses.
pub const IFLA_BRPORT_LEARNING: u16 = 8;
/// `IFLA_BRPORT_UNICAST_FLOOD`: flood unknown unicast.
pub const IFLA_BRPORT_UNICAST_FLOOD: u16 = 9;
/// `IFLA_BRPORT_PROXYARP`: proxy ARP.
pub const IFLA_BRPORT_PROXYARP: u16 = 10;
/// `IFLA_BRPORT_LEARNING_SYNC`: sync learned addresses to the device.
pub const IFLA_BRPORT_LEARNING_SYNC: u16 = 11;
/// `IFLA_BRPORT_PROXYARP_WIFI`: proxy ARP for Wi-Fi.
pub const IFLA_BRPORT_PROXYARP_WIFI: u16 = 12;
/// `IFLA_BRPORT_ROOT_ID`: designated root (`struct ifla_bridge_id`).
pub const IFLA_BRPORT_ROOT_ID: u16 = 13;
/// `IFLA_BRPORT_BRIDGE_ID`: designated bridge (`struct ifla_bridge_id`).
pub const IFLA_BRPORT_BRIDGE_ID: u16 = 14;
/// `IFLA_BRPORT_DESIGNATED_PORT`: designated port.
pub const IFLA_BRPORT_DESIGNATED_PORT: u16 = 15;
/// `IFLA_BRPORT_DESIGNATED_COST`: designated cost.
pub const IFLA_BRPORT_DESIGNATED_COST: u16 = 16;
/// `IFLA_BRPORT_ID`: port id.
pub const IFLA_BRPORT_ID: u16 = 17;
/// `IFLA_BRPORT_NO`: port number.
pub const IFLA_BRPORT_NO: u16 = 18;
/// `IFLA_BRPORT_TOPOLOGY_CHANGE_ACK`: topology change acknowledgement.
pub const IFLA_BRPORT_TOPOLOGY_CHANGE_ACK: u16 = 19;
/// `IFLA_BRPORT_CONFIG_PENDING`: configuration BPDU pending.
pub const IFLA_BRPORT_CONFIG_PENDING: u16 = 20;
/// `IFLA_BRPORT_MESSAGE_AGE_TIMER`: message age timer in centiseconds.
pub const IFLA_BRPORT_MESSAGE_AGE_TIMER: u16 = 21;
/// `IFLA_BRPORT_FORWARD_DELAY_TIMER`: forward delay timer in centiseconds.
pub const IFLA_BRPORT_FORWARD_DELAY_TIMER: u16 = 22;
/// `IFLA_BRPORT_HOLD_TIMER`: hold timer in centiseconds.
pub const IFLA_BRPORT_HOLD_TIMER: u16 = 23;
/// `IFLA_BRPORT_FLUSH`: flush the port's FDB entries (flag).
pub const IFLA_BRPORT_FLUSH: u16 = 24;
/// `IFLA_BRPORT_MULTICAST_ROUTER`: multicast router mode.
pub const IFLA_BRPORT_MULTICAST_ROUTER: u16 = 25;
/// `IFLA_BRPORT_PAD`: padding before 64-bit attributes (empty).
pub const IFLA_BRPORT_PAD: u16 = 26;
/// `IFLA_BRPORT_MCAST_FLOOD`: flood unknown multicast.
pub const IFLA_BRPORT_MCAST_FLOOD: u16 = 27;
/// `IFLA_BRPORT_MCAST_TO_UCAST`: multicast to unicast.
pub const IFLA_BRPORT_MCAST_TO_UCAST: u16 = 28;
/// `IFLA_BRPORT_VLAN_TUNNEL`: VLAN tunnel mapping.
pub const IFLA_BRPORT_VLAN_TUNNEL: u16 = 29;
/// `IFLA_BRPORT_BCAST_FLOOD`: flood broadcast.
pub const IFLA_BRPORT_BCAST_FLOOD: u16 = 30;
/// `IFLA_BRPORT_GROUP_FWD_MASK`: group forward mask.
pub const IFLA_BRPORT_GROUP_FWD_MASK: u16 = 31;
/// `IFLA_BRPORT_NEIGH_SUPPRESS`: ARP/ND suppression.
pub const IFLA_BRPORT_NEIGH_SUPPRESS: u16 = 32;
/// `IFLA_BRPORT_ISOLATED`: isolated port.
pub const IFLA_BRPORT_ISOLATED: u16 = 33;
/// `IFLA_BRPORT_BACKUP_PORT`: index of the backup port.
pub const IFLA_BRPORT_BACKUP_PORT: u16 = 34;
/// `IFLA_BRPORT_MRP_RING_OPEN`: MRP ring open.
pub const IFLA_BRPORT_MRP_RING_OPEN: u16 = 35;
/// `IFLA_BRPORT_MRP_IN_OPEN`: MRP interconnect open.
pub const IFLA_BRPORT_MRP_IN_OPEN: u16 = 36;
/// `IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT`: multicast EHT hosts limit.
pub const IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT: u16 = 37;
/// `IFLA_BRPORT_MCAST_EHT_HOSTS_CNT`: multicast EHT hosts count.
pub const IFLA_BRPORT_MCAST_EHT_HOSTS_CNT: u16 = 38;
/// `IFLA_BRPORT_LOCKED`: port locked (802.1X).
pub const IFLA_BRPORT_LOCKED: u16 = 39;
/// `IFLA_BRPORT_MAB`: MAC authentication bypass.
pub const IFLA_BRPORT_MAB: u16 = 40;
/// `IFLA_BRPORT_MCAST_N_GROUPS`: multicast groups joined.
pub const IFLA_BRPORT_MCAST_N_GROUPS: u16 = 41;
/// `IFLA_BRPORT_MCAST_MAX_GROUPS`: largest number of multicast groups.
pub const IFLA_BRPORT_MCAST_MAX_GROUPS: u16 = 42;
/// `IFLA_BRPORT_NEIGH_VLAN_SUPPRESS`: per-VLAN ARP/ND suppression.
pub const IFLA_BRPORT_NEIGH_VLAN_SUPPRESS: u16 = 43;
/// `IFLA_BRPORT_BACKUP_NHID`: backup nexthop id.
pub const IFLA_BRPORT_BACKUP_NHID: u16 = 44;

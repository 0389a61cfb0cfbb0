//! Owned counterparts of the ready-made families (`String`/`Vec<u8>` instead of borrows,
//! `OwnedAttr` for the attributes they do not name), written with the same derive, for the
//! `nlattr-owned` contender: what a caller gets when decoded values must outlive the buffer.

use std::net::IpAddr;

use nlattr::consts::{
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_HDRSIZE, CTRL_ATTR_MAXATTR, CTRL_ATTR_MCAST_GROUPS,
    CTRL_ATTR_MCAST_GRP_ID, CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_OPS, CTRL_ATTR_VERSION,
};
use nlattr::families::ctrl::Op;
use nlattr::families::route::link::{
    OperState, RtnlLinkStats, IFLA_ADDRESS, IFLA_AF_SPEC, IFLA_ALT_IFNAME, IFLA_BROADCAST, IFLA_CARRIER,
    IFLA_CARRIER_CHANGES, IFLA_GROUP, IFLA_IFALIAS, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND,
    IFLA_INFO_SLAVE_DATA, IFLA_INFO_SLAVE_KIND, IFLA_LINKINFO, IFLA_LINKMODE, IFLA_MASTER, IFLA_MAX_MTU,
    IFLA_MIN_MTU, IFLA_MTU, IFLA_NUM_RX_QUEUES, IFLA_NUM_TX_QUEUES, IFLA_OPERSTATE, IFLA_PROMISCUITY,
    IFLA_PROP_LIST, IFLA_QDISC, IFLA_STATS, IFLA_STATS64, IFLA_TXQLEN,
};
use nlattr::families::route::route::{
    RtaCacheinfo, RTAX_ADVMSS, RTAX_CC_ALGO, RTAX_FEATURES, RTAX_HOPLIMIT, RTAX_LOCK, RTAX_MTU, RTAX_WINDOW,
    RTA_CACHEINFO, RTA_DST, RTA_EXPIRES, RTA_GATEWAY, RTA_IIF, RTA_METRICS, RTA_MULTIPATH, RTA_OIF, RTA_PREF,
    RTA_PREFSRC, RTA_PRIORITY, RTA_SRC, RTA_TABLE,
};
use nlattr::header::{GenlMsgHdr, IfInfoMsg, RtMsg, RtnlLinkStats64};
use nlattr::{NlAttrs, OwnedAttr};

/// An owned route (`rtmsg` and `RTA_*`).
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct RouteOwned {
    /// `struct rtmsg`.
    #[nla(header)]
    pub hdr: RtMsg,
    /// `RTA_TABLE`.
    #[nla(type = RTA_TABLE)]
    pub table: Option<u32>,
    /// `RTA_DST`.
    #[nla(type = RTA_DST)]
    pub dst: Option<IpAddr>,
    /// `RTA_SRC`.
    #[nla(type = RTA_SRC)]
    pub src: Option<IpAddr>,
    /// `RTA_IIF`.
    #[nla(type = RTA_IIF)]
    pub iif: Option<u32>,
    /// `RTA_PREFSRC`.
    #[nla(type = RTA_PREFSRC)]
    pub prefsrc: Option<IpAddr>,
    /// `RTA_METRICS` (not flagged nested by the kernel).
    #[nla(type = RTA_METRICS, nested(no_flag))]
    pub metrics: Option<MetricsOwned>,
    /// `RTA_PRIORITY`.
    #[nla(type = RTA_PRIORITY)]
    pub priority: Option<u32>,
    /// `RTA_GATEWAY`.
    #[nla(type = RTA_GATEWAY)]
    pub gateway: Option<IpAddr>,
    /// `RTA_MULTIPATH`, the `rtnexthop` records copied.
    #[nla(type = RTA_MULTIPATH)]
    pub multipath: Option<Vec<u8>>,
    /// `RTA_OIF`.
    #[nla(type = RTA_OIF)]
    pub oif: Option<u32>,
    /// `RTA_CACHEINFO`.
    #[nla(type = RTA_CACHEINFO, fixed)]
    pub cacheinfo: Option<RtaCacheinfo>,
    /// `RTA_EXPIRES`.
    #[nla(type = RTA_EXPIRES)]
    pub expires: Option<u32>,
    /// `RTA_PREF`.
    #[nla(type = RTA_PREF)]
    pub pref: Option<u8>,
    /// Everything else, copied.
    #[nla(unknown)]
    pub rest: Vec<OwnedAttr>,
}

/// Owned `RTAX_*` metrics.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct MetricsOwned {
    /// `RTAX_LOCK`.
    #[nla(type = RTAX_LOCK)]
    pub lock: Option<u32>,
    /// `RTAX_MTU`.
    #[nla(type = RTAX_MTU)]
    pub mtu: Option<u32>,
    /// `RTAX_WINDOW`.
    #[nla(type = RTAX_WINDOW)]
    pub window: Option<u32>,
    /// `RTAX_ADVMSS`.
    #[nla(type = RTAX_ADVMSS)]
    pub advmss: Option<u32>,
    /// `RTAX_HOPLIMIT`.
    #[nla(type = RTAX_HOPLIMIT)]
    pub hoplimit: Option<u32>,
    /// `RTAX_FEATURES`.
    #[nla(type = RTAX_FEATURES)]
    pub features: Option<u32>,
    /// `RTAX_CC_ALGO`.
    #[nla(type = RTAX_CC_ALGO)]
    pub cc_algo: Option<String>,
    /// Everything else, copied.
    #[nla(unknown)]
    pub rest: Vec<OwnedAttr>,
}

/// An owned link (`ifinfomsg` and `IFLA_*`).
#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
pub struct LinkOwned {
    /// `struct ifinfomsg`.
    #[nla(header)]
    pub hdr: IfInfoMsg,
    /// `IFLA_IFNAME`.
    #[nla(type = IFLA_IFNAME)]
    pub ifname: Option<String>,
    /// `IFLA_TXQLEN`.
    #[nla(type = IFLA_TXQLEN)]
    pub txqlen: Option<u32>,
    /// `IFLA_OPERSTATE`.
    #[nla(type = IFLA_OPERSTATE)]
    pub operstate: Option<OperState>,
    /// `IFLA_LINKMODE`.
    #[nla(type = IFLA_LINKMODE)]
    pub linkmode: Option<u8>,
    /// `IFLA_MTU`.
    #[nla(type = IFLA_MTU)]
    pub mtu: Option<u32>,
    /// `IFLA_MIN_MTU`.
    #[nla(type = IFLA_MIN_MTU)]
    pub min_mtu: Option<u32>,
    /// `IFLA_MAX_MTU`.
    #[nla(type = IFLA_MAX_MTU)]
    pub max_mtu: Option<u32>,
    /// `IFLA_GROUP`.
    #[nla(type = IFLA_GROUP)]
    pub group: Option<u32>,
    /// `IFLA_PROMISCUITY`.
    #[nla(type = IFLA_PROMISCUITY)]
    pub promiscuity: Option<u32>,
    /// `IFLA_NUM_TX_QUEUES`.
    #[nla(type = IFLA_NUM_TX_QUEUES)]
    pub num_tx_queues: Option<u32>,
    /// `IFLA_NUM_RX_QUEUES`.
    #[nla(type = IFLA_NUM_RX_QUEUES)]
    pub num_rx_queues: Option<u32>,
    /// `IFLA_MASTER`.
    #[nla(type = IFLA_MASTER)]
    pub master: Option<u32>,
    /// `IFLA_CARRIER`.
    #[nla(type = IFLA_CARRIER)]
    pub carrier: Option<u8>,
    /// `IFLA_IFALIAS`.
    #[nla(type = IFLA_IFALIAS)]
    pub ifalias: Option<String>,
    /// `IFLA_CARRIER_CHANGES`.
    #[nla(type = IFLA_CARRIER_CHANGES)]
    pub carrier_changes: Option<u32>,
    /// `IFLA_ADDRESS`.
    #[nla(type = IFLA_ADDRESS)]
    pub address: Option<Vec<u8>>,
    /// `IFLA_BROADCAST`.
    #[nla(type = IFLA_BROADCAST)]
    pub broadcast: Option<Vec<u8>>,
    /// `IFLA_STATS64`.
    #[nla(type = IFLA_STATS64)]
    pub stats64: Option<RtnlLinkStats64>,
    /// `IFLA_STATS`.
    #[nla(type = IFLA_STATS, fixed)]
    pub stats: Option<RtnlLinkStats>,
    /// `IFLA_LINKINFO` (not flagged nested by the kernel).
    #[nla(type = IFLA_LINKINFO, nested(no_flag))]
    pub linkinfo: Option<LinkInfoOwned>,
    /// `IFLA_QDISC`.
    #[nla(type = IFLA_QDISC)]
    pub qdisc: Option<String>,
    /// `IFLA_AF_SPEC`, copied.
    #[nla(type = IFLA_AF_SPEC)]
    pub af_spec: Option<Vec<u8>>,
    /// `IFLA_PROP_LIST`.
    #[nla(type = IFLA_PROP_LIST, nested)]
    pub prop_list: Option<PropListOwned>,
    /// Everything else, copied.
    #[nla(unknown)]
    pub rest: Vec<OwnedAttr>,
}

/// Owned `IFLA_LINKINFO`.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkInfoOwned {
    /// `IFLA_INFO_KIND`.
    #[nla(type = IFLA_INFO_KIND)]
    pub kind: Option<String>,
    /// `IFLA_INFO_DATA`, copied.
    #[nla(type = IFLA_INFO_DATA)]
    pub data: Option<Vec<u8>>,
    /// `IFLA_INFO_SLAVE_KIND`.
    #[nla(type = IFLA_INFO_SLAVE_KIND)]
    pub slave_kind: Option<String>,
    /// `IFLA_INFO_SLAVE_DATA`, copied.
    #[nla(type = IFLA_INFO_SLAVE_DATA)]
    pub slave_data: Option<Vec<u8>>,
    /// Everything else, copied.
    #[nla(unknown)]
    pub rest: Vec<OwnedAttr>,
}

/// Owned `IFLA_PROP_LIST`.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct PropListOwned {
    /// `IFLA_ALT_IFNAME`, repeated.
    #[nla(type = IFLA_ALT_IFNAME, multi)]
    pub alt_ifnames: Vec<String>,
}

/// An owned generic-netlink family description.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct FamilyOwned {
    /// `struct genlmsghdr`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `CTRL_ATTR_FAMILY_NAME`.
    #[nla(type = CTRL_ATTR_FAMILY_NAME)]
    pub name: String,
    /// `CTRL_ATTR_FAMILY_ID`.
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    pub id: u16,
    /// `CTRL_ATTR_VERSION`.
    #[nla(type = CTRL_ATTR_VERSION)]
    pub version: Option<u32>,
    /// `CTRL_ATTR_HDRSIZE`.
    #[nla(type = CTRL_ATTR_HDRSIZE)]
    pub hdrsize: Option<u32>,
    /// `CTRL_ATTR_MAXATTR`.
    #[nla(type = CTRL_ATTR_MAXATTR)]
    pub maxattr: Option<u32>,
    /// `CTRL_ATTR_OPS`.
    #[nla(type = CTRL_ATTR_OPS, nested_array)]
    pub ops: Vec<Op>,
    /// `CTRL_ATTR_MCAST_GROUPS`.
    #[nla(type = CTRL_ATTR_MCAST_GROUPS, nested_array)]
    pub mcast_groups: Vec<McastGroupOwned>,
    /// Everything else, copied.
    #[nla(unknown)]
    pub rest: Vec<OwnedAttr>,
}

/// An owned multicast group.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct McastGroupOwned {
    /// `CTRL_ATTR_MCAST_GRP_ID`.
    #[nla(type = CTRL_ATTR_MCAST_GRP_ID)]
    pub id: u32,
    /// `CTRL_ATTR_MCAST_GRP_NAME`.
    #[nla(type = CTRL_ATTR_MCAST_GRP_NAME)]
    pub name: String,
}

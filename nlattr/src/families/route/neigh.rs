//! Neighbours (ARP and NDP entries, bridge FDB entries): `RTM_NEWNEIGH`, `RTM_GETNEIGH`,
//! `RTM_DELNEIGH`.
//!
//! [`Neigh`] is an `ndmsg` (family, interface index, `NUD_*` state, `NTF_*` flags, type)
//! followed by `NDA_*` attributes (`include/uapi/linux/neighbour.h`).
//!
//! ```
//! use std::net::{IpAddr, Ipv4Addr};
//! use nlattr::families::route::neigh::{Neigh, NUD_PERMANENT};
//! use nlattr::{consts::*, header::NdMsg, AttrSet};
//!
//! // `ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev <4> nud permanent`
//! let req = Neigh {
//!     hdr: NdMsg { family: AF_INET, ifindex: 4, state: NUD_PERMANENT, ..Default::default() },
//!     dst: Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2))),
//!     lladdr: Some(&[2, 0, 0, 0, 0, 2]),
//!     ..Default::default()
//! };
//! let bytes = req.to_message_vec(RTM_NEWNEIGH, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, 1, 0)?;
//! let msg = nlattr::messages(&bytes).next().unwrap()?;
//! assert_eq!(Neigh::decode_message(&msg)?, req);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::net::IpAddr;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::header::NdMsg;
use crate::view::UnknownView;
use crate::NlAttrs;

/// `NDA_DST`: the neighbour's network address.
pub const NDA_DST: u16 = 1;
/// `NDA_LLADDR`: the neighbour's link-layer address.
pub const NDA_LLADDR: u16 = 2;
/// `NDA_CACHEINFO`: `struct nda_cacheinfo`.
pub const NDA_CACHEINFO: u16 = 3;
/// `NDA_PROBES`: number of probes sent (`u32`).
pub const NDA_PROBES: u16 = 4;
/// `NDA_VLAN`: VLAN id of a bridge FDB entry (`u16`).
pub const NDA_VLAN: u16 = 5;
/// `NDA_PORT`: VXLAN destination port (`be16`).
pub const NDA_PORT: u16 = 6;
/// `NDA_VNI`: VXLAN network identifier (`u32`).
pub const NDA_VNI: u16 = 7;
/// `NDA_IFINDEX`: VXLAN output interface (`u32`).
pub const NDA_IFINDEX: u16 = 8;
/// `NDA_MASTER`: master device of a bridge FDB entry (`u32`).
pub const NDA_MASTER: u16 = 9;
/// `NDA_LINK_NETNSID`: namespace id of the link (`s32`).
pub const NDA_LINK_NETNSID: u16 = 10;
/// `NDA_SRC_VNI`: VXLAN source VNI (`u32`).
pub const NDA_SRC_VNI: u16 = 11;
/// `NDA_PROTOCOL`: who added the entry (`u8`, `RTPROT_*`).
pub const NDA_PROTOCOL: u16 = 12;
/// `NDA_NH_ID`: nexthop object id (`u32`).
pub const NDA_NH_ID: u16 = 13;
/// `NDA_FDB_EXT_ATTRS`: FDB extension attributes (nested).
pub const NDA_FDB_EXT_ATTRS: u16 = 14;
/// `NDA_FLAGS_EXT`: `NTF_EXT_*` flags (`u32`).
pub const NDA_FLAGS_EXT: u16 = 15;
/// `NDA_NDM_STATE_MASK`: in a dump request, the states to list (`u16`).
pub const NDA_NDM_STATE_MASK: u16 = 16;
/// `NDA_NDM_FLAGS_MASK`: in a dump request, the flags to list (`u8`).
pub const NDA_NDM_FLAGS_MASK: u16 = 17;

/// `NUD_INCOMPLETE`: resolution in progress.
pub const NUD_INCOMPLETE: u16 = 0x01;
/// `NUD_REACHABLE`: confirmed reachable.
pub const NUD_REACHABLE: u16 = 0x02;
/// `NUD_STALE`: usable, to be confirmed.
pub const NUD_STALE: u16 = 0x04;
/// `NUD_DELAY`: waiting before probing.
pub const NUD_DELAY: u16 = 0x08;
/// `NUD_PROBE`: probing.
pub const NUD_PROBE: u16 = 0x10;
/// `NUD_FAILED`: resolution failed.
pub const NUD_FAILED: u16 = 0x20;
/// `NUD_NOARP`: no resolution needed.
pub const NUD_NOARP: u16 = 0x40;
/// `NUD_PERMANENT`: static entry.
pub const NUD_PERMANENT: u16 = 0x80;
/// `NUD_NONE`: no state.
pub const NUD_NONE: u16 = 0x00;

/// `NTF_USE`: mark the entry used.
pub const NTF_USE: u8 = 0x01;
/// `NTF_SELF`: the device's own FDB.
pub const NTF_SELF: u8 = 0x02;
/// `NTF_MASTER`: the master's FDB.
pub const NTF_MASTER: u8 = 0x04;
/// `NTF_PROXY`: a proxy entry.
pub const NTF_PROXY: u8 = 0x08;
/// `NTF_EXT_LEARNED`: learned externally.
pub const NTF_EXT_LEARNED: u8 = 0x10;
/// `NTF_OFFLOADED`: offloaded to hardware.
pub const NTF_OFFLOADED: u8 = 0x20;
/// `NTF_STICKY`: a sticky FDB entry.
pub const NTF_STICKY: u8 = 0x40;
/// `NTF_ROUTER`: the neighbour is a router.
pub const NTF_ROUTER: u8 = 0x80;

/// A neighbour entry: the payload of `RTM_NEWNEIGH` (replies, dumps, notifications,
/// creation), `RTM_DELNEIGH` and `RTM_GETNEIGH`. State and flags are in the header.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct Neigh<'a> {
    /// `struct ndmsg`.
    #[nla(header)]
    pub hdr: NdMsg,
    /// `NDA_DST`: the neighbour's address.
    #[nla(type = NDA_DST)]
    pub dst: Option<IpAddr>,
    /// `NDA_LLADDR`: the link-layer address (absent while unresolved).
    #[nla(type = NDA_LLADDR, max_len = 32)]
    pub lladdr: Option<&'a [u8]>,
    /// `NDA_PROTOCOL`: who added the entry.
    #[nla(type = NDA_PROTOCOL)]
    pub protocol: Option<u8>,
    /// `NDA_CACHEINFO`: timestamps and reference count.
    #[nla(type = NDA_CACHEINFO, fixed)]
    pub cacheinfo: Option<NdaCacheinfo>,
    /// `NDA_PROBES`: probes sent.
    #[nla(type = NDA_PROBES)]
    pub probes: Option<u32>,
    /// `NDA_VLAN`: VLAN of a bridge FDB entry.
    #[nla(type = NDA_VLAN)]
    pub vlan: Option<u16>,
    /// `NDA_MASTER`: master of a bridge FDB entry.
    #[nla(type = NDA_MASTER)]
    pub master: Option<u32>,
    /// `NDA_FLAGS_EXT`: extended flags.
    #[nla(type = NDA_FLAGS_EXT)]
    pub flags_ext: Option<u32>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

impl Neigh<'_> {
    /// The names `ip neigh` prints for the `NUD_*` state bits (`REACHABLE`, `STALE`...).
    pub fn state_names(&self) -> impl Iterator<Item = &'static str> {
        const NAMES: [(u16, &str); 8] = [
            (NUD_INCOMPLETE, "INCOMPLETE"),
            (NUD_REACHABLE, "REACHABLE"),
            (NUD_STALE, "STALE"),
            (NUD_DELAY, "DELAY"),
            (NUD_PROBE, "PROBE"),
            (NUD_FAILED, "FAILED"),
            (NUD_NOARP, "NOARP"),
            (NUD_PERMANENT, "PERMANENT"),
        ];
        let state = self.hdr.state;
        NAMES.into_iter().filter(move |(bit, _)| state & bit != 0).map(|(_, n)| n)
    }
}

/// `struct nda_cacheinfo` (`NDA_CACHEINFO`): times in clock ticks.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct NdaCacheinfo {
    /// `ndm_confirmed`: since last confirmed.
    pub confirmed: u32,
    /// `ndm_used`: since last used.
    pub used: u32,
    /// `ndm_updated`: since last updated.
    pub updated: u32,
    /// `ndm_refcnt`: references.
    pub refcnt: u32,
}

//! Addresses: `RTM_NEWADDR`, `RTM_GETADDR`, `RTM_DELADDR`.
//!
//! [`Addr`] is an `ifaddrmsg` followed by `IFA_*` attributes
//! (`include/uapi/linux/if_addr.h`).
//!
//! ```
//! use std::net::{IpAddr, Ipv4Addr};
//! use nlattr::families::route::addr::Addr;
//! use nlattr::{consts::*, header::IfAddrMsg, AttrSet};
//!
//! // `ip addr add 10.0.0.1/24 dev <index 4>`
//! let a = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
//! let req = Addr {
//!     hdr: IfAddrMsg { family: AF_INET, prefixlen: 24, index: 4, ..Default::default() },
//!     address: Some(a),
//!     local: Some(a),
//!     ..Default::default()
//! };
//! let flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
//! let bytes = req.to_message_vec(RTM_NEWADDR, flags, 1, 0)?;
//! assert_eq!(bytes.len(), 16 + 8 + 8 + 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::net::IpAddr;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::header::IfAddrMsg;
use crate::view::UnknownView;
use crate::{AttrOrder, NlAttrs};

/// `IFA_ADDRESS`: the address (for a point-to-point link, the peer's).
pub const IFA_ADDRESS: u16 = 1;
/// `IFA_LOCAL`: the local address (differs from `IFA_ADDRESS` on point-to-point links).
pub const IFA_LOCAL: u16 = 2;
/// `IFA_LABEL`: the IPv4 label, such as `eth0:1` (string).
pub const IFA_LABEL: u16 = 3;
/// `IFA_BROADCAST`: the IPv4 broadcast address.
pub const IFA_BROADCAST: u16 = 4;
/// `IFA_ANYCAST`: an anycast address.
pub const IFA_ANYCAST: u16 = 5;
/// `IFA_CACHEINFO`: lifetimes and timestamps (`struct ifa_cacheinfo`).
pub const IFA_CACHEINFO: u16 = 6;
/// `IFA_MULTICAST`: a multicast address.
pub const IFA_MULTICAST: u16 = 7;
/// `IFA_FLAGS`: all `IFA_F_*` flags (`u32`; the header has only the low 8 bits).
pub const IFA_FLAGS: u16 = 8;
/// `IFA_RT_PRIORITY`: metric of the prefix route (`u32`).
pub const IFA_RT_PRIORITY: u16 = 9;
/// `IFA_TARGET_NETNSID`: operate in the namespace with this id (`s32`).
pub const IFA_TARGET_NETNSID: u16 = 10;
/// `IFA_PROTO`: who added the address (`u8`, `IFAPROT_*`).
pub const IFA_PROTO: u16 = 11;

/// `IFA_F_SECONDARY` (also `IFA_F_TEMPORARY` for IPv6).
pub const IFA_F_SECONDARY: u32 = 0x01;
/// `IFA_F_NODAD`: no duplicate address detection.
pub const IFA_F_NODAD: u32 = 0x02;
/// `IFA_F_OPTIMISTIC`: optimistic DAD.
pub const IFA_F_OPTIMISTIC: u32 = 0x04;
/// `IFA_F_DADFAILED`: duplicate address detection failed.
pub const IFA_F_DADFAILED: u32 = 0x08;
/// `IFA_F_HOMEADDRESS`: mobile IPv6 home address.
pub const IFA_F_HOMEADDRESS: u32 = 0x10;
/// `IFA_F_DEPRECATED`: preferred lifetime over.
pub const IFA_F_DEPRECATED: u32 = 0x20;
/// `IFA_F_TENTATIVE`: duplicate address detection in progress.
pub const IFA_F_TENTATIVE: u32 = 0x40;
/// `IFA_F_PERMANENT`: no lifetime.
pub const IFA_F_PERMANENT: u32 = 0x80;
/// `IFA_F_MANAGETEMPADDR`: manage temporary addresses from this one.
pub const IFA_F_MANAGETEMPADDR: u32 = 0x100;
/// `IFA_F_NOPREFIXROUTE`: add no prefix route.
pub const IFA_F_NOPREFIXROUTE: u32 = 0x200;
/// `IFA_F_MCAUTOJOIN`: join the multicast group of the address.
pub const IFA_F_MCAUTOJOIN: u32 = 0x400;
/// `IFA_F_STABLE_PRIVACY`: RFC 7217 stable privacy address.
pub const IFA_F_STABLE_PRIVACY: u32 = 0x800;

/// An address: the payload of `RTM_NEWADDR` (replies, dumps, notifications, creation),
/// `RTM_DELADDR` and `RTM_GETADDR`.
///
/// Fields are in the order the kernel writes IPv6 addresses (`inet6_fill_ifaddr`).
/// IPv4 addresses (`inet_fill_ifaddr`) come with `IFA_FLAGS` before `IFA_CACHEINFO`, and
/// requests in whatever order their writer chose; [`order`](Self::order) records the order
/// on decode, so a decoded address re-encodes byte for byte. An address built by hand
/// encodes in field order.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct Addr<'a> {
    /// `struct ifaddrmsg`: family, prefix length, low flags, scope, interface index.
    #[nla(header)]
    pub hdr: IfAddrMsg,
    /// `IFA_ADDRESS`: the address, or the peer's on a point-to-point link.
    #[nla(type = IFA_ADDRESS)]
    pub address: Option<IpAddr>,
    /// `IFA_LOCAL`: the local address.
    #[nla(type = IFA_LOCAL)]
    pub local: Option<IpAddr>,
    /// `IFA_BROADCAST`: the IPv4 broadcast address.
    #[nla(type = IFA_BROADCAST)]
    pub broadcast: Option<IpAddr>,
    /// `IFA_LABEL`: the IPv4 label (the interface name, or `name:alias`).
    #[nla(type = IFA_LABEL, max_len = 15)]
    pub label: Option<&'a str>,
    /// `IFA_RT_PRIORITY`: metric of the prefix route.
    #[nla(type = IFA_RT_PRIORITY)]
    pub rt_priority: Option<u32>,
    /// `IFA_CACHEINFO`: lifetimes and timestamps.
    #[nla(type = IFA_CACHEINFO, fixed)]
    pub cacheinfo: Option<IfaCacheinfo>,
    /// `IFA_FLAGS`: every `IFA_F_*` flag (the header's `flags` holds the low 8 bits).
    #[nla(type = IFA_FLAGS)]
    pub flags: Option<u32>,
    /// `IFA_PROTO`: who added the address (`IFAPROT_UNSPEC` 0, `_KERNEL_LO` 1,
    /// `_KERNEL_RA` 2, `_KERNEL_LL` 3).
    #[nla(type = IFA_PROTO)]
    pub proto: Option<u8>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
    /// The order the attributes came in, followed when encoding (empty: field order). Not
    /// part of the value: it does not affect equality.
    #[nla(order)]
    pub order: AttrOrder,
}

impl Addr<'_> {
    /// All `IFA_F_*` flags: `IFA_FLAGS` when present, else the header's 8 bits.
    #[must_use]
    pub fn all_flags(&self) -> u32 {
        self.flags.unwrap_or(u32::from(self.hdr.flags))
    }

    /// The address to show for the interface: `IFA_LOCAL` when present (IPv4), else
    /// `IFA_ADDRESS`, as `ip addr` does.
    #[must_use]
    pub fn local_or_address(&self) -> Option<IpAddr> {
        self.local.or(self.address)
    }
}

/// `struct ifa_cacheinfo` (`IFA_CACHEINFO`). Lifetimes are in seconds, `u32::MAX` meaning
/// forever; timestamps in hundredths of a second since boot.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct IfaCacheinfo {
    /// `ifa_prefered`: preferred lifetime left.
    pub preferred: u32,
    /// `ifa_valid`: valid lifetime left.
    pub valid: u32,
    /// `cstamp`: creation time.
    pub cstamp: u32,
    /// `tstamp`: last update time.
    pub tstamp: u32,
}

//! ethtool over generic netlink (family `ethtool`, id resolved at run time):
//! the request header, link info, link state and string sets
//! (`include/uapi/linux/ethtool_netlink.h`).
//!
//! Every ethtool request and reply is a `genlmsghdr` then attributes whose type 1 is the
//! request header nest ([`EthtoolHeader`]: device index or name, `ETHTOOL_FLAG_*`).
//! A `GET` without a device, sent as a dump, lists every device.
//!
//! ```
//! use nlattr::families::ethtool::{EthtoolHeader, GetRequest, ETHTOOL_MSG_LINKINFO_GET};
//! use nlattr::{consts::*, header::GenlMsgHdr, AttrSet};
//!
//! let req = GetRequest {
//!     hdr: GenlMsgHdr { cmd: ETHTOOL_MSG_LINKINFO_GET, version: 1, reserved: 0 },
//!     header: Some(EthtoolHeader { dev_name: Some("eth0"), ..Default::default() }),
//! };
//! let family_id = 21; // from CTRL_CMD_GETFAMILY "ethtool"
//! let bytes = req.to_message_vec(family_id, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
//! // The header nest is flagged NLA_F_NESTED, as ethtool's strict policy requires.
//! assert_eq!(&bytes[20..24], [16, 0, 1, 0x80]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use crate::header::GenlMsgHdr;
use crate::view::UnknownView;
use crate::NlAttrs;

/// `ETHTOOL_GENL_NAME`: the generic-netlink family name.
pub const ETHTOOL_GENL_NAME: &str = "ethtool";
/// `ETHTOOL_GENL_VERSION`.
pub const ETHTOOL_GENL_VERSION: u8 = 1;
/// `ETHTOOL_MCGRP_MONITOR_NAME`: the notification group.
pub const ETHTOOL_MCGRP_MONITOR_NAME: &str = "monitor";

/// `ETHTOOL_MSG_STRSET_GET`: request string sets (user to kernel).
pub const ETHTOOL_MSG_STRSET_GET: u8 = 1;
/// `ETHTOOL_MSG_LINKINFO_GET`: request link info.
pub const ETHTOOL_MSG_LINKINFO_GET: u8 = 2;
/// `ETHTOOL_MSG_LINKINFO_SET`: change link info.
pub const ETHTOOL_MSG_LINKINFO_SET: u8 = 3;
/// `ETHTOOL_MSG_LINKSTATE_GET`: request link state.
pub const ETHTOOL_MSG_LINKSTATE_GET: u8 = 6;
/// `ETHTOOL_MSG_STRSET_GET_REPLY`: string sets (kernel to user).
pub const ETHTOOL_MSG_STRSET_GET_REPLY: u8 = 1;
/// `ETHTOOL_MSG_LINKINFO_GET_REPLY`: link info.
pub const ETHTOOL_MSG_LINKINFO_GET_REPLY: u8 = 2;
/// `ETHTOOL_MSG_LINKINFO_NTF`: link info changed.
pub const ETHTOOL_MSG_LINKINFO_NTF: u8 = 3;
/// `ETHTOOL_MSG_LINKSTATE_GET_REPLY`: link state.
pub const ETHTOOL_MSG_LINKSTATE_GET_REPLY: u8 = 6;

/// `ETHTOOL_A_HEADER_DEV_INDEX`: device index (`u32`).
pub const ETHTOOL_A_HEADER_DEV_INDEX: u16 = 1;
/// `ETHTOOL_A_HEADER_DEV_NAME`: device name (string).
pub const ETHTOOL_A_HEADER_DEV_NAME: u16 = 2;
/// `ETHTOOL_A_HEADER_FLAGS`: `ETHTOOL_FLAG_*` (`u32`).
pub const ETHTOOL_A_HEADER_FLAGS: u16 = 3;
/// `ETHTOOL_A_HEADER_PHY_INDEX`: PHY index (`u32`).
pub const ETHTOOL_A_HEADER_PHY_INDEX: u16 = 4;

/// `ETHTOOL_FLAG_COMPACT_BITSETS`: bit sets as value/mask arrays, without names.
pub const ETHTOOL_FLAG_COMPACT_BITSETS: u32 = 1 << 0;
/// `ETHTOOL_FLAG_OMIT_REPLY`: no reply to a `SET`.
pub const ETHTOOL_FLAG_OMIT_REPLY: u32 = 1 << 1;
/// `ETHTOOL_FLAG_STATS`: include statistics.
pub const ETHTOOL_FLAG_STATS: u32 = 1 << 2;

/// `ETHTOOL_A_LINKINFO_HEADER`: the request header (nested).
pub const ETHTOOL_A_LINKINFO_HEADER: u16 = 1;
/// `ETHTOOL_A_LINKINFO_PORT`: `PORT_*` (`u8`).
pub const ETHTOOL_A_LINKINFO_PORT: u16 = 2;
/// `ETHTOOL_A_LINKINFO_PHYADDR`: PHY address (`u8`).
pub const ETHTOOL_A_LINKINFO_PHYADDR: u16 = 3;
/// `ETHTOOL_A_LINKINFO_TP_MDIX`: MDI(-X) status (`u8`, `ETH_TP_MDI_*`).
pub const ETHTOOL_A_LINKINFO_TP_MDIX: u16 = 4;
/// `ETHTOOL_A_LINKINFO_TP_MDIX_CTRL`: MDI(-X) control (`u8`, `ETH_TP_MDI_*`).
pub const ETHTOOL_A_LINKINFO_TP_MDIX_CTRL: u16 = 5;
/// `ETHTOOL_A_LINKINFO_TRANSCEIVER`: `XCVR_*` (`u8`).
pub const ETHTOOL_A_LINKINFO_TRANSCEIVER: u16 = 6;

/// `ETHTOOL_A_LINKSTATE_HEADER`: the request header (nested).
pub const ETHTOOL_A_LINKSTATE_HEADER: u16 = 1;
/// `ETHTOOL_A_LINKSTATE_LINK`: link detected (`u8`).
pub const ETHTOOL_A_LINKSTATE_LINK: u16 = 2;
/// `ETHTOOL_A_LINKSTATE_SQI`: signal quality index (`u32`).
pub const ETHTOOL_A_LINKSTATE_SQI: u16 = 3;
/// `ETHTOOL_A_LINKSTATE_SQI_MAX`: largest signal quality index (`u32`).
pub const ETHTOOL_A_LINKSTATE_SQI_MAX: u16 = 4;
/// `ETHTOOL_A_LINKSTATE_EXT_STATE`: why the link is down (`u8`).
pub const ETHTOOL_A_LINKSTATE_EXT_STATE: u16 = 5;
/// `ETHTOOL_A_LINKSTATE_EXT_SUBSTATE`: more detail on it (`u8`).
pub const ETHTOOL_A_LINKSTATE_EXT_SUBSTATE: u16 = 6;
/// `ETHTOOL_A_LINKSTATE_EXT_DOWN_CNT`: number of link-down events (`u32`).
pub const ETHTOOL_A_LINKSTATE_EXT_DOWN_CNT: u16 = 7;

/// `ETHTOOL_A_STRSET_HEADER`: the request header (nested).
pub const ETHTOOL_A_STRSET_HEADER: u16 = 1;
/// `ETHTOOL_A_STRSET_STRINGSETS`: the string sets (nested `ETHTOOL_A_STRINGSETS_*`).
pub const ETHTOOL_A_STRSET_STRINGSETS: u16 = 2;
/// `ETHTOOL_A_STRSET_COUNTS_ONLY`: in a request, only the counts (flag).
pub const ETHTOOL_A_STRSET_COUNTS_ONLY: u16 = 3;
/// `ETHTOOL_A_STRINGSETS_STRINGSET`: one string set (nested, repeated).
pub const ETHTOOL_A_STRINGSETS_STRINGSET: u16 = 1;
/// `ETHTOOL_A_STRINGSET_ID`: `ETH_SS_*` (`u32`).
pub const ETHTOOL_A_STRINGSET_ID: u16 = 1;
/// `ETHTOOL_A_STRINGSET_COUNT`: number of strings (`u32`).
pub const ETHTOOL_A_STRINGSET_COUNT: u16 = 2;
/// `ETHTOOL_A_STRINGSET_STRINGS`: the strings (nested `ETHTOOL_A_STRINGS_*`).
pub const ETHTOOL_A_STRINGSET_STRINGS: u16 = 3;
/// `ETHTOOL_A_STRINGS_STRING`: one string (nested, repeated).
pub const ETHTOOL_A_STRINGS_STRING: u16 = 1;
/// `ETHTOOL_A_STRING_INDEX`: the string's index (`u32`).
pub const ETHTOOL_A_STRING_INDEX: u16 = 1;
/// `ETHTOOL_A_STRING_VALUE`: the string.
pub const ETHTOOL_A_STRING_VALUE: u16 = 2;

/// `ETH_SS_TEST`: self-test names.
pub const ETH_SS_TEST: u32 = 0;
/// `ETH_SS_STATS`: statistics names (`ethtool -S`).
pub const ETH_SS_STATS: u32 = 1;
/// `ETH_SS_PRIV_FLAGS`: private flag names.
pub const ETH_SS_PRIV_FLAGS: u32 = 2;
/// `ETH_SS_FEATURES`: feature names.
pub const ETH_SS_FEATURES: u32 = 4;

/// The request header (`ETHTOOL_A_HEADER_*`), type 1 of every ethtool message: which
/// device, and how to answer. Replies name the device by both index and name.
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EthtoolHeader<'a> {
    /// `ETHTOOL_A_HEADER_DEV_INDEX`.
    #[nla(type = ETHTOOL_A_HEADER_DEV_INDEX)]
    pub dev_index: Option<u32>,
    /// `ETHTOOL_A_HEADER_DEV_NAME`.
    #[nla(type = ETHTOOL_A_HEADER_DEV_NAME, max_len = 15)]
    pub dev_name: Option<&'a str>,
    /// `ETHTOOL_A_HEADER_FLAGS`: `ETHTOOL_FLAG_*`.
    #[nla(type = ETHTOOL_A_HEADER_FLAGS)]
    pub flags: Option<u32>,
    /// `ETHTOOL_A_HEADER_PHY_INDEX`: which PHY, on devices with several.
    #[nla(type = ETHTOOL_A_HEADER_PHY_INDEX)]
    pub phy_index: Option<u32>,
}

/// A `GET` request that carries only the header: `ETHTOOL_MSG_LINKINFO_GET`,
/// `ETHTOOL_MSG_LINKSTATE_GET` and most others. Without a header (or as a dump) it asks
/// about every device.
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetRequest<'a> {
    /// `genlmsghdr`: `cmd` is the `ETHTOOL_MSG_*_GET`, `version` 1.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `ETHTOOL_A_*_HEADER` (type 1 in every message).
    #[nla(type = ETHTOOL_A_LINKINFO_HEADER, nested)]
    pub header: Option<EthtoolHeader<'a>>,
}

/// `ETHTOOL_MSG_LINKINFO_GET_REPLY` (and `_NTF`): port, PHY and transceiver of a device.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct LinkInfo<'a> {
    /// `genlmsghdr`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `ETHTOOL_A_LINKINFO_HEADER`: the device.
    #[nla(type = ETHTOOL_A_LINKINFO_HEADER, nested)]
    pub header: EthtoolHeader<'a>,
    /// `ETHTOOL_A_LINKINFO_PORT`: `PORT_TP` (0), ..., `PORT_OTHER` (0xff).
    #[nla(type = ETHTOOL_A_LINKINFO_PORT)]
    pub port: Option<u8>,
    /// `ETHTOOL_A_LINKINFO_PHYADDR`.
    #[nla(type = ETHTOOL_A_LINKINFO_PHYADDR)]
    pub phyaddr: Option<u8>,
    /// `ETHTOOL_A_LINKINFO_TP_MDIX`.
    #[nla(type = ETHTOOL_A_LINKINFO_TP_MDIX)]
    pub tp_mdix: Option<u8>,
    /// `ETHTOOL_A_LINKINFO_TP_MDIX_CTRL`.
    #[nla(type = ETHTOOL_A_LINKINFO_TP_MDIX_CTRL)]
    pub tp_mdix_ctrl: Option<u8>,
    /// `ETHTOOL_A_LINKINFO_TRANSCEIVER`.
    #[nla(type = ETHTOOL_A_LINKINFO_TRANSCEIVER)]
    pub transceiver: Option<u8>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `ETHTOOL_MSG_LINKSTATE_GET_REPLY`: whether the link is up, and why not.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct LinkState<'a> {
    /// `genlmsghdr`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `ETHTOOL_A_LINKSTATE_HEADER`: the device.
    #[nla(type = ETHTOOL_A_LINKSTATE_HEADER, nested)]
    pub header: EthtoolHeader<'a>,
    /// `ETHTOOL_A_LINKSTATE_LINK`: 1 when a link is detected.
    #[nla(type = ETHTOOL_A_LINKSTATE_LINK)]
    pub link: Option<u8>,
    /// `ETHTOOL_A_LINKSTATE_SQI`: signal quality index.
    #[nla(type = ETHTOOL_A_LINKSTATE_SQI)]
    pub sqi: Option<u32>,
    /// `ETHTOOL_A_LINKSTATE_SQI_MAX`.
    #[nla(type = ETHTOOL_A_LINKSTATE_SQI_MAX)]
    pub sqi_max: Option<u32>,
    /// `ETHTOOL_A_LINKSTATE_EXT_STATE`: `ETHTOOL_LINK_EXT_STATE_*`.
    #[nla(type = ETHTOOL_A_LINKSTATE_EXT_STATE)]
    pub ext_state: Option<u8>,
    /// `ETHTOOL_A_LINKSTATE_EXT_SUBSTATE`.
    #[nla(type = ETHTOOL_A_LINKSTATE_EXT_SUBSTATE)]
    pub ext_substate: Option<u8>,
    /// `ETHTOOL_A_LINKSTATE_EXT_DOWN_CNT`: link-down events.
    #[nla(type = ETHTOOL_A_LINKSTATE_EXT_DOWN_CNT)]
    pub ext_down_cnt: Option<u32>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// `ETHTOOL_MSG_STRSET_GET` request and `ETHTOOL_MSG_STRSET_GET_REPLY`: the string sets
/// of a device (statistics names, feature names, ...). A request lists the set ids it
/// wants in `stringsets` (ids only), or none for all.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct StrSet<'a> {
    /// `genlmsghdr`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `ETHTOOL_A_STRSET_HEADER`: the device (optional in a dump request).
    #[nla(type = ETHTOOL_A_STRSET_HEADER, nested)]
    pub header: Option<EthtoolHeader<'a>>,
    /// `ETHTOOL_A_STRSET_STRINGSETS`.
    #[nla(type = ETHTOOL_A_STRSET_STRINGSETS, nested)]
    pub stringsets: Option<StringSets<'a>>,
    /// `ETHTOOL_A_STRSET_COUNTS_ONLY`: in a request, only the counts.
    #[nla(type = ETHTOOL_A_STRSET_COUNTS_ONLY, flag)]
    pub counts_only: bool,
}

/// `ETHTOOL_A_STRSET_STRINGSETS`: a list of string sets.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct StringSets<'a> {
    /// `ETHTOOL_A_STRINGSETS_STRINGSET`, repeated.
    #[nla(type = ETHTOOL_A_STRINGSETS_STRINGSET, multi)]
    pub sets: Vec<StringSet<'a>>,
}

/// `ETHTOOL_A_STRINGSETS_STRINGSET`: one string set.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct StringSet<'a> {
    /// `ETHTOOL_A_STRINGSET_ID`: `ETH_SS_*`.
    #[nla(type = ETHTOOL_A_STRINGSET_ID)]
    pub id: u32,
    /// `ETHTOOL_A_STRINGSET_COUNT`: number of strings.
    #[nla(type = ETHTOOL_A_STRINGSET_COUNT)]
    pub count: Option<u32>,
    /// `ETHTOOL_A_STRINGSET_STRINGS`: the strings (absent with `counts_only`).
    #[nla(type = ETHTOOL_A_STRINGSET_STRINGS, nested)]
    pub strings: Option<Strings<'a>>,
}

/// `ETHTOOL_A_STRINGSET_STRINGS`: a list of strings.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
pub struct Strings<'a> {
    /// `ETHTOOL_A_STRINGS_STRING`, repeated.
    #[nla(type = ETHTOOL_A_STRINGS_STRING, multi)]
    pub strings: Vec<EthString<'a>>,
}

/// `ETHTOOL_A_STRINGS_STRING`: one string and its index.
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EthString<'a> {
    /// `ETHTOOL_A_STRING_INDEX`.
    #[nla(type = ETHTOOL_A_STRING_INDEX)]
    pub index: u32,
    /// `ETHTOOL_A_STRING_VALUE`.
    #[nla(type = ETHTOOL_A_STRING_VALUE)]
    pub value: &'a str,
}

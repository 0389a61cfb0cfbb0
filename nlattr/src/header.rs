//! Fixed headers, as `zerocopy` types in host byte order (netlink headers are never
//! big-endian).
//!
//! Read them with `FromBytes::read_from_prefix`,
//! which copies and so needs no alignment, or with [`read_header`]; write them with
//! `IntoBytes::as_bytes`. Field names follow the C
//! structures without their prefixes.

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::error::{DecodeError, DecodeErrorKind};

/// Reads a fixed header from the start of `buf` (copying, so `buf` may be unaligned).
///
/// `offset` is the absolute position of `buf` in the caller's buffer, used in errors.
///
/// # Errors
/// [`DecodeErrorKind::Truncated`] when `buf` is shorter than `H`.
pub fn read_header<H: FromBytes + KnownLayout + Immutable>(
    buf: &[u8],
    offset: usize,
) -> Result<H, DecodeError> {
    match H::read_from_prefix(buf) {
        Ok((h, _)) => Ok(h),
        Err(_) => Err(DecodeError::new(
            offset,
            DecodeErrorKind::Truncated { needed: core::mem::size_of::<H>(), available: buf.len() },
        )),
    }
}

/// `struct nlmsghdr`: the 16-byte header of every netlink message.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct NlMsgHdr {
    /// Length of the message, header included, padding excluded (`nlmsg_len`).
    pub len: u32,
    /// Message type (`nlmsg_type`): a control type below 16 or a family's type.
    pub ty: u16,
    /// `NLM_F_*` flags (`nlmsg_flags`).
    pub flags: u16,
    /// Sequence number (`nlmsg_seq`).
    pub seq: u32,
    /// Port id of the sender (`nlmsg_pid`); 0 for the kernel.
    pub pid: u32,
}

/// `struct genlmsghdr`: the family header of generic-netlink messages.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct GenlMsgHdr {
    /// Command.
    pub cmd: u8,
    /// Family interface version.
    pub version: u8,
    /// Reserved, zero.
    pub reserved: u16,
}

/// `struct nlattr`: the 4-byte header of every attribute.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct NlAttrHdr {
    /// Length of the attribute, header included, padding excluded (`nla_len`).
    pub len: u16,
    /// Type with the `NLA_F_NESTED` and `NLA_F_NET_BYTEORDER` flag bits (`nla_type`).
    pub ty: u16,
}

/// `struct nlmsgerr`: the start of an `NLMSG_ERROR` message's payload.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct NlMsgErr {
    /// Negative errno, or 0 for an acknowledgement.
    pub error: i32,
    /// The header of the request this answers (its `len` is the original, even when capped).
    pub msg: NlMsgHdr,
}

/// `struct ifinfomsg`: the family header of rtnetlink link messages.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct IfInfoMsg {
    /// Address family (`AF_UNSPEC` usually).
    pub family: u8,
    /// Padding, zero.
    pub pad: u8,
    /// Device type (`ARPHRD_*`).
    pub ty: u16,
    /// Interface index.
    pub index: i32,
    /// Device flags (`IFF_*`).
    pub flags: u32,
    /// Change mask for `flags`.
    pub change: u32,
}

/// `struct ifaddrmsg`: the family header of rtnetlink address messages.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct IfAddrMsg {
    /// Address family.
    pub family: u8,
    /// Prefix length.
    pub prefixlen: u8,
    /// Address flags (`IFA_F_*`, low 8 bits; see `IFA_FLAGS` for all).
    pub flags: u8,
    /// Address scope.
    pub scope: u8,
    /// Interface index.
    pub index: u32,
}

/// `struct rtmsg`: the family header of rtnetlink route messages.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct RtMsg {
    /// Address family.
    pub family: u8,
    /// Destination prefix length.
    pub dst_len: u8,
    /// Source prefix length.
    pub src_len: u8,
    /// Type of service.
    pub tos: u8,
    /// Routing table id (`RT_TABLE_*`; see `RTA_TABLE` for ids above 255).
    pub table: u8,
    /// Routing protocol (`RTPROT_*`).
    pub protocol: u8,
    /// Distance to the destination (`RT_SCOPE_*`).
    pub scope: u8,
    /// Route type (`RTN_*`).
    pub ty: u8,
    /// Route flags (`RTM_F_*`).
    pub flags: u32,
}

/// `struct ndmsg`: the family header of rtnetlink neighbour messages.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct NdMsg {
    /// Address family.
    pub family: u8,
    /// Padding, zero.
    pub pad1: u8,
    /// Padding, zero.
    pub pad2: u16,
    /// Interface index.
    pub ifindex: i32,
    /// Neighbour state (`NUD_*`).
    pub state: u16,
    /// Neighbour flags (`NTF_*`).
    pub flags: u8,
    /// Neighbour type.
    pub ty: u8,
}

/// `struct rtnl_link_stats64` (`IFLA_STATS64`), as of Linux 6.x (25 counters).
///
/// Older kernels send fewer counters: decoding zero-extends; newer kernels may send more:
/// decoding ignores the excess.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
#[allow(missing_docs)] // the counters are documented in `include/uapi/linux/if_link.h`
pub struct RtnlLinkStats64 {
    pub rx_packets: u64,
    pub tx_packets: u64,
    pub rx_bytes: u64,
    pub tx_bytes: u64,
    pub rx_errors: u64,
    pub tx_errors: u64,
    pub rx_dropped: u64,
    pub tx_dropped: u64,
    pub multicast: u64,
    pub collisions: u64,
    pub rx_length_errors: u64,
    pub rx_over_errors: u64,
    pub rx_crc_errors: u64,
    pub rx_frame_errors: u64,
    pub rx_fifo_errors: u64,
    pub rx_missed_errors: u64,
    pub tx_aborted_errors: u64,
    pub tx_carrier_errors: u64,
    pub tx_fifo_errors: u64,
    pub tx_heartbeat_errors: u64,
    pub tx_window_errors: u64,
    pub rx_compressed: u64,
    pub tx_compressed: u64,
    pub rx_nohandler: u64,
    pub rx_otherhost_dropped: u64,
}

/// `struct nla_bitfield32` (`NLA_BITFIELD32`): exactly 8 bytes.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct Bitfield32 {
    /// Bit values.
    pub value: u32,
    /// Which bits of `value` are meaningful.
    pub selector: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_the_kernel() {
        use core::mem::size_of;
        assert_eq!(size_of::<NlMsgHdr>(), 16);
        assert_eq!(size_of::<GenlMsgHdr>(), 4);
        assert_eq!(size_of::<NlAttrHdr>(), 4);
        assert_eq!(size_of::<NlMsgErr>(), 20);
        assert_eq!(size_of::<IfInfoMsg>(), 16);
        assert_eq!(size_of::<IfAddrMsg>(), 8);
        assert_eq!(size_of::<RtMsg>(), 12);
        assert_eq!(size_of::<NdMsg>(), 12);
        assert_eq!(size_of::<RtnlLinkStats64>(), 200);
        assert_eq!(size_of::<Bitfield32>(), 8);
    }

    #[test]
    fn read_header_is_unaligned_and_reports_truncation() {
        let bytes = [0u8, 32, 0, 0, 0, 16, 0, 5, 0];
        let e = read_header::<NlMsgHdr>(&bytes[1..], 1).err();
        assert_eq!(
            e.map(|e| (e.offset, e.kind)),
            Some((1, DecodeErrorKind::Truncated { needed: 16, available: 8 }))
        );
        let mut aligned = [0u8; 17];
        aligned[1] = 32;
        assert_eq!(read_header::<NlMsgHdr>(&aligned[1..], 1).map(|h| h.len), Ok(32));
    }
}

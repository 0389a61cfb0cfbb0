//! Protocol constants from `include/uapi/linux/netlink.h`, `genetlink.h` and `rtnetlink.h`.
//!
//! Names keep the kernel's spelling so that a search for the C name finds the Rust one.

/// Alignment of messages and attributes (`NLMSG_ALIGNTO`, `NLA_ALIGNTO`).
pub const NLA_ALIGNTO: usize = 4;
/// Alignment of messages (`NLMSG_ALIGNTO`).
pub const NLMSG_ALIGNTO: usize = 4;
/// Size of `struct nlmsghdr`.
pub const NLMSG_HDRLEN: usize = 16;
/// Size of `struct nlattr`.
pub const NLA_HDRLEN: usize = 4;
/// Size of `struct genlmsghdr`.
pub const GENL_HDRLEN: usize = 4;
/// Largest attribute, header included: `nla_len` is a `u16`.
pub const NLA_MAX_LEN: usize = u16::MAX as usize;
/// Nesting depth past which decoders of arbitrary input give up (the kernel stops at 10).
pub const MAX_NEST_DEPTH: usize = 16;

/// Rounds `len` up to the next multiple of 4.
///
/// Saturates instead of overflowing, so it is safe on any length read off the wire.
#[must_use]
pub const fn align4(len: usize) -> usize {
    match len.checked_add(3) {
        Some(n) => n & !3,
        None => usize::MAX & !3,
    }
}

// Protocols (`NETLINK_*`, the third argument of `socket(2)`).
/// Routing and device hooks (rtnetlink).
pub const NETLINK_ROUTE: i32 = 0;
/// Socket monitoring.
pub const NETLINK_SOCK_DIAG: i32 = 4;
/// Netfilter subsystem.
pub const NETLINK_NETFILTER: i32 = 12;
/// Kernel uevents.
pub const NETLINK_KOBJECT_UEVENT: i32 = 15;
/// Generic netlink.
pub const NETLINK_GENERIC: i32 = 16;

// Control message types.
/// Nothing; to be ignored.
pub const NLMSG_NOOP: u16 = 1;
/// Error or acknowledgement.
pub const NLMSG_ERROR: u16 = 2;
/// End of a multipart message (dump).
pub const NLMSG_DONE: u16 = 3;
/// Data lost.
pub const NLMSG_OVERRUN: u16 = 4;
/// First type free for protocol use: control messages are below it.
pub const NLMSG_MIN_TYPE: u16 = 0x10;

// Message flags, standard.
/// It is a request message.
pub const NLM_F_REQUEST: u16 = 0x01;
/// Multipart message, terminated by `NLMSG_DONE`.
pub const NLM_F_MULTI: u16 = 0x02;
/// Reply with an acknowledgement, with zero or an error code.
pub const NLM_F_ACK: u16 = 0x04;
/// Echo this request.
pub const NLM_F_ECHO: u16 = 0x08;
/// The dump was inconsistent because the data changed during it.
pub const NLM_F_DUMP_INTR: u16 = 0x10;
/// The dump was filtered as requested.
pub const NLM_F_DUMP_FILTERED: u16 = 0x20;
// Modifiers to GET requests.
/// Return the complete table instead of a single entry.
pub const NLM_F_ROOT: u16 = 0x100;
/// Return all entries matching the criteria passed in the message content.
pub const NLM_F_MATCH: u16 = 0x200;
/// Return an atomic snapshot of the table.
pub const NLM_F_ATOMIC: u16 = 0x400;
/// `NLM_F_ROOT | NLM_F_MATCH`.
pub const NLM_F_DUMP: u16 = NLM_F_ROOT | NLM_F_MATCH;
// Modifiers to NEW requests.
/// Override an existing object.
pub const NLM_F_REPLACE: u16 = 0x100;
/// Do not touch the object if it exists.
pub const NLM_F_EXCL: u16 = 0x200;
/// Create the object if it does not exist.
pub const NLM_F_CREATE: u16 = 0x400;
/// Add to the end of a list.
pub const NLM_F_APPEND: u16 = 0x800;
// Modifiers to DELETE requests.
/// Do not delete recursively.
pub const NLM_F_NONREC: u16 = 0x100;
/// Delete multiple objects.
pub const NLM_F_BULK: u16 = 0x200;
// Flags of ACK messages.
/// The request payload was cut from the error message.
pub const NLM_F_CAPPED: u16 = 0x100;
/// Extended-ACK TLVs follow.
pub const NLM_F_ACK_TLVS: u16 = 0x200;

// Attribute type word.
/// Attribute carries nested attributes.
pub const NLA_F_NESTED: u16 = 1 << 15;
/// Attribute payload is in network byte order.
pub const NLA_F_NET_BYTEORDER: u16 = 1 << 14;
/// Mask that removes the two flag bits from an attribute type.
pub const NLA_TYPE_MASK: u16 = !(NLA_F_NESTED | NLA_F_NET_BYTEORDER);

// Socket options (level `SOL_NETLINK`).
/// Socket level of the options below.
pub const SOL_NETLINK: i32 = 270;
/// Join a multicast group.
pub const NETLINK_ADD_MEMBERSHIP: i32 = 1;
/// Leave a multicast group.
pub const NETLINK_DROP_MEMBERSHIP: i32 = 2;
/// Receive packet info.
pub const NETLINK_PKTINFO: i32 = 3;
/// Report overruns as `ENOBUFS` (default) or not.
pub const NETLINK_BROADCAST_ERROR: i32 = 4;
/// Do not report `ENOBUFS` on a full receive queue.
pub const NETLINK_NO_ENOBUFS: i32 = 5;
/// Receive messages from every network namespace.
pub const NETLINK_LISTEN_ALL_NSID: i32 = 8;
/// Return only the request header in error messages.
pub const NETLINK_CAP_ACK: i32 = 10;
/// Extended acknowledgements.
pub const NETLINK_EXT_ACK: i32 = 11;
/// Strict checking of requests (rtnetlink).
pub const NETLINK_GET_STRICT_CHK: i32 = 12;

// Extended ACK attributes (`enum nlmsgerr_attrs`).
/// Error message string.
pub const NLMSGERR_ATTR_MSG: u16 = 1;
/// Offset of the invalid attribute from the start of the request's `nlmsghdr`.
pub const NLMSGERR_ATTR_OFFS: u16 = 2;
/// Arbitrary subsystem-specific cookie.
pub const NLMSGERR_ATTR_COOKIE: u16 = 3;
/// Policy of the rejected attribute.
pub const NLMSGERR_ATTR_POLICY: u16 = 4;
/// Type of a missing required attribute.
pub const NLMSGERR_ATTR_MISS_TYPE: u16 = 5;
/// Offset of the nest in which an attribute is missing.
pub const NLMSGERR_ATTR_MISS_NEST: u16 = 6;

// Policy description attributes (`enum netlink_policy_type_attr`).
/// Attribute type (`enum netlink_attribute_type`).
pub const NL_POLICY_TYPE_ATTR_TYPE: u16 = 1;
/// Minimum signed value.
pub const NL_POLICY_TYPE_ATTR_MIN_VALUE_S: u16 = 2;
/// Maximum signed value.
pub const NL_POLICY_TYPE_ATTR_MAX_VALUE_S: u16 = 3;
/// Minimum unsigned value.
pub const NL_POLICY_TYPE_ATTR_MIN_VALUE_U: u16 = 4;
/// Maximum unsigned value.
pub const NL_POLICY_TYPE_ATTR_MAX_VALUE_U: u16 = 5;
/// Minimum length of a binary attribute.
pub const NL_POLICY_TYPE_ATTR_MIN_LENGTH: u16 = 6;
/// Maximum length of a binary attribute.
pub const NL_POLICY_TYPE_ATTR_MAX_LENGTH: u16 = 7;
/// Index of the nested policy.
pub const NL_POLICY_TYPE_ATTR_POLICY_IDX: u16 = 8;
/// Maximum attribute type of the nested policy.
pub const NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE: u16 = 9;
/// Valid bits of a bitfield32 attribute.
pub const NL_POLICY_TYPE_ATTR_BITFIELD32_MASK: u16 = 10;
/// Padding for 64-bit alignment.
pub const NL_POLICY_TYPE_ATTR_PAD: u16 = 11;
/// Mask of valid bits of an unsigned integer.
pub const NL_POLICY_TYPE_ATTR_MASK: u16 = 12;

// Attribute types reported by policies (`enum netlink_attribute_type`).
/// Invalid.
pub const NL_ATTR_TYPE_INVALID: u32 = 0;
/// Flag (no payload).
pub const NL_ATTR_TYPE_FLAG: u32 = 1;
/// `u8`.
pub const NL_ATTR_TYPE_U8: u32 = 2;
/// `u16`.
pub const NL_ATTR_TYPE_U16: u32 = 3;
/// `u32`.
pub const NL_ATTR_TYPE_U32: u32 = 4;
/// `u64`.
pub const NL_ATTR_TYPE_U64: u32 = 5;
/// `s8`.
pub const NL_ATTR_TYPE_S8: u32 = 6;
/// `s16`.
pub const NL_ATTR_TYPE_S16: u32 = 7;
/// `s32`.
pub const NL_ATTR_TYPE_S32: u32 = 8;
/// `s64`.
pub const NL_ATTR_TYPE_S64: u32 = 9;
/// Binary.
pub const NL_ATTR_TYPE_BINARY: u32 = 10;
/// String.
pub const NL_ATTR_TYPE_STRING: u32 = 11;
/// NUL-terminated string.
pub const NL_ATTR_TYPE_NUL_STRING: u32 = 12;
/// Nested attributes.
pub const NL_ATTR_TYPE_NESTED: u32 = 13;
/// Array of nested attributes.
pub const NL_ATTR_TYPE_NESTED_ARRAY: u32 = 14;
/// `struct nla_bitfield32`.
pub const NL_ATTR_TYPE_BITFIELD32: u32 = 15;
/// Signed integer of 4 or 8 bytes.
pub const NL_ATTR_TYPE_SINT: u32 = 16;
/// Unsigned integer of 4 or 8 bytes.
pub const NL_ATTR_TYPE_UINT: u32 = 17;

// Generic netlink controller.
/// Family id of the generic-netlink controller (`nlctrl`).
pub const GENL_ID_CTRL: u16 = NLMSG_MIN_TYPE;
/// Unspecified command.
pub const CTRL_CMD_UNSPEC: u8 = 0;
/// Family added (notification).
pub const CTRL_CMD_NEWFAMILY: u8 = 1;
/// Family removed (notification).
pub const CTRL_CMD_DELFAMILY: u8 = 2;
/// Get one family by name or id, or dump all.
pub const CTRL_CMD_GETFAMILY: u8 = 3;
/// New operation (notification).
pub const CTRL_CMD_NEWOPS: u8 = 4;
/// Operation removed (notification).
pub const CTRL_CMD_DELOPS: u8 = 5;
/// Get operations.
pub const CTRL_CMD_GETOPS: u8 = 6;
/// New multicast group (notification).
pub const CTRL_CMD_NEWMCAST_GRP: u8 = 7;
/// Multicast group removed (notification).
pub const CTRL_CMD_DELMCAST_GRP: u8 = 8;
/// Get multicast groups.
pub const CTRL_CMD_GETMCAST_GRP: u8 = 9;
/// Dump the policies of a family.
pub const CTRL_CMD_GETPOLICY: u8 = 10;
/// Family id (`u16`).
pub const CTRL_ATTR_FAMILY_ID: u16 = 1;
/// Family name (string).
pub const CTRL_ATTR_FAMILY_NAME: u16 = 2;
/// Family version (`u32`).
pub const CTRL_ATTR_VERSION: u16 = 3;
/// Family header size (`u32`).
pub const CTRL_ATTR_HDRSIZE: u16 = 4;
/// Largest attribute type (`u32`).
pub const CTRL_ATTR_MAXATTR: u16 = 5;
/// Operations (indexed array).
pub const CTRL_ATTR_OPS: u16 = 6;
/// Multicast groups (indexed array).
pub const CTRL_ATTR_MCAST_GROUPS: u16 = 7;
/// Policy (nested).
pub const CTRL_ATTR_POLICY: u16 = 8;
/// Operation policy (nested).
pub const CTRL_ATTR_OP_POLICY: u16 = 9;
/// Operation (`u32`).
pub const CTRL_ATTR_OP: u16 = 10;
/// Operation id (`u32`).
pub const CTRL_ATTR_OP_ID: u16 = 1;
/// Operation flags (`u32`).
pub const CTRL_ATTR_OP_FLAGS: u16 = 2;
/// Multicast group name (string).
pub const CTRL_ATTR_MCAST_GRP_NAME: u16 = 1;
/// Multicast group id (`u32`).
pub const CTRL_ATTR_MCAST_GRP_ID: u16 = 2;

// rtnetlink message types.
/// Create a link.
pub const RTM_NEWLINK: u16 = 16;
/// Delete a link.
pub const RTM_DELLINK: u16 = 17;
/// Get links.
pub const RTM_GETLINK: u16 = 18;
/// Change a link.
pub const RTM_SETLINK: u16 = 19;
/// Add an address.
pub const RTM_NEWADDR: u16 = 20;
/// Delete an address.
pub const RTM_DELADDR: u16 = 21;
/// Get addresses.
pub const RTM_GETADDR: u16 = 22;
/// Add a route.
pub const RTM_NEWROUTE: u16 = 24;
/// Delete a route.
pub const RTM_DELROUTE: u16 = 25;
/// Get routes.
pub const RTM_GETROUTE: u16 = 26;
/// Add a neighbour.
pub const RTM_NEWNEIGH: u16 = 28;
/// Delete a neighbour.
pub const RTM_DELNEIGH: u16 = 29;
/// Get neighbours.
pub const RTM_GETNEIGH: u16 = 30;

/// Address family: unspecified.
pub const AF_UNSPEC: u8 = 0;
/// Address family: IPv4.
pub const AF_INET: u8 = 2;
/// Address family: bridge.
pub const AF_BRIDGE: u8 = 7;
/// Address family: IPv6.
pub const AF_INET6: u8 = 10;
/// Address family: netlink.
pub const AF_NETLINK: u16 = 16;

//! The generic-netlink controller, `nlctrl` (family id [`GENL_ID_CTRL`]): family lookup
//! (`CTRL_CMD_GETFAMILY`) and policy dumps (`CTRL_CMD_GETPOLICY`).
//!
//! Requests and replies are `genlmsghdr` followed by `CTRL_ATTR_*` attributes
//! (`include/uapi/linux/genetlink.h`). Constants already in [`crate::consts`] (`CTRL_CMD_*`,
//! `CTRL_ATTR_*`) are used from there; the rest are here.
//!
//! ```
//! use nlattr::{consts::*, families::ctrl::GetFamily, header::GenlMsgHdr, AttrSet};
//!
//! // CTRL_CMD_GETFAMILY for "test1", the request in the kernel's netlink introduction.
//! let req = GetFamily {
//!     hdr: GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 },
//!     id: None,
//!     name: Some("test1"),
//! };
//! let bytes = req.to_message_vec(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
//! assert_eq!(bytes.len(), 32);
//! assert_eq!(&bytes[20..], b"\x0a\x00\x02\x00test1\x00\x00\x00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use crate::codec::Indexed;
use crate::consts::{
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_HDRSIZE, CTRL_ATTR_MAXATTR, CTRL_ATTR_MCAST_GROUPS,
    CTRL_ATTR_MCAST_GRP_ID, CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_OP, CTRL_ATTR_OPS, CTRL_ATTR_OP_FLAGS,
    CTRL_ATTR_OP_ID, CTRL_ATTR_OP_POLICY, CTRL_ATTR_POLICY, CTRL_ATTR_VERSION,
};
use crate::extack::PolicyInfo;
use crate::header::GenlMsgHdr;
use crate::view::{ArrayView, UnknownView};
use crate::{NlAttrs, NlValue};

pub use crate::consts::GENL_ID_CTRL;

/// `GENL_NAMSIZ`: room for a family or group name, NUL included.
pub const GENL_NAMSIZ: usize = 16;

/// `CTRL_ATTR_POLICY_DO`: policy index of an operation's `do` form (`u32`).
pub const CTRL_ATTR_POLICY_DO: u16 = 1;
/// `CTRL_ATTR_POLICY_DUMP`: policy index of an operation's `dump` form (`u32`).
pub const CTRL_ATTR_POLICY_DUMP: u16 = 2;

/// `GENL_ADMIN_PERM`: the operation needs `CAP_NET_ADMIN` in the initial namespace.
pub const GENL_ADMIN_PERM: u32 = 0x01;
/// `GENL_CMD_CAP_DO`: the operation has a `do` handler.
pub const GENL_CMD_CAP_DO: u32 = 0x02;
/// `GENL_CMD_CAP_DUMP`: the operation has a `dump` handler.
pub const GENL_CMD_CAP_DUMP: u32 = 0x04;
/// `GENL_CMD_CAP_HASPOL`: the operation has an attribute policy.
pub const GENL_CMD_CAP_HASPOL: u32 = 0x08;
/// `GENL_UNS_ADMIN_PERM`: the operation needs `CAP_NET_ADMIN` in the socket's namespace.
pub const GENL_UNS_ADMIN_PERM: u32 = 0x10;

/// `CTRL_CMD_GETFAMILY` request: look a family up by name (a `do`, which may autoload
/// its module) or by id; with neither, send it as a dump to list every family.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct GetFamily<'a> {
    /// `genlmsghdr`: `cmd` is `CTRL_CMD_GETFAMILY`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `CTRL_ATTR_FAMILY_ID` (`u16`).
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    pub id: Option<u16>,
    /// `CTRL_ATTR_FAMILY_NAME` (`NLA_NUL_STRING`, at most `GENL_NAMSIZ - 1` bytes).
    #[nla(type = CTRL_ATTR_FAMILY_NAME, max_len = 15)]
    pub name: Option<&'a str>,
}

/// A family, as `CTRL_CMD_NEWFAMILY` replies to `CTRL_CMD_GETFAMILY` (and announces new
/// families to the `notify` group).
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct Family<'a> {
    /// `genlmsghdr`: `cmd` is `CTRL_CMD_NEWFAMILY` (or `CTRL_CMD_DELFAMILY`).
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `CTRL_ATTR_FAMILY_NAME`.
    #[nla(type = CTRL_ATTR_FAMILY_NAME)]
    pub name: &'a str,
    /// `CTRL_ATTR_FAMILY_ID` (`u16`): the `nlmsg_type` of the family's messages.
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    pub id: u16,
    /// `CTRL_ATTR_VERSION` (`u32`): the family's interface version.
    #[nla(type = CTRL_ATTR_VERSION)]
    pub version: Option<u32>,
    /// `CTRL_ATTR_HDRSIZE` (`u32`): size of the family's own header after `genlmsghdr`.
    #[nla(type = CTRL_ATTR_HDRSIZE)]
    pub hdrsize: Option<u32>,
    /// `CTRL_ATTR_MAXATTR` (`u32`): the family's largest attribute type.
    #[nla(type = CTRL_ATTR_MAXATTR)]
    pub maxattr: Option<u32>,
    /// `CTRL_ATTR_OPS`: an indexed array (indices from 1) of operations. The kernel sets
    /// `NLA_F_NESTED` on none of these nests, and neither does the encoder.
    #[nla(type = CTRL_ATTR_OPS, nested_array(no_flag))]
    pub ops: ArrayView<'a, Op>,
    /// `CTRL_ATTR_MCAST_GROUPS`: an indexed array (indices from 1) of multicast groups,
    /// without `NLA_F_NESTED` as the kernel writes it.
    #[nla(type = CTRL_ATTR_MCAST_GROUPS, nested_array(no_flag))]
    pub mcast_groups: ArrayView<'a, McastGroup<'a>>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

impl Family<'_> {
    /// The id of the multicast group called `name`.
    #[must_use]
    pub fn mcast_group(&self, name: &str) -> Option<u32> {
        self.mcast_groups.iter().find(|g| g.name == name).map(|g| g.id)
    }

    /// The operation with command number `id`.
    #[must_use]
    pub fn op(&self, id: u32) -> Option<Op> {
        self.ops.iter().find(|o| o.id == id)
    }
}

/// One operation of a family: an element of `CTRL_ATTR_OPS`.
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    /// `CTRL_ATTR_OP_ID` (`u32`): the command number.
    #[nla(type = CTRL_ATTR_OP_ID)]
    pub id: u32,
    /// `CTRL_ATTR_OP_FLAGS` (`u32`): `GENL_*` capability and permission bits.
    #[nla(type = CTRL_ATTR_OP_FLAGS, default)]
    pub flags: OpFlags,
}

/// `GENL_ADMIN_PERM`, `GENL_CMD_CAP_*`, `GENL_UNS_ADMIN_PERM`: the flag set of an
/// operation. Unknown bits are kept.
#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OpFlags(pub u32);

impl OpFlags {
    /// Whether every bit of `bits` is set.
    #[must_use]
    pub const fn contains(self, bits: u32) -> bool {
        self.0 & bits == bits
    }

    /// Whether the operation has a `do` handler (`GENL_CMD_CAP_DO`).
    #[must_use]
    pub const fn can_do(self) -> bool {
        self.contains(GENL_CMD_CAP_DO)
    }

    /// Whether the operation has a `dump` handler (`GENL_CMD_CAP_DUMP`).
    #[must_use]
    pub const fn can_dump(self) -> bool {
        self.contains(GENL_CMD_CAP_DUMP)
    }

    /// Whether the operation validates attributes with a policy (`GENL_CMD_CAP_HASPOL`).
    #[must_use]
    pub const fn has_policy(self) -> bool {
        self.contains(GENL_CMD_CAP_HASPOL)
    }

    /// Whether the operation needs `CAP_NET_ADMIN` (`GENL_ADMIN_PERM` or
    /// `GENL_UNS_ADMIN_PERM`).
    #[must_use]
    pub const fn needs_admin(self) -> bool {
        self.0 & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM) != 0
    }
}

/// One multicast group of a family: an element of `CTRL_ATTR_MCAST_GROUPS`. The kernel
/// writes the id first.
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
pub struct McastGroup<'a> {
    /// `CTRL_ATTR_MCAST_GRP_ID` (`u32`): the group number to join.
    #[nla(type = CTRL_ATTR_MCAST_GRP_ID)]
    pub id: u32,
    /// `CTRL_ATTR_MCAST_GRP_NAME`.
    #[nla(type = CTRL_ATTR_MCAST_GRP_NAME, max_len = 15)]
    pub name: &'a str,
}

/// `CTRL_CMD_GETPOLICY` request (always a dump): the policies of the family named or
/// numbered, for every operation or only `op`.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct GetPolicy<'a> {
    /// `genlmsghdr`: `cmd` is `CTRL_CMD_GETPOLICY`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `CTRL_ATTR_FAMILY_ID` (`u16`).
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    pub id: Option<u16>,
    /// `CTRL_ATTR_FAMILY_NAME`.
    #[nla(type = CTRL_ATTR_FAMILY_NAME, max_len = 15)]
    pub name: Option<&'a str>,
    /// `CTRL_ATTR_OP` (`u32`): only this operation's policies.
    #[nla(type = CTRL_ATTR_OP)]
    pub op: Option<u32>,
}

/// `CTRL_ATTR_POLICY`'s payload: policy index → attribute type → the attribute's policy.
pub type PolicyTable = Indexed<Indexed<PolicyInfo>>;

/// One message of a `CTRL_CMD_GETPOLICY` dump: either one attribute's policy
/// (`CTRL_ATTR_POLICY`) or one operation's policy indices (`CTRL_ATTR_OP_POLICY`).
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
pub struct PolicyReply<'a> {
    /// `genlmsghdr`: `cmd` is `CTRL_CMD_GETPOLICY`.
    #[nla(header)]
    pub hdr: GenlMsgHdr,
    /// `CTRL_ATTR_FAMILY_ID` (`u16`): the family the policies belong to.
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    pub id: u16,
    /// `CTRL_ATTR_POLICY`: policy index → attribute type → `NL_POLICY_TYPE_ATTR_*`
    /// ([`PolicyInfo`]). A type implementing `Encode`/`Decode` itself, since an indexed
    /// array of indexed arrays has no attribute set in the middle.
    #[nla(type = CTRL_ATTR_POLICY)]
    pub policy: Option<PolicyTable>,
    /// `CTRL_ATTR_OP_POLICY`: operation number → its `do` and `dump` policy indices.
    #[nla(type = CTRL_ATTR_OP_POLICY, nested_array(keep_index))]
    pub op_policy: Vec<(u16, OpPolicy)>,
    /// Attributes not named above, kept in order and written back.
    #[nla(unknown)]
    pub rest: UnknownView<'a>,
}

/// The policy indices of one operation: an element of `CTRL_ATTR_OP_POLICY`. An absent
/// index means the operation has no such form (or no policy for it).
#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpPolicy {
    /// `CTRL_ATTR_POLICY_DO` (`u32`): policy index of the `do` form.
    #[nla(type = CTRL_ATTR_POLICY_DO)]
    pub do_policy: Option<u32>,
    /// `CTRL_ATTR_POLICY_DUMP` (`u32`): policy index of the `dump` form.
    #[nla(type = CTRL_ATTR_POLICY_DUMP)]
    pub dump_policy: Option<u32>,
}

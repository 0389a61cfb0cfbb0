//! Acknowledgements, errors and extended ACK: `NLMSG_ERROR` and `NLMSG_DONE` read into one
//! typed value, [`ExtAck`].
//!
//! `NLMSG_ERROR` carries `int error`, the request's header, the request's payload unless the
//! message is capped (`NLM_F_CAPPED`: `NETLINK_CAP_ACK`, or any success), then extended-ACK
//! attributes when `NLM_F_ACK_TLVS` is set. The echoed header keeps the request's original
//! `nlmsg_len` even when capped, so it is never used to find the attributes of a capped
//! message, and it is bounds-checked otherwise. `NLMSG_DONE` carries `int error` and the
//! attributes directly.

use core::fmt;

use crate::codec::Decode;
use crate::consts::{
    NLMSGERR_ATTR_COOKIE, NLMSGERR_ATTR_MISS_NEST, NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_MSG,
    NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLM_F_ACK_TLVS,
    NLM_F_CAPPED, NL_POLICY_TYPE_ATTR_BITFIELD32_MASK, NL_POLICY_TYPE_ATTR_MASK,
    NL_POLICY_TYPE_ATTR_MAX_LENGTH, NL_POLICY_TYPE_ATTR_MAX_VALUE_S, NL_POLICY_TYPE_ATTR_MAX_VALUE_U,
    NL_POLICY_TYPE_ATTR_MIN_LENGTH, NL_POLICY_TYPE_ATTR_MIN_VALUE_S, NL_POLICY_TYPE_ATTR_MIN_VALUE_U,
    NL_POLICY_TYPE_ATTR_POLICY_IDX, NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE, NL_POLICY_TYPE_ATTR_TYPE,
};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::header::{read_header, NlMsgHdr};
use crate::iter::{Attrs, Message};
use crate::NlAttrs;

/// Which control message an [`ExtAck`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AckKind {
    /// `NLMSG_ERROR`: the answer to a request (error or acknowledgement).
    Error,
    /// `NLMSG_DONE`: the end of a dump, possibly carrying the dump's error.
    Done,
}

/// An acknowledgement, error or end of dump, with its extended-ACK attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtAck<'a> {
    /// Which control message this is.
    pub kind: AckKind,
    /// The message's `NLM_F_*` flags (`CAPPED`, `ACK_TLVS`, `MULTI`, `DUMP_INTR`...).
    pub flags: u16,
    /// Positive errno (the kernel sends it negated); 0 for success.
    pub errno: i32,
    /// The echoed request header (`NLMSG_ERROR` only). Its `len` is the original request's.
    pub request: Option<NlMsgHdr>,
    /// The echoed request payload, when not capped.
    pub request_payload: Option<&'a [u8]>,
    /// `NLMSGERR_ATTR_MSG`: the kernel's message (a warning when `errno` is 0).
    pub message: Option<&'a str>,
    /// `NLMSGERR_ATTR_OFFS`: offset of the offending attribute from the start of the
    /// request's `nlmsghdr`.
    pub offset: Option<u32>,
    /// `NLMSGERR_ATTR_COOKIE`.
    pub cookie: Option<&'a [u8]>,
    /// `NLMSGERR_ATTR_MISS_TYPE`: type of a missing required attribute.
    pub missing_type: Option<u16>,
    /// `NLMSGERR_ATTR_MISS_NEST`: offset of the nest lacking it (absent: top level).
    pub missing_nest: Option<u32>,
    /// `NLMSGERR_ATTR_POLICY`: the policy the offending attribute broke.
    pub policy: Option<PolicyInfo>,
}

impl<'a> ExtAck<'a> {
    /// Reads an `NLMSG_ERROR` or `NLMSG_DONE` message.
    ///
    /// # Errors
    /// [`DecodeErrorKind::UnexpectedMessage`] for another type; a truncated body or a
    /// malformed attribute gives its own error with an absolute offset. An uncapped error
    /// whose echoed request length is below 16 is [`DecodeErrorKind::BadMessageLength`],
    /// and one claiming more bytes than follow is [`DecodeErrorKind::Truncated`]: the
    /// echoed length is checked, never trusted.
    pub fn parse(msg: &Message<'a>) -> Result<Self, DecodeError> {
        if !matches!(msg.ty(), NLMSG_ERROR | NLMSG_DONE) {
            return Err(DecodeError::new(msg.offset, DecodeErrorKind::UnexpectedMessage { ty: msg.ty() }));
        }
        let base = msg.payload_offset();
        let p = msg.payload;
        let mut ack = ExtAck {
            kind: AckKind::Error,
            flags: msg.flags(),
            errno: 0,
            request: None,
            request_payload: None,
            message: None,
            offset: None,
            cookie: None,
            missing_type: None,
            missing_nest: None,
            policy: None,
        };
        let error: i32 = read_header(p, base)?;
        ack.errno = error.checked_neg().unwrap_or(i32::MAX);
        let tlv_start = match msg.ty() {
            NLMSG_ERROR => {
                let req: NlMsgHdr = read_header(p.get(4..).unwrap_or_default(), base + 4)?;
                ack.request = Some(req);
                let after_hdr = 4 + NLMSG_HDRLEN;
                if msg.flags() & NLM_F_CAPPED != 0 || error == 0 {
                    after_hdr
                } else {
                    // Uncapped: the request's payload follows, and its length is known only
                    // from the echoed header. The kernel never echoes a request shorter than
                    // a header, nor more bytes than it sent: either is a lie, reported
                    // rather than used.
                    if (req.len as usize) < NLMSG_HDRLEN {
                        return Err(DecodeError::new(
                            base + 4,
                            DecodeErrorKind::BadMessageLength { len: req.len },
                        ));
                    }
                    let echoed = req.len as usize - NLMSG_HDRLEN;
                    let rest = p.get(after_hdr..).unwrap_or_default();
                    let Some(body) = rest.get(..echoed) else {
                        return Err(DecodeError::new(
                            base + after_hdr,
                            DecodeErrorKind::Truncated { needed: echoed, available: rest.len() },
                        ));
                    };
                    ack.request_payload = Some(body);
                    after_hdr.saturating_add(crate::consts::align4(echoed))
                }
            }
            NLMSG_DONE => {
                ack.kind = AckKind::Done;
                4
            }
            ty => return Err(DecodeError::new(msg.offset, DecodeErrorKind::UnexpectedMessage { ty })),
        };
        if msg.flags() & NLM_F_ACK_TLVS == 0 {
            return Ok(ack);
        }
        let tlvs = p.get(tlv_start..).unwrap_or_default();
        // Errors keep the shape this function always gave them: type and offset, no path.
        let attrs = ExtAckAttrs::decode(tlvs, base + tlv_start.min(p.len()))
            .map_err(|e| DecodeError { path: crate::FieldPath::new(), ..e })?;
        ack.message = attrs.message;
        ack.offset = attrs.offset;
        ack.cookie = attrs.cookie;
        ack.policy = attrs.policy;
        ack.missing_type = attrs.missing_type;
        ack.missing_nest = attrs.missing_nest;
        Ok(ack)
    }

    /// Whether the kernel reported an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.errno != 0
    }

    /// Whether this is a success carrying a message: a warning, not an error.
    #[must_use]
    pub fn is_warning(&self) -> bool {
        self.errno == 0 && self.message.is_some()
    }

    /// Whether the request payload was left out (`NLM_F_CAPPED`).
    #[must_use]
    pub fn is_capped(&self) -> bool {
        self.flags & NLM_F_CAPPED != 0
    }
}

/// The extended-ACK attributes (`enum nlmsgerr_attrs`) that follow an `NLMSG_ERROR`'s
/// echoed request, or an `NLMSG_DONE`'s error code, when `NLM_F_ACK_TLVS` is set.
///
/// [`ExtAck::parse`] reads them with this set; build one to script a fake kernel's reply.
/// Fields are in the order the kernel writes them.
#[derive(NlAttrs, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtAckAttrs<'a> {
    /// `NLMSGERR_ATTR_MSG`: the kernel's message (`NLA_NUL_STRING`).
    #[nla(type = NLMSGERR_ATTR_MSG)]
    pub message: Option<&'a str>,
    /// `NLMSGERR_ATTR_OFFS` (`u32`): offset of the offending attribute from the start of
    /// the request's `nlmsghdr`.
    #[nla(type = NLMSGERR_ATTR_OFFS)]
    pub offset: Option<u32>,
    /// `NLMSGERR_ATTR_MISS_TYPE` (`u32` in the uapi header; a `u16` is accepted too): the
    /// type of a missing required attribute.
    #[nla(type = NLMSGERR_ATTR_MISS_TYPE, with = miss_type)]
    pub missing_type: Option<u16>,
    /// `NLMSGERR_ATTR_MISS_NEST` (`u32`): offset of the nest lacking it; absent for the top
    /// level.
    #[nla(type = NLMSGERR_ATTR_MISS_NEST)]
    pub missing_nest: Option<u32>,
    /// `NLMSGERR_ATTR_COOKIE`: an opaque subsystem cookie.
    #[nla(type = NLMSGERR_ATTR_COOKIE)]
    pub cookie: Option<&'a [u8]>,
    /// `NLMSGERR_ATTR_POLICY`: the policy the offending attribute broke.
    #[nla(type = NLMSGERR_ATTR_POLICY, nested)]
    pub policy: Option<PolicyInfo>,
}

/// `NLMSGERR_ATTR_MISS_TYPE` is a `u32` in the uapi header; accept a `u16` too, write a
/// `u32`.
mod miss_type {
    use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
    use crate::writer::Writer;

    pub(super) fn encoded_len(_: &u16) -> usize {
        4
    }

    pub(super) fn encode(v: &u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&u32::from(*v).to_ne_bytes())
    }

    pub(super) fn decode(payload: &[u8], offset: usize) -> Result<u16, DecodeError> {
        let ty = match *payload {
            [a, b] => u16::from_ne_bytes([a, b]),
            [a, b, c, d] => {
                // Attribute types are 14 bits: the upper bits carry no information.
                #[allow(clippy::cast_possible_truncation)]
                let t = u32::from_ne_bytes([a, b, c, d]) as u16;
                t
            }
            _ => {
                return Err(DecodeError::new(
                    offset,
                    DecodeErrorKind::BadLength { expected: 4, found: payload.len() },
                ))
            }
        };
        Ok(ty)
    }
}

impl fmt::Display for ExtAck<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errno == 0 {
            f.write_str("success")?;
        } else {
            match errno_name(self.errno) {
                Some(name) => write!(f, "{name} (errno {})", self.errno)?,
                None => write!(f, "errno {}", self.errno)?,
            }
        }
        if let Some(m) = self.message {
            write!(f, ": {m}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (attribute at byte {o} of the request)")?;
        }
        if let Some(t) = self.missing_type {
            write!(f, " (missing attribute type {t}")?;
            if let Some(n) = self.missing_nest {
                write!(f, " in the nest at byte {n}")?;
            }
            f.write_str(")")?;
        }
        if let Some(p) = &self.policy {
            write!(f, " ({p})")?;
        }
        Ok(())
    }
}

/// A policy entry as the kernel describes it (`NL_POLICY_TYPE_ATTR_*`), in extended ACKs
/// (`NLMSGERR_ATTR_POLICY`) and in `CTRL_CMD_GETPOLICY` dumps.
///
/// Fields are in the order the kernel writes them: the checks of the attribute's kind,
/// then its type. 64-bit bounds and masks are read from 4 or 8 bytes (`NLA_UINT`/`NLA_SINT`
/// style) and written as 8, as the kernel does (`nla_put_u64_64bit`); pad attributes
/// (`NL_POLICY_TYPE_ATTR_PAD`) are skipped.
#[derive(NlAttrs, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PolicyInfo {
    /// `NL_POLICY_TYPE_ATTR_MIN_VALUE_U` (`u64`): smallest unsigned value.
    #[nla(type = NL_POLICY_TYPE_ATTR_MIN_VALUE_U, with = wide_u64)]
    pub min_u: Option<u64>,
    /// `NL_POLICY_TYPE_ATTR_MAX_VALUE_U` (`u64`): largest unsigned value.
    #[nla(type = NL_POLICY_TYPE_ATTR_MAX_VALUE_U, with = wide_u64)]
    pub max_u: Option<u64>,
    /// `NL_POLICY_TYPE_ATTR_MIN_VALUE_S` (`s64`): smallest signed value.
    #[nla(type = NL_POLICY_TYPE_ATTR_MIN_VALUE_S, with = wide_i64)]
    pub min_s: Option<i64>,
    /// `NL_POLICY_TYPE_ATTR_MAX_VALUE_S` (`s64`): largest signed value.
    #[nla(type = NL_POLICY_TYPE_ATTR_MAX_VALUE_S, with = wide_i64)]
    pub max_s: Option<i64>,
    /// `NL_POLICY_TYPE_ATTR_MASK` (`u64`): valid bits of an unsigned integer.
    #[nla(type = NL_POLICY_TYPE_ATTR_MASK, with = wide_u64)]
    pub mask: Option<u64>,
    /// `NL_POLICY_TYPE_ATTR_MIN_LENGTH` (`u32`): smallest length.
    #[nla(type = NL_POLICY_TYPE_ATTR_MIN_LENGTH)]
    pub min_len: Option<u32>,
    /// `NL_POLICY_TYPE_ATTR_MAX_LENGTH` (`u32`): largest length.
    #[nla(type = NL_POLICY_TYPE_ATTR_MAX_LENGTH)]
    pub max_len: Option<u32>,
    /// `NL_POLICY_TYPE_ATTR_POLICY_IDX` (`u32`): index of the nested policy.
    #[nla(type = NL_POLICY_TYPE_ATTR_POLICY_IDX)]
    pub policy_idx: Option<u32>,
    /// `NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE` (`u32`): largest type of the nested policy.
    #[nla(type = NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE)]
    pub policy_maxtype: Option<u32>,
    /// `NL_POLICY_TYPE_ATTR_BITFIELD32_MASK` (`u32`): valid bits of a bitfield32.
    #[nla(type = NL_POLICY_TYPE_ATTR_BITFIELD32_MASK)]
    pub bitfield32_mask: Option<u32>,
    /// `NL_POLICY_TYPE_ATTR_TYPE` (`u32`): `NL_ATTR_TYPE_*`.
    #[nla(type = NL_POLICY_TYPE_ATTR_TYPE)]
    pub ty: Option<u32>,
}

/// The `#[nla(with = ...)]` codec of the unsigned 64-bit policy values: 4 or 8 bytes in,
/// 8 bytes out.
mod wide_u64 {
    use crate::codec::{Decode, Uint};
    use crate::error::{DecodeError, EncodeError};
    use crate::writer::Writer;

    pub(super) fn encoded_len(_: &u64) -> usize {
        8
    }

    pub(super) fn encode(v: &u64, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&v.to_ne_bytes())
    }

    pub(super) fn decode(payload: &[u8], offset: usize) -> Result<u64, DecodeError> {
        Uint::decode(payload, offset).map(|v| v.0)
    }
}

/// The `#[nla(with = ...)]` codec of the signed 64-bit policy values: 4 or 8 bytes in,
/// 8 bytes out.
mod wide_i64 {
    use crate::codec::{Decode, Sint};
    use crate::error::{DecodeError, EncodeError};
    use crate::writer::Writer;

    pub(super) fn encoded_len(_: &i64) -> usize {
        8
    }

    pub(super) fn encode(v: &i64, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&v.to_ne_bytes())
    }

    pub(super) fn decode(payload: &[u8], offset: usize) -> Result<i64, DecodeError> {
        Sint::decode(payload, offset).map(|v| v.0)
    }
}

impl PolicyInfo {
    /// Reads the attributes of one policy entry.
    ///
    /// # Errors
    /// A malformed attribute, with its type and offset. Unlike
    /// [`Decode::decode`], which also names the field (`max_len`),
    /// the error carries no field path, as this function always reported it.
    pub fn parse(attrs: Attrs<'_>) -> Result<Self, DecodeError> {
        if attrs.rest().is_empty() {
            // Nothing left to read, but the iterator may carry an error of its own
            // (`Attrs::failed`).
            if let Some(Err(e)) = attrs.clone().next() {
                return Err(e);
            }
        }
        Self::decode(attrs.rest(), attrs.offset())
            .map_err(|e| DecodeError { path: crate::FieldPath::new(), ..e })
    }

    /// The kernel's name for [`ty`](Self::ty), such as `u32` or `nested`.
    #[must_use]
    pub fn type_name(&self) -> Option<&'static str> {
        Some(match self.ty? {
            0 => "invalid",
            1 => "flag",
            2 => "u8",
            3 => "u16",
            4 => "u32",
            5 => "u64",
            6 => "s8",
            7 => "s16",
            8 => "s32",
            9 => "s64",
            10 => "binary",
            11 => "string",
            12 => "nul-string",
            13 => "nested",
            14 => "nested-array",
            15 => "bitfield32",
            16 => "sint",
            17 => "uint",
            _ => return None,
        })
    }
}

impl fmt::Display for PolicyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.type_name(), self.ty) {
            (Some(n), _) => write!(f, "expected {n}")?,
            (None, Some(t)) => write!(f, "expected type {t}")?,
            (None, None) => f.write_str("policy")?,
        }
        match (self.min_u, self.max_u) {
            (Some(lo), Some(hi)) => write!(f, ", range {lo}..={hi}")?,
            (Some(lo), None) => write!(f, ", min {lo}")?,
            (None, Some(hi)) => write!(f, ", max {hi}")?,
            (None, None) => {}
        }
        match (self.min_s, self.max_s) {
            (Some(lo), Some(hi)) => write!(f, ", range {lo}..={hi}")?,
            (Some(lo), None) => write!(f, ", min {lo}")?,
            (None, Some(hi)) => write!(f, ", max {hi}")?,
            (None, None) => {}
        }
        if let Some(l) = self.min_len {
            write!(f, ", min {l} bytes")?;
        }
        if let Some(l) = self.max_len {
            write!(f, ", max {l} bytes")?;
        }
        if let Some(m) = self.mask {
            write!(f, ", mask {m:#x}")?;
        }
        if let Some(m) = self.bitfield32_mask {
            write!(f, ", bits {m:#x}")?;
        }
        Ok(())
    }
}

/// The symbolic name of a Linux errno (`EINVAL` for 22), for the common ones.
#[must_use]
pub fn errno_name(errno: i32) -> Option<&'static str> {
    Some(match errno {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        9 => "EBADF",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        14 => "EFAULT",
        16 => "EBUSY",
        17 => "EEXIST",
        18 => "EXDEV",
        19 => "ENODEV",
        20 => "ENOTDIR",
        22 => "EINVAL",
        23 => "ENFILE",
        24 => "EMFILE",
        28 => "ENOSPC",
        34 => "ERANGE",
        35 => "EDEADLK",
        36 => "ENAMETOOLONG",
        38 => "ENOSYS",
        39 => "ENOTEMPTY",
        42 => "ENOMSG",
        61 => "ENODATA",
        71 => "EPROTO",
        75 => "EOVERFLOW",
        90 => "EMSGSIZE",
        93 => "EPROTONOSUPPORT",
        95 => "EOPNOTSUPP",
        97 => "EAFNOSUPPORT",
        98 => "EADDRINUSE",
        99 => "EADDRNOTAVAIL",
        100 => "ENETDOWN",
        101 => "ENETUNREACH",
        105 => "ENOBUFS",
        110 => "ETIMEDOUT",
        113 => "EHOSTUNREACH",
        114 => "EALREADY",
        115 => "EINPROGRESS",
        _ => return None,
    })
}

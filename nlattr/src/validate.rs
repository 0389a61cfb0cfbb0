//! The kernel's attribute validation, in userspace: would the kernel accept these bytes?
//!
//! [`validate_message`] and [`validate_attrs`] walk encoded attributes against a [`Policy`]
//! the way `lib/nlattr.c` (`__nla_validate_parse`, `validate_nla`, `nla_validate_array`,
//! the range checks) walks them against a `struct nla_policy`, under the same strictness
//! bits ([`Strictness`]), and report each violation with the errno the kernel answers, the
//! byte offset its extended ACK points at (`NLMSGERR_ATTR_OFFS`: the offending attribute's
//! header, counted from the request's `nlmsghdr`) and the Rust field path.
//!
//! Violations come in the order the kernel meets them: depth first, in wire order, the
//! leftover-bytes check of a level after its attributes, and missing required attributes
//! last (the kernel's handlers check those after parsing). The kernel stops at the first,
//! so [`first_violation`] is its verdict; the others are what it would find next.
//!
//! ```
//! use nlattr::validate::{first_violation, Strictness, ViolationKind};
//! use nlattr::{consts::*, families::ctrl::GetPolicy, header::GenlMsgHdr, policy::HasPolicy, AttrSet};
//!
//! let req = GetPolicy {
//!     hdr: GenlMsgHdr { cmd: CTRL_CMD_GETPOLICY, version: 2, reserved: 0 },
//!     id: None,
//!     name: Some("nlctrl"),
//!     op: None,
//! };
//! let mut bytes = req.to_message_vec(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_DUMP, 1, 0)?;
//! assert_eq!(first_violation(&bytes, GetPolicy::POLICY, Strictness::STRICT), None);
//!
//! // Three stray bytes after the attributes: a strict family refuses them.
//! bytes.extend_from_slice(&[1, 2, 3]);
//! let len = bytes.len() as u32;
//! bytes[..4].copy_from_slice(&len.to_ne_bytes());
//! let v = first_violation(&bytes, GetPolicy::POLICY, Strictness::STRICT).unwrap();
//! assert_eq!(v.kind, ViolationKind::TrailingBytes { count: 3 });
//! assert_eq!((v.errno(), v.offset), (22, None)); // EINVAL, no attribute to point at
//! assert_eq!(first_violation(&bytes, GetPolicy::POLICY, Strictness::LIBERAL), None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What a [`Policy`] cannot say is not checked: bit masks (`NLA_POLICY_MASK`), bitfield32
//! selectors, validation functions, `strict_start_type`. The largest type of a policy is
//! the largest type it names; compare it with the kernel's first (`nlsock`'s
//! `policy_check`) when that matters.

use core::fmt;

use crate::consts::{align4, NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_HDRLEN};
use crate::error::{FieldPath, Segment};
use crate::policy::{AttrKind, AttrPolicy, Policy};

/// `EINVAL`, as the kernel returns it (positive).
pub const EINVAL: i32 = 22;
/// `ERANGE`, as the kernel returns it (positive).
pub const ERANGE: i32 = 34;

/// The kernel's `MAX_POLICY_RECURSION_DEPTH`: levels of nesting it validates.
pub const MAX_POLICY_DEPTH: usize = 10;

/// The kernel's validation strictness (`enum netlink_validation`, `NL_VALIDATE_*`).
///
/// Generic-netlink operations validate with [`STRICT`](Self::STRICT) unless they opt out
/// (`GENL_DONT_VALIDATE_STRICT` gives [`LIBERAL`](Self::LIBERAL)); rtnetlink is liberal,
/// [`DEPRECATED_STRICT`](Self::DEPRECATED_STRICT) with `NETLINK_GET_STRICT_CHK` for dumps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Strictness(u32);

impl Strictness {
    /// `NL_VALIDATE_LIBERAL`: nothing beyond the attribute's own policy.
    pub const LIBERAL: Self = Self(0);
    /// `NL_VALIDATE_TRAILING`: bytes left after the last attribute are an error.
    pub const TRAILING: Self = Self(1 << 0);
    /// `NL_VALIDATE_MAXTYPE`: type 0 or a type above the policy's largest is an error.
    pub const MAXTYPE: Self = Self(1 << 1);
    /// `NL_VALIDATE_UNSPEC`: a type the policy leaves unspecified is an error.
    pub const UNSPEC: Self = Self(1 << 2);
    /// `NL_VALIDATE_STRICT_ATTRS`: a fixed-width integer must have exactly its width.
    pub const STRICT_ATTRS: Self = Self(1 << 3);
    /// `NL_VALIDATE_NESTED`: nests need `NLA_F_NESTED`, other attributes must not have it.
    pub const NESTED: Self = Self(1 << 4);
    /// `NL_VALIDATE_DEPRECATED_STRICT`: trailing bytes and unknown types.
    pub const DEPRECATED_STRICT: Self = Self(Self::TRAILING.0 | Self::MAXTYPE.0);
    /// `NL_VALIDATE_STRICT`: every check.
    pub const STRICT: Self = Self(0x1f);

    /// From the kernel's bit values.
    #[must_use]
    pub const fn from_bits(bits: u32) -> Self {
        Self(bits & Self::STRICT.0)
    }

    /// The kernel's bit values.
    #[must_use]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every bit of `other` is set.
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Both sets of bits.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// These bits without those of `other`.
    #[must_use]
    pub const fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }
}

impl core::ops::BitOr for Strictness {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        self.union(rhs)
    }
}

/// What is wrong, in the kernel's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ViolationKind {
    /// The message is shorter than its headers (`EINVAL`), or its `nlmsg_len` does not fit
    /// the bytes given (the kernel drops such a message without an answer).
    HeaderTooShort {
        /// Bytes the headers need.
        needed: usize,
        /// Bytes there are.
        found: usize,
    },
    /// Bytes after the last whole attribute of a level (`NL_VALIDATE_TRAILING`, `EINVAL`,
    /// no offset). Without the bit the kernel only warns ("bytes leftover after parsing
    /// attributes").
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// Type 0 or a type above the policy's largest (`NL_VALIDATE_MAXTYPE`, `EINVAL`).
    UnknownType {
        /// The policy's largest type.
        max_type: u16,
    },
    /// A type within the policy's range that it does not specify (`NL_VALIDATE_UNSPEC`,
    /// `EINVAL`).
    Unsupported,
    /// A fixed-width integer of another width (`NL_VALIDATE_STRICT_ATTRS`, `EINVAL`).
    InvalidLength {
        /// The integer's width.
        expected: usize,
        /// The payload's length.
        found: usize,
    },
    /// An `NLA_UINT`/`NLA_SINT` payload that is neither 4 nor 8 bytes (`EINVAL`).
    VarintLength {
        /// The payload's length.
        found: usize,
    },
    /// A payload shorter than the policy allows (`ERANGE`).
    TooShort {
        /// Smallest length.
        min: usize,
        /// The payload's length (strings: without a final NUL).
        found: usize,
    },
    /// A payload longer than the policy allows (`ERANGE`).
    TooLong {
        /// Largest length (strings: without a final NUL).
        max: usize,
        /// The payload's length (strings: without a final NUL).
        found: usize,
    },
    /// An `NLA_FLAG` with a payload (`ERANGE`).
    FlagWithPayload {
        /// The payload's length.
        found: usize,
    },
    /// An `NLA_NUL_STRING` without a NUL within its allowed length (`EINVAL`).
    MissingNul,
    /// A nest without `NLA_F_NESTED` (`NL_VALIDATE_NESTED`, `EINVAL`).
    NestedFlagMissing,
    /// `NLA_F_NESTED` on an attribute that is not a nest (`NL_VALIDATE_NESTED`, `EINVAL`).
    NestedFlagUnexpected,
    /// An integer outside the policy's range (`ERANGE`).
    OutOfRange {
        /// The value sent.
        value: i128,
        /// Smallest value allowed.
        min: i128,
        /// Largest value allowed.
        max: i128,
    },
    /// An element of a nested array with 1 to 3 payload bytes (`ERANGE`).
    ArrayElementTooShort {
        /// The element's payload length.
        found: usize,
    },
    /// Deeper than [`MAX_POLICY_DEPTH`] levels (`EINVAL`, no offset).
    TooDeep,
    /// A required attribute is absent (`EINVAL`; the kernel's handlers report it with
    /// `NLMSGERR_ATTR_MISS_TYPE` and `NLMSGERR_ATTR_MISS_NEST`).
    Missing {
        /// Offset of the nest that lacks it (`None`: the top level).
        nest_offset: Option<usize>,
    },
}

impl ViolationKind {
    /// The errno the kernel answers with (positive).
    #[must_use]
    pub const fn errno(&self) -> i32 {
        match self {
            Self::TooShort { .. }
            | Self::TooLong { .. }
            | Self::FlagWithPayload { .. }
            | Self::OutOfRange { .. }
            | Self::ArrayElementTooShort { .. } => ERANGE,
            _ => EINVAL,
        }
    }

    /// The extended-ACK message the kernel sends with it, where it sends a fixed one.
    #[must_use]
    pub const fn kernel_message(&self) -> Option<&'static str> {
        Some(match self {
            Self::TrailingBytes { .. } => "bytes leftover after parsing attributes",
            Self::UnknownType { .. } => "Unknown attribute type",
            Self::Unsupported => "Unsupported attribute",
            Self::InvalidLength { .. } | Self::VarintLength { .. } => "invalid attribute length",
            Self::NestedFlagMissing => "NLA_F_NESTED is missing",
            Self::NestedFlagUnexpected => "NLA_F_NESTED not expected",
            Self::OutOfRange { .. } => "integer out of range",
            Self::ArrayElementTooShort { .. } => "Array element too short",
            Self::TooDeep => "allowed policy recursion depth exceeded",
            Self::TooShort { .. }
            | Self::TooLong { .. }
            | Self::FlagWithPayload { .. }
            | Self::MissingNul => "Attribute failed policy validation",
            Self::HeaderTooShort { .. } | Self::Missing { .. } => return None,
        })
    }
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::HeaderTooShort { needed, found } => {
                write!(f, "message shorter than its headers: {found} bytes, {needed} needed")
            }
            Self::TrailingBytes { count } => write!(f, "{count} bytes left after the last attribute"),
            Self::UnknownType { max_type } => write!(f, "unknown attribute type (largest is {max_type})"),
            Self::Unsupported => f.write_str("attribute type not in the policy"),
            Self::InvalidLength { expected, found } => {
                write!(f, "integer of {found} bytes, expected exactly {expected}")
            }
            Self::VarintLength { found } => write!(f, "variable integer of {found} bytes, expected 4 or 8"),
            Self::TooShort { min, found } => write!(f, "{found} bytes, at least {min} expected"),
            Self::TooLong { max, found } => write!(f, "{found} bytes, at most {max} allowed"),
            Self::FlagWithPayload { found } => write!(f, "flag with a {found}-byte payload"),
            Self::MissingNul => f.write_str("string without a NUL within its maximum length"),
            Self::NestedFlagMissing => f.write_str("nest without NLA_F_NESTED"),
            Self::NestedFlagUnexpected => f.write_str("NLA_F_NESTED on an attribute that is not a nest"),
            Self::OutOfRange { value, min, max } => write!(f, "{value} outside {min}..={max}"),
            Self::ArrayElementTooShort { found } => write!(f, "array element of {found} bytes"),
            Self::TooDeep => write!(f, "nested deeper than {MAX_POLICY_DEPTH} levels"),
            Self::Missing { .. } => f.write_str("required attribute missing"),
        }
    }
}

/// One thing the kernel would reject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    /// Where the kernel's `NLMSGERR_ATTR_OFFS` points: the offending attribute's header,
    /// from the start of the message (or of the bytes given to [`validate_attrs`], plus
    /// its `base`). `None` where the kernel sends no offset.
    pub offset: Option<usize>,
    /// The attribute's type (flags removed); for [`ViolationKind::Missing`], the missing
    /// type (`NLMSGERR_ATTR_MISS_TYPE`).
    pub attr_type: Option<u16>,
    /// The Rust field path; for an attribute the policy does not name, the path of the
    /// set holding it.
    pub path: FieldPath,
    /// What is wrong.
    pub kind: ViolationKind,
}

impl Violation {
    /// The errno the kernel answers with (positive).
    #[must_use]
    pub const fn errno(&self) -> i32 {
        self.kind.errno()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "`{}` ", self.path)?;
        }
        match (self.attr_type, self.offset) {
            (Some(t), Some(o)) => write!(f, "(type {t} at byte {o}): ")?,
            (Some(t), None) => write!(f, "(type {t}): ")?,
            (None, Some(o)) => write!(f, "(at byte {o}): ")?,
            (None, None) => {}
        }
        write!(f, "{} ({})", self.kind, if self.errno() == ERANGE { "ERANGE" } else { "EINVAL" })
    }
}

/// Validates a whole message (from its `nlmsghdr`): the family header of
/// `policy.header_len` bytes, then the attributes, calling `report` with each violation in
/// the order the kernel meets them.
pub fn validate_message_with(
    message: &[u8],
    policy: &Policy,
    strictness: Strictness,
    report: &mut dyn FnMut(Violation),
) {
    let declared = message.get(..4).map_or(0, |b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if message.len() < NLMSG_HDRLEN || declared < NLMSG_HDRLEN || declared > message.len() {
        report(Violation {
            offset: None,
            attr_type: None,
            path: FieldPath::new(),
            kind: ViolationKind::HeaderTooShort { needed: declared.max(NLMSG_HDRLEN), found: message.len() },
        });
        return;
    }
    let needed = NLMSG_HDRLEN + policy.header_len;
    if declared < needed {
        report(Violation {
            offset: None,
            attr_type: None,
            path: FieldPath::new(),
            kind: ViolationKind::HeaderTooShort { needed, found: declared },
        });
        return;
    }
    let start = NLMSG_HDRLEN + align4(policy.header_len);
    let attrs = message.get(start..declared).unwrap_or_default();
    validate_attrs_with(attrs, start, policy, strictness, report);
}

/// Validates an attribute stream (no family header) whose first byte is at `base` in the
/// message, calling `report` with each violation in the order the kernel meets them.
pub fn validate_attrs_with(
    attrs: &[u8],
    base: usize,
    policy: &Policy,
    strictness: Strictness,
    report: &mut dyn FnMut(Violation),
) {
    let mut w = Walker { strict: strictness, report, segs: Segs::new(), missing_pass: false };
    w.level(attrs, base, policy, 0, None);
    w.missing_pass = true;
    w.level(attrs, base, policy, 0, None);
}

/// The kernel's verdict on a whole message: its first violation, or `None` if it would
/// pass validation.
#[must_use]
pub fn first_violation(message: &[u8], policy: &Policy, strictness: Strictness) -> Option<Violation> {
    let mut first = None;
    validate_message_with(message, policy, strictness, &mut |v| {
        if first.is_none() {
            first = Some(v);
        }
    });
    first
}

/// Every violation in a whole message (from its `nlmsghdr`), in the order the kernel
/// meets them; empty if it would pass validation.
#[cfg(feature = "alloc")]
#[must_use]
pub fn validate_message(
    message: &[u8],
    policy: &Policy,
    strictness: Strictness,
) -> alloc::vec::Vec<Violation> {
    let mut out = alloc::vec::Vec::new();
    validate_message_with(message, policy, strictness, &mut |v| out.push(v));
    out
}

/// Every violation in an attribute stream whose first byte is at `base` in the message.
#[cfg(feature = "alloc")]
#[must_use]
pub fn validate_attrs(
    attrs: &[u8],
    base: usize,
    policy: &Policy,
    strictness: Strictness,
) -> alloc::vec::Vec<Violation> {
    let mut out = alloc::vec::Vec::new();
    validate_attrs_with(attrs, base, policy, strictness, &mut |v| out.push(v));
    out
}

/// One attribute's header and payload, read the way `nla_ok` allows.
#[derive(Clone, Copy)]
struct Raw<'a> {
    raw_type: u16,
    payload: &'a [u8],
    /// Offset of the header within the level's bytes.
    pos: usize,
}

impl Raw<'_> {
    fn ty(&self) -> u16 {
        self.raw_type & NLA_TYPE_MASK
    }
}

/// `nla_for_each_attr`: whole attributes, then the count of bytes left over.
struct RawAttrs<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> RawAttrs<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    /// Bytes the kernel counts as left over once iteration stops (`rem > 0`).
    fn leftover(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Raw<'a>;
    fn next(&mut self) -> Option<Raw<'a>> {
        let rest = self.bytes.get(self.pos..)?;
        let (&[l0, l1, t0, t1], _) = rest.split_first_chunk::<4>()?;
        let len = usize::from(u16::from_ne_bytes([l0, l1]));
        if len < NLA_HDRLEN || len > rest.len() {
            return None;
        }
        let payload = rest.get(NLA_HDRLEN..len)?;
        let raw = Raw { raw_type: u16::from_ne_bytes([t0, t1]), payload, pos: self.pos };
        self.pos += align4(len);
        Some(raw)
    }
}

/// Path steps, outermost first.
struct Segs {
    segs: [Segment; 2 * (MAX_POLICY_DEPTH + 2)],
    len: usize,
}

impl Segs {
    fn new() -> Self {
        Self { segs: [Segment::Index(0); 2 * (MAX_POLICY_DEPTH + 2)], len: 0 }
    }
    fn push(&mut self, s: Segment) -> usize {
        let mark = self.len;
        if let Some(slot) = self.segs.get_mut(self.len) {
            *slot = s;
            self.len += 1;
        }
        mark
    }
    fn reset(&mut self, mark: usize) {
        self.len = mark;
    }
    fn path(&self) -> FieldPath {
        FieldPath::from_segments(self.segs.get(..self.len).unwrap_or_default())
    }
}

struct Walker<'r> {
    strict: Strictness,
    report: &'r mut dyn FnMut(Violation),
    segs: Segs,
    /// The second pass reports only missing required attributes.
    missing_pass: bool,
}

fn max_type(policy: &Policy) -> u16 {
    policy.attrs.iter().map(|a| a.ty).max().unwrap_or(0)
}

/// Width of the kernel's fixed-width integer types (`nla_attr_len`).
fn exact_width(kind: AttrKind) -> Option<usize> {
    Some(match kind {
        AttrKind::U8 | AttrKind::S8 => 1,
        AttrKind::U16 | AttrKind::S16 | AttrKind::Be16 => 2,
        AttrKind::U32 | AttrKind::S32 | AttrKind::Be32 => 4,
        AttrKind::U64 | AttrKind::S64 | AttrKind::Be64 => 8,
        AttrKind::Le(n @ (1 | 2 | 4 | 8)) => usize::from(n),
        _ => return None,
    })
}

fn is_nest(kind: AttrKind) -> bool {
    matches!(
        kind,
        AttrKind::Nested(_)
            | AttrKind::NestedArray(_)
            | AttrKind::SubMessage { .. }
            | AttrKind::SubMessageInt { .. }
    )
}

/// The integer value of a payload at least as wide as its kind (the kernel reads the
/// first bytes of a longer one).
fn int_value(kind: AttrKind, p: &[u8]) -> Option<i128> {
    kind.int_value(p)
}

/// The selector's value among `siblings`, without a final NUL (the last one wins).
fn selector<'a>(siblings: &'a [u8], policy: &Policy, field: &str) -> Option<&'a [u8]> {
    let entry = policy.field(field)?;
    let v = RawAttrs::new(siblings).filter(|a| a.ty() == entry.ty).last()?.payload;
    Some(v.strip_suffix(&[0]).unwrap_or(v))
}

fn inner_policy(entry: &AttrPolicy, siblings: &[u8], policy: &Policy) -> Option<&'static Policy> {
    match entry.kind {
        AttrKind::Nested(p) | AttrKind::NestedArray(p) => Some(p),
        AttrKind::SubMessage { selector: field, variants } => {
            let value = selector(siblings, policy, field)?;
            variants.iter().find(|(name, _)| name.as_bytes() == value).map(|(_, p)| *p)
        }
        AttrKind::SubMessageInt { selector: field, variants } => {
            let sel = policy.field(field)?;
            let raw = RawAttrs::new(siblings).filter(|a| a.ty() == sel.ty).last()?.payload;
            let value = int_value(sel.kind, raw)?;
            variants.iter().find(|(v, _)| *v == value).map(|(_, p)| *p)
        }
        _ => None,
    }
}

impl Walker<'_> {
    fn emit(&mut self, offset: Option<usize>, attr_type: Option<u16>, kind: ViolationKind) {
        let is_missing = matches!(kind, ViolationKind::Missing { .. });
        if is_missing == self.missing_pass {
            (self.report)(Violation { offset, attr_type, path: self.segs.path(), kind });
        }
    }

    /// One level: `__nla_validate_parse` over `bytes` (first byte at `base`), then the
    /// required attributes of `policy`. `nest` is the offset of the enclosing attribute.
    fn level(&mut self, bytes: &[u8], base: usize, policy: &Policy, depth: usize, nest: Option<usize>) {
        if depth >= MAX_POLICY_DEPTH {
            self.emit(None, None, ViolationKind::TooDeep);
            return;
        }
        let max = max_type(policy);
        let mut it = RawAttrs::new(bytes);
        for a in it.by_ref() {
            let (ty, offset) = (a.ty(), base + a.pos);
            if ty == 0 || ty > max {
                if self.strict.contains(Strictness::MAXTYPE) {
                    self.emit(Some(offset), Some(ty), ViolationKind::UnknownType { max_type: max });
                }
                continue;
            }
            let Some(entry) = policy.get(ty) else {
                if self.strict.contains(Strictness::UNSPEC) {
                    self.emit(Some(offset), Some(ty), ViolationKind::Unsupported);
                }
                continue;
            };
            let mark = self.segs.push(Segment::Field(entry.field));
            if entry.multi {
                let nth = RawAttrs::new(bytes).take_while(|b| b.pos < a.pos).filter(|b| b.ty() == ty).count();
                self.segs.push(Segment::Index(u32::try_from(nth).unwrap_or(u32::MAX)));
            }
            self.attr(a, offset, entry, bytes, policy, depth);
            self.segs.reset(mark);
        }
        let left = it.leftover();
        if left > 0 && self.strict.contains(Strictness::TRAILING) {
            self.emit(None, None, ViolationKind::TrailingBytes { count: left });
        }
        if self.missing_pass {
            for entry in policy.attrs.iter().filter(|e| e.required) {
                if !RawAttrs::new(bytes).any(|a| a.ty() == entry.ty) {
                    let mark = self.segs.push(Segment::Field(entry.field));
                    self.emit(None, Some(entry.ty), ViolationKind::Missing { nest_offset: nest });
                    self.segs.reset(mark);
                }
            }
        }
    }

    /// `validate_nla` for one attribute the policy names.
    fn attr(
        &mut self,
        a: Raw<'_>,
        offset: usize,
        entry: &AttrPolicy,
        siblings: &[u8],
        policy: &Policy,
        depth: usize,
    ) {
        let (ty, len, kind) = (a.ty(), a.payload.len(), entry.kind);
        let bad = |w: &mut Self, k: ViolationKind| w.emit(Some(offset), Some(ty), k);
        let width = exact_width(kind);
        if let Some(w) = width {
            if len != w && self.strict.contains(Strictness::STRICT_ATTRS) {
                return bad(self, ViolationKind::InvalidLength { expected: w, found: len });
            }
        }
        let flagged = a.raw_type & NLA_F_NESTED != 0;
        let mut flag_wrong = false;
        if self.strict.contains(Strictness::NESTED) {
            if is_nest(kind) && !flagged {
                bad(self, ViolationKind::NestedFlagMissing);
                flag_wrong = true;
            } else if !is_nest(kind) && flagged {
                return bad(self, ViolationKind::NestedFlagUnexpected);
            }
        }
        let max_len = entry.max_len.map(|m| m as usize).filter(|&m| m > 0);
        let min_len = entry.min_len.map(|m| m as usize).unwrap_or(0);
        let p = a.payload;
        match kind {
            AttrKind::Flag => {
                if len > 0 {
                    return bad(self, ViolationKind::FlagWithPayload { found: len });
                }
            }
            AttrKind::Uint | AttrKind::Sint => {
                if len != 4 && len != 8 {
                    return bad(self, ViolationKind::VarintLength { found: len });
                }
            }
            AttrKind::Bitfield32 => {
                if len < 8 {
                    return bad(self, ViolationKind::TooShort { min: 8, found: len });
                }
                if len > 8 {
                    return bad(self, ViolationKind::TooLong { max: 8, found: len });
                }
            }
            AttrKind::String | AttrKind::NulString => {
                if kind == AttrKind::NulString {
                    let scan = max_len.map_or(len, |m| len.min(m + 1));
                    if scan == 0 || !p.get(..scan).unwrap_or_default().contains(&0) {
                        return bad(self, ViolationKind::MissingNul);
                    }
                }
                if len < 1 {
                    return bad(self, ViolationKind::TooShort { min: 1, found: 0 });
                }
                if let Some(m) = max_len {
                    let found = if p.last() == Some(&0) { len - 1 } else { len };
                    if found > m {
                        return bad(self, ViolationKind::TooLong { max: m, found });
                    }
                }
            }
            AttrKind::Nested(_)
            | AttrKind::NestedArray(_)
            | AttrKind::SubMessage { .. }
            | AttrKind::SubMessageInt { .. } => {
                if len == 0 {
                    return;
                }
                if len < NLA_HDRLEN {
                    if !flag_wrong {
                        bad(self, ViolationKind::TooShort { min: NLA_HDRLEN, found: len });
                    }
                    return;
                }
                let Some(inner) = inner_policy(entry, siblings, policy) else { return };
                let body_base = offset + NLA_HDRLEN;
                if let AttrKind::NestedArray(_) = kind {
                    for el in RawAttrs::new(p) {
                        let el_off = body_base + el.pos;
                        if el.payload.is_empty() {
                            continue;
                        }
                        let mark = self.segs.push(Segment::Index(u32::from(el.ty())));
                        if el.payload.len() < NLA_HDRLEN {
                            if !flag_wrong {
                                let found = el.payload.len();
                                self.emit(
                                    Some(el_off),
                                    Some(el.ty()),
                                    ViolationKind::ArrayElementTooShort { found },
                                );
                            }
                        } else {
                            self.nest_body(el.payload, el_off + NLA_HDRLEN, inner, depth + 1, el_off);
                        }
                        self.segs.reset(mark);
                    }
                } else {
                    self.nest_body(p, body_base, inner, depth + 1, offset);
                }
                return;
            }
            AttrKind::Binary
            | AttrKind::Struct(_)
            | AttrKind::Le(_)
            | AttrKind::U8
            | AttrKind::U16
            | AttrKind::U32
            | AttrKind::U64
            | AttrKind::S8
            | AttrKind::S16
            | AttrKind::S32
            | AttrKind::S64
            | AttrKind::Be16
            | AttrKind::Be32
            | AttrKind::Be64 => {
                if let Some(m) = max_len {
                    if len > m {
                        return bad(self, ViolationKind::TooLong { max: m, found: len });
                    }
                }
                let min = match kind {
                    AttrKind::Struct(size) => min_len.max(size),
                    _ => min_len.max(width.unwrap_or(0)),
                };
                if len < min {
                    return bad(self, ViolationKind::TooShort { min, found: len });
                }
            }
        }
        if let (Some((min, max)), Some(value)) = (entry.range, int_value(kind, p)) {
            if value < min || value > max {
                bad(self, ViolationKind::OutOfRange { value, min, max });
            }
        }
    }

    /// The contents of a nest (or of an array element): its fixed header, if the policy
    /// has one, then a level of attributes.
    fn nest_body(&mut self, body: &[u8], base: usize, inner: &Policy, depth: usize, nest: usize) {
        let h = align4(inner.header_len);
        match body.get(h..) {
            Some(rest) => self.level(rest, base + h, inner, depth, Some(nest)),
            None => self.emit(Some(nest), None, ViolationKind::TooShort { min: h, found: body.len() }),
        }
    }
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use alloc::vec::Vec;

    use super::*;
    use crate::policy::AttrPolicy;
    use crate::Writer;

    static INNER: Policy = Policy {
        name: "Inner",
        header_len: 0,
        attrs: &[
            AttrPolicy::new("index", 1, AttrKind::U32),
            AttrPolicy { max_len: Some(4), ..AttrPolicy::new("name", 2, AttrKind::NulString) },
        ],
        deny_unknown: false,
    };
    static TOP: Policy = Policy {
        name: "Top",
        header_len: 4,
        attrs: &[
            AttrPolicy::new("id", 1, AttrKind::U16),
            AttrPolicy { max_len: Some(3), ..AttrPolicy::new("label", 2, AttrKind::String) },
            AttrPolicy::new("on", 3, AttrKind::Flag),
            AttrPolicy::new("inner", 5, AttrKind::Nested(&INNER)),
            AttrPolicy { range: Some((1, 10)), ..AttrPolicy::new("level", 6, AttrKind::U8) },
            AttrPolicy::new("items", 7, AttrKind::NestedArray(&INNER)),
            AttrPolicy::new("count", 8, AttrKind::Uint),
            AttrPolicy { required: true, ..AttrPolicy::new("must", 9, AttrKind::U32) },
            AttrPolicy { multi: true, ..AttrPolicy::new("alt", 10, AttrKind::Be16) },
        ],
        deny_unknown: false,
    };

    /// A message of `TOP`: a 4-byte header, `must`, then what `f` writes.
    fn msg(f: impl FnOnce(&mut Writer<'_>)) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf);
        let m = w.begin_message(30, 1, 1, 0).unwrap();
        w.put(&[0; 4]).unwrap();
        w.attr(9, &7u32).unwrap();
        f(&mut w);
        w.end_message(m).unwrap();
        buf
    }

    fn first(b: &[u8], s: Strictness) -> Option<(ViolationKind, Option<usize>, alloc::string::String)> {
        first_violation(b, &TOP, s).map(|v| (v.kind, v.offset, alloc::format!("{}", v.path)))
    }

    // Attributes start at 20; `must` takes 8 bytes, so the first written by `f` is at 28.
    const A: Option<usize> = Some(28);

    #[test]
    fn well_formed_passes_strict() {
        let b = msg(|w| {
            w.attr(1, &5u16).unwrap();
            w.attr(2, "abc").unwrap();
            w.flag(3).unwrap();
            let n = w.begin_nest(5).unwrap();
            w.attr(1, &1u32).unwrap();
            w.attr(2, "eth0").unwrap();
            w.end_nest(n).unwrap();
            w.attr(6, &10u8).unwrap();
            w.attr(8, &7u32).unwrap();
            w.attr(8, &7u64).unwrap();
        });
        assert_eq!(validate_message(&b, &TOP, Strictness::STRICT), []);
    }

    #[test]
    fn integer_widths_strict_and_liberal() {
        let longer = msg(|w| w.attr(1, &5u32).unwrap());
        let v = (ViolationKind::InvalidLength { expected: 2, found: 4 }, A, "id".into());
        assert_eq!(first(&longer, Strictness::STRICT), Some(v));
        assert_eq!(first(&longer, Strictness::LIBERAL), None);
        let shorter = msg(|w| w.attr(1, &5u8).unwrap());
        assert_eq!(first(&shorter, Strictness::STRICT).unwrap().0.errno(), EINVAL);
        let v = (ViolationKind::TooShort { min: 2, found: 1 }, A, "id".into());
        assert_eq!(first(&shorter, Strictness::LIBERAL), Some(v));
        let uint = msg(|w| w.attr(8, &5u16).unwrap());
        assert_eq!(first(&uint, Strictness::LIBERAL).unwrap().0, ViolationKind::VarintLength { found: 2 });
    }

    #[test]
    fn strings_flags_ranges() {
        // NLA_STRING's maximum excludes one final NUL.
        assert_eq!(first(&msg(|w| w.attr(2, "abc").unwrap()), Strictness::STRICT), None);
        let long = msg(|w| w.attr(2, "abcd").unwrap());
        assert_eq!(first(&long, Strictness::STRICT).unwrap().0, ViolationKind::TooLong { max: 3, found: 4 });
        let flag = msg(|w| w.attr(3, &1u32).unwrap());
        assert_eq!(first(&flag, Strictness::LIBERAL).unwrap().0, ViolationKind::FlagWithPayload { found: 4 });
        let range = msg(|w| w.attr(6, &11u8).unwrap());
        let v = first(&range, Strictness::LIBERAL).unwrap();
        assert_eq!(v.0, ViolationKind::OutOfRange { value: 11, min: 1, max: 10 });
        assert_eq!(v.0.errno(), ERANGE);
    }

    #[test]
    fn nul_string_needs_a_nul_within_max_plus_one() {
        let nest = |s: &[u8]| {
            msg(|w| {
                let n = w.begin_nest(5).unwrap();
                w.attr_bytes(2, s).unwrap();
                w.end_nest(n).unwrap();
            })
        };
        assert_eq!(first(&nest(b"eth0\0"), Strictness::STRICT), None);
        let v = first(&nest(b"eth0"), Strictness::STRICT).unwrap();
        assert_eq!((v.0, v.1, v.2.as_str()), (ViolationKind::MissingNul, Some(32), "inner.name"));
        assert_eq!(
            first(&nest(b"eth01\0").clone(), Strictness::STRICT).unwrap().0,
            ViolationKind::MissingNul
        );
    }

    #[test]
    fn nested_flag_types_and_trailing() {
        let unflagged = msg(|w| {
            let n = w.begin_attr(5).unwrap();
            w.attr(1, &1u32).unwrap();
            w.end_nest(n).unwrap();
        });
        assert_eq!(first(&unflagged, Strictness::STRICT).unwrap().0, ViolationKind::NestedFlagMissing);
        assert_eq!(first(&unflagged, Strictness::STRICT.without(Strictness::NESTED)), None);
        let flagged_int = msg(|w| w.attr_raw(1 | NLA_F_NESTED, &1u16).unwrap());
        assert_eq!(first(&flagged_int, Strictness::STRICT).unwrap().0, ViolationKind::NestedFlagUnexpected);
        let above = msg(|w| w.attr(11, &1u32).unwrap());
        assert_eq!(
            first(&above, Strictness::STRICT),
            Some((ViolationKind::UnknownType { max_type: 10 }, A, "".into()))
        );
        assert_eq!(first(&above, Strictness::LIBERAL), None);
        let unspec = msg(|w| w.attr(4, &1u32).unwrap());
        assert_eq!(first(&unspec, Strictness::STRICT).unwrap().0, ViolationKind::Unsupported);
        let mut trailing = msg(|_| {});
        trailing.extend_from_slice(&[0xff, 0, 0]);
        let len = u32::try_from(trailing.len()).unwrap();
        trailing[..4].copy_from_slice(&len.to_ne_bytes());
        assert_eq!(
            first(&trailing, Strictness::STRICT),
            Some((ViolationKind::TrailingBytes { count: 3 }, None, "".into()))
        );
    }

    #[test]
    fn arrays_multi_missing_and_order() {
        let b = msg(|w| {
            w.attr(10, &crate::codec::Be(1u16)).unwrap();
            w.attr(10, &crate::codec::Be(2u32)).unwrap();
            let arr = w.begin_nest(7).unwrap();
            w.attr_bytes(1, &[]).unwrap(); // empty element: skipped
            let e = w.begin_nest(2).unwrap();
            w.attr(1, &1u8).unwrap();
            w.end_nest(e).unwrap();
            w.attr_bytes(3, &[1, 2]).unwrap();
            w.end_nest(arr).unwrap();
        });
        let all = validate_message(&b, &TOP, Strictness::STRICT);
        let got: Vec<_> = all.iter().map(|v| (v.kind, alloc::format!("{}", v.path))).collect();
        assert_eq!(
            got,
            [
                (ViolationKind::InvalidLength { expected: 2, found: 4 }, "alt[1]".into()),
                (ViolationKind::InvalidLength { expected: 4, found: 1 }, "items[2].index".into()),
                (ViolationKind::ArrayElementTooShort { found: 2 }, "items[3]".into()),
            ]
        );
        // The missing required attribute comes after every policy violation.
        let mut without_must = Vec::new();
        let mut w = Writer::new(&mut without_must);
        let m = w.begin_message(30, 1, 1, 0).unwrap();
        w.put(&[0; 4]).unwrap();
        w.attr(1, &1u32).unwrap();
        w.end_message(m).unwrap();
        let all = validate_message(&without_must, &TOP, Strictness::STRICT);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].kind, ViolationKind::Missing { nest_offset: None });
        assert_eq!((all[1].attr_type, alloc::format!("{}", all[1].path)), (Some(9), "must".into()));
    }

    #[test]
    fn total_over_arbitrary_bytes() {
        let b = msg(|w| w.attr(1, &1u16).unwrap());
        for cut in 0..b.len() {
            let _ = validate_message(&b[..cut], &TOP, Strictness::STRICT);
        }
        let mut x = 0x1234_5678u32;
        for _ in 0..2000 {
            let mut v = b.clone();
            for _ in 0..4 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let i = x as usize % v.len();
                v[i] = (x >> 8) as u8;
            }
            let _ = validate_message(&v, &TOP, Strictness::STRICT);
            let _ = validate_attrs(&v, 0, &TOP, Strictness::STRICT);
        }
        assert_eq!(
            first(&[0u8; 3], Strictness::STRICT).unwrap().0,
            ViolationKind::HeaderTooShort { needed: 16, found: 3 }
        );
    }
}

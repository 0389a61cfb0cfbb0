//! Policy tables: what `#[derive(NlAttrs)]` knows about an attribute set, as constants.
//!
//! A [`Policy`] lists each attribute's Rust field name, kernel type, wire kind, checks and
//! nested policies. It maps what the kernel reports (an attribute offset in an extended ACK,
//! a path of attribute types) back to Rust field paths such as `link_info.data.peer`.

use crate::consts::{align4, MAX_NEST_DEPTH, NLMSG_HDRLEN};
use crate::error::{FieldPath, Segment};
use crate::iter::{Attr, Attrs};

/// The wire kind of an attribute, in the kernel's policy vocabulary (`NLA_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttrKind {
    /// `NLA_U8`.
    U8,
    /// `NLA_U16`.
    U16,
    /// `NLA_U32`.
    U32,
    /// `NLA_U64`.
    U64,
    /// `NLA_S8`.
    S8,
    /// `NLA_S16`.
    S16,
    /// `NLA_S32`.
    S32,
    /// `NLA_S64`.
    S64,
    /// `NLA_UINT`: 4 or 8 bytes.
    Uint,
    /// `NLA_SINT`: 4 or 8 bytes.
    Sint,
    /// `NLA_BE16`.
    Be16,
    /// `NLA_BE32`.
    Be32,
    /// A big-endian 64-bit integer.
    Be64,
    /// A little-endian integer of the given size.
    Le(u8),
    /// `NLA_STRING` (NUL optional on input).
    String,
    /// `NLA_NUL_STRING`.
    NulString,
    /// `NLA_BINARY`.
    Binary,
    /// `NLA_FLAG`: no payload.
    Flag,
    /// `NLA_BITFIELD32`.
    Bitfield32,
    /// A fixed C struct of the given size (an `NLA_BINARY` with a minimum length).
    Struct(usize),
    /// `NLA_NESTED`: an attribute set.
    Nested(&'static Policy),
    /// `NLA_NESTED_ARRAY`: a nest whose attribute types are indices, each a nested set.
    NestedArray(&'static Policy),
    /// A nest whose policy is chosen by the value of a sibling attribute.
    SubMessage {
        /// Rust field name of the selecting sibling.
        selector: &'static str,
        /// Selector values and the policy each selects.
        variants: &'static [(&'static str, &'static Policy)],
    },
    /// A nest whose policy is chosen by the integer value of a sibling attribute (read as
    /// that sibling's own kind: width, byte order).
    SubMessageInt {
        /// Rust field name of the selecting sibling.
        selector: &'static str,
        /// Selector values and the policy each selects.
        variants: &'static [(i128, &'static Policy)],
    },
}

impl AttrKind {
    /// The value of an integer payload of this kind, at least as wide as the kind (the
    /// kernel reads the first bytes of a longer one); `None` for other kinds.
    #[must_use]
    pub fn int_value(self, p: &[u8]) -> Option<i128> {
        fn arr<const N: usize>(p: &[u8]) -> Option<[u8; N]> {
            p.first_chunk::<N>().copied()
        }
        Some(match self {
            Self::U8 | Self::Le(1) => i128::from(*p.first()?),
            Self::S8 => i128::from(i8::from_ne_bytes(arr(p)?)),
            Self::U16 => i128::from(u16::from_ne_bytes(arr(p)?)),
            Self::S16 => i128::from(i16::from_ne_bytes(arr(p)?)),
            Self::U32 => i128::from(u32::from_ne_bytes(arr(p)?)),
            Self::S32 => i128::from(i32::from_ne_bytes(arr(p)?)),
            Self::U64 => i128::from(u64::from_ne_bytes(arr(p)?)),
            Self::S64 => i128::from(i64::from_ne_bytes(arr(p)?)),
            Self::Be16 => i128::from(u16::from_be_bytes(arr(p)?)),
            Self::Be32 => i128::from(u32::from_be_bytes(arr(p)?)),
            Self::Be64 => i128::from(u64::from_be_bytes(arr(p)?)),
            Self::Le(2) => i128::from(u16::from_le_bytes(arr(p)?)),
            Self::Le(4) => i128::from(u32::from_le_bytes(arr(p)?)),
            Self::Le(8) => i128::from(u64::from_le_bytes(arr(p)?)),
            Self::Uint => match p.len() {
                4 => i128::from(u32::from_ne_bytes(arr(p)?)),
                8 => i128::from(u64::from_ne_bytes(arr(p)?)),
                _ => return None,
            },
            Self::Sint => match p.len() {
                4 => i128::from(i32::from_ne_bytes(arr(p)?)),
                8 => i128::from(i64::from_ne_bytes(arr(p)?)),
                _ => return None,
            },
            _ => return None,
        })
    }
}

/// One attribute of a [`Policy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttrPolicy {
    /// The Rust field name.
    pub field: &'static str,
    /// The kernel attribute type (14 bits).
    pub ty: u16,
    /// The wire kind.
    pub kind: AttrKind,
    /// Whether the set requires it.
    pub required: bool,
    /// Whether it may repeat (`multi`).
    pub multi: bool,
    /// Whether the encoder sets `NLA_F_NESTED` on it.
    pub nested_flag: bool,
    /// Smallest payload length.
    pub min_len: Option<u32>,
    /// Largest payload length (strings: NUL excluded, as `NLA_STRING`).
    pub max_len: Option<u32>,
    /// Smallest and largest value.
    pub range: Option<(i128, i128)>,
}

impl AttrPolicy {
    /// An entry with no checks: optional, single, no flag.
    #[must_use]
    pub const fn new(field: &'static str, ty: u16, kind: AttrKind) -> Self {
        Self {
            field,
            ty,
            kind,
            required: false,
            multi: false,
            nested_flag: matches!(
                kind,
                AttrKind::Nested(_)
                    | AttrKind::NestedArray(_)
                    | AttrKind::SubMessage { .. }
                    | AttrKind::SubMessageInt { .. }
            ),
            min_len: None,
            max_len: None,
            range: None,
        }
    }

    /// The nested policy, for kinds that have one fixed policy.
    #[must_use]
    pub const fn nested(&self) -> Option<&'static Policy> {
        match self.kind {
            AttrKind::Nested(p) | AttrKind::NestedArray(p) => Some(p),
            _ => None,
        }
    }
}

/// The policy of one attribute set (a struct deriving `NlAttrs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The Rust type name.
    pub name: &'static str,
    /// Size of the fixed header before the attributes (0 for none).
    pub header_len: usize,
    /// The attributes.
    pub attrs: &'static [AttrPolicy],
    /// Whether unknown attribute types are rejected.
    pub deny_unknown: bool,
}

/// Types with a constant policy table.
pub trait HasPolicy {
    /// The table.
    const POLICY: &'static Policy;
}

impl Policy {
    /// An empty policy for `name`.
    #[must_use]
    pub const fn empty(name: &'static str) -> Self {
        Self { name, header_len: 0, attrs: &[], deny_unknown: false }
    }

    /// The entry for attribute type `ty`.
    #[must_use]
    pub fn get(&self, ty: u16) -> Option<&'static AttrPolicy> {
        self.attrs.iter().find(|a| a.ty == ty)
    }

    /// The entry for Rust field `field`.
    #[must_use]
    pub fn field(&self, field: &str) -> Option<&'static AttrPolicy> {
        self.attrs.iter().find(|a| a.field == field)
    }

    /// The Rust path of a chain of attribute types, outermost first, as an extended ACK or
    /// a policy dump reports them. The type after a nested array's type is an index; inside
    /// a sub-message, the first format whose policy knows the next type is taken.
    /// Returns the path as far as the policy knows it and whether every type was known.
    #[must_use]
    pub fn path_of_types(&self, types: &[u16]) -> (FieldPath, bool) {
        let mut segs = SegStack::new();
        let mut policy = Some(self);
        let mut i = 0;
        while let (Some(p), Some(&ty)) = (policy, types.get(i)) {
            let Some(entry) = p.get(ty) else {
                return (segs.path(), false);
            };
            segs.push(Segment::Field(entry.field));
            i += 1;
            policy = match entry.kind {
                AttrKind::Nested(inner) => Some(inner),
                AttrKind::NestedArray(inner) => {
                    if let Some(&idx) = types.get(i) {
                        segs.push(Segment::Index(u32::from(idx)));
                        i += 1;
                    }
                    Some(inner)
                }
                // Without the message the selector's value is unknown: take the first
                // format that knows the next type.
                AttrKind::SubMessage { variants, .. } => types
                    .get(i)
                    .and_then(|&next| variants.iter().map(|(_, p)| *p).find(|p| p.get(next).is_some())),
                AttrKind::SubMessageInt { variants, .. } => types
                    .get(i)
                    .and_then(|&next| variants.iter().map(|(_, p)| *p).find(|p| p.get(next).is_some())),
                _ => None,
            };
        }
        (segs.path(), i == types.len())
    }

    /// The Rust path of the attribute that starts (or contains) byte `offset` of `message`,
    /// a whole request as sent (from its `nlmsghdr`), as `NLMSGERR_ATTR_OFFS` reports it.
    ///
    /// When an attribute on the way is one the policy does not know, the path stops before
    /// it (the known prefix, empty for an unknown top-level attribute);
    /// [`locate`](Self::locate) tells such a partial path apart and gives the unknown type.
    ///
    /// `None` when the offset is outside the attributes or the bytes do not parse.
    #[must_use]
    pub fn path_of_offset(&'static self, message: &[u8], offset: usize) -> Option<FieldPath> {
        self.locate(message, offset).map(|l| l.path)
    }

    /// The Rust path of a missing attribute: type `ty` in the nest at `nest_offset` of
    /// `message` (`NLMSGERR_ATTR_MISS_NEST`), or at the top level when `None`.
    #[must_use]
    pub fn path_of_missing(
        &'static self,
        message: &[u8],
        nest_offset: Option<usize>,
        ty: u16,
    ) -> Option<FieldPath> {
        let (mut segs, policy) = match nest_offset {
            None => (SegStack::new(), Some(self)),
            Some(off) => {
                let l = self.locate(message, off)?;
                if !l.is_complete() {
                    return None;
                }
                (SegStack::from_path(&l.path), l.inner)
            }
        };
        let entry = policy?.get(ty)?;
        segs.push(Segment::Field(entry.field));
        Some(segs.path())
    }

    /// Finds the attribute at `offset` of `message`: its path and, when it is a nest, the
    /// policy of its contents. An attribute on the way that the policy does not know ends
    /// the search there: the path found so far, with [`Located::unknown`] naming its type.
    #[must_use]
    pub fn locate(&'static self, message: &[u8], offset: usize) -> Option<Located> {
        let start = NLMSG_HDRLEN + align4(self.header_len);
        let attrs = message.get(start..)?;
        let mut segs = SegStack::new();
        let mut unknown = None;
        let inner = walk(self, Attrs::new(attrs, start), offset, &mut segs, &mut unknown, 0)?;
        Some(Located { path: segs.path(), inner, unknown })
    }
}

/// Where [`Policy::locate`] found an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    /// The Rust path; when [`unknown`](Self::unknown) is set, only the known prefix.
    pub path: FieldPath,
    /// The policy of the attribute's contents, when it is a nest.
    pub inner: Option<&'static Policy>,
    /// The type (flags removed) of the attribute on the way that the policy does not know,
    /// where the path stops: the attribute at the offset or one of its enclosing nests.
    pub unknown: Option<u16>,
}

impl Located {
    /// Whether every attribute on the way was known, so that `path` names the attribute
    /// itself.
    #[must_use]
    pub const fn is_complete(&self) -> bool {
        self.unknown.is_none()
    }
}

/// Segments collected outermost first, turned into a [`FieldPath`] at the end.
struct SegStack {
    segs: [Segment; MAX_NEST_DEPTH * 2],
    len: usize,
}

impl SegStack {
    fn new() -> Self {
        Self { segs: [Segment::Index(0); MAX_NEST_DEPTH * 2], len: 0 }
    }
    fn from_path(p: &FieldPath) -> Self {
        let mut s = Self::new();
        for seg in p.segments() {
            s.push(seg);
        }
        s
    }
    fn push(&mut self, seg: Segment) {
        if let Some(slot) = self.segs.get_mut(self.len) {
            *slot = seg;
            self.len += 1;
        }
    }
    fn path(&self) -> FieldPath {
        FieldPath::from_segments(&self.segs[..self.len])
    }
}

/// The payload of the selector among `siblings` (the last one wins).
fn selector_raw<'a>(siblings: Attrs<'a>, policy: &Policy, selector: &str) -> Option<&'a [u8]> {
    let entry = policy.field(selector)?;
    let mut found = None;
    for a in siblings {
        let a = a.ok()?;
        if a.ty() == entry.ty {
            found = Some(a.payload());
        }
    }
    found
}

/// The selector's string value, without its NUL.
fn selector_value<'a>(siblings: Attrs<'a>, policy: &Policy, selector: &str) -> Option<&'a [u8]> {
    let v = selector_raw(siblings, policy, selector)?;
    Some(crate::codec::string_bytes(v, 0).unwrap_or(v))
}

fn inner_policy(entry: &AttrPolicy, siblings: &Attrs<'_>, policy: &Policy) -> Option<&'static Policy> {
    match entry.kind {
        AttrKind::Nested(p) | AttrKind::NestedArray(p) => Some(p),
        AttrKind::SubMessage { selector, variants } => {
            let value = selector_value(siblings.clone(), policy, selector)?;
            variants.iter().find(|(name, _)| name.as_bytes() == value).map(|(_, p)| *p)
        }
        AttrKind::SubMessageInt { selector, variants } => {
            let kind = policy.field(selector)?.kind;
            let raw = selector_raw(siblings.clone(), policy, selector)?;
            let value = kind.int_value(raw)?;
            variants.iter().find(|(v, _)| *v == value).map(|(_, p)| *p)
        }
        _ => None,
    }
}

fn contains(a: &Attr<'_>, offset: usize) -> bool {
    offset >= a.offset() && offset < a.offset() + a.len()
}

/// Walks `attrs` (of `policy`) to the attribute containing `offset`, pushing its path.
/// Returns `Some(inner policy)` when found (the inner policy itself may be `None`).
fn walk(
    policy: &'static Policy,
    attrs: Attrs<'_>,
    offset: usize,
    segs: &mut SegStack,
    unknown: &mut Option<u16>,
    depth: usize,
) -> Option<Option<&'static Policy>> {
    if depth > MAX_NEST_DEPTH {
        return None;
    }
    let siblings = attrs.clone();
    let mut seen_same = [0u32; 1];
    for a in attrs {
        let a = a.ok()?;
        if !contains(&a, offset) {
            continue;
        }
        let Some(entry) = policy.get(a.ty()) else {
            *unknown = Some(a.ty());
            return Some(None);
        };
        segs.push(Segment::Field(entry.field));
        if entry.multi {
            // Index among earlier attributes of the same type.
            seen_same[0] = 0;
            for s in siblings.clone() {
                let s = s.ok()?;
                if s.offset() >= a.offset() {
                    break;
                }
                if s.ty() == a.ty() {
                    seen_same[0] += 1;
                }
            }
            segs.push(Segment::Index(seen_same[0]));
        }
        let inner = inner_policy(entry, &siblings, policy);
        if offset == a.offset() || inner.is_none() {
            return Some(inner);
        }
        let inner = inner?;
        if let AttrKind::NestedArray(_) = entry.kind {
            for el in a.nested() {
                let el = el.ok()?;
                if !contains(&el, offset) {
                    continue;
                }
                segs.push(Segment::Index(u32::from(el.ty())));
                if offset == el.offset() {
                    return Some(Some(inner));
                }
                return walk_header(inner, el, offset, segs, unknown, depth + 1);
            }
            return Some(Some(inner));
        }
        return walk_header(inner, a, offset, segs, unknown, depth + 1);
    }
    None
}

fn walk_header(
    inner: &'static Policy,
    a: Attr<'_>,
    offset: usize,
    segs: &mut SegStack,
    unknown: &mut Option<u16>,
    depth: usize,
) -> Option<Option<&'static Policy>> {
    let header = align4(inner.header_len);
    let body = a.payload().get(header..)?;
    if offset < a.payload_offset() + header {
        // Inside the nest's fixed header: the nest itself is at fault.
        return Some(Some(inner));
    }
    walk(inner, Attrs::new(body, a.payload_offset() + header), offset, segs, unknown, depth)
}

//! Helpers for derived code. Not a public API: names and signatures change without notice.

use crate::consts::NLA_TYPE_MASK;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError, FieldPath};
use crate::policy::AttrKind;
use crate::set::Selector;

pub use crate::codec::{Be, Decode, Encode, Le, Sint, Uint};
pub use crate::set::{AttrEnum, AttrSet, RawAttr, SubMessage, SubMessageDecode};
pub use core;

/// Whether `types` holds `ty` (for the compile-time check of repeated attribute types).
#[must_use]
pub const fn contains(types: &[u16], ty: u16) -> bool {
    let mut i = 0;
    while i < types.len() {
        if types[i] == ty {
            return true;
        }
        i += 1;
    }
    false
}

/// A length for a policy table.
#[must_use]
pub const fn len_u32(n: usize) -> u32 {
    if n > u32::MAX as usize {
        u32::MAX
    } else {
        // Checked just above.
        #[allow(clippy::cast_possible_truncation)]
        let n = n as u32;
        n
    }
}

/// Whether a policy kind is a string (its length checks exclude the NUL).
#[must_use]
pub const fn is_string(kind: AttrKind) -> bool {
    matches!(kind, AttrKind::String | AttrKind::NulString)
}

/// Checks a received payload's length: strings without their NUL padding, others whole.
///
/// # Errors
/// `TooShort`/`TooLong`/`BadLength` at `offset`.
pub fn check_len(
    payload: &[u8],
    offset: usize,
    string: bool,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), DecodeError> {
    let found = if string { crate::codec::string_bytes(payload, offset)?.len() } else { payload.len() };
    len_kind(found, min, max).map_err(|k| DecodeError::new(offset, k))
}

/// Checks a value's length before sending (strings without their NUL).
///
/// # Errors
/// The kind of length error.
pub fn check_value_len<T: Encode + ?Sized>(
    value: &T,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), DecodeErrorKind> {
    let n = value.encoded_len();
    let found = if is_string(T::KIND) { n.saturating_sub(1) } else { n };
    len_kind(found, min, max)
}

fn len_kind(found: usize, min: Option<usize>, max: Option<usize>) -> Result<(), DecodeErrorKind> {
    match (min, max) {
        (Some(a), Some(b)) if a == b && found != a => Err(DecodeErrorKind::BadLength { expected: a, found }),
        (Some(min), _) if found < min => Err(DecodeErrorKind::TooShort { min, found }),
        (_, Some(max)) if found > max => Err(DecodeErrorKind::TooLong { max, found }),
        _ => Ok(()),
    }
}

/// Checks `value` against `min..=max`.
///
/// # Errors
/// `OutOfRange`.
pub fn check_range(value: i128, min: i128, max: i128) -> Result<(), DecodeErrorKind> {
    if value < min || value > max {
        Err(DecodeErrorKind::OutOfRange { value, min, max })
    } else {
        Ok(())
    }
}

/// Refuses a string holding a NUL (the kernel would cut it there).
///
/// # Errors
/// `InteriorNul`.
pub fn check_nul<T: AsRef<str> + ?Sized>(value: &T) -> Result<(), DecodeErrorKind> {
    match value.as_ref().bytes().position(|b| b == 0) {
        Some(at) => Err(DecodeErrorKind::InteriorNul { at }),
        None => Ok(()),
    }
}

/// A check failure of field `name` (attribute type `ty`).
#[must_use]
pub fn invalid(ty: u16, kind: DecodeErrorKind) -> EncodeError {
    EncodeError::Invalid { attr_type: ty, path: FieldPath::new(), kind }
}

/// Attributes an encoder's `Invalid` error without a type to attribute `ty`.
#[must_use]
pub fn enc_err(e: EncodeError, ty: u16) -> EncodeError {
    match e {
        EncodeError::Invalid { attr_type: 0, path, kind } if path.is_empty() => {
            EncodeError::Invalid { attr_type: ty, path, kind }
        }
        other => other,
    }
}

/// [`enc_err`], then field `name` as the outermost step of the path: what a derived encoder
/// returns when writing a field failed, kept out of the encoder's own code.
#[cold]
#[inline(never)]
#[must_use]
pub fn field_enc_err(e: EncodeError, ty: u16, name: &'static str) -> EncodeError {
    enc_err(e, ty).in_field(name)
}

/// The attribute type of element `i` of a nested array without kept indices (1-based, as
/// the kernel numbers them).
///
/// # Errors
/// `AttributeTooLong` when the index no longer fits in 14 bits (the nest could not hold it).
pub fn array_index(i: usize, outer: u16) -> Result<u16, EncodeError> {
    match u16::try_from(i + 1) {
        Ok(t) if t <= NLA_TYPE_MASK => Ok(t),
        _ => Err(EncodeError::AttributeTooLong { attr_type: outer, len: usize::from(u16::MAX) + 1 }),
    }
}

/// A kept nested-array index, refused when it does not fit in 14 bits (the kernel would
/// read its top bits as flags).
///
/// # Errors
/// [`EncodeError::Invalid`] naming the array's attribute type.
pub fn kept_index(index: u16, outer: u16) -> Result<u16, EncodeError> {
    if index <= NLA_TYPE_MASK {
        Ok(index)
    } else {
        Err(invalid(outer, DecodeErrorKind::Invalid("a nested array index does not fit in 14 bits")))
    }
}

/// The error for nesting deeper than [`MAX_NEST_DEPTH`](crate::consts::MAX_NEST_DEPTH).
#[must_use]
pub const fn too_deep(offset: usize) -> DecodeError {
    DecodeError::new(offset, DecodeErrorKind::TooDeep)
}

/// Converts a variable-width unsigned value into the field's integer type.
///
/// # Errors
/// `OutOfRange` when it does not fit.
pub fn narrow_u<T: TryFrom<u64>>(v: u64, offset: usize, max: i128) -> Result<T, DecodeError> {
    T::try_from(v).map_err(|_| {
        DecodeError::new(offset, DecodeErrorKind::OutOfRange { value: i128::from(v), min: 0, max })
    })
}

/// Converts a variable-width signed value into the field's integer type.
///
/// # Errors
/// `OutOfRange` when it does not fit.
pub fn narrow_s<T: TryFrom<i64>>(v: i64, offset: usize, min: i128, max: i128) -> Result<T, DecodeError> {
    T::try_from(v)
        .map_err(|_| DecodeError::new(offset, DecodeErrorKind::OutOfRange { value: i128::from(v), min, max }))
}

/// A `select = ...` value of a sub-message variant: a string or an integer.
pub trait SelectKey {
    /// Whether `selector` holds this value.
    fn is_selected_by<S: Selector + ?Sized>(&self, selector: &S) -> bool;
}

impl SelectKey for &str {
    fn is_selected_by<S: Selector + ?Sized>(&self, selector: &S) -> bool {
        selector.selects_str(self)
    }
}

macro_rules! int_key {
    ($($t:ty),*) => {$(
        impl SelectKey for $t {
            fn is_selected_by<S: Selector + ?Sized>(&self, selector: &S) -> bool {
                selector.selects_int(i128::from(*self))
            }
        }
    )*};
}
int_key!(u8, u16, u32, u64, i8, i16, i32, i64);

/// Names a trait bound at the selector field's type.
pub const fn assert_selector<T: Selector + ?Sized>() {}

/// What `nested` and `nested_array` need of a field type: an attribute set that decodes
/// from `'a`. `#[derive(NlAttrs)]` implements it; derived code goes through its methods
/// only, so that a wrong field type gets one error, at the type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a netlink attribute set",
    label = "`nested` and `nested_array` need a type deriving `NlAttrs`",
    note = "add `#[derive(NlAttrs)]` to `{Self}`, or drop `nested` and implement `Encode` and `Decode` for it"
)]
pub trait NestedSet<'a>: AttrSet + Decode<'a> {
    /// The set's policy.
    const NESTED_POLICY: &'static crate::policy::Policy = Self::POLICY;

    /// Decodes the set nested `depth` levels deep; deeper than
    /// [`MAX_NEST_DEPTH`](crate::consts::MAX_NEST_DEPTH) is
    /// [`DecodeErrorKind::TooDeep`], so a recursive type cannot exhaust the stack.
    ///
    /// # Errors
    /// The set's [`DecodeError`].
    fn nested_decode_depth(payload: &'a [u8], offset: usize, depth: usize) -> Result<Self, DecodeError>;

    /// [`nested_decode_depth`](Self::nested_decode_depth) into `self`, as
    /// [`DecodeInPlace`](crate::DecodeInPlace).
    ///
    /// # Errors
    /// The set's [`DecodeError`].
    #[inline]
    fn nested_decode_in_place(
        &mut self,
        payload: &'a [u8],
        offset: usize,
        depth: usize,
    ) -> Result<(), DecodeError> {
        *self = Self::nested_decode_depth(payload, offset, depth)?;
        Ok(())
    }

    /// The value decoding no attribute gives (every field absent, empty or its default),
    /// when the set has no required field; decoding in place starts from it instead of
    /// building a value and moving it.
    #[inline]
    #[must_use]
    fn nested_blank() -> Option<Self> {
        None
    }

    /// Payload length.
    #[inline]
    fn nested_len(&self) -> usize {
        self.encoded_len()
    }

    /// Writes the set as attribute `raw_type` (flags included).
    ///
    /// # Errors
    /// As [`Writer::attr_raw`](crate::Writer::attr_raw).
    #[inline]
    fn nested_put(&self, w: &mut crate::Writer<'_>, raw_type: u16) -> Result<(), EncodeError> {
        w.attr_raw(raw_type, self)
    }

    /// Runs the set's checks.
    ///
    /// # Errors
    /// As [`AttrSet::check`].
    #[inline]
    fn nested_check(&self) -> Result<(), EncodeError> {
        self.check()
    }
}

/// [`NestedSet`] for sets that borrow nothing: what `nested` and `nested_array` fields of
/// a set without a lifetime go through, decoding from a buffer of any lifetime. One
/// lifetime-free trait for every use of the field type, so that a wrong type gets one
/// error rather than one per lifetime it is named with.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a netlink attribute set",
    label = "`nested` and `nested_array` need a type deriving `NlAttrs`",
    note = "add `#[derive(NlAttrs)]` to `{Self}`, or drop `nested` and implement `Encode` and `Decode` for it"
)]
pub trait NestedOwned: AttrSet + Sized {
    /// The set's policy.
    const NESTED_POLICY: &'static crate::policy::Policy = Self::POLICY;

    /// As [`NestedSet::nested_decode_depth`], from a buffer of any lifetime.
    ///
    /// # Errors
    /// The set's [`DecodeError`].
    fn nested_decode_depth(payload: &[u8], offset: usize, depth: usize) -> Result<Self, DecodeError>;

    /// As [`NestedSet::nested_decode_in_place`], from a buffer of any lifetime.
    ///
    /// # Errors
    /// The set's [`DecodeError`].
    #[inline]
    fn nested_decode_in_place(
        &mut self,
        payload: &[u8],
        offset: usize,
        depth: usize,
    ) -> Result<(), DecodeError> {
        *self = Self::nested_decode_depth(payload, offset, depth)?;
        Ok(())
    }

    /// As [`NestedSet::nested_blank`].
    #[inline]
    #[must_use]
    fn nested_blank() -> Option<Self> {
        None
    }

    /// Payload length.
    #[inline]
    fn nested_len(&self) -> usize {
        self.encoded_len()
    }

    /// Writes the set as attribute `raw_type` (flags included).
    ///
    /// # Errors
    /// As [`Writer::attr_raw`](crate::Writer::attr_raw).
    #[inline]
    fn nested_put(&self, w: &mut crate::Writer<'_>, raw_type: u16) -> Result<(), EncodeError> {
        w.attr_raw(raw_type, self)
    }

    /// Runs the set's checks.
    ///
    /// # Errors
    /// As [`AttrSet::check`].
    #[inline]
    fn nested_check(&self) -> Result<(), EncodeError> {
        self.check()
    }
}

/// What `submsg` needs of a field type: an enum deriving `NlSubMsg`, decoding from `'a`.
/// Derived code goes through its methods only, so a wrong type gets one message, at the type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a sub-message",
    label = "`submsg` needs an enum deriving `NlSubMsg`",
    note = "derive `NlSubMsg` on an enum with one variant per selector value (`#[nla(select = \"veth\")] Veth(VethInfo)`)"
)]
pub trait SubMsgField<'a>: SubMessage + SubMessageDecode<'a> {
    /// Selector values and their policies.
    const SUB_VARIANTS: &'static [(&'static str, &'static crate::policy::Policy)] = Self::VARIANTS;

    /// Integer selector values and their policies.
    const SUB_INT_VARIANTS: &'static [(i128, &'static crate::policy::Policy)] = Self::INT_VARIANTS;

    /// Decodes the format `selector` names, nested `depth` levels deep.
    ///
    /// # Errors
    /// As [`SubMessageDecode::decode_selected`].
    fn sub_decode_depth<S: Selector + ?Sized>(
        selector: Option<&S>,
        payload: &'a [u8],
        offset: usize,
        depth: usize,
    ) -> Result<Self, DecodeError>;

    /// [`sub_decode_depth`](Self::sub_decode_depth) into `self`: a variant the selector
    /// picks again is decoded in place.
    ///
    /// # Errors
    /// As [`SubMessageDecode::decode_selected`].
    #[inline]
    fn sub_decode_in_place<S: Selector + ?Sized>(
        &mut self,
        selector: Option<&S>,
        payload: &'a [u8],
        offset: usize,
        depth: usize,
    ) -> Result<(), DecodeError> {
        *self = Self::sub_decode_depth(selector, payload, offset, depth)?;
        Ok(())
    }

    /// Payload length.
    #[inline]
    fn sub_len(&self) -> usize {
        self.encoded_len()
    }

    /// Writes the sub-message as attribute `ty`, with its variant's flags unless `no_flag`.
    ///
    /// # Errors
    /// As [`Writer::attr_raw`](crate::Writer::attr_raw).
    #[inline]
    fn sub_put(&self, w: &mut crate::Writer<'_>, ty: u16, no_flag: bool) -> Result<(), EncodeError> {
        let flags = if no_flag { 0 } else { self.flags() };
        w.attr_raw(ty | flags, self)
    }

    /// Runs the current variant's checks.
    ///
    /// # Errors
    /// As [`SubMessage::check`].
    #[inline]
    fn sub_check(&self) -> Result<(), EncodeError> {
        self.check()
    }
}

/// What an `#[nla(order)]` field must be: [`AttrOrder`](crate::AttrOrder). Derived code
/// goes through these methods only, so that a wrong field type gets one error, at the type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot record the attribute order",
    label = "an `order` field has type `nlattr::AttrOrder`",
    note = "declare the field as `#[nla(order)] order: nlattr::AttrOrder`"
)]
pub trait OrderField: Sized {
    /// The recorded order.
    fn order(&self) -> &crate::AttrOrder;
    /// The field from the order recorded while decoding.
    fn from_order(order: crate::AttrOrder) -> Self;
}

impl OrderField for crate::AttrOrder {
    #[inline]
    fn order(&self) -> &crate::AttrOrder {
        self
    }
    #[inline]
    fn from_order(order: crate::AttrOrder) -> Self {
        order
    }
}

/// One step of [`next_attr`].
#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    /// The next attribute.
    Attr(crate::iter::Attr<'a>),
    /// No bytes left.
    End,
    /// The next header is malformed; [`attr_error`] on the unchanged cursor says how.
    Bad,
}

/// The attribute walk of derived decoders: the same framing as [`crate::iter::Attrs`] with
/// the cursor held by the caller (`rest` the bytes not yet read, `end` the absolute offset
/// just past them, so that an attribute's offset is `end - rest.len()` and the loop carries
/// nothing else), keeping no error slot and no `done` flag. On [`Step::Bad`] the cursor is
/// left as it was.
#[inline]
pub fn next_attr<'a>(rest: &mut &'a [u8], end: usize) -> Step<'a> {
    let bytes = *rest;
    let Some((raw_type, payload, step)) = frame(bytes) else {
        return if bytes.is_empty() { Step::End } else { Step::Bad };
    };
    *rest = bytes.get(step..).unwrap_or_default();
    Step::Attr(crate::iter::Attr::from_parts(raw_type, payload, end.wrapping_sub(bytes.len())))
}

/// The attribute at the start of `bytes`: its type word, its payload and how far the next
/// one starts (the padding may be missing after the last attribute); `None` if its header
/// is cut short or its length is out of bounds.
#[inline(always)]
fn frame(bytes: &[u8]) -> Option<(u16, &[u8], usize)> {
    let (hdr, after) = bytes.split_first_chunk::<4>()?;
    let len = usize::from(u16::from_ne_bytes([hdr[0], hdr[1]]));
    let raw_type = u16::from_ne_bytes([hdr[2], hdr[3]]);
    let payload = after.get(..len.checked_sub(crate::consts::NLA_HDRLEN)?)?;
    // `len <= bytes.len()` here.
    Some((raw_type, payload, ((len + 3) & !3).min(bytes.len())))
}

/// [`next_attr`] for the in-order fast path of derived decoders: the next attribute if it
/// is well-formed and of type `ty` (flags ignored), else `None` with the cursor anywhere
/// (the caller then starts the general walk over).
#[inline(always)]
pub fn next_of<'a>(rest: &mut &'a [u8], end: usize, ty: u16) -> Option<crate::iter::Attr<'a>> {
    let bytes = *rest;
    let (raw_type, payload, step) = frame(bytes)?;
    if raw_type & crate::consts::NLA_TYPE_MASK != ty {
        return None;
    }
    *rest = bytes.get(step..).unwrap_or_default();
    Some(crate::iter::Attr::from_parts(raw_type, payload, end.wrapping_sub(bytes.len())))
}

/// The payload length a value of kind `kind` has on the wire when it is always the same
/// (integers), else 0. Only a hint for the in-order fast path of derived decoders, which
/// still decodes the payload with the value's own decoder: a hint that is wrong only sends
/// the attribute to the general walk.
#[must_use]
pub const fn fixed_len(kind: crate::policy::AttrKind) -> usize {
    use crate::policy::AttrKind as K;
    match kind {
        K::U8 | K::S8 => 1,
        K::U16 | K::S16 | K::Be16 => 2,
        K::U32 | K::S32 | K::Be32 => 4,
        K::U64 | K::S64 | K::Be64 => 8,
        K::Le(n) => n as usize,
        _ => 0,
    }
}

/// [`next_of`] for an attribute whose payload is expected to be `size` bytes (a constant
/// from [`fixed_len`]; 0: any): the header is compared whole with the one expected, the
/// type without flags, so that one comparison replaces the length checks.
#[inline(always)]
pub fn next_sized<'a>(
    rest: &mut &'a [u8],
    end: usize,
    ty: u16,
    size: usize,
) -> Option<crate::iter::Attr<'a>> {
    if size == 0 || size > 0xffff - crate::consts::NLA_HDRLEN {
        return next_of(rest, end, ty);
    }
    let bytes = *rest;
    let (hdr, after) = bytes.split_first_chunk::<4>()?;
    #[allow(clippy::cast_possible_truncation)] // checked above
    let [l0, l1] = ((crate::consts::NLA_HDRLEN + size) as u16).to_ne_bytes();
    let [t0, t1] = ty.to_ne_bytes();
    if u32::from_ne_bytes(*hdr) != u32::from_ne_bytes([l0, l1, t0, t1]) {
        return None;
    }
    let payload = after.get(..size)?;
    let step = ((crate::consts::NLA_HDRLEN + size + 3) & !3).min(bytes.len());
    *rest = bytes.get(step..).unwrap_or_default();
    Some(crate::iter::Attr::from_parts(ty, payload, end.wrapping_sub(bytes.len())))
}

/// The error [`crate::iter::Attrs`] reports for the malformed attribute at the start of
/// `rest` (absolute offset `end - rest.len()`), for a [`Step::Bad`] of [`next_attr`].
#[cold]
#[inline(never)]
#[must_use]
pub fn attr_error(rest: &[u8], end: usize) -> DecodeError {
    let at = end.wrapping_sub(rest.len());
    match crate::iter::Attrs::new(rest, at).next() {
        Some(Err(e)) => e,
        // Not reached: `next_attr` says `Bad` only where `Attrs` fails.
        _ => DecodeError::new(
            at,
            DecodeErrorKind::Truncated { needed: crate::consts::NLA_HDRLEN, available: rest.len() },
        ),
    }
}

/// An all-zero header, for [`NestedSet::nested_blank`].
#[inline]
#[must_use]
pub fn zeroed_header<H: zerocopy::FromZeros>() -> H {
    H::new_zeroed()
}

/// Before a push onto a full vector of nested-array entries: room for the entry being
/// pushed and every entry in `rest` (the bytes after it), so that an array is allocated
/// once rather than grown step by step.
#[cfg(feature = "alloc")]
#[inline]
pub fn reserve_entries<T>(v: &mut alloc::vec::Vec<T>, rest: &[u8]) {
    if v.len() == v.capacity() {
        reserve_entries_slow(v, rest);
    }
}

#[cfg(feature = "alloc")]
#[cold]
#[inline(never)]
fn reserve_entries_slow<T>(v: &mut alloc::vec::Vec<T>, mut rest: &[u8]) {
    let end = rest.len();
    let mut n = 1;
    while let Step::Attr(a) = next_attr(&mut rest, end) {
        n += usize::from(!a.payload().is_empty());
    }
    v.reserve(n);
}

/// Picks, for a value type, between decoding into the value already there (types
/// implementing [`DecodeInPlace`](crate::DecodeInPlace)) and decoding anew: derived
/// decoders call `(&Reuse::<T>::new()).refill(..)` with [`ViaInPlace`] and [`ViaDecode`]
/// in scope, and method resolution takes the first that applies.
pub struct Reuse<T: ?Sized>(core::marker::PhantomData<T>);

impl<T: ?Sized> Default for Reuse<T> {
    #[inline]
    fn default() -> Self {
        Self::new()
    }
}

impl<T: ?Sized> Reuse<T> {
    /// The selector for `T`.
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        Self(core::marker::PhantomData)
    }
}

/// [`Reuse`] for a type decoded in place.
pub trait ViaInPlace<'a, T> {
    /// Whether `T` is decoded in place.
    fn reuses(&self) -> bool;
    /// Decodes `payload` into `slot`.
    ///
    /// # Errors
    /// The value's [`DecodeError`].
    fn refill(&self, slot: &mut T, payload: &'a [u8], offset: usize) -> Result<(), DecodeError>;
}

impl<'a, T: crate::DecodeInPlace<'a>> ViaInPlace<'a, T> for Reuse<T> {
    #[inline]
    fn reuses(&self) -> bool {
        true
    }
    #[inline]
    fn refill(&self, slot: &mut T, payload: &'a [u8], offset: usize) -> Result<(), DecodeError> {
        slot.decode_in_place(payload, offset)
    }
}

/// [`Reuse`] for any other decodable type: decoded anew and assigned.
pub trait ViaDecode<'a, T> {
    /// Whether `T` is decoded in place.
    fn reuses(&self) -> bool;
    /// Decodes `payload` into `slot`.
    ///
    /// # Errors
    /// The value's [`DecodeError`].
    fn refill(&self, slot: &mut T, payload: &'a [u8], offset: usize) -> Result<(), DecodeError>;
}

impl<'a, T: crate::Decode<'a>> ViaDecode<'a, T> for &Reuse<T> {
    #[inline]
    fn reuses(&self) -> bool {
        false
    }
    #[inline]
    fn refill(&self, slot: &mut T, payload: &'a [u8], offset: usize) -> Result<(), DecodeError> {
        *slot = T::decode(payload, offset)?;
        Ok(())
    }
}

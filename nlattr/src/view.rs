//! Sequences received in a message, kept as the bytes they came in: what repeated, arrayed
//! and unknown attributes decode into without allocating.
//!
//! A `Vec` field (`#[nla(multi)] names: Vec<&'a str>`, `#[nla(nested_array)] ops: Vec<Op>`,
//! `#[nla(unknown)] rest: Vec<Attr<'a>>`) collects its elements while the message is
//! decoded, and so allocates for every message that has any. A view field in the same
//! place ([`MultiView`], [`ArrayView`], [`UnknownView`]) keeps where the elements are: decoding
//! checks every element as the `Vec` field would (same errors, same paths) and counts them,
//! and iterating the view decodes them again from the bytes it borrows. A decoded value
//! with only view fields allocates nothing, and needs no `alloc`.
//!
//! Elements come by value ([`MultiView::iter`] yields `T`, not `&T`); [`len`](ArrayView::len)
//! is constant-time, [`get`](ArrayView::get) walks. Encoding a decoded view writes its
//! attributes back as they were received. A view holds received bytes only: to build a
//! message with repeated or arrayed attributes, use a `Vec` field.
//!
//! ```
//! use nlattr::view::{ArrayView, UnknownView};
//! use nlattr::{Decode, Encode, NlAttrs, Writer};
//!
//! #[derive(NlAttrs, Debug, Clone, Copy, PartialEq)]
//! struct Op {
//!     #[nla(type = 1)]
//!     id: u32,
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Family<'a> {
//!     #[nla(type = 1)]
//!     name: &'a str,
//!     #[nla(type = 2, nested_array)]
//!     ops: ArrayView<'a, Op>,
//!     #[nla(unknown)]
//!     rest: UnknownView<'a>,
//! }
//!
//! #[derive(NlAttrs)]
//! struct Owned {
//!     #[nla(type = 1)]
//!     name: String,
//!     #[nla(type = 2, nested_array)]
//!     ops: Vec<Op>,
//!     #[nla(type = 9)]
//!     extra: u8,
//! }
//!
//! let owned = Owned { name: "ctrl".into(), ops: vec![Op { id: 3 }, Op { id: 10 }], extra: 7 };
//! let mut bytes = Vec::new();
//! owned.encode(&mut Writer::new(&mut bytes))?;
//!
//! let f = Family::decode(&bytes, 0)?;
//! assert_eq!(f.ops.len(), 2);
//! assert_eq!(f.ops.iter().map(|o| o.id).collect::<Vec<_>>(), [3, 10]);
//! assert_eq!(f.ops, owned.ops[..]);
//! assert_eq!(f.rest.iter().map(|a| a.ty()).collect::<Vec<_>>(), [9]);
//!
//! let mut again = Vec::new();
//! f.encode(&mut Writer::new(&mut again))?;
//! assert_eq!(again, bytes);
//! # Ok::<(), nlattr::Error>(())
//! ```

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;

use crate::codec::Decode;
use crate::iter::Attr;
use crate::private::{next_attr, NestedSet, Step};

/// Where a view's elements are: `bytes` (starting at absolute offset `offset`) hold `len`
/// wanted attributes, the first at the start, among others the view skips.
#[derive(Clone, Copy)]
struct Span<'a> {
    bytes: &'a [u8],
    offset: usize,
    len: u32,
}

impl<'a> Span<'a> {
    const EMPTY: Self = Self { bytes: &[], offset: 0, len: 0 };

    /// Counts `a`, an attribute of `body` (at absolute offset `base`) after every one
    /// counted before.
    #[inline]
    fn keep(&mut self, body: &'a [u8], base: usize, a: &Attr<'a>) {
        if self.len == 0 {
            let at = a.offset().wrapping_sub(base);
            self.bytes = body.get(at..).unwrap_or_default();
            self.offset = a.offset();
        }
        self.len = self.len.saturating_add(1);
    }

    #[inline]
    fn walk(&self) -> Walk<'a> {
        Walk { rest: self.bytes, end: self.offset.wrapping_add(self.bytes.len()), left: self.len }
    }
}

/// The attributes of a span, stopping after the last wanted one.
#[derive(Clone)]
struct Walk<'a> {
    rest: &'a [u8],
    end: usize,
    left: u32,
}

impl<'a> Walk<'a> {
    /// The next attribute for which `want` holds.
    #[inline(always)]
    fn next_where(&mut self, want: impl Fn(&Attr<'a>) -> bool) -> Option<Attr<'a>> {
        while self.left > 0 {
            match next_attr(&mut self.rest, self.end) {
                Step::Attr(a) if want(&a) => {
                    self.left -= 1;
                    return Some(a);
                }
                Step::Attr(_) => {}
                // Not reached for a span that decoding counted: its bytes framed then.
                Step::End | Step::Bad => self.left = 0,
            }
        }
        None
    }
}

/// The attributes of a repeated type (`#[nla(type = T, multi)]`), as received: every
/// attribute of the type in the set, in order, each decoded as `T` when iterated.
pub struct MultiView<'a, T> {
    span: Span<'a>,
    ty: u16,
    _el: PhantomData<fn() -> T>,
}

impl<'a, T> MultiView<'a, T> {
    /// How many attributes of the type came.
    #[must_use]
    #[inline]
    pub const fn len(&self) -> usize {
        self.span.len as usize
    }

    /// Whether none came.
    #[must_use]
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.span.len == 0
    }

    /// The attributes themselves, in order.
    #[must_use]
    #[inline]
    pub fn attrs(&self) -> MultiAttrs<'a> {
        MultiAttrs { walk: self.span.walk(), ty: self.ty }
    }

    #[doc(hidden)]
    #[inline]
    pub fn __keep(&mut self, body: &'a [u8], base: usize, a: &Attr<'a>) {
        self.ty = a.ty();
        self.span.keep(body, base, a);
    }
}

impl<'a, T: Decode<'a>> MultiView<'a, T> {
    /// The values, in order.
    #[must_use]
    #[inline]
    pub fn iter(&self) -> MultiIter<'a, T> {
        MultiIter { attrs: self.attrs(), _el: PhantomData }
    }

    /// The `i`-th value (a walk over the attributes before it).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<T> {
        self.iter().nth(i)
    }

    /// The first value.
    #[must_use]
    pub fn first(&self) -> Option<T> {
        self.iter().next()
    }
}

/// [`MultiView::attrs`].
#[derive(Clone)]
pub struct MultiAttrs<'a> {
    walk: Walk<'a>,
    ty: u16,
}

impl<'a> Iterator for MultiAttrs<'a> {
    type Item = Attr<'a>;
    #[inline]
    fn next(&mut self) -> Option<Attr<'a>> {
        let ty = self.ty;
        self.walk.next_where(|a| a.ty() == ty)
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.walk.left as usize, Some(self.walk.left as usize))
    }
}

impl ExactSizeIterator for MultiAttrs<'_> {}
impl FusedIterator for MultiAttrs<'_> {}

/// [`MultiView::iter`].
pub struct MultiIter<'a, T> {
    attrs: MultiAttrs<'a>,
    _el: PhantomData<fn() -> T>,
}

impl<T> Clone for MultiIter<'_, T> {
    fn clone(&self) -> Self {
        Self { attrs: self.attrs.clone(), _el: PhantomData }
    }
}

impl<'a, T: Decode<'a>> Iterator for MultiIter<'a, T> {
    type Item = T;
    #[inline]
    fn next(&mut self) -> Option<T> {
        let a = self.attrs.next()?;
        // Decoding the set decoded this payload as `T` already.
        T::decode(a.payload(), a.payload_offset()).ok()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.attrs.size_hint().1)
    }
}

impl<'a, T: Decode<'a>> FusedIterator for MultiIter<'a, T> {}

impl<'a, T: Decode<'a>> IntoIterator for &MultiView<'a, T> {
    type Item = T;
    type IntoIter = MultiIter<'a, T>;
    #[inline]
    fn into_iter(self) -> MultiIter<'a, T> {
        self.iter()
    }
}

/// The entries of an indexed array (`#[nla(type = T, nested_array)]`), as received: every
/// non-empty entry of the nest, in order, each decoded as the set `T` when iterated.
pub struct ArrayView<'a, T> {
    /// The nest's payload and absolute offset; `len` the non-empty entries.
    span: Span<'a>,
    /// The nesting depth the entries were decoded at, so that they decode again alike.
    depth: usize,
    _el: PhantomData<fn() -> T>,
}

impl<'a, T> ArrayView<'a, T> {
    /// How many (non-empty) entries came.
    #[must_use]
    #[inline]
    pub const fn len(&self) -> usize {
        self.span.len as usize
    }

    /// Whether none came (or the array did not).
    #[must_use]
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.span.len == 0
    }

    /// The nest's payload as received, empty entries included.
    #[must_use]
    #[inline]
    pub const fn payload(&self) -> &'a [u8] {
        self.span.bytes
    }

    /// The entries themselves (their types are the indices), in order.
    #[must_use]
    #[inline]
    pub fn entries(&self) -> ArrayEntries<'a> {
        ArrayEntries { walk: self.span.walk() }
    }

    #[doc(hidden)]
    #[inline]
    pub fn __counted(payload: &'a [u8], offset: usize, depth: usize, len: u32) -> Self {
        Self { span: Span { bytes: payload, offset, len }, depth, _el: PhantomData }
    }
}

impl<'a, T: NestedSet<'a>> ArrayView<'a, T> {
    /// The elements, in order.
    #[must_use]
    #[inline]
    pub fn iter(&self) -> ArrayIter<'a, T> {
        ArrayIter { entries: self.entries(), depth: self.depth, _el: PhantomData }
    }

    /// The elements with their indices (the entries' types), in order.
    #[inline]
    pub fn indexed(&self) -> impl Iterator<Item = (u16, T)> + 'a {
        let depth = self.depth;
        self.entries().filter_map(move |a| {
            T::nested_decode_depth(a.payload(), a.payload_offset(), depth).ok().map(|x| (a.ty(), x))
        })
    }

    /// The `i`-th element (a walk over the entries before it).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<T> {
        self.iter().nth(i)
    }

    /// The first element.
    #[must_use]
    pub fn first(&self) -> Option<T> {
        self.iter().next()
    }
}

/// [`ArrayView::entries`].
#[derive(Clone)]
pub struct ArrayEntries<'a> {
    walk: Walk<'a>,
}

impl<'a> Iterator for ArrayEntries<'a> {
    type Item = Attr<'a>;
    #[inline(always)]
    fn next(&mut self) -> Option<Attr<'a>> {
        // The kernel skips empty entries, and so does decoding.
        self.walk.next_where(|a| !a.payload().is_empty())
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.walk.left as usize, Some(self.walk.left as usize))
    }
}

impl ExactSizeIterator for ArrayEntries<'_> {}
impl FusedIterator for ArrayEntries<'_> {}

/// [`ArrayView::iter`].
pub struct ArrayIter<'a, T> {
    entries: ArrayEntries<'a>,
    depth: usize,
    _el: PhantomData<fn() -> T>,
}

impl<T> Clone for ArrayIter<'_, T> {
    fn clone(&self) -> Self {
        Self { entries: self.entries.clone(), depth: self.depth, _el: PhantomData }
    }
}

impl<'a, T: NestedSet<'a>> Iterator for ArrayIter<'a, T> {
    type Item = T;
    #[inline(always)]
    fn next(&mut self) -> Option<T> {
        let a = self.entries.next()?;
        // Decoding the set decoded this entry as `T`, at this depth, already.
        T::nested_decode_depth(a.payload(), a.payload_offset(), self.depth).ok()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.entries.size_hint().1)
    }
}

impl<'a, T: NestedSet<'a>> FusedIterator for ArrayIter<'a, T> {}

impl<'a, T: NestedSet<'a>> IntoIterator for &ArrayView<'a, T> {
    type Item = T;
    type IntoIter = ArrayIter<'a, T>;
    #[inline]
    fn into_iter(self) -> ArrayIter<'a, T> {
        self.iter()
    }
}

/// The attributes of a set that no field claims (`#[nla(unknown)]`), as received, in
/// order.
#[derive(Clone, Copy)]
pub struct UnknownView<'a> {
    span: Span<'a>,
    /// Whether a type is one of the set's fields (skipped when iterating).
    claimed: fn(u16) -> bool,
}

fn nothing_claimed(_: u16) -> bool {
    false
}

impl<'a> UnknownView<'a> {
    /// How many attributes no field claimed.
    #[must_use]
    #[inline]
    pub const fn len(&self) -> usize {
        self.span.len as usize
    }

    /// Whether every attribute was claimed.
    #[must_use]
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.span.len == 0
    }

    /// The attributes, in order.
    #[must_use]
    #[inline]
    pub fn iter(&self) -> UnknownIter<'a> {
        UnknownIter { walk: self.span.walk(), claimed: self.claimed }
    }

    /// The `i`-th attribute (a walk over the attributes before it).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<Attr<'a>> {
        self.iter().nth(i)
    }

    /// The first attribute of type `ty` (flags removed).
    #[must_use]
    pub fn find(&self, ty: u16) -> Option<Attr<'a>> {
        self.iter().find(|a| a.ty() == ty)
    }
}

/// [`UnknownView::iter`].
#[derive(Clone)]
pub struct UnknownIter<'a> {
    walk: Walk<'a>,
    claimed: fn(u16) -> bool,
}

impl<'a> Iterator for UnknownIter<'a> {
    type Item = Attr<'a>;
    #[inline]
    fn next(&mut self) -> Option<Attr<'a>> {
        let claimed = self.claimed;
        self.walk.next_where(|a| !claimed(a.ty()))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.walk.left as usize, Some(self.walk.left as usize))
    }
}

impl ExactSizeIterator for UnknownIter<'_> {}
impl FusedIterator for UnknownIter<'_> {}

impl<'a> IntoIterator for &UnknownView<'a> {
    type Item = Attr<'a>;
    type IntoIter = UnknownIter<'a>;
    #[inline]
    fn into_iter(self) -> UnknownIter<'a> {
        self.iter()
    }
}

/// What an `#[nla(unknown)]` field does with the attributes no field claims: a `Vec`
/// collects them, an [`UnknownView`] counts them.
#[doc(hidden)]
pub trait UnknownField<'a> {
    /// Before the walk over `body` (at absolute offset `base`), whose types that `claimed`
    /// holds for are the fields'.
    fn begin(&mut self, body: &'a [u8], base: usize, claimed: fn(u16) -> bool);
    /// An unclaimed attribute of `body`, after every one kept before.
    fn keep(&mut self, a: Attr<'a>);
}

impl<'a> UnknownField<'a> for UnknownView<'a> {
    #[inline]
    fn begin(&mut self, body: &'a [u8], base: usize, claimed: fn(u16) -> bool) {
        // `bytes` holds the whole body until the first unclaimed attribute comes.
        self.span = Span { bytes: body, offset: base, len: 0 };
        self.claimed = claimed;
    }
    #[inline]
    fn keep(&mut self, a: Attr<'a>) {
        let (body, base) = (self.span.bytes, self.span.offset);
        self.span.keep(body, base, &a);
    }
}

#[cfg(feature = "alloc")]
impl<'a, T: From<Attr<'a>>> UnknownField<'a> for alloc::vec::Vec<T> {
    #[inline]
    fn begin(&mut self, _: &'a [u8], _: usize, _: fn(u16) -> bool) {
        // Cleared, not replaced: decoding in place reuses the capacity.
        self.clear();
    }
    #[inline]
    fn keep(&mut self, a: Attr<'a>) {
        self.push(T::from(a));
    }
}

impl<T> Default for MultiView<'_, T> {
    fn default() -> Self {
        Self { span: Span::EMPTY, ty: 0, _el: PhantomData }
    }
}

impl<T> Default for ArrayView<'_, T> {
    fn default() -> Self {
        Self { span: Span::EMPTY, depth: 0, _el: PhantomData }
    }
}

impl Default for UnknownView<'_> {
    fn default() -> Self {
        Self { span: Span::EMPTY, claimed: nothing_claimed }
    }
}

impl<T> Clone for MultiView<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for MultiView<'_, T> {}

impl<T> Clone for ArrayView<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for ArrayView<'_, T> {}

impl<'a, T: Decode<'a> + fmt::Debug> fmt::Debug for MultiView<'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a, T: NestedSet<'a> + fmt::Debug> fmt::Debug for ArrayView<'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Debug for UnknownView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Element by element, as the `Vec`s the views stand for compare.
impl<'a, T: Decode<'a> + PartialEq> PartialEq for MultiView<'a, T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}
impl<'a, T: Decode<'a> + Eq> Eq for MultiView<'a, T> {}

impl<'a, T: NestedSet<'a> + PartialEq> PartialEq for ArrayView<'a, T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}
impl<'a, T: NestedSet<'a> + Eq> Eq for ArrayView<'a, T> {}

/// Attribute by attribute (types, payloads and offsets), as `Vec<Attr>` compares.
impl PartialEq for UnknownView<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}
impl Eq for UnknownView<'_> {}

impl<'a, T: Decode<'a> + PartialEq> PartialEq<[T]> for MultiView<'a, T> {
    fn eq(&self, other: &[T]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl<'a, T: NestedSet<'a> + PartialEq> PartialEq<[T]> for ArrayView<'a, T> {
    fn eq(&self, other: &[T]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

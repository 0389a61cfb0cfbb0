//! The traits `#[derive(NlAttrs)]`, `#[derive(NlSubMsg)]` and `#[derive(NlValue)]` implement.
//!
//! - [`AttrSet`]: a struct that is an attribute set (optionally after a fixed header). It
//!   adds message-level helpers to the payload traits [`Encode`] and [`Decode`].
//! - [`AttrEnum`]: the enum form, one variant per attribute type, decoding one attribute.
//! - [`SubMessage`] and [`SubMessageDecode`]: a nest whose format another attribute chooses.
//! - [`Selector`]: what a sub-message selector field can hold.
//! - [`RawAttr`] and [`OwnedAttr`]: attributes kept verbatim by an `#[nla(unknown)]` field.

#[cfg(feature = "alloc")]
use alloc::vec::Vec;
use core::ffi::CStr;

use crate::codec::{Decode, Encode};
use crate::consts::NLMSG_HDRLEN;
use crate::error::{DecodeError, EncodeError};
use crate::iter::{Attr, Message};
use crate::policy::{HasPolicy, Policy};
use crate::writer::Writer;

/// An attribute set: a struct deriving [`NlAttrs`](crate::NlAttrs).
///
/// Its [`Encode`] payload is the optional fixed header followed by the attributes; so is
/// its [`Decode`] input. This trait adds what a whole message needs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a netlink attribute set",
    label = "`nested` and `nested_array` need a type deriving `NlAttrs`",
    note = "add `#[derive(NlAttrs)]` to `{Self}`, or drop `nested` and implement `Encode` and `Decode` for it"
)]
pub trait AttrSet: Encode + HasPolicy {
    /// Runs the checks the type declares (`range`, `len`, `min_len`, `max_len`,
    /// `validate`, no NUL inside strings), recursively through nested sets, before sending.
    ///
    /// # Errors
    /// [`EncodeError::Invalid`] naming the first field at fault by its Rust path.
    fn check(&self) -> Result<(), EncodeError>;

    /// Decodes a whole message's payload (family header and attributes).
    ///
    /// # Errors
    /// The [`DecodeError`] of the first problem, offsets absolute in the message's buffer.
    fn decode_message<'a>(msg: &Message<'a>) -> Result<Self, DecodeError>
    where
        Self: Decode<'a>,
    {
        Self::decode(msg.payload, msg.payload_offset())
    }

    /// Appends one message of type `ty` holding `self` to `w`. Into a
    /// [`Writer::from_slice`] this allocates nothing. Into a `Vec` with fewer than
    /// [`MESSAGE_HEADROOM`](crate::writer::MESSAGE_HEADROOM) spare bytes the message is
    /// measured first and room reserved once (at least that headroom, so that a buffer
    /// reused for the next message skips the measuring); otherwise it is written in one pass.
    ///
    /// # Errors
    /// [`EncodeError`] when the buffer is too small, a length overflows or a value is one
    /// the kernel would misread.
    #[inline(always)]
    fn encode_message(
        &self,
        w: &mut Writer<'_>,
        ty: u16,
        flags: u16,
        seq: u32,
        pid: u32,
    ) -> Result<(), EncodeError> {
        if w.roomy() {
            // Nothing to reserve: written in one pass, `nlmsg_len` patched at the end. A
            // call of its own, so that the measured length is a constant 0 in it (one call
            // with the length chosen at run time costs route requests 50 instructions).
            return write_message(self, w, ty, flags, seq, pid, 0);
        }
        let len = reserve_measured(self, w)?;
        write_message(self, w, ty, flags, seq, pid, len)
    }

    /// One message of type `ty` holding `self`, in a vector allocated once at its exact size.
    ///
    /// # Errors
    /// As [`encode_message`](Self::encode_message).
    #[cfg(feature = "alloc")]
    fn to_message_vec(&self, ty: u16, flags: u16, seq: u32, pid: u32) -> Result<Vec<u8>, EncodeError> {
        let len = message_len(self)?;
        // Zeroed at its exact size and filled as a fixed buffer, whose position the encoder
        // keeps without going through the `Vec`. Not `vec![0; len]`: zeroed memory from the
        // allocator costs more, for a message-sized buffer, than an allocation and a fill.
        #[allow(clippy::slow_vector_initialization)]
        let mut out = {
            let mut v = Vec::with_capacity(len as usize);
            v.resize(len as usize, 0);
            v
        };
        let mut w = Writer::from_slice(&mut out);
        match write_message(self, &mut w, ty, flags, seq, pid, len) {
            Ok(()) => {
                let written = w.len();
                out.truncate(written);
                Ok(out)
            }
            // `encode` wrote more than `encoded_len` said: written again into the `Vec`.
            Err(EncodeError::BufferTooSmall { .. }) => {
                out.clear();
                self.encode_message(&mut Writer::new(&mut out), ty, flags, seq, pid)?;
                Ok(out)
            }
            Err(e) => Err(e),
        }
    }
}

/// [`AttrSet::encode_message`] into a `Vec` short of room: the message measured and room
/// reserved once; its length returned.
#[inline]
fn reserve_measured<S: AttrSet + ?Sized>(set: &S, w: &mut Writer<'_>) -> Result<u32, EncodeError> {
    let len = message_len(set)?;
    w.reserve_message(len as usize);
    Ok(len)
}

/// The length of a message holding `set` (`nlmsg_len`: header and payload), measured once.
///
/// # Errors
/// [`EncodeError::MessageTooLong`] when it does not fit `nlmsg_len`: refused before anything
/// is written.
#[inline]
fn message_len<S: AttrSet + ?Sized>(set: &S) -> Result<u32, EncodeError> {
    let len = NLMSG_HDRLEN.saturating_add(set.encoded_len());
    u32::try_from(len).map_err(|_| EncodeError::MessageTooLong { len })
}

/// [`AttrSet::encode_message`] after its reservation: the header with its measured length
/// `len` (0: not measured, patched at the end), `set`, the length corrected should `set`
/// write another, and nothing left behind on failure.
#[inline(always)]
fn write_message<S: AttrSet + ?Sized>(
    set: &S,
    w: &mut Writer<'_>,
    ty: u16,
    flags: u16,
    seq: u32,
    pid: u32,
    len: u32,
) -> Result<(), EncodeError> {
    let start = w.len();
    let mark = w.begin_message_sized(ty, flags, seq, pid, len)?;
    if let Err(e) = set.encode(w) {
        return Err(undo(w, start, e));
    }
    w.end_message(mark)
}

/// Removes a message that failed, keeping the error path out of the encoder's code.
#[cold]
#[inline(never)]
fn undo(w: &mut Writer<'_>, start: usize, e: EncodeError) -> EncodeError {
    w.truncate(start);
    e
}

/// The enum form of `#[derive(NlAttrs)]`: each value is one attribute.
pub trait AttrEnum<'a>: Sized + HasPolicy {
    /// Decodes one attribute, its variant chosen by the attribute's type.
    ///
    /// # Errors
    /// The payload's [`DecodeError`], or `Unknown` for a type with no variant and no
    /// catch-all.
    fn decode_attr(attr: &Attr<'a>) -> Result<Self, DecodeError>;

    /// The attribute type (flag bits removed).
    fn attr_type(&self) -> u16;

    /// Bytes the attribute takes on the wire, header and padding included.
    fn attr_len(&self) -> usize;

    /// Appends the attribute (header, payload, padding).
    ///
    /// # Errors
    /// [`EncodeError`] as the payload's encoder reports it.
    fn encode_attr(&self, w: &mut Writer<'_>) -> Result<(), EncodeError>;

    /// Decodes every attribute of `attrs`.
    ///
    /// # Errors
    /// The first [`DecodeError`], its path holding the attribute's position.
    #[cfg(feature = "alloc")]
    fn decode_all(attrs: crate::iter::Attrs<'a>) -> Result<Vec<Self>, DecodeError> {
        let mut out = Vec::new();
        for (i, a) in attrs.enumerate() {
            let a = a?;
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            out.push(Self::decode_attr(&a).map_err(|e| e.at_index(i))?);
        }
        Ok(out)
    }
}

/// A sub-message: a nest whose format the value of a sibling attribute selects
/// (`#[derive(NlSubMsg)]`).
pub trait SubMessage: Encode {
    /// Selector values (as text) and the policy of the set each selects.
    const VARIANTS: &'static [(&'static str, &'static Policy)];

    /// Integer selector values and the policy of the set each selects (`select = 6`).
    const INT_VARIANTS: &'static [(i128, &'static Policy)] = &[];

    /// The type-word flags of the current variant (`NLA_F_NESTED` for attribute sets).
    fn flags(&self) -> u16;

    /// Runs the current variant's checks (see [`AttrSet::check`]).
    ///
    /// # Errors
    /// [`EncodeError::Invalid`] naming the field at fault.
    fn check(&self) -> Result<(), EncodeError>;
}

/// Decoding half of [`SubMessage`].
pub trait SubMessageDecode<'a>: Sized {
    /// Decodes `payload` (at absolute `offset`) in the format `selector` names, or the
    /// catch-all variant when it names none (or is absent).
    ///
    /// # Errors
    /// The variant's [`DecodeError`], or `Invalid` when no variant fits and there is no
    /// catch-all.
    fn decode_selected<S: Selector + ?Sized>(
        selector: Option<&S>,
        payload: &'a [u8],
        offset: usize,
    ) -> Result<Self, DecodeError>;
}

/// A value that can select a sub-message variant: a string (compared with
/// `select = "name"`) or an integer (compared with `select = 5`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot select a sub-message",
    note = "a `submsg` selector field holds a string (`&str`, `String`, `&CStr`, `CString`) or an integer"
)]
pub trait Selector {
    /// Whether the value is the string `name`.
    fn selects_str(&self, name: &str) -> bool {
        let _ = name;
        false
    }
    /// Whether the value is the integer `value`.
    fn selects_int(&self, value: i128) -> bool {
        let _ = value;
        false
    }
}

impl<T: Selector + ?Sized> Selector for &T {
    fn selects_str(&self, name: &str) -> bool {
        (**self).selects_str(name)
    }
    fn selects_int(&self, value: i128) -> bool {
        (**self).selects_int(value)
    }
}

impl Selector for str {
    fn selects_str(&self, name: &str) -> bool {
        self == name
    }
}

impl Selector for CStr {
    fn selects_str(&self, name: &str) -> bool {
        self.to_bytes() == name.as_bytes()
    }
}

#[cfg(feature = "alloc")]
impl Selector for alloc::string::String {
    fn selects_str(&self, name: &str) -> bool {
        self == name
    }
}

#[cfg(feature = "alloc")]
impl Selector for alloc::ffi::CString {
    fn selects_str(&self, name: &str) -> bool {
        self.as_bytes() == name.as_bytes()
    }
}

macro_rules! int_selector {
    ($($t:ty),*) => {$(
        impl Selector for $t {
            fn selects_int(&self, value: i128) -> bool {
                i128::from(*self) == value
            }
        }
    )*};
}
int_selector!(u8, u16, u32, u64, i8, i16, i32, i64);

/// An attribute kept verbatim: its raw type word (flags included) and payload.
pub trait RawAttr {
    /// The type word as received, flags included.
    fn raw_type(&self) -> u16;
    /// The payload.
    fn payload(&self) -> &[u8];
}

impl<T: RawAttr + ?Sized> RawAttr for &T {
    fn raw_type(&self) -> u16 {
        T::raw_type(self)
    }
    fn payload(&self) -> &[u8] {
        T::payload(self)
    }
}

impl RawAttr for Attr<'_> {
    fn raw_type(&self) -> u16 {
        Attr::raw_type(self)
    }
    fn payload(&self) -> &[u8] {
        Attr::payload(self)
    }
}

/// An owned attribute, for `#[nla(unknown)] rest: Vec<OwnedAttr>` in sets that borrow
/// nothing.
#[cfg(feature = "alloc")]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct OwnedAttr {
    /// The type word as received, flags included.
    pub raw_type: u16,
    /// The payload.
    pub payload: Vec<u8>,
}

#[cfg(feature = "alloc")]
impl OwnedAttr {
    /// The attribute type, flag bits removed.
    #[must_use]
    pub fn ty(&self) -> u16 {
        self.raw_type & crate::consts::NLA_TYPE_MASK
    }
}

#[cfg(feature = "alloc")]
impl From<Attr<'_>> for OwnedAttr {
    fn from(a: Attr<'_>) -> Self {
        Self { raw_type: a.raw_type(), payload: a.payload().to_vec() }
    }
}

#[cfg(feature = "alloc")]
impl RawAttr for OwnedAttr {
    fn raw_type(&self) -> u16 {
        self.raw_type
    }
    fn payload(&self) -> &[u8] {
        &self.payload
    }
}

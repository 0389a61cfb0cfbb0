//! Payload codecs: the [`Encode`] and [`Decode`] traits and their implementations for
//! every payload kind that needs no derive.
//!
//! | Rust type | wire form |
//! |---|---|
//! | `u8`..`u64`, `i8`..`i64` | `NLA_U8`..`NLA_S64`, host byte order, exact size |
//! | [`Be<T>`], [`Le<T>`] | big-endian (`NLA_BE16/32`) or little-endian integers |
//! | [`Uint`], [`Sint`] | `NLA_UINT`/`NLA_SINT`: 4 or 8 bytes, smallest on encode |
//! | `&str`, `String`, `&CStr`, `CString` | `NLA_NUL_STRING`/`NLA_STRING`: NUL added on encode |
//! | `&[u8]`, `Vec<u8>`, `[u8; N]` | `NLA_BINARY` |
//! | `()` | `NLA_FLAG` payload (empty) |
//! | [`Fixed<T>`] and the fixed headers | a C struct: shorter zero-extended, longer accepted |
//! | [`Bitfield32`](crate::header::Bitfield32) | `NLA_BITFIELD32`, exactly 8 bytes |
//! | `Ipv4Addr`, `Ipv6Addr`, `IpAddr` | 4 or 16 bytes, network order |
//!
//! `Decode` impls get the payload and its absolute offset; their errors carry no
//! attribute type, which the caller adds with [`DecodeError::within_attr`]
//! ([`Attr::get`] does this).

mod bytes;
mod fixed;
#[cfg(feature = "alloc")]
mod indexed;
mod int;

pub use bytes::string_bytes;
pub use fixed::{decode_fixed, Fixed};
#[cfg(feature = "alloc")]
pub use indexed::Indexed;
pub use int::{Be, Le, Sint, Uint};

use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::iter::Attr;
use crate::policy::AttrKind;
use crate::writer::Writer;

/// A value that can be an attribute payload.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be encoded as a netlink attribute payload",
    note = "use an integer, a string, bytes, a zerocopy struct wrapped in `nlattr::codec::Fixed`, or a type deriving `NlAttrs`"
)]
pub trait Encode {
    /// Type-word flags the attribute carries (`NLA_F_NESTED` for attribute sets).
    const FLAGS: u16 = 0;

    /// The wire kind recorded in policy tables (`NLA_BINARY` unless the type says more).
    const KIND: AttrKind = AttrKind::Binary;

    /// Exact payload length in bytes (no attribute header, no trailing padding).
    fn encoded_len(&self) -> usize;

    /// Appends the payload.
    ///
    /// # Errors
    /// [`EncodeError`] when the writer has no room or the value cannot be represented.
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError>;

    /// Appends `self` as one whole attribute with the type word `raw_type` (header, payload
    /// and padding); [`Writer::attr_raw`] calls it. The provided method writes the header,
    /// then [`encode`](Self::encode)s; fixed-size leaves (integers, addresses) override it to
    /// append the attribute with one copy.
    ///
    /// # Errors
    /// As [`Writer::attr_raw`].
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.attr_general(raw_type, self)
    }
}

/// A value that can be read from an attribute payload.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be decoded from a netlink attribute payload",
    note = "use an integer, a string, bytes, a zerocopy struct wrapped in `nlattr::codec::Fixed`, or a type deriving `NlAttrs`"
)]
pub trait Decode<'a>: Sized {
    /// Decodes `payload`, whose first byte is at absolute offset `offset`.
    ///
    /// # Errors
    /// [`DecodeError`] when the payload is not a valid encoding of `Self`.
    fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError>;
}

/// Decoding into an existing value, reusing what it holds: `#[derive(NlAttrs)]` sets
/// implement it. After `Ok`, `*self` equals what [`Decode::decode`] returns for the same
/// bytes; the `Vec` fields (repeated and unknown attributes, nested arrays) are cleared and
/// refilled, so a value decoded message after message stops allocating once it has seen
/// the largest one, and nothing is moved. After `Err`, `*self` is some valid value (fields
/// of the bytes read so far); decode again before relying on it.
///
/// ```
/// use nlattr::families::route::route::Route;
/// use nlattr::DecodeInPlace;
/// # let bytes = Route::default().to_message_vec(24, 0, 0, 0)?;
/// # use nlattr::AttrSet;
/// let mut route = Route::default();
/// for msg in nlattr::messages(&bytes) {
///     route.decode_message_in_place(&msg?)?;
///     println!("{:?} via {:?}", route.dst, route.gateway);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait DecodeInPlace<'a>: Decode<'a> {
    /// Decodes `payload` (first byte at absolute offset `offset`) into `self`.
    ///
    /// # Errors
    /// As [`Decode::decode`].
    fn decode_in_place(&mut self, payload: &'a [u8], offset: usize) -> Result<(), DecodeError>;

    /// Decodes a whole message's payload (family header and attributes) into `self`.
    ///
    /// # Errors
    /// As [`AttrSet::decode_message`](crate::AttrSet::decode_message).
    #[inline]
    fn decode_message_in_place(&mut self, msg: &crate::Message<'a>) -> Result<(), DecodeError> {
        self.decode_in_place(msg.payload, msg.payload_offset())
    }
}

/// The string's capacity is kept.
#[cfg(feature = "alloc")]
impl DecodeInPlace<'_> for alloc::string::String {
    #[inline]
    fn decode_in_place(&mut self, payload: &[u8], offset: usize) -> Result<(), DecodeError> {
        let s = <&str>::decode(payload, offset)?;
        self.clear();
        self.push_str(s);
        Ok(())
    }
}

/// The vector's capacity is kept.
#[cfg(feature = "alloc")]
impl DecodeInPlace<'_> for alloc::vec::Vec<u8> {
    #[inline]
    fn decode_in_place(&mut self, payload: &[u8], _offset: usize) -> Result<(), DecodeError> {
        self.clear();
        self.extend_from_slice(payload);
        Ok(())
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    const FLAGS: u16 = T::FLAGS;
    const KIND: AttrKind = T::KIND;
    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        (**self).encode(w)
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        (**self).encode_as_attr(raw_type, w)
    }
}

#[cfg(feature = "alloc")]
impl<T: Encode + ?Sized> Encode for alloc::boxed::Box<T> {
    const FLAGS: u16 = T::FLAGS;
    const KIND: AttrKind = T::KIND;
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        (**self).encode(w)
    }
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        (**self).encode_as_attr(raw_type, w)
    }
}

#[cfg(feature = "alloc")]
impl<'a, T: Decode<'a>> Decode<'a> for alloc::boxed::Box<T> {
    fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError> {
        T::decode(payload, offset).map(alloc::boxed::Box::new)
    }
}

/// The empty payload of a flag attribute.
impl Encode for () {
    const KIND: AttrKind = AttrKind::Flag;
    fn encoded_len(&self) -> usize {
        0
    }
    fn encode(&self, _: &mut Writer<'_>) -> Result<(), EncodeError> {
        Ok(())
    }
}

/// The empty payload of a flag attribute: any byte is an error (`NLA_FLAG` must be empty).
impl Decode<'_> for () {
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        if payload.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::new(offset, DecodeErrorKind::FlagWithPayload { found: payload.len() }))
        }
    }
}

impl<'a> Attr<'a> {
    /// Decodes the payload as `T`, attributing any error to this attribute.
    ///
    /// # Errors
    /// `T`'s [`DecodeError`], with this attribute's type and offset.
    #[inline]
    pub fn get<T: Decode<'a>>(&self) -> Result<T, DecodeError> {
        T::decode(self.payload(), self.payload_offset()).map_err(|e| e.within_attr(self.offset(), self.ty()))
    }
}

/// Checks that `payload` is exactly `N` bytes and returns them as an array.
///
/// # Errors
/// [`DecodeErrorKind::BadLength`] otherwise.
#[inline]
pub fn exact<const N: usize>(payload: &[u8], offset: usize) -> Result<[u8; N], DecodeError> {
    <[u8; N]>::try_from(payload).map_err(|_| {
        DecodeError::new(offset, DecodeErrorKind::BadLength { expected: N, found: payload.len() })
    })
}

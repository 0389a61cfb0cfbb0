//! Integers: host order by default, [`Be`] and [`Le`] wrappers, and the variable-width
//! [`Uint`]/[`Sint`].

use super::{exact, Decode, Encode};
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::policy::AttrKind;
use crate::writer::Writer;

macro_rules! native_int {
    ($($t:ty => $kind:expr, $be:expr);*) => {$(
        /// Host byte order, exactly `size_of::<T>()` bytes (`NLA_U*`/`NLA_S*`).
        impl Encode for $t {
            const KIND: AttrKind = $kind;
            #[inline]
            fn encoded_len(&self) -> usize {
                core::mem::size_of::<$t>()
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.put(&self.to_ne_bytes())
            }
            #[inline]
            fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.leaf_attr(raw_type, self.to_ne_bytes(), self)
            }
        }
        impl Decode<'_> for $t {
            #[inline]
            fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
                exact(payload, offset).map(<$t>::from_ne_bytes)
            }
        }
        impl Encode for Be<$t> {
            const KIND: AttrKind = $be;
            #[inline]
            fn encoded_len(&self) -> usize {
                core::mem::size_of::<$t>()
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.put(&self.0.to_be_bytes())
            }
            #[inline]
            fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.leaf_attr(raw_type, self.0.to_be_bytes(), self)
            }
        }
        impl Decode<'_> for Be<$t> {
            #[inline]
            fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
                exact(payload, offset).map(|b| Be(<$t>::from_be_bytes(b)))
            }
        }
        impl Encode for Le<$t> {
            // Integer sizes are at most 8: the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            const KIND: AttrKind = AttrKind::Le(core::mem::size_of::<$t>() as u8);
            #[inline]
            fn encoded_len(&self) -> usize {
                core::mem::size_of::<$t>()
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.put(&self.0.to_le_bytes())
            }
            #[inline]
            fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.leaf_attr(raw_type, self.0.to_le_bytes(), self)
            }
        }
        impl Decode<'_> for Le<$t> {
            #[inline]
            fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
                exact(payload, offset).map(|b| Le(<$t>::from_le_bytes(b)))
            }
        }
        impl From<$t> for Be<$t> {
            fn from(v: $t) -> Self {
                Be(v)
            }
        }
        impl From<$t> for Le<$t> {
            fn from(v: $t) -> Self {
                Le(v)
            }
        }
    )*};
}

/// A big-endian (network order) integer, as `NLA_BE16`/`NLA_BE32` and ports or addresses.
///
/// The value inside is in host order; only the wire form is big-endian. Set
/// `NLA_F_NET_BYTEORDER` on the attribute where the family expects it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Be<T>(pub T);

/// A little-endian integer, whatever the host's byte order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Le<T>(pub T);

native_int!(
    u8 => AttrKind::U8, AttrKind::U8;
    u16 => AttrKind::U16, AttrKind::Be16;
    u32 => AttrKind::U32, AttrKind::Be32;
    u64 => AttrKind::U64, AttrKind::Be64;
    i8 => AttrKind::S8, AttrKind::S8;
    i16 => AttrKind::S16, AttrKind::Be16;
    i32 => AttrKind::S32, AttrKind::Be32;
    i64 => AttrKind::S64, AttrKind::Be64
);

/// `NLA_UINT`: an unsigned integer of 4 or 8 bytes; encoding uses 4 when the value fits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uint(pub u64);

/// `NLA_SINT`: a signed integer of 4 or 8 bytes; encoding uses 4 when the value fits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sint(pub i64);

impl Encode for Uint {
    const KIND: AttrKind = AttrKind::Uint;
    #[inline]
    fn encoded_len(&self) -> usize {
        if u32::try_from(self.0).is_ok() {
            4
        } else {
            8
        }
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match u32::try_from(self.0) {
            Ok(v) => w.put(&v.to_ne_bytes()),
            Err(_) => w.put(&self.0.to_ne_bytes()),
        }
    }
}

impl Decode<'_> for Uint {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        match payload.len() {
            4 => exact::<4>(payload, offset).map(|b| Uint(u64::from(u32::from_ne_bytes(b)))),
            8 => exact::<8>(payload, offset).map(|b| Uint(u64::from_ne_bytes(b))),
            n => Err(DecodeError::new(offset, DecodeErrorKind::Invalid(uint_len_message(n)))),
        }
    }
}

impl Encode for Sint {
    const KIND: AttrKind = AttrKind::Sint;
    #[inline]
    fn encoded_len(&self) -> usize {
        if i32::try_from(self.0).is_ok() {
            4
        } else {
            8
        }
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match i32::try_from(self.0) {
            Ok(v) => w.put(&v.to_ne_bytes()),
            Err(_) => w.put(&self.0.to_ne_bytes()),
        }
    }
}

impl Decode<'_> for Sint {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        match payload.len() {
            4 => exact::<4>(payload, offset).map(|b| Sint(i64::from(i32::from_ne_bytes(b)))),
            8 => exact::<8>(payload, offset).map(|b| Sint(i64::from_ne_bytes(b))),
            n => Err(DecodeError::new(offset, DecodeErrorKind::Invalid(uint_len_message(n)))),
        }
    }
}

fn uint_len_message(_found: usize) -> &'static str {
    "expected 4 or 8 bytes for a variable-width integer"
}

impl From<u64> for Uint {
    fn from(v: u64) -> Self {
        Uint(v)
    }
}

impl From<i64> for Sint {
    fn from(v: i64) -> Self {
        Sint(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encodes into a fixed buffer (these tests also run without `alloc`).
    fn enc<T: Encode>(v: &T) -> ([u8; 16], usize) {
        let mut out = [0u8; 16];
        let mut w = Writer::from_slice(&mut out);
        let r = v.encode(&mut w);
        assert_eq!(r, Ok(()));
        let len = w.len();
        assert_eq!(len, v.encoded_len());
        (out, len)
    }

    fn enc_eq<T: Encode>(v: &T, expected: &[u8]) {
        let (out, len) = enc(v);
        assert_eq!(&out[..len], expected);
    }

    #[test]
    fn uint_uses_the_smallest_form() {
        enc_eq(&Uint(5), &5u32.to_ne_bytes());
        enc_eq(&Uint(1 << 40), &(1u64 << 40).to_ne_bytes());
        enc_eq(&Sint(-1), &(-1i32).to_ne_bytes());
        enc_eq(&Sint(i64::MIN), &i64::MIN.to_ne_bytes());
        assert_eq!(
            Uint::decode(&[1, 0, 0, 0, 0, 0, 0, 0], 0).map(|u| u.0),
            Ok(u64::from_ne_bytes([1, 0, 0, 0, 0, 0, 0, 0]))
        );
        assert!(Uint::decode(&[1, 0], 0).is_err());
        assert!(Sint::decode(&[1, 0, 0, 0, 0, 0], 0).is_err());
    }

    #[test]
    fn byte_orders() {
        enc_eq(&Be(0x1234u16), &[0x12, 0x34]);
        enc_eq(&Le(0x1234u16), &[0x34, 0x12]);
        assert_eq!(Be::<u32>::decode(&[0, 0, 1, 0], 0), Ok(Be(256)));
        assert_eq!(
            u16::decode(&[1, 2, 3], 9),
            Err(DecodeError::new(9, DecodeErrorKind::BadLength { expected: 2, found: 3 }))
        );
    }
}

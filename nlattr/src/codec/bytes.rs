//! Strings, binary payloads and IP addresses.

use core::ffi::CStr;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[cfg(feature = "alloc")]
use alloc::{ffi::CString, string::String, vec::Vec};

use super::{exact, Decode, Encode};
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::policy::AttrKind;
use crate::writer::Writer;

/// Splits a string payload at its terminating NUL.
///
/// Accepts a payload with or without a NUL; NUL padding after the terminator is allowed,
/// any other byte after a NUL is [`DecodeErrorKind::InteriorNul`].
///
/// # Errors
/// [`DecodeErrorKind::InteriorNul`].
#[inline]
pub fn string_bytes(payload: &[u8], offset: usize) -> Result<&[u8], DecodeError> {
    // The usual payload, a string and its NUL, tested word-wide rather than byte by byte.
    if let Some((&0, s)) = payload.split_last() {
        if !crate::writer::contains_nul(s) {
            return Ok(s);
        }
    }
    string_bytes_general(payload, offset)
}

/// [`string_bytes`] for any payload: the first NUL found, then only NULs after it.
#[inline(never)]
fn string_bytes_general(payload: &[u8], offset: usize) -> Result<&[u8], DecodeError> {
    match payload.iter().position(|&b| b == 0) {
        None => Ok(payload),
        Some(nul) => {
            if payload[nul..].iter().all(|&b| b == 0) {
                Ok(&payload[..nul])
            } else {
                Err(DecodeError::new(offset, DecodeErrorKind::InteriorNul { at: nul }))
            }
        }
    }
}

fn check_no_nul(bytes: &[u8]) -> Result<(), EncodeError> {
    match bytes.iter().position(|&b| b == 0) {
        None => Ok(()),
        Some(at) => Err(EncodeError::invalid(0, DecodeErrorKind::InteriorNul { at })),
    }
}

/// NUL added; a string holding a NUL is refused (the kernel would cut it there).
impl Encode for str {
    const KIND: AttrKind = AttrKind::String;
    #[inline]
    fn encoded_len(&self) -> usize {
        self.len() + 1
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        check_no_nul(self.as_bytes())?;
        w.put(self.as_bytes())?;
        w.put(&[0])
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.payload_attr(raw_type, self.as_bytes(), true, self)
    }
}

/// With or without the NUL; UTF-8 required.
impl<'a> Decode<'a> for &'a str {
    #[inline(always)]
    fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError> {
        let bytes = string_bytes(payload, offset)?;
        core::str::from_utf8(bytes).map_err(|e| {
            DecodeError::new(offset, DecodeErrorKind::InvalidUtf8 { valid_up_to: e.valid_up_to() })
        })
    }
}

impl Encode for CStr {
    const KIND: AttrKind = AttrKind::NulString;
    fn encoded_len(&self) -> usize {
        self.to_bytes_with_nul().len()
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self.to_bytes_with_nul())
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.payload_attr(raw_type, self.to_bytes_with_nul(), false, self)
    }
}

/// Borrowing needs the NUL on the wire: a payload without one is
/// [`DecodeErrorKind::MissingNul`] (decode to `CString` or `&str` to accept it).
impl<'a> Decode<'a> for &'a CStr {
    fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError> {
        let bytes = string_bytes(payload, offset)?;
        payload
            .get(..=bytes.len())
            .and_then(|with_nul| CStr::from_bytes_with_nul(with_nul).ok())
            .ok_or(DecodeError::new(offset, DecodeErrorKind::MissingNul))
    }
}

#[cfg(feature = "alloc")]
impl Encode for String {
    const KIND: AttrKind = AttrKind::String;
    #[inline]
    fn encoded_len(&self) -> usize {
        self.as_str().encoded_len()
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.as_str().encode(w)
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.as_str().encode_as_attr(raw_type, w)
    }
}

#[cfg(feature = "alloc")]
impl Decode<'_> for String {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        <&str>::decode(payload, offset).map(String::from)
    }
}

#[cfg(feature = "alloc")]
impl Encode for CString {
    const KIND: AttrKind = AttrKind::NulString;
    fn encoded_len(&self) -> usize {
        self.as_c_str().encoded_len()
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.as_c_str().encode(w)
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.as_c_str().encode_as_attr(raw_type, w)
    }
}

#[cfg(feature = "alloc")]
impl Decode<'_> for CString {
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        let bytes = string_bytes(payload, offset)?;
        CString::new(bytes).map_err(|_| DecodeError::new(offset, DecodeErrorKind::InteriorNul { at: 0 }))
    }
}

impl Encode for [u8] {
    #[inline]
    fn encoded_len(&self) -> usize {
        self.len()
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self)
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.payload_attr(raw_type, self, false, self)
    }
}

impl<'a> Decode<'a> for &'a [u8] {
    #[inline]
    fn decode(payload: &'a [u8], _offset: usize) -> Result<Self, DecodeError> {
        Ok(payload)
    }
}

#[cfg(feature = "alloc")]
impl Encode for Vec<u8> {
    #[inline]
    fn encoded_len(&self) -> usize {
        self.len()
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self)
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.payload_attr(raw_type, self.as_slice(), false, self)
    }
}

#[cfg(feature = "alloc")]
impl Decode<'_> for Vec<u8> {
    #[inline]
    fn decode(payload: &[u8], _offset: usize) -> Result<Self, DecodeError> {
        Ok(payload.to_vec())
    }
}

/// Exactly `N` bytes.
impl<const N: usize> Encode for [u8; N] {
    #[inline]
    fn encoded_len(&self) -> usize {
        N
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self)
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.payload_attr(raw_type, self.as_slice(), false, self)
    }
}

impl<const N: usize> Decode<'_> for [u8; N] {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        exact(payload, offset)
    }
}

/// 4 bytes, network order.
impl Encode for Ipv4Addr {
    #[inline]
    fn encoded_len(&self) -> usize {
        4
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&self.octets())
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.leaf_attr(raw_type, self.octets(), self)
    }
}

impl Decode<'_> for Ipv4Addr {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        exact::<4>(payload, offset).map(Ipv4Addr::from)
    }
}

/// 16 bytes, network order.
impl Encode for Ipv6Addr {
    #[inline]
    fn encoded_len(&self) -> usize {
        16
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&self.octets())
    }
    #[inline]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.leaf_attr(raw_type, self.octets(), self)
    }
}

impl Decode<'_> for Ipv6Addr {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        exact::<16>(payload, offset).map(Ipv6Addr::from)
    }
}

/// 4 bytes for IPv4, 16 for IPv6.
impl Encode for IpAddr {
    fn encoded_len(&self) -> usize {
        match self {
            IpAddr::V4(_) => 4,
            IpAddr::V6(_) => 16,
        }
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match self {
            IpAddr::V4(a) => a.encode(w),
            IpAddr::V6(a) => a.encode(w),
        }
    }
    #[inline(always)]
    fn encode_as_attr(&self, raw_type: u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        // One outcome for both versions, so that the caller tests a flag rather than a
        // `Result` merged from two paths.
        let written = match self {
            IpAddr::V4(a) => w.try_leaf(raw_type, a.octets()),
            IpAddr::V6(a) => w.try_leaf(raw_type, a.octets()),
        };
        if written {
            Ok(())
        } else {
            w.attr_slow(raw_type, self)
        }
    }
}

/// The length picks the version: 4 or 16 bytes.
impl Decode<'_> for IpAddr {
    #[inline]
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        match payload.len() {
            4 => Ipv4Addr::decode(payload, offset).map(IpAddr::V4),
            16 => Ipv6Addr::decode(payload, offset).map(IpAddr::V6),
            _ => Err(DecodeError::new(
                offset,
                DecodeErrorKind::Invalid("expected 4 or 16 bytes for an IP address"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_with_and_without_nul() {
        assert_eq!(<&str>::decode(b"eth0\0", 0), Ok("eth0"));
        assert_eq!(<&str>::decode(b"eth0", 0), Ok("eth0"));
        assert_eq!(<&str>::decode(b"eth0\0\0\0", 0), Ok("eth0"));
        assert_eq!(
            <&str>::decode(b"et\0h0", 7),
            Err(DecodeError::new(7, DecodeErrorKind::InteriorNul { at: 2 }))
        );
        assert_eq!(
            <&str>::decode(b"\xffab", 0),
            Err(DecodeError::new(0, DecodeErrorKind::InvalidUtf8 { valid_up_to: 0 }))
        );
        assert_eq!(<&CStr>::decode(b"lo\0", 0).map(CStr::to_bytes), Ok(&b"lo"[..]));
        assert_eq!(<&CStr>::decode(b"lo", 0), Err(DecodeError::new(0, DecodeErrorKind::MissingNul)));
    }

    proptest::proptest! {
        /// The word-wide test of the usual payload splits every payload as the general
        /// byte walk does: short and long, NULs anywhere (interior, trailing, repeated).
        #[test]
        fn string_split_agrees_with_the_byte_walk(
            mut bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            nuls in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..3),
            end_nul: bool,
        ) {
            for i in nuls {
                if !bytes.is_empty() {
                    let at = i.index(bytes.len());
                    bytes[at] = 0;
                }
            }
            if end_nul {
                bytes.push(0);
            }
            proptest::prop_assert_eq!(string_bytes(&bytes, 3), string_bytes_general(&bytes, 3));
        }
    }

    #[test]
    fn string_with_nul_is_refused_on_encode() {
        let mut buf = [0u8; 16];
        let mut w = Writer::from_slice(&mut buf);
        assert!(matches!(
            "a\0b".encode(&mut w),
            Err(EncodeError::Invalid { kind: DecodeErrorKind::InteriorNul { at: 1 }, .. })
        ));
    }
}

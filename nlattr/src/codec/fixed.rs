//! Fixed C structs inside attributes.

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use super::{exact, Decode, DecodeInPlace, Encode};
use crate::error::{DecodeError, EncodeError};
use crate::header::{
    Bitfield32, GenlMsgHdr, IfAddrMsg, IfInfoMsg, NdMsg, NlMsgErr, NlMsgHdr, RtMsg, RtnlLinkStats64,
};
use crate::policy::AttrKind;
use crate::writer::Writer;

/// Reads a C struct from `payload` the way the kernel's structs evolve: a shorter payload
/// (an older kernel's struct) is zero-extended, a longer one (a newer kernel's) is accepted
/// and its tail ignored. Never fails; the `Result` keeps the decoder signature.
///
/// # Errors
/// None today.
#[inline]
pub fn decode_fixed<T: FromBytes + IntoBytes + KnownLayout + Immutable>(
    payload: &[u8],
    _offset: usize,
) -> Result<T, DecodeError> {
    if let Ok((v, _)) = T::read_from_prefix(payload) {
        return Ok(v);
    }
    let mut v = T::new_zeroed();
    fill_fixed(&mut v, payload);
    Ok(v)
}

/// [`decode_fixed`] over a value already there: the payload's bytes copied straight into
/// `slot` (its tail zeroed when the payload is shorter), with no value built apart and
/// moved in.
#[inline]
pub(crate) fn fill_fixed<T: FromBytes + IntoBytes>(slot: &mut T, payload: &[u8]) {
    let dst = slot.as_mut_bytes();
    let n = payload.len().min(dst.len());
    let (head, tail) = dst.split_at_mut(n);
    head.copy_from_slice(&payload[..n]);
    if !tail.is_empty() {
        tail.fill(0);
    }
}

/// Any `zerocopy` struct as an attribute payload, with [`decode_fixed`]'s growth rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Fixed<T>(pub T);

impl<T: IntoBytes + Immutable> Encode for Fixed<T> {
    const KIND: AttrKind = AttrKind::Struct(core::mem::size_of::<T>());
    fn encoded_len(&self) -> usize {
        core::mem::size_of_val(&self.0)
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self.0.as_bytes())
    }
}

impl<T: FromBytes + IntoBytes + KnownLayout + Immutable> Decode<'_> for Fixed<T> {
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        decode_fixed(payload, offset).map(Fixed)
    }
}

impl<T: FromBytes + IntoBytes + KnownLayout + Immutable> DecodeInPlace<'_> for Fixed<T> {
    #[inline]
    fn decode_in_place(&mut self, payload: &[u8], _offset: usize) -> Result<(), DecodeError> {
        fill_fixed(&mut self.0, payload);
        Ok(())
    }
}

macro_rules! fixed_struct {
    ($($t:ty),*) => {$(
        /// A fixed struct: shorter payloads zero-extended, longer ones accepted.
        impl Encode for $t {
            const KIND: AttrKind = AttrKind::Struct(core::mem::size_of::<$t>());
            #[inline]
            fn encoded_len(&self) -> usize {
                core::mem::size_of::<$t>()
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.put(self.as_bytes())
            }
        }
        impl Decode<'_> for $t {
            #[inline]
            fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
                decode_fixed(payload, offset)
            }
        }
        impl DecodeInPlace<'_> for $t {
            #[inline]
            fn decode_in_place(&mut self, payload: &[u8], _offset: usize) -> Result<(), DecodeError> {
                fill_fixed(self, payload);
                Ok(())
            }
        }
    )*};
}

fixed_struct!(NlMsgHdr, GenlMsgHdr, NlMsgErr, IfInfoMsg, IfAddrMsg, RtMsg, NdMsg, RtnlLinkStats64);

/// `NLA_BITFIELD32`: exactly 8 bytes.
impl Encode for Bitfield32 {
    const KIND: AttrKind = AttrKind::Bitfield32;
    fn encoded_len(&self) -> usize {
        8
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self.as_bytes())
    }
}

impl Decode<'_> for Bitfield32 {
    fn decode(payload: &[u8], offset: usize) -> Result<Self, DecodeError> {
        let b = exact::<8>(payload, offset)?;
        Ok(Bitfield32 {
            value: u32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
            selector: u32::from_ne_bytes([b[4], b[5], b[6], b[7]]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_in_place_overwrites_every_byte() {
        let stats = |fill: u8| RtnlLinkStats64::read_from_bytes(&[fill; 200][..]).unwrap();
        let bytes: [u8; 208] = core::array::from_fn(|i| i as u8);
        for len in [0, 7, 8, 100, 200, 208] {
            let mut v = stats(0xaa);
            v.decode_in_place(&bytes[..len], 0).unwrap();
            assert_eq!(v, decode_fixed::<RtnlLinkStats64>(&bytes[..len], 0).unwrap(), "{len} bytes");
            let mut f = Fixed(stats(0x55));
            f.decode_in_place(&bytes[..len], 0).unwrap();
            assert_eq!(f, Fixed::decode(&bytes[..len], 0).unwrap(), "{len} bytes");
        }
    }

    #[test]
    fn shorter_struct_is_zero_extended_longer_accepted() {
        let short = [1u8, 0, 0, 0, 0, 0, 0, 0, 2];
        let s: RtnlLinkStats64 = decode_fixed(&short, 0).unwrap_or_default();
        assert_eq!((s.rx_packets, s.tx_packets, s.rx_otherhost_dropped), (1, 2, 0));
        let mut long = [0u8; 216];
        long[192] = 9;
        long[200] = 7;
        let s: RtnlLinkStats64 = decode_fixed(&long, 0).unwrap_or_default();
        assert_eq!(s.rx_otherhost_dropped, 9);
    }

    #[test]
    fn bitfield32_is_exactly_eight_bytes() {
        assert!(Bitfield32::decode(&[0; 7], 0).is_err());
        assert_eq!(
            Bitfield32::decode(&[1, 0, 0, 0, 3, 0, 0, 0], 0).map(|b| (b.value, b.selector)),
            Ok((1, 3))
        );
    }
}

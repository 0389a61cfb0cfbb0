//! `Writer::attr_raw` writes a leaf attribute's header with its final length up front;
//! these pin the behaviour that path must keep.

use nlattr::{Encode, EncodeError, Writer};

/// A value whose `encoded_len` is wrong (says 2, writes 6).
struct Liar;

impl Encode for Liar {
    fn encoded_len(&self) -> usize {
        2
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&[1, 2, 3, 4, 5, 6])
    }
}

#[test]
fn leaf_attribute_bytes() {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.attr(3, &0x0102_0304u32).unwrap();
    w.attr(4, &7u8).unwrap();
    w.attr(5, "eth0").unwrap();
    let mut want = Vec::new();
    want.extend_from_slice(&8u16.to_ne_bytes());
    want.extend_from_slice(&3u16.to_ne_bytes());
    want.extend_from_slice(&0x0102_0304u32.to_ne_bytes());
    want.extend_from_slice(&5u16.to_ne_bytes());
    want.extend_from_slice(&4u16.to_ne_bytes());
    want.extend_from_slice(&[7, 0, 0, 0]);
    want.extend_from_slice(&9u16.to_ne_bytes());
    want.extend_from_slice(&5u16.to_ne_bytes());
    want.extend_from_slice(b"eth0\0\0\0\0");
    assert_eq!(buf, want);
}

#[test]
fn a_wrong_encoded_len_is_corrected_from_what_was_written() {
    let mut buf = Vec::new();
    Writer::new(&mut buf).attr(9, &Liar).unwrap();
    assert_eq!(buf, [10, 0, 9, 0, 1, 2, 3, 4, 5, 6, 0, 0]);
}

#[test]
fn too_long_leaf_is_refused_and_nothing_is_written() {
    let mut buf = vec![0xaa];
    let big = vec![0u8; 65_532];
    let err = Writer::new(&mut buf).attr(1, big.as_slice()).unwrap_err();
    assert!(matches!(err, EncodeError::AttributeTooLong { attr_type: 1, len: 65_536 }), "{err:?}");
    assert_eq!(buf, [0xaa]);
}

#[test]
fn leaf_into_a_full_fixed_buffer_is_refused_and_rolled_back() {
    let mut raw = [0u8; 10];
    let mut w = Writer::from_slice(&mut raw);
    w.attr(1, &1u32).unwrap();
    assert!(matches!(w.attr(2, &2u32), Err(EncodeError::BufferTooSmall { .. })));
    assert_eq!(w.len(), 8);
}

/// The same payload through `Encode::encode` only (the provided `encode_as_attr`).
struct Plain<T>(T);

impl<T: Encode> Encode for Plain<T> {
    fn encoded_len(&self) -> usize {
        self.0.encoded_len()
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.0.encode(w)
    }
}

/// Bytes (or the error) of `put` then one attribute, into a `Vec` and into a fixed buffer
/// of `cap` bytes.
fn write_leaf<T: Encode>(lead: &[u8], value: &T, cap: usize) -> [Result<Vec<u8>, EncodeError>; 2] {
    let mut v = Vec::new();
    let mut w = Writer::new(&mut v);
    w.put(lead).unwrap();
    let a = w.attr(9, value).map(|()| w.as_bytes().to_vec());
    let mut fixed = vec![0xAAu8; cap];
    let mut w = Writer::from_slice(&mut fixed);
    let b = w.put(lead).and_then(|()| w.attr(9, value)).map(|()| w.as_bytes().to_vec());
    [a, b]
}

/// The one-copy path of fixed-size leaves gives the bytes and errors of the general path,
/// also at unaligned positions and into fixed buffers too small for the whole attribute.
#[test]
fn fixed_size_leaves_write_what_the_general_path_writes() {
    use nlattr::codec::{Be, Le};
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    for lead in [&[][..], &[1][..], &[1, 2][..], &[1, 2, 3][..], &[1, 2, 3, 4][..]] {
        for cap in 0..32 {
            assert_eq!(write_leaf(lead, &7u8, cap), write_leaf(lead, &Plain(7u8), cap));
            assert_eq!(write_leaf(lead, &-2i16, cap), write_leaf(lead, &Plain(-2i16), cap));
            assert_eq!(write_leaf(lead, &0xdead_beefu32, cap), write_leaf(lead, &Plain(0xdead_beefu32), cap));
            assert_eq!(write_leaf(lead, &u64::MAX, cap), write_leaf(lead, &Plain(u64::MAX), cap));
            assert_eq!(write_leaf(lead, &Be(0x1234u16), cap), write_leaf(lead, &Plain(Be(0x1234u16)), cap));
            assert_eq!(write_leaf(lead, &Le(5u32), cap), write_leaf(lead, &Plain(Le(5u32)), cap));
            let v4 = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
            let v6 = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
            assert_eq!(write_leaf(lead, &v4, cap), write_leaf(lead, &Plain(v4), cap));
            assert_eq!(write_leaf(lead, &v6, cap), write_leaf(lead, &Plain(v6), cap));
        }
    }
    let [a, _] = write_leaf(&[], &0x0102_0304u32, 64);
    let mut want = 8u16.to_ne_bytes().to_vec();
    want.extend_from_slice(&9u16.to_ne_bytes());
    want.extend_from_slice(&0x0102_0304u32.to_ne_bytes());
    assert_eq!(a, Ok(want));
}

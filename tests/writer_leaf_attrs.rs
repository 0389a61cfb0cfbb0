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

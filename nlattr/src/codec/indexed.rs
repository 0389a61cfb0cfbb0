//! Indexed arrays of nests (`NLA_NESTED_ARRAY` contents) as a payload type.

use alloc::vec::Vec;

use super::{Decode, Encode};
use crate::consts::NLA_F_NESTED;
use crate::error::{DecodeError, EncodeError};
use crate::iter::Attrs;
use crate::writer::{attr_size, Writer};

/// The payload of a nest whose attributes are all of one kind and whose types are indices
/// (or keys such as policy numbers and attribute types), kept in order with their index.
///
/// This is what a `nested_array(keep_index)` field holds, as a type of its own so that an
/// array can itself be the element of another array: `CTRL_ATTR_POLICY` is a nest of policy
/// indices, each a nest of attribute types, each a set of `NL_POLICY_TYPE_ATTR_*`, which is
/// `Indexed<Indexed<PolicyInfo>>`. Entries are written with `NLA_F_NESTED` when `T` is an
/// attribute set (`T::FLAGS`), and the whole payload is flagged as nested.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Indexed<T>(pub Vec<(u16, T)>);

impl<T> Indexed<T> {
    /// The entry with index `index`, if present (the last one when repeated).
    #[must_use]
    pub fn get(&self, index: u16) -> Option<&T> {
        self.0.iter().rev().find(|(i, _)| *i == index).map(|(_, v)| v)
    }

    /// The entries in wire order.
    pub fn iter(&self) -> impl Iterator<Item = &(u16, T)> {
        self.0.iter()
    }
}

impl<T: Encode> Encode for Indexed<T> {
    const FLAGS: u16 = NLA_F_NESTED;

    fn encoded_len(&self) -> usize {
        self.0.iter().map(|(_, v)| attr_size(v.encoded_len())).sum()
    }

    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        for (pos, (index, value)) in self.0.iter().enumerate() {
            w.attr(*index, value).map_err(|e| e.at_index(u32::try_from(pos).unwrap_or(u32::MAX)))?;
        }
        Ok(())
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Indexed<T> {
    fn decode(payload: &'a [u8], offset: usize) -> Result<Self, DecodeError> {
        let mut out = Vec::new();
        for attr in Attrs::new(payload, offset) {
            let attr = attr?;
            let value = attr.get::<T>().map_err(|e| e.at_index(u32::from(attr.ty())))?;
            out.push((attr.ty(), value));
        }
        Ok(Indexed(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_indices_and_flags() {
        let v = Indexed(alloc::vec![(3u16, Indexed(alloc::vec![(1u16, 7u32)])), (0, Indexed(Vec::new()))]);
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf);
        w.attr(8, &v).unwrap();
        assert_eq!(
            buf,
            [
                20, 0, 8, 0x80, // CTRL_ATTR_POLICY-like outer nest
                12, 0, 3, 0x80, // index 3, nested
                8, 0, 1, 0, 7, 0, 0, 0, // index 1: u32 7 (u32 has no flags)
                4, 0, 0, 0x80, // index 0, empty nest
            ]
        );
        assert_eq!(v.encoded_len(), 16);
        let back = Indexed::<Indexed<u32>>::decode(&buf[4..], 4).unwrap();
        assert_eq!(back, v);
        assert_eq!(back.get(3).and_then(|i| i.get(1)), Some(&7));
    }

    #[test]
    fn errors_name_the_index() {
        // Index 5 holds a 2-byte payload where a u32 is expected.
        let buf = [6u8, 0, 5, 0, 1, 2, 0, 0];
        let e = Indexed::<u32>::decode(&buf, 100).unwrap_err();
        assert_eq!(e.offset, 100);
        assert_eq!(e.path.segments().collect::<Vec<_>>(), [crate::Segment::Index(5)]);
    }
}

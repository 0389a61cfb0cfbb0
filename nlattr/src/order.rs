//! [`AttrOrder`]: the order in which a decoded attribute set's attributes arrived, so that
//! re-encoding it gives the original bytes.
//!
//! The derive writes attributes in field order. The kernel does not always: it writes
//! `IFA_FLAGS` before `IFA_CACHEINFO` for an IPv4 address and after it for an IPv6 one, and
//! user-space tools pick their own order. A field `#[nla(order)] order: AttrOrder` records
//! the order on decode and the encoder follows it (see
//! [`attributes`](crate::attributes#order)).

use core::fmt;
use core::hash::{Hash, Hasher};

use crate::consts::NLA_TYPE_MASK;

/// The attribute types of a decoded set in arrival order (each claimed type once, at its
/// first occurrence; one [`UNKNOWN`](Self::UNKNOWN) entry per attribute kept by the
/// `unknown` field), held inline: no allocation, at most [`CAPACITY`](Self::CAPACITY)
/// entries. Beyond that the order is marked [`overflowed`](Self::overflowed) and the
/// encoder falls back to field order.
///
/// The [`Default`] is empty, meaning field order: a value built by hand encodes its fields
/// in the order the struct declares them.
///
/// # Equality
/// The order is not part of the value: every `AttrOrder` equals every other (and hashes
/// alike), so a decoded set compares equal to the same set built by hand or decoded from
/// attributes in another order. Compare [`types`](Self::types) to compare orders.
///
/// ```
/// use nlattr::AttrOrder;
///
/// let mut o = AttrOrder::new();
/// o.record(8);
/// o.record(6);
/// o.record(8); // a type is recorded once
/// o.record_unknown();
/// assert_eq!(o.types(), [8, 6, AttrOrder::UNKNOWN]);
/// assert_eq!(o, AttrOrder::default()); // the order is not part of the value
/// ```
#[derive(Clone, Copy)]
pub struct AttrOrder {
    types: [u16; AttrOrder::CAPACITY],
    len: u8,
    overflowed: bool,
}

impl AttrOrder {
    /// How many entries fit.
    pub const CAPACITY: usize = 48;

    /// The entry standing for one attribute of the `unknown` field: the next one not yet
    /// written. Not an attribute type (those fit in 14 bits).
    pub const UNKNOWN: u16 = 0xffff;

    /// An empty order: field order.
    #[must_use]
    pub const fn new() -> Self {
        AttrOrder { types: [0; Self::CAPACITY], len: 0, overflowed: false }
    }

    /// Builds an order from entries, as [`record`](Self::record) and
    /// [`record_unknown`](Self::record_unknown) would for each in turn.
    #[must_use]
    pub fn from_types(types: &[u16]) -> Self {
        let mut o = Self::new();
        for &t in types {
            if t == Self::UNKNOWN {
                o.record_unknown();
            } else {
                o.record(t);
            }
        }
        o
    }

    /// Records attribute type `ty` (its flag bits dropped) unless already recorded.
    pub fn record(&mut self, ty: u16) {
        let ty = ty & NLA_TYPE_MASK;
        if !self.types().contains(&ty) {
            self.push(ty);
        }
    }

    /// Records one attribute kept by the `unknown` field.
    pub fn record_unknown(&mut self) {
        self.push(Self::UNKNOWN);
    }

    fn push(&mut self, entry: u16) {
        let len = usize::from(self.len);
        match self.types.get_mut(len) {
            Some(slot) if !self.overflowed => {
                *slot = entry;
                self.len = self.len.saturating_add(1);
            }
            _ => self.overflowed = true,
        }
    }

    /// The entries recorded, in order (possibly cut short: see
    /// [`overflowed`](Self::overflowed)).
    #[must_use]
    pub fn types(&self) -> &[u16] {
        self.types.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// The entries the encoder follows: [`types`](Self::types), or none once overflowed
    /// (a partial order would be no more faithful than field order).
    #[must_use]
    pub fn to_follow(&self) -> &[u16] {
        if self.overflowed {
            &[]
        } else {
            self.types()
        }
    }

    /// How many entries are recorded.
    #[must_use]
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether nothing is recorded (field order).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether more than [`CAPACITY`](Self::CAPACITY) entries were recorded: the encoder
    /// then uses field order.
    #[must_use]
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// Forgets the order: the set encodes in field order again.
    pub fn clear(&mut self) {
        *self = Self::new();
    }
}

impl Default for AttrOrder {
    fn default() -> Self {
        Self::new()
    }
}

/// Every order is equal to every other: see [Equality](AttrOrder#equality).
impl PartialEq for AttrOrder {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Eq for AttrOrder {}

/// Hashes nothing, consistent with equality.
impl Hash for AttrOrder {
    fn hash<H: Hasher>(&self, _state: &mut H) {}
}

impl fmt::Debug for AttrOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = f.debug_tuple("AttrOrder");
        t.field(&self.types());
        if self.overflowed {
            t.field(&"overflowed");
        }
        t.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::AttrOrder;

    #[test]
    fn records_each_type_once_and_every_unknown() {
        let mut o = AttrOrder::new();
        for t in [3, 1 | crate::consts::NLA_F_NESTED, 3, 1] {
            o.record(t);
        }
        o.record_unknown();
        o.record_unknown();
        assert_eq!(o.types(), [3, 1, AttrOrder::UNKNOWN, AttrOrder::UNKNOWN]);
        assert_eq!(o.to_follow(), o.types());
        assert!(!o.overflowed());
    }

    #[test]
    fn overflow_falls_back_to_field_order() {
        let mut o = AttrOrder::new();
        for t in 0..48 {
            o.record(t);
        }
        assert_eq!((o.len(), o.overflowed()), (48, false));
        o.record(47); // already there: no overflow
        assert!(!o.overflowed());
        o.record(48);
        assert!(o.overflowed());
        assert_eq!(o.len(), 48);
        assert!(o.to_follow().is_empty());
        o.clear();
        assert!(o.is_empty() && !o.overflowed());
    }

    #[test]
    fn from_types_and_equality() {
        let o = AttrOrder::from_types(&[2, 1, AttrOrder::UNKNOWN, 2]);
        assert_eq!(o.types(), [2, 1, AttrOrder::UNKNOWN]);
        assert_eq!(o, AttrOrder::new());
        extern crate std;
        assert_eq!(std::format!("{o:?}"), "AttrOrder([2, 1, 65535])");
    }
}

//! `#[nla(order)]`: a decoded set re-encodes its attributes in the order they came, kept
//! unknown attributes at their original places; an empty order (the default, a value built
//! by hand) gives field order.

use nlattr::consts::NLA_F_NESTED;
use nlattr::header::IfAddrMsg;
use nlattr::policy::HasPolicy;
use proptest::prelude::*;

use nlattr::{Attr, AttrOrder, AttrSet, Decode, Encode, NlAttrs, OwnedAttr, Writer};

/// An attribute: header, payload, zero padding.
fn a(ty: u16, payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&u16::try_from(4 + payload.len()).unwrap().to_ne_bytes());
    v.extend_from_slice(&ty.to_ne_bytes());
    v.extend_from_slice(payload);
    while v.len() % 4 != 0 {
        v.push(0);
    }
    v
}

fn enc<T: Encode>(v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    v.encode(&mut Writer::new(&mut out)).unwrap();
    assert_eq!(out.len(), v.encoded_len(), "encoded_len is exact");
    out
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
struct Inner {
    #[nla(type = 1)]
    x: Option<u32>,
    #[nla(type = 2)]
    y: Option<u32>,
    #[nla(order)]
    order: AttrOrder,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Set<'a> {
    #[nla(header)]
    hdr: IfAddrMsg,
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2)]
    name: Option<&'a str>,
    #[nla(type = 3, flag)]
    up: bool,
    #[nla(type = 4, multi)]
    alt: Vec<u16>,
    #[nla(type = 5, nested)]
    inner: Option<Inner>,
    #[nla(type = 6, nested_array)]
    list: Vec<Inner>,
    #[nla(skip)]
    cache: u32,
    #[nla(unknown)]
    rest: Vec<Attr<'a>>,
    #[nla(order)]
    order: AttrOrder,
}

const HDR: [u8; 8] = [2, 24, 0, 0, 7, 0, 0, 0];

fn hdr() -> IfAddrMsg {
    IfAddrMsg::decode(&HDR, 0).unwrap()
}

fn inner(x: u32, y: u32) -> Vec<u8> {
    [a(1, &x.to_ne_bytes()), a(2, &y.to_ne_bytes())].concat()
}

fn inner_rev(x: u32, y: u32) -> Vec<u8> {
    [a(2, &y.to_ne_bytes()), a(1, &x.to_ne_bytes())].concat()
}

/// Every attribute of `Set` once (the multi one twice), in field order.
fn field_order() -> Vec<u8> {
    [
        HDR.to_vec(),
        a(1, &9u32.to_ne_bytes()),
        a(2, b"eth0\0"),
        a(3, &[]),
        a(4, &1u16.to_ne_bytes()),
        a(4, &2u16.to_ne_bytes()),
        a(5 | NLA_F_NESTED, &inner(1, 2)),
        a(6 | NLA_F_NESTED, &a(1 | NLA_F_NESTED, &inner(3, 4))),
        a(100, b"zz"),
    ]
    .concat()
}

#[test]
fn a_scrambled_order_re_encodes_byte_for_byte() {
    // Unknown attributes first, between and last; the nested sets in reverse too.
    let bytes = [
        HDR.to_vec(),
        a(100, b"u1"),
        a(6 | NLA_F_NESTED, &a(1 | NLA_F_NESTED, &inner_rev(3, 4))),
        a(4, &1u16.to_ne_bytes()),
        a(4, &2u16.to_ne_bytes()),
        a(3, &[]),
        a(101, b"u2"),
        a(2, b"eth0\0"),
        a(5 | NLA_F_NESTED, &inner_rev(1, 2)),
        a(1, &9u32.to_ne_bytes()),
        a(102, b"u3"),
    ]
    .concat();
    let s = Set::decode(&bytes, 0).unwrap();
    let u = AttrOrder::UNKNOWN;
    assert_eq!(s.order.types(), [u, 6, 4, 3, u, 2, 5, 1, u]);
    assert_eq!(s.inner.as_ref().unwrap().order.types(), [2, 1]);
    assert_eq!(s.list[0].order.types(), [2, 1]);
    assert_eq!((s.id, s.name, s.up, s.alt.as_slice()), (9, Some("eth0"), true, &[1, 2][..]));
    assert_eq!(s.rest.len(), 3);
    assert_eq!(enc(&s), bytes);

    // The order is not part of the value.
    let mut by_hand = s.clone();
    by_hand.order = AttrOrder::default();
    by_hand.inner.as_mut().unwrap().order.clear();
    by_hand.list[0].order.clear();
    assert_eq!(by_hand, s);
    // ... but it is what the encoder follows: without it, field order (unknowns last).
    let fields = [
        HDR.to_vec(),
        a(1, &9u32.to_ne_bytes()),
        a(2, b"eth0\0"),
        a(3, &[]),
        a(4, &1u16.to_ne_bytes()),
        a(4, &2u16.to_ne_bytes()),
        a(5 | NLA_F_NESTED, &inner(1, 2)),
        a(6 | NLA_F_NESTED, &a(1 | NLA_F_NESTED, &inner(3, 4))),
        a(100, b"u1"),
        a(101, b"u2"),
        a(102, b"u3"),
    ]
    .concat();
    assert_eq!(enc(&by_hand), fields);
    assert_eq!(by_hand.encoded_len(), s.encoded_len());
}

#[test]
fn field_order_decodes_to_field_order() {
    let bytes = field_order();
    let s = Set::decode(&bytes, 0).unwrap();
    assert_eq!(s.order.types(), [1, 2, 3, 4, 5, 6, AttrOrder::UNKNOWN]);
    assert_eq!(enc(&s), bytes);
}

#[test]
fn a_value_built_by_hand_encodes_in_field_order() {
    let s = Set {
        hdr: hdr(),
        id: 9,
        name: Some("eth0"),
        up: true,
        alt: vec![1, 2],
        inner: Some(Inner { x: Some(1), y: Some(2), order: AttrOrder::new() }),
        list: vec![Inner { x: Some(3), y: Some(4), ..Default::default() }],
        cache: 5,
        rest: Vec::new(),
        order: AttrOrder::default(),
    };
    let mut bytes = field_order();
    bytes.truncate(bytes.len() - 8); // no unknown attribute
    assert_eq!(enc(&s), bytes);
    // A message too.
    let msg = s.to_message_vec(20, 0, 1, 0).unwrap();
    assert_eq!(msg[16..], bytes);
}

#[test]
fn a_repeated_type_is_written_at_its_first_place() {
    // `alt` (type 4) comes twice, around `id`: both at the first place.
    let bytes =
        [HDR.to_vec(), a(4, &1u16.to_ne_bytes()), a(1, &9u32.to_ne_bytes()), a(4, &2u16.to_ne_bytes())]
            .concat();
    let s = Set::decode(&bytes, 0).unwrap();
    assert_eq!(s.order.types(), [4, 1]);
    let want =
        [HDR.to_vec(), a(4, &1u16.to_ne_bytes()), a(4, &2u16.to_ne_bytes()), a(1, &9u32.to_ne_bytes())]
            .concat();
    assert_eq!(enc(&s), want);
}

#[test]
fn fields_set_after_decoding_follow_in_field_order() {
    let bytes = [HDR.to_vec(), a(101, b"u"), a(2, b"lo\0"), a(1, &9u32.to_ne_bytes())].concat();
    let mut s = Set::decode(&bytes, 0).unwrap();
    assert_eq!(enc(&s), bytes);
    s.inner = Some(Inner { x: Some(1), ..Default::default() });
    s.up = true;
    s.name = None; // recorded but gone: nothing written at its place
    let want = [
        HDR.to_vec(),
        a(101, b"u"),
        a(1, &9u32.to_ne_bytes()),
        a(3, &[]),
        a(5 | NLA_F_NESTED, &a(1, &1u32.to_ne_bytes())),
    ]
    .concat();
    assert_eq!(enc(&s), want);
    // A removed unknown attribute: its place writes the next one, none is written twice.
    let bytes = [HDR.to_vec(), a(101, b"u"), a(1, &9u32.to_ne_bytes()), a(102, b"v")].concat();
    let mut s = Set::decode(&bytes, 0).unwrap();
    s.rest.remove(0);
    let want = [HDR.to_vec(), a(102, b"v"), a(1, &9u32.to_ne_bytes())].concat();
    assert_eq!(enc(&s), want);
}

#[test]
fn an_order_built_by_hand_is_followed() {
    let bytes = field_order();
    let mut s = Set::decode(&bytes, 0).unwrap();
    // Entries naming no field are passed over; types not listed follow in field order.
    s.order = AttrOrder::from_types(&[5, 77, 1]);
    s.rest.clear();
    let want = [
        HDR.to_vec(),
        a(5 | NLA_F_NESTED, &inner(1, 2)),
        a(1, &9u32.to_ne_bytes()),
        a(2, b"eth0\0"),
        a(3, &[]),
        a(4, &1u16.to_ne_bytes()),
        a(4, &2u16.to_ne_bytes()),
        a(6 | NLA_F_NESTED, &a(1 | NLA_F_NESTED, &inner(3, 4))),
    ]
    .concat();
    assert_eq!(enc(&s), want);
}

/// Without a lifetime, with owned unknown attributes.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Owned {
    #[nla(type = 1)]
    a: Option<u8>,
    #[nla(type = 2)]
    b: Option<u8>,
    #[nla(order)]
    order: AttrOrder,
    #[nla(unknown)]
    rest: Vec<OwnedAttr>,
}

#[test]
fn more_entries_than_fit_fall_back_to_field_order() {
    // 2 then 60 unknown attributes then 1: 62 entries, over the 48 that fit.
    let mut parts = vec![a(2, &[2])];
    for t in 0..60u16 {
        parts.push(a(100 + t, &[]));
    }
    parts.push(a(1, &[1]));
    let bytes = parts.concat();
    let o = Owned::decode(&bytes, 0).unwrap();
    assert!(o.order.overflowed());
    assert_eq!(o.order.len(), AttrOrder::CAPACITY);
    assert_eq!(o.rest.len(), 60);
    let mut want = vec![a(1, &[1]), a(2, &[2])];
    want.extend(parts[1..61].iter().cloned());
    assert_eq!(enc(&o), want.concat());

    // Within capacity, exact again.
    let bytes = [a(2, &[2]), a(9, b"x"), a(1, &[1])].concat();
    let o = Owned::decode(&bytes, 0).unwrap();
    assert!(!o.order.overflowed());
    assert_eq!(enc(&o), bytes);
}

#[test]
fn the_policy_table_has_no_entry_for_the_order() {
    let fields: Vec<&str> = Set::POLICY.attrs.iter().map(|p| p.field).collect();
    assert_eq!(fields, ["id", "name", "up", "alt", "inner", "list"]);
    assert_eq!(Inner::POLICY.attrs.len(), 2);
}

/// The attributes of a `Set` in field order, each a unit the order moves as a whole (the
/// repeated `alt` attributes together), optional ones left out by `keep`, and `unknown`
/// extra attributes of types 100 and up.
fn units(keep: &[bool; 5], unknown: usize) -> Vec<Vec<u8>> {
    let mut out = vec![a(1, &9u32.to_ne_bytes())];
    let optional = [
        a(2, b"eth0\0"),
        a(3, &[]),
        [a(4, &1u16.to_ne_bytes()), a(4, &2u16.to_ne_bytes())].concat(),
        a(5 | NLA_F_NESTED, &inner_rev(1, 2)),
        a(
            6 | NLA_F_NESTED,
            &[a(1 | NLA_F_NESTED, &inner(3, 4)), a(2 | NLA_F_NESTED, &inner_rev(5, 6))].concat(),
        ),
    ];
    out.extend(optional.into_iter().zip(keep).filter(|(_, k)| **k).map(|(u, _)| u));
    for t in 0..unknown {
        let t = u16::try_from(t).unwrap();
        out.push(a(100 + t, &t.to_ne_bytes()));
    }
    out
}

proptest! {
    /// Any order of a set's attributes (repeats grouped, unknown ones anywhere) decodes and
    /// re-encodes byte for byte; without the order, the same length in field order.
    #[test]
    fn any_order_re_encodes_byte_for_byte(
        (keep, shuffled) in (any::<[bool; 5]>(), 0..6usize).prop_flat_map(|(keep, unknown)| {
            (Just(keep), Just(units(&keep, unknown)).prop_shuffle())
        }),
    ) {
        let bytes = [HDR.to_vec(), shuffled.concat()].concat();
        let s = Set::decode(&bytes, 0).unwrap();
        prop_assert_eq!(enc(&s), bytes.clone());
        let mut plain = s.clone();
        plain.order.clear();
        let by_fields = enc(&plain);
        prop_assert_eq!(by_fields.len(), bytes.len());
        // Claimed attributes in field order, then the unknown ones as they came.
        let unknown = shuffled.iter().filter(|u| (u16::from_ne_bytes([u[2], u[3]]) & nlattr::consts::NLA_TYPE_MASK) >= 100);
        let want = [HDR.to_vec(), units(&keep, 0).concat(), unknown.cloned().collect::<Vec<_>>().concat()];
        prop_assert_eq!(by_fields, want.concat());
    }
}

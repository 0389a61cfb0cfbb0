//! Golden bytes in both directions for every field form of `#[derive(NlAttrs)]`, and decode
//! errors with their kind, offset and field path.

use std::ffi::{CStr, CString};

use nlattr::consts::*;
use nlattr::header::{IfInfoMsg, RtnlLinkStats64};
use nlattr::policy::{AttrKind, HasPolicy};
use nlattr::{
    Attr, AttrEnum, AttrSet, Attrs, Decode, DecodeError, DecodeErrorKind, Encode, EncodeError, NlAttrs, NlSubMsg,
    NlValue, OwnedAttr, Segment, Writer,
};

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

fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

fn enc<T: Encode>(v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    v.encode(&mut Writer::new(&mut out)).unwrap();
    assert_eq!(out.len(), v.encoded_len(), "encoded_len is exact");
    out
}

fn path(e: &DecodeError) -> String {
    e.path.to_string()
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Scalars {
    #[nla(type = 1)]
    a: u8,
    #[nla(type = 2)]
    b: u16,
    #[nla(type = 3)]
    c: u32,
    #[nla(type = 4)]
    d: u64,
    #[nla(type = 5)]
    e: i8,
    #[nla(type = 6)]
    f: i16,
    #[nla(type = 7)]
    g: i32,
    #[nla(type = 8)]
    h: i64,
    #[nla(type = 9, be)]
    port: u16,
    #[nla(type = 10, le)]
    le32: u32,
    #[nla(type = 11, net_byteorder)]
    addr: u32,
    #[nla(type = 12, uint)]
    packets: u64,
    #[nla(type = 13, sint)]
    delta: i64,
    #[nla(type = 14, be)]
    be64: Option<u64>,
}

#[test]
fn scalars_in_every_width_and_byte_order() {
    let v = Scalars {
        a: 1,
        b: 0x0203,
        c: 0x0405_0607,
        d: 8,
        e: -1,
        f: -2,
        g: -3,
        h: -4,
        port: 0x1234,
        le32: 0x0102_0304,
        addr: 0x7f00_0001,
        packets: 5,
        delta: -(1 << 40),
        be64: Some(0x0102),
    };
    let mut parts = vec![
        a(1, &[1]),
        a(2, &0x0203u16.to_ne_bytes()),
        a(3, &0x0405_0607u32.to_ne_bytes()),
        a(4, &8u64.to_ne_bytes()),
        a(5, &[0xff]),
        a(6, &(-2i16).to_ne_bytes()),
        a(7, &(-3i32).to_ne_bytes()),
        a(8, &(-4i64).to_ne_bytes()),
        a(9, &[0x12, 0x34]),
        a(10, &[4, 3, 2, 1]),
        a(11 | NLA_F_NET_BYTEORDER, &[0x7f, 0, 0, 1]),
        a(12, &5u32.to_ne_bytes()),
        a(13, &(-(1i64 << 40)).to_ne_bytes()),
        a(14, &[0, 0, 0, 0, 0, 0, 1, 2]),
    ];
    let bytes = cat(&parts);
    assert_eq!(enc(&v), bytes);
    assert_eq!(Scalars::decode(&bytes, 0), Ok(v.clone()));
    // NLA_UINT may arrive in 8 bytes even when small.
    parts[11] = a(12, &5u64.to_ne_bytes());
    assert_eq!(Scalars::decode(&cat(&parts), 0).map(|s| s.packets), Ok(5));
    // ... but not in 2.
    parts[11] = a(12, &[5, 0]);
    assert!(matches!(Scalars::decode(&cat(&parts), 0).unwrap_err().kind, DecodeErrorKind::Invalid(_)));
}

#[test]
fn wrong_integer_size_names_field_type_and_offset() {
    let bytes = cat(&[a(2, &[1, 2, 3]), a(1, &[1])]);
    let e = Scalars::decode(&bytes, 100).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::BadLength { expected: 2, found: 3 });
    assert_eq!(e.offset, 100);
    assert_eq!(e.attr_type, Some(2));
    assert_eq!(path(&e), "b");
}

#[test]
fn missing_required_names_the_field_at_the_start_of_the_attributes() {
    let bytes = a(1, &[1]);
    let e = Scalars::decode(&bytes, 20).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Missing);
    assert_eq!(e.offset, 20);
    assert_eq!(e.attr_type, Some(2));
    assert_eq!(path(&e), "b");
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Strings<'a> {
    #[nla(type = 1, max_len = 15)]
    name: &'a str,
    #[nla(type = 2, max_len = 4)]
    owned: Option<String>,
    #[nla(type = 3)]
    c: Option<&'a CStr>,
    #[nla(type = 4)]
    cs: Option<CString>,
    #[nla(type = 5, len = 6)]
    mac: Option<&'a [u8]>,
    #[nla(type = 6, min_len = 2, max_len = 3)]
    blob: Option<Vec<u8>>,
    #[nla(type = 7)]
    arr: Option<[u8; 4]>,
}

#[test]
fn strings_and_binary_both_ways() {
    let v = Strings {
        name: "eth0",
        owned: Some("ab".into()),
        c: Some(c"lo"),
        cs: Some(CString::new("x").unwrap()),
        mac: Some(&[1, 2, 3, 4, 5, 6]),
        blob: Some(vec![9, 9]),
        arr: Some([1, 2, 3, 4]),
    };
    let bytes = cat(&[
        a(1, b"eth0\0"),
        a(2, b"ab\0"),
        a(3, b"lo\0"),
        a(4, b"x\0"),
        a(5, &[1, 2, 3, 4, 5, 6]),
        a(6, &[9, 9]),
        a(7, &[1, 2, 3, 4]),
    ]);
    assert_eq!(enc(&v), bytes);
    assert_eq!(Strings::decode(&bytes, 0), Ok(v));
    // Without NUL is accepted for `&str`.
    assert_eq!(Strings::decode(&a(1, b"eth0"), 0).map(|s| s.name), Ok("eth0"));
}

#[test]
fn string_and_binary_length_checks() {
    let e = Strings::decode(&a(1, b"0123456789abcdefg\0"), 0).unwrap_err();
    assert_eq!((e.kind, e.offset, path(&e)), (DecodeErrorKind::TooLong { max: 15, found: 17 }, 0, "name".into()));
    let bytes = cat(&[a(1, b"x\0"), a(5, &[1, 2, 3])]);
    let e = Strings::decode(&bytes, 0).unwrap_err();
    assert_eq!((e.kind, e.offset, path(&e)), (DecodeErrorKind::BadLength { expected: 6, found: 3 }, 8, "mac".into()));
    let bytes = cat(&[a(1, b"x\0"), a(6, &[1])]);
    let e = Strings::decode(&bytes, 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TooShort { min: 2, found: 1 });
    let bytes = cat(&[a(1, b"x\0"), a(6, &[1, 2, 3, 4])]);
    assert_eq!(Strings::decode(&bytes, 0).unwrap_err().kind, DecodeErrorKind::TooLong { max: 3, found: 4 });
    let e = Strings::decode(&a(1, b"a\0b"), 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::InteriorNul { at: 1 });
}

#[test]
fn check_refuses_before_sending() {
    let mut v = Strings { name: "0123456789abcdef", owned: None, c: None, cs: None, mac: None, blob: None, arr: None };
    match v.check() {
        Err(EncodeError::Invalid { attr_type: 1, path, kind: DecodeErrorKind::TooLong { max: 15, found: 16 } }) => {
            assert_eq!(path.to_string(), "name");
        }
        other => panic!("{other:?}"),
    }
    v.name = "a\0b";
    assert!(matches!(v.check(), Err(EncodeError::Invalid { kind: DecodeErrorKind::InteriorNul { at: 1 }, .. })));
    v.name = "ok";
    v.mac = Some(&[1]);
    assert!(matches!(
        v.check(),
        Err(EncodeError::Invalid { attr_type: 5, kind: DecodeErrorKind::BadLength { expected: 6, found: 1 }, .. })
    ));
    v.mac = None;
    assert_eq!(v.check(), Ok(()));
}

//! Golden bytes in both directions for every field form of `#[derive(NlAttrs)]`, and decode
//! errors with their kind, offset and field path.

use std::ffi::{CStr, CString};

use nlattr::consts::*;
use nlattr::header::{IfInfoMsg, RtnlLinkStats64};
use nlattr::policy::{AttrKind, HasPolicy};
use nlattr::{
    Attr, AttrEnum, AttrSet, Attrs, Decode, DecodeError, DecodeErrorKind, Encode, EncodeError, NlAttrs,
    NlSubMsg, NlValue, OwnedAttr, Segment, Writer,
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
    assert_eq!(
        (e.kind, e.offset, path(&e)),
        (DecodeErrorKind::TooLong { max: 15, found: 17 }, 0, "name".into())
    );
    let bytes = cat(&[a(1, b"x\0"), a(5, &[1, 2, 3])]);
    let e = Strings::decode(&bytes, 0).unwrap_err();
    assert_eq!(
        (e.kind, e.offset, path(&e)),
        (DecodeErrorKind::BadLength { expected: 6, found: 3 }, 8, "mac".into())
    );
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
    let mut v = Strings {
        name: "0123456789abcdef",
        owned: None,
        c: None,
        cs: None,
        mac: None,
        blob: None,
        arr: None,
    };
    match v.check() {
        Err(EncodeError::Invalid {
            attr_type: 1,
            path,
            kind: DecodeErrorKind::TooLong { max: 15, found: 16 },
        }) => {
            assert_eq!(path.to_string(), "name");
        }
        other => panic!("{other:?}"),
    }
    v.name = "a\0b";
    assert!(matches!(
        v.check(),
        Err(EncodeError::Invalid { kind: DecodeErrorKind::InteriorNul { at: 1 }, .. })
    ));
    v.name = "ok";
    v.mac = Some(&[1]);
    assert!(matches!(
        v.check(),
        Err(EncodeError::Invalid {
            attr_type: 5,
            kind: DecodeErrorKind::BadLength { expected: 6, found: 1 },
            ..
        })
    ));
    v.mac = None;
    assert_eq!(v.check(), Ok(()));
}

// From `linux/if_link.h`.
const IFLA_IFNAME: u16 = 3;
const IFLA_MTU: u16 = 4;
const IFLA_STATS64: u16 = 23;
const IFLA_OPERSTATE: u16 = 16;
const IFLA_LINKINFO: u16 = 18;
const IFLA_CARRIER: u16 = 33;
const IFLA_ALT_IFNAME: u16 = 53;
const IFLA_INFO_KIND: u16 = 1;
const IFLA_INFO_DATA: u16 = 2;

// ---------------------------------------------------------------------------------------
// rtnetlink-shaped link message: header, nested, sub-message, header-bearing nest.

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u8)]
#[repr(u8)]
enum OperState {
    Unknown = 0,
    Down = 2,
    Up = 6,
    #[nla(other)]
    Other(u8),
}

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Default)]
struct IfFlags(pub u32);

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Peer<'a> {
    #[nla(header)]
    hdr: IfInfoMsg,
    #[nla(type = IFLA_IFNAME, max_len = 15)]
    name: Option<&'a str>,
    #[nla(type = IFLA_MTU, range = 68..=65535)]
    mtu: Option<u32>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct VethInfo<'a> {
    #[nla(type = 1, nested)]
    peer: Option<Peer<'a>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct BridgeInfo {
    #[nla(type = 1)]
    forward_delay: Option<u32>,
}

#[derive(NlSubMsg, Debug, Clone, PartialEq)]
enum LinkData<'a> {
    #[nla(select = "veth")]
    Veth(VethInfo<'a>),
    #[nla(select = "bridge")]
    Bridge(BridgeInfo),
    #[nla(other)]
    Other(&'a [u8]),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct LinkInfo<'a> {
    #[nla(type = IFLA_INFO_KIND)]
    kind: Option<&'a str>,
    #[nla(type = IFLA_INFO_DATA, submsg(selector = kind))]
    data: Option<LinkData<'a>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Link<'a> {
    #[nla(header)]
    hdr: IfInfoMsg,
    #[nla(type = IFLA_IFNAME, max_len = 15)]
    name: &'a str,
    #[nla(type = IFLA_MTU, range = 68..=65535)]
    mtu: Option<u32>,
    #[nla(type = IFLA_OPERSTATE)]
    state: Option<OperState>,
    #[nla(type = IFLA_LINKINFO, nested)]
    link_info: Option<LinkInfo<'a>>,
    #[nla(type = IFLA_ALT_IFNAME, multi)]
    alt: Vec<&'a str>,
    #[nla(type = IFLA_STATS64)]
    stats: Option<RtnlLinkStats64>,
    #[nla(type = IFLA_CARRIER, flag)]
    carrier: bool,
    #[nla(type = 100)]
    flags: Option<IfFlags>,
    #[nla(unknown)]
    rest: Vec<Attr<'a>>,
}

fn hdr(index: i32) -> IfInfoMsg {
    IfInfoMsg { index, ..Default::default() }
}

fn hdr_bytes(index: i32) -> Vec<u8> {
    zerocopy::IntoBytes::as_bytes(&hdr(index)).to_vec()
}

fn nest(ty: u16, parts: &[Vec<u8>]) -> Vec<u8> {
    a(ty | NLA_F_NESTED, &cat(parts))
}

#[test]
fn link_with_submessage_header_in_nest_value_enum_and_unknown() {
    let peer = Peer { hdr: hdr(7), name: Some("veth1"), mtu: Some(1500) };
    let v = Link {
        hdr: hdr(3),
        name: "veth0",
        mtu: Some(9000),
        state: Some(OperState::Other(5)),
        link_info: Some(LinkInfo {
            kind: Some("veth"),
            data: Some(LinkData::Veth(VethInfo { peer: Some(peer) })),
        }),
        alt: vec!["a", "bb"],
        stats: None,
        carrier: true,
        flags: Some(IfFlags(0x8000_0001)),
        rest: vec![],
    };
    let peer_bytes = cat(&[hdr_bytes(7), a(IFLA_IFNAME, b"veth1\0"), a(IFLA_MTU, &1500u32.to_ne_bytes())]);
    let bytes = cat(&[
        hdr_bytes(3),
        a(IFLA_IFNAME, b"veth0\0"),
        a(IFLA_MTU, &9000u32.to_ne_bytes()),
        a(IFLA_OPERSTATE, &[5]),
        nest(
            IFLA_LINKINFO,
            &[a(IFLA_INFO_KIND, b"veth\0"), nest(IFLA_INFO_DATA, &[a(1 | NLA_F_NESTED, &peer_bytes)])],
        ),
        a(IFLA_ALT_IFNAME, b"a\0"),
        a(IFLA_ALT_IFNAME, b"bb\0"),
        a(IFLA_CARRIER, &[]),
        a(100, &0x8000_0001u32.to_ne_bytes()),
    ]);
    assert_eq!(enc(&v), bytes);
    assert_eq!(Link::decode(&bytes, 0), Ok(v.clone()));

    // The selector arrives after its data: same value.
    let swapped = cat(&[
        hdr_bytes(3),
        a(IFLA_IFNAME, b"veth0\0"),
        nest(
            IFLA_LINKINFO,
            &[nest(IFLA_INFO_DATA, &[a(1 | NLA_F_NESTED, &peer_bytes)]), a(IFLA_INFO_KIND, b"veth\0")],
        ),
    ]);
    let got = Link::decode(&swapped, 0).unwrap();
    assert_eq!(got.link_info, v.link_info);

    // Nests without NLA_F_NESTED (legacy emitters) decode too.
    let legacy = cat(&[
        hdr_bytes(3),
        a(IFLA_IFNAME, b"veth0\0"),
        a(
            IFLA_LINKINFO,
            &cat(&[a(IFLA_INFO_KIND, b"bridge\0"), a(IFLA_INFO_DATA, &a(1, &15u32.to_ne_bytes()))]),
        ),
    ]);
    let got = Link::decode(&legacy, 0).unwrap();
    assert_eq!(got.link_info.unwrap().data, Some(LinkData::Bridge(BridgeInfo { forward_delay: Some(15) })));

    // An unknown kind keeps the raw bytes; unknown attributes are kept and re-emitted.
    let other = cat(&[
        hdr_bytes(3),
        a(IFLA_IFNAME, b"x\0"),
        nest(IFLA_LINKINFO, &[a(IFLA_INFO_KIND, b"wireguard\0"), a(IFLA_INFO_DATA, &[1, 2, 3, 4])]),
        a(IFLA_OPERSTATE, &[6]),
        a(3000, &[9, 9]),
    ]);
    let got = Link::decode(&other, 0).unwrap();
    assert_eq!(got.link_info.as_ref().unwrap().data, Some(LinkData::Other(&[1, 2, 3, 4])));
    assert_eq!(got.state, Some(OperState::Up));
    assert_eq!(got.rest.len(), 1);
    assert_eq!((got.rest[0].ty(), got.rest[0].payload()), (3000, &[9u8, 9][..]));
    // Re-encoding keeps the unknown attribute (at the end, after the known ones).
    let again = enc(&got);
    assert_eq!(Link::decode(&again, 0), Ok(got));
}

#[test]
fn errors_inside_submessage_and_header_nest_carry_the_rust_path() {
    let peer_bytes = cat(&[hdr_bytes(7), a(IFLA_MTU, &10u32.to_ne_bytes())]);
    let bytes = cat(&[
        hdr_bytes(3),
        a(IFLA_IFNAME, b"veth0\0"),
        nest(
            IFLA_LINKINFO,
            &[nest(IFLA_INFO_DATA, &[a(1 | NLA_F_NESTED, &peer_bytes)]), a(IFLA_INFO_KIND, b"veth\0")],
        ),
    ]);
    let e = Link::decode(&bytes, 1000).unwrap_err();
    assert_eq!(path(&e), "link_info.data.peer.mtu");
    assert_eq!(e.kind, DecodeErrorKind::OutOfRange { value: 10, min: 68, max: 65535 });
    assert_eq!(e.attr_type, Some(IFLA_MTU));
    // Offset of the IFLA_MTU header inside the peer: 16 + 12 + 4 + 4 + 4 + 16.
    assert_eq!(e.offset, 1000 + 16 + 12 + 4 + 4 + 4 + 16);

    // A peer shorter than its ifinfomsg header.
    let bytes = cat(&[
        hdr_bytes(3),
        a(IFLA_IFNAME, b"v\0"),
        nest(
            IFLA_LINKINFO,
            &[a(IFLA_INFO_KIND, b"veth\0"), nest(IFLA_INFO_DATA, &[a(1 | NLA_F_NESTED, &[0; 8])])],
        ),
    ]);
    let e = Link::decode(&bytes, 0).unwrap_err();
    assert_eq!(path(&e), "link_info.data.peer.hdr");
    assert_eq!(e.kind, DecodeErrorKind::Truncated { needed: 16, available: 8 });
}

#[test]
fn policy_maps_types_and_offsets_to_rust_paths() {
    let policy = Link::POLICY;
    assert_eq!(policy.header_len, 16);
    let mtu = policy.field("mtu").unwrap();
    assert_eq!(
        (mtu.ty, mtu.kind, mtu.range, mtu.required),
        (IFLA_MTU, AttrKind::U32, Some((68, 65535)), false)
    );
    let name = policy.field("name").unwrap();
    assert_eq!((name.kind, name.max_len, name.required), (AttrKind::String, Some(15), true));
    assert!(policy.field("alt").unwrap().multi);
    assert!(policy.field("link_info").unwrap().nested_flag);
    assert_eq!(policy.field("carrier").unwrap().kind, AttrKind::Flag);
    assert_eq!(policy.field("stats").unwrap().kind, AttrKind::Struct(size_of::<RtnlLinkStats64>()));
    assert_eq!(policy.field("state").unwrap().kind, AttrKind::U8);
    let (p, complete) = policy.path_of_types(&[IFLA_LINKINFO, IFLA_INFO_KIND]);
    assert_eq!((p.to_string().as_str(), complete), ("link_info.kind", true));

    // A request as sent: the kernel reports the offset of the peer's IFLA_MTU.
    let v = Link {
        hdr: hdr(0),
        name: "v0",
        mtu: None,
        state: None,
        link_info: Some(LinkInfo {
            kind: Some("veth"),
            data: Some(LinkData::Veth(VethInfo {
                peer: Some(Peer { hdr: hdr(0), name: None, mtu: Some(1400) }),
            })),
        }),
        alt: vec![],
        stats: None,
        carrier: false,
        flags: None,
        rest: vec![],
    };
    let msg = v.to_message_vec(RTM_NEWLINK, NLM_F_REQUEST, 1, 0).unwrap();
    assert_eq!(msg.capacity(), msg.len(), "allocated once, at the exact size");
    // nlmsghdr 16 + ifinfomsg 16 + IFLA_IFNAME 8 + LINKINFO hdr 4 + KIND 12 + DATA hdr 4
    // + PEER hdr 4 + ifinfomsg 16 = 80.
    let at = 80;
    assert_eq!(u16::from_ne_bytes([msg[at + 2], msg[at + 3]]), IFLA_MTU);
    assert_eq!(policy.path_of_offset(&msg, at).unwrap().to_string(), "link_info.data.peer.mtu");
    assert_eq!(policy.path_of_missing(&msg, None, IFLA_MTU).unwrap().to_string(), "mtu");
}

#[test]
fn encode_message_into_a_slice_and_back() {
    let v = BridgeInfo { forward_delay: Some(3) };
    let mut buf = [0u8; 64];
    let mut w = Writer::from_slice(&mut buf);
    v.encode_message(&mut w, 16, NLM_F_REQUEST, 9, 0).unwrap();
    let n = w.len();
    assert_eq!(n, 16 + 8);
    let msg = nlattr::messages(&buf[..n]).next().unwrap().unwrap();
    assert_eq!(msg.seq(), 9);
    assert_eq!(BridgeInfo::decode_message(&msg), Ok(v.clone()));
    let mut small = [0u8; 20];
    assert!(matches!(
        v.encode_message(&mut Writer::from_slice(&mut small), 16, 0, 0, 0),
        Err(EncodeError::BufferTooSmall { .. })
    ));
}

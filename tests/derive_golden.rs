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
    // Through the sub-message and the header-bearing peer.
    let (p, complete) = policy.path_of_types(&[IFLA_LINKINFO, IFLA_INFO_DATA, 1, IFLA_MTU]);
    assert_eq!((p.to_string().as_str(), complete), ("link_info.data.peer.mtu", true));
    let (p, complete) = policy.path_of_types(&[IFLA_LINKINFO, IFLA_INFO_DATA, 77]);
    assert_eq!((p.to_string().as_str(), complete), ("link_info.data", false));
    let data = LinkInfo::POLICY.field("data").unwrap();
    match data.kind {
        AttrKind::SubMessage { selector, variants } => {
            assert_eq!(selector, "kind");
            assert_eq!(
                variants.iter().map(|(n, p)| (*n, p.name)).collect::<Vec<_>>(),
                [("veth", "VethInfo"), ("bridge", "BridgeInfo")]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(Peer::POLICY.header_len, 16);

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

// ---------------------------------------------------------------------------------------
// Generic-netlink-shaped sets: nested arrays, owned types, every remaining keyword.

#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
struct Op {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2)]
    flags: Option<u32>,
}

#[derive(
    zerocopy::FromBytes,
    zerocopy::IntoBytes,
    zerocopy::KnownLayout,
    zerocopy::Immutable,
    Debug,
    Clone,
    Copy,
    PartialEq,
    Default,
)]
#[repr(C)]
struct Pair {
    x: u32,
    y: u32,
}

fn even(v: &u32) -> Result<(), &'static str> {
    if v % 2 == 0 {
        Ok(())
    } else {
        Err("must be even")
    }
}

/// A codec for `with`: a `u32` in tenths on the wire.
mod tenths {
    use nlattr::{DecodeError, EncodeError, Writer};
    pub fn encoded_len(_: &u32) -> usize {
        4
    }
    pub fn encode(v: &u32, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&(v * 10).to_ne_bytes())
    }
    pub fn decode(p: &[u8], o: usize) -> Result<u32, DecodeError> {
        nlattr::codec::exact::<4>(p, o).map(|b| u32::from_ne_bytes(b) / 10)
    }
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Family {
    #[nla(type = 1, nested_array)]
    ops: Vec<Op>,
    #[nla(type = 2, nested_array(keep_index))]
    indexed: Vec<(u16, Op)>,
    #[nla(type = 3, fixed)]
    pair: Option<Pair>,
    #[nla(type = 4, validate = even)]
    even: Option<u32>,
    #[nla(type = 5, default)]
    version: u32,
    #[nla(type = 6, default = 42)]
    answer: u8,
    #[nla(skip)]
    cache: u32,
    #[nla(type = 7, with = tenths)]
    scaled: Option<u32>,
    #[nla(type = 8, nested(no_flag))]
    legacy: Option<Op>,
    #[nla(type = 9, multi, range = 1..10)]
    small: Vec<u16>,
    #[nla(type = 10)]
    name: Option<String>,
    #[nla(unknown)]
    rest: Vec<OwnedAttr>,
}

fn family() -> Family {
    Family {
        ops: vec![Op { id: 1, flags: None }, Op { id: 2, flags: Some(3) }],
        indexed: vec![(5, Op { id: 9, flags: None })],
        pair: Some(Pair { x: 1, y: 2 }),
        even: Some(4),
        version: 2,
        answer: 7,
        cache: 0,
        scaled: Some(3),
        legacy: Some(Op { id: 1, flags: None }),
        small: vec![1, 9],
        name: Some("nlctrl".into()),
        rest: vec![],
    }
}

fn family_bytes() -> Vec<u8> {
    let op1 = a(1, &1u32.to_ne_bytes());
    let op2 = cat(&[a(1, &2u32.to_ne_bytes()), a(2, &3u32.to_ne_bytes())]);
    cat(&[
        nest(1, &[nest(1, std::slice::from_ref(&op1)), nest(2, &[op2])]),
        nest(2, &[nest(5, &[a(1, &9u32.to_ne_bytes())])]),
        a(3, &[1, 0, 0, 0, 2, 0, 0, 0]),
        a(4, &4u32.to_ne_bytes()),
        a(5, &2u32.to_ne_bytes()),
        a(6, &[7]),
        a(7, &30u32.to_ne_bytes()),
        a(8, &op1),
        a(9, &1u16.to_ne_bytes()),
        a(9, &9u16.to_ne_bytes()),
        a(10, b"nlctrl\0"),
    ])
}

#[test]
fn nested_arrays_fixed_validate_default_skip_with_no_flag() {
    assert_eq!(enc(&family()), family_bytes());
    assert_eq!(Family::decode(&family_bytes(), 0), Ok(family()));
    // Defaults when absent; skip is Default; empty arrays and repeats are empty.
    let minimal = Family::decode(&[], 0).unwrap();
    assert_eq!((minimal.version, minimal.answer, minimal.cache, minimal.ops.len()), (0, 42, 0, 0));
    // A shorter fixed struct is zero-extended, a longer one accepted.
    assert_eq!(Family::decode(&a(3, &[1, 0, 0, 0]), 0).unwrap().pair, Some(Pair { x: 1, y: 0 }));
    assert_eq!(Family::decode(&a(3, &[0; 12]), 0).unwrap().pair, Some(Pair::default()));
    // Empty entries of a nested array are skipped, as the kernel does.
    let bytes = nest(1, &[a(1, &[]), nest(2, &[a(1, &5u32.to_ne_bytes())])]);
    assert_eq!(Family::decode(&bytes, 0).unwrap().ops, vec![Op { id: 5, flags: None }]);
}

#[test]
fn nested_array_error_path_has_the_index() {
    let bytes = nest(
        1,
        &[
            nest(1, &[a(1, &1u32.to_ne_bytes())]),
            nest(2, &[a(1, &1u32.to_ne_bytes())]),
            nest(3, &[a(1, &[1, 2, 3])]),
        ],
    );
    let e = Family::decode(&bytes, 0).unwrap_err();
    assert_eq!(e.to_string(), "decoding `ops[2].id` (type 1 at byte 32): expected 4 bytes, found 3");
    assert_eq!(
        e.path.segments().collect::<Vec<_>>(),
        [Segment::Field("ops"), Segment::Index(2), Segment::Field("id")]
    );
    // A missing required field inside an element.
    let bytes = nest(1, &[nest(1, &[a(2, &1u32.to_ne_bytes())])]);
    let e = Family::decode(&bytes, 0).unwrap_err();
    assert_eq!(
        (e.kind, e.offset, e.attr_type, path(&e)),
        (DecodeErrorKind::Missing, 8, Some(1), "ops[0].id".into())
    );
}

#[test]
fn kept_index_beyond_14_bits_is_refused() {
    let mut f = family();
    f.indexed[0].0 = 0x4001;
    let mut out = Vec::new();
    assert!(matches!(
        f.encode(&mut Writer::new(&mut out)),
        Err(EncodeError::Invalid { attr_type: 2, kind: DecodeErrorKind::Invalid(_), .. })
    ));
    assert!(!CtrlAttr::POLICY.attrs.iter().any(|a| a.required), "the enum form requires nothing");
}

#[test]
fn validate_range_and_multi_errors() {
    let e = Family::decode(&a(4, &3u32.to_ne_bytes()), 0).unwrap_err();
    assert_eq!((e.kind, path(&e)), (DecodeErrorKind::Invalid("must be even"), "even".into()));
    let bytes = cat(&[a(9, &1u16.to_ne_bytes()), a(9, &10u16.to_ne_bytes())]);
    let e = Family::decode(&bytes, 0).unwrap_err();
    assert_eq!(
        (e.kind, e.offset, path(&e)),
        (DecodeErrorKind::OutOfRange { value: 10, min: 1, max: 9 }, 8, "small[1]".into())
    );
    let mut f = family();
    f.small.push(0);
    match f.check() {
        Err(EncodeError::Invalid {
            attr_type: 9,
            path,
            kind: DecodeErrorKind::OutOfRange { value: 0, min: 1, max: 9 },
        }) => {
            assert_eq!(path.to_string(), "small[2]");
        }
        other => panic!("{other:?}"),
    }
    let mut f = family();
    f.even = Some(1);
    assert!(matches!(
        f.check(),
        Err(EncodeError::Invalid { attr_type: 4, kind: DecodeErrorKind::Invalid("must be even"), .. })
    ));
    let mut f = family();
    f.ops[1].id = 0;
    assert_eq!(f.check(), Ok(()));
}

#[test]
fn unknown_attributes_are_kept_owned_and_re_emitted() {
    let bytes = cat(&[a(10, b"x\0"), a(77 | NLA_F_NET_BYTEORDER, &[1, 2, 3]), a(78, &[])]);
    let f = Family::decode(&bytes, 0).unwrap();
    assert_eq!(
        f.rest,
        vec![
            OwnedAttr { raw_type: 77 | NLA_F_NET_BYTEORDER, payload: vec![1, 2, 3] },
            OwnedAttr { raw_type: 78, payload: vec![] }
        ]
    );
    // `default` fields are always sent; the kept attributes come last, unchanged.
    let out = enc(&f);
    assert_eq!(out[out.len() - 12..], bytes[8..]);
    assert_eq!(Family::decode(&out, 0), Ok(f));
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
#[nla(deny_unknown, deny_duplicate)]
struct Strict {
    #[nla(type = 1)]
    a: Option<u32>,
    #[nla(type = 2, flag)]
    f: bool,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Lenient {
    #[nla(type = 1)]
    a: Option<u32>,
}

#[test]
fn container_options() {
    let twice = cat(&[a(1, &1u32.to_ne_bytes()), a(1, &2u32.to_ne_bytes())]);
    assert_eq!(Lenient::decode(&twice, 0), Ok(Lenient { a: Some(2) }), "the last one wins, as in the kernel");
    let e = Strict::decode(&twice, 0).unwrap_err();
    assert_eq!(
        (e.kind, e.offset, e.attr_type, path(&e)),
        (DecodeErrorKind::Duplicate, 8, Some(1), "a".into())
    );
    let e = Strict::decode(&cat(&[a(2, &[]), a(2, &[])]), 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Duplicate);
    let unknown = cat(&[a(1, &1u32.to_ne_bytes()), a(9, &[])]);
    assert_eq!(Lenient::decode(&unknown, 0), Ok(Lenient { a: Some(1) }), "unknown types are skipped");
    let e = Strict::decode(&unknown, 4).unwrap_err();
    assert_eq!((e.kind, e.offset, e.attr_type), (DecodeErrorKind::Unknown, 12, Some(9)));
    assert!(Strict::POLICY.deny_unknown);
    let e = Strict::decode(&a(2, &[1]), 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::FlagWithPayload { found: 1 });
}

// The enum form.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
enum CtrlAttr<'a> {
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    FamilyId(u16),
    #[nla(type = CTRL_ATTR_FAMILY_NAME, max_len = 15)]
    FamilyName(&'a str),
    #[nla(type = CTRL_ATTR_OPS, nested)]
    Op(Op),
    #[nla(type = 20, flag)]
    Flag,
    #[nla(type = 21, be)]
    Port(u16),
    #[nla(unknown)]
    Other(Attr<'a>),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
enum StrictAttr {
    #[nla(type = 1)]
    One(u8),
}

#[test]
fn enum_form_one_attribute_per_value() {
    let bytes = cat(&[
        a(CTRL_ATTR_FAMILY_ID, &16u16.to_ne_bytes()),
        a(CTRL_ATTR_FAMILY_NAME, b"nlctrl\0"),
        nest(CTRL_ATTR_OPS, &[a(1, &3u32.to_ne_bytes())]),
        a(20, &[]),
        a(21, &[0, 80]),
        a(99, &[1]),
    ]);
    let all = CtrlAttr::decode_all(Attrs::new(&bytes, 0)).unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[0], CtrlAttr::FamilyId(16));
    assert_eq!(all[1], CtrlAttr::FamilyName("nlctrl"));
    assert_eq!(all[2], CtrlAttr::Op(Op { id: 3, flags: None }));
    assert_eq!(all[3], CtrlAttr::Flag);
    assert_eq!(all[4], CtrlAttr::Port(80));
    assert!(matches!(all[5], CtrlAttr::Other(x) if x.ty() == 99));
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    for v in &all {
        v.encode_attr(&mut w).unwrap();
    }
    assert_eq!(out, bytes);
    assert_eq!(all.iter().map(AttrEnum::attr_len).sum::<usize>(), bytes.len());
    assert_eq!(
        all.iter().map(AttrEnum::attr_type).collect::<Vec<_>>(),
        [CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_OPS, 20, 21, 99]
    );
    let e = CtrlAttr::decode_all(Attrs::new(&a(CTRL_ATTR_FAMILY_ID, &[1]), 0)).unwrap_err();
    assert_eq!(
        (e.kind, path(&e)),
        (DecodeErrorKind::BadLength { expected: 2, found: 1 }, "[0].FamilyId".into())
    );
    let e = StrictAttr::decode_all(Attrs::new(&a(2, &[1]), 0)).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Unknown);
    assert_eq!(CtrlAttr::POLICY.get(CTRL_ATTR_FAMILY_NAME).map(|p| p.field), Some("FamilyName"));
}

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u16)]
enum Closed {
    A = 1,
    B,
}

#[test]
fn value_enums_and_newtypes() {
    assert_eq!(enc(&OperState::Up), [6]);
    assert_eq!(OperState::decode(&[2], 0), Ok(OperState::Down));
    assert_eq!(OperState::decode(&[200], 0), Ok(OperState::Other(200)));
    assert_eq!(u8::from(OperState::Other(200)), 200);
    assert_eq!(OperState::from(0u8), OperState::Unknown);
    assert_eq!(enc(&Closed::B), 2u16.to_ne_bytes());
    assert_eq!(
        Closed::decode(&7u16.to_ne_bytes(), 3),
        Err(DecodeError::new(3, DecodeErrorKind::Invalid("the value names no variant of this enum")))
    );
    assert_eq!(IfFlags::decode(&u32::MAX.to_ne_bytes(), 0), Ok(IfFlags(u32::MAX)), "unknown bits are kept");
    assert_eq!(enc(&IfFlags(0x8000_0000)), 0x8000_0000u32.to_ne_bytes());
}

mod renamed {
    pub use nlattr as netlink;
}

#[derive(NlAttrs, Debug, PartialEq)]
#[nla(crate = "renamed::netlink")]
struct Renamed {
    #[nla(type = 1)]
    x: Option<u8>,
}

#[test]
fn crate_path_override() {
    assert_eq!(Renamed::decode(&a(1, &[4]), 0), Ok(Renamed { x: Some(4) }));
}

// A sub-message selected by an integer (a value enum), required, selector after the data.
#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u16)]
enum Proto {
    Tcp = 6,
    Udp = 17,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct TcpInfo {
    #[nla(type = 1)]
    window: u32,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct UdpInfo {
    #[nla(type = 1)]
    checksum: Option<u8>,
}

#[derive(NlSubMsg, Debug, Clone, PartialEq)]
enum ProtoInfo {
    #[nla(select = 6)]
    Tcp(TcpInfo),
    #[nla(select = 17)]
    Udp(UdpInfo),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Flow {
    #[nla(type = 1)]
    proto: Proto,
    #[nla(type = 2, submsg(selector = proto))]
    info: ProtoInfo,
}

#[test]
fn integer_selected_required_submessage() {
    let v = Flow { proto: Proto::Udp, info: ProtoInfo::Udp(UdpInfo { checksum: Some(1) }) };
    let bytes = cat(&[a(1, &17u16.to_ne_bytes()), nest(2, &[a(1, &[1])])]);
    assert_eq!(enc(&v), bytes);
    let swapped = cat(&[nest(2, &[a(1, &[1])]), a(1, &17u16.to_ne_bytes())]);
    assert_eq!(Flow::decode(&swapped, 0), Ok(v));
    // The format follows the selector: the same bytes read as TCP are too short.
    let as_tcp = cat(&[nest(2, &[a(1, &[1])]), a(1, &6u16.to_ne_bytes())]);
    let e = Flow::decode(&as_tcp, 0).unwrap_err();
    assert_eq!(
        (e.kind, e.offset, path(&e)),
        (DecodeErrorKind::BadLength { expected: 4, found: 1 }, 4, "info.window".into())
    );
    let e = Flow::decode(&cat(&[a(1, &6u16.to_ne_bytes())]), 0).unwrap_err();
    assert_eq!((e.kind, e.attr_type, path(&e)), (DecodeErrorKind::Missing, Some(2), "info".into()));
    // A selector value no variant has, without a catch-all.
    let e = Flow::decode(&cat(&[nest(2, &[]), a(1, &99u16.to_ne_bytes())]), 0).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::Invalid(_)));
    assert_eq!(path(&e), "proto");
    // A selector value the enum knows, but no sub-message variant selects.
    #[derive(NlSubMsg, Debug, Clone, PartialEq)]
    enum OnlyTcp {
        #[nla(select = 6)]
        Tcp(TcpInfo),
    }
    #[derive(NlAttrs, Debug, Clone, PartialEq)]
    struct TcpFlow {
        #[nla(type = 1)]
        proto: Proto,
        #[nla(type = 2, submsg(selector = proto))]
        info: Option<OnlyTcp>,
    }
    let e = TcpFlow::decode(&cat(&[nest(2, &[]), a(1, &17u16.to_ne_bytes())]), 0).unwrap_err();
    assert_eq!(
        (e.kind, e.offset, path(&e)),
        (DecodeErrorKind::Invalid("the selector names no known sub-message format"), 0, "info".into())
    );
}

#[test]
fn integer_selected_submessage_is_in_the_policy_table() {
    let info = Flow::POLICY.field("info").unwrap();
    match info.kind {
        AttrKind::SubMessageInt { selector, variants } => {
            assert_eq!(selector, "proto");
            assert_eq!(
                variants.iter().map(|(v, p)| (*v, p.name)).collect::<Vec<_>>(),
                [(6, "TcpInfo"), (17, "UdpInfo")]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(info.nested_flag);
    assert_eq!(Flow::POLICY.field("proto").unwrap().kind, AttrKind::U16);
    // String-selected sub-messages keep their table.
    assert!(matches!(LinkInfo::POLICY.field("data").unwrap().kind, AttrKind::SubMessage { .. }));

    // A message as sent, the sub-message before its selector: the offset of the UDP
    // checksum maps through the selector's integer value.
    let v = Flow { proto: Proto::Udp, info: ProtoInfo::Udp(UdpInfo { checksum: Some(1) }) };
    let msg = v.to_message_vec(0x30, NLM_F_REQUEST, 1, 0).unwrap();
    // nlmsghdr 16 + proto 8 + info header 4.
    let at = 16 + 8 + 4;
    assert_eq!(msg[at + 2], 1);
    let l = Flow::POLICY.locate(&msg, at).unwrap();
    assert_eq!((l.path.to_string(), l.is_complete()), ("info.checksum".to_owned(), true));
    let l = Flow::POLICY.locate(&msg, at - 4).unwrap();
    assert_eq!(l.inner.map(|p| p.name), Some("UdpInfo"));
    // The same bytes selected as TCP: its field name.
    let tcp = Flow { proto: Proto::Tcp, info: ProtoInfo::Tcp(TcpInfo { window: 9 }) };
    let msg = tcp.to_message_vec(0x30, NLM_F_REQUEST, 1, 0).unwrap();
    assert_eq!(Flow::POLICY.path_of_offset(&msg, at).unwrap().to_string(), "info.window");
    // A type chain without the message: the first format knowing the next type.
    let (p, complete) = Flow::POLICY.path_of_types(&[2, 1]);
    assert_eq!((p.to_string(), complete), ("info.window".to_owned(), true));
}

// Nesting past MAX_NEST_DEPTH is an error: a chain of 18 nested set types.
macro_rules! chain {
    ($inner:ident) => {};
    ($inner:ident, $outer:ident $(, $rest:ident)*) => {
        #[derive(NlAttrs, Debug, Clone, PartialEq)]
        struct $outer {
            #[nla(type = 1, nested)]
            next: Option<$inner>,
        }
        chain!($outer $(, $rest)*);
    };
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct L0 {
    #[nla(type = 2)]
    value: Option<u8>,
}

chain!(L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15, L16, L17);

#[test]
fn nesting_deeper_than_the_bound_is_refused() {
    fn levels(n: usize) -> Vec<u8> {
        let mut inner = a(2, &[7]);
        for _ in 0..n {
            inner = nest(1, &[inner]);
        }
        inner
    }
    // L16 holds 16 nests and the value at depth 16: accepted.
    let mut v = L16::decode(&levels(16), 0).unwrap();
    let leaf = (|| {
        Some(
            v.next
                .take()?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .next?
                .value,
        )
    })();
    assert_eq!(leaf, Some(Some(7)));
    // L17 goes one deeper.
    let e = L17::decode(&levels(17), 0).unwrap_err();
    // Reported at the header of the 17th nest, whose contents are too deep.
    assert_eq!((e.kind, e.offset, e.attr_type), (DecodeErrorKind::TooDeep, 16 * 4, Some(1)));
    assert_eq!(e.path.len(), 8, "the innermost steps are kept");
    assert!(e.path.is_truncated());
}

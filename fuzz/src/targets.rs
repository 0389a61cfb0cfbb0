//! The fuzz targets: each takes arbitrary bytes and must neither panic nor hang.
//! Shared by the stable mutation loop (`src/main.rs`) and the libFuzzer binaries
//! (`fuzz_targets/`, feature `libfuzzer`).

use nlattr::families::ctrl::{Family, GetFamily, PolicyReply};
use nlattr::families::ethtool::{LinkInfo as EthLinkInfo, LinkState, StrSet};
use nlattr::families::route::addr::Addr;
use nlattr::families::route::link::Link;
use nlattr::families::route::neigh::Neigh;
use nlattr::families::route::route::Route;
use nlattr::header::{Bitfield32, IfInfoMsg};
use nlattr::iter::Attrs;
use nlattr::{Decode, Encode, NlAttrs, NlSubMsg, NlValue};

/// A ready-made family (or any derived set): decode the bytes as a payload; when that
/// works, the value must re-encode (or be refused with an error), `encoded_len` must match,
/// and the re-encoded bytes must decode and re-encode to themselves (a fixpoint: values are
/// not compared directly because kept attributes remember their offsets, which move when
/// unknown attributes are re-emitted after the named ones). A macro, so that each decode
/// borrows its own buffer.
macro_rules! roundtrip {
    ($ty:ident) => {
        |data: &[u8]| {
            in_place!($ty, data);
            let Ok(v) = $ty::decode(data, 0) else { return };
            let _ = format!("{v:?}");
            let Some(first) = encode(&v) else { return };
            let back = $ty::decode(&first, 0).unwrap_or_else(|e| panic!("re-decoding {v:?} failed: {e}"));
            let second = encode(&back).unwrap_or_else(|| panic!("re-encoding {back:?} failed"));
            assert_eq!(first, second, "encoding is not a fixpoint for {v:?}");
        }
    };
}

/// Decoding in place over an earlier value gives what decoding anew gives, value or
/// error: the value decoded from the input is decoded into again from the input without its
/// first attributes (0 to 7 times 4 bytes, chosen by the first byte), and again from the
/// whole input.
macro_rules! in_place {
    ($ty:ident, $data:expr) => {{
        let data: &[u8] = $data;
        if let Ok(mut v) = $ty::decode(data, 0) {
            let cut = (usize::from(data.first().map_or(0, |b| b % 8)) * 4).min(data.len());
            for next in [&data[cut..], data] {
                match ($ty::decode(next, 7), nlattr::DecodeInPlace::decode_in_place(&mut v, next, 7)) {
                    (Ok(fresh), Ok(())) => assert_eq!(v, fresh, "in place differs"),
                    (Err(a), Err(b)) => assert_eq!(a, b, "in place fails differently"),
                    (a, b) => panic!("anew {a:?}, in place {b:?}"),
                }
            }
        }
    }};
}

/// A target: its name and the function run on each input.
pub type Target = (&'static str, fn(&[u8]));

/// Runs target `name` on `data` (unknown names do nothing).
pub fn run(name: &str, data: &[u8]) {
    if let Some((_, f)) = TARGETS.iter().find(|t| t.0 == name) {
        f(data);
    }
}

/// Every target.
pub const TARGETS: &[Target] = &[
    ("framing", framing),
    ("attrs", attrs),
    ("extack", extack),
    ("hexdump", hexdump),
    ("family_link", roundtrip!(Link)),
    ("family_addr", roundtrip!(Addr)),
    ("family_route", roundtrip!(Route)),
    ("family_neigh", roundtrip!(Neigh)),
    ("family_ctrl", roundtrip!(Family)),
    ("family_ctrl_getfamily", roundtrip!(GetFamily)),
    ("family_ctrl_policy", roundtrip!(PolicyReply)),
    ("family_ethtool_linkinfo", roundtrip!(EthLinkInfo)),
    ("family_ethtool_linkstate", roundtrip!(LinkState)),
    ("family_ethtool_strset", roundtrip!(StrSet)),
    ("derived_roundtrip", derived_roundtrip),
];

/// Message framing: every message, its flags, and its attributes after each plausible
/// family header length.
fn framing(data: &[u8]) {
    for m in nlattr::messages(data) {
        let Ok(m) = m else { break };
        let _ = (m.is_error(), m.is_done(), m.is_multi(), m.is_dump_interrupted(), m.payload_offset());
        for hlen in [0, 4, 8, 12, 16] {
            for a in m.attrs_after(hlen) {
                if a.is_err() {
                    break;
                }
            }
        }
    }
}

fn walk(attrs: Attrs<'_>, depth: usize) {
    for a in attrs {
        let Ok(a) = a else { return };
        let _ = (a.ty(), a.raw_type(), a.is_nested(), a.len(), a.offset(), a.payload_offset());
        let _ = a.get::<u32>();
        let _ = a.get::<&str>();
        let _ = a.get::<u64>();
        if depth < 16 {
            walk(a.nested(), depth + 1);
        }
    }
}

/// Attribute iteration, recursing into every payload as if it were nested.
fn attrs(data: &[u8]) {
    walk(Attrs::new(data, 0), 0);
}

/// Extended-ACK parsing of every message.
fn extack(data: &[u8]) {
    for m in nlattr::messages(data) {
        let Ok(m) = m else { break };
        if let Ok(ack) = nlattr::extack::ExtAck::parse(&m) {
            let _ = (ack.is_error(), ack.is_warning(), ack.is_capped(), format!("{ack:?}"));
        }
    }
}

/// The annotated hex dump, as messages and as bare attributes.
fn hexdump(data: &[u8]) {
    let _ = nlattr::dump::HexDump::new(data).to_string();
    let _ = nlattr::dump::HexDump::attributes(data).to_string();
}

fn encode<T: Encode + std::fmt::Debug>(v: &T) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut w = nlattr::Writer::new(&mut buf);
    v.encode(&mut w).ok()?;
    assert_eq!(buf.len(), v.encoded_len(), "encoded_len disagrees with encode for {v:?}");
    Some(buf)
}

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u8)]
#[repr(u8)]
enum Mode {
    Off = 0,
    On = 1,
    #[nla(other)]
    Other(u8),
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
struct Inner<'a> {
    #[nla(type = 1)]
    a: Option<u32>,
    #[nla(type = 2, max_len = 15)]
    s: Option<&'a str>,
    #[nla(unknown)]
    rest: Vec<nlattr::Attr<'a>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
struct Leaf {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2, default)]
    flags: u32,
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
struct VData {
    #[nla(type = 1)]
    x: Option<u16>,
}

#[derive(NlSubMsg, Debug, Clone, PartialEq, Eq)]
enum Data<'a> {
    #[nla(select = "v")]
    V(VData),
    #[nla(other)]
    Other(&'a [u8]),
}

/// Every field form of the derive in one set.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq, Default)]
struct Everything<'a> {
    #[nla(header)]
    hdr: IfInfoMsg,
    #[nla(type = 1, range = 68..=65535)]
    mtu: Option<u32>,
    #[nla(type = 2, be)]
    port: Option<u16>,
    #[nla(type = 3, uint)]
    packets: Option<u64>,
    #[nla(type = 4, sint)]
    delta: Option<i64>,
    #[nla(type = 5, flag)]
    up: bool,
    #[nla(type = 6, len = 6)]
    mac: Option<&'a [u8]>,
    #[nla(type = 7, nested)]
    inner: Option<Inner<'a>>,
    #[nla(type = 8, multi)]
    names: Vec<&'a str>,
    #[nla(type = 9, nested_array)]
    leaves: Vec<Leaf>,
    #[nla(type = 10, nested_array(keep_index))]
    indexed: Vec<(u16, Leaf)>,
    #[nla(type = 11)]
    kind: Option<&'a str>,
    #[nla(type = 12, submsg(selector = kind))]
    data: Option<Data<'a>>,
    #[nla(type = 13)]
    mode: Option<Mode>,
    #[nla(type = 14)]
    bits: Option<Bitfield32>,
    #[nla(type = 15, net_byteorder)]
    addr: Option<u32>,
    #[nla(type = 16, le)]
    le: Option<u32>,
    #[nla(unknown)]
    rest: Vec<nlattr::Attr<'a>>,
}

/// `Everything`'s repeated, arrayed and unknown fields as `Vec`s...
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
struct Vecs<'a> {
    #[nla(type = 8, multi)]
    names: Vec<&'a str>,
    #[nla(type = 9, nested_array)]
    leaves: Vec<Leaf>,
    #[nla(type = 10, nested_array(keep_index))]
    indexed: Vec<(u16, Leaf)>,
    #[nla(unknown)]
    rest: Vec<nlattr::Attr<'a>>,
}

/// ...and as views over the received bytes.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
struct Views<'a> {
    #[nla(type = 8, multi)]
    names: nlattr::view::MultiView<'a, &'a str>,
    #[nla(type = 9, nested_array)]
    leaves: nlattr::view::ArrayView<'a, Leaf>,
    #[nla(type = 10, nested_array(keep_index))]
    indexed: nlattr::view::ArrayView<'a, Leaf>,
    #[nla(unknown)]
    rest: nlattr::view::UnknownView<'a>,
}

/// `Leaf` and a set of mixed leaves again, each keeping unknown attributes, which the fast
/// path does not take: decoded by the general walk only, they must agree with the in-order fast path of the
/// sets above, value for value and error for error.
#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
struct LeafSlow<'a> {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2, default)]
    flags: u32,
    #[nla(unknown)]
    rest: Vec<nlattr::Attr<'a>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
struct Small<'a> {
    #[nla(type = 1)]
    mode: Option<Mode>,
    #[nla(type = 2, max_len = 7)]
    name: &'a str,
    #[nla(type = 3, range = 1..=1000)]
    mid: Option<u16>,
    #[nla(type = 4, be)]
    port: Option<u16>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Eq)]
struct SmallSlow<'a> {
    #[nla(type = 1)]
    mode: Option<Mode>,
    #[nla(type = 2, max_len = 7)]
    name: &'a str,
    #[nla(type = 3, range = 1..=1000)]
    mid: Option<u16>,
    #[nla(type = 4, be)]
    port: Option<u16>,
    #[nla(unknown)]
    rest: Vec<nlattr::Attr<'a>>,
}

/// The in-order fast path of small sets against the general walk.
fn fast_path_agrees(data: &[u8]) {
    in_place!(Leaf, data);
    in_place!(Small, data);
    let slow = LeafSlow::decode(data, 3).map(|l| Leaf { id: l.id, flags: l.flags });
    assert_eq!(Leaf::decode(data, 3), slow, "fast and general paths disagree");
    let slow =
        SmallSlow::decode(data, 3).map(|s| Small { mode: s.mode, name: s.name, mid: s.mid, port: s.port });
    assert_eq!(Small::decode(data, 3), slow, "fast and general paths disagree");
}

/// A derived set using every field form: decode, re-encode, decode again; and the view
/// fields decode as the `Vec` fields they stand for, error for error; and small sets
/// decode alike through their fast path and through the general walk.
fn derived_roundtrip(data: &[u8]) {
    fast_path_agrees(data);
    roundtrip!(Everything)(data);
    roundtrip!(Views)(data);
    match (Vecs::decode(data, 0), Views::decode(data, 0)) {
        (Ok(a), Ok(b)) => {
            assert!(b.names == a.names[..] && b.leaves == a.leaves[..], "{a:?} / {b:?}");
            assert!(b.indexed.indexed().eq(a.indexed.iter().cloned()), "{a:?} / {b:?}");
            assert!(b.rest.iter().eq(a.rest.iter().copied()), "{a:?} / {b:?}");
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("the forms disagree: {a:?} / {b:?}"),
    }
}

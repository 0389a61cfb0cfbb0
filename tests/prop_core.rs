//! Property tests of the core: arbitrary bytes never panic a decoder, the dump or the policy
//! walk; random attribute trees written and read back are the same trees; every encoded
//! stream is 4-aligned, with zero padding and correct lengths, whether written into a `Vec`
//! or a caller's slice.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use nlattr::codec::{Be, Fixed, Le, Sint, Uint};
use nlattr::consts::{
    align4, NETLINK_GENERIC, NETLINK_ROUTE, NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLMSG_DONE, NLMSG_ERROR,
};
use nlattr::dump::{HeaderHint, HexDump};
use nlattr::header::{
    Bitfield32, GenlMsgHdr, IfAddrMsg, IfInfoMsg, NdMsg, NlMsgErr, NlMsgHdr, RtMsg, RtnlLinkStats64,
};
use nlattr::policy::{AttrKind, AttrPolicy, Policy};
use nlattr::{messages, Attr, Attrs, Decode, DecodeError, ExtAck, Writer};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Arbitrary bytes never panic

/// Walks attributes recursively (every payload tried as a nest), to a depth bound.
fn walk_all(attrs: Attrs<'_>, depth: usize) -> usize {
    let mut n = 0;
    for a in attrs {
        let Ok(a) = a else { break };
        n += 1;
        if depth < 20 {
            n += walk_all(a.nested(), depth + 1);
        }
    }
    n
}

/// Decodes `payload` as `T` at `offset`: any error must point at `offset`, as codec errors
/// carry the payload's absolute offset and no attribute type.
fn try_decode<'a, T: Decode<'a>>(payload: &'a [u8], offset: usize) -> bool {
    match T::decode(payload, offset) {
        Ok(_) => true,
        Err(e) => {
            assert_eq!((e.offset, e.attr_type), (offset, None), "{e}");
            false
        }
    }
}

fn decode_everything(p: &[u8], offset: usize) {
    let n = p.len();
    assert_eq!(try_decode::<u8>(p, offset), n == 1);
    assert_eq!(try_decode::<u16>(p, offset), n == 2);
    assert_eq!(try_decode::<u32>(p, offset), n == 4);
    assert_eq!(try_decode::<u64>(p, offset), n == 8);
    assert_eq!(try_decode::<i8>(p, offset), n == 1);
    assert_eq!(try_decode::<i16>(p, offset), n == 2);
    assert_eq!(try_decode::<i32>(p, offset), n == 4);
    assert_eq!(try_decode::<i64>(p, offset), n == 8);
    assert_eq!(try_decode::<Be<u16>>(p, offset), n == 2);
    assert_eq!(try_decode::<Be<u32>>(p, offset), n == 4);
    assert_eq!(try_decode::<Be<u64>>(p, offset), n == 8);
    assert_eq!(try_decode::<Be<i32>>(p, offset), n == 4);
    assert_eq!(try_decode::<Le<u16>>(p, offset), n == 2);
    assert_eq!(try_decode::<Le<u32>>(p, offset), n == 4);
    assert_eq!(try_decode::<Le<i64>>(p, offset), n == 8);
    assert_eq!(try_decode::<Uint>(p, offset), n == 4 || n == 8);
    assert_eq!(try_decode::<Sint>(p, offset), n == 4 || n == 8);
    let s = try_decode::<&str>(p, offset);
    assert_eq!(try_decode::<String>(p, offset), s);
    let c = try_decode::<std::ffi::CString>(p, offset);
    if try_decode::<&std::ffi::CStr>(p, offset) {
        assert!(c, "a borrowed C string decodes owned too");
    }
    assert!(try_decode::<&[u8]>(p, offset));
    assert!(try_decode::<Vec<u8>>(p, offset));
    assert_eq!(try_decode::<[u8; 4]>(p, offset), n == 4);
    assert_eq!(try_decode::<[u8; 16]>(p, offset), n == 16);
    assert_eq!(try_decode::<()>(p, offset), n == 0);
    assert!(try_decode::<Fixed<RtnlLinkStats64>>(p, offset));
    assert!(try_decode::<NlMsgHdr>(p, offset));
    assert!(try_decode::<GenlMsgHdr>(p, offset));
    assert!(try_decode::<NlMsgErr>(p, offset));
    assert!(try_decode::<IfInfoMsg>(p, offset));
    assert!(try_decode::<IfAddrMsg>(p, offset));
    assert!(try_decode::<RtMsg>(p, offset));
    assert!(try_decode::<NdMsg>(p, offset));
    assert!(try_decode::<RtnlLinkStats64>(p, offset));
    assert_eq!(try_decode::<Bitfield32>(p, offset), n == 8);
    assert_eq!(try_decode::<Ipv4Addr>(p, offset), n == 4);
    assert_eq!(try_decode::<Ipv6Addr>(p, offset), n == 16);
    assert_eq!(try_decode::<IpAddr>(p, offset), n == 4 || n == 16);
    assert_eq!(try_decode::<Box<u32>>(p, offset), n == 4);
}

static INNER: Policy = Policy {
    name: "Inner",
    header_len: 0,
    attrs: &[
        AttrPolicy::new("a", 1, AttrKind::U32),
        AttrPolicy::new("b", 2, AttrKind::String),
        AttrPolicy { multi: true, ..AttrPolicy::new("c", 3, AttrKind::Binary) },
    ],
    deny_unknown: false,
};

/// A set that nests itself, to drive the policy walk as deep as input goes.
static RECURSIVE: Policy = Policy {
    name: "Recursive",
    header_len: 0,
    attrs: &[
        AttrPolicy::new("next", 1, AttrKind::Nested(&RECURSIVE)),
        AttrPolicy::new("leaf", 2, AttrKind::U8),
    ],
    deny_unknown: false,
};

static TOP: Policy = Policy {
    name: "Top",
    header_len: 4,
    attrs: &[
        AttrPolicy::new("id", 1, AttrKind::U16),
        AttrPolicy::new("inner", 2, AttrKind::Nested(&INNER)),
        AttrPolicy::new("list", 3, AttrKind::NestedArray(&INNER)),
        AttrPolicy::new("kind", 4, AttrKind::String),
        AttrPolicy::new(
            "data",
            5,
            AttrKind::SubMessage { selector: "kind", variants: &[("inner", &INNER), ("rec", &RECURSIVE)] },
        ),
        AttrPolicy::new("rec", 6, AttrKind::Nested(&RECURSIVE)),
    ],
    deny_unknown: false,
};

fn dump_all_ways(bytes: &[u8]) {
    let hints = [
        HeaderHint::Guess,
        HeaderHint::Len(0),
        HeaderHint::Len(3),
        HeaderHint::Len(4),
        HeaderHint::Len(16),
        HeaderHint::Protocol(NETLINK_ROUTE),
        HeaderHint::Protocol(NETLINK_GENERIC),
        HeaderHint::Protocol(99),
    ];
    let mut out = String::new();
    for hint in hints {
        out.clear();
        write!(out, "{}", HexDump::new(bytes).header_hint(hint)).expect("formats");
        if !bytes.is_empty() {
            assert!(!out.is_empty());
        }
    }
    out.clear();
    write!(out, "{}", HexDump::attributes(bytes).base_offset(1000).max_depth(3)).expect("formats");
}

/// Bytes that look like netlink more often than uniform noise does: a header with a
/// plausible length and a control or family type, then attribute-shaped bytes.
fn netlinkish() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec![NLMSG_ERROR, NLMSG_DONE, 1, 4, 16, 18, 20, 24, 30]),
        any::<u16>(),
        prop::collection::vec(any::<u8>(), 0..200),
        0u32..240,
        prop::collection::vec((0u16..40, any::<u16>()), 0..10),
    )
        .prop_map(|(ty, flags, tail, len, attrs)| {
            let mut b = Vec::new();
            b.extend_from_slice(&len.to_ne_bytes());
            b.extend_from_slice(&ty.to_ne_bytes());
            b.extend_from_slice(&flags.to_ne_bytes());
            b.extend_from_slice(&[0; 8]);
            for (l, t) in attrs {
                b.extend_from_slice(&l.to_ne_bytes());
                b.extend_from_slice(&t.to_ne_bytes());
            }
            b.extend_from_slice(&tail);
            b
        })
}

fn everything_on(bytes: &[u8]) {
    for m in messages(bytes) {
        let Ok(m) = m else { break };
        for h in [0, 1, 4, 8, 12, 16, 20, 64] {
            walk_all(m.attrs_after(h), 0);
        }
        if let Ok(ack) = ExtAck::parse(&m) {
            let _ = ack.to_string();
        }
        for offset in [0, 16, 20, 24, 28, 36, m.payload.len(), usize::MAX] {
            let _ = TOP.path_of_offset(&bytes[m.offset..], offset);
            let _ = TOP.path_of_missing(&bytes[m.offset..], Some(offset), 1);
            let _ = RECURSIVE.locate(&bytes[m.offset..], offset);
        }
    }
    walk_all(Attrs::new(bytes, 0), 0);
    decode_everything(bytes, 77);
    dump_all_ways(bytes);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        everything_on(&bytes);
    }

    #[test]
    fn netlink_shaped_bytes_never_panic(bytes in netlinkish()) {
        everything_on(&bytes);
    }

    #[test]
    fn policy_walk_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200), offset in 0usize..220, ty in any::<u16>()) {
        let _ = TOP.path_of_offset(&bytes, offset);
        let _ = TOP.path_of_missing(&bytes, None, ty);
        let _ = TOP.path_of_missing(&bytes, Some(offset), ty);
        let _ = TOP.path_of_types(&[ty, ty, 1, 2]);
        let _ = RECURSIVE.path_of_offset(&bytes, offset);
    }
}

#[test]
fn policy_walk_is_bounded_on_deep_input() {
    // 2,000 nests of `next` inside one another, after a 16-byte header.
    let depth = 2_000usize;
    let mut msg = vec![0u8; 16];
    for i in 0..depth {
        let len = u16::try_from(4 * (depth - i) + 8).expect("fits");
        msg.extend_from_slice(&len.to_ne_bytes());
        msg.extend_from_slice(&(1 | NLA_F_NESTED).to_ne_bytes());
    }
    msg.extend_from_slice(&[5, 0, 2, 0, 7, 0, 0, 0]);
    let innermost = 16 + 4 * depth;
    assert_eq!(RECURSIVE.path_of_offset(&msg, innermost), None, "past the depth bound");
    let path = RECURSIVE.path_of_offset(&msg, 16 + 4 * 3).expect("shallow");
    assert_eq!(path.to_string(), "next.next.next.next");
}

// ---------------------------------------------------------------------------------------
// Write, then read back

#[derive(Clone, Debug)]
enum Tree {
    Leaf { raw_type: u16, payload: Vec<u8> },
    Nest { ty: u16, children: Vec<Tree> },
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = (0u16..0x4000, any::<bool>(), prop::collection::vec(any::<u8>(), 0..40)).prop_map(
        |(ty, be, payload)| Tree::Leaf { raw_type: if be { ty | NLA_F_NET_BYTEORDER } else { ty }, payload },
    );
    leaf.prop_recursive(5, 80, 6, |inner| {
        (0u16..0x4000, prop::collection::vec(inner, 0..6))
            .prop_map(|(ty, children)| Tree::Nest { ty, children })
    })
}

fn write_tree(w: &mut Writer<'_>, t: &Tree) -> Result<(), nlattr::EncodeError> {
    match t {
        Tree::Leaf { raw_type, payload } => w.attr_bytes(*raw_type, payload),
        Tree::Nest { ty, children } => {
            let n = w.begin_nest(*ty)?;
            for c in children {
                write_tree(w, c)?;
            }
            w.end_nest(n)
        }
    }
}

/// `nla_len` of a tree, computed from the tree alone.
fn tree_len(t: &Tree) -> usize {
    match t {
        Tree::Leaf { payload, .. } => 4 + payload.len(),
        Tree::Nest { children, .. } => 4 + children.iter().map(|c| align4(tree_len(c))).sum::<usize>(),
    }
}

fn read_back(a: &Attr<'_>, t: &Tree) {
    match t {
        Tree::Leaf { raw_type, payload } => {
            assert_eq!(a.raw_type(), *raw_type);
            assert_eq!(a.payload(), payload.as_slice());
        }
        Tree::Nest { ty, children } => {
            assert_eq!((a.ty(), a.is_nested()), (*ty, true));
            let inner: Vec<Attr<'_>> = a.nested().collect::<Result<_, _>>().expect("a written nest parses");
            assert_eq!(inner.len(), children.len());
            for (i, c) in inner.iter().zip(children) {
                read_back(i, c);
            }
        }
    }
    assert_eq!(a.len(), tree_len(t));
}

/// Checks a stream of attributes byte by byte, without the iterators: lengths as the tree
/// says, padding zero, every attribute 4-aligned.
fn check_stream(bytes: &[u8], at: usize, trees: &[Tree]) {
    let mut pos = 0;
    for t in trees {
        assert_eq!((at + pos) % 4, 0, "attribute at {} is not 4-aligned", at + pos);
        let len = usize::from(u16::from_ne_bytes([bytes[pos], bytes[pos + 1]]));
        assert_eq!(len, tree_len(t));
        let end = pos + len;
        assert!(bytes[end..align4(end)].iter().all(|&b| b == 0), "padding after {end} is not zero");
        if let Tree::Nest { children, .. } = t {
            check_stream(&bytes[pos + 4..end], at + pos + 4, children);
        }
        pos = align4(end);
    }
    assert_eq!(pos, bytes.len());
}

fn encode_message(w: &mut Writer<'_>, seq: u32, trees: &[Tree]) -> Result<(), nlattr::EncodeError> {
    let m = w.begin_message(0x20, 0x5, seq, 0)?;
    w.put_struct(&GenlMsgHdr { cmd: 1, version: 1, reserved: 0 })?;
    for t in trees {
        write_tree(w, t)?;
    }
    w.end_message(m)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn fact_02_written_trees_read_back_aligned_with_zero_padding(
        batches in prop::collection::vec(prop::collection::vec(tree(), 0..5), 1..4),
    ) {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        for (seq, trees) in batches.iter().enumerate() {
            encode_message(&mut w, seq as u32, trees).expect("small trees fit");
        }
        prop_assert_eq!(out.len() % 4, 0);

        // The same bytes into a caller's slice, dirty beforehand, of exactly that size.
        let mut fixed = vec![0xa5u8; out.len()];
        let mut w = Writer::from_slice(&mut fixed);
        for (seq, trees) in batches.iter().enumerate() {
            encode_message(&mut w, seq as u32, trees).expect("fits exactly");
        }
        prop_assert_eq!(w.len(), out.len());
        prop_assert_eq!(&fixed, &out);
        // One byte less does not fit, and is an error rather than a panic.
        if !out.is_empty() {
            let mut short = vec![0u8; out.len() - 1];
            let mut w = Writer::from_slice(&mut short);
            let r = batches.iter().enumerate().try_for_each(|(seq, trees)| encode_message(&mut w, seq as u32, trees));
            let is_too_small = matches!(r, Err(nlattr::EncodeError::BufferTooSmall { .. }));
            prop_assert!(is_too_small);
        }

        let msgs: Vec<_> = messages(&out).collect::<Result<_, DecodeError>>().expect("frames");
        prop_assert_eq!(msgs.len(), batches.len());
        for (m, trees) in msgs.iter().zip(&batches) {
            let expected_len = 16 + 4 + trees.iter().map(|t| align4(tree_len(t))).sum::<usize>();
            prop_assert_eq!(m.header.len as usize, expected_len);
            prop_assert_eq!(m.offset % 4, 0);
            check_stream(&m.payload[4..], m.payload_offset() + 4, trees);
            let attrs: Vec<_> = m.attrs_after(4).collect::<Result<_, _>>().expect("attributes");
            prop_assert_eq!(attrs.len(), trees.len());
            for (a, t) in attrs.iter().zip(trees) {
                read_back(a, t);
            }
        }
        // The dump of well-formed bytes finds nothing malformed.
        let text = HexDump::new(&out).protocol(NETLINK_GENERIC).to_string();
        prop_assert!(!text.lines().any(flags_malformed), "{}", text);
    }

    #[test]
    fn values_round_trip_through_attributes(
        a in any::<u8>(), b in any::<i16>(), c in any::<u32>(), d in any::<i64>(),
        e in any::<u64>(), f in any::<i64>(), s in "[a-zA-Z0-9 _.-]{0,40}",
        bytes in prop::collection::vec(any::<u8>(), 0..64), be in any::<u32>(), v6 in any::<[u8; 16]>(),
        bf in any::<(u32, u32)>(),
    ) {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        w.attr(1, &a).expect("u8");
        w.attr(2, &b).expect("i16");
        w.attr(3, &c).expect("u32");
        w.attr(4, &d).expect("i64");
        w.attr(5, &Uint(e)).expect("uint");
        w.attr(6, &Sint(f)).expect("sint");
        w.attr(7, s.as_str()).expect("string");
        w.attr(8, bytes.as_slice()).expect("bytes");
        w.attr(9, &Be(be)).expect("be32");
        w.attr(10, &Ipv6Addr::from(v6)).expect("ipv6");
        w.attr(11, &Bitfield32 { value: bf.0, selector: bf.1 }).expect("bitfield32");
        w.flag(12).expect("flag");
        prop_assert_eq!(out.len() % 4, 0);
        let attrs: Vec<_> = Attrs::new(&out, 0).collect::<Result<_, _>>().expect("frames");
        prop_assert_eq!(attrs.len(), 12);
        prop_assert_eq!(attrs[0].get::<u8>(), Ok(a));
        prop_assert_eq!(attrs[1].get::<i16>(), Ok(b));
        prop_assert_eq!(attrs[2].get::<u32>(), Ok(c));
        prop_assert_eq!(attrs[3].get::<i64>(), Ok(d));
        prop_assert_eq!(attrs[4].get::<Uint>(), Ok(Uint(e)));
        prop_assert_eq!(attrs[4].payload().len(), if u32::try_from(e).is_ok() { 4 } else { 8 });
        prop_assert_eq!(attrs[5].get::<Sint>(), Ok(Sint(f)));
        prop_assert_eq!(attrs[5].payload().len(), if i32::try_from(f).is_ok() { 4 } else { 8 });
        prop_assert_eq!(attrs[6].get::<&str>(), Ok(s.as_str()));
        prop_assert_eq!(attrs[6].get::<String>(), Ok(s.clone()));
        prop_assert_eq!(attrs[6].get::<&std::ffi::CStr>().map(|c| c.to_bytes()), Ok(s.as_bytes()));
        prop_assert_eq!(attrs[7].get::<&[u8]>(), Ok(bytes.as_slice()));
        prop_assert_eq!(attrs[8].get::<Be<u32>>(), Ok(Be(be)));
        prop_assert_eq!(attrs[9].get::<IpAddr>(), Ok(IpAddr::V6(Ipv6Addr::from(v6))));
        prop_assert_eq!(attrs[10].get::<Bitfield32>(), Ok(Bitfield32 { value: bf.0, selector: bf.1 }));
        prop_assert_eq!(attrs[11].get::<()>(), Ok(()));
    }
}

/// Whether a dump line marks a malformed region (`!!` after the offset column; payload
/// bytes in the ASCII column do not count).
fn flags_malformed(line: &str) -> bool {
    line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ').starts_with("!!")
}

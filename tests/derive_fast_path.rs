//! The in-order fast path of small sets of leaves (each field once, in declaration order,
//! read without type dispatch) against the general attribute walk.
//!
//! Each set below is declared twice from one field list: as is (it takes the fast path)
//! and with one more field, a flag of a type the bytes never carry, which makes it
//! ineligible, so that it always takes the general walk. On any bytes both must decode
//! to the same fields or fail with the same error (offset, type, path, kind), fresh and
//! in place.

use nlattr::header::GenlMsgHdr;
use nlattr::{Decode, DecodeError, DecodeInPlace, NlAttrs, NlValue};
use proptest::prelude::*;

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Bits(pub u32);

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u8)]
#[repr(u8)]
enum Mode {
    Off = 0,
    On = 1,
    #[nla(other)]
    Other(u8),
}

fn even(v: &u64) -> Result<(), &'static str> {
    if v % 2 == 0 {
        Ok(())
    } else {
        Err("odd")
    }
}

// Each set as is, then again with `never`, and the conversion dropping it. (Written out:
// a type passed through a `macro_rules!` fragment is opaque to the derive, which reads
// `Option<...>` and integer types by their tokens.)

/// A generic-netlink operation: a required id, flags defaulted.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Op {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2, default)]
    flags: Bits,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct OpSlow {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2, default)]
    flags: Bits,
    #[nla(type = 200, flag)]
    never: bool,
}

impl From<OpSlow> for Op {
    fn from(s: OpSlow) -> Self {
        Self { id: s.id, flags: s.flags }
    }
}

/// A header, a value enum in one unpadded byte, a checked range, a borrowed string with a
/// length limit and a big-endian port (a form without a fixed-size hint).
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Mixed<'a> {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = 1)]
    mode: Option<Mode>,
    #[nla(type = 2, range = 1..=1000)]
    mid: Option<u16>,
    #[nla(type = 3, max_len = 7)]
    name: &'a str,
    #[nla(type = 4, be)]
    port: Option<u16>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct MixedSlow<'a> {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = 1)]
    mode: Option<Mode>,
    #[nla(type = 2, range = 1..=1000)]
    mid: Option<u16>,
    #[nla(type = 3, max_len = 7)]
    name: &'a str,
    #[nla(type = 4, be)]
    port: Option<u16>,
    #[nla(type = 200, flag)]
    never: bool,
}

impl<'a> From<MixedSlow<'a>> for Mixed<'a> {
    fn from(s: MixedSlow<'a>) -> Self {
        Self { hdr: s.hdr, mode: s.mode, mid: s.mid, name: s.name, port: s.port }
    }
}

/// Owned values decoded in place (their buffers refilled), a validator, a skipped field.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Owned {
    #[nla(type = 1)]
    name: Option<String>,
    #[nla(type = 2, validate = even)]
    n: u64,
    #[nla(skip)]
    note: u8,
    #[nla(type = 3)]
    data: Option<Vec<u8>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct OwnedSlow {
    #[nla(type = 1)]
    name: Option<String>,
    #[nla(type = 2, validate = even)]
    n: u64,
    #[nla(skip)]
    note: u8,
    #[nla(type = 3)]
    data: Option<Vec<u8>>,
    #[nla(type = 200, flag)]
    never: bool,
}

impl From<OwnedSlow> for Owned {
    fn from(s: OwnedSlow) -> Self {
        Self { name: s.name, n: s.n, note: s.note, data: s.data }
    }
}

/// Unknown and repeated attributes refused.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
#[nla(deny_unknown, deny_duplicate)]
struct Strict {
    #[nla(type = 1)]
    a: i32,
    #[nla(type = 2)]
    b: Option<i64>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
#[nla(deny_unknown, deny_duplicate)]
struct StrictSlow {
    #[nla(type = 1)]
    a: i32,
    #[nla(type = 2)]
    b: Option<i64>,
    #[nla(type = 200, flag)]
    never: bool,
}

impl From<StrictSlow> for Strict {
    fn from(s: StrictSlow) -> Self {
        Self { a: s.a, b: s.b }
    }
}

/// One attribute as written: type (flags included), payload, and whether padding follows.
type RawAttr = (u16, Vec<u8>, bool);

fn raw_attr() -> impl Strategy<Value = RawAttr> {
    let ty = prop_oneof![4 => 1u16..=2, 3 => 3u16..=4, 1 => 5u16..=9];
    let flags = prop_oneof![12 => Just(0u16), 1 => Just(0x8000u16), 1 => Just(0x4000u16)];
    let payload = prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 4..=4),
        2 => prop::collection::vec(any::<u8>(), 8..=8),
        1 => prop::collection::vec(any::<u8>(), 2..=2),
        1 => prop::collection::vec(any::<u8>(), 1..=1),
        2 => "[a-z]{0,9}".prop_map(|s| {
            let mut v = s.into_bytes();
            v.push(0);
            v
        }),
        1 => prop::collection::vec(any::<u8>(), 0..12),
    ];
    (ty, flags, payload, prop::bool::weighted(0.95)).prop_map(|(t, f, p, pad)| (t | f, p, pad))
}

/// Attribute bytes: mostly well framed (what the fast path is for, and its near misses),
/// sometimes with a broken length or trailing bytes. Half the lists are sorted by type
/// with repeats removed, as the kernel writes a set.
fn attrs() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(raw_attr(), 0..6),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..3),
        any::<Option<(prop::sample::Index, u8)>>(),
    )
        .prop_map(|(mut list, sorted, tail, poke)| {
            if sorted {
                list.sort_by_key(|a| a.0 & 0x3fff);
                list.dedup_by_key(|a| a.0 & 0x3fff);
            }
            let mut out = Vec::new();
            for (ty, p, pad) in list {
                out.extend_from_slice(&((4 + p.len()) as u16).to_ne_bytes());
                out.extend_from_slice(&ty.to_ne_bytes());
                out.extend_from_slice(&p);
                if pad {
                    out.resize((out.len() + 3) & !3, 0);
                }
            }
            if tail.len() < 2 {
                out.extend_from_slice(&tail);
            }
            if let Some((at, v)) = poke.filter(|(_, v)| v % 4 == 0 && *v < 64) {
                if !out.is_empty() {
                    let i = at.index(out.len());
                    out[i] = v;
                }
            }
            out
        })
}

/// The bytes of a set with a header: `hdr` then `attrs`.
fn with_header(hdr: [u8; 4], attrs: &[u8]) -> Vec<u8> {
    let mut v = hdr.to_vec();
    v.extend_from_slice(attrs);
    v
}

/// Fast and general decoders agree on `bytes`, fresh; in place over `seed` too, which
/// gives what decoding anew gives.
fn agree<'a, F, S>(bytes: &'a [u8], seed: &F) -> Result<(), TestCaseError>
where
    F: Decode<'a> + DecodeInPlace<'a> + Clone + PartialEq + core::fmt::Debug + From<S>,
    S: Decode<'a>,
{
    let offset = 100;
    let fast = F::decode(bytes, offset);
    let slow = S::decode(bytes, offset).map(F::from);
    prop_assert_eq!(&fast, &slow, "fresh");
    let mut v = seed.clone();
    let r: Result<(), DecodeError> = v.decode_in_place(bytes, offset);
    match (&fast, r) {
        (Ok(f), Ok(())) => prop_assert_eq!(f, &v, "in place"),
        (Err(f), Err(e)) => prop_assert_eq!(f, &e, "in place"),
        (f, r) => prop_assert!(false, "fresh {:?}, in place {:?}", f, r),
    }
    Ok(())
}

/// Counts how many generated cases each path's outcome takes, so that the test shows it
/// covers successes of the fast path, not only its refusals.
#[derive(Default)]
struct Seen {
    ok: u32,
    err: u32,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn op_agrees(a in attrs(), id in any::<u32>(), flags in any::<u32>()) {
        agree::<Op, OpSlow>(&a, &Op { id, flags: Bits(flags) })?;
    }

    #[test]
    fn mixed_agrees(h in any::<[u8; 4]>(), a in attrs(), mid in any::<Option<u16>>()) {
        let bytes = with_header(h, &a);
        let seed = Mixed {
            hdr: GenlMsgHdr { cmd: 9, version: 9, reserved: 9 },
            mode: Some(Mode::On),
            mid,
            name: "seed",
            port: Some(7),
        };
        agree::<Mixed<'_>, MixedSlow<'_>>(&bytes, &seed)?;
        // Shorter than the header: the header's error, both ways.
        agree::<Mixed<'_>, MixedSlow<'_>>(&h[..(a.len() % 4)], &seed)?;
    }

    #[test]
    fn owned_agrees(a in attrs(), name in proptest::option::of("[a-z]{0,40}")) {
        let seed = Owned { name, n: 2, note: 7, data: Some(vec![1; 30]) };
        agree::<Owned, OwnedSlow>(&a, &seed)?;
    }

    #[test]
    fn strict_agrees(a in attrs()) {
        agree::<Strict, StrictSlow>(&a, &Strict { a: 1, b: Some(2) })?;
    }
}

/// Encodes `attrs` (type, payload) one after another, padded.
fn encode(attrs: &[(u16, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (ty, p) in attrs {
        out.extend_from_slice(&((4 + p.len()) as u16).to_ne_bytes());
        out.extend_from_slice(&ty.to_ne_bytes());
        out.extend_from_slice(p);
        out.resize((out.len() + 3) & !3, 0);
    }
    out
}

#[test]
fn the_generated_cases_reach_both_outcomes() {
    // The strategy above, sampled: enough cases decode and enough fail for the
    // comparison to mean something on both sides.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut op, mut strict) = (Seen::default(), Seen::default());
    for _ in 0..3000 {
        let a = attrs().new_tree(&mut runner).expect("a case").current();
        match Op::decode(&a, 0) {
            Ok(_) => op.ok += 1,
            Err(_) => op.err += 1,
        }
        match Strict::decode(&a, 0) {
            Ok(_) => strict.ok += 1,
            Err(_) => strict.err += 1,
        }
    }
    // `Strict` decodes only lists of its two types, each its exact size: rarer.
    for (name, s, least) in [("Op", &op, 100), ("Strict", &strict, 20)] {
        println!("{name}: {} decoded, {} failed", s.ok, s.err);
        assert!(s.ok >= least && s.err >= least, "{name}: {} decoded, {} failed", s.ok, s.err);
    }
}

#[test]
fn in_order_and_out_of_order_decode_alike() {
    let id = 7u32.to_ne_bytes();
    let flags = 0x1eu32.to_ne_bytes();
    let want = || Ok(Op { id: 7, flags: Bits(0x1e) });
    // The kernel's order (the fast path), the other order, a repeat and an unknown type
    // (the general walk): the same value, the last of a repeat winning.
    assert_eq!(Op::decode(&encode(&[(1, &id), (2, &flags)]), 0), want());
    assert_eq!(Op::decode(&encode(&[(2, &flags), (1, &id)]), 0), want());
    assert_eq!(Op::decode(&encode(&[(1, &[0; 4]), (1, &id), (2, &flags)]), 0), want());
    assert_eq!(Op::decode(&encode(&[(1, &id), (9, b"x"), (2, &flags)]), 0), want());
    // A flag bit in the type is ignored, as by the general walk.
    assert_eq!(Op::decode(&encode(&[(1 | 0x4000, &id), (2, &flags)]), 0), want());
    // Absent default, missing required.
    assert_eq!(Op::decode(&encode(&[(1, &id)]), 0), Ok(Op { id: 7, flags: Bits(0) }));
    let missing = Op::decode(&encode(&[(2, &flags)]), 0).unwrap_err();
    assert_eq!(missing.path.to_string(), "id");
    // In order but a wrong length: the error names the field and the attribute.
    let short = Op::decode(&encode(&[(1, &[1, 2]), (2, &flags)]), 40).unwrap_err();
    assert_eq!(short.path.to_string(), "id");
    assert_eq!((short.offset, short.attr_type), (40, Some(1)));
}

//! Property tests on a derived set using every field form: encode then decode gives the
//! value back, `encoded_len` is exact, a fixed buffer of that size suffices, and decoding
//! arbitrary bytes never panics; decoding in place over any earlier value gives what
//! decoding anew gives, value or error.

use std::ffi::CString;

use nlattr::consts::{NLA_F_NESTED, NLA_F_NET_BYTEORDER};
use nlattr::header::GenlMsgHdr;
use nlattr::{
    AttrSet, Decode, DecodeInPlace, Encode, EncodeError, NlAttrs, NlSubMsg, NlValue, OwnedAttr, Writer,
};
use proptest::prelude::*;

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u8)]
#[repr(u8)]
enum State {
    Down = 2,
    Up = 6,
    #[nla(other)]
    Other(u8),
}

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Flags(pub u32);

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Inner {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2)]
    name: Option<String>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Alpha {
    #[nla(type = 1)]
    a: Option<u16>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Beta {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = 1)]
    b: Option<i32>,
}

#[derive(NlSubMsg, Debug, Clone, PartialEq)]
enum Data {
    #[nla(select = "alpha")]
    Alpha(Alpha),
    #[nla(select = "beta")]
    Beta(Beta),
    #[nla(other)]
    Other(Vec<u8>),
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
)]
#[repr(C)]
struct Pair {
    x: u32,
    y: u16,
    z: u16,
}

fn even(v: &u32) -> Result<(), &'static str> {
    if v % 2 == 0 {
        Ok(())
    } else {
        Err("odd")
    }
}

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
struct Every {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = 1)]
    u8_: u8,
    #[nla(type = 2)]
    u16_: Option<u16>,
    #[nla(type = 3)]
    u32_: Option<u32>,
    #[nla(type = 4)]
    u64_: Option<u64>,
    #[nla(type = 5)]
    i8_: Option<i8>,
    #[nla(type = 6)]
    i16_: Option<i16>,
    #[nla(type = 7)]
    i32_: Option<i32>,
    #[nla(type = 8)]
    i64_: Option<i64>,
    #[nla(type = 9, be)]
    be16: Option<u16>,
    #[nla(type = 10, le)]
    le32: Option<u32>,
    #[nla(type = 11, net_byteorder)]
    nbo: Option<u32>,
    #[nla(type = 12, uint)]
    uint: Option<u64>,
    #[nla(type = 13, sint)]
    sint: Option<i64>,
    #[nla(type = 14, max_len = 15)]
    name: Option<String>,
    #[nla(type = 15)]
    cname: Option<CString>,
    #[nla(type = 16, min_len = 1, max_len = 32)]
    blob: Option<Vec<u8>>,
    #[nla(type = 17, flag)]
    up: bool,
    #[nla(type = 18, nested)]
    inner: Option<Inner>,
    #[nla(type = 19, nested(no_flag))]
    legacy: Option<Inner>,
    #[nla(type = 20, multi)]
    alt: Vec<String>,
    #[nla(type = 21, nested_array)]
    ops: Vec<Inner>,
    #[nla(type = 22, nested_array(keep_index))]
    indexed: Vec<(u16, Inner)>,
    #[nla(type = 23, fixed)]
    pair: Option<Pair>,
    #[nla(type = 24)]
    kind: Option<String>,
    #[nla(type = 25, submsg(selector = kind))]
    data: Option<Data>,
    #[nla(type = 26)]
    state: Option<State>,
    #[nla(type = 27)]
    flags: Option<Flags>,
    #[nla(type = 28, range = 68..=65535)]
    mtu: Option<u32>,
    #[nla(type = 29, validate = even)]
    even: Option<u32>,
    #[nla(type = 30, default)]
    d: u32,
    #[nla(skip)]
    cache: u64,
    #[nla(type = 31, with = tenths)]
    scaled: Option<u32>,
    #[nla(type = 32, len = 6)]
    mac: Option<[u8; 6]>,
    #[nla(type = 33, nested)]
    beta: Option<Beta>,
    #[nla(unknown)]
    rest: Vec<OwnedAttr>,
}

fn text() -> impl Strategy<Value = String> {
    "[a-z0-9]{0,15}"
}

fn inner() -> impl Strategy<Value = Inner> {
    (any::<u32>(), proptest::option::of(text())).prop_map(|(id, name)| Inner { id, name })
}

fn data_and_kind() -> impl Strategy<Value = (Option<String>, Option<Data>)> {
    prop_oneof![
        Just((None, None)),
        proptest::option::of(text()).prop_map(|k| (k.filter(|k| k != "alpha" && k != "beta"), None)),
        proptest::option::of(any::<u16>())
            .prop_map(|a| (Some("alpha".to_string()), Some(Data::Alpha(Alpha { a })))),
        (any::<[u8; 4]>(), proptest::option::of(any::<i32>())).prop_map(|(h, b)| (
            Some("beta".to_string()),
            Some(Data::Beta(Beta { hdr: GenlMsgHdr { cmd: h[0], version: h[1], reserved: 0 }, b }))
        )),
        (text(), proptest::collection::vec(any::<u8>(), 0..16))
            .prop_filter("not a known kind", |(k, _)| k != "alpha" && k != "beta")
            .prop_map(|(k, raw)| (Some(k), Some(Data::Other(raw)))),
    ]
}

prop_compose! {
    fn ints()(
        u8_ in any::<u8>(), u16_ in any::<Option<u16>>(), u32_ in any::<Option<u32>>(), u64_ in any::<Option<u64>>(),
        i8_ in any::<Option<i8>>(), i16_ in any::<Option<i16>>(), i32_ in any::<Option<i32>>(), i64_ in any::<Option<i64>>(),
        be16 in any::<Option<u16>>(), le32 in any::<Option<u32>>(), nbo in any::<Option<u32>>(),
        uint in any::<Option<u64>>(), sint in any::<Option<i64>>(),
    ) -> ((u8, Option<u16>, Option<u32>, Option<u64>, Option<i8>, Option<i16>, Option<i32>, Option<i64>),
          (Option<u16>, Option<u32>, Option<u32>, Option<u64>, Option<i64>)) {
        ((u8_, u16_, u32_, u64_, i8_, i16_, i32_, i64_), (be16, le32, nbo, uint, sint))
    }
}

prop_compose! {
    fn every()(
        ints in ints(),
        hdr in any::<[u8; 2]>(),
        name in proptest::option::of(text()),
        cname in proptest::option::of("[a-z]{0,8}"),
        blob in proptest::option::of(proptest::collection::vec(any::<u8>(), 1..=32)),
        up in any::<bool>(),
        inner_ in proptest::option::of(inner()),
        legacy in proptest::option::of(inner()),
        alt in proptest::collection::vec(text(), 0..4),
        ops in proptest::collection::vec(inner(), 0..4),
        indexed in proptest::collection::vec((1u16..=0x3fff, inner()), 0..4),
        pair in proptest::option::of(any::<(u32, u16, u16)>()),
        (kind, data) in data_and_kind(),
        state in proptest::option::of(any::<u8>()),
        flags in proptest::option::of(any::<u32>()),
        mtu in proptest::option::of(68u32..=65535),
        even_ in proptest::option::of(any::<u32>().prop_map(|v| v & !1)),
        d in any::<u32>(),
        scaled in proptest::option::of(0u32..400_000_000),
        mac in any::<Option<[u8; 6]>>(),
        beta in proptest::option::of((any::<[u8; 2]>(), any::<Option<i32>>())),
        rest in proptest::collection::vec(
            (200u16..=0x3fff, prop_oneof![Just(0), Just(NLA_F_NESTED), Just(NLA_F_NET_BYTEORDER)],
             proptest::collection::vec(any::<u8>(), 0..24)),
            0..4),
    ) -> Every {
        let ((u8_, u16_, u32_, u64_, i8_, i16_, i32_, i64_), (be16, le32, nbo, uint, sint)) = ints;
        Every {
            hdr: GenlMsgHdr { cmd: hdr[0], version: hdr[1], reserved: 0 },
            u8_, u16_, u32_, u64_, i8_, i16_, i32_, i64_, be16, le32, nbo, uint, sint,
            name,
            cname: cname.map(|c| CString::new(c).unwrap()),
            blob,
            up,
            inner: inner_,
            legacy,
            alt,
            ops,
            indexed,
            pair: pair.map(|(x, y, z)| Pair { x, y, z }),
            kind,
            data,
            state: state.map(State::from),
            flags: flags.map(Flags),
            mtu,
            even: even_,
            d,
            cache: 0,
            scaled,
            mac,
            beta: beta.map(|(h, b)| Beta { hdr: GenlMsgHdr { cmd: h[0], version: h[1], reserved: 0 }, b }),
            rest: rest.into_iter().map(|(t, f, payload)| OwnedAttr { raw_type: t | f, payload }).collect(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn round_trip(v in every()) {
        prop_assert_eq!(v.check(), Ok(()));
        let mut bytes = Vec::new();
        v.encode(&mut Writer::new(&mut bytes)).unwrap();
        prop_assert_eq!(bytes.len(), v.encoded_len());
        prop_assert_eq!(bytes.len() % 4, 0);
        let back = Every::decode(&bytes, 0).unwrap();
        prop_assert_eq!(&back, &v);

        // The same bytes into a fixed buffer of exactly the message size; one byte less fails.
        let msg = v.to_message_vec(0x20, 1, 7, 0).unwrap();
        prop_assert_eq!(msg.capacity(), msg.len());
        let mut exact = vec![0u8; msg.len()];
        let mut w = Writer::from_slice(&mut exact);
        v.encode_message(&mut w, 0x20, 1, 7, 0).unwrap();
        prop_assert_eq!(&exact, &msg);
        let mut short = vec![0u8; msg.len() - 1];
        let is_too_small = matches!(
            v.encode_message(&mut Writer::from_slice(&mut short), 0x20, 1, 7, 0),
            Err(EncodeError::BufferTooSmall { .. })
        );
        prop_assert!(is_too_small);
        let parsed = nlattr::messages(&msg).next().unwrap().unwrap();
        prop_assert_eq!(Every::decode_message(&parsed).unwrap(), v);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), at in 0usize..1000) {
        let _ = Every::decode(&bytes, at);
        let _ = Inner::decode(&bytes, at);
        let _ = Beta::decode(&bytes, at);
    }

    #[test]
    fn mutated_valid_messages_never_panic(v in every(), flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = Vec::new();
        v.encode(&mut Writer::new(&mut bytes)).unwrap();
        for (i, b) in flips {
            if !bytes.is_empty() {
                let i = i.index(bytes.len());
                bytes[i] = b;
            }
        }
        if let Ok(d) = Every::decode(&bytes, 0) {
            // Whatever decodes re-encodes to something that decodes the same.
            let mut again = Vec::new();
            if d.encode(&mut Writer::new(&mut again)).is_ok() {
                prop_assert_eq!(Every::decode(&again, 0).ok(), Some(d));
            }
        }
    }
}

/// Runs `test` on cases of `strategy` in a thread with a larger stack: two values of
/// `every()` generated at once overflow the default test stack in debug builds.
fn run_big<S>(strategy: S, test: fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy + Send + 'static,
{
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(256));
            if let Err(e) = runner.run(&strategy, test) {
                panic!("{e}");
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn decoding_in_place_equals_decoding() {
    run_big((every(), every(), any::<u64>()), |(a, b, cache)| {
        let (mut ea, mut eb) = (Vec::new(), Vec::new());
        a.encode(&mut Writer::new(&mut ea)).unwrap();
        b.encode(&mut Writer::new(&mut eb)).unwrap();
        let mut x = Every::decode(&ea, 0).unwrap();
        x.cache = cache;
        x.decode_in_place(&eb, 0).unwrap();
        prop_assert_eq!(&x, &b);
        // And back: whatever `b` held is gone.
        x.decode_in_place(&ea, 0).unwrap();
        prop_assert_eq!(&x, &a);
        Ok(())
    });
}

#[test]
fn in_place_and_anew_agree_on_mutated_bytes() {
    let flips = proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8);
    run_big((every(), every(), flips), |(a, v, flips)| {
        let mut ea = Vec::new();
        a.encode(&mut Writer::new(&mut ea)).unwrap();
        let mut bytes = Vec::new();
        v.encode(&mut Writer::new(&mut bytes)).unwrap();
        for (i, b) in flips {
            if !bytes.is_empty() {
                let i = i.index(bytes.len());
                bytes[i] = b;
            }
        }
        let mut x = Every::decode(&ea, 0).unwrap();
        match (Every::decode(&bytes, 4), x.decode_in_place(&bytes, 4)) {
            (Ok(fresh), Ok(())) => prop_assert_eq!(x, fresh),
            (Err(e1), Err(e2)) => prop_assert_eq!(e1, e2),
            (fresh, in_place) => prop_assert!(false, "anew {:?}, in place {:?}", fresh, in_place),
        }
        Ok(())
    });
}

/// Strings with length limits, checked on the decoded value.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Limited<'a> {
    #[nla(type = 1, min_len = 2, max_len = 5)]
    short: Option<&'a str>,
    #[nla(type = 2, max_len = 3)]
    owned: Option<String>,
}

/// What decoding one attribute of `Limited` must give: the payload measured first (the
/// kernel's order), then the string decoded. (The offset of a derived set's error is the
/// attribute's; the kinds are compared.)
fn limited_reference(ty: u16, payload: &[u8], at: usize) -> Result<(), nlattr::DecodeErrorKind> {
    let (min, max) = if ty == 1 { (Some(2), Some(5)) } else { (None, Some(3)) };
    nlattr::private::check_len(payload, at, true, min, max).map_err(|e| e.kind)?;
    <&str>::decode(payload, at).map(drop).map_err(|e| e.kind)
}

proptest! {
    #[test]
    fn string_length_limits_match_measuring_the_payload_first(
        ty in 1u16..=2,
        payload in proptest::collection::vec(prop_oneof![Just(0u8), Just(b'a'), Just(0xffu8), any::<u8>()], 0..10),
    ) {
        let mut bytes = Vec::new();
        Writer::new(&mut bytes).attr_bytes(ty, &payload).unwrap();
        let got = Limited::decode(&bytes, 0).map(drop).map_err(|e| e.kind);
        prop_assert_eq!(got, limited_reference(ty, &payload, 4));
        let mut v = Limited { short: Some("xy"), owned: Some("z".into()) };
        let again = v.decode_in_place(&bytes, 0).map_err(|e| e.kind);
        prop_assert_eq!(again, limited_reference(ty, &payload, 4));
    }
}

//! The encoder's shortcuts (strings and bytes appended after one reservation, nests closed
//! in line, messages written in one pass into a `Vec` with headroom) must write the bytes
//! and report the errors of the general paths they bypass.

use std::ffi::{CStr, CString};

use nlattr::writer::MESSAGE_HEADROOM;
use nlattr::{AttrSet, DecodeErrorKind, Encode, EncodeError, NlAttrs, Writer};

/// The same payload through `Encode::encode` only (the provided `encode_as_attr`).
struct Plain<T>(T);

impl<T: Encode> Encode for Plain<T> {
    fn encoded_len(&self) -> usize {
        self.0.encoded_len()
    }
    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.0.encode(w)
    }
}

/// Bytes (or the error, and what was left) of `put(lead)` then one attribute, into a `Vec`
/// of `cap` bytes' capacity (short of room, or with room for the fixed-size copy of short
/// payloads) and into a fixed buffer of `cap` bytes.
fn write_one<T: Encode + ?Sized>(
    lead: &[u8],
    value: &T,
    cap: usize,
) -> [(Result<(), EncodeError>, Vec<u8>); 2] {
    let mut v = Vec::with_capacity(cap);
    let mut w = Writer::new(&mut v);
    w.put(lead).unwrap();
    let a = w.attr(9, value);
    let a = (a, w.as_bytes().to_vec());
    let mut fixed = vec![0xAAu8; cap];
    let mut w = Writer::from_slice(&mut fixed);
    let b = w.put(lead).and_then(|()| w.attr(9, value));
    let b = (b, w.as_bytes().to_vec());
    [a, b]
}

#[test]
fn strings_and_bytes_write_what_the_general_path_writes() {
    let texts = [
        "",
        "a",
        "ab",
        "abc",
        "eth0",
        "nl80211",
        "a\0b",
        "\0",
        "wireguard0123",
        "abcdefghijklmnopqrstuvwxyz0",
        "abcdefghijklmnopqrstuvwxyz01",
        "abcdefghijklmnopqrstuvwxyz\0",
    ];
    for lead in [&[][..], &[1][..], &[1, 2][..], &[1, 2, 3][..], &[1, 2, 3, 4][..]] {
        for cap in (0..40).chain([64, 100]) {
            for t in texts {
                assert_eq!(write_one(lead, t, cap), write_one(lead, &Plain(t), cap), "{t:?} {lead:?} {cap}");
                let s = t.to_owned();
                assert_eq!(write_one(lead, &s, cap), write_one(lead, &Plain(t), cap));
                let b = t.as_bytes();
                assert_eq!(write_one(lead, b, cap), write_one(lead, &Plain(b), cap));
                assert_eq!(write_one(lead, &b.to_vec(), cap), write_one(lead, &Plain(b), cap));
                if let Ok(c) = CString::new(t) {
                    let p: &CStr = &c;
                    assert_eq!(write_one(lead, p, cap), write_one(lead, &Plain(p), cap));
                    assert_eq!(write_one(lead, &c, cap), write_one(lead, &Plain(p), cap));
                }
            }
            let arr = [1u8, 2, 3, 4, 5, 6];
            assert_eq!(write_one(lead, &arr, cap), write_one(lead, &Plain(arr), cap));
        }
    }
    // The exact bytes once, and the refusals.
    let [(r, bytes), _] = write_one(&[], "eth0", 64);
    assert_eq!(r, Ok(()));
    assert_eq!(bytes, [9, 0, 9, 0, b'e', b't', b'h', b'0', 0, 0, 0, 0]);
    let [(r, bytes), (r2, bytes2)] = write_one(&[7; 4], "a\0b", 64);
    assert_eq!(r, Err(EncodeError::invalid(0, DecodeErrorKind::InteriorNul { at: 1 })));
    assert_eq!((r2, bytes.len(), bytes2.len()), (r, 4, 4));
    let long = "x".repeat(65_531);
    let [(r, bytes), _] = write_one(&[], long.as_str(), 70_000);
    assert_eq!(r, Err(EncodeError::AttributeTooLong { attr_type: 9, len: 65_536 }));
    assert!(bytes.is_empty());
    let [(r, _), _] = write_one(&[], "x".repeat(65_530).as_str(), 70_000);
    assert_eq!(r, Ok(()));
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
struct Inner<'a> {
    #[nla(type = 1)]
    a: Option<u32>,
    #[nla(type = 2)]
    name: Option<&'a str>,
    #[nla(type = 3)]
    raw: Option<&'a [u8]>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
struct Outer<'a> {
    #[nla(type = 1)]
    id: Option<u16>,
    #[nla(type = 2, nested)]
    inner: Option<Inner<'a>>,
    #[nla(type = 3)]
    label: Option<&'a str>,
}

/// The nest written by hand: header, payload through `encode`, `end_nest`.
fn nest_by_hand(lead: &[u8], v: &Inner<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    w.put(lead).unwrap();
    let n = w.begin_nest(4).unwrap();
    v.encode(&mut w).unwrap();
    w.end_nest(n).unwrap();
    out
}

#[test]
fn nests_closed_in_line_match_end_nest() {
    let values = [
        Inner::default(),
        Inner { a: Some(5), ..Default::default() },
        Inner { a: Some(5), name: Some("abc"), raw: Some(&[1, 2, 3, 4, 5]) },
        Inner { raw: Some(&[9]), ..Default::default() },
    ];
    for lead in [&[][..], &[1][..], &[1, 2, 3][..], &[1, 2, 3, 4][..]] {
        for v in &values {
            let mut out = Vec::new();
            let mut w = Writer::new(&mut out);
            w.put(lead).unwrap();
            w.attr(4, v).unwrap();
            assert_eq!(out, nest_by_hand(lead, v), "{v:?} after {lead:?}");
        }
    }
    // Too long for `nla_len`: refused, nothing left.
    let big = vec![0u8; 65_520];
    let v = Inner { raw: Some(&big), name: Some("abcdefgh"), a: Some(1) };
    let inner_len = v.encoded_len();
    let mut out = vec![1, 2, 3, 4];
    let e = Writer::new(&mut out).attr(4, &v).unwrap_err();
    assert_eq!(e, EncodeError::AttributeTooLong { attr_type: 4, len: 4 + inner_len });
    assert_eq!(out, [1, 2, 3, 4]);
}

fn message_bytes(v: &Outer<'_>, buf: &mut Vec<u8>) -> Vec<u8> {
    buf.clear();
    v.encode_message(&mut Writer::new(buf), 20, 5, 7, 0).unwrap();
    buf.clone()
}

#[test]
fn messages_measured_or_not_are_the_same_bytes() {
    let name = "n".repeat(700);
    let values = [
        Outer::default(),
        Outer { id: Some(3), label: Some("x"), ..Default::default() },
        Outer {
            id: Some(3),
            inner: Some(Inner { a: Some(1), name: Some("eth0"), raw: Some(&[1, 2, 3]) }),
            label: Some("label"),
        },
        Outer { label: Some(&name), ..Default::default() },
    ];
    for v in &values {
        let exact = v.to_message_vec(20, 5, 7, 0).unwrap();
        assert_eq!(exact.len(), 16 + v.encoded_len());
        assert_eq!(exact.capacity(), exact.len());
        // Measured (a fresh `Vec`), then in one pass (the same `Vec`, now with headroom).
        let mut buf = Vec::new();
        assert_eq!(message_bytes(v, &mut buf), exact);
        assert!(buf.capacity() >= MESSAGE_HEADROOM);
        assert_eq!(message_bytes(v, &mut buf), exact);
        let mut roomy = Vec::with_capacity(4 * MESSAGE_HEADROOM);
        assert_eq!(message_bytes(v, &mut roomy), exact);
        // After bytes already in the `Vec`: padded to 4 first.
        let mut after = Vec::new();
        let mut w = Writer::new(&mut after);
        w.put(&[0xEE; 3]).unwrap();
        v.encode_message(&mut w, 20, 5, 7, 0).unwrap();
        assert_eq!(&after[..4], &[0xEE, 0xEE, 0xEE, 0]);
        assert_eq!(&after[4..], exact.as_slice());
        // A fixed buffer: exactly big enough, then one byte short (nothing left behind).
        let mut fixed = vec![0u8; exact.len()];
        let mut w = Writer::from_slice(&mut fixed);
        v.encode_message(&mut w, 20, 5, 7, 0).unwrap();
        assert_eq!(w.len(), exact.len());
        assert_eq!(fixed, exact);
        let mut short = vec![0u8; exact.len() - 1];
        let mut w = Writer::from_slice(&mut short);
        assert!(matches!(v.encode_message(&mut w, 20, 5, 7, 0), Err(EncodeError::BufferTooSmall { .. })));
        assert_eq!(w.len(), 0);
    }
}

/// A writer started after bytes already in the `Vec` counts positions (and so alignment)
/// from its own start: at every offset it writes the bytes a writer of an empty `Vec`
/// writes, behind what was there. The shortcuts test alignment from the `Vec`'s start too,
/// and leave the other offsets to the general paths.
#[test]
fn a_writer_started_mid_vec_writes_what_a_fresh_writer_writes() {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let outer = Outer {
        id: Some(3),
        inner: Some(Inner { a: Some(1), name: Some("eth0"), raw: Some(&[1, 2, 3]) }),
        label: Some("label"),
    };
    let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
    let v4 = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
    let write = |w: &mut Writer<'_>| -> Result<(), EncodeError> {
        w.attr(1, &7u32)?;
        w.attr(2, &v4)?;
        w.attr(3, &v6)?;
        w.attr(4, "name")?;
        w.attr(5, &outer)?;
        w.put(&[9])?;
        w.attr(6, &u64::MAX)?;
        w.attr(7, &Inner { a: Some(2), ..Default::default() })?;
        outer.encode_message(w, 20, 5, 7, 0)
    };
    let mut fresh = Vec::new();
    write(&mut Writer::new(&mut fresh)).unwrap();
    for lead in 0..8usize {
        for cap in [0, 64, 4 * MESSAGE_HEADROOM] {
            let mut v = Vec::with_capacity(cap);
            v.extend(std::iter::repeat_n(0xEE, lead));
            let mut w = Writer::new(&mut v);
            write(&mut w).unwrap();
            assert_eq!(w.as_bytes(), fresh.as_slice(), "after {lead} bytes, capacity {cap}");
            assert_eq!(&v[..lead], &vec![0xEE; lead][..]);
        }
    }
}

/// A reused buffer: after the first message no message allocates, and all come out whole.
#[test]
fn a_reused_buffer_is_allocated_once() {
    let mut buf = Vec::new();
    let v = Outer { id: Some(3), label: Some("label"), ..Default::default() };
    message_bytes(&v, &mut buf);
    let cap = buf.capacity();
    let ptr = buf.as_ptr();
    for _ in 0..100 {
        let bytes = message_bytes(&v, &mut buf);
        assert_eq!(bytes, v.to_message_vec(20, 5, 7, 0).unwrap());
    }
    assert_eq!((buf.capacity(), buf.as_ptr()), (cap, ptr));
}

/// A codec whose `encoded_len` says 2 but that writes 6 bytes.
mod liar {
    use nlattr::{DecodeError, EncodeError, Writer};
    pub fn encoded_len(_: &u8) -> usize {
        2
    }
    pub fn encode(_: &u8, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(&[1, 2, 3, 4, 5, 6])
    }
    pub fn decode(p: &[u8], _: usize) -> Result<u8, DecodeError> {
        Ok(p.first().copied().unwrap_or(0))
    }
}

#[derive(NlAttrs, Debug, Clone, PartialEq, Default)]
struct Lying {
    #[nla(type = 1, with = liar)]
    v: Option<u8>,
}

/// A measured message whose payload comes out longer than measured gets the written length.
#[test]
fn a_wrong_measure_is_corrected() {
    let v = Lying { v: Some(0) };
    let want_len = 16 + 12;
    let m = v.to_message_vec(20, 0, 1, 0).unwrap();
    assert_eq!(m.len(), want_len);
    assert_eq!(&m[..4], &u32::try_from(want_len).unwrap().to_ne_bytes());
    let mut buf = Vec::new();
    assert_eq!(message_bytes_lying(&v, &mut buf), m);
    assert_eq!(message_bytes_lying(&v, &mut buf), m);
    let msg = nlattr::messages(&m).next().unwrap().unwrap();
    assert_eq!(Lying::decode_message(&msg), Ok(Lying { v: Some(1) }));
}

fn message_bytes_lying(v: &Lying, buf: &mut Vec<u8>) -> Vec<u8> {
    buf.clear();
    v.encode_message(&mut Writer::new(buf), 20, 0, 1, 0).unwrap();
    buf.clone()
}

/// Every position of a NUL in strings of every short length (the word-wide test's size
/// classes and their edges), and bytes that look like NUL to a careless test (`0x01`,
/// `0x80`, `0xff`, multi-byte characters) accepted.
#[test]
fn a_nul_anywhere_is_found_and_nothing_else_is() {
    for n in 0..40 {
        for filler in ['x', '\u{1}', '\u{7f}', 'é', 'ÿ'] {
            let clean: String = core::iter::repeat_n(filler, n).collect();
            let mut v = Vec::with_capacity(256);
            assert_eq!(Writer::new(&mut v).attr(1, clean.as_str()), Ok(()), "{clean:?}");
            assert_eq!(v.len(), (4 + clean.len() + 1 + 3) & !3);
            for pos in 0..clean.len() {
                if !clean.is_char_boundary(pos) {
                    continue;
                }
                let mut s = clean.clone();
                s.insert(pos, '\0');
                let mut v = Vec::with_capacity(256);
                assert_eq!(
                    Writer::new(&mut v).attr(1, s.as_str()),
                    Err(EncodeError::invalid(0, DecodeErrorKind::InteriorNul { at: pos })),
                    "{s:?}"
                );
                assert!(v.is_empty());
            }
        }
    }
}

#[derive(nlattr::NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u8)]
#[repr(u8)]
enum State {
    Down = 2,
    Up = 6,
    #[nla(other)]
    Other(u8),
}

#[derive(nlattr::NlValue, Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Flags(u32);

/// Value enums and newtypes take their integer's one-copy path: the same bytes and errors
/// as the general path, at every position and into every fixed buffer size.
#[test]
fn value_types_write_what_their_integer_writes() {
    for lead in [&[][..], &[1][..], &[1, 2, 3][..], &[1, 2, 3, 4][..]] {
        for cap in (0..20).chain([64]) {
            for s in [State::Down, State::Up, State::Other(9)] {
                assert_eq!(write_one(lead, &s, cap), write_one(lead, &Plain(u8::from(s)), cap));
            }
            let f = Flags(0x8000_0001);
            assert_eq!(write_one(lead, &f, cap), write_one(lead, &Plain(0x8000_0001u32), cap));
        }
    }
}

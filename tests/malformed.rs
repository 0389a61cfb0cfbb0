//! Malformed input, each case with the exact error kind and offset expected, and never a
//! panic: the framing facts of KERNEL-FACTS 1-5, nests that overrun, lengths that do not fit
//! on encode, a full fixed buffer, strings holding NUL, truncated or lying `NLMSG_ERROR`
//! bodies.

use nlattr::consts::{
    NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLMSG_DONE, NLMSG_ERROR, NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_MULTI,
};
use nlattr::dump::HexDump;
use nlattr::{messages, Attrs, DecodeError, DecodeErrorKind as K, EncodeError, ExtAck, Message, Writer};

/// Host-order bytes, built field by field.
#[derive(Default, Clone)]
struct B(Vec<u8>);

impl B {
    fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }
    fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }
    fn i32(mut self, v: i32) -> Self {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }
    fn bytes(mut self, v: &[u8]) -> Self {
        self.0.extend_from_slice(v);
        self
    }
    fn zeros(mut self, n: usize) -> Self {
        self.0.resize(self.0.len() + n, 0);
        self
    }
    fn hdr(self, len: u32, ty: u16, flags: u16) -> Self {
        self.u32(len).u16(ty).u16(flags).u32(7).u32(0)
    }
    fn attr(self, len: u16, ty: u16) -> Self {
        self.u16(len).u16(ty)
    }
}

/// One row of a table: what, the bytes, what iterates fine, the error.
type Case<T> = (&'static str, Vec<u8>, T, Option<DecodeError>);

/// Iterates to the end; returns the number of good messages and the error, if any.
fn frame_all(buf: &[u8]) -> (usize, Option<DecodeError>) {
    let mut ok = 0;
    let mut it = messages(buf);
    for item in it.by_ref() {
        match item {
            Ok(_) => ok += 1,
            Err(e) => {
                // Fused: nothing after an error.
                assert!(it.next().is_none(), "iteration goes on after {e}");
                // The dump shows the same error as malformed, without panicking.
                let text = HexDump::new(buf).to_string();
                assert!(text.contains("!! malformed"), "{text}");
                return (ok, Some(e));
            }
        }
    }
    (ok, None)
}

fn attrs_all(buf: &[u8], base: usize) -> (Vec<u16>, Option<DecodeError>) {
    let mut tys = Vec::new();
    let mut it = Attrs::new(buf, base);
    for item in it.by_ref() {
        match item {
            Ok(a) => tys.push(a.ty()),
            Err(e) => {
                assert!(it.next().is_none(), "iteration goes on after {e}");
                return (tys, Some(e));
            }
        }
    }
    (tys, None)
}

// ---------------------------------------------------------------------------------------
// Messages (facts 1 and 3)

#[test]
fn fact_03_message_framing_table() {
    let good = B::default().hdr(20, 16, 0).zeros(4);
    let cases: Vec<Case<usize>> = vec![
        ("empty datagram", vec![], 0, None),
        (
            "zero length",
            B::default().hdr(0, 16, 0).0,
            0,
            Some(DecodeError::new(0, K::BadMessageLength { len: 0 })),
        ),
        (
            "zero length after a good message",
            good.clone().hdr(0, 16, 0).0,
            1,
            Some(DecodeError::new(20, K::BadMessageLength { len: 0 })),
        ),
        (
            "length 1",
            B::default().hdr(1, 16, 0).0,
            0,
            Some(DecodeError::new(0, K::BadMessageLength { len: 1 })),
        ),
        (
            "length 15",
            B::default().hdr(15, 16, 0).0,
            0,
            Some(DecodeError::new(0, K::BadMessageLength { len: 15 })),
        ),
        (
            "length past the end",
            B::default().hdr(40, 16, 0).zeros(16).0,
            0,
            Some(DecodeError::new(0, K::Truncated { needed: 40, available: 32 })),
        ),
        (
            "length u32::MAX",
            B::default().hdr(u32::MAX, 16, 0).0,
            0,
            Some(DecodeError::new(0, K::Truncated { needed: u32::MAX as usize, available: 16 })),
        ),
        ("exactly a header", B::default().hdr(16, 16, 0).0, 1, None),
        ("unaligned last message", good.clone().hdr(18, 17, 0).bytes(&[1, 2]).0, 2, None),
        (
            "unaligned last message, padding cut short",
            good.clone().hdr(18, 17, 0).bytes(&[1, 2, 0]).0,
            2,
            None,
        ),
        ("unaligned message then another", B::default().hdr(18, 16, 0).zeros(4).hdr(16, 17, 0).0, 2, None),
    ];
    for (what, buf, ok, err) in cases {
        assert_eq!(frame_all(&buf), (ok, err), "{what}");
    }
}

#[test]
fn fact_03_stray_bytes_after_the_last_message() {
    for n in 1..=15 {
        let buf = B::default().hdr(20, 16, 0).zeros(4).zeros(n).0;
        assert_eq!(
            frame_all(&buf),
            (1, Some(DecodeError::new(20, K::Truncated { needed: 16, available: n }))),
            "{n} stray bytes"
        );
    }
}

#[test]
fn fact_01_lengths_include_the_header_and_exclude_padding() {
    let buf = B::default().hdr(21, 16, 0).bytes(&[9, 8, 7, 6, 5]).zeros(3).hdr(16, 17, 0).0;
    let msgs: Vec<Message<'_>> = messages(&buf).collect::<Result<_, _>>().expect("frames");
    assert_eq!(msgs.iter().map(|m| (m.offset, m.payload.len())).collect::<Vec<_>>(), [(0, 5), (24, 0)]);

    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    let m = w.begin_message(16, 0, 1, 0).expect("begin");
    w.attr_bytes(1, b"abcde").expect("attr");
    w.end_message(m).expect("end");
    // nlmsg_len counts header and attribute (padding included, as it sits between the
    // attribute and the end); nla_len counts 4 + 5 and excludes the 3 padding bytes.
    assert_eq!(out.len(), 28);
    assert_eq!(&out[..4], &28u32.to_ne_bytes());
    assert_eq!(&out[16..18], &9u16.to_ne_bytes());
    assert_eq!(&out[25..28], &[0, 0, 0]);
}

// ---------------------------------------------------------------------------------------
// Attributes (facts 1, 4, 5)

#[test]
fn fact_01_attribute_framing_table() {
    let cases: Vec<Case<Vec<u16>>> = vec![
        ("no attributes", vec![], vec![], None),
        (
            "length 0",
            B::default().attr(0, 3).0,
            vec![],
            Some(DecodeError::at_attr(100, 3, K::BadAttributeLength { len: 0 })),
        ),
        (
            "length 3",
            B::default().attr(3, 3).0,
            vec![],
            Some(DecodeError::at_attr(100, 3, K::BadAttributeLength { len: 3 })),
        ),
        (
            "length 2 after a good one",
            B::default().attr(5, 1).bytes(&[1, 0, 0, 0]).attr(2, 9).0,
            vec![1],
            Some(DecodeError::at_attr(108, 9, K::BadAttributeLength { len: 2 })),
        ),
        (
            "length past the end",
            B::default().attr(12, 4).zeros(4).0,
            vec![],
            Some(DecodeError::at_attr(100, 4, K::Truncated { needed: 12, available: 8 })),
        ),
        (
            "length past the end, flags masked in the error",
            B::default().attr(12, 4 | NLA_F_NESTED).0,
            vec![],
            Some(DecodeError::at_attr(100, 4, K::Truncated { needed: 12, available: 4 })),
        ),
        (
            "1 stray byte",
            vec![1],
            vec![],
            Some(DecodeError::new(100, K::Truncated { needed: 4, available: 1 })),
        ),
        (
            "3 stray bytes after a good one",
            B::default().attr(4, 1).bytes(&[1, 2, 3]).0,
            vec![1],
            Some(DecodeError::new(104, K::Truncated { needed: 4, available: 3 })),
        ),
        ("empty attribute (a flag or a pad)", B::default().attr(4, 7).0, vec![7], None),
        ("unaligned last attribute without padding", B::default().attr(5, 2).bytes(&[1]).0, vec![2], None),
    ];
    for (what, buf, tys, err) in cases {
        assert_eq!(attrs_all(&buf, 100), (tys, err), "{what}");
        // The dump of the same bytes never panics and marks what is malformed.
        let text = HexDump::attributes(&buf).base_offset(100).to_string();
        assert_eq!(text.contains("!! malformed"), err.is_some(), "{what}:\n{text}");
    }
}

#[test]
fn fact_05_type_flags_are_masked_never_required() {
    let buf = B::default()
        .attr(4, 5 | NLA_F_NESTED)
        .attr(4, 5 | NLA_F_NET_BYTEORDER)
        .attr(4, NLA_F_NESTED | NLA_F_NET_BYTEORDER)
        .attr(12, 6)
        .attr(8, 1)
        .u32(42)
        .0;
    let attrs: Vec<_> = Attrs::new(&buf, 0).collect::<Result<_, _>>().expect("frames");
    let seen: Vec<_> = attrs.iter().map(|a| (a.ty(), a.is_nested(), a.is_net_byteorder())).collect();
    assert_eq!(seen, [(5, true, false), (5, false, true), (0, true, true), (6, false, false)]);
    assert_eq!(attrs[1].raw_type(), 5 | NLA_F_NET_BYTEORDER);
    // A nest without NLA_F_NESTED (as many kernel emitters send) is still a nest.
    let inner: Vec<_> = attrs[3].nested().collect::<Result<_, _>>().expect("nested");
    assert_eq!((inner[0].ty(), inner[0].get::<u32>()), (1, Ok(42)));
    // And the writer sets the flag on nests it writes.
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    let n = w.begin_nest(6).expect("nest");
    w.attr(1, &42u32).expect("attr");
    w.end_nest(n).expect("end");
    assert_eq!(&out[2..4], &(6 | NLA_F_NESTED).to_ne_bytes());
}

#[test]
fn nested_overrun_is_reported_inside_the_nest() {
    // An outer attribute of 16 bytes whose inner attribute claims 20.
    let buf = B::default().attr(16, 6 | NLA_F_NESTED).attr(20, 1).zeros(8).attr(8, 2).u32(1).0;
    let (tys, err) = attrs_all(&buf, 40);
    assert_eq!((tys, err), (vec![6, 2], None), "the outer stream is fine");
    let outer = Attrs::new(&buf, 40).next().expect("outer").expect("frames");
    assert_eq!(
        attrs_all(outer.payload(), outer.payload_offset()),
        (vec![], Some(DecodeError::at_attr(44, 1, K::Truncated { needed: 20, available: 12 })))
    );
    let text = HexDump::attributes(&buf).base_offset(40).to_string();
    assert!(text.contains("!! malformed: decoding attribute type 1 at byte 44: truncated"), "{text}");
    assert!(text.contains("attr type=2 len=8 u32 1"), "the dump goes on after the bad nest:\n{text}");
}

#[test]
fn message_shorter_than_its_family_header() {
    let buf = B::default().hdr(18, 16, 0).bytes(&[1, 2]).0;
    let m = messages(&buf).next().expect("one").expect("frames");
    assert_eq!(
        m.attrs_after(4).next(),
        Some(Err(DecodeError::new(16, K::Truncated { needed: 4, available: 2 })))
    );
    // A 1-byte family header (rtgenmsg) is followed by 3 bytes of padding.
    let buf = B::default().hdr(28, 16, 0).bytes(&[2, 0, 0, 0]).attr(8, 1).u32(5).0;
    let m = messages(&buf).next().expect("one").expect("frames");
    let a = m.attrs_after(1).next().expect("an attribute").expect("frames");
    assert_eq!((a.offset(), a.get::<u32>()), (20, Ok(5)));
}

// ---------------------------------------------------------------------------------------
// Encoding (facts 2 and 4)

#[test]
fn fact_04_a_70000_byte_attribute_is_refused_not_wrapped() {
    let big = vec![0xabu8; 70_000];
    let mut out = vec![1, 2, 3, 4];
    let mut w = Writer::new(&mut out);
    assert_eq!(w.attr_bytes(9, &big), Err(EncodeError::AttributeTooLong { attr_type: 9, len: 70_004 }));
    assert_eq!(w.attr(9, big.as_slice()), Err(EncodeError::AttributeTooLong { attr_type: 9, len: 70_004 }));
    assert_eq!(
        w.attr(9 | NLA_F_NESTED, &big),
        Err(EncodeError::AttributeTooLong { attr_type: 9, len: 70_004 })
    );
    // Nothing written: no header with a wrapped length (70,004 mod 65,536 = 4,468).
    assert_eq!(w.len(), 0);
    assert_eq!(out, [1, 2, 3, 4]);

    // A nest that grows past the limit is refused when closed, and removed.
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    w.attr(1, &7u32).expect("room");
    let nest = w.begin_nest(2).expect("nest");
    for _ in 0..5 {
        w.attr_bytes(3, &[0u8; 16_000]).expect("each fits");
    }
    assert_eq!(w.end_nest(nest), Err(EncodeError::AttributeTooLong { attr_type: 2, len: 80_024 }));
    assert_eq!(w.len(), 8);

    // The boundary: 65,535 bytes with the header fit, 65,536 do not.
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    assert_eq!(w.attr_bytes(1, &vec![0; 65_531]), Ok(()));
    assert_eq!(&out[..2], &u16::MAX.to_ne_bytes());
    let mut w = Writer::new(&mut out);
    assert_eq!(
        w.attr_bytes(1, &vec![0; 65_532]),
        Err(EncodeError::AttributeTooLong { attr_type: 1, len: 65_536 })
    );
}

#[test]
fn full_fixed_buffer_is_an_error_and_leaves_what_was_written_intact() {
    let mut buf = [0xeeu8; 24];
    let mut w = Writer::from_slice(&mut buf);
    let m = w.begin_message(16, 0, 1, 0).expect("16 bytes fit");
    w.attr(1, &5u32).expect("8 more fit");
    assert_eq!(w.len(), 24);
    assert_eq!(w.attr(2, &6u32), Err(EncodeError::BufferTooSmall { needed: 28, available: 24 }));
    assert_eq!(w.attr_bytes(2, &[1]), Err(EncodeError::BufferTooSmall { needed: 28, available: 24 }));
    assert_eq!(w.flag(3), Err(EncodeError::BufferTooSmall { needed: 28, available: 24 }));
    assert_eq!(w.begin_nest(4).err(), Some(EncodeError::BufferTooSmall { needed: 28, available: 24 }));
    assert_eq!(w.len(), 24);
    w.end_message(m).expect("the message closes");
    let msg = messages(&buf).next().expect("one").expect("frames");
    assert_eq!(msg.header.len, 24);
    assert_eq!(msg.attrs_after(0).map(|a| a.map(|a| a.ty())).collect::<Vec<_>>(), [Ok(1)]);

    // Room for the header and payload of an attribute but not its padding: removed whole.
    let mut buf = [0xeeu8; 7];
    let mut w = Writer::from_slice(&mut buf);
    assert_eq!(w.attr_bytes(1, &[1, 2, 3]), Err(EncodeError::BufferTooSmall { needed: 8, available: 7 }));
    assert_eq!(w.len(), 0);
    assert_eq!(w.attr(1, "ab"), Err(EncodeError::BufferTooSmall { needed: 8, available: 7 }));
    assert_eq!(w.len(), 0);
    let mut buf = [0xeeu8; 8];
    let mut w = Writer::from_slice(&mut buf);
    assert_eq!(w.attr(1, "ab"), Ok(()));
    assert_eq!(buf, [7, 0, 1, 0, b'a', b'b', 0, 0]);
}

#[test]
fn fact_02_padding_is_written_as_zero_over_dirty_buffers() {
    let mut buf = [0xffu8; 64];
    let mut w = Writer::from_slice(&mut buf);
    let m = w.begin_message(16, 0, 1, 0).expect("begin");
    w.put(&[1]).expect("a 1-byte family header");
    w.align().expect("align");
    w.attr(1, &1u8).expect("u8");
    w.attr(2, "ab").expect("string");
    let n = w.begin_nest(3).expect("nest");
    w.attr(4, &1u16).expect("u16");
    w.end_nest(n).expect("nest");
    w.end_message(m).expect("end");
    let len = w.len();
    assert_eq!(len, 16 + 4 + 8 + 8 + 12);
    let expected: &[u8] = &[
        1, 0, 0, 0, // family header, 3 bytes of padding
        5, 0, 1, 0, 1, 0, 0, 0, // u8 and 3 bytes of padding
        7, 0, 2, 0, b'a', b'b', 0, 0, // "ab\0" and 1 byte of padding
        12, 0, 3, 0x80, 6, 0, 4, 0, 1, 0, 0, 0, // nest holding a u16 and 2 bytes of padding
    ];
    assert_eq!(&buf[16..len], expected);
}

#[test]
fn nests_are_patched_at_every_level() {
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    let m = w.begin_message(16, 0, 1, 0).expect("begin");
    let a = w.begin_nest(1).expect("a");
    let b = w.begin_nest(2).expect("b");
    w.attr(3, &1u64).expect("u64");
    let c = w.begin_nest(4).expect("c");
    w.end_nest(c).expect("empty nest");
    w.end_nest(b).expect("b");
    w.attr(5, "x").expect("string");
    w.end_nest(a).expect("a");
    w.end_message(m).expect("end");
    let m2 = w.begin_message(17, 0, 2, 0).expect("second message");
    w.end_message(m2).expect("end");

    let msgs: Vec<Message<'_>> = messages(&out).collect::<Result<_, _>>().expect("frames");
    assert_eq!(msgs.len(), 2);
    assert_eq!((msgs[0].header.len, msgs[1].offset, msgs[1].header.len), (48, 48, 16));
    let a = msgs[0].attrs_after(0).next().expect("a").expect("frames");
    // A nest's length covers its contents, the padding of the last one included (as the
    // kernel's nla_nest_end has it).
    assert_eq!((a.ty(), a.len(), a.is_nested()), (1, 32, true));
    let inner: Vec<_> = a.nested().collect::<Result<_, _>>().expect("frames");
    assert_eq!(inner.iter().map(|i| (i.ty(), i.len())).collect::<Vec<_>>(), [(2, 20), (5, 6)]);
    let b: Vec<_> = inner[0].nested().collect::<Result<_, _>>().expect("frames");
    assert_eq!(b.iter().map(|i| (i.ty(), i.len())).collect::<Vec<_>>(), [(3, 12), (4, 4)]);
    assert_eq!(b[0].get::<u64>(), Ok(1));
}

#[test]
fn strings_holding_nul_are_refused_on_encode() {
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    w.attr(1, "ok").expect("a plain string");
    let before = w.len();
    let err = w.attr(2, "et\0h0").expect_err("a NUL inside");
    assert!(matches!(err, EncodeError::Invalid { kind: K::InteriorNul { at: 2 }, .. }), "{err:?}");
    assert_eq!(
        w.attr(2, &String::from("a\0")).err().map(|e| matches!(e, EncodeError::Invalid { .. })),
        Some(true)
    );
    assert_eq!(w.len(), before, "the refused attribute left nothing behind");
}

// ---------------------------------------------------------------------------------------
// NLMSG_ERROR / NLMSG_DONE bodies

fn parse(buf: &[u8]) -> Result<ExtAck<'_>, DecodeError> {
    let m = messages(buf).next().expect("a message").expect("frames");
    ExtAck::parse(&m)
}

#[test]
fn truncated_error_bodies() {
    for n in 0..4 {
        let buf = B::default().hdr(16 + n as u32, NLMSG_ERROR, 0).zeros(n).0;
        assert_eq!(
            parse(&buf),
            Err(DecodeError::new(16, K::Truncated { needed: 4, available: n })),
            "{n} bytes"
        );
    }
    for n in 4..20 {
        let buf = B::default().hdr(16 + n as u32, NLMSG_ERROR, 0).i32(-22).zeros(n - 4).0;
        assert_eq!(
            parse(&buf),
            Err(DecodeError::new(20, K::Truncated { needed: 16, available: n - 4 })),
            "{n} bytes"
        );
    }
    let done = B::default().hdr(18, NLMSG_DONE, NLM_F_MULTI).zeros(2).0;
    assert_eq!(parse(&done), Err(DecodeError::new(16, K::Truncated { needed: 4, available: 2 })));
    // The dump shows these as malformed too.
    let text = HexDump::new(&B::default().hdr(26, NLMSG_ERROR, 0).i32(-22).zeros(6).0).to_string();
    assert!(text.contains("!! malformed: echoed request header needs 16 bytes, 6 left"), "{text}");
}

#[test]
fn uncapped_error_whose_echoed_length_lies() {
    // Claims a 100-byte request, but only 8 bytes of it follow.
    let too_big = B::default().hdr(44, NLMSG_ERROR, 0).i32(-22).hdr(100, 16, 5).zeros(8).0;
    assert_eq!(parse(&too_big), Err(DecodeError::new(36, K::Truncated { needed: 84, available: 8 })));
    let text = HexDump::new(&too_big).to_string();
    assert!(
        text.contains("!! malformed: the echoed request claims 100 bytes, 8 bytes follow its header"),
        "{text}"
    );

    // Claims 8 bytes: shorter than the header it is part of.
    let too_small =
        B::default().hdr(44, NLMSG_ERROR, NLM_F_ACK_TLVS).i32(-22).hdr(8, 16, 5).attr(8, 2).u32(0).0;
    assert_eq!(parse(&too_small), Err(DecodeError::new(20, K::BadMessageLength { len: 8 })));

    // Capped: the same lie does not matter, the length is not used.
    let capped = B::default()
        .hdr(48, NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS)
        .i32(-22)
        .hdr(100, 16, 5)
        .attr(8, 2)
        .u32(24)
        .attr(4, 9)
        .0;
    let ack = parse(&capped).expect("capped");
    assert_eq!((ack.errno, ack.offset, ack.request.map(|h| h.len)), (22, Some(24), Some(100)));

    // Uncapped, and the length tells the truth: the attributes follow the echoed request.
    let honest = B::default()
        .hdr(52, NLMSG_ERROR, NLM_F_ACK_TLVS)
        .i32(-22)
        .hdr(22, 16, 5)
        .bytes(&[1, 2, 3, 4, 5, 6, 0, 0])
        .attr(8, 2)
        .u32(20)
        .0;
    let ack = parse(&honest).expect("honest");
    assert_eq!((ack.request_payload, ack.offset), (Some(&[1u8, 2, 3, 4, 5, 6][..]), Some(20)));
}

#[test]
fn malformed_extended_ack_attributes() {
    let bad_utf8 = B::default()
        .hdr(28, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS)
        .i32(-1)
        .attr(7, 1)
        .bytes(&[0xff, 0xfe, 0])
        .zeros(1)
        .0;
    assert_eq!(parse(&bad_utf8), Err(DecodeError::at_attr(20, 1, K::InvalidUtf8 { valid_up_to: 0 })));
    let short_offs = B::default()
        .hdr(28, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS)
        .i32(-1)
        .attr(6, 2)
        .bytes(&[1, 0, 0, 0])
        .0;
    assert_eq!(parse(&short_offs), Err(DecodeError::at_attr(20, 2, K::BadLength { expected: 4, found: 2 })));
    let overrun =
        B::default().hdr(28, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS).i32(-1).attr(40, 1).zeros(4).0;
    assert_eq!(parse(&overrun), Err(DecodeError::at_attr(20, 1, K::Truncated { needed: 40, available: 8 })));
    let not_an_ack = B::default().hdr(16, 16, 0).0;
    assert_eq!(parse(&not_an_ack), Err(DecodeError::new(0, K::UnexpectedMessage { ty: 16 })));
}

#[test]
fn fact_16_deep_nesting_is_bounded_in_the_dump() {
    // 300 nests inside one another, each flagged NLA_F_NESTED.
    let depth = 300;
    let mut buf = Vec::new();
    for i in 0..depth {
        let len = 4 * (depth - i) + 4;
        buf.extend_from_slice(&(len as u16).to_ne_bytes());
        buf.extend_from_slice(&(1 | NLA_F_NESTED).to_ne_bytes());
    }
    buf.extend_from_slice(&[4, 0, 2, 0]);
    let text = HexDump::attributes(&buf).to_string();
    assert!(text.contains("nested deeper than 16: shown as bytes"), "{text}");
    assert!(text.lines().count() < 200, "{} lines", text.lines().count());
    let text = HexDump::attributes(&buf).max_depth(2).to_string();
    assert!(text.contains("nested deeper than 2"), "{text}");
}

#[test]
fn closing_a_nest_that_was_truncated_away_is_unbalanced() {
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    w.attr(1, &1u32).expect("attr");
    let nest = w.begin_nest(2).expect("nest");
    w.truncate(4);
    assert_eq!(w.end_nest(nest), Err(EncodeError::Unbalanced));
    let m = w.begin_message(16, 0, 1, 0).expect("message");
    w.truncate(0);
    assert_eq!(w.end_message(m), Err(EncodeError::Unbalanced));
}

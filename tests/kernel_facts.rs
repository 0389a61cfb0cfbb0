//! The KERNEL-FACTS items about the wire format that the framing, corpus and malformed-input
//! tests do not already pin (`fact_NN_` names them; socket facts live with the socket).
//! Values are the kernel's, from `include/uapi/linux/netlink.h` and `genetlink.h`.

use nlattr::codec::{decode_fixed, Be, Fixed, Le, Sint, Uint};
use nlattr::consts::*;
use nlattr::header::{read_header, Bitfield32, NlMsgHdr, RtnlLinkStats64};
use nlattr::{
    messages, Attrs, Decode, DecodeError, DecodeErrorKind as K, Encode, ExtAck, PolicyInfo, Writer,
};

fn encode<T: Encode + ?Sized>(v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    v.encode(&mut Writer::new(&mut out)).expect("encodes");
    assert_eq!(out.len(), v.encoded_len());
    out
}

#[test]
fn fact_06_control_types_and_flags_have_the_kernel_values() {
    assert_eq!((NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN, NLMSG_MIN_TYPE), (1, 2, 3, 4, 0x10));
    assert_eq!(GENL_ID_CTRL, 0x10);
    assert_eq!(
        [NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_ECHO, NLM_F_DUMP_INTR, NLM_F_DUMP_FILTERED],
        [0x1, 0x2, 0x4, 0x8, 0x10, 0x20]
    );
    assert_eq!([NLM_F_ROOT, NLM_F_MATCH, NLM_F_ATOMIC, NLM_F_DUMP], [0x100, 0x200, 0x400, 0x300]);
    assert_eq!([NLM_F_REPLACE, NLM_F_EXCL, NLM_F_CREATE, NLM_F_APPEND], [0x100, 0x200, 0x400, 0x800]);
    assert_eq!([NLM_F_NONREC, NLM_F_BULK], [0x100, 0x200]);
    assert_eq!([NLM_F_CAPPED, NLM_F_ACK_TLVS], [0x100, 0x200]);
    // The upper byte means different things per request kind.
    assert_eq!(NLM_F_ROOT, NLM_F_REPLACE);
    assert_eq!(NLM_F_NONREC, NLM_F_CAPPED);
}

#[test]
fn fact_07_repeated_types_are_all_yielded_in_wire_order() {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.attr(3, &1u32).expect("a");
    w.attr(1, &2u32).expect("b");
    w.attr(3, &3u32).expect("c");
    let seen: Vec<(u16, u32)> = Attrs::new(&buf, 0)
        .map(|a| a.and_then(|a| Ok((a.ty(), a.get::<u32>()?))))
        .collect::<Result<_, _>>()
        .expect("ok");
    assert_eq!(seen, [(3, 1), (1, 2), (3, 3)]);
    // Keeping the last, as the kernel's parser does, is one fold away.
    let last =
        Attrs::new(&buf, 0).filter_map(Result::ok).filter(|a| a.ty() == 3).last().map(|a| a.get::<u32>());
    assert_eq!(last, Some(Ok(3)));
}

#[test]
fn fact_08_headers_and_plain_integers_are_host_order() {
    let h = NlMsgHdr { len: 0x0102_0304, ty: 0x0506, flags: 0x0708, seq: 9, pid: 10 };
    let bytes = encode(&h);
    assert_eq!(&bytes[..4], &0x0102_0304u32.to_ne_bytes());
    assert_eq!(&bytes[4..6], &0x0506u16.to_ne_bytes());
    assert_eq!(read_header::<NlMsgHdr>(&bytes, 0), Ok(h));
    assert_eq!(encode(&0x0102_0304u32), 0x0102_0304u32.to_ne_bytes());
    assert_eq!(encode(&Be(0x0102_0304u32)), [1, 2, 3, 4]);
    assert_eq!(encode(&Le(0x0102_0304u32)), [4, 3, 2, 1]);
    assert_eq!(u32::decode(&0x0102_0304u32.to_ne_bytes(), 0), Ok(0x0102_0304));
}

#[test]
fn fact_09_fixed_width_integers_must_have_their_exact_size() {
    assert_eq!(u32::decode(&[1, 0, 0], 8), Err(DecodeError::new(8, K::BadLength { expected: 4, found: 3 })));
    assert_eq!(
        u32::decode(&[1, 0, 0, 0, 0], 8),
        Err(DecodeError::new(8, K::BadLength { expected: 4, found: 5 }))
    );
    assert_eq!(u16::decode(&[], 0), Err(DecodeError::new(0, K::BadLength { expected: 2, found: 0 })));
    assert_eq!(i64::decode(&[0; 4], 0), Err(DecodeError::new(0, K::BadLength { expected: 8, found: 4 })));
    assert_eq!(u8::decode(&[1, 0], 0), Err(DecodeError::new(0, K::BadLength { expected: 1, found: 2 })));
    assert_eq!(Be::<u16>::decode(&[1], 0), Err(DecodeError::new(0, K::BadLength { expected: 2, found: 1 })));
}

#[test]
fn fact_10_uint_and_sint_are_4_or_8_bytes_smallest_on_encode_4_aligned() {
    assert_eq!(encode(&Uint(u64::from(u32::MAX))).len(), 4);
    assert_eq!(encode(&Uint(u64::from(u32::MAX) + 1)).len(), 8);
    assert_eq!(encode(&Sint(i64::from(i32::MIN))).len(), 4);
    assert_eq!(encode(&Sint(i64::from(i32::MIN) - 1)).len(), 8);
    assert_eq!(encode(&Sint(-1)), (-1i32).to_ne_bytes());
    for bad in [0usize, 1, 2, 3, 5, 6, 7, 9, 16] {
        assert!(Uint::decode(&vec![0; bad], 0).is_err(), "{bad} bytes");
        assert!(Sint::decode(&vec![0; bad], 0).is_err(), "{bad} bytes");
    }
    assert_eq!(Sint::decode(&(-5i32).to_ne_bytes(), 0), Ok(Sint(-5)));
    assert_eq!(Uint::decode(&7u32.to_ne_bytes(), 0), Ok(Uint(7)));
    // The 8-byte form sits 4-aligned (payload at offset 4 of an 8-aligned buffer).
    let mut buf = Vec::new();
    Writer::new(&mut buf).attr(1, &Uint(1 << 40)).expect("uint");
    assert_eq!(buf.len(), 12);
    let a = Attrs::new(&buf, 0).next().expect("one").expect("frames");
    assert_eq!((a.payload_offset() % 8, a.get::<Uint>()), (4, Ok(Uint(1 << 40))));
}

#[test]
fn fact_11_pad_attributes_are_skipped_and_u64_need_no_8_byte_alignment() {
    // IFLA_PAD-style: an empty attribute before a u64, then a u64 without one.
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.flag(30).expect("pad");
    w.attr(1, &0x1122_3344_5566_7788u64).expect("u64 after a pad");
    w.attr(2, &9u64).expect("u64 without a pad");
    let attrs: Vec<_> = Attrs::new(&buf[..], 0).collect::<Result<_, _>>().expect("frames");
    assert!(attrs[0].is_empty());
    assert_eq!(attrs[0].get::<()>(), Ok(()));
    let values: Vec<u64> =
        attrs.iter().filter(|a| !a.is_empty()).map(|a| a.get::<u64>().expect("u64")).collect();
    assert_eq!(values, [0x1122_3344_5566_7788, 9]);
    assert_eq!(attrs[2].payload_offset() % 8, 4, "the second u64 is only 4-aligned");
}

#[test]
fn fact_12_bitfield32_is_value_then_selector_exactly_8_bytes() {
    let b = Bitfield32 { value: 0b101, selector: 0b111 };
    let bytes = encode(&b);
    assert_eq!(&bytes[..4], &5u32.to_ne_bytes());
    assert_eq!(&bytes[4..], &7u32.to_ne_bytes());
    assert_eq!(Bitfield32::decode(&bytes, 0), Ok(b));
    assert_eq!(
        Bitfield32::decode(&bytes[..7], 3),
        Err(DecodeError::new(3, K::BadLength { expected: 8, found: 7 }))
    );
    assert!(Bitfield32::decode(&[0; 12], 0).is_err());
}

#[test]
fn fact_13_policy_attribute_types_have_the_kernel_numbers_and_names() {
    let types = [
        (NL_ATTR_TYPE_INVALID, "invalid"),
        (NL_ATTR_TYPE_FLAG, "flag"),
        (NL_ATTR_TYPE_U8, "u8"),
        (NL_ATTR_TYPE_U16, "u16"),
        (NL_ATTR_TYPE_U32, "u32"),
        (NL_ATTR_TYPE_U64, "u64"),
        (NL_ATTR_TYPE_S8, "s8"),
        (NL_ATTR_TYPE_S16, "s16"),
        (NL_ATTR_TYPE_S32, "s32"),
        (NL_ATTR_TYPE_S64, "s64"),
        (NL_ATTR_TYPE_BINARY, "binary"),
        (NL_ATTR_TYPE_STRING, "string"),
        (NL_ATTR_TYPE_NUL_STRING, "nul-string"),
        (NL_ATTR_TYPE_NESTED, "nested"),
        (NL_ATTR_TYPE_NESTED_ARRAY, "nested-array"),
        (NL_ATTR_TYPE_BITFIELD32, "bitfield32"),
        (NL_ATTR_TYPE_SINT, "sint"),
        (NL_ATTR_TYPE_UINT, "uint"),
    ];
    for (i, (ty, name)) in types.iter().enumerate() {
        assert_eq!(*ty as usize, i, "enum netlink_attribute_type is dense from 0");
        assert_eq!(PolicyInfo { ty: Some(*ty), ..PolicyInfo::default() }.type_name(), Some(*name));
    }
    assert_eq!(PolicyInfo { ty: Some(18), ..PolicyInfo::default() }.type_name(), None);
}

#[test]
fn fact_14_strings_and_flags() {
    // NLA_STRING: the NUL is optional on input.
    assert_eq!(<&str>::decode(b"eth0", 0), Ok("eth0"));
    assert_eq!(<&str>::decode(b"eth0\0", 0), Ok("eth0"));
    // Bytes after a NUL that are not NUL are refused.
    assert_eq!(<&str>::decode(b"eth0\0x", 4), Err(DecodeError::new(4, K::InteriorNul { at: 4 })));
    // NLA_NUL_STRING: a borrowed C string needs its NUL.
    assert_eq!(<&core::ffi::CStr>::decode(b"eth0", 0), Err(DecodeError::new(0, K::MissingNul)));
    assert_eq!(<&core::ffi::CStr>::decode(b"eth0\0", 0).map(|c| c.to_bytes()), Ok(&b"eth0"[..]));
    // Encoding always adds the NUL.
    assert_eq!(encode("eth0"), b"eth0\0");
    // NLA_FLAG: must be empty.
    assert_eq!(<()>::decode(&[], 0), Ok(()));
    assert_eq!(<()>::decode(&[0], 6), Err(DecodeError::new(6, K::FlagWithPayload { found: 1 })));
}

#[test]
fn fact_16_decoders_bound_nesting_at_least_as_deep_as_the_kernel() {
    // The kernel stops at depth 10; the project's bound lets any kernel message through.
    const { assert!(MAX_NEST_DEPTH >= 10) };
    // Framing itself never recurses: a 10,000-deep chain of nests is walked level by
    // level by the caller, one Attrs at a time, with no stack growth inside the iterator.
    let depth = 10_000usize;
    let mut buf = Vec::new();
    for i in 0..depth {
        let len = 4 * (depth - i);
        buf.extend_from_slice(&u16::try_from(len.min(65_535)).expect("fits").to_ne_bytes());
        buf.extend_from_slice(&(1 | NLA_F_NESTED).to_ne_bytes());
    }
    let mut level = Attrs::new(&buf, 0);
    let mut seen = 0;
    while let Some(Ok(a)) = level.next() {
        seen += 1;
        level = a.nested();
    }
    assert!(seen > 10, "{seen}");
}

#[test]
fn fact_17_fixed_structs_grow_shorter_zero_extended_longer_accepted() {
    let stats = RtnlLinkStats64 { rx_packets: 4, rx_otherhost_dropped: 9, ..RtnlLinkStats64::default() };
    let full = encode(&stats);
    assert_eq!(full.len(), 200);
    // An older kernel's 23 counters.
    let old: RtnlLinkStats64 = decode_fixed(&full[..184], 0).expect("shorter");
    assert_eq!((old.rx_packets, old.rx_nohandler, old.rx_otherhost_dropped), (4, 0, 0));
    // A newer kernel's 26 counters.
    let mut newer = full.clone();
    newer.extend_from_slice(&77u64.to_ne_bytes());
    let new: RtnlLinkStats64 = decode_fixed(&newer, 0).expect("longer");
    assert_eq!(new, stats);
    assert_eq!(Fixed::<RtnlLinkStats64>::decode(&newer, 0), Ok(Fixed(stats)));
}

/// An `NLMSG_DONE` carrying `error` and the given extended-ACK attributes.
fn done_with(error: i32, tlvs: impl FnOnce(&mut Writer<'_>)) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    let m = w.begin_message(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, 3, 0).expect("begin");
    w.put(&error.to_ne_bytes()).expect("error");
    tlvs(&mut w);
    w.end_message(m).expect("end");
    buf
}

#[test]
fn fact_21_every_extended_ack_attribute_is_read() {
    assert_eq!(
        [
            NLMSGERR_ATTR_MSG,
            NLMSGERR_ATTR_OFFS,
            NLMSGERR_ATTR_COOKIE,
            NLMSGERR_ATTR_POLICY,
            NLMSGERR_ATTR_MISS_TYPE,
            NLMSGERR_ATTR_MISS_NEST
        ],
        [1, 2, 3, 4, 5, 6]
    );
    let buf = done_with(-34, |w| {
        w.attr(NLMSGERR_ATTR_MSG, "out of range").expect("msg");
        w.attr(NLMSGERR_ATTR_OFFS, &36u32).expect("offs");
        w.attr(NLMSGERR_ATTR_COOKIE, &[1u8, 2, 3][..]).expect("cookie");
        let p = w.begin_nest(NLMSGERR_ATTR_POLICY).expect("policy");
        w.attr(NL_POLICY_TYPE_ATTR_TYPE, &NL_ATTR_TYPE_U32).expect("type");
        w.attr(NL_POLICY_TYPE_ATTR_MIN_VALUE_U, &68u64).expect("min");
        w.attr(NL_POLICY_TYPE_ATTR_MAX_VALUE_U, &65_535u64).expect("max");
        w.end_nest(p).expect("policy");
        w.attr(NLMSGERR_ATTR_MISS_TYPE, &3u32).expect("miss type");
        w.attr(NLMSGERR_ATTR_MISS_NEST, &20u32).expect("miss nest");
    });
    let m = messages(&buf).next().expect("one").expect("frames");
    let ack = ExtAck::parse(&m).expect("parses");
    assert_eq!(ack.errno, 34);
    assert_eq!(ack.message, Some("out of range"));
    assert_eq!(ack.offset, Some(36));
    assert_eq!(ack.cookie, Some(&[1u8, 2, 3][..]));
    assert_eq!((ack.missing_type, ack.missing_nest), (Some(3), Some(20)));
    let policy = ack.policy.expect("policy");
    assert_eq!((policy.ty, policy.min_u, policy.max_u), (Some(NL_ATTR_TYPE_U32), Some(68), Some(65_535)));
    assert_eq!(
        ack.to_string(),
        "ERANGE (errno 34): out of range (attribute at byte 36 of the request) \
         (missing attribute type 3 in the nest at byte 20) (expected u32, range 68..=65535)"
    );
    // An ACK with a message and no error is a warning.
    let warn = done_with(0, |w| w.attr(NLMSGERR_ATTR_MSG, "careful").expect("msg"));
    let ack = ExtAck::parse(&messages(&warn).next().expect("one").expect("frames")).expect("parses");
    assert!(ack.is_warning() && !ack.is_error());
}

#[test]
fn fact_22_policy_description_attributes() {
    assert_eq!(
        [
            NL_POLICY_TYPE_ATTR_TYPE,
            NL_POLICY_TYPE_ATTR_MIN_VALUE_S,
            NL_POLICY_TYPE_ATTR_MAX_VALUE_S,
            NL_POLICY_TYPE_ATTR_MIN_VALUE_U,
            NL_POLICY_TYPE_ATTR_MAX_VALUE_U,
            NL_POLICY_TYPE_ATTR_MIN_LENGTH,
            NL_POLICY_TYPE_ATTR_MAX_LENGTH,
            NL_POLICY_TYPE_ATTR_POLICY_IDX,
            NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE,
            NL_POLICY_TYPE_ATTR_BITFIELD32_MASK,
            NL_POLICY_TYPE_ATTR_PAD,
            NL_POLICY_TYPE_ATTR_MASK,
        ],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    );
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.attr(NL_POLICY_TYPE_ATTR_TYPE, &NL_ATTR_TYPE_S32).expect("type");
    w.flag(NL_POLICY_TYPE_ATTR_PAD).expect("pad");
    w.attr(NL_POLICY_TYPE_ATTR_MIN_VALUE_S, &-5i64).expect("min");
    w.attr(NL_POLICY_TYPE_ATTR_MAX_VALUE_S, &Sint(5)).expect("max, 4-byte form");
    w.attr(NL_POLICY_TYPE_ATTR_MIN_LENGTH, &1u32).expect("min len");
    w.attr(NL_POLICY_TYPE_ATTR_MAX_LENGTH, &15u32).expect("max len");
    w.attr(NL_POLICY_TYPE_ATTR_POLICY_IDX, &2u32).expect("idx");
    w.attr(NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE, &9u32).expect("maxtype");
    w.attr(NL_POLICY_TYPE_ATTR_BITFIELD32_MASK, &0xffu32).expect("bf mask");
    w.attr(NL_POLICY_TYPE_ATTR_MASK, &0xf0u64).expect("mask");
    let p = PolicyInfo::parse(Attrs::new(&buf, 0)).expect("parses");
    assert_eq!(
        p,
        PolicyInfo {
            ty: Some(NL_ATTR_TYPE_S32),
            min_s: Some(-5),
            max_s: Some(5),
            min_u: None,
            max_u: None,
            min_len: Some(1),
            max_len: Some(15),
            policy_idx: Some(2),
            policy_maxtype: Some(9),
            bitfield32_mask: Some(0xff),
            mask: Some(0xf0),
        }
    );
    // A malformed entry is an error naming the attribute.
    let bad = [6u8, 0, 7, 0, 1, 0, 0, 0];
    assert_eq!(
        PolicyInfo::parse(Attrs::new(&bad, 100)),
        Err(DecodeError::at_attr(100, 7, K::BadLength { expected: 4, found: 2 }))
    );
}

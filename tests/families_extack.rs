//! Extended ACKs read through the derived `ExtAckAttrs`/`PolicyInfo` on every error and
//! ACK capture, the echoed requests decoded with the families, and the families' own
//! checks and error paths.

mod families_common;

use std::net::{IpAddr, Ipv6Addr};

use families_common::{datagrams, dir, expected, items};
use nlattr::consts::*;
use nlattr::extack::ExtAckAttrs;
use nlattr::families::ctrl::{Family, GetFamily};
use nlattr::families::route::addr::Addr;
use nlattr::families::route::link::{Link, LinkData, LinkInfo, OperState, VethInfo, VethPeer, IFLA_IFNAME};
use nlattr::families::route::route::{NextHop, Route};
use nlattr::header::{GenlMsgHdr, IfInfoMsg};
use nlattr::policy::HasPolicy;
use nlattr::{
    messages, AckKind, AttrSet, Decode, DecodeErrorKind, Encode, EncodeError, ExtAck, PolicyInfo, Segment,
    Writer,
};

fn path(segs: impl Iterator<Item = Segment>) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Segment::Field(f) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(f);
            }
            Segment::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

#[test]
fn every_error_and_ack_capture_reads_as_expected() {
    let names = [
        "ack_newlink_set_mtu",
        "err_newlink_unknown_kind",
        "err_newaddr_bad_prefixlen",
        "err_newaddr_bad_prefixlen_capped",
        "err_strict_getroute_dump_bad_header",
        "err_genl_getfamily_unknown",
        "err_ethtool_linkinfo_missing_header",
    ];
    for name in names {
        let (dg, exp) = (datagrams(name), expected(name));
        let its = items(&dg, &exp);
        assert_eq!(its.len(), 1, "{name}");
        let it = &its[0];
        let ack = ExtAck::parse(&it.msg).unwrap();
        let e = &it.expected;
        assert_eq!(i64::from(-ack.errno), e["fields"]["error"].as_i64().unwrap(), "{name}");
        assert_eq!(ack.flags, it.msg.flags());
        assert_eq!(ack.kind, if it.msg.ty() == NLMSG_DONE { AckKind::Done } else { AckKind::Error });
        assert_eq!(ack.message, e["attrs"]["NLMSGERR_ATTR_MSG"].as_str(), "{name}");
        assert_eq!(ack.missing_type.map(u64::from), e["attrs"]["NLMSGERR_ATTR_MISS_TYPE"].as_u64(), "{name}");
        if let Some(h) = ack.request {
            assert_eq!(e["echoed_header"]["length"], h.len, "{name}");
            assert_eq!(e["echoed_header"]["type"], h.ty, "{name}");
            assert_eq!(e["echoed_header"]["sequence_number"], h.seq, "{name}");
        }
        // The request as sent is echoed in full unless capped.
        let request = std::fs::read(dir(name).join("request.bin")).unwrap();
        match ack.request_payload {
            Some(p) => assert_eq!(p, &request[16..], "{name}"),
            None => assert!(ack.is_capped() || ack.kind == AckKind::Done, "{name}"),
        }
    }
}

#[test]
fn echoed_requests_decode_with_the_families() {
    // `ip link add bad0 type nosuchkind`: the unknown kind's data stays raw.
    let dg = datagrams("err_newlink_unknown_kind");
    let msg = messages(&dg[0]).next().unwrap().unwrap();
    let ack = ExtAck::parse(&msg).unwrap();
    assert_eq!(ack.message, Some("Unknown device type"));
    let body = ack.request_payload.unwrap();
    let link = Link::decode(body, 0).unwrap();
    assert_eq!(link.ifname, Some("bad0"));
    assert_eq!(link.kind(), Some("nosuchkind"));

    let dg = datagrams("err_newaddr_bad_prefixlen");
    let msg = messages(&dg[0]).next().unwrap().unwrap();
    let a = Addr::decode(ExtAck::parse(&msg).unwrap().request_payload.unwrap(), 0).unwrap();
    assert_eq!((a.hdr.prefixlen, a.local.map(|x| x.to_string())), (40, Some("10.9.9.9".into())));

    let dg = datagrams("err_genl_getfamily_unknown");
    let msg = messages(&dg[0]).next().unwrap().unwrap();
    let g = GetFamily::decode(ExtAck::parse(&msg).unwrap().request_payload.unwrap(), 0).unwrap();
    assert_eq!(g.name, Some("nosuchfamily"));
}

#[test]
fn ext_ack_attributes_round_trip_with_a_policy() {
    let attrs = ExtAckAttrs {
        message: Some("mtu greater than device maximum"),
        offset: Some(36),
        missing_type: Some(3),
        missing_nest: Some(20),
        cookie: Some(&[1, 2, 3]),
        policy: Some(PolicyInfo {
            ty: Some(NL_ATTR_TYPE_U32),
            min_u: Some(68),
            max_u: Some(65535),
            ..Default::default()
        }),
    };
    let mut buf = Vec::new();
    attrs.encode(&mut Writer::new(&mut buf)).unwrap();
    assert_eq!(buf.len(), attrs.encoded_len());
    assert_eq!(ExtAckAttrs::decode(&buf, 0).unwrap(), attrs);

    // As the kernel frames it: NLMSG_ERROR, capped, with TLVs.
    let mut msg = Vec::new();
    let mut w = Writer::new(&mut msg);
    let m = w.begin_message(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, 7, 0).unwrap();
    w.put(&(-34i32).to_ne_bytes()).unwrap();
    w.put_struct(&nlattr::header::NlMsgHdr { len: 64, ty: RTM_NEWLINK, flags: 5, seq: 7, pid: 0 }).unwrap();
    attrs.encode(&mut w).unwrap();
    w.end_message(m).unwrap();
    let ack = ExtAck::parse(&messages(&msg).next().unwrap().unwrap()).unwrap();
    assert_eq!(ack.errno, 34);
    assert_eq!(ack.message, attrs.message);
    assert_eq!((ack.offset, ack.missing_type, ack.missing_nest), (Some(36), Some(3), Some(20)));
    assert_eq!(ack.cookie, Some(&[1u8, 2, 3][..]));
    assert_eq!(ack.policy, attrs.policy);
    assert_eq!(ack.policy.unwrap().to_string(), "expected u32, range 68..=65535");
}

#[test]
fn missing_type_accepts_u16_and_u32_and_rejects_other_sizes() {
    // NLMSGERR_ATTR_MISS_TYPE as u16, then as u32.
    let two = [6u8, 0, 5, 0, 9, 0, 0, 0];
    assert_eq!(ExtAckAttrs::decode(&two, 0).unwrap().missing_type, Some(9));
    let four = [8u8, 0, 5, 0, 9, 0, 0, 0];
    assert_eq!(ExtAckAttrs::decode(&four, 0).unwrap().missing_type, Some(9));
    let three = [7u8, 0, 5, 0, 9, 0, 0, 0];
    let e = ExtAckAttrs::decode(&three, 100).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::BadLength { expected: 4, found: 3 });
    assert_eq!((e.offset, e.attr_type), (100, Some(5)));
    assert_eq!(path(e.path.segments()), "missing_type");
}

#[test]
fn policy_info_parse_keeps_its_api() {
    // NL_POLICY_TYPE_ATTR_TYPE = u16 (3), MAX_VALUE_U = 65535 (8 bytes), a pad attribute.
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.attr(NL_POLICY_TYPE_ATTR_PAD, &()).unwrap();
    w.attr(NL_POLICY_TYPE_ATTR_MAX_VALUE_U, &65535u64).unwrap();
    w.attr(NL_POLICY_TYPE_ATTR_TYPE, &3u32).unwrap();
    let p = PolicyInfo::parse(nlattr::Attrs::new(&buf, 0)).unwrap();
    assert_eq!((p.ty, p.max_u, p.type_name()), (Some(3), Some(65535), Some("u16")));
    // A 4-byte bound is read too (the kernel writes 8) and written back as 8 bytes.
    let four = [8u8, 0, 5, 0, 1, 0, 0, 0];
    let p = PolicyInfo::parse(nlattr::Attrs::new(&four, 40)).unwrap();
    assert_eq!(p.max_u, Some(1));
    let mut out = Vec::new();
    p.encode(&mut Writer::new(&mut out)).unwrap();
    assert_eq!(out, [12, 0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    // Any other size is an error at that attribute.
    let bad = [7u8, 0, 5, 0, 1, 0, 0, 0];
    let e = PolicyInfo::parse(nlattr::Attrs::new(&bad, 40)).unwrap_err();
    assert_eq!((e.offset, e.attr_type), (40, Some(NL_POLICY_TYPE_ATTR_MAX_VALUE_U)));
    // `parse` keeps its old error shape, without a path; the derived decoder names the field.
    assert!(e.path.is_empty());
    let e = PolicyInfo::decode(&bad, 40).unwrap_err();
    assert_eq!(path(e.path.segments()), "max_u");
}

#[test]
fn getfamily_request_is_the_kernel_documentation_example() {
    // Documentation/userspace-api/netlink/intro.rst: CTRL_CMD_GETFAMILY "test1".
    let req = GetFamily {
        hdr: GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 },
        id: None,
        name: Some("test1"),
    };
    let bytes = req.to_message_vec(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0).unwrap();
    #[rustfmt::skip]
    let want: [u8; 32] = [
        32, 0, 0, 0, 0x10, 0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0,
        3, 2, 0, 0,
        10, 0, 2, 0, b't', b'e', b's', b't', b'1', 0, 0, 0,
    ];
    assert_eq!(bytes, want);
    let msg = messages(&bytes).next().unwrap().unwrap();
    assert_eq!(GetFamily::decode_message(&msg).unwrap(), req);
}

#[test]
fn family_errors_name_the_field() {
    // A family without CTRL_ATTR_FAMILY_ID: required.
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.put_struct(&GenlMsgHdr { cmd: CTRL_CMD_NEWFAMILY, version: 2, reserved: 0 }).unwrap();
    w.attr(CTRL_ATTR_FAMILY_NAME, "x").unwrap();
    let e = Family::decode(&buf, 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Missing);
    assert_eq!(path(e.path.segments()), "id");

    // An operation whose CTRL_ATTR_OP_ID is 2 bytes. (The writer counts from where it
    // started appending.)
    let base = buf.len();
    let mut w = Writer::new(&mut buf);
    w.attr(CTRL_ATTR_FAMILY_ID, &0x20u16).unwrap();
    let ops = w.begin_nest(CTRL_ATTR_OPS).unwrap();
    let op = w.begin_nest(1).unwrap();
    w.attr(CTRL_ATTR_OP_ID, &3u32).unwrap();
    w.end_nest(op).unwrap();
    let op = w.begin_nest(2).unwrap();
    let bad_at = base + w.len();
    w.attr(CTRL_ATTR_OP_ID, &3u16).unwrap();
    w.end_nest(op).unwrap();
    w.end_nest(ops).unwrap();
    let e = Family::decode(&buf, 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::BadLength { expected: 4, found: 2 });
    assert_eq!((e.offset, e.attr_type), (bad_at, Some(CTRL_ATTR_OP_ID)));
    assert_eq!(path(e.path.segments()), "ops[1].id");
}

fn veth_request<'a>(peer: &'a str) -> Link<'a> {
    Link {
        ifname: Some("v0"),
        mtu: Some(1400),
        linkinfo: Some(LinkInfo {
            kind: Some("veth"),
            data: Some(LinkData::Veth(VethInfo {
                peer: Some(VethPeer { ifname: Some(peer), ..Default::default() }),
            })),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn veth_request_offsets_map_back_to_field_paths() {
    let req = veth_request("v1");
    let bytes = req.to_message_vec(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_CREATE, 1, 0).unwrap();
    // Find the peer's IFLA_IFNAME by walking the bytes: linkinfo > data > peer > ifname.
    let msg = messages(&bytes).next().unwrap().unwrap();
    let linkinfo = msg.attrs_after(16).map(Result::unwrap).find(|a| a.ty() == IFLA_LINKINFO).unwrap();
    let data = linkinfo.nested().map(Result::unwrap).find(|a| a.ty() == 2).unwrap();
    let peer = data.nested().next().unwrap().unwrap();
    let name = nlattr::Attrs::new(&peer.payload()[16..], peer.payload_offset() + 16).next().unwrap().unwrap();
    assert_eq!(name.ty(), IFLA_IFNAME);
    let p = Link::POLICY.path_of_offset(&bytes, name.offset()).unwrap();
    assert_eq!(path(p.segments()), "linkinfo.data.peer.ifname");
    let p = Link::POLICY.path_of_offset(&bytes, 32).unwrap();
    assert_eq!(path(p.segments()), "ifname");
    let (p, complete) = Link::POLICY.path_of_types(&[IFLA_LINKINFO, 1]);
    assert!(complete);
    assert_eq!(path(p.segments()), "linkinfo.kind");
}

const IFLA_LINKINFO: u16 = 18;

#[test]
fn names_too_long_for_the_kernel_are_refused_before_sending() {
    let req = veth_request("a-name-of-sixteen");
    let Err(EncodeError::Invalid { attr_type, path: p, kind }) = req.check() else {
        panic!("a 17-byte peer name passed the checks");
    };
    assert_eq!(attr_type, IFLA_IFNAME);
    assert_eq!(path(p.segments()), "linkinfo.data.peer.ifname");
    assert_eq!(kind, DecodeErrorKind::TooLong { max: 15, found: 17 });
    assert!(veth_request("v1").check().is_ok());
}

#[test]
fn unknown_operstates_are_kept() {
    assert_eq!(OperState::decode(&[6], 0).unwrap(), OperState::Up);
    let s = OperState::decode(&[9], 0).unwrap();
    assert_eq!(s, OperState::Other(9));
    assert_eq!(s.name(), None);
    let mut buf = Vec::new();
    s.encode(&mut Writer::new(&mut buf)).unwrap();
    assert_eq!(buf, [9]);
}

#[test]
fn multipath_records_are_checked() {
    let hop = |weight| NextHop {
        flags: 0,
        weight,
        ifindex: 4,
        attrs: nlattr::families::route::route::NextHopAttrs {
            gateway: Some(IpAddr::V6(Ipv6Addr::LOCALHOST)),
            ..Default::default()
        },
    };
    // A weight of 0 cannot be written: rtnh_hops is weight - 1.
    let hops = [hop(1), hop(0)];
    let r = Route { multipath: Some((&hops[..]).into()), ..Default::default() };
    let e = r.to_message_vec(RTM_NEWROUTE, NLM_F_REQUEST, 1, 0).unwrap_err();
    let EncodeError::Invalid { path: p, .. } = e else { panic!("{e:?}") };
    assert_eq!(path(p.segments()), "multipath[1].weight");
    let hops = [hop(256), hop(1)];
    let r = Route { multipath: Some((&hops[..]).into()), ..Default::default() };
    let bytes = r.to_message_vec(RTM_NEWROUTE, NLM_F_REQUEST, 1, 0).unwrap();
    let msg = messages(&bytes).next().unwrap().unwrap();
    let back = Route::decode_message(&msg).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.multipath.as_ref().unwrap().first().unwrap().weight, 256);

    // rtnh_len below the 8-byte record, then past the end.
    use nlattr::families::route::route::multipath;
    let e = multipath::decode(&[4, 0, 0, 0, 4, 0, 0, 0], 50).unwrap_err();
    assert_eq!((e.offset, path(e.path.segments())), (50, "[0]".to_string()));
    assert!(matches!(e.kind, DecodeErrorKind::Invalid(_)));
    let rec = [8u8, 0, 0, 0, 4, 0, 0, 0, 40, 0, 0, 0, 4, 0, 0, 0];
    let e = multipath::decode(&rec, 50).unwrap_err();
    assert_eq!((e.offset, e.kind), (58, DecodeErrorKind::Truncated { needed: 40, available: 8 }));
    assert_eq!(path(e.path.segments()), "[1]");
    let e = multipath::decode(&rec[..11], 0).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Truncated { needed: 8, available: 3 });
}

#[test]
fn the_link_header_is_kept_inside_the_veth_peer() {
    let mut req = veth_request("v1");
    if let Some(LinkData::Veth(v)) = req.linkinfo.as_mut().and_then(|i| i.data.as_mut()) {
        v.peer.as_mut().unwrap().hdr = IfInfoMsg { flags: 1, change: 1, ..Default::default() };
    }
    let bytes = req.to_message_vec(RTM_NEWLINK, NLM_F_REQUEST, 1, 0).unwrap();
    let back = Link::decode_message(&messages(&bytes).next().unwrap().unwrap()).unwrap();
    assert_eq!(back, req);
}

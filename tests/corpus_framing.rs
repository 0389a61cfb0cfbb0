//! Every kernel capture in `tests/fixtures/corpus` frames and iterates without error down to
//! every nested attribute, and agrees with `meta.json` (datagram and message counts, types,
//! the terminal ACK/DONE) and with pyroute2's independent decoding in `expected/*.json`
//! (headers, fixed-header fields, distinct attribute types per message, and the attribute
//! types seen at each nesting level it lists).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nlattr::consts::{
    align4, MAX_NEST_DEPTH, NETLINK_GENERIC, NETLINK_ROUTE, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN,
    NLM_F_ACK_TLVS, NLM_F_CAPPED,
};
use nlattr::dump::{family_header_len, HexDump};
use nlattr::header::{read_header, GenlMsgHdr, IfAddrMsg, IfInfoMsg, NlMsgHdr, RtMsg};
use nlattr::{messages, AckKind, Attr, Attrs, ExtAck, Message};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

struct Exchange {
    name: String,
    meta: Value,
    expected: Value,
    protocol: i32,
    request: Vec<u8>,
    datagrams: Vec<Vec<u8>>,
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn exchanges() -> Vec<Exchange> {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus is in tests/fixtures/corpus")
        .map(|e| e.expect("dir entry"))
        .filter(|e| e.path().join("meta.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 15, "the corpus holds 15 exchanges: {names:?}");
    names
        .into_iter()
        .map(|name| {
            let meta = read_json(&dir.join(&name).join("meta.json"));
            let expected = read_json(&dir.join("expected").join(format!("{name}.json")));
            let protocol = match meta["protocol"].as_str() {
                Some("NETLINK_ROUTE") => NETLINK_ROUTE,
                Some("NETLINK_GENERIC") => NETLINK_GENERIC,
                other => panic!("{name}: unexpected protocol {other:?}"),
            };
            let request = std::fs::read(dir.join(&name).join("request.bin")).expect("request.bin");
            let datagrams = meta["datagrams"]
                .as_array()
                .expect("datagrams")
                .iter()
                .map(|d| {
                    std::fs::read(dir.join(&name).join(d["file"].as_str().expect("file")))
                        .expect("reply file")
                })
                .collect();
            Exchange { name, meta, expected, protocol, request, datagrams }
        })
        .collect()
}

fn exchange(name: &str) -> Exchange {
    exchanges().into_iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no exchange {name}"))
}

fn as_u64(v: &Value, what: &str) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("{what}: not an unsigned integer: {v}"))
}

fn as_i64(v: &Value, what: &str) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("{what}: not an integer: {v}"))
}

fn frame<'a>(name: &str, datagram: &'a [u8]) -> Vec<Message<'a>> {
    messages(datagram)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{name}: {e}\n{}", HexDump::new(datagram)))
}

/// Family header length of a non-control message.
fn header_len(protocol: i32, ty: u16) -> usize {
    family_header_len(protocol, ty).unwrap_or_else(|| panic!("no family header length for type {ty}"))
}

/// Where the extended-ACK attributes of an `NLMSG_ERROR`/`NLMSG_DONE` start in its payload.
fn ext_ack_start(m: &Message<'_>) -> Option<usize> {
    if m.flags() & NLM_F_ACK_TLVS == 0 {
        return None;
    }
    if m.is_done() {
        return Some(4);
    }
    let error = i32::from_ne_bytes(m.payload[..4].try_into().expect("4 bytes"));
    let echoed: NlMsgHdr = read_header(&m.payload[4..], m.payload_offset() + 4).expect("echoed header");
    if m.flags() & NLM_F_CAPPED != 0 || error == 0 {
        Some(4 + NLMSG_HDRLEN)
    } else {
        Some(4 + NLMSG_HDRLEN + align4(echoed.len as usize - NLMSG_HDRLEN))
    }
}

// ---------------------------------------------------------------------------------------
// Framing and counts against meta.json

#[test]
fn every_datagram_frames_with_the_counts_meta_json_lists() {
    for ex in exchanges() {
        let meta_datagrams = ex.meta["datagrams"].as_array().expect("datagrams");
        assert_eq!(
            ex.datagrams.len() as u64,
            as_u64(&ex.meta["datagram_count"], "datagram_count"),
            "{}",
            ex.name
        );
        let mut total = 0;
        let mut histogram: BTreeMap<u16, u64> = BTreeMap::new();
        for (i, (bytes, meta)) in ex.datagrams.iter().zip(meta_datagrams).enumerate() {
            let what = format!("{} datagram {i}", ex.name);
            assert_eq!(bytes.len() as u64, as_u64(&meta["bytes"], "bytes"), "{what}");
            let msgs = frame(&what, bytes);
            assert_eq!(msgs.len() as u64, as_u64(&meta["messages"], "messages"), "{what}");
            let types: Vec<u64> = msgs.iter().map(|m| u64::from(m.ty())).collect();
            let listed: BTreeSet<u64> =
                meta["types"].as_array().expect("types").iter().map(|t| as_u64(t, "type")).collect();
            assert_eq!(types.iter().copied().collect::<BTreeSet<_>>(), listed, "{what}");
            // Each message lies inside the datagram, one after the other, 4-aligned.
            let mut next = 0;
            for m in &msgs {
                assert_eq!(m.offset, next, "{what}");
                next = align4(m.offset + m.header.len as usize).min(bytes.len());
                *histogram.entry(m.ty()).or_default() += 1;
            }
            assert_eq!(next, bytes.len(), "{what}");
            total += msgs.len();
        }
        assert_eq!(total as u64, as_u64(&ex.meta["message_count"], "message_count"), "{}", ex.name);
        let meta_hist: BTreeMap<u16, u64> = ex.meta["message_type_histogram"]
            .as_object()
            .expect("histogram")
            .iter()
            .map(|(k, v)| (k.parse().expect("type"), as_u64(v, "count")))
            .collect();
        assert_eq!(histogram, meta_hist, "{}", ex.name);
    }
}

#[test]
fn every_request_frames_as_meta_json_describes_it() {
    for ex in exchanges() {
        let msgs = frame(&ex.name, &ex.request);
        assert_eq!(msgs.len(), 1, "{}", ex.name);
        let r = &ex.meta["request"];
        let h = msgs[0].header;
        assert_eq!(u64::from(h.len), as_u64(&r["nlmsg_len"], "nlmsg_len"), "{}", ex.name);
        assert_eq!(u64::from(h.ty), as_u64(&r["nlmsg_type"], "nlmsg_type"), "{}", ex.name);
        assert_eq!(u64::from(h.flags), as_u64(&r["nlmsg_flags"], "nlmsg_flags"), "{}", ex.name);
        assert_eq!(u64::from(h.seq), as_u64(&r["nlmsg_seq"], "nlmsg_seq"), "{}", ex.name);
        assert_eq!(ex.request.len() as u64, as_u64(&r["bytes"], "bytes"), "{}", ex.name);
        // The request's attributes iterate too (the strict getroute one has a bad header
        // on purpose, but a well-framed one).
        let hlen = header_len(ex.protocol, h.ty);
        if msgs[0].payload.len() >= hlen {
            for a in msgs[0].attrs_after(hlen) {
                a.unwrap_or_else(|e| panic!("{} request: {e}", ex.name));
            }
        }
    }
}

#[test]
fn terminal_messages_match_meta_json() {
    for ex in exchanges() {
        let terminals = ex.meta["terminal_messages"].as_array().expect("terminal_messages");
        let mut seen = Vec::new();
        for (i, bytes) in ex.datagrams.iter().enumerate() {
            for m in frame(&ex.name, bytes) {
                if m.is_error() || m.is_done() {
                    let ack = ExtAck::parse(&m)
                        .unwrap_or_else(|e| panic!("{}: {e}\n{}", ex.name, HexDump::new(bytes)));
                    seen.push((i, m, ack));
                }
            }
        }
        assert_eq!(seen.len(), terminals.len(), "{}", ex.name);
        for ((datagram, m, ack), t) in seen.iter().zip(terminals) {
            let what = &ex.name;
            assert_eq!(*datagram as u64, as_u64(&t["datagram"], "datagram"), "{what}");
            let kind = if m.is_error() { "NLMSG_ERROR" } else { "NLMSG_DONE" };
            assert_eq!(Some(kind), t["msg_type"].as_str(), "{what}");
            assert_eq!(ack.kind, if m.is_error() { AckKind::Error } else { AckKind::Done }, "{what}");
            assert_eq!(i64::from(-ack.errno), as_i64(&t["error"], "error"), "{what}");
            assert_eq!(u64::from(ack.flags), as_u64(&t["flags"], "flags"), "{what}");
            let ext = t["ext_ack"].as_object().expect("ext_ack");
            assert_eq!(ack.message, ext.get("MSG").and_then(Value::as_str), "{what}");
            assert_eq!(
                ack.missing_type.map(u64::from),
                ext.get("MISS_TYPE").and_then(Value::as_u64),
                "{what}"
            );
            assert_eq!(ack.offset.map(u64::from), ext.get("OFFS").and_then(Value::as_u64), "{what}");
            assert!(ack.cookie.is_none() && ack.policy.is_none() && ack.missing_nest.is_none(), "{what}");
            if let Some(orig) = t.get("orig_header") {
                let req = ack.request.expect("NLMSG_ERROR echoes the request header");
                assert_eq!(u64::from(req.len), as_u64(&orig["len"], "len"), "{what}");
                assert_eq!(u64::from(req.ty), as_u64(&orig["type"], "type"), "{what}");
                assert_eq!(u64::from(req.flags), as_u64(&orig["flags"], "flags"), "{what}");
                assert_eq!(u64::from(req.seq), as_u64(&orig["seq"], "seq"), "{what}");
                assert_eq!(u64::from(req.pid), as_u64(&orig["pid"], "pid"), "{what}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The error captures, one by one (corpus/README.md)

fn only_ack(name: &str) -> (Exchange, NlMsgHdr) {
    let ex = exchange(name);
    assert_eq!(ex.datagrams.len(), 1, "{name}");
    let h = frame(name, &ex.datagrams[0])[0].header;
    (ex, h)
}

fn parse_only(ex: &Exchange) -> ExtAck<'_> {
    let m = messages(&ex.datagrams[0]).next().expect("one message").expect("frames");
    ExtAck::parse(&m).expect("an ACK")
}

#[test]
fn fact_19_success_ack_is_capped() {
    let (ex, _) = only_ack("ack_newlink_set_mtu");
    let ack = parse_only(&ex);
    assert_eq!((ack.kind, ack.errno, ack.flags), (AckKind::Error, 0, NLM_F_CAPPED));
    assert!(ack.is_capped() && !ack.is_error() && !ack.is_warning());
    assert_eq!(ack.request_payload, None);
    // The echoed header keeps the request's original length although only it was echoed.
    let sent: NlMsgHdr = read_header(&ex.request, 0).expect("request header");
    assert_eq!(ack.request, Some(sent));
    assert!(sent.len as usize > NLMSG_HDRLEN);
}

#[test]
fn unknown_device_kind_is_eopnotsupp_with_its_message() {
    let (ex, _) = only_ack("err_newlink_unknown_kind");
    let ack = parse_only(&ex);
    assert_eq!((ack.errno, ack.flags, ack.message), (95, NLM_F_ACK_TLVS, Some("Unknown device type")));
    assert!(ack.is_error() && !ack.is_capped());
    // Uncapped: the request comes back in full.
    assert_eq!(ack.request_payload, Some(&ex.request[NLMSG_HDRLEN..]));
    assert_eq!(ack.to_string(), "EOPNOTSUPP (errno 95): Unknown device type");
}

#[test]
fn fact_19_capped_and_uncapped_prefix_length_errors_agree() {
    let full = exchange("err_newaddr_bad_prefixlen");
    let capped = exchange("err_newaddr_bad_prefixlen_capped");
    let a = parse_only(&full);
    let b = parse_only(&capped);
    assert_eq!((a.errno, a.flags), (22, NLM_F_ACK_TLVS));
    assert_eq!((b.errno, b.flags), (22, NLM_F_CAPPED | NLM_F_ACK_TLVS));
    assert_eq!(a.message, Some("ipv4: Invalid prefix length"));
    // The same typed result, whether the request was echoed or not.
    assert_eq!(
        (a.errno, a.message, a.offset, a.missing_type),
        (b.errno, b.message, b.offset, b.missing_type)
    );
    assert_eq!(a.to_string(), b.to_string());
    // Uncapped carries the request's payload; capped only its header, whose length is
    // still the original 40 (never to be used to skip).
    assert_eq!(a.request_payload, Some(&full.request[NLMSG_HDRLEN..]));
    assert_eq!(b.request_payload, None);
    assert_eq!(b.request.map(|h| h.len), Some(40));
    assert_eq!(capped.datagrams[0].len(), 68);
}

#[test]
fn fact_20_strict_getroute_dump_fails_in_its_done() {
    let (ex, h) = only_ack("err_strict_getroute_dump_bad_header");
    assert_eq!(h.ty, NLMSG_DONE);
    let ack = parse_only(&ex);
    assert_eq!(ack.kind, AckKind::Done);
    assert_eq!((ack.errno, ack.flags), (22, nlattr::consts::NLM_F_MULTI | NLM_F_ACK_TLVS));
    assert_eq!(ack.message, Some("Invalid values in header for FIB dump request"));
    assert_eq!(ack.request, None);
    assert!(ack.is_error());
}

#[test]
fn fact_21_ethtool_missing_header_reports_only_the_missing_type() {
    let (ex, h) = only_ack("err_ethtool_linkinfo_missing_header");
    assert_eq!(h.ty, NLMSG_ERROR);
    let ack = parse_only(&ex);
    assert_eq!((ack.errno, ack.flags), (22, NLM_F_ACK_TLVS));
    assert_eq!(ack.missing_type, Some(1));
    assert_eq!((ack.message, ack.offset, ack.missing_nest, ack.cookie), (None, None, None, None));
    assert!(ack.policy.is_none());
}

#[test]
fn fact_29_unknown_genl_family_is_enoent_without_ext_ack() {
    let (ex, h) = only_ack("err_genl_getfamily_unknown");
    assert_eq!(h.flags, 0);
    let ack = parse_only(&ex);
    assert_eq!((ack.errno, ack.flags), (2, 0));
    assert_eq!((ack.message, ack.offset, ack.missing_type), (None, None, None));
    assert_eq!(ack.request_payload, Some(&ex.request[NLMSG_HDRLEN..]));
    assert_eq!(ack.to_string(), "ENOENT (errno 2)");
}

#[test]
fn fact_21_ethtool_linkinfo_done_carries_a_warning() {
    let ex = exchange("ethtool_linkinfo_dump");
    let msgs = frame(&ex.name, &ex.datagrams[0]);
    let done = msgs.last().expect("messages");
    assert!(done.is_done());
    let ack = ExtAck::parse(done).expect("DONE");
    assert_eq!((ack.kind, ack.errno), (AckKind::Done, 0));
    assert_eq!(ack.message, Some("failed to retrieve link settings"));
    assert!(ack.is_warning() && !ack.is_error());
}

// ---------------------------------------------------------------------------------------
// Down to every nested attribute, and the types at each level against pyroute2

/// How the test walks an attribute's payload, naming levels as pyroute2 does.
#[derive(Clone, Copy)]
enum Node {
    /// Not described: walked only generically (NLA_F_NESTED or a clean parse).
    Leaf,
    /// An attribute set; listed children get their own level.
    Set(&'static [(u16, &'static str, Node)]),
    /// A nest of nests whose types are indices; each element is `inner`, at a level named
    /// `*` or `NAME(index)`.
    Array(Option<&'static str>, &'static Node),
    /// `RTA_MULTIPATH`: `struct rtnexthop` records (8 bytes, then attributes), level `*`.
    Multipath,
}

const LEAF_SET: Node = Node::Set(&[]);

const IFINFOMSG: Node = Node::Set(&[
    (26, "IFLA_AF_SPEC", Node::Set(&[(2, "AF_INET", Node::Leaf), (10, "AF_INET6", LEAF_SET)])),
    (
        18,
        "IFLA_LINKINFO",
        Node::Set(&[(2, "IFLA_INFO_DATA", LEAF_SET), (5, "IFLA_INFO_SLAVE_DATA", LEAF_SET)]),
    ),
    (52, "IFLA_PROP_LIST", LEAF_SET),
    (43, "IFLA_XDP", LEAF_SET),
]);
const RTMSG: Node = Node::Set(&[(8, "RTA_METRICS", LEAF_SET), (9, "RTA_MULTIPATH", Node::Multipath)]);
const IFADDRMSG: Node = LEAF_SET;
const CTRLMSG: Node = Node::Set(&[
    (6, "CTRL_ATTR_OPS", Node::Array(None, &LEAF_SET)),
    (7, "CTRL_ATTR_MCAST_GROUPS", Node::Array(None, &LEAF_SET)),
    (8, "CTRL_ATTR_POLICY", Node::Array(Some("POLICY"), &Node::Array(Some("ATTR"), &LEAF_SET))),
    (9, "CTRL_ATTR_OP_POLICY", Node::Array(Some("OP"), &LEAF_SET)),
]);
const ETHTOOL_LINKINFO: Node = Node::Set(&[(1, "ETHTOOL_A_LINKINFO_HEADER", LEAF_SET)]);
const ETHTOOL_STRSET: Node = Node::Set(&[
    (1, "ETHTOOL_A_STRSET_HEADER", LEAF_SET),
    (
        2,
        "ETHTOOL_A_STRSET_STRINGSETS",
        Node::Set(&[(
            1,
            "ETHTOOL_A_STRINGSETS_STRINGSET",
            Node::Set(&[(
                3,
                "ETHTOOL_A_STRINGSET_STRINGS",
                Node::Set(&[(1, "ETHTOOL_A_STRINGS_STRING", LEAF_SET)]),
            )]),
        )]),
    ),
]);

/// The top-level name and walk of a non-control message.
fn schema(ex: &Exchange, ty: u16) -> (&'static str, Node) {
    match (ex.protocol, ty & !3) {
        (NETLINK_ROUTE, 16) => ("ifinfmsg", IFINFOMSG),
        (NETLINK_ROUTE, 20) => ("ifaddrmsg", IFADDRMSG),
        (NETLINK_ROUTE, 24) => ("rtmsg", RTMSG),
        (NETLINK_GENERIC, _) if ty == 16 => ("ctrlmsg", CTRLMSG),
        (NETLINK_GENERIC, _) if ex.name.starts_with("ethtool_linkinfo") => {
            ("ethtool_linkinfo_msg", ETHTOOL_LINKINFO)
        }
        (NETLINK_GENERIC, _) if ex.name.starts_with("ethtool_strset") => {
            ("ethtool_strset_msg", ETHTOOL_STRSET)
        }
        _ => panic!("{}: no schema for type {ty}", ex.name),
    }
}

#[derive(Default)]
struct Walk {
    /// Level name → attribute types seen there.
    types: BTreeMap<String, BTreeSet<u64>>,
    /// Attributes visited, at every depth.
    attrs: usize,
    /// Attributes visited below the top level.
    nested: usize,
    deepest: usize,
}

impl Walk {
    fn record(&mut self, level: &str, a: &Attr<'_>, depth: usize) {
        self.types.entry(level.to_owned()).or_default().insert(u64::from(a.ty()));
        self.attrs += 1;
        if depth > 0 {
            self.nested += 1;
        }
        self.deepest = self.deepest.max(depth);
    }

    fn node(&mut self, attrs: Attrs<'_>, level: &str, node: Node, depth: usize, dump: &dyn Fn() -> String) {
        assert!(depth <= MAX_NEST_DEPTH, "nesting deeper than {MAX_NEST_DEPTH} at {level}");
        for a in attrs {
            let a = a.unwrap_or_else(|e| panic!("{level}: {e}\n{}", dump()));
            self.record(level, &a, depth);
            match node {
                Node::Set(children) => match children.iter().find(|(ty, _, _)| *ty == a.ty()) {
                    Some((_, name, child)) => self.child(&a, &format!("{level}/{name}"), *child, depth, dump),
                    None => self.generic(&a, depth, dump),
                },
                Node::Array(elem, inner) => {
                    let el_level = match elem {
                        None => format!("{level}/*"),
                        Some(prefix) => format!("{level}/{prefix}({})", a.ty()),
                    };
                    self.node(a.nested(), &el_level, *inner, depth + 1, dump);
                }
                Node::Leaf | Node::Multipath => self.generic(&a, depth, dump),
            }
        }
    }

    /// The payload of `a`, described by `node`, at level `level`.
    fn child(&mut self, a: &Attr<'_>, level: &str, node: Node, depth: usize, dump: &dyn Fn() -> String) {
        match node {
            Node::Leaf => self.generic(a, depth, dump),
            Node::Multipath => {
                let mut rest = a.payload();
                let mut at = a.payload_offset();
                while !rest.is_empty() {
                    assert!(rest.len() >= 8, "{level}: a short rtnexthop at {at}\n{}", dump());
                    let len = usize::from(u16::from_ne_bytes([rest[0], rest[1]]));
                    assert!((8..=rest.len()).contains(&len), "{level}: rtnh_len {len} at {at}\n{}", dump());
                    self.node(
                        Attrs::new(&rest[8..len], at + 8),
                        &format!("{level}/*"),
                        LEAF_SET,
                        depth + 1,
                        dump,
                    );
                    let step = align4(len).min(rest.len());
                    rest = &rest[step..];
                    at += step;
                }
            }
            _ => self.node(a.nested(), level, node, depth + 1, dump),
        }
    }

    /// An attribute the schema does not describe: recurse when flagged nested, or when its
    /// payload parses cleanly as attributes (bounded by depth).
    fn generic(&mut self, a: &Attr<'_>, depth: usize, dump: &dyn Fn() -> String) {
        if depth >= MAX_NEST_DEPTH {
            return;
        }
        // A payload that parses cleanly and carries at least one non-empty attribute (so a
        // u32 such as `04 00 00 00` is not taken for an empty attribute of type 0).
        let clean = a.nested().all(|r| r.is_ok()) && a.nested().any(|r| r.is_ok_and(|i| !i.is_empty()));
        if a.is_nested() || clean {
            for inner in a.nested() {
                let inner = inner.unwrap_or_else(|e| panic!("nested in type {}: {e}\n{}", a.ty(), dump()));
                self.attrs += 1;
                self.nested += 1;
                self.deepest = self.deepest.max(depth + 1);
                self.generic(&inner, depth + 1, dump);
            }
        }
    }
}

fn walk_exchange(ex: &Exchange) -> Walk {
    let mut walk = Walk::default();
    for bytes in &ex.datagrams {
        let dump = || HexDump::new(bytes).protocol(ex.protocol).to_string();
        for m in frame(&ex.name, bytes) {
            if m.is_error() || m.is_done() {
                if let Some(start) = ext_ack_start(&m) {
                    let tlvs = m.payload.get(start..).unwrap_or_default();
                    walk.node(
                        Attrs::new(tlvs, m.payload_offset() + start),
                        "nlmsgerr_ext",
                        LEAF_SET,
                        0,
                        &dump,
                    );
                }
                continue;
            }
            let (top, node) = schema(ex, m.ty());
            walk.node(m.attrs_after(header_len(ex.protocol, m.ty())), top, node, 0, &dump);
        }
    }
    walk
}

#[test]
fn every_capture_iterates_down_to_every_nested_attribute() {
    let mut nested_total = 0;
    for ex in exchanges() {
        let walk = walk_exchange(&ex);
        nested_total += walk.nested;
        // The deepest nests of each capture are reached, and nothing deeper is invented
        // (0 = top level): IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_*; CTRL_ATTR_POLICY / policy /
        // attribute / NL_POLICY_TYPE_ATTR_*; STRSET_STRINGSETS / STRINGSET / STRINGS /
        // STRING / STRING_*; CTRL_ATTR_OPS / op / CTRL_ATTR_OP_*; RTA_MULTIPATH / next hop.
        let deepest = match ex.name.as_str() {
            "rtm_getlink_dump" => 2,
            "genl_ctrl_getpolicy_nlctrl_dump" => 3,
            "ethtool_strset_dump" => 4,
            "genl_ctrl_getfamily_dump" | "genl_ctrl_getfamily_nlctrl" => 2,
            "rtm_getroute_v6_dump_32k" | "ethtool_linkinfo_dump" => 1,
            _ => 0,
        };
        assert_eq!(walk.deepest, deepest, "{}: deepest level", ex.name);
    }
    assert!(nested_total > 2_000, "only {nested_total} nested attributes visited");
}

#[test]
fn attribute_types_per_level_match_pyroute2() {
    for ex in exchanges() {
        let walk = walk_exchange(&ex);
        let expected = ex.expected["attr_types"].as_object().expect("attr_types");
        for (level, v) in expected {
            let want: BTreeSet<u64> =
                v["types"].as_array().expect("types").iter().map(|t| as_u64(t, level)).collect();
            let got = walk.types.get(level).unwrap_or_else(|| {
                panic!(
                    "{}: level {level} never reached; reached {:?}",
                    ex.name,
                    walk.types.keys().collect::<Vec<_>>()
                )
            });
            assert_eq!(got, &want, "{}: types at {level}", ex.name);
        }
    }
}

/// pyroute2's names for fixed-header fields, and ours.
fn fixed_fields(ex: &Exchange, m: &Message<'_>) -> Vec<(&'static str, i64)> {
    let at = m.payload_offset();
    if m.is_error() || m.is_done() {
        let e: i32 = read_header(m.payload, at).expect("error code");
        return vec![("error", i64::from(e))];
    }
    match (ex.protocol, m.ty() & !3) {
        (NETLINK_GENERIC, _) => {
            let h: GenlMsgHdr = read_header(m.payload, at).expect("genlmsghdr");
            vec![("cmd", h.cmd.into()), ("version", h.version.into()), ("reserved", h.reserved.into())]
        }
        (_, 16) => {
            let h: IfInfoMsg = read_header(m.payload, at).expect("ifinfomsg");
            vec![
                ("family", h.family.into()),
                ("ifi_type", h.ty.into()),
                ("index", h.index.into()),
                ("flags", h.flags.into()),
                ("change", h.change.into()),
            ]
        }
        (_, 20) => {
            let h: IfAddrMsg = read_header(m.payload, at).expect("ifaddrmsg");
            vec![
                ("family", h.family.into()),
                ("prefixlen", h.prefixlen.into()),
                ("flags", h.flags.into()),
                ("scope", h.scope.into()),
                ("index", h.index.into()),
            ]
        }
        (_, 24) => {
            let h: RtMsg = read_header(m.payload, at).expect("rtmsg");
            vec![
                ("family", h.family.into()),
                ("dst_len", h.dst_len.into()),
                ("src_len", h.src_len.into()),
                ("tos", h.tos.into()),
                ("table", h.table.into()),
                ("proto", h.protocol.into()),
                ("scope", h.scope.into()),
                ("type", h.ty.into()),
                ("flags", h.flags.into()),
            ]
        }
        _ => panic!("{}: no fixed header for type {}", ex.name, m.ty()),
    }
}

#[test]
fn message_headers_fields_and_attribute_counts_match_pyroute2() {
    for ex in exchanges() {
        let expected = ex.expected["messages"].as_array().expect("messages");
        let mut n = 0;
        for (d, bytes) in ex.datagrams.iter().enumerate() {
            for m in frame(&ex.name, bytes) {
                let e = &expected[n];
                let what = format!("{} message {n} (datagram {d}, byte {})", ex.name, m.offset);
                n += 1;
                assert_eq!(as_u64(&e["datagram"], "datagram"), d as u64, "{what}");
                assert_eq!(as_u64(&e["offset"], "offset"), m.offset as u64, "{what}");
                let h = &e["header"];
                assert_eq!(as_u64(&h["length"], "length"), u64::from(m.header.len), "{what}");
                assert_eq!(as_u64(&h["type"], "type"), u64::from(m.ty()), "{what}");
                assert_eq!(as_u64(&h["flags"], "flags"), u64::from(m.flags()), "{what}");
                assert_eq!(as_u64(&h["sequence_number"], "seq"), u64::from(m.seq()), "{what}");
                assert_eq!(as_u64(&h["pid"], "pid"), u64::from(m.pid()), "{what}");
                for (field, value) in fixed_fields(&ex, &m) {
                    assert_eq!(as_i64(&e["fields"][field], field), value, "{what}: field {field}");
                }
                if let Some(echoed) = e.get("echoed_header") {
                    let req = ExtAck::parse(&m).expect("ACK").request.expect("echoed header");
                    assert_eq!(as_u64(&echoed["length"], "length"), u64::from(req.len), "{what}");
                    assert_eq!(as_u64(&echoed["type"], "type"), u64::from(req.ty), "{what}");
                    assert_eq!(as_u64(&echoed["flags"], "flags"), u64::from(req.flags), "{what}");
                }
                // Distinct attribute types at the top level: pyroute2 keys them by name.
                let tlvs = if m.is_error() || m.is_done() {
                    match ext_ack_start(&m) {
                        Some(start) => Attrs::new(m.payload.get(start..).unwrap_or_default(), 0),
                        None => Attrs::new(&[], 0),
                    }
                } else {
                    m.attrs_after(header_len(ex.protocol, m.ty()))
                };
                let distinct: BTreeSet<u16> = tlvs.map(|a| a.expect("attribute").ty()).collect();
                let listed = e.get("attrs").and_then(Value::as_object).map_or(0, serde_json::Map::len);
                assert_eq!(distinct.len(), listed, "{what}: distinct attribute types");
            }
        }
        assert_eq!(n, expected.len(), "{}", ex.name);
        assert_eq!(as_u64(&ex.expected["counts"]["messages"], "messages"), n as u64, "{}", ex.name);
    }
}

#[test]
fn every_capture_dumps_without_a_malformed_region() {
    for ex in exchanges() {
        for bytes in std::iter::once(&ex.request).chain(&ex.datagrams) {
            let text = HexDump::new(bytes).protocol(ex.protocol).to_string();
            // The strict getroute request is well framed; its header values are what the
            // kernel refused, which a dump does not judge.
            assert!(!text.lines().any(flags_malformed), "{}:\n{text}", ex.name);
            assert!(text.lines().count() > 2, "{}:\n{text}", ex.name);
        }
    }
}

#[test]
fn fact_15_strict_checking_refuses_fixed_header_fields_of_a_dump_request() {
    let ex = exchange("err_strict_getroute_dump_bad_header");
    assert_eq!(ex.meta["sockopts"]["NETLINK_GET_STRICT_CHK"].as_u64(), Some(1));
    assert_eq!(nlattr::consts::NETLINK_GET_STRICT_CHK, 12);
    // The request: an RTM_GETROUTE dump whose rtmsg asks for dst_len 24, which a strict
    // socket may not filter on.
    let req = frame(&ex.name, &ex.request)[0];
    assert_eq!(req.flags() & nlattr::consts::NLM_F_DUMP, nlattr::consts::NLM_F_DUMP);
    let rtm: RtMsg = read_header(req.payload, req.payload_offset()).expect("rtmsg");
    assert_eq!((rtm.family, rtm.dst_len), (2, 24));
    let ack = parse_only(&ex);
    assert_eq!((ack.kind, ack.errno), (AckKind::Done, 22));
}

#[test]
fn fact_22_policy_dump_entries_decode_to_pyroute2_values() {
    use nlattr::consts::{CTRL_ATTR_POLICY, NL_ATTR_TYPE_NUL_STRING, NL_ATTR_TYPE_U16, NL_ATTR_TYPE_U32};
    use nlattr::PolicyInfo;
    let ex = exchange("genl_ctrl_getpolicy_nlctrl_dump");
    let expected = ex.expected["messages"].as_array().expect("messages");
    let mut n = 0;
    let mut entries = 0;
    for bytes in &ex.datagrams {
        for m in frame(&ex.name, bytes) {
            let e = &expected[n]["attrs"];
            n += 1;
            if m.is_done() {
                continue;
            }
            for a in m.attrs_after(4) {
                let a = a.expect("attribute");
                if a.ty() != CTRL_ATTR_POLICY {
                    continue;
                }
                for policy in a.nested() {
                    let policy = policy.expect("policy");
                    for attr in policy.nested() {
                        let attr = attr.expect("attribute policy");
                        let info = PolicyInfo::parse(attr.nested()).expect("NL_POLICY_TYPE_ATTR_*");
                        let want = &e["CTRL_ATTR_POLICY"][format!("POLICY({})", policy.ty())]
                            [format!("ATTR({})", attr.ty())];
                        let field = |name: &str| want.get(name).and_then(Value::as_u64);
                        assert_eq!(info.ty.map(u64::from), field("NL_POLICY_TYPE_ATTR_TYPE"), "{want}");
                        assert_eq!(info.min_u, field("NL_POLICY_TYPE_ATTR_MIN_VALUE_U"), "{want}");
                        assert_eq!(info.max_u, field("NL_POLICY_TYPE_ATTR_MAX_VALUE_U"), "{want}");
                        assert_eq!(
                            info.min_len.map(u64::from),
                            field("NL_POLICY_TYPE_ATTR_MIN_LENGTH"),
                            "{want}"
                        );
                        assert_eq!(
                            info.max_len.map(u64::from),
                            field("NL_POLICY_TYPE_ATTR_MAX_LENGTH"),
                            "{want}"
                        );
                        assert!(
                            [NL_ATTR_TYPE_U16, NL_ATTR_TYPE_U32, NL_ATTR_TYPE_NUL_STRING]
                                .contains(&info.ty.unwrap_or(0)),
                            "{info:?}"
                        );
                        entries += 1;
                    }
                }
            }
        }
    }
    // nlctrl's two policies: {FAMILY_ID u16, FAMILY_NAME nul-string max 15} and the same
    // plus OP u32.
    assert_eq!(entries, 5);
}

/// Whether a dump line marks a malformed region (`!!` after the offset column; payload
/// bytes in the ASCII column do not count).
fn flags_malformed(line: &str) -> bool {
    line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ').starts_with("!!")
}

#[test]
fn dump_guesses_every_family_header_length_right() {
    for ex in exchanges() {
        for bytes in std::iter::once(&ex.request).chain(&ex.datagrams) {
            let mut expected = Vec::new();
            for m in frame(&ex.name, bytes) {
                if !m.is_control() {
                    expected.push(header_len(ex.protocol, m.ty()));
                } else if let Ok(ExtAck { request: Some(req), request_payload: Some(p), .. }) =
                    ExtAck::parse(&m)
                {
                    if !p.is_empty() {
                        expected.push(header_len(ex.protocol, req.ty));
                    }
                }
            }
            let text = HexDump::new(bytes).to_string();
            let guessed: Vec<usize> = text
                .lines()
                .filter_map(|l| l.trim_start().split_once("  family header ").map(|(_, rest)| rest))
                .filter_map(|rest| rest.strip_suffix(" bytes (length guessed)"))
                .map(|n| n.parse().expect("a length"))
                .collect();
            assert_eq!(guessed, expected, "{}:\n{text}", ex.name);
        }
    }
}

//! A counting global allocator over borrowed decoding of the kernel captures.
//!
//! The core layers (message framing, attribute iteration, nested walks, extended ACKs)
//! and the ready-made definitions without `Vec` fields in use allocate nothing. The
//! ready-made definitions keep repeated and unknown attributes in `Vec`s (`ops`,
//! `mcast_groups`, `alt_ifnames`, `multipath`, `rest`), and those are the only allocations:
//! the test counts exactly one allocation per non-empty `Vec` in the decoded value.
//!
//! Decoding in place (`DecodeInPlace`) into one value reused message after message keeps
//! the `Vec`s' capacity: once a pass over a capture has grown them, the next pass over it
//! allocates nothing at all.
//!
//! One `#[test]` on purpose: the allocator's counters are global, and parallel tests
//! would allocate into them.

use std::alloc::System;
use std::path::Path;

use nlattr::consts::{GENL_ID_CTRL, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE};
use nlattr::extack::ExtAck;
use nlattr::families::ctrl::Family;
use nlattr::families::route::addr::Addr;
use nlattr::families::route::link::{Link, LinkData};
use nlattr::families::route::route::Route;
use nlattr::iter::Attrs;
use nlattr::{AttrSet, DecodeInPlace};
use nlsock::transport::record::{RecordedEvent, Recording};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn corpus(name: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus").join(name);
    (0..)
        .map(|i| dir.join(format!("reply-{i:03}.bin")))
        .take_while(|p| p.exists())
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect()
}

fn route_v4() -> Vec<Vec<u8>> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/recorded/route_v4_20k/rtm_getroute_v4_dump.nlrec");
    Recording::load(p)
        .expect("recording")
        .events
        .into_iter()
        .filter_map(|e| match e {
            RecordedEvent::Received { bytes, .. } => Some(bytes),
            _ => None,
        })
        .collect()
}

/// Allocations (new blocks and reallocations) made by `f`.
fn allocations<R>(f: impl FnOnce() -> R) -> (usize, usize, R) {
    let region = Region::new(GLOBAL);
    let r = f();
    let s = region.change();
    (s.allocations, s.reallocations, r)
}

fn walk(attrs: Attrs<'_>, depth: usize) -> usize {
    let mut n = 0;
    for a in attrs {
        let Ok(a) = a else { break };
        n += 1;
        if a.is_nested() && depth < 8 {
            n += walk(a.nested(), depth + 1);
        }
    }
    n
}

fn nonempty<T>(v: &[T]) -> usize {
    usize::from(!v.is_empty())
}

fn link_vecs(l: &Link<'_>) -> usize {
    let mut n = nonempty(&l.rest);
    n += l.prop_list.as_ref().map_or(0, |p| nonempty(&p.alt_ifnames));
    n += l.xdp.as_ref().map_or(0, |x| nonempty(&x.rest));
    if let Some(info) = &l.linkinfo {
        n += nonempty(&info.rest);
        n += match &info.data {
            Some(LinkData::Veth(v)) => v.peer.as_ref().map_or(0, |p| nonempty(&p.rest)),
            Some(LinkData::Bridge(b)) => nonempty(&b.rest),
            _ => 0,
        };
    }
    n
}

fn route_vecs(r: &Route<'_>) -> usize {
    let mut n = nonempty(&r.rest) + r.metrics.as_ref().map_or(0, |m| nonempty(&m.rest));
    if let Some(hops) = &r.multipath {
        n += nonempty(hops) + hops.iter().map(|h| nonempty(&h.attrs.rest)).sum::<usize>();
    }
    n
}

#[test]
fn borrowed_decode_allocates_only_for_vec_fields() {
    let fixtures: Vec<(&str, Vec<Vec<u8>>)> = [
        "rtm_getlink_dump",
        "rtm_getaddr_dump",
        "rtm_getroute_v6_dump_32k",
        "genl_ctrl_getfamily_dump",
        "genl_ctrl_getfamily_nlctrl",
        "genl_ctrl_getpolicy_nlctrl_dump",
        "ethtool_linkinfo_dump",
        "ethtool_strset_dump",
        "ack_newlink_set_mtu",
        "err_newlink_unknown_kind",
        "err_newaddr_bad_prefixlen",
        "err_newaddr_bad_prefixlen_capped",
        "err_strict_getroute_dump_bad_header",
        "err_genl_getfamily_unknown",
        "err_ethtool_linkinfo_missing_header",
    ]
    .into_iter()
    .map(|n| (n, corpus(n)))
    .chain([("route_v4_20k", route_v4())])
    .collect();

    // The core: framing, every attribute after every plausible header, extended ACKs.
    for (name, dgs) in &fixtures {
        let (a, r, (msgs, attrs, acks)) = allocations(|| {
            let (mut msgs, mut attrs, mut acks) = (0usize, 0usize, 0usize);
            for dg in dgs {
                for m in nlattr::messages(dg) {
                    let m = m.expect("the capture frames");
                    msgs += 1;
                    for hlen in [0, 4, 12, 16] {
                        attrs += walk(m.attrs_after(hlen), 0);
                    }
                    if m.is_error() || m.is_done() {
                        let ack = ExtAck::parse(&m).expect("the acknowledgement parses");
                        acks += usize::from(ack.message.is_some()) + 1;
                    }
                }
            }
            (msgs, attrs, acks)
        });
        assert!(msgs > 0, "{name}: nothing read");
        assert!(attrs > 0 || acks > 0, "{name}: nothing read");
        assert_eq!((a, r), (0, 0), "{name}: the core allocated while reading {msgs} messages");
    }

    let get = |n: &str| &fixtures.iter().find(|f| f.0 == n).expect("fixture").1;

    // 20,003 IPv4 routes and 38 addresses: no `Vec` in use, no allocation at all.
    let (a, r, n) = allocations(|| {
        let mut n = 0;
        for dg in get("route_v4_20k") {
            for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == RTM_NEWROUTE) {
                let route = Route::decode_message(&m).expect("route");
                assert_eq!(route_vecs(&route), 0);
                n += 1;
            }
        }
        n
    });
    assert!(n >= 20_000, "only {n} routes");
    assert_eq!((a, r), (0, 0), "decoding {n} IPv4 routes allocated");

    let (a, r, n) = allocations(|| {
        let mut n = 0;
        for dg in get("rtm_getaddr_dump") {
            for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == RTM_NEWADDR) {
                let addr = Addr::decode_message(&m).expect("address");
                assert!(addr.rest.is_empty());
                n += 1;
            }
        }
        n
    });
    assert_eq!((n, a, r), (38, 0, 0), "decoding the addresses allocated");

    // Links, IPv6 routes and families: one allocation per non-empty `Vec`, nothing else.
    let mut checked = 0;
    for dg in get("rtm_getlink_dump") {
        for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == RTM_NEWLINK) {
            let (a, _, l) = allocations(|| Link::decode_message(&m).expect("link"));
            assert_eq!(a, link_vecs(&l), "link {:?}", l.ifname);
            checked += 1;
        }
    }
    for dg in get("rtm_getroute_v6_dump_32k") {
        for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == RTM_NEWROUTE) {
            let (a, _, route) = allocations(|| Route::decode_message(&m).expect("route"));
            assert_eq!(a, route_vecs(&route), "route {:?}", route.dst);
            checked += 1;
        }
    }
    for dg in get("genl_ctrl_getfamily_dump") {
        for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == GENL_ID_CTRL) {
            let (a, _, f) = allocations(|| Family::decode_message(&m).expect("family"));
            assert_eq!(
                a,
                nonempty(&f.ops) + nonempty(&f.mcast_groups) + nonempty(&f.rest),
                "family {}",
                f.name
            );
            checked += 1;
        }
    }
    assert!(checked > 2000, "only {checked} messages checked");

    // In place: a second pass over each capture, into the value the first pass grew.
    fn second_pass<'a, T: DecodeInPlace<'a>>(dgs: &'a [Vec<u8>], ty: u16) -> (usize, usize, usize) {
        let mut slot: Option<T> = None;
        let pass = |slot: &mut Option<T>| {
            let mut n = 0;
            for dg in dgs {
                for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == ty) {
                    match slot {
                        Some(v) => v.decode_message_in_place(&m).expect("decodes"),
                        None => *slot = Some(T::decode(m.payload, m.payload_offset()).expect("decodes")),
                    }
                    n += 1;
                }
            }
            n
        };
        pass(&mut slot);
        allocations(|| pass(&mut slot))
    }
    for (name, ty, (a, r, n)) in [
        ("route_v4_20k", RTM_NEWROUTE, second_pass::<Route<'_>>(get("route_v4_20k"), RTM_NEWROUTE)),
        (
            "rtm_getroute_v6_dump_32k",
            RTM_NEWROUTE,
            second_pass::<Route<'_>>(get("rtm_getroute_v6_dump_32k"), RTM_NEWROUTE),
        ),
        ("rtm_getlink_dump", RTM_NEWLINK, second_pass::<Link<'_>>(get("rtm_getlink_dump"), RTM_NEWLINK)),
        ("rtm_getaddr_dump", RTM_NEWADDR, second_pass::<Addr<'_>>(get("rtm_getaddr_dump"), RTM_NEWADDR)),
        (
            "genl_ctrl_getfamily_dump",
            GENL_ID_CTRL,
            second_pass::<Family<'_>>(get("genl_ctrl_getfamily_dump"), GENL_ID_CTRL),
        ),
    ] {
        println!(
            "{name}: in place, second pass: {n} messages (type {ty}), {a} allocations, {r} reallocations"
        );
        assert!(n > 0, "{name}: nothing decoded");
        // An optional field absent from one message is `None`, so the next message that
        // has it builds it anew: once per pass here, the links' alternative names
        // (`IFLA_PROP_LIST`) and the IPv6 dump's first multipath route after single-path
        // ones. Nothing else allocates.
        let anew = usize::from(matches!(name, "rtm_getroute_v6_dump_32k" | "rtm_getlink_dump"));
        assert_eq!((a, r), (anew, 0), "{name}: decoding {n} messages in place allocated");
    }
}

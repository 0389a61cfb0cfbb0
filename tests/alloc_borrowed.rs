//! A counting global allocator over borrowed decoding of the kernel captures.
//!
//! The core layers (message framing, attribute iteration, nested walks, extended ACKs)
//! and the ready-made borrowed definitions allocate nothing: repeated, arrayed and unknown
//! attributes decode into views over the received bytes (`nlattr::view`, and `NextHops`
//! for multipath routes), so every link, route, address and family of the captures is
//! decoded with no allocation at all, fresh or in place.
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

#[test]
fn borrowed_decode_allocates_nothing() {
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

    /// Decodes every message of type `ty` in `dgs` with `decode`, counting allocations
    /// and what `seen` finds in the values (so that the views are not all empty).
    fn fresh<'a, T>(
        dgs: &'a [Vec<u8>],
        ty: u16,
        decode: impl Fn(&nlattr::Message<'a>) -> T,
        seen: impl Fn(&T) -> usize,
    ) -> (usize, usize, usize, usize) {
        let (a, r, (n, s)) = allocations(|| {
            let (mut n, mut s) = (0, 0);
            for dg in dgs {
                for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == ty) {
                    let v = decode(&m);
                    s += seen(&v);
                    n += 1;
                }
            }
            (n, s)
        });
        (a, r, n, s)
    }
    // What the views hold, walked: each element decoded again from the bytes.
    let link_seen = |l: &Link<'_>| {
        let mut n = l.rest.iter().count() + l.alt_ifnames().iter().count();
        n += l.xdp.as_ref().map_or(0, |x| x.rest.iter().count());
        if let Some(info) = &l.linkinfo {
            n += info.rest.iter().count();
            n += match &info.data {
                Some(LinkData::Veth(v)) => v.peer.as_ref().map_or(0, |p| p.rest.iter().count()),
                Some(LinkData::Bridge(b)) => b.rest.iter().count(),
                _ => 0,
            };
        }
        n
    };
    let route_seen = |r: &Route<'_>| {
        let mut n = r.rest.iter().count() + r.metrics.as_ref().map_or(0, |m| m.rest.iter().count());
        if let Some(hops) = &r.multipath {
            n += hops.iter().map(|h| 1 + h.attrs.rest.iter().count()).sum::<usize>();
        }
        n
    };
    let family_seen = |f: &Family<'_>| {
        f.ops.iter().count()
            + f.mcast_groups.iter().map(|g| g.name.len().min(1)).sum::<usize>()
            + f.rest.iter().count()
    };
    let cases = [
        (
            "route_v4_20k",
            fresh(
                get("route_v4_20k"),
                RTM_NEWROUTE,
                |m| Route::decode_message(m).expect("route"),
                route_seen,
            ),
            20_000,
        ),
        (
            "rtm_getroute_v6_dump_32k",
            fresh(
                get("rtm_getroute_v6_dump_32k"),
                RTM_NEWROUTE,
                |m| Route::decode_message(m).expect("route"),
                route_seen,
            ),
            2_000,
        ),
        (
            "rtm_getlink_dump",
            fresh(
                get("rtm_getlink_dump"),
                RTM_NEWLINK,
                |m| Link::decode_message(m).expect("link"),
                link_seen,
            ),
            20,
        ),
        (
            "rtm_getaddr_dump",
            fresh(
                get("rtm_getaddr_dump"),
                RTM_NEWADDR,
                |m| Addr::decode_message(m).expect("address"),
                |a| a.rest.iter().count(),
            ),
            38,
        ),
        (
            "genl_ctrl_getfamily_dump",
            fresh(
                get("genl_ctrl_getfamily_dump"),
                GENL_ID_CTRL,
                |m| Family::decode_message(m).expect("family"),
                family_seen,
            ),
            8,
        ),
    ];
    for (name, (a, r, n, seen), at_least) in cases {
        println!("{name}: {n} messages, {seen} view elements, {a} allocations, {r} reallocations");
        assert!(n >= at_least, "{name}: only {n} messages");
        assert_eq!((a, r), (0, 0), "{name}: decoding {n} messages allocated");
    }
    // The views held something: multipath hops and their attributes in the IPv6 dump,
    // unknown attributes and alternative names among the links, operations and groups
    // of the families.
    for (name, (_, _, _, seen), _) in cases {
        if name != "route_v4_20k" && name != "rtm_getaddr_dump" {
            assert!(seen > 0, "{name}: every view was empty");
        }
    }

    // In place, one value reused message after message: nothing either.
    fn in_place<'a, T: DecodeInPlace<'a>>(dgs: &'a [Vec<u8>], ty: u16) -> (usize, usize, usize) {
        let mut slot: Option<T> = None;
        allocations(|| {
            let mut n = 0;
            for dg in dgs {
                for m in nlattr::messages(dg).flatten().filter(|m| m.header.ty == ty) {
                    match &mut slot {
                        Some(v) => v.decode_message_in_place(&m).expect("decodes"),
                        None => slot = Some(T::decode(m.payload, m.payload_offset()).expect("decodes")),
                    }
                    n += 1;
                }
            }
            n
        })
    }
    for (name, (a, r, n)) in [
        ("route_v4_20k", in_place::<Route<'_>>(get("route_v4_20k"), RTM_NEWROUTE)),
        ("rtm_getroute_v6_dump_32k", in_place::<Route<'_>>(get("rtm_getroute_v6_dump_32k"), RTM_NEWROUTE)),
        ("rtm_getlink_dump", in_place::<Link<'_>>(get("rtm_getlink_dump"), RTM_NEWLINK)),
        ("rtm_getaddr_dump", in_place::<Addr<'_>>(get("rtm_getaddr_dump"), RTM_NEWADDR)),
        ("genl_ctrl_getfamily_dump", in_place::<Family<'_>>(get("genl_ctrl_getfamily_dump"), GENL_ID_CTRL)),
    ] {
        println!("{name}: in place: {n} messages, {a} allocations, {r} reallocations");
        assert!(n > 0, "{name}: nothing decoded");
        assert_eq!((a, r), (0, 0), "{name}: decoding {n} messages in place allocated");
    }
}

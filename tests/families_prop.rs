//! The families' decoders are total: arbitrary bytes and corrupted kernel messages give a
//! value or an error, never a panic; and the hand-written `RTA_MULTIPATH` codec round trips
//! any list of next hops.

mod families_common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use families_common::datagrams;
use nlattr::families::ctrl::{Family, PolicyReply};
use nlattr::families::ethtool::{LinkInfo as EthLinkInfo, StrSet};
use nlattr::families::route::addr::Addr;
use nlattr::families::route::link::Link;
use nlattr::families::route::neigh::Neigh;
use nlattr::families::route::route::{multipath, NextHop, NextHopAttrs, Route};
use nlattr::{messages, Decode, ExtAck, Writer};
use proptest::prelude::*;

/// Runs every family decoder over `payload`; only a panic can fail.
fn decode_all(payload: &[u8]) {
    let _ = Link::decode(payload, 0);
    let _ = Addr::decode(payload, 0);
    let _ = Route::decode(payload, 0);
    let _ = Neigh::decode(payload, 0);
    let _ = Family::decode(payload, 0);
    let _ = PolicyReply::decode(payload, 0);
    let _ = EthLinkInfo::decode(payload, 0);
    let _ = StrSet::decode(payload, 0);
    let _ = multipath::decode(payload, 0);
}

/// Every message payload of the captures the families decode.
fn corpus_payloads() -> Vec<Vec<u8>> {
    families_common::payloads(&[
        "rtm_getlink_dump",
        "rtm_getaddr_dump",
        "rtm_getroute_v6_dump_32k",
        "genl_ctrl_getfamily_dump",
        "genl_ctrl_getpolicy_nlctrl_dump",
        "ethtool_strset_dump",
        "ethtool_linkinfo_dump",
    ])
}

fn hop() -> impl Strategy<Value = NextHop<'static>> {
    let gw = prop_oneof![
        Just(None),
        any::<[u8; 4]>().prop_map(|b| Some(IpAddr::V4(Ipv4Addr::from(b)))),
        any::<[u8; 16]>().prop_map(|b| Some(IpAddr::V6(Ipv6Addr::from(b)))),
    ];
    (any::<u8>(), 1u16..=256, any::<i32>(), gw, proptest::option::of(any::<u32>())).prop_map(
        |(flags, weight, ifindex, gateway, flow)| NextHop {
            flags,
            weight,
            ifindex,
            attrs: NextHopAttrs { gateway, flow, rest: Default::default() },
        },
    )
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_all(&bytes);
    }

    #[test]
    fn corrupted_kernel_messages_never_panic(pick in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), xor in 1u8..) {
        thread_local!(static CORPUS: Vec<Vec<u8>> = corpus_payloads());
        CORPUS.with(|c| {
            let mut p = c[pick.index(c.len())].clone();
            let i = at.index(p.len());
            p[i] ^= xor;
            decode_all(&p);
            // Truncated anywhere, too.
            decode_all(&p[..i]);
        });
    }

    #[test]
    fn multipath_round_trips(hops in proptest::collection::vec(hop(), 0..8)) {
        let mut buf = Vec::new();
        multipath::encode(&hops, &mut Writer::new(&mut buf)).unwrap();
        prop_assert_eq!(buf.len(), multipath::encoded_len(&hops));
        prop_assert_eq!(multipath::decode(&buf, 0).unwrap(), hops);
    }
}

#[test]
fn error_acks_with_corrupted_attributes_never_panic() {
    for name in [
        "err_newlink_unknown_kind",
        "err_newaddr_bad_prefixlen_capped",
        "err_ethtool_linkinfo_missing_header",
    ] {
        let d = &datagrams(name)[0];
        for i in 0..d.len() {
            for x in [0x01u8, 0x80, 0xff] {
                let mut b = d.clone();
                b[i] ^= x;
                for m in messages(&b).flatten() {
                    let _ = ExtAck::parse(&m);
                }
            }
        }
    }
}

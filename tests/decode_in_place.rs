//! Decoding in place (`DecodeInPlace`) into one value reused across every message of the
//! kernel captures, corrupted copies of them included, gives exactly what decoding anew
//! gives: the same value, or the same error. The value a failed decode leaves behind is
//! decoded into again, so whatever stale state an error leaves is caught by the next
//! message.

mod families_common;

use std::fmt::Debug;

use nlattr::families::ctrl::{Family, PolicyReply};
use nlattr::families::ethtool::{LinkInfo as EthLinkInfo, StrSet};
use nlattr::families::route::addr::Addr;
use nlattr::families::route::link::Link;
use nlattr::families::route::neigh::Neigh;
use nlattr::families::route::route::Route;
use nlattr::DecodeInPlace;

/// Every non-control message payload of the captures, then corrupted copies of each (one
/// byte changed at three spread positions each).
fn payloads() -> Vec<Vec<u8>> {
    let mut out = families_common::payloads(&[
        "rtm_getlink_dump",
        "rtm_getaddr_dump",
        "rtm_getroute_v6_dump_32k",
        "genl_ctrl_getfamily_dump",
        "genl_ctrl_getfamily_nlctrl",
        "genl_ctrl_getpolicy_nlctrl_dump",
        "ethtool_strset_dump",
        "ethtool_linkinfo_dump",
    ]);
    let clean = out.len();
    let mut seed = 0x9e37_79b9_u32;
    for i in 0..clean {
        for _ in 0..3 {
            let mut p = out[i].clone();
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            if !p.is_empty() {
                let at = (seed >> 8) as usize % p.len();
                p[at] ^= (seed as u8) | 1;
            }
            out.push(p);
        }
    }
    out
}

/// Decodes every payload anew and into one reused value; returns how many decoded.
fn agree<'a, T: DecodeInPlace<'a> + PartialEq + Debug>(all: &'a [Vec<u8>]) -> usize {
    let mut slot: Option<T> = None;
    let mut ok = 0;
    for (i, p) in all.iter().enumerate() {
        let fresh = T::decode(p, 16);
        let Some(v) = slot.as_mut() else {
            slot = fresh.ok();
            continue;
        };
        match (fresh, v.decode_in_place(p, 16)) {
            (Ok(f), Ok(())) => {
                assert_eq!(*v, f, "payload {i}");
                ok += 1;
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "payload {i}"),
            (a, b) => panic!("payload {i}: anew {a:?}, in place {b:?}"),
        }
    }
    ok
}

#[test]
fn in_place_equals_anew_over_the_captures() {
    let all = payloads();
    assert!(all.len() > 4 * 2000, "{} payloads", all.len());
    let counts = [
        ("Link", agree::<Link<'_>>(&all)),
        ("Addr", agree::<Addr<'_>>(&all)),
        ("Route", agree::<Route<'_>>(&all)),
        ("Neigh", agree::<Neigh<'_>>(&all)),
        ("Family", agree::<Family<'_>>(&all)),
        ("PolicyReply", agree::<PolicyReply<'_>>(&all)),
        ("ethtool LinkInfo", agree::<EthLinkInfo<'_>>(&all)),
        ("StrSet", agree::<StrSet<'_>>(&all)),
    ];
    // Each type decoded its own messages (and some of the others') in place.
    for (name, n) in counts {
        assert!(n > 10, "{name}: only {n} decoded in place");
    }
}

#[derive(nlattr::NlAttrs, Debug, Clone, PartialEq, Default)]
struct Owned {
    #[nla(type = 1)]
    name: Option<String>,
    #[nla(type = 2)]
    blob: Option<Vec<u8>>,
    #[nla(type = 3)]
    n: Option<u32>,
    #[nla(type = 4, max_len = 7)]
    checked: Option<String>,
}

#[test]
fn strings_and_byte_vectors_are_refilled_in_place() {
    use nlattr::{Decode, Encode, Writer};
    let bytes = |v: &Owned| {
        let mut out = Vec::new();
        v.encode(&mut Writer::new(&mut out)).unwrap();
        out
    };
    let long = Owned {
        name: Some("a rather long interface alias".into()),
        blob: Some(vec![7; 40]),
        n: Some(1),
        checked: Some("short".into()),
    };
    let short =
        Owned { name: Some("eth0".into()), blob: Some(vec![1, 2]), n: None, checked: Some("x".into()) };
    let (lb, sb) = (bytes(&long), bytes(&short));
    let mut v = Owned::decode(&lb, 0).unwrap();
    let (name_at, blob_at) = (v.name.as_ref().unwrap().as_ptr(), v.blob.as_ref().unwrap().as_ptr());
    v.decode_in_place(&sb, 0).unwrap();
    assert_eq!(v, short);
    // The same buffers, refilled.
    assert_eq!(v.name.as_ref().unwrap().as_ptr(), name_at);
    assert_eq!(v.blob.as_ref().unwrap().as_ptr(), blob_at);
    // Absent now: `None`, as decoding anew gives.
    let empty = Owned::default();
    v.decode_in_place(&bytes(&empty), 0).unwrap();
    assert_eq!(v, empty);
    // A failed refill (not UTF-8) reports what decoding anew reports.
    let mut broken = lb.clone();
    broken[4 + 3] = 0xff;
    assert!(Owned::decode(&broken, 0).is_err());
    let mut w = Owned::decode(&sb, 0).unwrap();
    assert_eq!(w.decode_in_place(&broken, 0), Owned::decode(&broken, 0).map(|_| ()));
}

//! Golden bytes, both ways, for family messages the corpus has no capture of: ethtool link
//! state, a neighbour, a bridge's settings and a string-set request.

use std::net::{IpAddr, Ipv6Addr};

use nlattr::families::ethtool::{
    EthtoolHeader, LinkState, StrSet, StringSet, StringSets, ETHTOOL_MSG_LINKSTATE_GET_REPLY,
    ETHTOOL_MSG_STRSET_GET,
};
use nlattr::families::route::link::{BridgeInfo, Link, LinkData, LinkInfo};
use nlattr::families::route::neigh::{NdaCacheinfo, Neigh, NTF_ROUTER, NUD_REACHABLE};
use nlattr::header::{GenlMsgHdr, NdMsg};
use nlattr::{messages, AttrSet, Decode, Writer};

fn both_ways<'a, T>(value: &T, payload: &'a [u8])
where
    T: AttrSet + Decode<'a> + PartialEq + std::fmt::Debug,
{
    let mut buf = Vec::new();
    value.encode(&mut Writer::new(&mut buf)).unwrap();
    assert_eq!(buf, payload, "encode");
    assert_eq!(value.encoded_len(), payload.len());
    assert_eq!(&T::decode(payload, 16).unwrap(), value, "decode");
}

#[test]
fn ethtool_link_state_reply() {
    let v = LinkState {
        hdr: GenlMsgHdr { cmd: ETHTOOL_MSG_LINKSTATE_GET_REPLY, version: 1, reserved: 0 },
        header: EthtoolHeader { dev_index: Some(3), dev_name: Some("veth0"), ..Default::default() },
        link: Some(1),
        sqi: None,
        sqi_max: None,
        ext_state: None,
        ext_substate: None,
        ext_down_cnt: Some(2),
        rest: Default::default(),
    };
    #[rustfmt::skip]
    let payload = [
        6, 1, 0, 0,
        24, 0, 1, 0x80,                       // ETHTOOL_A_LINKSTATE_HEADER, nested
          8, 0, 1, 0, 3, 0, 0, 0,             //   DEV_INDEX 3
          10, 0, 2, 0, b'v', b'e', b't', b'h', b'0', 0, 0, 0, // DEV_NAME
        5, 0, 2, 0, 1, 0, 0, 0,               // LINK 1
        8, 0, 7, 0, 2, 0, 0, 0,               // EXT_DOWN_CNT 2
    ];
    both_ways(&v, &payload);
    let bytes = v.to_message_vec(21, 0, 9, 0).unwrap();
    assert_eq!(LinkState::decode_message(&messages(&bytes).next().unwrap().unwrap()).unwrap(), v);
}

#[test]
fn neighbour() {
    let v = Neigh {
        hdr: NdMsg {
            family: 10,
            ifindex: 5,
            state: NUD_REACHABLE,
            flags: NTF_ROUTER,
            ty: 1,
            ..Default::default()
        },
        dst: Some(IpAddr::V6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1))),
        lladdr: Some(&[2, 0, 0, 0, 0, 9]),
        cacheinfo: Some(NdaCacheinfo { confirmed: 1, used: 2, updated: 3, refcnt: 0 }),
        probes: Some(0),
        ..Default::default()
    };
    #[rustfmt::skip]
    let payload = [
        10, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0x80, 1,          // ndmsg
        20, 0, 1, 0, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // NDA_DST
        10, 0, 2, 0, 2, 0, 0, 0, 0, 9, 0, 0,             // NDA_LLADDR
        20, 0, 3, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, // NDA_CACHEINFO
        8, 0, 4, 0, 0, 0, 0, 0,                          // NDA_PROBES
    ];
    both_ways(&v, &payload);
    assert_eq!(v.state_names().collect::<Vec<_>>(), ["REACHABLE"]);
}

#[test]
fn bridge_settings_use_big_endian_and_flag_fields() {
    let v = Link {
        linkinfo: Some(LinkInfo {
            kind: Some("bridge"),
            data: Some(LinkData::Bridge(BridgeInfo {
                vlan_protocol: Some(0x88a8),
                fdb_flush: true,
                ..Default::default()
            })),
            ..Default::default()
        }),
        ..Default::default()
    };
    #[rustfmt::skip]
    let payload = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // ifinfomsg
        32, 0, 18, 0,                                    // IFLA_LINKINFO, not flagged
          11, 0, 1, 0, b'b', b'r', b'i', b'd', b'g', b'e', 0, 0, // IFLA_INFO_KIND
          16, 0, 2, 0,                                   //   IFLA_INFO_DATA, not flagged
            6, 0, 8, 0, 0x88, 0xa8, 0, 0,                //     IFLA_BR_VLAN_PROTOCOL, big-endian
            4, 0, 21, 0,                                 //     IFLA_BR_FDB_FLUSH
    ];
    both_ways(&v, &payload);
}

#[test]
fn string_set_request_for_counts_only() {
    let v = StrSet {
        hdr: GenlMsgHdr { cmd: ETHTOOL_MSG_STRSET_GET, version: 1, reserved: 0 },
        header: Some(EthtoolHeader { dev_index: Some(7), ..Default::default() }),
        stringsets: Some(StringSets { sets: vec![StringSet { id: 1, ..Default::default() }] }),
        counts_only: true,
    };
    #[rustfmt::skip]
    let payload = [
        1, 1, 0, 0,
        12, 0, 1, 0x80, 8, 0, 1, 0, 7, 0, 0, 0,          // HEADER { DEV_INDEX 7 }
        16, 0, 2, 0x80,                                  // STRINGSETS
          12, 0, 1, 0x80, 8, 0, 1, 0, 1, 0, 0, 0,        //   STRINGSET { ID ETH_SS_STATS }
        4, 0, 3, 0,                                      // COUNTS_ONLY
    ];
    both_ways(&v, &payload);
}

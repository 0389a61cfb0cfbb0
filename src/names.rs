//! The names iproute2 prints for numbers: link flags and types, scopes, tables, protocols,
//! route types, address flags, neighbour states. Each function follows the iproute2 function
//! named in its doc (`lib/rt_names.c`, `lib/ll_types.c`, `ip/ipaddress.c`, `ip/iproute.c`,
//! `ip/ipneigh.c`), with the defaults of `/etc/iproute2/*`.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `IFF_*` names in the order `print_link_flags` prints them.
const LINK_FLAGS: [(u32, &str); 18] = [
    (0x8, "LOOPBACK"),
    (0x2, "BROADCAST"),
    (0x10, "POINTOPOINT"),
    (0x1000, "MULTICAST"),
    (0x80, "NOARP"),
    (0x200, "ALLMULTI"),
    (0x100, "PROMISC"),
    (0x400, "MASTER"),
    (0x800, "SLAVE"),
    (0x4, "DEBUG"),
    (0x8000, "DYNAMIC"),
    (0x4000, "AUTOMEDIA"),
    (0x2000, "PORTSEL"),
    (0x20, "NOTRAILERS"),
    (0x1, "UP"),
    (0x1_0000, "LOWER_UP"),
    (0x2_0000, "DORMANT"),
    (0x4_0000, "ECHO"),
];

/// `IFF_UP`.
pub const IFF_UP: u32 = 0x1;
/// `IFF_RUNNING`.
pub const IFF_RUNNING: u32 = 0x40;
/// `IFF_POINTOPOINT`.
pub const IFF_POINTOPOINT: u32 = 0x10;

/// `print_link_flags`: `NO-CARRIER` for a link up without `IFF_RUNNING`, the flag names,
/// unknown bits in hex, and `M-DOWN` when the link's lower device (`mdown`) is down.
#[must_use]
pub fn link_flags(flags: u32, mdown: bool) -> Vec<String> {
    let mut out = Vec::new();
    if flags & IFF_UP != 0 && flags & IFF_RUNNING == 0 {
        out.push("NO-CARRIER".to_owned());
    }
    let mut rest = flags & !IFF_RUNNING;
    for (bit, name) in LINK_FLAGS {
        if rest & bit != 0 {
            rest &= !bit;
            out.push(name.to_owned());
        }
    }
    if rest != 0 {
        out.push(format!("{rest:x}"));
    }
    if mdown {
        out.push("M-DOWN".to_owned());
    }
    out
}

/// `ll_type_n2a`: the `link/...` name of an `ARPHRD_*` device type.
#[must_use]
pub fn link_type(ty: u16) -> String {
    let name = match ty {
        0 => "netrom",
        1 => "ether",
        2 => "eether",
        3 => "ax25",
        4 => "pronet",
        5 => "chaos",
        6 => "ieee802",
        7 => "arcnet",
        8 => "atalk",
        15 => "dlci",
        19 => "atm",
        23 => "metricom",
        24 => "ieee1394",
        27 => "eui64",
        32 => "infiniband",
        256 => "slip",
        257 => "cslip",
        258 => "slip6",
        259 => "cslip6",
        260 => "rsrvd",
        264 => "adapt",
        270 => "rose",
        271 => "x25",
        272 => "hwx25",
        280 => "can",
        512 => "ppp",
        513 => "hdlc",
        516 => "lapb",
        517 => "ddcmp",
        518 => "rawhdlc",
        768 => "ipip",
        769 => "tunnel6",
        770 => "frad",
        771 => "skip",
        772 => "loopback",
        773 => "ltalk",
        774 => "fddi",
        775 => "bif",
        776 => "sit",
        777 => "ip/ddp",
        778 => "gre",
        779 => "pimreg",
        780 => "hippi",
        781 => "ash",
        782 => "econet",
        783 => "irda",
        784 => "fcpp",
        785 => "fcal",
        786 => "fcpl",
        787 => "fcfb0",
        800 => "tr",
        801 => "tr+",
        802 => "ieee802.11",
        803 => "ieee802.11/prism",
        804 => "ieee802.11/radiotap",
        805 => "ieee802.15.4",
        806 => "ieee802.15.4/monitor",
        820 => "phonet",
        821 => "phonet_pipe",
        822 => "caif",
        823 => "gre6",
        824 => "netlink",
        825 => "6lowpan",
        826 => "vsockmon",
        0xfffe => "none",
        0xffff => "void",
        _ => return format!("[{ty}]"),
    };
    name.to_owned()
}

/// `ll_addr_n2a`: a hardware address, as an IP address for IP tunnels, else colon-separated
/// hex.
#[must_use]
pub fn link_addr(bytes: &[u8], link_type: u16) -> String {
    if let (Ok(v4), 768 | 776 | 778) = (<[u8; 4]>::try_from(bytes), link_type) {
        return Ipv4Addr::from(v4).to_string();
    }
    if let (Ok(v6), 769 | 823) = (<[u8; 16]>::try_from(bytes), link_type) {
        return Ipv6Addr::from(v6).to_string();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

/// `oper_states[]` of `print_operstate`.
#[must_use]
pub fn operstate(state: u8) -> Option<&'static str> {
    ["UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"]
        .get(usize::from(state))
        .copied()
}

/// `link_modes[]` of `print_linkmode`.
#[must_use]
pub fn linkmode(mode: u8) -> Option<&'static str> {
    ["DEFAULT", "DORMANT", "TESTING"].get(usize::from(mode)).copied()
}

/// `rtnl_group_n2a` with `/etc/iproute2/group`'s one entry.
#[must_use]
pub fn group(group: u32) -> String {
    if group == 0 {
        "default".to_owned()
    } else {
        group.to_string()
    }
}

/// `rtnl_rtscope_n2a`.
#[must_use]
pub fn scope(scope: u8) -> String {
    match scope {
        0 => "global".to_owned(),
        200 => "site".to_owned(),
        253 => "link".to_owned(),
        254 => "host".to_owned(),
        255 => "nowhere".to_owned(),
        n => n.to_string(),
    }
}

/// `rtnl_rttable_n2a` with `/etc/iproute2/rt_tables`.
#[must_use]
pub fn table(table: u32) -> String {
    match table {
        0 => "unspec".to_owned(),
        253 => "default".to_owned(),
        254 => "main".to_owned(),
        255 => "local".to_owned(),
        n => n.to_string(),
    }
}

/// Parses a table argument as `rtnl_rttable_a2n` does (`main`, `local`, `default`, or a
/// number).
#[must_use]
pub fn table_id(name: &str) -> Option<u32> {
    match name {
        "unspec" => Some(0),
        "default" => Some(253),
        "main" => Some(254),
        "local" => Some(255),
        n => n.parse().ok(),
    }
}

/// `rtnl_rtprot_n2a` with `/etc/iproute2/rt_protos`.
#[must_use]
pub fn protocol(proto: u8) -> String {
    let name = match proto {
        0 => "unspec",
        1 => "redirect",
        2 => "kernel",
        3 => "boot",
        4 => "static",
        8 => "gated",
        9 => "ra",
        10 => "mrt",
        11 => "zebra",
        12 => "bird",
        13 => "dnrouted",
        14 => "xorp",
        15 => "ntk",
        16 => "dhcp",
        18 => "keepalived",
        42 => "babel",
        99 => "openr",
        186 => "bgp",
        187 => "isis",
        188 => "ospf",
        189 => "rip",
        192 => "eigrp",
        n => return n.to_string(),
    };
    name.to_owned()
}

/// `rtnl_rtntype_n2a`.
#[must_use]
pub fn route_type(ty: u8) -> String {
    let name = match ty {
        0 => "none",
        1 => "unicast",
        2 => "local",
        3 => "broadcast",
        4 => "anycast",
        5 => "multicast",
        6 => "blackhole",
        7 => "unreachable",
        8 => "prohibit",
        9 => "throw",
        10 => "nat",
        11 => "xresolve",
        n => return n.to_string(),
    };
    name.to_owned()
}

/// `print_rt_flags`: `RTNH_F_*` and `RTM_F_*` names of a route or next hop.
#[must_use]
pub fn route_flags(flags: u32) -> Vec<&'static str> {
    const NAMES: [(u32, &str); 11] = [
        (0x1, "dead"),
        (0x4, "onlink"),
        (0x2, "pervasive"),
        (0x8, "offload"),
        (0x40, "trap"),
        (0x100, "notify"),
        (0x10, "linkdown"),
        (0x20, "unresolved"),
        (0x4000, "rt_offload"),
        (0x8000, "rt_trap"),
        (0x2000_0000, "rt_offload_failed"),
    ];
    NAMES.into_iter().filter(|(bit, _)| flags & bit != 0).map(|(_, n)| n).collect()
}

/// `rtnl_dsfield_n2a` with `/etc/iproute2/rt_dsfield`: a route's TOS / DS field.
#[must_use]
pub fn dsfield(tos: u8) -> String {
    let name = match tos {
        0x00 => "default",
        0x28 => "AF11",
        0x30 => "AF12",
        0x38 => "AF13",
        0x48 => "AF21",
        0x50 => "AF22",
        0x58 => "AF23",
        0x68 => "AF31",
        0x70 => "AF32",
        0x78 => "AF33",
        0x88 => "AF41",
        0x90 => "AF42",
        0x98 => "AF43",
        0x20 => "CS1",
        0x40 => "CS2",
        0x60 => "CS3",
        0x80 => "CS4",
        0xa0 => "CS5",
        0xc0 => "CS6",
        0xe0 => "CS7",
        0xb8 => "EF",
        n => return format!("0x{n:02x}"),
    };
    name.to_owned()
}

/// `rtnl_rtrealm_n2a` with `/etc/iproute2/rt_realms`.
#[must_use]
pub fn realm(realm: u32) -> String {
    if realm == 0 {
        "cosmos".to_owned()
    } else {
        realm.to_string()
    }
}

/// `RTA_PREF` as `ip -6 route` prints it.
#[must_use]
pub fn route_pref(pref: u8) -> String {
    match pref {
        0 => "medium".to_owned(),
        1 => "high".to_owned(),
        3 => "low".to_owned(),
        n => n.to_string(),
    }
}

/// `IFA_PROTO` names (`rtnl_addrprot_n2a`).
#[must_use]
pub fn addr_protocol(proto: u8) -> String {
    match proto {
        0 => "unspec".to_owned(),
        1 => "kernel_lo".to_owned(),
        2 => "kernel_ra".to_owned(),
        3 => "kernel_ll".to_owned(),
        n => n.to_string(),
    }
}

/// `NUD_*` names in the order `print_neigh_state` prints them.
pub const NEIGH_STATES: [(u16, &str); 8] = [
    (0x01, "INCOMPLETE"),
    (0x02, "REACHABLE"),
    (0x04, "STALE"),
    (0x08, "DELAY"),
    (0x10, "PROBE"),
    (0x20, "FAILED"),
    (0x40, "NOARP"),
    (0x80, "PERMANENT"),
];

/// Metric names of `print_rta_metrics` (`mx_names[]`, JSON spelling), by `RTAX_*` type.
#[must_use]
pub fn metric(ty: u16) -> Option<&'static str> {
    Some(match ty {
        2 => "mtu",
        3 => "window",
        4 => "rtt",
        5 => "rttvar",
        6 => "ssthresh",
        7 => "cwnd",
        8 => "advmss",
        9 => "reordering",
        10 => "hoplimit",
        11 => "initcwnd",
        12 => "features",
        13 => "rto_min",
        14 => "initrwnd",
        15 => "quickack",
        16 => "congestion",
        17 => "fastopen_no_cookie",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_follow_iproute2() {
        assert_eq!(link_flags(0x1003, false), ["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"]);
        assert_eq!(link_flags(0x1_1043, true), ["BROADCAST", "MULTICAST", "UP", "LOWER_UP", "M-DOWN"]);
        assert_eq!(link_flags(0x8_0008, false), ["LOOPBACK", "80000"]);
    }

    #[test]
    fn addresses_and_names() {
        assert_eq!(link_addr(&[2, 0, 0, 0, 0, 0xab], 1), "02:00:00:00:00:ab");
        assert_eq!(link_addr(&[10, 0, 0, 1], 768), "10.0.0.1");
        assert_eq!(link_type(0xfffe), "none");
        assert_eq!(link_type(9999), "[9999]");
        assert_eq!(table(100), "100");
        assert_eq!(table_id("main"), Some(254));
        assert_eq!(route_flags(0x14), ["onlink", "linkdown"]);
    }
}

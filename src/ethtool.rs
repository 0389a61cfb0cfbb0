//! `ethtool DEV` (link info and link state) through the `ethtool` generic-netlink family,
//! with [`nlattr::families::ethtool`]: the family is resolved by name, then
//! `ETHTOOL_MSG_LINKINFO_GET` and `ETHTOOL_MSG_LINKSTATE_GET` are sent as a `do` for one
//! device or as dumps for all.

use std::collections::BTreeMap;

use nlattr::consts::NETLINK_GENERIC;
use nlattr::families::ethtool::{
    EthtoolHeader, GetRequest, LinkInfo, LinkState, ETHTOOL_GENL_NAME, ETHTOOL_GENL_VERSION,
    ETHTOOL_MSG_LINKINFO_GET, ETHTOOL_MSG_LINKSTATE_GET,
};
use nlattr::header::GenlMsgHdr;
use nlattr::AttrSet;
use nlsock::{OwnedMessage, Socket};
use serde_json::{json, Map, Value};

use crate::cli::{self, AppError};

/// `PORT_*` names as `ethtool` prints them.
#[must_use]
pub fn port_name(port: u8) -> String {
    match port {
        0x00 => "Twisted Pair".into(),
        0x01 => "AUI".into(),
        0x02 => "BNC".into(),
        0x03 => "MII".into(),
        0x04 => "FIBRE".into(),
        0x05 => "Direct Attach Copper".into(),
        0xef => "None".into(),
        0xff => "Other".into(),
        n => format!("Unknown! ({n})"),
    }
}

/// `ETH_TP_MDI_*` names.
#[must_use]
pub fn mdix_name(v: u8) -> String {
    match v {
        0 => "Unknown".into(),
        1 => "off (MDI)".into(),
        2 => "on (MDI-X)".into(),
        3 => "auto".into(),
        n => n.to_string(),
    }
}

fn request(cmd: u8, dev: Option<&str>) -> GetRequest<'_> {
    GetRequest {
        hdr: GenlMsgHdr { cmd, version: ETHTOOL_GENL_VERSION, reserved: 0 },
        header: dev.map(|d| EthtoolHeader { dev_name: Some(d), ..Default::default() }),
    }
}

fn query(sock: &mut Socket, family: u16, cmd: u8, dev: Option<&str>) -> Result<Vec<OwnedMessage>, AppError> {
    let req = request(cmd, dev);
    req.check()?;
    match dev {
        Some(_) => Ok(sock.request(family, 0, &req)?.messages),
        None => Ok(sock.dump(family, 0, &req)?.collect::<Result<Vec<_>, _>>()?),
    }
}

/// The entry of the device a reply's header names, created with its index and name.
fn slot<'m>(
    devs: &'m mut BTreeMap<u32, Map<String, Value>>,
    h: &EthtoolHeader<'_>,
) -> &'m mut Map<String, Value> {
    devs.entry(h.dev_index.unwrap_or(0)).or_insert_with(|| {
        let mut o = Map::new();
        o.insert("ifindex".into(), json!(h.dev_index));
        o.insert("ifname".into(), json!(h.dev_name));
        o
    })
}

/// Link info and link state of `dev`, or of every device, keyed by interface index.
///
/// # Errors
/// The family missing (`ENOENT`), the device unknown (`ENODEV`, with the kernel's message),
/// or a reply not decoding.
pub fn info(netns: Option<&str>, dev: Option<&str>) -> Result<Value, AppError> {
    let mut sock = cli::open(NETLINK_GENERIC, netns)?;
    let family = sock.resolve_family(ETHTOOL_GENL_NAME)?.id;
    let mut devs: BTreeMap<u32, Map<String, Value>> = BTreeMap::new();
    for m in &query(&mut sock, family, ETHTOOL_MSG_LINKINFO_GET, dev)? {
        let li: LinkInfo<'_> = LinkInfo::decode_message(&m.message())?;
        let o = slot(&mut devs, &li.header);
        if let Some(p) = li.port {
            o.insert("port".into(), json!(port_name(p)));
        }
        if let Some(p) = li.phyaddr {
            o.insert("phyad".into(), json!(p));
        }
        if let Some(t) = li.transceiver {
            o.insert(
                "transceiver".into(),
                json!(if t == 0 { "internal".to_owned() } else { format!("external ({t})") }),
            );
        }
        if let Some(v) = li.tp_mdix {
            o.insert("mdi_x".into(), json!(mdix_name(v)));
        }
        if let Some(v) = li.tp_mdix_ctrl {
            o.insert("mdi_x_control".into(), json!(mdix_name(v)));
        }
    }
    for m in &query(&mut sock, family, ETHTOOL_MSG_LINKSTATE_GET, dev)? {
        let ls: LinkState<'_> = LinkState::decode_message(&m.message())?;
        let o = slot(&mut devs, &ls.header);
        if let Some(l) = ls.link {
            o.insert("link_detected".into(), json!(l != 0));
        }
        if let Some(q) = ls.sqi {
            o.insert("sqi".into(), json!(q));
        }
        if let Some(q) = ls.sqi_max {
            o.insert("sqi_max".into(), json!(q));
        }
        if let Some(q) = ls.ext_down_cnt {
            o.insert("link_down_events".into(), json!(q));
        }
    }
    Ok(Value::Array(devs.into_values().map(Value::Object).collect()))
}

/// The readable form, shaped like `ethtool DEV`.
#[must_use]
pub fn info_text(v: &Value) -> String {
    let mut out = String::new();
    for d in v.as_array().into_iter().flatten() {
        out += &format!("Settings for {}:\n", d["ifname"].as_str().unwrap_or_default());
        for (key, label) in
            [("port", "Port"), ("phyad", "PHYAD"), ("transceiver", "Transceiver"), ("mdi_x", "MDI-X")]
        {
            if let Some(x) = d.get(key) {
                out += &format!("\t{label}: {}\n", x.as_str().map_or_else(|| x.to_string(), str::to_owned));
            }
        }
        if let Some(l) = d.get("link_detected").and_then(Value::as_bool) {
            out += &format!("\tLink detected: {}\n", if l { "yes" } else { "no" });
        }
    }
    out
}

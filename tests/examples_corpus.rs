//! The examples' JSON from captured kernel dumps, checked against iproute2's JSON view of
//! the same namespace taken right after the capture (`tests/fixtures/corpus/expected/
//! *.ip.json`). Needs no privilege: the dumps are decoded from the captured datagrams.

mod examples_common;

use std::path::Path;

use examples_common::assert_same;
use nlattr::consts::{AF_INET6, AF_UNSPEC, NLMSG_MIN_TYPE};
use nlattr_workspace::ip::{self, LinkTable, TableSel};
use nlsock::OwnedMessage;
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");

/// The data messages of every `reply-NNN.bin` of capture `name`, in order.
fn dump(name: &str) -> Vec<OwnedMessage> {
    let dir = Path::new(CORPUS).join(name);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("reply-"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        for m in nlattr::messages(&bytes) {
            let m = m.unwrap();
            if m.ty() >= NLMSG_MIN_TYPE {
                out.push(OwnedMessage::from_message(&m));
            }
        }
    }
    out
}

fn view(name: &str, key: &str) -> Value {
    let path = Path::new(CORPUS).join("expected").join(format!("{name}.ip.json"));
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["views"][key].clone()
}

#[test]
fn captured_links_match_ip_link() {
    let links = dump("rtm_getlink_dump");
    assert_eq!(links.len(), 22);
    let f = assert_same("link", &view("rtm_getlink_dump", "link"), &ip::links_json(&links).unwrap(), 22);
    println!("link: {f} fields equal");
}

#[test]
fn captured_addresses_match_ip_addr() {
    let links = dump("rtm_getlink_dump");
    let addrs = dump("rtm_getaddr_dump");
    assert_eq!(addrs.len(), 38);
    let ours = ip::addrs_json(&links, &addrs, AF_UNSPEC).unwrap();
    let f = assert_same("addr", &view("rtm_getaddr_dump", "addr"), &ours, 22);
    println!("addr: {f} fields equal");
}

#[test]
fn captured_routes_match_ip_route() {
    let table = LinkTable::from_messages(&dump("rtm_getlink_dump")).unwrap();
    let routes = dump("rtm_getroute_v6_dump_32k");
    assert!(routes.len() >= 2000, "{}", routes.len());
    let all = ip::routes_json(&table, &routes, TableSel::All, AF_INET6).unwrap();
    let f =
        assert_same("route -6 table all", &view("rtm_getroute_v6_dump_32k", "route_all_tables"), &all, 2000);
    println!("-6 route show table all: {f} fields equal");
    let main = ip::routes_json(&table, &routes, TableSel::parse(None).unwrap(), AF_INET6).unwrap();
    let f = assert_same("route -6", &view("rtm_getroute_v6_dump_32k", "route_main"), &main, 1800);
    println!("-6 route show: {f} fields equal");
}

/// `CTRL_ATTR_*` of one family as pyroute2 decoded it, in the example's JSON shape.
fn pyroute2_family(attrs: &Value) -> Value {
    let list = |key: &str, fields: [(&str, &str); 2]| -> Value {
        attrs[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        let mut o = serde_json::Map::new();
                        for (ours, theirs) in fields {
                            o.insert(ours.into(), x[theirs].clone());
                        }
                        Value::Object(o)
                    })
                    .collect()
            })
            .unwrap_or_else(|| Value::Array(Vec::new()))
    };
    serde_json::json!({
        "name": attrs["CTRL_ATTR_FAMILY_NAME"],
        "id": attrs["CTRL_ATTR_FAMILY_ID"],
        "version": attrs["CTRL_ATTR_VERSION"],
        "hdrsize": attrs["CTRL_ATTR_HDRSIZE"],
        "maxattr": attrs["CTRL_ATTR_MAXATTR"],
        "ops": list("CTRL_ATTR_OPS", [("id", "CTRL_ATTR_OP_ID"), ("flags", "CTRL_ATTR_OP_FLAGS")]),
        "mcast_groups": list("CTRL_ATTR_MCAST_GROUPS", [("name", "CTRL_ATTR_MCAST_GRP_NAME"), ("id", "CTRL_ATTR_MCAST_GRP_ID")]),
    })
}

#[test]
fn captured_families_match_an_independent_decoding() {
    let ours = nlattr_workspace::genl::families_json(&dump("genl_ctrl_getfamily_dump")).unwrap();
    let path = Path::new(CORPUS).join("expected/genl_ctrl_getfamily_dump.json");
    let expected: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let theirs: Vec<Value> = expected["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["header"]["type"] == 16)
        .map(|m| pyroute2_family(&m["attrs"]))
        .collect();
    assert_eq!(theirs.len(), 8);
    let f = assert_same("genl families", &Value::Array(theirs), &ours, 8);
    println!("genl families: {f} fields equal");
}

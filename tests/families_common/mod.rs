//! Shared helpers of the `families_*` tests: corpus loading, the expected JSON, and a
//! field-by-field comparison of a decoded message with pyroute2's decoding.

#![allow(dead_code)] // each test file uses its own subset of these helpers

use std::collections::BTreeSet;
use std::path::PathBuf;

use nlattr::{messages, Message};
use serde_json::{Map, Value};

/// The directory of one capture.
pub fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus").join(name)
}

/// The reply datagrams of a capture, in order.
pub fn datagrams(name: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir(name))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("reply-"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{name}: no reply datagrams");
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Every data message payload (control messages left out) of the captures `names`.
pub fn payloads(names: &[&str]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for name in names {
        for d in datagrams(name) {
            for m in messages(&d) {
                let m = m.unwrap();
                if !m.is_control() {
                    out.push(m.payload.to_vec());
                }
            }
        }
    }
    out
}

/// `expected/<name>.json`.
pub fn expected(name: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/expected")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// One message of a capture with its place and pyroute2's view of it.
pub struct Item<'a> {
    /// Index of the datagram.
    pub datagram: usize,
    /// The message.
    pub msg: Message<'a>,
    /// The message's exact bytes (header included, padding excluded).
    pub bytes: &'a [u8],
    /// pyroute2's decoding.
    pub expected: &'a Value,
}

/// Every message of every datagram, paired with its expected entry by datagram and
/// offset; the counts must agree.
pub fn items<'a>(dgrams: &'a [Vec<u8>], exp: &'a Value) -> Vec<Item<'a>> {
    let list = exp["messages"].as_array().unwrap();
    let mut out = Vec::new();
    for (d, buf) in dgrams.iter().enumerate() {
        for msg in messages(buf) {
            let msg = msg.unwrap();
            let len = msg.header.len as usize;
            let bytes = &buf[msg.offset..msg.offset + len];
            let e = list
                .iter()
                .find(|m| m["datagram"] == d && m["offset"] == msg.offset)
                .unwrap_or_else(|| panic!("no expected entry for datagram {d} offset {}", msg.offset));
            assert_eq!(e["header"]["type"], msg.ty());
            assert_eq!(e["header"]["length"], msg.header.len);
            out.push(Item { datagram: d, msg, bytes, expected: e });
        }
    }
    assert_eq!(out.len(), list.len(), "message count");
    out
}

/// `aa:bb:cc:...`, as pyroute2 prints hardware addresses.
pub fn mac(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(":")
}

/// Lowercase hex without separators, as pyroute2's `__raw_hex__`.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Compares pyroute2's attribute map `exp` with the map built from our decoding, key by
/// key and recursively: every key on either side must be on the other, with an equal
/// value, except keys listed in `presence_only` (by slash path) whose content is not
/// compared. Returns the number of values compared.
pub fn compare(
    ctx: &str,
    exp: &Map<String, Value>,
    ours: &Map<String, Value>,
    presence_only: &[&str],
) -> usize {
    compare_at(ctx, "", exp, ours, presence_only)
}

fn compare_at(
    ctx: &str,
    path: &str,
    exp: &Map<String, Value>,
    ours: &Map<String, Value>,
    presence_only: &[&str],
) -> usize {
    let keys: BTreeSet<&String> = exp.keys().chain(ours.keys()).collect();
    let mut n = 0;
    for k in keys {
        if k == "__repeated__" {
            continue;
        }
        let p = if path.is_empty() { k.clone() } else { format!("{path}/{k}") };
        let (Some(e), Some(o)) = (exp.get(k), ours.get(k)) else {
            panic!(
                "{ctx}: `{p}` is {} by pyroute2 but {} by us\n expected: {:?}\n ours: {:?}",
                if exp.contains_key(k) { "present" } else { "absent" },
                if ours.contains_key(k) { "present" } else { "absent" },
                exp.get(k),
                ours.get(k)
            );
        };
        if presence_only.contains(&p.as_str()) {
            continue;
        }
        match (e, o) {
            (Value::Object(e), Value::Object(o)) => n += compare_at(ctx, &p, e, o, presence_only),
            _ => {
                assert_eq!(e, o, "{ctx}: `{p}`");
                n += 1;
            }
        }
    }
    n
}

/// Splits a message's attributes (after a fixed header of `hdr` bytes) into their raw
/// bytes, padding excluded.
pub fn top_level_attrs(message: &[u8], hdr: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 16 + hdr;
    while pos + 4 <= message.len() {
        let len = u16::from_ne_bytes([message[pos], message[pos + 1]]) as usize;
        assert!(len >= 4 && pos + len <= message.len());
        out.push(message[pos..pos + len].to_vec());
        pos += (len + 3) & !3;
    }
    out
}

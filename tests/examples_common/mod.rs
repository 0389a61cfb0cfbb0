//! Shared by the `examples_*` tests: the comparison of the examples' JSON with iproute2's.
// Each test binary uses a different subset of these functions.
#![allow(dead_code)]

use serde_json::Value;

/// Every key the reference (`ip -j`, or another independent decoding) printed must be printed by the example with the same value, recursively;
/// returns the mismatches and counts the fields compared.
pub fn compare(theirs: &Value, ours: &Value, path: &str, fields: &mut usize, out: &mut Vec<String>) {
    match (theirs, ours) {
        (Value::Object(t), Value::Object(o)) => {
            for (k, tv) in t {
                match o.get(k) {
                    Some(ov) => compare(tv, ov, &format!("{path}.{k}"), fields, out),
                    None => out.push(format!("{path}.{k}: the reference has {tv}, the example has nothing")),
                }
            }
        }
        (Value::Array(t), Value::Array(o)) => {
            if t.len() != o.len() {
                out.push(format!("{path}: the reference has {} entries, the example {}", t.len(), o.len()));
            }
            for (i, (tv, ov)) in t.iter().zip(o).enumerate() {
                compare(tv, ov, &format!("{path}[{i}]"), fields, out);
            }
        }
        (t, o) => {
            *fields += 1;
            if t != o {
                out.push(format!("{path}: the reference has {t}, the example {o}"));
            }
        }
    }
}

pub fn assert_same(what: &str, theirs: &Value, ours: &Value, min_entries: usize) -> usize {
    let n = theirs.as_array().map_or(0, Vec::len);
    assert!(n >= min_entries, "{what}: the reference has {n} entries, expected at least {min_entries}");
    let mut fields = 0;
    let mut bad = Vec::new();
    compare(theirs, ours, what, &mut fields, &mut bad);
    assert!(
        bad.is_empty(),
        "{} mismatches, first ones:\n{}",
        bad.len(),
        bad.iter().take(25).cloned().collect::<Vec<_>>().join("\n")
    );
    fields
}

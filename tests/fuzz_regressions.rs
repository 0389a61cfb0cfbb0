//! Inputs the fuzz targets (`fuzz/`) found, kept as regression tests.

use nlattr::families::ctrl::{OpPolicy, PolicyReply};
use nlattr::header::GenlMsgHdr;
use nlattr::{Decode, Encode, Writer};

fn encode<T: Encode>(v: &T) -> Vec<u8> {
    let mut buf = Vec::new();
    v.encode(&mut Writer::new(&mut buf)).expect("encodes");
    assert_eq!(buf.len(), v.encoded_len());
    buf
}

/// `family_ctrl_policy`: a `CTRL_ATTR_OP_POLICY` entry that encodes to nothing was written
/// as an empty nested-array element, which decoding skips (as the kernel does), so
/// re-encoding the decoded value lost it: encoding was not a fixpoint.
#[test]
fn empty_nested_array_element_survives_a_round_trip() {
    let input = include_bytes!("fixtures/fuzz/ctrl_policy_empty_op_policy.bin");
    let v = PolicyReply::decode(input, 0).expect("the fuzz input decodes");
    let first = encode(&v);
    let back = PolicyReply::decode(&first, 0).expect("re-encoded bytes decode");
    assert_eq!(encode(&back), first);
}

#[test]
fn empty_nested_array_elements_are_not_written() {
    let hdr = GenlMsgHdr { cmd: 10, version: 1, reserved: 0 };
    let only_empty = PolicyReply {
        hdr,
        id: 16,
        policy: None,
        op_policy: vec![(0, OpPolicy::default())],
        rest: Default::default(),
    };
    let none = PolicyReply { op_policy: vec![], ..only_empty.clone() };
    // No nest at all when every element is empty.
    assert_eq!(encode(&only_empty), encode(&none));

    let mixed = PolicyReply {
        op_policy: vec![(0, OpPolicy::default()), (3, OpPolicy { do_policy: Some(1), dump_policy: None })],
        ..only_empty.clone()
    };
    let bytes = encode(&mixed);
    let back = PolicyReply::decode(&bytes, 0).expect("decodes");
    assert_eq!(back.op_policy, vec![(3, OpPolicy { do_policy: Some(1), dump_policy: None })]);
    assert_eq!(encode(&back), bytes);
}

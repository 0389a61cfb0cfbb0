//! `Policy` maps what the kernel reports (an attribute offset, a missing type in a nest, a
//! chain of types) back to Rust field paths. Checked here with hand-written tables, so the
//! core stands on its own: every attribute of a message built with the writer is located by
//! its own offset.

use nlattr::consts::NLA_F_NESTED;
use nlattr::policy::{AttrKind, AttrPolicy, Policy};
use nlattr::{EncodeError, Writer};

static INNER: Policy = Policy {
    name: "Inner",
    header_len: 0,
    attrs: &[
        AttrPolicy::new("a", 1, AttrKind::U32),
        AttrPolicy::new("b", 2, AttrKind::String),
        AttrPolicy { multi: true, ..AttrPolicy::new("c", 3, AttrKind::Binary) },
    ],
    deny_unknown: false,
};

static PEER: Policy = Policy {
    name: "Peer",
    header_len: 16,
    attrs: &[AttrPolicy::new("mtu", 4, AttrKind::U32)],
    deny_unknown: false,
};

static TOP: Policy = Policy {
    name: "Top",
    // A 1-byte family header (`rtgenmsg`): attributes start 3 bytes of padding later.
    header_len: 1,
    attrs: &[
        AttrPolicy::new("id", 1, AttrKind::U16),
        AttrPolicy::new("inner", 2, AttrKind::Nested(&INNER)),
        AttrPolicy::new("list", 3, AttrKind::NestedArray(&INNER)),
        AttrPolicy::new("kind", 4, AttrKind::String),
        AttrPolicy::new(
            "data",
            5,
            AttrKind::SubMessage { selector: "kind", variants: &[("inner", &INNER), ("peer", &PEER)] },
        ),
    ],
    deny_unknown: false,
};

/// Offsets of interesting attributes, from the start of the message.
#[derive(Default, Debug)]
struct At {
    id: usize,
    inner: usize,
    inner_a: usize,
    inner_c1: usize,
    list: usize,
    list_el2: usize,
    list_el2_b: usize,
    data: usize,
    data_a: usize,
}

fn build(kind: &str) -> Result<(Vec<u8>, At), EncodeError> {
    let mut out = Vec::new();
    let mut at = At::default();
    let mut w = Writer::new(&mut out);
    let m = w.begin_message(0x30, 0, 1, 0)?;
    w.put(&[2])?;
    w.align()?;
    at.id = w.len();
    w.attr(1, &7u16)?;
    // The selector comes after the sub-message: order must not matter.
    at.data = w.len();
    let data = w.begin_nest(5)?;
    if kind == "peer" {
        w.put(&[0; 16])?;
    }
    at.data_a = w.len();
    w.attr(if kind == "peer" { 4 } else { 1 }, &1500u32)?;
    w.end_nest(data)?;
    at.inner = w.len();
    let inner = w.begin_nest(2)?;
    at.inner_a = w.len();
    w.attr(1, &5u32)?;
    w.attr(3, &[1u8][..])?;
    at.inner_c1 = w.len();
    w.attr(3, &[2u8][..])?;
    w.end_nest(inner)?;
    at.list = w.len();
    let list = w.begin_nest(3)?;
    for i in 1..=3u16 {
        if i == 2 {
            at.list_el2 = w.len();
        }
        let el = w.begin_nest(i)?;
        w.attr(1, &u32::from(i))?;
        if i == 2 {
            at.list_el2_b = w.len();
        }
        w.attr(2, "x")?;
        w.end_nest(el)?;
    }
    w.end_nest(list)?;
    w.attr(4, kind)?;
    w.end_message(m)?;
    Ok((out, at))
}

fn path(msg: &[u8], offset: usize) -> Option<String> {
    TOP.path_of_offset(msg, offset).map(|p| p.to_string())
}

#[test]
fn offsets_map_to_field_paths() {
    let (msg, at) = build("inner").expect("encodes");
    assert_eq!(at.id, 20, "attributes start after the padded 1-byte header");
    assert_eq!(path(&msg, at.id).as_deref(), Some("id"));
    assert_eq!(path(&msg, at.id + 5).as_deref(), Some("id"), "a byte inside the attribute");
    assert_eq!(path(&msg, at.inner).as_deref(), Some("inner"));
    assert_eq!(path(&msg, at.inner_a).as_deref(), Some("inner.a"));
    assert_eq!(path(&msg, at.inner_c1).as_deref(), Some("inner.c[1]"));
    assert_eq!(path(&msg, at.list).as_deref(), Some("list"));
    assert_eq!(path(&msg, at.list_el2).as_deref(), Some("list[2]"));
    assert_eq!(path(&msg, at.list_el2_b).as_deref(), Some("list[2].b"));
    assert_eq!(path(&msg, at.data).as_deref(), Some("data"));
    assert_eq!(path(&msg, at.data_a).as_deref(), Some("data.a"));
    assert_eq!(path(&msg, 16), None, "inside the family header");
    assert_eq!(path(&msg, msg.len()), None, "past the end");
    assert_eq!(path(&msg, usize::MAX), None);
}

#[test]
fn sub_message_follows_its_selector_and_its_header() {
    let (msg, at) = build("peer").expect("encodes");
    assert_eq!(path(&msg, at.data_a).as_deref(), Some("data.mtu"));
    // Inside the peer's 16-byte header: the nest itself.
    assert_eq!(path(&msg, at.data + 8).as_deref(), Some("data"));
    let located = TOP.locate(&msg, at.data).expect("found");
    assert_eq!(located.inner.map(|p| p.name), Some("Peer"));
    // An unknown selector value: the nest is found, its contents are not mapped.
    let (msg, at) = build("bridge").expect("encodes");
    assert_eq!(path(&msg, at.data).as_deref(), Some("data"));
    assert_eq!(path(&msg, at.data_a).as_deref(), Some("data"));
}

#[test]
fn missing_attributes_are_named_in_their_nest() {
    let (msg, at) = build("inner").expect("encodes");
    let missing = |nest: Option<usize>, ty| TOP.path_of_missing(&msg, nest, ty).map(|p| p.to_string());
    assert_eq!(missing(None, 4).as_deref(), Some("kind"));
    assert_eq!(missing(Some(at.inner), 2).as_deref(), Some("inner.b"));
    assert_eq!(missing(Some(at.list_el2), 3).as_deref(), Some("list[2].c"));
    assert_eq!(missing(Some(at.inner), 9), None, "a type the nest does not know");
}

#[test]
fn type_chains_map_to_field_paths() {
    let p = |types: &[u16]| {
        let (path, complete) = TOP.path_of_types(types);
        (path.to_string(), complete)
    };
    assert_eq!(p(&[2, 3]), ("inner.c".to_owned(), true));
    assert_eq!(p(&[3, 7, 2]), ("list[7].b".to_owned(), true));
    assert_eq!(p(&[2, 9]), ("inner".to_owned(), false));
    assert_eq!(p(&[]), (String::new(), true));
    // Flags are not part of a type.
    assert_eq!(TOP.get(2 | NLA_F_NESTED), None);
}

#[test]
fn unknown_attributes_give_the_known_prefix_and_their_type() {
    let mut msg = Vec::new();
    let mut w = Writer::new(&mut msg);
    let m = w.begin_message(0x30, 0, 1, 0).expect("fits");
    w.put(&[2]).expect("fits");
    w.align().expect("fits");
    let top_unknown = w.len();
    w.attr(12, &1u32).expect("fits");
    let inner = w.begin_nest(2).expect("fits");
    w.attr(1, &5u32).expect("fits");
    let nest9 = w.len();
    let n9 = w.begin_nest(9).expect("fits");
    let deep = w.len();
    w.attr(1, &6u32).expect("fits");
    w.end_nest(n9).expect("fits");
    w.end_nest(inner).expect("fits");
    w.end_message(m).expect("fits");

    // An unknown attribute inside a known nest, and an attribute inside that: the path
    // stops at the nest, and says which type it could not follow.
    for at in [nest9, deep] {
        let l = TOP.locate(&msg, at).expect("found");
        assert_eq!((l.path.to_string(), l.unknown, l.is_complete()), ("inner".to_owned(), Some(9), false));
        assert_eq!(l.inner, None);
        assert_eq!(path(&msg, at).as_deref(), Some("inner"), "the known prefix, not nothing");
    }
    // At the top level the known prefix is empty.
    let l = TOP.locate(&msg, top_unknown).expect("found");
    assert_eq!((l.path.to_string(), l.unknown), (String::new(), Some(12)));
    assert_eq!(path(&msg, top_unknown).as_deref(), Some(""));
    // Known all the way: complete.
    let l = TOP.locate(&msg, deep - 8).expect("found");
    assert_eq!((l.path.to_string(), l.unknown, l.is_complete()), ("inner.a".to_owned(), None, true));
    // A missing attribute inside an unknown nest cannot be named.
    assert_eq!(TOP.path_of_missing(&msg, Some(nest9), 1), None);
}

static BY_PROTO: Policy = Policy {
    name: "ByProto",
    header_len: 0,
    attrs: &[
        // A big-endian selector: its value is read as its own kind says.
        AttrPolicy::new("proto", 1, AttrKind::Be16),
        AttrPolicy::new(
            "info",
            2,
            AttrKind::SubMessageInt { selector: "proto", variants: &[(6, &INNER), (17, &PEER)] },
        ),
    ],
    deny_unknown: false,
};

#[test]
fn integer_selectors_choose_the_sub_message_policy() {
    let build = |proto: u16| -> Result<(Vec<u8>, usize), EncodeError> {
        let mut msg = Vec::new();
        let mut w = Writer::new(&mut msg);
        let m = w.begin_message(0x30, 0, 1, 0)?;
        let info = w.begin_nest(2)?;
        if proto == 17 {
            w.put(&[0; 16])?;
        }
        let at = w.len();
        w.attr(if proto == 17 { 4 } else { 2 }, "x")?;
        w.end_nest(info)?;
        w.attr(1, &nlattr::codec::Be(proto))?;
        w.end_message(m)?;
        Ok((msg, at))
    };
    let path = |msg: &[u8], at| BY_PROTO.path_of_offset(msg, at).map(|p| p.to_string());
    let (msg, at) = build(6).expect("encodes");
    assert_eq!(path(&msg, at).as_deref(), Some("info.b"));
    let (msg, at) = build(17).expect("encodes");
    assert_eq!(path(&msg, at).as_deref(), Some("info.mtu"));
    // A value no variant has: the nest, its contents unmapped.
    let (msg, at) = build(99).expect("encodes");
    assert_eq!(path(&msg, at).as_deref(), Some("info"));
    assert_eq!(BY_PROTO.locate(&msg, at - 4).and_then(|l| l.inner), None);
    assert_eq!(AttrKind::Be16.int_value(&[0, 17]), Some(17));
    assert_eq!(AttrKind::U16.int_value(&[17]), None, "too short");
}

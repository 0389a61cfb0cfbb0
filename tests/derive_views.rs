//! View fields (`nlattr::view`) against the `Vec` fields they stand for: on any bytes the
//! two forms of one set decode alike (the same error, or elementwise the same values),
//! in place as fresh; a decoded view writes back what came, and that decodes to the same
//! values again.

use nlattr::view::{ArrayView, MultiView, UnknownView};
use nlattr::{Attr, Decode, DecodeError, DecodeInPlace, Encode, NlAttrs, Writer};
use proptest::prelude::*;

#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
struct Op {
    #[nla(type = 1)]
    id: u32,
    #[nla(type = 2, default)]
    flags: u32,
}

#[derive(NlAttrs, Debug, Clone, Copy, PartialEq, Eq)]
struct Group<'a> {
    #[nla(type = 1, range = 1..=1000)]
    id: u32,
    #[nla(type = 2, max_len = 15)]
    name: &'a str,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct WithVecs<'a> {
    #[nla(type = 1)]
    name: Option<&'a str>,
    #[nla(type = 2, nested_array)]
    ops: Vec<Op>,
    #[nla(type = 3, nested_array(no_flag))]
    groups: Vec<Group<'a>>,
    #[nla(type = 4, multi, max_len = 7)]
    alt: Vec<&'a str>,
    #[nla(type = 5, multi, range = 1..=100)]
    nums: Vec<u16>,
    #[nla(unknown)]
    rest: Vec<Attr<'a>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct WithViews<'a> {
    #[nla(type = 1)]
    name: Option<&'a str>,
    #[nla(type = 2, nested_array)]
    ops: ArrayView<'a, Op>,
    #[nla(type = 3, nested_array(no_flag))]
    groups: ArrayView<'a, Group<'a>>,
    #[nla(type = 4, multi, max_len = 7)]
    alt: MultiView<'a, &'a str>,
    #[nla(type = 5, multi, range = 1..=100)]
    nums: MultiView<'a, u16>,
    #[nla(unknown)]
    rest: UnknownView<'a>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
#[nla(deny_duplicate)]
struct Strict<'a> {
    #[nla(type = 2, nested_array)]
    ops: ArrayView<'a, Op>,
}

/// Whether the two forms hold the same values.
fn same(a: &WithVecs<'_>, b: &WithViews<'_>) -> bool {
    a.name == b.name
        && b.ops == a.ops[..]
        && b.groups == a.groups[..]
        && b.alt == a.alt[..]
        && b.nums == a.nums[..]
        && a.rest
            .iter()
            .map(|x| (x.raw_type(), x.payload()))
            .eq(b.rest.iter().map(|x| (x.raw_type(), x.payload())))
        && (b.ops.len(), b.groups.len(), b.alt.len(), b.nums.len(), b.rest.len())
            == (a.ops.len(), a.groups.len(), a.alt.len(), a.nums.len(), a.rest.len())
}

fn encode(v: &impl Encode) -> Vec<u8> {
    let mut out = Vec::new();
    v.encode(&mut Writer::new(&mut out)).expect("encodes");
    out
}

/// A structured input: attributes of every field's type (some with bad values) in any
/// order, unknown ones among them, nested arrays with empty and bad entries.
fn input() -> impl Strategy<Value = Vec<u8>> {
    let entry = prop_oneof![
        (any::<u32>(), proptest::option::of(any::<u32>())).prop_map(|(id, f)| {
            let mut b = Vec::new();
            let mut w = Writer::new(&mut b);
            w.attr(1, &id).unwrap();
            if let Some(f) = f {
                w.attr(2, &f).unwrap();
            }
            b
        }),
        Just(Vec::new()),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    let group = (0u32..1200, "[a-z]{0,18}").prop_map(|(id, name)| {
        let mut b = Vec::new();
        let mut w = Writer::new(&mut b);
        w.attr(1, &id).unwrap();
        w.attr(2, name.as_str()).unwrap();
        b
    });
    let array = |entries: Vec<Vec<u8>>| {
        let mut b = Vec::new();
        let mut w = Writer::new(&mut b);
        for (i, e) in entries.iter().enumerate() {
            w.attr_bytes(u16::try_from(i).unwrap() + 1, e).unwrap();
        }
        b
    };
    let attr = prop_oneof![
        "[a-z]{0,6}".prop_map(|s| (1u16, [s.as_bytes(), &[0]].concat())),
        proptest::collection::vec(entry, 0..5).prop_map(move |e| (2u16, array(e))),
        proptest::collection::vec(group, 0..4).prop_map(move |e| (3u16, array(e))),
        "[a-z]{0,9}".prop_map(|s| (4u16, [s.as_bytes(), &[0]].concat())),
        (0u16..120).prop_map(|n| (5u16, n.to_ne_bytes().to_vec())),
        (6u16..40, proptest::collection::vec(any::<u8>(), 0..8)).prop_map(|(t, p)| (t, p)),
    ];
    (proptest::collection::vec(attr, 0..12), proptest::option::of((any::<usize>(), any::<u8>()))).prop_map(
        |(attrs, flip)| {
            let mut b = Vec::new();
            let mut w = Writer::new(&mut b);
            for (t, p) in &attrs {
                w.attr_bytes(*t, p).unwrap();
            }
            if let (Some((at, x)), false) = (flip, b.is_empty()) {
                let i = at % b.len();
                b[i] ^= x;
            }
            b
        },
    )
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let vecs: Result<WithVecs<'_>, DecodeError> = WithVecs::decode(bytes, 0);
    let views: Result<WithViews<'_>, DecodeError> = WithViews::decode(bytes, 0);
    match (&vecs, &views) {
        (Ok(a), Ok(b)) => {
            prop_assert!(same(a, b), "{a:?}\n{b:?}");
            prop_assert!(a.rest.iter().copied().eq(b.rest.iter()), "offsets differ");
            // Written back as received: the same values again.
            let back = encode(b);
            prop_assert_eq!(back.len(), b.encoded_len());
            let again = WithVecs::decode(&back, 0).expect("the views' bytes decode");
            prop_assert!(same(&again, b));
            prop_assert_eq!(encode(&again), encode(a));
        }
        (Err(a), Err(b)) => prop_assert_eq!(a, b),
        _ => prop_assert!(false, "the forms disagree: {vecs:?} / {views:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn views_decode_as_vecs_do(bytes in input()) {
        check(&bytes)?;
    }

    #[test]
    fn views_decode_arbitrary_bytes_as_vecs_do(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
        check(&bytes)?;
    }

    #[test]
    fn in_place_is_fresh(first in input(), second in input()) {
        let fresh = WithViews::decode(&second, 0);
        if let Ok(mut v) = WithViews::decode(&first, 0) {
            let r = v.decode_in_place(&second, 0);
            match fresh {
                Ok(f) => {
                    prop_assert_eq!(r, Ok(()));
                    prop_assert_eq!(v, f);
                }
                Err(e) => prop_assert_eq!(r, Err(e)),
            }
        }
    }
}

#[test]
fn element_errors_name_the_field_and_index() {
    let mut b = Vec::new();
    let mut w = Writer::new(&mut b);
    let nest = w.begin_attr(3).unwrap();
    for (i, id) in [(1u16, 5u32), (2, 2000)] {
        let e = w.begin_attr(i).unwrap();
        w.attr(1, &id).unwrap();
        w.attr(2, "g").unwrap();
        w.end_nest(e).unwrap();
    }
    w.end_nest(nest).unwrap();
    let e = WithViews::decode(&b, 0).unwrap_err();
    assert_eq!(e.to_string(), WithVecs::decode(&b, 0).unwrap_err().to_string());
    assert!(e.to_string().contains("groups[1].id"), "{e}");
}

#[test]
fn the_last_array_wins_unless_duplicates_are_denied() {
    let mut b = Vec::new();
    let mut w = Writer::new(&mut b);
    for ids in [&[1u32, 2][..], &[7]] {
        let nest = w.begin_attr(2).unwrap();
        for (i, id) in ids.iter().enumerate() {
            let e = w.begin_attr(u16::try_from(i).unwrap() + 1).unwrap();
            w.attr(1, id).unwrap();
            w.end_nest(e).unwrap();
        }
        w.end_nest(nest).unwrap();
    }
    let v = WithViews::decode(&b, 0).unwrap();
    assert_eq!(v.ops.iter().map(|o| o.id).collect::<Vec<_>>(), [7]);
    assert_eq!(WithVecs::decode(&b, 0).unwrap().ops, [Op { id: 7, flags: 0 }]);
    let e = Strict::decode(&b, 0).unwrap_err();
    assert_eq!(e.kind, nlattr::DecodeErrorKind::Duplicate);
}

#[test]
fn views_index_and_walk() {
    let mut b = Vec::new();
    let mut w = Writer::new(&mut b);
    w.attr(4, "a").unwrap();
    w.attr(9, &1u8).unwrap();
    w.attr(4, "bb").unwrap();
    let nest = w.begin_attr(2).unwrap();
    for (i, id) in [(3u16, 30u32), (5, 50)] {
        let e = w.begin_attr(i).unwrap();
        w.attr(1, &id).unwrap();
        w.end_nest(e).unwrap();
    }
    w.end_nest(nest).unwrap();
    w.attr(4, "ccc").unwrap();
    let v = WithViews::decode(&b, 0).unwrap();
    assert_eq!((v.alt.len(), v.alt.get(1), v.alt.first(), v.alt.get(3)), (3, Some("bb"), Some("a"), None));
    assert_eq!(v.alt.attrs().map(|a| a.offset()).collect::<Vec<_>>(), [0, 16, 52]);
    assert_eq!(v.ops.indexed().map(|(i, o)| (i, o.id)).collect::<Vec<_>>(), [(3, 30), (5, 50)]);
    assert_eq!(v.ops.get(1).map(|o| o.id), Some(50));
    assert_eq!((v.rest.len(), v.rest.find(9).map(|a| a.payload())), (1, Some(&[1u8][..])));
    assert_eq!(format!("{:?}", v.alt), r#"["a", "bb", "ccc"]"#);
    assert!(WithViews::default_views_are_empty());
}

impl WithViews<'_> {
    fn default_views_are_empty() -> bool {
        let (a, m, u): (ArrayView<'_, Op>, MultiView<'_, u16>, UnknownView<'_>) =
            (Default::default(), Default::default(), Default::default());
        a.is_empty()
            && m.is_empty()
            && u.is_empty()
            && a.iter().next().is_none()
            && encode(&Strict { ops: a }).is_empty()
    }
}

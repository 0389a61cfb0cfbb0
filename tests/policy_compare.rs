//! Derived definitions compared with the kernel's policies (`CTRL_CMD_GETPOLICY`): the
//! ready-made nlctrl and ethtool requests match the running kernel; deliberately wrong
//! definitions are caught and named. The live tests run inside a network namespace they
//! create; the last test compares against a policy dump written by hand, without a kernel.

mod policy_common;

use nlattr::consts::{CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_OP, CTRL_CMD_GETPOLICY};
use nlattr::families::ctrl::GetPolicy;
use nlattr::families::ethtool::{EthtoolHeader, ETHTOOL_MSG_LINKSTATE_GET, ETHTOOL_MSG_STRSET_GET};
use nlattr::header::GenlMsgHdr;
use nlattr::policy::HasPolicy;
use nlattr::{NlAttrs, PolicyInfo};
use nlsock::genl::{OpPolicy, PolicyAttr, PolicyDump};
use nlsock::policy_check::{compare, compare_op, Comparison, Form, MismatchKind};
use policy_common::{genl, in_netns, Res};

/// `CTRL_CMD_GETPOLICY` with `op` as a `u16`; the kernel's is a `u32`.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct GetPolicyU16Op<'a> {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = CTRL_ATTR_FAMILY_ID)]
    id: Option<u16>,
    #[nla(type = CTRL_ATTR_FAMILY_NAME, max_len = 15)]
    name: Option<&'a str>,
    #[nla(type = CTRL_ATTR_OP)]
    op: Option<u16>,
}

/// An ethtool `GET` whose header nest goes out without `NLA_F_NESTED`.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct GetUnflagged<'a> {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = 1, nested(no_flag))]
    header: Option<EthtoolHeader<'a>>,
}

/// An ethtool header that is wrong in three ways.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct WrongHeader<'a> {
    #[nla(type = 1)]
    dev_index: Option<u32>,
    /// The kernel allows 127 bytes.
    #[nla(type = 2, max_len = 200)]
    dev_name: Option<&'a str>,
    /// The kernel's minimum is 1.
    #[nla(type = 4, range = 0..=100)]
    phy_index: Option<u32>,
    /// No such attribute.
    #[nla(type = 9)]
    bogus: Option<u32>,
}

/// `ETHTOOL_MSG_STRSET_GET` with the wrong header and `counts_only` as a `u8`.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct WrongStrSet<'a> {
    #[nla(header)]
    hdr: GenlMsgHdr,
    #[nla(type = 1, nested)]
    header: Option<WrongHeader<'a>>,
    #[nla(type = 3)]
    counts_only: Option<u8>,
}

fn problems(c: &Comparison) -> Vec<(String, MismatchKind)> {
    c.mismatches.iter().map(|m| (m.path.to_string(), m.kind)).collect()
}

#[test]
fn ready_made_definitions_match_the_running_kernel() {
    in_netns("ready_made_definitions_match_the_running_kernel", || -> Res {
        let mut s = genl()?;
        for (family, expected) in [("nlctrl", 3), ("ethtool", 6)] {
            let results = s.compare_ready_made(family)?;
            // Every ready-made request found its operation, in each form it has.
            assert_eq!(results.len(), expected, "{family}: {results:#?}");
            for (r, form, c) in &results {
                for m in &c.notes {
                    println!("{family} {} {form}: note: {m}", r.name);
                }
                assert!(c.is_match(), "{family} {} {form}: {:#?}", r.name, c.mismatches);
            }
        }
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn deliberately_wrong_definitions_are_caught_and_named() {
    in_netns("deliberately_wrong_definitions_are_caught_and_named", || -> Res {
        let mut s = genl()?;

        let d = s.op_policy("nlctrl", u32::from(CTRL_CMD_GETPOLICY))?;
        let c = compare_op(&d, CTRL_CMD_GETPOLICY.into(), Form::Dump, GetPolicyU16Op::POLICY)
            .ok_or("no policy")?;
        assert_eq!(problems(&c), [("op".to_owned(), MismatchKind::Type)]);
        assert_eq!(c.mismatches[0].detail, "kernel u32, ours u16");
        assert_eq!(c.mismatches[0].types, [CTRL_ATTR_OP]);
        // The right definition of the same operation matches.
        assert!(compare_op(&d, CTRL_CMD_GETPOLICY.into(), Form::Dump, GetPolicy::POLICY)
            .ok_or("no policy")?
            .is_match());

        let d = s.op_policy("ethtool", ETHTOOL_MSG_LINKSTATE_GET.into())?;
        let c = compare_op(&d, ETHTOOL_MSG_LINKSTATE_GET.into(), Form::Do, GetUnflagged::POLICY)
            .ok_or("no policy")?;
        assert!(problems(&c).contains(&("header".to_owned(), MismatchKind::NestedFlagMissing)), "{c:#?}");

        let d = s.op_policy("ethtool", ETHTOOL_MSG_STRSET_GET.into())?;
        let c = compare_op(&d, ETHTOOL_MSG_STRSET_GET.into(), Form::Do, WrongStrSet::POLICY)
            .ok_or("no policy")?;
        let mut got = problems(&c);
        got.sort();
        let mut want = vec![
            ("header.dev_name".to_owned(), MismatchKind::LengthWider),
            ("header.phy_index".to_owned(), MismatchKind::RangeWider),
            ("header.bogus".to_owned(), MismatchKind::UnknownToKernel),
            ("counts_only".to_owned(), MismatchKind::Type),
        ];
        want.sort();
        assert_eq!(got, want, "{c:#?}");
        for m in &c.mismatches {
            println!("{m}");
        }
        // What the kernel has and the type lacks is a note, named by the set lacking it.
        assert!(c.notes.iter().any(|n| n.kind == MismatchKind::NotCovered && n.types == [1, 3]), "{c:#?}");
        assert!(c.notes.iter().any(|n| n.kind == MismatchKind::NotCovered && n.types == [2]), "{c:#?}");
        Ok(())
    })
    .transpose()
    .unwrap();
}

fn entry(policy: u32, attr: u16, info: PolicyInfo) -> PolicyAttr {
    PolicyAttr { policy, attr, info }
}

fn ty(t: u32) -> PolicyInfo {
    PolicyInfo { ty: Some(t), ..Default::default() }
}

/// What `policy_check ethtool` printed for `ETHTOOL_MSG_STRSET_GET` and `nlctrl` for
/// `CTRL_CMD_GETPOLICY`, written by hand.
fn hand_dump() -> PolicyDump {
    let u32_full = PolicyInfo { min_u: Some(0), max_u: Some(u32::MAX.into()), ..ty(4) };
    PolicyDump {
        attrs: vec![
            // STRSET_GET (policy 0) and its header (policy 1).
            entry(0, 1, PolicyInfo { policy_idx: Some(1), policy_maxtype: Some(4), ..ty(13) }),
            entry(0, 2, ty(13)),
            entry(0, 3, ty(1)),
            entry(1, 1, u32_full),
            entry(1, 2, PolicyInfo { max_len: Some(127), ..ty(12) }),
            entry(1, 3, PolicyInfo { mask: Some(3), ..ty(4) }),
            entry(1, 4, PolicyInfo { min_u: Some(1), ..u32_full }),
            // GETPOLICY (policy 2).
            entry(2, 1, PolicyInfo { min_u: Some(0), max_u: Some(u16::MAX.into()), ..ty(3) }),
            entry(2, 2, PolicyInfo { max_len: Some(15), ..ty(12) }),
            entry(2, 10, u32_full),
        ],
        ops: vec![
            OpPolicy { cmd: 1, do_policy: Some(0), dump_policy: Some(0) },
            OpPolicy { cmd: 10, do_policy: None, dump_policy: Some(2) },
        ],
    }
}

#[test]
fn comparison_against_a_policy_dump_written_by_hand() {
    let d = hand_dump();
    assert!(compare(&d, 2, GetPolicy::POLICY).is_match());
    assert_eq!(problems(&compare(&d, 2, GetPolicyU16Op::POLICY)), [("op".to_owned(), MismatchKind::Type)]);
    assert!(compare_op(&d, 10, Form::Do, GetPolicy::POLICY).is_none(), "dump-only");

    let c = compare_op(&d, 1, Form::Do, nlattr::families::ethtool::StrSet::POLICY).unwrap();
    assert!(c.is_match(), "{c:#?}");
    let notes: Vec<_> = c.notes.iter().map(|n| (n.path.to_string(), n.kind)).collect();
    assert_eq!(
        notes,
        [
            ("header.dev_name".to_owned(), MismatchKind::StringForm),
            ("header.dev_name".to_owned(), MismatchKind::Stricter),
            ("header.flags".to_owned(), MismatchKind::Unchecked),
            ("header.phy_index".to_owned(), MismatchKind::Unchecked),
        ]
    );

    let mut got = problems(&compare(&d, 0, WrongStrSet::POLICY));
    got.sort();
    assert_eq!(
        got,
        [
            ("counts_only".to_owned(), MismatchKind::Type),
            ("header.bogus".to_owned(), MismatchKind::UnknownToKernel),
            ("header.dev_name".to_owned(), MismatchKind::LengthWider),
            ("header.phy_index".to_owned(), MismatchKind::RangeWider),
        ]
    );
    let c = compare(&d, 0, GetUnflagged::POLICY);
    assert_eq!(problems(&c)[0], ("header".to_owned(), MismatchKind::NestedFlagMissing));
    // The header's attributes were compared too: `phy_index` is in policy 1.
    assert!(c.notes.iter().any(|n| n.path.to_string() == "header.phy_index"));
}

#[test]
fn a_table_built_from_the_kernel_dump_matches_it() {
    use nlattr::policy::AttrKind;
    use nlsock::policy_check::kernel_policy;
    let d = hand_dump();
    let t = kernel_policy(&d, 0, 4, Some(nlattr::families::ethtool::StrSet::POLICY));
    assert_eq!((t.name, t.header_len), ("StrSet", 4));
    let header = t.field("header").and_then(|h| h.nested()).expect("header nest");
    let phy = header.field("phy_index").expect("phy_index");
    assert_eq!((phy.kind, phy.range), (AttrKind::U32, Some((1, i128::from(u32::MAX)))));
    let name = header.field("dev_name").expect("dev_name");
    assert_eq!((name.kind, name.max_len), (AttrKind::NulString, Some(127)));
    // A nest the kernel gives no policy for is a nest whose contents go unchecked.
    assert!(matches!(t.get(2).map(|a| a.kind), Some(AttrKind::SubMessage { variants: &[], .. })));
    let c = compare(&d, 0, t);
    assert!(c.is_match(), "{c:#?}");
    assert!(c.notes.iter().all(|n| n.kind == MismatchKind::Unchecked), "only the mask: {c:#?}");
    // Without names, attributes are called after their types.
    let t = kernel_policy(&d, 2, 4, None);
    assert_eq!(t.attrs.iter().map(|a| a.field).collect::<Vec<_>>(), ["type_1", "type_2", "type_10"]);
}

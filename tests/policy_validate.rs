//! The userspace validator against the kernel itself: crafted generic-netlink requests,
//! each judged by `nlattr::validate` and then sent for real, inside a network namespace
//! this test creates. Both must agree: accepted, or rejected with the same errno at the
//! same attribute offset (and the same Rust field path where the kernel names one). Each
//! request is judged twice: with the table written here for it, and with the table built
//! from the kernel's own policy dump (`policy_check::kernel_policy`).
//!
//! Strict requests go to `CTRL_CMD_GETPOLICY` (nlctrl) and ethtool; liberal ones to
//! `CTRL_CMD_GETFAMILY`, whose `do` opts out of strict validation.

mod policy_common;

use nlattr::consts::{
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_OP, CTRL_CMD_GETFAMILY, CTRL_CMD_GETPOLICY,
    GENL_ID_CTRL, NLA_F_NESTED,
};
use nlattr::families::ethtool::{
    GetRequest, ETHTOOL_A_HEADER_DEV_INDEX, ETHTOOL_A_HEADER_DEV_NAME, ETHTOOL_A_HEADER_PHY_INDEX,
    ETHTOOL_A_LINKSTATE_HEADER, ETHTOOL_A_STRSET_COUNTS_ONLY, ETHTOOL_A_STRSET_HEADER,
    ETHTOOL_MSG_LINKSTATE_GET, ETHTOOL_MSG_STRSET_GET,
};
use nlattr::header::GenlMsgHdr;
use nlattr::policy::{AttrKind, AttrPolicy, HasPolicy, Policy};
use nlattr::validate::{first_violation, Strictness, Violation, ViolationKind, EINVAL, ERANGE};
use nlattr::Writer;
use nlsock::policy_check::{kernel_policy, op_policy_index, Form};
use nlsock::{Error, Raw};
use policy_common::{genl, in_netns, Res};

/// `ETHTOOL_MSG_WOL_SET`.
const ETHTOOL_MSG_WOL_SET: u8 = 10;
/// `ETHTOOL_A_WOL_SOPASS`: the SecureOn password, at most 6 bytes.
const ETHTOOL_A_WOL_SOPASS: u16 = 3;

// The kernel's policies where the ready-made definitions say less (an `NLA_NUL_STRING`
// where they write `&str`, ranges they do not check), as `policy_check` prints them.

/// `ctrl_policy_policy`: `CTRL_CMD_GETPOLICY`.
static CTRL_GETPOLICY: Policy = Policy {
    name: "CtrlGetPolicy",
    header_len: 4,
    attrs: &[
        AttrPolicy::new("id", CTRL_ATTR_FAMILY_ID, AttrKind::U16),
        AttrPolicy {
            max_len: Some(15),
            ..AttrPolicy::new("name", CTRL_ATTR_FAMILY_NAME, AttrKind::NulString)
        },
        AttrPolicy::new("op", CTRL_ATTR_OP, AttrKind::U32),
    ],
    deny_unknown: true,
};

/// `ctrl_policy_family`: `CTRL_CMD_GETFAMILY`.
static CTRL_GETFAMILY: Policy = Policy {
    name: "CtrlGetFamily",
    header_len: 4,
    attrs: &[
        AttrPolicy::new("id", CTRL_ATTR_FAMILY_ID, AttrKind::U16),
        AttrPolicy {
            max_len: Some(15),
            ..AttrPolicy::new("name", CTRL_ATTR_FAMILY_NAME, AttrKind::NulString)
        },
    ],
    deny_unknown: false,
};

/// `ethnl_header_policy`: the request header of operations without PHY selection.
static ETH_HEADER: Policy = Policy {
    name: "Header",
    header_len: 0,
    attrs: &[
        AttrPolicy::new("dev_index", 1, AttrKind::U32),
        AttrPolicy { max_len: Some(127), ..AttrPolicy::new("dev_name", 2, AttrKind::NulString) },
        AttrPolicy::new("flags", 3, AttrKind::U32),
    ],
    deny_unknown: true,
};

/// `ethnl_header_policy_phy`: the header with `ETHTOOL_A_HEADER_PHY_INDEX`, at least 1.
static ETH_HEADER_PHY: Policy = Policy {
    name: "HeaderPhy",
    header_len: 0,
    attrs: &[
        AttrPolicy::new("dev_index", 1, AttrKind::U32),
        AttrPolicy { max_len: Some(127), ..AttrPolicy::new("dev_name", 2, AttrKind::NulString) },
        AttrPolicy::new("flags", 3, AttrKind::U32),
        AttrPolicy { range: Some((1, u32::MAX as i128)), ..AttrPolicy::new("phy_index", 4, AttrKind::U32) },
    ],
    deny_unknown: true,
};

/// `ethnl_strset_get_policy`, without `ETHTOOL_A_STRSET_STRINGSETS` (a nest the kernel
/// checks in its handler, which a `Policy` cannot say; the requests here leave it out).
static ETH_STRSET: Policy = Policy {
    name: "StrSetGet",
    header_len: 4,
    attrs: &[
        AttrPolicy::new("header", ETHTOOL_A_STRSET_HEADER, AttrKind::Nested(&ETH_HEADER_PHY)),
        AttrPolicy::new("counts_only", ETHTOOL_A_STRSET_COUNTS_ONLY, AttrKind::Flag),
    ],
    deny_unknown: true,
};

/// `ethnl_wol_set_policy`, without the bitset nest of type 2.
static ETH_WOL_SET: Policy = Policy {
    name: "WolSet",
    header_len: 4,
    attrs: &[
        AttrPolicy::new("header", 1, AttrKind::Nested(&ETH_HEADER)),
        AttrPolicy { max_len: Some(6), ..AttrPolicy::new("sopass", ETHTOOL_A_WOL_SOPASS, AttrKind::Binary) },
    ],
    deny_unknown: true,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Ctrl,
    Ethtool,
}

/// What the kernel is expected to answer: the validator and the kernel must both say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Accept,
    /// errno and offset of the offending attribute (`None`: no offset).
    Reject(i32, Option<u32>),
}

struct Case {
    name: &'static str,
    family: Family,
    dump: bool,
    policy: &'static Policy,
    strictness: Strictness,
    /// `genlmsghdr` and attributes (and whatever else the case adds).
    payload: Vec<u8>,
    expect: Expect,
}

/// The first attribute's offset: after `nlmsghdr` (16) and `genlmsghdr` (4).
const FIRST: u32 = 20;

fn body(cmd: u8, version: u8, f: impl FnOnce(&mut Writer<'_>)) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut w = Writer::new(&mut buf);
    w.put_struct(&GenlMsgHdr { cmd, version, reserved: 0 }).unwrap();
    f(&mut w);
    buf
}

fn getpolicy(f: impl FnOnce(&mut Writer<'_>)) -> Vec<u8> {
    body(CTRL_CMD_GETPOLICY, 2, f)
}

fn getfamily(f: impl FnOnce(&mut Writer<'_>)) -> Vec<u8> {
    body(CTRL_CMD_GETFAMILY, 2, f)
}

fn name(w: &mut Writer<'_>) {
    w.attr(CTRL_ATTR_FAMILY_NAME, "nlctrl").unwrap();
}

/// An ethtool header nest of `raw_type` (flags included) holding what `f` writes.
fn header(w: &mut Writer<'_>, raw_type: u16, f: impl FnOnce(&mut Writer<'_>)) {
    let n = w.begin_attr(raw_type).unwrap();
    f(w);
    w.end_nest(n).unwrap();
}

fn lo(w: &mut Writer<'_>) {
    w.attr(ETHTOOL_A_HEADER_DEV_NAME, "lo").unwrap();
}

fn cases() -> Vec<Case> {
    let strict = Strictness::STRICT;
    let liberal = Strictness::LIBERAL;
    let nested = NLA_F_NESTED;
    let c = |name, family, dump, policy, strictness, payload, expect| Case {
        name,
        family,
        dump,
        policy,
        strictness,
        payload,
        expect,
    };
    use Expect::{Accept, Reject};
    use Family::{Ctrl, Ethtool};
    vec![
        // nlctrl CTRL_CMD_GETPOLICY: a strict dump.
        c("getpolicy by name", Ctrl, true, &CTRL_GETPOLICY, strict, getpolicy(name), Accept),
        c(
            "getpolicy of one op",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| {
                name(w);
                w.attr(CTRL_ATTR_OP, &3u32).unwrap();
            }),
            Accept,
        ),
        c(
            "u16 family id sent as u32",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| w.attr(CTRL_ATTR_FAMILY_ID, &16u32).unwrap()),
            Reject(EINVAL, Some(FIRST)),
        ),
        c(
            "u32 op sent as u16",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| {
                name(w);
                w.attr(CTRL_ATTR_OP, &3u16).unwrap();
            }),
            Reject(EINVAL, Some(FIRST + 12)),
        ),
        c(
            "trailing bytes",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            {
                let mut b = getpolicy(name);
                b.extend_from_slice(&[0xaa, 0xbb, 0xcc]);
                b
            },
            Reject(EINVAL, None),
        ),
        c(
            "type above the maximum",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| {
                name(w);
                w.attr(11, &1u32).unwrap();
            }),
            Reject(EINVAL, Some(FIRST + 12)),
        ),
        c(
            "type within the maximum the policy leaves out",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| {
                w.attr(4, &1u32).unwrap();
                name(w);
            }),
            Reject(EINVAL, Some(FIRST)),
        ),
        c(
            "nul-string without its NUL",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| w.attr_bytes(CTRL_ATTR_FAMILY_NAME, b"nlctrl").unwrap()),
            Reject(EINVAL, Some(FIRST)),
        ),
        c(
            "nul-string beyond its maximum",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| w.attr(CTRL_ATTR_FAMILY_NAME, "a-family-name-of-20c").unwrap()),
            Reject(EINVAL, Some(FIRST)),
        ),
        c(
            "NLA_F_NESTED on a string",
            Ctrl,
            true,
            &CTRL_GETPOLICY,
            strict,
            getpolicy(|w| w.attr_raw(CTRL_ATTR_FAMILY_NAME | nested, "nlctrl").unwrap()),
            Reject(EINVAL, Some(FIRST)),
        ),
        // ethtool: strict `do` requests, judged with the ready-made GetRequest table
        // where it says enough.
        c(
            "linkstate of lo",
            Ethtool,
            false,
            GetRequest::POLICY,
            strict,
            body(ETHTOOL_MSG_LINKSTATE_GET, 1, |w| header(w, ETHTOOL_A_LINKSTATE_HEADER | nested, lo)),
            Accept,
        ),
        c(
            "header nest without NLA_F_NESTED",
            Ethtool,
            false,
            GetRequest::POLICY,
            strict,
            body(ETHTOOL_MSG_LINKSTATE_GET, 1, |w| header(w, ETHTOOL_A_LINKSTATE_HEADER, lo)),
            Reject(EINVAL, Some(FIRST)),
        ),
        c(
            "u32 inside the header sent as u64",
            Ethtool,
            false,
            GetRequest::POLICY,
            strict,
            body(ETHTOOL_MSG_LINKSTATE_GET, 1, |w| {
                header(w, ETHTOOL_A_LINKSTATE_HEADER | nested, |w| {
                    w.attr(ETHTOOL_A_HEADER_DEV_INDEX, &1u64).unwrap();
                });
            }),
            Reject(EINVAL, Some(FIRST + 4)),
        ),
        c(
            "string sets of lo, counts only",
            Ethtool,
            false,
            &ETH_STRSET,
            strict,
            body(ETHTOOL_MSG_STRSET_GET, 1, |w| {
                header(w, ETHTOOL_A_STRSET_HEADER | nested, lo);
                w.flag(ETHTOOL_A_STRSET_COUNTS_ONLY).unwrap();
            }),
            Accept,
        ),
        c(
            "flag with a payload",
            Ethtool,
            false,
            &ETH_STRSET,
            strict,
            body(ETHTOOL_MSG_STRSET_GET, 1, |w| w.attr(ETHTOOL_A_STRSET_COUNTS_ONLY, &1u32).unwrap()),
            Reject(ERANGE, Some(FIRST)),
        ),
        c(
            "phy index below its minimum",
            Ethtool,
            false,
            &ETH_STRSET,
            strict,
            body(ETHTOOL_MSG_STRSET_GET, 1, |w| {
                header(w, ETHTOOL_A_STRSET_HEADER | nested, |w| {
                    lo(w);
                    w.attr(ETHTOOL_A_HEADER_PHY_INDEX, &0u32).unwrap();
                });
            }),
            Reject(ERANGE, Some(FIRST + 4 + 8)),
        ),
        c(
            "binary beyond its maximum",
            Ethtool,
            false,
            &ETH_WOL_SET,
            strict,
            body(ETHTOOL_MSG_WOL_SET, 1, |w| {
                header(w, 1 | nested, lo);
                w.attr_bytes(ETHTOOL_A_WOL_SOPASS, &[1, 2, 3, 4, 5, 6, 7]).unwrap();
            }),
            Reject(ERANGE, Some(FIRST + 12)),
        ),
        // nlctrl CTRL_CMD_GETFAMILY: a liberal `do`.
        c("getfamily by name", Ctrl, false, &CTRL_GETFAMILY, liberal, getfamily(name), Accept),
        c(
            "liberal: u16 sent as u32 is read",
            Ctrl,
            false,
            &CTRL_GETFAMILY,
            liberal,
            getfamily(|w| w.attr(CTRL_ATTR_FAMILY_ID, &u32::from(GENL_ID_CTRL)).unwrap()),
            Accept,
        ),
        c(
            "liberal: u16 sent as u8 is refused",
            Ctrl,
            false,
            &CTRL_GETFAMILY,
            liberal,
            getfamily(|w| w.attr(CTRL_ATTR_FAMILY_ID, &16u8).unwrap()),
            Reject(ERANGE, Some(FIRST)),
        ),
        c(
            "liberal: trailing bytes are ignored",
            Ctrl,
            false,
            &CTRL_GETFAMILY,
            liberal,
            {
                let mut b = getfamily(name);
                b.extend_from_slice(&[1, 2]);
                b
            },
            Accept,
        ),
        c(
            "liberal: unknown types are ignored",
            Ctrl,
            false,
            &CTRL_GETFAMILY,
            liberal,
            getfamily(|w| {
                w.attr(30, &1u32).unwrap();
                name(w);
            }),
            Accept,
        ),
    ]
}

/// The kernel's verdict: accepted, or errno and offset, with the kernel's message and
/// the field path it was mapped to.
fn send(s: &mut nlsock::Socket, id: u16, case: &Case) -> Res<(Expect, Option<String>, Option<String>)> {
    let payload = Raw::with_policy(&case.payload, case.policy);
    let r = if case.dump {
        s.dump_with(id, 0, &payload, |_| Ok(())).map(|_| ())
    } else {
        s.request(id, 0, &payload).map(|_| ())
    };
    match r {
        Ok(()) => Ok((Expect::Accept, None, None)),
        Err(Error::Kernel(k)) => {
            Ok((Expect::Reject(k.errno, k.offset), k.message.clone(), k.path.map(|p| p.to_string())))
        }
        Err(e) => Err(e.into()),
    }
}

fn verdict(v: Option<Violation>) -> Expect {
    match v {
        None => Expect::Accept,
        Some(v) => Expect::Reject(v.errno(), v.offset.map(|o| u32::try_from(o).unwrap())),
    }
}

#[test]
fn the_validator_and_the_kernel_agree_on_crafted_requests() {
    in_netns("the_validator_and_the_kernel_agree_on_crafted_requests", || -> Res {
        let mut s = genl()?;
        let ethtool = s.resolve_family("ethtool")?.id;
        let cases = cases();
        assert!(cases.len() >= 12);
        let mut failures = Vec::new();
        for case in &cases {
            let (id, family) = match case.family {
                Family::Ctrl => (GENL_ID_CTRL, "nlctrl"),
                Family::Ethtool => (ethtool, "ethtool"),
            };
            // The kernel's own table for this operation, named after the case's.
            let cmd = case.payload[0];
            let form = if case.dump { Form::Dump } else { Form::Do };
            let dump = s.op_policy(family, cmd.into())?;
            let index = op_policy_index(&dump, cmd.into(), form).ok_or("no policy")?;
            let kernel_table = kernel_policy(&dump, index, 4, Some(case.policy));
            let (kernel, message, kernel_path) = send(&mut s, id, case)?;
            // Judge exactly the bytes that went out.
            let sent = s.last_request().to_vec();
            let v = first_violation(&sent, case.policy, case.strictness);
            let ours = verdict(v);
            let with_kernel_table = verdict(first_violation(&sent, kernel_table, case.strictness));
            if with_kernel_table != kernel {
                failures.push(format!(
                    "{}: kernel {kernel:?}, validator with the kernel's table {with_kernel_table:?}",
                    case.name
                ));
            }
            println!(
                "{:<48} kernel {kernel:?} {message:?} path {kernel_path:?}; validator {}",
                case.name,
                v.map_or("accepted".to_owned(), |v| v.to_string())
            );
            if ours != kernel || kernel != case.expect {
                failures.push(format!(
                    "{}: expected {:?}, kernel {kernel:?}, validator {ours:?}",
                    case.name, case.expect
                ));
            }
            if let (Some(v), Some(p)) = (v, &kernel_path) {
                if &v.path.to_string() != p {
                    failures.push(format!("{}: kernel's path `{p}`, validator's `{}`", case.name, v.path));
                }
            }
            if let (Some(v), Some(m)) = (v, &message) {
                if let Some(ours) = v.kind.kernel_message() {
                    if ours != m && !matches!(v.kind, ViolationKind::TrailingBytes { .. }) {
                        failures.push(format!("{}: kernel says {m:?}, validator {ours:?}", case.name));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        Ok(())
    })
    .transpose()
    .unwrap();
}

/// Without a kernel: the same cases, judged by the validator alone, give the verdicts
/// the kernel gave when this test was written (and gives again in the test above).
#[test]
fn the_validator_alone_gives_the_expected_verdicts() {
    for case in cases() {
        let mut msg = Vec::new();
        let mut w = Writer::new(&mut msg);
        let m = w.begin_message(0x15, 1, 1, 0).unwrap();
        w.put(&case.payload).unwrap();
        w.end_message(m).unwrap();
        let v = first_violation(&msg, case.policy, case.strictness);
        assert_eq!(verdict(v), case.expect, "{}: {v:?}", case.name);
    }
}

mod encoder_output {
    //! Whatever the derive's encoder writes for the ready-made requests passes strict
    //! validation against the type's own table, and every mutation of those bytes is
    //! judged without a panic.

    use nlattr::families::ethtool::{EthString, EthtoolHeader, StrSet, StringSet, StringSets, Strings};
    use nlattr::header::GenlMsgHdr;
    use nlattr::policy::HasPolicy;
    use nlattr::validate::{validate_message, Strictness};
    use nlattr::AttrSet;
    use proptest::prelude::*;

    fn name() -> impl Strategy<Value = String> {
        "[a-z0-9]{0,15}"
    }

    fn header() -> impl Strategy<Value = (Option<u32>, Option<String>, Option<u32>, Option<u32>)> {
        (any::<Option<u32>>(), proptest::option::of(name()), any::<Option<u32>>(), any::<Option<u32>>())
    }

    /// A string set as plain values: id, count, strings by index.
    type Set = (u32, Option<u32>, Option<Vec<(u32, String)>>);

    fn sets() -> impl Strategy<Value = Vec<Set>> {
        proptest::collection::vec(
            (
                any::<u32>(),
                any::<Option<u32>>(),
                proptest::option::of(proptest::collection::vec((any::<u32>(), "[ -~]{0,20}"), 0..4)),
            ),
            0..4,
        )
    }

    proptest! {
        #[test]
        fn strset_requests_pass_their_own_table(
            h in proptest::option::of(header()),
            s in proptest::option::of(sets()),
            counts_only in any::<bool>(),
            flip in any::<(usize, u8)>(),
        ) {
            let header = h.as_ref().map(|(i, n, f, p)| EthtoolHeader {
                dev_index: *i,
                dev_name: n.as_deref(),
                flags: *f,
                phy_index: *p,
            });
            let stringsets = s.as_ref().map(|sets| StringSets {
                sets: sets
                    .iter()
                    .map(|(id, count, strings)| StringSet {
                        id: *id,
                        count: *count,
                        strings: strings.as_ref().map(|v| Strings {
                            strings: v.iter().map(|(index, value)| EthString { index: *index, value }).collect(),
                        }),
                    })
                    .collect(),
            });
            let req = StrSet { hdr: GenlMsgHdr { cmd: 1, version: 1, reserved: 0 }, header, stringsets, counts_only };
            let mut bytes = req.to_message_vec(21, 1, 1, 0).unwrap();
            let v = validate_message(&bytes, StrSet::POLICY, Strictness::STRICT);
            prop_assert!(v.is_empty(), "{v:?}");
            let i = flip.0 % bytes.len();
            bytes[i] ^= flip.1 | 1;
            let _ = validate_message(&bytes, StrSet::POLICY, Strictness::STRICT);
            let _ = validate_message(&bytes, StrSet::POLICY, Strictness::LIBERAL);
        }
    }
}

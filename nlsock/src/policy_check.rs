//! Does a derived definition match the running kernel? Compares a [`Policy`] table with
//! the policy the kernel reports for a generic-netlink operation (`CTRL_CMD_GETPOLICY`).
//!
//! [`compare`] walks both side by side, attribute type by attribute type, nested policies
//! recursively (the kernel's policy index of a nest leads to its table), and reports each
//! difference as a [`Mismatch`] naming the Rust field, the kernel's side and ours:
//!
//! - **problems** ([`Comparison::mismatches`]): an attribute the kernel does not know
//!   (a strict family rejects it), a different type or integer width, a nest the encoder
//!   would send without `NLA_F_NESTED`, a range or length of ours that lets through what
//!   the kernel refuses;
//! - **notes** ([`Comparison::notes`]): attributes the kernel knows and the type does not
//!   name, checks the kernel makes and the type does not (a range, a length, a bit mask),
//!   checks of ours stricter than the kernel's, and optional fields of a shared type that
//!   this operation does not take ([`Comparison::with_not_for_op`]).
//!
//! [`kernel_policy`] turns the kernel's answer into a [`Policy`] table itself, so that
//! `nlattr::validate` can judge bytes by exactly what the running kernel checks.
//!
//! Ask for one operation's policy ([`Socket::op_policy`]): in a whole-family dump
//! ([`Socket::family_policy`]) the kernel labels a dump-only operation as command 0.
//!
//! The kernel does not say which attributes it requires (its handlers check that, not the
//! policy), so a missing required attribute cannot be found this way; nor does it tell
//! `NLA_BE16` from `NLA_U16` (both are reported as `u16`), so byte order is not compared.
//!
//! ```no_run
//! use nlattr::families::ethtool::GetRequest;
//! use nlattr::policy::HasPolicy;
//! use nlsock::policy_check::{compare_op, Form};
//! use nlsock::Socket;
//!
//! let mut sock = Socket::open(nlattr::consts::NETLINK_GENERIC)?;
//! let dump = sock.op_policy("ethtool", 2)?; // ETHTOOL_MSG_LINKINFO_GET
//! let cmp = compare_op(&dump, 2, Form::Do, GetRequest::POLICY).expect("the op has a do policy");
//! for m in &cmp.mismatches {
//!     println!("{m}");
//! }
//! assert!(cmp.is_match());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use nlattr::consts::{
    CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_OP, CTRL_CMD_GETPOLICY, GENL_ID_CTRL, NL_ATTR_TYPE_BINARY,
    NL_ATTR_TYPE_BITFIELD32, NL_ATTR_TYPE_FLAG, NL_ATTR_TYPE_NESTED, NL_ATTR_TYPE_NESTED_ARRAY,
    NL_ATTR_TYPE_NUL_STRING, NL_ATTR_TYPE_S16, NL_ATTR_TYPE_S32, NL_ATTR_TYPE_S64, NL_ATTR_TYPE_S8,
    NL_ATTR_TYPE_SINT, NL_ATTR_TYPE_STRING, NL_ATTR_TYPE_U16, NL_ATTR_TYPE_U32, NL_ATTR_TYPE_U64,
    NL_ATTR_TYPE_U8, NL_ATTR_TYPE_UINT,
};
use nlattr::header::GenlMsgHdr;
use nlattr::policy::{AttrKind, AttrPolicy, HasPolicy, Policy};
use nlattr::{FieldPath, PolicyInfo, Segment, Writer};

use crate::error::Error;
use crate::genl::PolicyDump;
use crate::request::{Raw, Socket};
use crate::transport::Transport;

/// Levels of nesting compared (the kernel's own recursion limit).
const MAX_DEPTH: usize = 10;

impl<T: Transport> Socket<T> {
    /// The policies of one operation of family `name` (`CTRL_CMD_GETPOLICY` dump with
    /// `CTRL_ATTR_OP`). Policy indices are numbered within this answer.
    ///
    /// # Errors
    /// As [`Socket::dump_with`]; the kernel answers `ENOENT` for an unknown family and
    /// `EOPNOTSUPP`/`ENOENT` for an operation it does not have.
    pub fn op_policy(&mut self, name: &str, op: u32) -> Result<PolicyDump, Error> {
        let mut body = Vec::new();
        let mut w = Writer::new(&mut body);
        w.put_struct(&GenlMsgHdr { cmd: CTRL_CMD_GETPOLICY, version: 1, reserved: 0 })?;
        w.attr(CTRL_ATTR_FAMILY_NAME, name)?;
        w.attr(CTRL_ATTR_OP, &op)?;
        let mut dump = PolicyDump::default();
        self.dump_with(GENL_ID_CTRL, 0, &Raw::new(&body), |m| Ok(dump.add_message(&m)?))?;
        // The kernel labels an operation's entry with the command of its `do` form, which
        // a dump-only operation lacks: it reports command 0. Only `op` was asked for.
        if let Ok(cmd) = u16::try_from(op) {
            for o in &mut dump.ops {
                if o.cmd == 0 {
                    o.cmd = cmd;
                }
            }
        }
        Ok(dump)
    }

    /// Compares every ready-made definition of `family` ([`ready_made`]) with the
    /// running kernel's policy of its operation ([`op_policy`](Self::op_policy)), for
    /// each form the kernel reports a policy for.
    ///
    /// # Errors
    /// As [`op_policy`](Self::op_policy).
    pub fn compare_ready_made(&mut self, family: &str) -> Result<Vec<(ReadyMade, Form, Comparison)>, Error> {
        let mut out = Vec::new();
        for r in ready_made(family) {
            let dump = self.op_policy(family, u32::from(r.cmd))?;
            for form in [Form::Do, Form::Dump] {
                if let Some(c) = compare_op(&dump, u16::from(r.cmd), form, r.policy) {
                    out.push((*r, form, c.with_not_for_op(r.not_for_op)));
                }
            }
        }
        Ok(out)
    }
}

/// Which form of an operation a policy belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// The `do` request (`CTRL_ATTR_POLICY_DO`).
    Do,
    /// The dump request (`CTRL_ATTR_POLICY_DUMP`).
    Dump,
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Do => "do",
            Self::Dump => "dump",
        })
    }
}

/// The policy index of operation `cmd`'s `form` in `dump`, if the kernel reports one.
#[must_use]
pub fn op_policy_index(dump: &PolicyDump, cmd: u16, form: Form) -> Option<u32> {
    let op = dump.ops.iter().find(|o| o.cmd == cmd)?;
    match form {
        Form::Do => op.do_policy,
        Form::Dump => op.dump_policy,
    }
}

/// What differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum MismatchKind {
    /// Problem: the kernel's policy has no such attribute type; a strict family rejects
    /// it (`Unknown attribute type` or `Unsupported attribute`).
    UnknownToKernel,
    /// Problem: another type, or another integer width.
    Type,
    /// Problem: the kernel expects a nest and the encoder does not set `NLA_F_NESTED`
    /// (`nested(no_flag)`); a strict family rejects it.
    NestedFlagMissing,
    /// Problem: our range allows values the kernel's refuses.
    RangeWider,
    /// Problem: our lengths allow payloads the kernel's refuse (or our fixed struct does
    /// not fit the kernel's lengths).
    LengthWider,
    /// Note: an attribute the kernel knows and the type does not name.
    NotCovered,
    /// Note: the kernel checks a range, a length or a bit mask that the type does not.
    Unchecked,
    /// Note: our range or length is stricter than the kernel's.
    Stricter,
    /// Note: the kernel's string needs its NUL (`NLA_NUL_STRING`) and ours is an
    /// `NLA_STRING`, or the other way round. The encoder always writes the NUL, so both
    /// accept the same requests; only a string over the maximum is refused differently
    /// (`EINVAL` for a NUL string, `ERANGE` for a plain one), which matters to
    /// `nlattr::validate` run with our table.
    StringForm,
    /// Note: an optional field the operation does not accept (a field only replies
    /// carry, or one that other operations take); leave it unset in this request.
    NotForThisOp,
}

impl MismatchKind {
    /// Whether this is a problem (the kernel would refuse what the type lets through, or
    /// read it differently) rather than a note.
    #[must_use]
    pub const fn is_problem(self) -> bool {
        matches!(
            self,
            Self::UnknownToKernel
                | Self::Type
                | Self::NestedFlagMissing
                | Self::RangeWider
                | Self::LengthWider
        )
    }
}

/// One difference between the kernel's policy and a derived one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The Rust field path (for [`MismatchKind::NotCovered`], the set that lacks it).
    pub path: FieldPath,
    /// Attribute types from the top level down to this attribute.
    pub types: Vec<u16>,
    /// What differs.
    pub kind: MismatchKind,
    /// The kernel's side (`None`: the kernel does not know the attribute).
    pub kernel: Option<PolicyInfo>,
    /// Our side (`None`: the type does not name the attribute).
    pub ours: Option<AttrPolicy>,
    /// The difference in words, such as `kernel u32, ours u16`.
    pub detail: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let types: Vec<String> = self.types.iter().map(u16::to_string).collect();
        let path = if self.path.is_empty() { "(top level)".to_owned() } else { self.path.to_string() };
        write!(f, "{path} [type {}]: {:?}: {}", types.join("."), self.kind, self.detail)
    }
}

/// The result of [`compare`]: problems and notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Differences that make the kernel refuse or misread what the type sends.
    pub mismatches: Vec<Mismatch>,
    /// Differences worth knowing that are not errors.
    pub notes: Vec<Mismatch>,
}

impl Comparison {
    /// Whether there is no problem.
    #[must_use]
    pub fn is_match(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// Moves problems at `paths` (Rust paths such as `header.phy_index`) that are
    /// attributes unknown to the kernel's policy to the notes, as
    /// [`MismatchKind::NotForThisOp`]: optional fields of a type shared between
    /// operations, or between a request and its reply, that this operation does not take.
    #[must_use]
    pub fn with_not_for_op(mut self, paths: &[&str]) -> Self {
        let (moved, kept): (Vec<_>, Vec<_>) = self.mismatches.into_iter().partition(|m| {
            m.kind == MismatchKind::UnknownToKernel && paths.contains(&m.path.to_string().as_str())
        });
        self.mismatches = kept;
        self.notes.extend(moved.into_iter().map(|m| Mismatch { kind: MismatchKind::NotForThisOp, ..m }));
        self
    }
}

/// Compares `ours` with policy `index` of `dump`.
#[must_use]
pub fn compare(dump: &PolicyDump, index: u32, ours: &'static Policy) -> Comparison {
    let mut c = Comparison::default();
    let mut w = Walk { dump, out: &mut c, path: Vec::new(), types: Vec::new() };
    w.set(index, ours, 0);
    c
}

/// Compares `ours` with the policy of operation `cmd`'s `form`; `None` when the kernel
/// reports no policy for it.
#[must_use]
pub fn compare_op(dump: &PolicyDump, cmd: u16, form: Form, ours: &'static Policy) -> Option<Comparison> {
    op_policy_index(dump, cmd, form).map(|i| compare(dump, i, ours))
}

/// A ready-made request definition (`nlattr::families`) and the operation it is for.
#[derive(Clone, Copy, Debug)]
pub struct ReadyMade {
    /// The command number.
    pub cmd: u8,
    /// The command's name.
    pub name: &'static str,
    /// The request type's policy.
    pub policy: &'static Policy,
    /// Optional fields of the type this operation does not take (see
    /// [`Comparison::with_not_for_op`]).
    pub not_for_op: &'static [&'static str],
}

/// The ready-made request definitions for generic-netlink family `family` (`nlctrl`,
/// `ethtool`); empty for others.
#[must_use]
pub fn ready_made(family: &str) -> &'static [ReadyMade] {
    use nlattr::families::{ctrl, ethtool};
    static NLCTRL: [ReadyMade; 2] = [
        ReadyMade {
            cmd: nlattr::consts::CTRL_CMD_GETFAMILY,
            name: "CTRL_CMD_GETFAMILY",
            policy: ctrl::GetFamily::POLICY,
            not_for_op: &[],
        },
        ReadyMade {
            cmd: CTRL_CMD_GETPOLICY,
            name: "CTRL_CMD_GETPOLICY",
            policy: ctrl::GetPolicy::POLICY,
            not_for_op: &[],
        },
    ];
    static ETHTOOL: [ReadyMade; 3] = [
        ReadyMade {
            cmd: ethtool::ETHTOOL_MSG_STRSET_GET,
            name: "ETHTOOL_MSG_STRSET_GET",
            policy: ethtool::StrSet::POLICY,
            not_for_op: &["stringsets.sets.count", "stringsets.sets.strings"],
        },
        ReadyMade {
            cmd: ethtool::ETHTOOL_MSG_LINKINFO_GET,
            name: "ETHTOOL_MSG_LINKINFO_GET",
            policy: ethtool::GetRequest::POLICY,
            // The header of operations without PHY selection stops at type 3.
            not_for_op: &["header.phy_index"],
        },
        ReadyMade {
            cmd: ethtool::ETHTOOL_MSG_LINKSTATE_GET,
            name: "ETHTOOL_MSG_LINKSTATE_GET",
            policy: ethtool::GetRequest::POLICY,
            // The header of operations without PHY selection stops at type 3.
            not_for_op: &["header.phy_index"],
        },
    ];
    match family {
        "nlctrl" => &NLCTRL,
        "ethtool" => &ETHTOOL,
        _ => &[],
    }
}

/// The kernel's name of `info`'s type, or its number.
#[must_use]
pub fn kernel_type_name(info: &PolicyInfo) -> String {
    match (info.type_name(), info.ty) {
        (Some(n), _) => n.to_owned(),
        (None, Some(t)) => format!("type {t}"),
        (None, None) => "untyped".to_owned(),
    }
}

/// Our kind in the kernel's words.
#[must_use]
pub fn kind_name(kind: AttrKind) -> String {
    match kind {
        AttrKind::U8 => "u8".into(),
        AttrKind::U16 => "u16".into(),
        AttrKind::U32 => "u32".into(),
        AttrKind::U64 => "u64".into(),
        AttrKind::S8 => "s8".into(),
        AttrKind::S16 => "s16".into(),
        AttrKind::S32 => "s32".into(),
        AttrKind::S64 => "s64".into(),
        AttrKind::Uint => "uint".into(),
        AttrKind::Sint => "sint".into(),
        AttrKind::Be16 => "be16".into(),
        AttrKind::Be32 => "be32".into(),
        AttrKind::Be64 => "be64".into(),
        AttrKind::Le(n) => format!("le{}", u32::from(n) * 8),
        AttrKind::String => "string".into(),
        AttrKind::NulString => "nul-string".into(),
        AttrKind::Binary => "binary".into(),
        AttrKind::Flag => "flag".into(),
        AttrKind::Bitfield32 => "bitfield32".into(),
        AttrKind::Struct(n) => format!("binary (struct of {n} bytes)"),
        AttrKind::Nested(p) => format!("nested {}", p.name),
        AttrKind::NestedArray(p) => format!("nested-array {}", p.name),
        AttrKind::SubMessage { selector, .. } | AttrKind::SubMessageInt { selector, .. } => {
            format!("nested (sub-message chosen by `{selector}`)")
        }
        _ => format!("{kind:?}"),
    }
}

/// Whether our kind encodes what the kernel's type `ty` (`NL_ATTR_TYPE_*`) accepts.
fn compatible(ty: u32, kind: AttrKind) -> bool {
    use AttrKind as K;
    match ty {
        NL_ATTR_TYPE_FLAG => kind == K::Flag,
        NL_ATTR_TYPE_U8 => matches!(kind, K::U8 | K::Le(1)),
        NL_ATTR_TYPE_U16 => matches!(kind, K::U16 | K::Be16 | K::Le(2)),
        NL_ATTR_TYPE_U32 => matches!(kind, K::U32 | K::Be32 | K::Le(4)),
        NL_ATTR_TYPE_U64 => matches!(kind, K::U64 | K::Be64 | K::Le(8)),
        NL_ATTR_TYPE_S8 => kind == K::S8,
        NL_ATTR_TYPE_S16 => kind == K::S16,
        NL_ATTR_TYPE_S32 => kind == K::S32,
        NL_ATTR_TYPE_S64 => kind == K::S64,
        // The kernel takes 4 or 8 bytes; a fixed u32 or u64 is one of them.
        NL_ATTR_TYPE_UINT => matches!(kind, K::Uint | K::U32 | K::U64),
        NL_ATTR_TYPE_SINT => matches!(kind, K::Sint | K::S32 | K::S64),
        NL_ATTR_TYPE_BINARY => matches!(kind, K::Binary | K::Struct(_) | K::Le(_)),
        // Every string encoder of nlattr ends the string with a NUL, which both accept.
        NL_ATTR_TYPE_STRING | NL_ATTR_TYPE_NUL_STRING => matches!(kind, K::String | K::NulString),
        NL_ATTR_TYPE_NESTED => matches!(kind, K::Nested(_) | K::SubMessage { .. } | K::SubMessageInt { .. }),
        NL_ATTR_TYPE_NESTED_ARRAY => matches!(kind, K::NestedArray(_)),
        NL_ATTR_TYPE_BITFIELD32 => kind == K::Bitfield32,
        _ => false,
    }
}

/// The full value range of the kernel's integer type `ty`, if it is one.
fn type_range(ty: u32) -> Option<(i128, i128)> {
    Some(match ty {
        NL_ATTR_TYPE_U8 => (0, u8::MAX.into()),
        NL_ATTR_TYPE_U16 => (0, u16::MAX.into()),
        NL_ATTR_TYPE_U32 => (0, u32::MAX.into()),
        NL_ATTR_TYPE_U64 | NL_ATTR_TYPE_UINT => (0, u64::MAX.into()),
        NL_ATTR_TYPE_S8 => (i8::MIN.into(), i8::MAX.into()),
        NL_ATTR_TYPE_S16 => (i16::MIN.into(), i16::MAX.into()),
        NL_ATTR_TYPE_S32 => (i32::MIN.into(), i32::MAX.into()),
        NL_ATTR_TYPE_S64 | NL_ATTR_TYPE_SINT => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

/// The range the kernel checks, as it reports it.
fn kernel_range(info: &PolicyInfo) -> Option<(i128, i128)> {
    match (info.min_u, info.max_u, info.min_s, info.max_s) {
        (Some(a), Some(b), _, _) => Some((a.into(), b.into())),
        (_, _, Some(a), Some(b)) => Some((a.into(), b.into())),
        _ => None,
    }
}

fn is_string(kind: AttrKind) -> bool {
    matches!(kind, AttrKind::String | AttrKind::NulString)
}

struct Walk<'d, 'c> {
    dump: &'d PolicyDump,
    out: &'c mut Comparison,
    path: Vec<Segment>,
    types: Vec<u16>,
}

impl Walk<'_, '_> {
    fn push(
        &mut self,
        kind: MismatchKind,
        kernel: Option<PolicyInfo>,
        ours: Option<AttrPolicy>,
        detail: String,
    ) {
        let m = Mismatch {
            path: FieldPath::from_segments(&self.path),
            types: self.types.clone(),
            kind,
            kernel,
            ours,
            detail,
        };
        if kind.is_problem() {
            self.out.mismatches.push(m);
        } else {
            self.out.notes.push(m);
        }
    }

    fn set(&mut self, index: u32, ours: &'static Policy, depth: usize) {
        if depth >= MAX_DEPTH {
            return;
        }
        for a in ours.attrs {
            self.path.push(Segment::Field(a.field));
            self.types.push(a.ty);
            match self.dump.get(index, a.ty) {
                None => self.push(
                    MismatchKind::UnknownToKernel,
                    None,
                    Some(*a),
                    format!("kernel policy {index} has no type {}, ours {}", a.ty, kind_name(a.kind)),
                ),
                Some(k) => self.attr(k, a, depth),
            }
            self.types.pop();
            self.path.pop();
        }
        for k in self.dump.attrs.iter().filter(|k| k.policy == index) {
            if ours.get(k.attr).is_none() {
                self.types.push(k.attr);
                self.push(
                    MismatchKind::NotCovered,
                    Some(k.info),
                    None,
                    format!("kernel {} (type {}) not in {}", kernel_type_name(&k.info), k.attr, ours.name),
                );
                self.types.pop();
            }
        }
    }

    fn attr(&mut self, k: &PolicyInfo, a: &AttrPolicy, depth: usize) {
        let ty = k.ty.unwrap_or(0);
        let (kn, on) = (kernel_type_name(k), kind_name(a.kind));
        if !compatible(ty, a.kind) {
            self.push(MismatchKind::Type, Some(*k), Some(*a), format!("kernel {kn}, ours {on}"));
            return;
        }
        if matches!(ty, NL_ATTR_TYPE_NESTED | NL_ATTR_TYPE_NESTED_ARRAY) {
            if !a.nested_flag {
                self.push(
                    MismatchKind::NestedFlagMissing,
                    Some(*k),
                    Some(*a),
                    format!("kernel {kn}, ours sent without NLA_F_NESTED"),
                );
            }
            if let (Some(idx), Some(inner)) = (k.policy_idx, a.nested()) {
                self.set(idx, inner, depth + 1);
            }
            return;
        }
        let kernel_nul = ty == NL_ATTR_TYPE_NUL_STRING;
        if is_string(a.kind) && kernel_nul != (a.kind == AttrKind::NulString) {
            self.push(MismatchKind::StringForm, Some(*k), Some(*a), format!("kernel {kn}, ours {on}"));
        }
        self.range(k, a, &kn, &on);
        self.lengths(k, a);
    }

    fn range(&mut self, k: &PolicyInfo, a: &AttrPolicy, kn: &str, on: &str) {
        let ty = k.ty.unwrap_or(0);
        if let Some(mask) = k.mask {
            if a.range.is_none() {
                self.push(
                    MismatchKind::Unchecked,
                    Some(*k),
                    Some(*a),
                    format!("kernel {kn} allows only bits {mask:#x}, ours any"),
                );
            }
        }
        let Some(full) = type_range(ty) else { return };
        let kr = kernel_range(k).unwrap_or(full);
        match a.range {
            None if kr != full => self.push(
                MismatchKind::Unchecked,
                Some(*k),
                Some(*a),
                format!("kernel {kn} in {}..={}, ours {on} unchecked", kr.0, kr.1),
            ),
            None => {}
            Some(r) if r.0 < kr.0 || r.1 > kr.1 => self.push(
                MismatchKind::RangeWider,
                Some(*k),
                Some(*a),
                format!("kernel {kn} in {}..={}, ours {}..={}", kr.0, kr.1, r.0, r.1),
            ),
            Some(r) if r != kr => self.push(
                MismatchKind::Stricter,
                Some(*k),
                Some(*a),
                format!("kernel {kn} in {}..={}, ours {}..={}", kr.0, kr.1, r.0, r.1),
            ),
            Some(_) => {}
        }
    }

    fn lengths(&mut self, k: &PolicyInfo, a: &AttrPolicy) {
        let kn = kernel_type_name(k);
        // What our encoder can send: a fixed struct is exactly its size.
        let (our_min, our_max) = match a.kind {
            AttrKind::Struct(n) => {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                (Some(a.min_len.unwrap_or(n).max(n)), Some(a.max_len.unwrap_or(n).max(n)))
            }
            AttrKind::Binary => (a.min_len, a.max_len),
            _ if is_string(a.kind) => (None, a.max_len),
            _ => return,
        };
        let what =
            |side: &str| if is_string(a.kind) { format!("{side} (NUL excluded)") } else { side.to_owned() };
        match (k.max_len, our_max) {
            (Some(km), Some(om)) if om > km => self.push(
                MismatchKind::LengthWider,
                Some(*k),
                Some(*a),
                format!("kernel {kn} of at most {km} bytes, ours up to {om}{}", what("")),
            ),
            (Some(km), Some(om)) if om < km => self.push(
                MismatchKind::Stricter,
                Some(*k),
                Some(*a),
                format!("kernel {kn} of at most {km} bytes, ours at most {om}{}", what("")),
            ),
            (Some(km), None) => self.push(
                MismatchKind::Unchecked,
                Some(*k),
                Some(*a),
                format!("kernel {kn} of at most {km} bytes{}, ours unchecked", what("")),
            ),
            _ => {}
        }
        match (k.min_len, our_min) {
            (Some(km), Some(om)) if om < km => self.push(
                MismatchKind::LengthWider,
                Some(*k),
                Some(*a),
                format!("kernel {kn} of at least {km} bytes, ours from {om}"),
            ),
            (Some(km), Some(om)) if om > km => self.push(
                MismatchKind::Stricter,
                Some(*k),
                Some(*a),
                format!("kernel {kn} of at least {km} bytes, ours at least {om}"),
            ),
            (Some(km), None) if km > 0 => self.push(
                MismatchKind::Unchecked,
                Some(*k),
                Some(*a),
                format!("kernel {kn} of at least {km} bytes, ours unchecked"),
            ),
            _ => {}
        }
    }
}

/// The kernel's policy `index` of `dump` as a [`Policy`] table, to run
/// `nlattr::validate` with exactly what the running kernel checks (less what a table
/// cannot say: bit masks, validation functions). `header_len` is the size of the family
/// header before the attributes (4, `genlmsghdr`, for most families).
///
/// Attributes are named after `names`' fields where the types agree (nested tables
/// likewise), `type_N` otherwise. A nest the kernel reports without a policy index is
/// checked as a nest whose contents are not examined (a sub-message without variants),
/// as the kernel does. Recursive policies are unrolled to the kernel's depth limit.
///
/// The tables are built at run time and leaked, since a [`Policy`] refers to `'static`
/// data: build them once per policy, in tests and tools, not per message.
#[must_use]
pub fn kernel_policy(
    dump: &PolicyDump,
    index: u32,
    header_len: usize,
    names: Option<&'static Policy>,
) -> &'static Policy {
    build(dump, index, header_len, names, 0)
}

fn build(
    dump: &PolicyDump,
    index: u32,
    header_len: usize,
    names: Option<&'static Policy>,
    depth: usize,
) -> &'static Policy {
    let mut attrs = Vec::new();
    let mut entries: Vec<_> = dump.attrs.iter().filter(|a| a.policy == index).collect();
    entries.sort_by_key(|a| a.attr);
    for e in entries {
        let ours = names.and_then(|n| n.get(e.attr));
        let field: &'static str = match ours {
            Some(o) => o.field,
            None => Box::leak(format!("type_{}", e.attr).into_boxed_str()),
        };
        let k = &e.info;
        let inner = |depth: usize| -> Option<&'static Policy> {
            let idx = k.policy_idx?;
            let names = ours.and_then(AttrPolicy::nested);
            let header = names.map_or(0, |n| n.header_len);
            (depth < MAX_DEPTH).then(|| build(dump, idx, header, names, depth + 1))
        };
        let opaque = AttrKind::SubMessage { selector: "", variants: &[] };
        let kind = match k.ty.unwrap_or(0) {
            NL_ATTR_TYPE_FLAG => AttrKind::Flag,
            NL_ATTR_TYPE_U8 => AttrKind::U8,
            NL_ATTR_TYPE_U16 => AttrKind::U16,
            NL_ATTR_TYPE_U32 => AttrKind::U32,
            NL_ATTR_TYPE_U64 => AttrKind::U64,
            NL_ATTR_TYPE_S8 => AttrKind::S8,
            NL_ATTR_TYPE_S16 => AttrKind::S16,
            NL_ATTR_TYPE_S32 => AttrKind::S32,
            NL_ATTR_TYPE_S64 => AttrKind::S64,
            NL_ATTR_TYPE_UINT => AttrKind::Uint,
            NL_ATTR_TYPE_SINT => AttrKind::Sint,
            NL_ATTR_TYPE_STRING => AttrKind::String,
            NL_ATTR_TYPE_NUL_STRING => AttrKind::NulString,
            NL_ATTR_TYPE_BITFIELD32 => AttrKind::Bitfield32,
            NL_ATTR_TYPE_NESTED => inner(depth).map_or(opaque, AttrKind::Nested),
            NL_ATTR_TYPE_NESTED_ARRAY => inner(depth).map_or(opaque, AttrKind::NestedArray),
            _ => AttrKind::Binary,
        };
        let full = type_range(k.ty.unwrap_or(0));
        let range = kernel_range(k).filter(|r| Some(*r) != full);
        attrs.push(AttrPolicy {
            min_len: k.min_len,
            max_len: k.max_len,
            range,
            ..AttrPolicy::new(field, e.attr, kind)
        });
    }
    let name: &'static str = match names {
        Some(n) => n.name,
        None => Box::leak(format!("KernelPolicy{index}").into_boxed_str()),
    };
    Box::leak(Box::new(Policy {
        name,
        header_len,
        attrs: Box::leak(attrs.into_boxed_slice()),
        deny_unknown: true,
    }))
}

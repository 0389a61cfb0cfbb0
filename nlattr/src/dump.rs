//! Annotated hex dumps of netlink bytes, for people debugging them and for test failures.
//!
//! [`HexDump`] is a [`Display`](core::fmt::Display) value: it needs no allocator and never
//! panics, whatever the bytes. It labels each `nlmsghdr` (offset, length, type, flags by
//! name, sequence number, port id), the family header, and each attribute (offset, type,
//! length, flags), shows payloads as hex and ASCII, recurses into nests (attributes flagged
//! `NLA_F_NESTED`, or whose payload parses cleanly as attributes, down to a depth bound),
//! decodes `NLMSG_ERROR` and `NLMSG_DONE` bodies through [`ExtAck`], and shows malformed
//! regions as such, with the decoder's error and the raw bytes.
//!
//! Offsets are decimal, like the offsets in [`DecodeError`] and in
//! extended ACKs, so the two can be matched by eye.
//!
//! ```
//! use nlattr::{consts::*, dump::HexDump, header::GenlMsgHdr, Writer};
//!
//! let mut buf = Vec::new();
//! let mut w = Writer::new(&mut buf);
//! let m = w.begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
//! w.put_struct(&GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 })?;
//! w.attr(CTRL_ATTR_FAMILY_NAME, "test1")?;
//! w.end_message(m)?;
//!
//! let text = HexDump::new(&buf).protocol(NETLINK_GENERIC).to_string();
//! assert!(text.contains("nlmsghdr len=32 type=GENL_ID_CTRL(16) flags=0x5 REQUEST|ACK seq=1 pid=0"));
//! assert!(text.contains("genlmsghdr cmd=3 version=2"));
//! assert!(text.contains("attr type=2 len=10 (+2 pad) \"test1\""));
//! # Ok::<(), nlattr::EncodeError>(())
//! ```

use core::fmt::{self, Write as _};

use crate::consts::{
    align4, MAX_NEST_DEPTH, NETLINK_GENERIC, NETLINK_ROUTE, NLMSGERR_ATTR_COOKIE, NLMSGERR_ATTR_MISS_NEST,
    NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY, NLMSG_DONE,
    NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_MIN_TYPE, NLMSG_NOOP, NLMSG_OVERRUN, NLM_F_ACK, NLM_F_ACK_TLVS,
    NLM_F_APPEND, NLM_F_ATOMIC, NLM_F_BULK, NLM_F_CAPPED, NLM_F_CREATE, NLM_F_DUMP, NLM_F_DUMP_FILTERED,
    NLM_F_DUMP_INTR, NLM_F_ECHO, NLM_F_EXCL, NLM_F_MATCH, NLM_F_MULTI, NLM_F_NONREC, NLM_F_REPLACE,
    NLM_F_REQUEST, NLM_F_ROOT,
};
use crate::error::DecodeError;
use crate::extack::{errno_name, ExtAck};
use crate::header::{read_header, GenlMsgHdr, IfAddrMsg, IfInfoMsg, NdMsg, NlMsgHdr, RtMsg};
use crate::iter::{Attr, Attrs, Message, Messages};

/// How a dump finds the length of each message's family header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderHint {
    /// Unknown: the smallest length (a multiple of 4, at most 64) after which the payload
    /// parses cleanly as attributes; labelled as guessed.
    Guess,
    /// The same length for every message (0 for none).
    Len(usize),
    /// Chosen per message type for a protocol (`NETLINK_ROUTE`, `NETLINK_GENERIC`), see
    /// [`family_header_len`]; types the table does not know are guessed.
    Protocol(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Messages,
    Attributes,
}

/// An annotated hex dump of netlink bytes; see the [module documentation](self).
#[derive(Clone, Copy, Debug)]
pub struct HexDump<'a> {
    bytes: &'a [u8],
    base: usize,
    layout: Layout,
    header: HeaderHint,
    max_depth: usize,
}

impl<'a> HexDump<'a> {
    /// A dump of `bytes` as a datagram: a sequence of netlink messages.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            base: 0,
            layout: Layout::Messages,
            header: HeaderHint::Guess,
            max_depth: MAX_NEST_DEPTH,
        }
    }

    /// A dump of `bytes` as a bare stream of attributes (a message payload after its family
    /// header, or a nest's payload).
    #[must_use]
    pub fn attributes(bytes: &'a [u8]) -> Self {
        Self { layout: Layout::Attributes, ..Self::new(bytes) }
    }

    /// Every message has a family header of `len` bytes (0 for none); attributes start at
    /// the next multiple of 4, as the kernel's `nlmsg_attrdata` has them.
    #[must_use]
    pub fn family_header(mut self, len: usize) -> Self {
        self.header = HeaderHint::Len(len);
        self
    }

    /// The bytes belong to `protocol` (`NETLINK_ROUTE`, `NETLINK_GENERIC`...): family
    /// headers are chosen by message type and decoded, and message types are named.
    #[must_use]
    pub fn protocol(mut self, protocol: i32) -> Self {
        self.header = HeaderHint::Protocol(protocol);
        self
    }

    /// Sets how family headers are found.
    #[must_use]
    pub fn header_hint(mut self, hint: HeaderHint) -> Self {
        self.header = hint;
        self
    }

    /// Nesting depth past which payloads are shown as bytes (default
    /// [`MAX_NEST_DEPTH`]).
    #[must_use]
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// The first byte is at absolute offset `offset` in the caller's buffer (default 0);
    /// every offset shown is absolute.
    #[must_use]
    pub fn base_offset(mut self, offset: usize) -> Self {
        self.base = offset;
        self
    }

    fn protocol_hint(&self) -> Option<i32> {
        match self.header {
            HeaderHint::Protocol(p) => Some(p),
            _ => None,
        }
    }
}

/// The family header length of message type `ty` in `protocol`, when known: 4
/// (`genlmsghdr`) for every generic-netlink family; for rtnetlink, 16 (`ifinfomsg`) for
/// links, 8 (`ifaddrmsg`) for addresses, 12 (`rtmsg`) for routes, 12 (`ndmsg`) for
/// neighbours, 12 (`fib_rule_hdr`) for rules, 20 (`tcmsg`) for qdiscs, classes, filters and
/// chains, 8 (`nhmsg`) for next hops, 16 for link properties.
#[must_use]
pub fn family_header_len(protocol: i32, ty: u16) -> Option<usize> {
    if ty < NLMSG_MIN_TYPE {
        return None;
    }
    match protocol {
        NETLINK_GENERIC => Some(4),
        NETLINK_ROUTE => match ty & !3 {
            16 | 108 => Some(16),
            20 | 104 => Some(8),
            24 | 28 | 32 => Some(12),
            36 | 40 | 44 | 100 => Some(20),
            _ => None,
        },
        _ => None,
    }
}

/// The attributes of `bytes` when they parse cleanly to the end, and so do the contents of
/// those flagged `NLA_F_NESTED` (down to [`MAX_NEST_DEPTH`] levels): their count.
fn clean_attrs(bytes: &[u8], depth: usize) -> Option<usize> {
    let mut n = 0;
    for a in Attrs::new(bytes, 0) {
        let a = a.ok()?;
        if a.is_nested() && depth < MAX_NEST_DEPTH {
            clean_attrs(a.payload(), depth + 1)?;
        }
        n += 1;
    }
    Some(n)
}

/// Whether a payload without `NLA_F_NESTED` is worth showing as nested attributes: it
/// parses cleanly to the end, flagged nests inside it too, and at least one attribute
/// carries a payload (so that small integers such as `04 00 00 00` are not mistaken for an
/// empty attribute). A guess never produces a "malformed" line.
fn looks_nested(payload: &[u8]) -> bool {
    if payload.len() < 4 || clean_attrs(payload, 0).is_none() {
        return false;
    }
    Attrs::new(payload, 0).any(|a| a.is_ok_and(|a| !a.is_empty()))
}

/// The smallest family header length after which `payload` parses cleanly as attributes,
/// none of type 0 (`*_UNSPEC`, which families never send at the top level: this is what
/// tells the 4-byte `index` of an `ifaddrmsg` such as `04 00 00 00` from an attribute).
fn guess_header(payload: &[u8]) -> Option<usize> {
    let max = payload.len().min(64);
    (0..=max).step_by(4).find(|&h| match payload.get(h..) {
        Some([]) => true,
        // Top level only: a malformed nest further in is shown as such, not a reason to
        // misplace the header.
        Some(rest) => {
            clean_attrs(rest, MAX_NEST_DEPTH).is_some_and(|n| n > 0)
                && Attrs::new(rest, 0).all(|a| a.is_ok_and(|a| a.ty() != 0))
        }
        None => false,
    })
}

/// A string payload: printable ASCII, then one or more NULs, but not many more NULs than
/// text (a mostly zero struct whose first byte is printable is not a string).
fn as_string(payload: &[u8]) -> Option<&str> {
    let nul = payload.iter().position(|&b| b == 0)?;
    let (text, tail) = payload.split_at(nul);
    if !text.is_empty()
        && tail.len() <= text.len() + 1
        && tail.iter().all(|&b| b == 0)
        && text.iter().all(|b| (0x20..0x7f).contains(b))
    {
        core::str::from_utf8(text).ok()
    } else {
        None
    }
}

struct Indent(usize);

impl fmt::Display for Indent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for _ in 0..self.0 {
            f.write_str("  ")?;
        }
        Ok(())
    }
}

fn line(f: &mut fmt::Formatter<'_>, offset: usize, level: usize, args: fmt::Arguments<'_>) -> fmt::Result {
    writeln!(f, "{offset:>6}  {}{args}", Indent(level))
}

/// Hex and ASCII rows, 16 bytes each.
fn hex_rows(f: &mut fmt::Formatter<'_>, bytes: &[u8], offset: usize, level: usize) -> fmt::Result {
    for (i, chunk) in bytes.chunks(16).enumerate() {
        write!(f, "{:>6}  {}", offset + i * 16, Indent(level))?;
        for j in 0..16 {
            match chunk.get(j) {
                Some(b) => write!(f, "{b:02x} ")?,
                None => f.write_str("   ")?,
            }
            if j == 7 {
                f.write_char(' ')?;
            }
        }
        f.write_str(" |")?;
        for &b in chunk {
            f.write_char(if (0x20..0x7f).contains(&b) { char::from(b) } else { '.' })?;
        }
        f.write_str("|\n")?;
    }
    Ok(())
}

fn malformed(
    f: &mut fmt::Formatter<'_>,
    err: &DecodeError,
    rest: &[u8],
    rest_offset: usize,
    level: usize,
) -> fmt::Result {
    line(f, err.offset, level, format_args!("!! malformed: {err}"))?;
    if !rest.is_empty() {
        line(f, rest_offset, level, format_args!("!! {} unparsed bytes:", rest.len()))?;
        hex_rows(f, rest, rest_offset, level + 1)?;
    }
    Ok(())
}

struct TypeName {
    ty: u16,
    protocol: Option<i32>,
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match (self.ty, self.protocol) {
            (NLMSG_NOOP, _) => Some("NLMSG_NOOP"),
            (NLMSG_ERROR, _) => Some("NLMSG_ERROR"),
            (NLMSG_DONE, _) => Some("NLMSG_DONE"),
            (NLMSG_OVERRUN, _) => Some("NLMSG_OVERRUN"),
            (16, Some(NETLINK_GENERIC)) => Some("GENL_ID_CTRL"),
            (ty, Some(NETLINK_ROUTE)) => route_type_name(ty),
            _ => None,
        };
        match name {
            Some(n) => write!(f, "{n}({})", self.ty),
            None => write!(f, "{}", self.ty),
        }
    }
}

fn route_type_name(ty: u16) -> Option<&'static str> {
    Some(match ty {
        16 => "RTM_NEWLINK",
        17 => "RTM_DELLINK",
        18 => "RTM_GETLINK",
        19 => "RTM_SETLINK",
        20 => "RTM_NEWADDR",
        21 => "RTM_DELADDR",
        22 => "RTM_GETADDR",
        24 => "RTM_NEWROUTE",
        25 => "RTM_DELROUTE",
        26 => "RTM_GETROUTE",
        28 => "RTM_NEWNEIGH",
        29 => "RTM_DELNEIGH",
        30 => "RTM_GETNEIGH",
        32 => "RTM_NEWRULE",
        33 => "RTM_DELRULE",
        34 => "RTM_GETRULE",
        _ => return None,
    })
}

/// `nlmsg_flags` by name. The upper byte means different things per request kind, so it is
/// named only where the kind is known: acknowledgements (`CAPPED`, `ACK_TLVS`), rtnetlink
/// requests (by the type's NEW/DEL/GET position), and `DUMP` (both GET bits) for any
/// request; other bits stay in hex.
struct FlagNames {
    ty: u16,
    flags: u16,
    protocol: Option<i32>,
}

impl fmt::Display for FlagNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.flags)?;
        let mut names: [(u16, &str); 12] = [(0, ""); 12];
        let mut n = 0;
        let mut add = |bit: u16, name: &'static str| {
            if let Some(slot) = names.get_mut(n) {
                *slot = (bit, name);
                n += 1;
            }
        };
        for (bit, name) in [
            (NLM_F_REQUEST, "REQUEST"),
            (NLM_F_MULTI, "MULTI"),
            (NLM_F_ACK, "ACK"),
            (NLM_F_ECHO, "ECHO"),
            (NLM_F_DUMP_INTR, "DUMP_INTR"),
            (NLM_F_DUMP_FILTERED, "DUMP_FILTERED"),
        ] {
            add(bit, name);
        }
        let request = self.flags & NLM_F_REQUEST != 0;
        let route_kind = match self.protocol {
            Some(NETLINK_ROUTE) if self.ty >= NLMSG_MIN_TYPE => Some(self.ty % 4),
            _ => None,
        };
        if self.ty == NLMSG_ERROR || self.ty == NLMSG_DONE {
            add(NLM_F_CAPPED, "CAPPED");
            add(NLM_F_ACK_TLVS, "ACK_TLVS");
        } else if request {
            match route_kind {
                Some(0) => {
                    add(NLM_F_REPLACE, "REPLACE");
                    add(NLM_F_EXCL, "EXCL");
                    add(NLM_F_CREATE, "CREATE");
                    add(NLM_F_APPEND, "APPEND");
                }
                Some(1) => {
                    add(NLM_F_NONREC, "NONREC");
                    add(NLM_F_BULK, "BULK");
                }
                Some(2) => {
                    if self.flags & NLM_F_DUMP == NLM_F_DUMP {
                        add(NLM_F_DUMP, "DUMP");
                    } else {
                        add(NLM_F_ROOT, "ROOT");
                        add(NLM_F_MATCH, "MATCH");
                    }
                    add(NLM_F_ATOMIC, "ATOMIC");
                }
                _ => add(NLM_F_DUMP, "DUMP"),
            }
        }
        let mut rest = self.flags;
        let mut sep = ' ';
        for &(bit, name) in names.get(..n).unwrap_or_default() {
            if bit != 0 && self.flags & bit == bit {
                write!(f, "{sep}{name}")?;
                sep = '|';
                rest &= !bit;
            }
        }
        if rest != 0 && rest != self.flags {
            write!(f, "|{rest:#x}")?;
        }
        Ok(())
    }
}

fn header_line(
    f: &mut fmt::Formatter<'_>,
    offset: usize,
    level: usize,
    label: &str,
    h: &NlMsgHdr,
    protocol: Option<i32>,
) -> fmt::Result {
    line(
        f,
        offset,
        level,
        format_args!(
            "{label} len={} type={} flags={} seq={} pid={}",
            h.len,
            TypeName { ty: h.ty, protocol },
            FlagNames { ty: h.ty, flags: h.flags, protocol },
            h.seq,
            h.pid
        ),
    )
}

/// Where an attribute sits, to name it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Plain,
    ExtAck,
}

fn ext_ack_name(ty: u16) -> Option<&'static str> {
    Some(match ty {
        NLMSGERR_ATTR_MSG => "MSG",
        NLMSGERR_ATTR_OFFS => "OFFS",
        NLMSGERR_ATTR_COOKIE => "COOKIE",
        NLMSGERR_ATTR_POLICY => "POLICY",
        NLMSGERR_ATTR_MISS_TYPE => "MISS_TYPE",
        NLMSGERR_ATTR_MISS_NEST => "MISS_NEST",
        _ => return None,
    })
}

/// A short reading of a payload: a string, an integer of 1, 2, 4 or 8 bytes, or nothing.
struct ValueHint<'a> {
    payload: &'a [u8],
    big_endian: bool,
}

impl fmt::Display for ValueHint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.payload;
        if p.is_empty() {
            return f.write_str(" (empty)");
        }
        if let Some(s) = as_string(p) {
            return write!(f, " \"{s}\"");
        }
        let (order, v) = match (p, self.big_endian) {
            (&[a], _) => ("u8", u64::from(a)),
            (&[a, b], false) => ("u16", u64::from(u16::from_ne_bytes([a, b]))),
            (&[a, b], true) => ("be16", u64::from(u16::from_be_bytes([a, b]))),
            (&[a, b, c, d], false) => ("u32", u64::from(u32::from_ne_bytes([a, b, c, d]))),
            (&[a, b, c, d], true) => ("be32", u64::from(u32::from_be_bytes([a, b, c, d]))),
            (&[a, b, c, d, e, g, h, i], false) => ("u64", u64::from_ne_bytes([a, b, c, d, e, g, h, i])),
            (&[a, b, c, d, e, g, h, i], true) => ("be64", u64::from_be_bytes([a, b, c, d, e, g, h, i])),
            _ => return Ok(()),
        };
        write!(f, " {order} {v}")
    }
}

impl HexDump<'_> {
    fn dump_messages(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bytes.is_empty() {
            return line(f, self.base, 0, format_args!("(no bytes)"));
        }
        for item in Messages::new(self.bytes, self.base) {
            match item {
                Ok(msg) => self.message(f, &msg, 0)?,
                Err(e) => {
                    let rest = self.bytes.get(e.offset.saturating_sub(self.base)..).unwrap_or_default();
                    return malformed(f, &e, rest, e.offset, 0);
                }
            }
        }
        Ok(())
    }

    fn message(&self, f: &mut fmt::Formatter<'_>, msg: &Message<'_>, level: usize) -> fmt::Result {
        let protocol = self.protocol_hint();
        header_line(f, msg.offset, level, "nlmsghdr", &msg.header, protocol)?;
        match msg.ty() {
            NLMSG_ERROR | NLMSG_DONE => self.ack_body(f, msg, level + 1),
            ty if ty < NLMSG_MIN_TYPE => {
                if !msg.payload.is_empty() {
                    line(
                        f,
                        msg.payload_offset(),
                        level + 1,
                        format_args!("payload {} bytes", msg.payload.len()),
                    )?;
                    hex_rows(f, msg.payload, msg.payload_offset(), level + 2)?;
                }
                Ok(())
            }
            ty => self.body(f, ty, msg.payload, msg.payload_offset(), level + 1),
        }
    }

    /// A family message body: family header, then attributes.
    fn body(
        &self,
        f: &mut fmt::Formatter<'_>,
        ty: u16,
        payload: &[u8],
        offset: usize,
        level: usize,
    ) -> fmt::Result {
        let protocol = self.protocol_hint();
        let known = match self.header {
            HeaderHint::Len(n) => Some(n),
            HeaderHint::Protocol(p) => family_header_len(p, ty),
            HeaderHint::Guess => None,
        };
        let (hlen, guessed) = match known {
            Some(n) => (n, false),
            None => match guess_header(payload) {
                Some(n) => (n, true),
                None => {
                    line(
                        f,
                        offset,
                        level,
                        format_args!(
                            "payload {} bytes (family header unknown; not attributes)",
                            payload.len()
                        ),
                    )?;
                    return hex_rows(f, payload, offset, level + 1);
                }
            },
        };
        let Some(header) = payload.get(..hlen) else {
            line(
                f,
                offset,
                level,
                format_args!("!! malformed: family header needs {hlen} bytes, {} left", payload.len()),
            )?;
            return hex_rows(f, payload, offset, level + 1);
        };
        if hlen > 0 {
            let guess = if guessed { " (length guessed)" } else { "" };
            match (protocol, header.len()) {
                (Some(NETLINK_GENERIC), 4) => {
                    let h: GenlMsgHdr = read_header(header, offset).unwrap_or_default();
                    line(
                        f,
                        offset,
                        level,
                        format_args!(
                            "genlmsghdr cmd={} version={} reserved={}{guess}",
                            h.cmd, h.version, h.reserved
                        ),
                    )?;
                }
                (Some(NETLINK_ROUTE), _) => route_header(f, ty, header, offset, level)?,
                _ => line(f, offset, level, format_args!("family header {hlen} bytes{guess}"))?,
            }
            hex_rows(f, header, offset, level + 1)?;
        }
        let start = align4(hlen);
        let attrs = payload.get(start..).unwrap_or_default();
        self.attrs(f, attrs, offset + start.min(payload.len()), level, 0, Context::Plain)
    }

    fn attrs(
        &self,
        f: &mut fmt::Formatter<'_>,
        bytes: &[u8],
        base: usize,
        level: usize,
        depth: usize,
        ctx: Context,
    ) -> fmt::Result {
        for item in Attrs::new(bytes, base) {
            match item {
                Ok(a) => self.attr(f, &a, bytes, base, level, depth, ctx)?,
                Err(e) => {
                    let rest = bytes.get(e.offset.saturating_sub(base)..).unwrap_or_default();
                    return malformed(f, &e, rest, e.offset, level);
                }
            }
        }
        Ok(())
    }

    // The parameters are the attribute and where it sits; bundling them would only move
    // the list into a struct built at the one call site.
    #[allow(clippy::too_many_arguments)]
    fn attr(
        &self,
        f: &mut fmt::Formatter<'_>,
        a: &Attr<'_>,
        stream: &[u8],
        base: usize,
        level: usize,
        depth: usize,
        ctx: Context,
    ) -> fmt::Result {
        let end = a.offset() + a.len();
        let pad = stream
            .get(end - base..align4(end) - base)
            .or_else(|| stream.get(end - base..))
            .unwrap_or_default();
        write!(f, "{:>6}  {}attr type={} len={}", a.offset(), Indent(level), a.ty(), a.len())?;
        if !pad.is_empty() {
            write!(f, " (+{} pad", pad.len())?;
            if pad.iter().any(|&b| b != 0) {
                f.write_str(", NOT ZERO")?;
            }
            f.write_char(')')?;
        }
        if a.is_nested() {
            f.write_str(" NESTED")?;
        }
        if a.is_net_byteorder() {
            f.write_str(" NET_BYTEORDER")?;
        }
        if ctx == Context::ExtAck {
            if let Some(name) = ext_ack_name(a.ty()) {
                write!(f, " {name}")?;
            }
        }
        let recurse = a.is_nested() || looks_nested(a.payload());
        if recurse && depth < self.max_depth {
            if !a.is_nested() {
                f.write_str(" (nested by content)")?;
            }
            f.write_char('\n')?;
            return self.attrs(f, a.payload(), a.payload_offset(), level + 1, depth + 1, Context::Plain);
        }
        write!(f, "{}", ValueHint { payload: a.payload(), big_endian: a.is_net_byteorder() })?;
        if recurse {
            write!(f, " (nested deeper than {}: shown as bytes)", self.max_depth)?;
        }
        f.write_char('\n')?;
        hex_rows(f, a.payload(), a.payload_offset(), level + 1)
    }

    fn ack_body(&self, f: &mut fmt::Formatter<'_>, msg: &Message<'_>, level: usize) -> fmt::Result {
        let p = msg.payload;
        let base = msg.payload_offset();
        let protocol = self.protocol_hint();
        let Some(&[e0, e1, e2, e3]) = p.get(..4) else {
            line(f, base, level, format_args!("!! malformed: error code needs 4 bytes, {} left", p.len()))?;
            return hex_rows(f, p, base, level + 1);
        };
        let error = i32::from_ne_bytes([e0, e1, e2, e3]);
        match error.checked_neg().and_then(errno_name) {
            Some(name) => line(f, base, level, format_args!("error {error} ({name})"))?,
            None if error == 0 => line(f, base, level, format_args!("error 0 (success)"))?,
            None => line(f, base, level, format_args!("error {error}"))?,
        }
        let mut tlv_start = 4;
        if msg.ty() == NLMSG_ERROR {
            let Some(req) = p.get(4..).and_then(|r| read_header::<NlMsgHdr>(r, base + 4).ok()) else {
                let rest = p.get(4..).unwrap_or_default();
                line(
                    f,
                    base + 4,
                    level,
                    format_args!("!! malformed: echoed request header needs 16 bytes, {} left", rest.len()),
                )?;
                return hex_rows(f, rest, base + 4, level + 1);
            };
            header_line(f, base + 4, level, "request nlmsghdr", &req, protocol)?;
            tlv_start = 4 + NLMSG_HDRLEN;
            let capped = msg.flags() & NLM_F_CAPPED != 0 || error == 0;
            if !capped {
                let echoed = (req.len as usize).saturating_sub(NLMSG_HDRLEN);
                let body = p.get(tlv_start..).and_then(|r| r.get(..echoed));
                match body {
                    Some(body) if req.len as usize >= NLMSG_HDRLEN => {
                        if !body.is_empty() {
                            line(
                                f,
                                base + tlv_start,
                                level,
                                format_args!("request payload {} bytes", body.len()),
                            )?;
                            self.body(f, req.ty, body, base + tlv_start, level + 1)?;
                        }
                        tlv_start += align4(echoed);
                    }
                    _ => {
                        let rest = p.get(tlv_start..).unwrap_or_default();
                        line(
                            f,
                            base + tlv_start,
                            level,
                            format_args!(
                                "!! malformed: the echoed request claims {} bytes, {} bytes follow its header",
                                req.len,
                                rest.len()
                            ),
                        )?;
                        hex_rows(f, rest, base + tlv_start, level + 1)?;
                        return self.ack_summary(f, msg, level);
                    }
                }
            }
        }
        let rest = p.get(tlv_start..).unwrap_or_default();
        let rest_at = base + tlv_start.min(p.len());
        if msg.flags() & NLM_F_ACK_TLVS != 0 {
            if !rest.is_empty() {
                line(f, rest_at, level, format_args!("extended ack"))?;
                self.attrs(f, rest, rest_at, level + 1, 0, Context::ExtAck)?;
            }
        } else if !rest.is_empty() {
            line(f, rest_at, level, format_args!("{} trailing bytes", rest.len()))?;
            hex_rows(f, rest, rest_at, level + 1)?;
        }
        self.ack_summary(f, msg, level)
    }

    fn ack_summary(&self, f: &mut fmt::Formatter<'_>, msg: &Message<'_>, level: usize) -> fmt::Result {
        match ExtAck::parse(msg) {
            Ok(ack) => {
                let what = if ack.is_warning() { " (warning)" } else { "" };
                writeln!(f, "{:>6}  {}=> {ack}{what}", "", Indent(level))
            }
            Err(e) => writeln!(f, "{:>6}  {}=> !! malformed: {e}", "", Indent(level)),
        }
    }
}

fn route_header(
    f: &mut fmt::Formatter<'_>,
    ty: u16,
    header: &[u8],
    offset: usize,
    level: usize,
) -> fmt::Result {
    match (ty & !3, header.len()) {
        (16, 16) => {
            let h: IfInfoMsg = read_header(header, offset).unwrap_or_default();
            line(
                f,
                offset,
                level,
                format_args!(
                    "ifinfomsg family={} type={} index={} flags={:#x} change={:#x}",
                    h.family, h.ty, h.index, h.flags, h.change
                ),
            )
        }
        (20, 8) => {
            let h: IfAddrMsg = read_header(header, offset).unwrap_or_default();
            line(
                f,
                offset,
                level,
                format_args!(
                    "ifaddrmsg family={} prefixlen={} flags={:#x} scope={} index={}",
                    h.family, h.prefixlen, h.flags, h.scope, h.index
                ),
            )
        }
        (24, 12) => {
            let h: RtMsg = read_header(header, offset).unwrap_or_default();
            line(
                f,
                offset,
                level,
                format_args!(
                    "rtmsg family={} dst_len={} src_len={} tos={} table={} protocol={} scope={} type={} flags={:#x}",
                    h.family, h.dst_len, h.src_len, h.tos, h.table, h.protocol, h.scope, h.ty, h.flags
                ),
            )
        }
        (28, 12) => {
            let h: NdMsg = read_header(header, offset).unwrap_or_default();
            line(
                f,
                offset,
                level,
                format_args!(
                    "ndmsg family={} ifindex={} state={:#x} flags={:#x} type={}",
                    h.family, h.ifindex, h.state, h.flags, h.ty
                ),
            )
        }
        (_, n) => line(f, offset, level, format_args!("family header {n} bytes")),
    }
}

impl fmt::Display for HexDump<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.layout {
            Layout::Messages => self.dump_messages(f),
            Layout::Attributes => self.attrs(f, self.bytes, self.base, 0, 0, Context::Plain),
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate alloc;
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn flags_are_named_by_kind() {
        let s = |ty, flags, protocol| FlagNames { ty, flags, protocol }.to_string();
        assert_eq!(s(18, 0x305, Some(NETLINK_ROUTE)), "0x305 REQUEST|ACK|DUMP");
        assert_eq!(s(20, 0x605, Some(NETLINK_ROUTE)), "0x605 REQUEST|ACK|EXCL|CREATE");
        assert_eq!(s(2, 0x300, None), "0x300 CAPPED|ACK_TLVS");
        assert_eq!(s(16, 0x105, Some(NETLINK_GENERIC)), "0x105 REQUEST|ACK|0x100");
        assert_eq!(s(16, 0, None), "0x0");
    }

    #[test]
    fn small_integers_are_not_mistaken_for_nests() {
        assert!(!looks_nested(&[4, 0, 0, 0]));
        assert!(!looks_nested(b"eth0\0"));
        assert!(looks_nested(&[8, 0, 1, 0, 3, 0, 0, 0]));
    }

    #[test]
    fn header_guess_skips_a_leading_index_that_looks_like_an_empty_attribute() {
        // ifaddrmsg {AF_INET, /8, flags 0x80, scope 254, index 4}, then IFA_ADDRESS.
        let payload = [2, 8, 0x80, 254, 4, 0, 0, 0, 8, 0, 1, 0, 127, 0, 0, 1];
        assert_eq!(guess_header(&payload), Some(8));
        // genlmsghdr {cmd 1, version 2}, then one attribute.
        assert_eq!(guess_header(&[1, 2, 0, 0, 6, 0, 1, 0, 16, 0, 0, 0]), Some(4));
        assert_eq!(guess_header(&[1, 2, 3]), None);
    }

    #[test]
    fn family_header_lengths() {
        assert_eq!(family_header_len(NETLINK_ROUTE, 16), Some(16));
        assert_eq!(family_header_len(NETLINK_ROUTE, 22), Some(8));
        assert_eq!(family_header_len(NETLINK_ROUTE, 26), Some(12));
        assert_eq!(family_header_len(NETLINK_ROUTE, 30), Some(12));
        assert_eq!(family_header_len(NETLINK_GENERIC, 21), Some(4));
        assert_eq!(family_header_len(NETLINK_GENERIC, 2), None);
    }
}

/// Dumps of real kernel captures (`tests/fixtures/corpus`, little-endian x86_64 bytes).
#[cfg(all(test, target_endian = "little"))]
mod captures {
    extern crate alloc;
    use super::*;
    use alloc::string::ToString;

    const ERR_PREFIXLEN: &[u8] =
        include_bytes!("../../tests/fixtures/corpus/err_newaddr_bad_prefixlen/reply-000.bin");
    const NLCTRL_REPLY: &[u8] =
        include_bytes!("../../tests/fixtures/corpus/genl_ctrl_getfamily_nlctrl/reply-000.bin");
    const NLCTRL_ACK: &[u8] =
        include_bytes!("../../tests/fixtures/corpus/genl_ctrl_getfamily_nlctrl/reply-001.bin");
    const LINKINFO: &[u8] = include_bytes!("../../tests/fixtures/corpus/ethtool_linkinfo_dump/reply-000.bin");
    const MISSING_HEADER: &[u8] =
        include_bytes!("../../tests/fixtures/corpus/err_ethtool_linkinfo_missing_header/reply-000.bin");

    #[test]
    fn uncapped_error_with_its_request_and_extended_ack() {
        let expected = [
            "     0  nlmsghdr len=92 type=NLMSG_ERROR(2) flags=0x200 ACK_TLVS seq=25 pid=16390",
            "    16    error -22 (EINVAL)",
            "    20    request nlmsghdr len=40 type=RTM_NEWADDR(20) flags=0x605 REQUEST|ACK|EXCL|CREATE seq=25 pid=0",
            "    36    request payload 24 bytes",
            "    36      ifaddrmsg family=2 prefixlen=40 flags=0x0 scope=0 index=4",
            "    36        02 28 00 00 04 00 00 00                           |.(......|",
            "    44      attr type=2 len=8 u32 151587082",
            "    48        0a 09 09 09                                       |....|",
            "    52      attr type=1 len=8 u32 151587082",
            "    56        0a 09 09 09                                       |....|",
            "    60    extended ack",
            "    60      attr type=1 len=32 MSG \"ipv4: Invalid prefix length\"",
            "    64        69 70 76 34 3a 20 49 6e  76 61 6c 69 64 20 70 72  |ipv4: Invalid pr|",
            "    80        65 66 69 78 20 6c 65 6e  67 74 68 00              |efix length.|",
            "          => EINVAL (errno 22): ipv4: Invalid prefix length",
        ];
        let text = HexDump::new(ERR_PREFIXLEN).protocol(NETLINK_ROUTE).to_string();
        assert_eq!(text.lines().collect::<alloc::vec::Vec<_>>(), expected, "{text}");
    }

    #[test]
    fn genl_reply_with_nests_found_by_content() {
        let text = HexDump::new(NLCTRL_REPLY).protocol(NETLINK_GENERIC).to_string();
        let lines: alloc::vec::Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "     0  nlmsghdr len=136 type=GENL_ID_CTRL(16) flags=0x0 seq=12 pid=16390");
        assert_eq!(lines[1], "    16    genlmsghdr cmd=1 version=2 reserved=0");
        assert!(lines.contains(&"    20    attr type=2 len=11 (+1 pad) \"nlctrl\""), "{text}");
        assert!(lines.contains(&"    32    attr type=1 len=6 (+2 pad) u16 16"), "{text}");
        // CTRL_ATTR_OPS, not flagged NLA_F_NESTED by the kernel, shown nested with its ops.
        assert!(lines.contains(&"    64    attr type=6 len=44 (nested by content)"), "{text}");
        assert!(lines.contains(&"    68      attr type=1 len=20 (nested by content)"), "{text}");
        assert!(lines.contains(&"    72        attr type=1 len=8 u32 3"), "{text}");
        assert!(lines.contains(&"   124        attr type=1 len=11 (+1 pad) \"notify\""), "{text}");
        assert!(!text.contains("!!"), "{text}");
        // Bounded: at depth 1 the ops are bytes.
        let shallow = HexDump::new(NLCTRL_REPLY).protocol(NETLINK_GENERIC).max_depth(1).to_string();
        assert!(
            shallow.contains("    68      attr type=1 len=20 (nested deeper than 1: shown as bytes)"),
            "{shallow}"
        );
    }

    #[test]
    fn capped_ack_and_warning_and_missing_type() {
        let ack = HexDump::new(NLCTRL_ACK).protocol(NETLINK_GENERIC).to_string();
        let expected = [
            "     0  nlmsghdr len=36 type=NLMSG_ERROR(2) flags=0x100 CAPPED seq=12 pid=16390",
            "    16    error 0 (success)",
            "    20    request nlmsghdr len=32 type=GENL_ID_CTRL(16) flags=0x5 REQUEST|ACK seq=12 pid=0",
            "          => success",
        ];
        assert_eq!(ack.lines().collect::<alloc::vec::Vec<_>>(), expected, "{ack}");
        let done = HexDump::new(LINKINFO).protocol(NETLINK_GENERIC).to_string();
        assert!(done.contains(
            "  1760  nlmsghdr len=60 type=NLMSG_DONE(3) flags=0x202 MULTI|ACK_TLVS seq=16 pid=16390"
        ));
        assert!(
            done.contains("  1780      attr type=1 len=37 (+3 pad) MSG \"failed to retrieve link settings\"")
        );
        assert!(
            done.ends_with("          => success: failed to retrieve link settings (warning)\n"),
            "{done}"
        );
        let missing = HexDump::new(MISSING_HEADER).protocol(NETLINK_GENERIC).to_string();
        assert!(missing.contains("    40      attr type=5 len=8 MISS_TYPE u32 1"), "{missing}");
        assert!(missing.ends_with("=> EINVAL (errno 22) (missing attribute type 1)\n"), "{missing}");
    }

    #[test]
    fn truncated_capture_shows_where_it_breaks() {
        // The nlctrl reply cut inside CTRL_ATTR_MCAST_GROUPS: the message length now runs
        // past the end of the datagram.
        let cut = NLCTRL_REPLY.get(..120).unwrap_or_default();
        let text = HexDump::new(cut).protocol(NETLINK_GENERIC).to_string();
        assert!(
            text.starts_with(
                "     0  !! malformed: decoding at byte 0: truncated: needs 136 bytes, 120 left\n"
            ),
            "{text}"
        );
        assert!(text.contains("     0  !! 120 unparsed bytes:"), "{text}");
        // As attributes from the genlmsghdr on, the cut shows at the nest that overruns.
        let attrs = HexDump::attributes(cut.get(20..).unwrap_or_default()).base_offset(20).to_string();
        assert!(
            attrs.contains("   108  !! malformed: decoding attribute type 7 at byte 108: truncated"),
            "{attrs}"
        );
    }
}

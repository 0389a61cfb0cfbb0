//! The `CTRL_CMD_GETFAMILY "test1"` exchange printed in the kernel's netlink introduction
//! (`Documentation/userspace-api/netlink/intro.rst`, "Resolving the Family ID"), both ways:
//! the request encodes to exactly its documented bytes, and the documented reply and ACK
//! layouts, built here field by field, decode to the documented values.
//!
//! Fields are written in host byte order, as netlink headers and plain integer attributes
//! are (KERNEL-FACTS 8).

use nlattr::consts::{
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_HDRSIZE, CTRL_ATTR_MAXATTR, CTRL_ATTR_MCAST_GROUPS,
    CTRL_ATTR_OPS, CTRL_ATTR_VERSION, CTRL_CMD_GETFAMILY, GENL_ID_CTRL, NETLINK_GENERIC, NLMSG_ERROR,
    NLM_F_ACK, NLM_F_CAPPED, NLM_F_REQUEST,
};
use nlattr::dump::HexDump;
use nlattr::header::{GenlMsgHdr, NlMsgHdr};
use nlattr::{messages, AckKind, DecodeError, DecodeErrorKind, EncodeError, ExtAck, Message, Writer};

/// Bytes built field by field, in host order.
#[derive(Default)]
struct Layout(Vec<u8>);

impl Layout {
    fn u8(mut self, v: u8) -> Self {
        self.0.push(v);
        self
    }
    fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }
    fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }
    fn i32(mut self, v: i32) -> Self {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }
    fn bytes(mut self, v: &[u8]) -> Self {
        self.0.extend_from_slice(v);
        self
    }
    fn nlmsghdr(self, len: u32, ty: u16, flags: u16, seq: u32, pid: u32) -> Self {
        self.u32(len).u16(ty).u16(flags).u32(seq).u32(pid)
    }
    fn nlattr(self, len: u16, ty: u16) -> Self {
        self.u16(len).u16(ty)
    }
}

/// The request exactly as the introduction prints it: 32 bytes.
fn documented_request() -> Vec<u8> {
    Layout::default()
        // struct nlmsghdr
        .nlmsghdr(32, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)
        // struct genlmsghdr
        .u8(CTRL_CMD_GETFAMILY)
        .u8(2)
        .u16(0)
        // struct nlattr: nla_len 10, CTRL_ATTR_FAMILY_NAME, "test1\0"
        .nlattr(10, CTRL_ATTR_FAMILY_NAME)
        .bytes(b"test1\0")
        // padding
        .bytes(&[0, 0])
        .0
}

fn encode_request(w: &mut Writer<'_>) -> Result<(), EncodeError> {
    let m = w.begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
    w.put_struct(&GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 })?;
    w.attr(CTRL_ATTR_FAMILY_NAME, "test1")?;
    w.end_message(m)
}

#[test]
fn request_encodes_to_the_documented_32_bytes() {
    let expected = documented_request();
    assert_eq!(expected.len(), 32);

    let mut buf = Vec::new();
    encode_request(&mut Writer::new(&mut buf)).expect("the request encodes");
    assert_eq!(buf, expected, "encoded:\n{}\ndocumented:\n{}", HexDump::new(&buf), HexDump::new(&expected));

    // The attribute: length 10 (header and "test1\0", padding excluded), then two zero bytes.
    assert_eq!(&buf[20..22], &10u16.to_ne_bytes());
    assert_eq!(&buf[30..32], &[0, 0]);

    // The same bytes into a caller's fixed buffer, without allocating.
    let mut fixed = [0xaau8; 32];
    let mut w = Writer::from_slice(&mut fixed);
    encode_request(&mut w).expect("32 bytes fit a 32-byte buffer");
    assert_eq!(w.len(), 32);
    assert_eq!(fixed.as_slice(), expected.as_slice());

    // One byte short: the padding no longer fits.
    let mut short = [0u8; 31];
    assert_eq!(
        encode_request(&mut Writer::from_slice(&mut short)),
        Err(EncodeError::BufferTooSmall { needed: 32, available: 31 })
    );
}

#[test]
fn documented_request_decodes_to_its_fields() {
    let bytes = documented_request();
    let msgs: Vec<Message<'_>> = messages(&bytes).collect::<Result<_, _>>().expect("frames");
    assert_eq!(msgs.len(), 1);
    let m = msgs[0];
    assert_eq!(
        m.header,
        NlMsgHdr { len: 32, ty: GENL_ID_CTRL, flags: NLM_F_REQUEST | NLM_F_ACK, seq: 1, pid: 0 }
    );
    let genl: GenlMsgHdr = nlattr::header::read_header(m.payload, m.payload_offset()).expect("genlmsghdr");
    assert_eq!((genl.cmd, genl.version, genl.reserved), (CTRL_CMD_GETFAMILY, 2, 0));
    let attrs: Vec<_> = m.attrs_after(4).collect::<Result<_, _>>().expect("attributes");
    assert_eq!(attrs.len(), 1);
    assert_eq!((attrs[0].ty(), attrs[0].len(), attrs[0].offset()), (CTRL_ATTR_FAMILY_NAME, 10, 20));
    assert_eq!(attrs[0].get::<&str>(), Ok("test1"));
}

/// Message #1 of the introduction: 136 bytes. The document spells out the header, the
/// genlmsghdr and three attributes, then "... etc, more attributes will follow"; the rest is
/// laid out as the kernel's controller fills it (HDRSIZE, MAXATTR, OPS, MCAST_GROUPS, as in
/// the `genl_ctrl_getfamily_nlctrl` capture, whose name has the same padded length), so the
/// documented `nlmsg_len` of 136 holds.
///
/// `CTRL_ATTR_VERSION` is printed as `nla_len: 9` with a `__u16` value, which cannot both be
/// true; the kernel writes it with `nla_put_u32` (length 8), and that is what is built here.
/// The printed form is checked separately below.
fn documented_reply() -> Vec<u8> {
    Layout::default()
        .nlmsghdr(136, GENL_ID_CTRL, 0, 1, 5831)
        .u8(CTRL_CMD_GETFAMILY)
        .u8(2)
        .u16(0)
        .nlattr(10, CTRL_ATTR_FAMILY_NAME)
        .bytes(b"test1\0")
        .bytes(&[0, 0])
        .nlattr(6, CTRL_ATTR_FAMILY_ID)
        .u16(123)
        .bytes(&[0, 0])
        .nlattr(8, CTRL_ATTR_VERSION)
        .u32(1)
        // ... etc
        .nlattr(8, CTRL_ATTR_HDRSIZE)
        .u32(0)
        .nlattr(8, CTRL_ATTR_MAXATTR)
        .u32(0)
        .nlattr(44, CTRL_ATTR_OPS)
        .nlattr(20, 1)
        .nlattr(8, 1)
        .u32(3)
        .nlattr(8, 2)
        .u32(14)
        .nlattr(20, 2)
        .nlattr(8, 1)
        .u32(10)
        .nlattr(8, 2)
        .u32(12)
        .nlattr(28, CTRL_ATTR_MCAST_GROUPS)
        .nlattr(24, 1)
        .nlattr(8, 2)
        .u32(16)
        .nlattr(11, 1)
        .bytes(b"notify\0")
        .u8(0)
        .0
}

/// Message #2: the ACK, 36 bytes, capped.
fn documented_ack() -> Vec<u8> {
    Layout::default()
        .nlmsghdr(36, NLMSG_ERROR, NLM_F_CAPPED, 1, 5831)
        .i32(0)
        .nlmsghdr(32, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)
        .0
}

#[test]
fn documented_reply_decodes_to_the_documented_values() {
    let bytes = documented_reply();
    assert_eq!(bytes.len(), 136);
    let msgs: Vec<Message<'_>> = messages(&bytes).collect::<Result<_, _>>().expect("frames");
    assert_eq!(msgs.len(), 1, "{}", HexDump::new(&bytes).protocol(NETLINK_GENERIC));
    let m = msgs[0];
    assert_eq!(m.header, NlMsgHdr { len: 136, ty: GENL_ID_CTRL, flags: 0, seq: 1, pid: 5831 });
    let genl: GenlMsgHdr = nlattr::header::read_header(m.payload, m.payload_offset()).expect("genlmsghdr");
    assert_eq!((genl.cmd, genl.version, genl.reserved), (CTRL_CMD_GETFAMILY, 2, 0));

    let (mut name, mut id, mut version, mut ops, mut groups) = (None, None, None, 0, 0);
    for a in m.attrs_after(4) {
        let a = a.expect("attribute");
        match a.ty() {
            CTRL_ATTR_FAMILY_NAME => {
                assert_eq!(a.len(), 10);
                name = Some(a.get::<&str>().expect("name"));
            }
            CTRL_ATTR_FAMILY_ID => {
                assert_eq!(a.len(), 6);
                id = Some(a.get::<u16>().expect("id"));
            }
            CTRL_ATTR_VERSION => version = Some(a.get::<u32>().expect("version")),
            CTRL_ATTR_OPS => {
                for op in a.nested() {
                    for field in op.expect("op").nested() {
                        field.expect("op field").get::<u32>().expect("u32");
                    }
                    ops += 1;
                }
            }
            CTRL_ATTR_MCAST_GROUPS => groups = a.nested().count(),
            _ => {}
        }
    }
    assert_eq!((name, id, version, ops, groups), (Some("test1"), Some(123), Some(1), 2, 1));
}

#[test]
fn documented_version_attribute_with_length_9_is_seen_for_what_it_is() {
    // As printed: nla_len 9, CTRL_ATTR_VERSION, a __u16 1 -- five payload bytes in all.
    let bytes = Layout::default().nlattr(9, CTRL_ATTR_VERSION).u16(1).bytes(&[0, 0, 0]).bytes(&[0, 0, 0]).0;
    let a = nlattr::Attrs::new(&bytes, 40).next().expect("one attribute").expect("frames");
    assert_eq!((a.len(), a.payload().len()), (9, 5));
    assert_eq!(
        a.get::<u32>(),
        Err(DecodeError::at_attr(
            40,
            CTRL_ATTR_VERSION,
            DecodeErrorKind::BadLength { expected: 4, found: 5 }
        ))
    );
    assert_eq!(
        a.get::<u16>(),
        Err(DecodeError::at_attr(
            40,
            CTRL_ATTR_VERSION,
            DecodeErrorKind::BadLength { expected: 2, found: 5 }
        ))
    );
}

#[test]
fn documented_ack_decodes_to_a_capped_success() {
    let bytes = documented_ack();
    assert_eq!(bytes.len(), 36);
    let msgs: Vec<Message<'_>> = messages(&bytes).collect::<Result<_, _>>().expect("frames");
    assert_eq!(msgs.len(), 1);
    let m = msgs[0];
    assert_eq!(m.header, NlMsgHdr { len: 36, ty: NLMSG_ERROR, flags: NLM_F_CAPPED, seq: 1, pid: 5831 });
    let ack = ExtAck::parse(&m).expect("an ACK");
    assert_eq!(ack.kind, AckKind::Error);
    assert_eq!(ack.errno, 0);
    assert!(ack.is_capped() && !ack.is_error() && !ack.is_warning());
    assert_eq!((ack.message, ack.offset, ack.request_payload), (None, None, None));

    // The echoed header is our request's header, byte for byte.
    let mut request = Vec::new();
    encode_request(&mut Writer::new(&mut request)).expect("encodes");
    let sent: NlMsgHdr = nlattr::header::read_header(&request, 0).expect("header");
    assert_eq!(ack.request, Some(sent));
    assert_eq!(&bytes[20..36], &request[..16]);
}

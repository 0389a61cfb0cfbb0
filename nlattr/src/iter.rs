//! Framing: iterators over the messages of a datagram and the attributes of a payload.
//!
//! Both are total over arbitrary bytes: they never panic, never loop (every step consumes at
//! least one header), report errors with absolute byte offsets, and stop after the first
//! error. Attribute types are masked (`NLA_F_NESTED` and `NLA_F_NET_BYTEORDER` removed);
//! the flags stay readable on [`Attr`].

use core::iter::FusedIterator;

use crate::consts::{
    align4, NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_DONE, NLMSG_ERROR,
    NLMSG_HDRLEN, NLMSG_MIN_TYPE, NLM_F_DUMP_INTR, NLM_F_MULTI,
};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::header::{read_header, NlMsgHdr};

/// One netlink message borrowed from a datagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message<'a> {
    /// Its header.
    pub header: NlMsgHdr,
    /// The bytes after the header, up to `nlmsg_len` (family header and attributes).
    pub payload: &'a [u8],
    /// Absolute offset of the header in the buffer the iterator was given.
    pub offset: usize,
}

impl<'a> Message<'a> {
    /// Message type (`nlmsg_type`).
    #[must_use]
    #[inline]
    pub fn ty(&self) -> u16 {
        self.header.ty
    }

    /// `NLM_F_*` flags.
    #[must_use]
    #[inline]
    pub fn flags(&self) -> u16 {
        self.header.flags
    }

    /// Sequence number.
    #[must_use]
    #[inline]
    pub fn seq(&self) -> u32 {
        self.header.seq
    }

    /// Sender's port id (0 for the kernel).
    #[must_use]
    #[inline]
    pub fn pid(&self) -> u32 {
        self.header.pid
    }

    /// Absolute offset of the payload (the byte after the header).
    #[must_use]
    #[inline]
    pub fn payload_offset(&self) -> usize {
        self.offset + NLMSG_HDRLEN
    }

    /// Whether this is `NLMSG_ERROR` (an error or an acknowledgement).
    #[must_use]
    #[inline]
    pub fn is_error(&self) -> bool {
        self.header.ty == NLMSG_ERROR
    }

    /// Whether this is `NLMSG_DONE`, the end of a dump.
    #[must_use]
    #[inline]
    pub fn is_done(&self) -> bool {
        self.header.ty == NLMSG_DONE
    }

    /// Whether this is a control message (type below `NLMSG_MIN_TYPE`).
    #[must_use]
    #[inline]
    pub fn is_control(&self) -> bool {
        self.header.ty < NLMSG_MIN_TYPE
    }

    /// Whether `NLM_F_MULTI` is set.
    #[must_use]
    #[inline]
    pub fn is_multi(&self) -> bool {
        self.header.flags & NLM_F_MULTI != 0
    }

    /// Whether `NLM_F_DUMP_INTR` is set: the dump this belongs to is inconsistent.
    #[must_use]
    #[inline]
    pub fn is_dump_interrupted(&self) -> bool {
        self.header.flags & NLM_F_DUMP_INTR != 0
    }

    /// The attributes after a family header of `header_len` bytes (0 for none, 4 for
    /// generic netlink, 16 for `ifinfomsg`, ...).
    ///
    /// The attributes start at the next multiple of 4 after the header, as the kernel's
    /// `nlmsg_attrdata` has them (`struct rtgenmsg` is 1 byte, followed by 3 of padding).
    /// A payload shorter than `header_len` yields one `Truncated` error; a payload that ends
    /// inside the padding has no attributes.
    #[must_use]
    #[inline]
    pub fn attrs_after(&self, header_len: usize) -> Attrs<'a> {
        let base = self.payload_offset();
        if self.payload.len() < header_len {
            return Attrs::failed(DecodeError::new(
                base,
                DecodeErrorKind::Truncated { needed: header_len, available: self.payload.len() },
            ));
        }
        let start = align4(header_len).min(self.payload.len());
        Attrs::new(self.payload.get(start..).unwrap_or_default(), base + start)
    }
}

/// Iterator over the messages of one datagram; see [`messages`].
#[derive(Clone, Debug)]
pub struct Messages<'a> {
    buf: &'a [u8],
    pos: usize,
    base: usize,
    done: bool,
}

/// Iterates over the messages in `buf`, a datagram as `recv` returned it.
///
/// The last message may have an unaligned length and no padding. A message length below 16
/// or past the end of the buffer, or 1 to 15 stray bytes at the end, give one error and end
/// the iteration.
#[must_use]
#[inline]
pub fn messages(buf: &[u8]) -> Messages<'_> {
    Messages::new(buf, 0)
}

impl<'a> Messages<'a> {
    /// Iterates over `buf`, whose first byte is at absolute offset `base` in the caller's buffer.
    #[must_use]
    #[inline]
    pub fn new(buf: &'a [u8], base: usize) -> Self {
        Self { buf, pos: 0, base, done: false }
    }

    /// Absolute offset of the next message.
    #[must_use]
    #[inline]
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    #[cold]
    #[inline]
    fn fail(&mut self, err: DecodeError) -> Option<Result<Message<'a>, DecodeError>> {
        self.done = true;
        Some(Err(err))
    }
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<Message<'a>, DecodeError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        if rest.is_empty() {
            self.done = true;
            return None;
        }
        let at = self.base + self.pos;
        let header: NlMsgHdr = match read_header(rest, at) {
            Ok(h) => h,
            Err(e) => return self.fail(e),
        };
        let len = header.len as usize;
        if len < NLMSG_HDRLEN {
            return self.fail(DecodeError::new(at, DecodeErrorKind::BadMessageLength { len: header.len }));
        }
        let Some(whole) = rest.get(..len) else {
            return self.fail(DecodeError::new(
                at,
                DecodeErrorKind::Truncated { needed: len, available: rest.len() },
            ));
        };
        self.pos += align4(len).min(rest.len());
        Some(Ok(Message { header, payload: &whole[NLMSG_HDRLEN..], offset: at }))
    }
}

impl FusedIterator for Messages<'_> {}

/// One attribute borrowed from a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr<'a> {
    raw_type: u16,
    payload: &'a [u8],
    offset: usize,
}

impl<'a> Attr<'a> {
    /// Type with the flag bits removed.
    #[must_use]
    #[inline]
    pub fn ty(&self) -> u16 {
        self.raw_type & NLA_TYPE_MASK
    }

    /// The type word as sent, flag bits included.
    #[must_use]
    #[inline]
    pub fn raw_type(&self) -> u16 {
        self.raw_type
    }

    /// Whether `NLA_F_NESTED` is set (informative only: many kernel emitters omit it).
    #[must_use]
    #[inline]
    pub fn is_nested(&self) -> bool {
        self.raw_type & NLA_F_NESTED != 0
    }

    /// Whether `NLA_F_NET_BYTEORDER` is set.
    #[must_use]
    #[inline]
    pub fn is_net_byteorder(&self) -> bool {
        self.raw_type & NLA_F_NET_BYTEORDER != 0
    }

    /// The payload, without header and padding.
    #[must_use]
    #[inline]
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }

    /// Absolute offset of the attribute's header.
    #[must_use]
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Absolute offset of the payload.
    #[must_use]
    #[inline]
    pub fn payload_offset(&self) -> usize {
        self.offset + NLA_HDRLEN
    }

    /// `nla_len`: header plus payload.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        self.payload.len() + NLA_HDRLEN
    }

    /// Whether the payload is empty (a flag, or a pad attribute).
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.payload.is_empty()
    }

    /// The attributes nested in this one's payload.
    #[must_use]
    #[inline]
    pub fn nested(&self) -> Attrs<'a> {
        Attrs::new(self.payload, self.payload_offset())
    }

    /// Builds an attribute by hand (for tests and for re-emitting kept attributes).
    #[must_use]
    #[inline]
    pub fn from_parts(raw_type: u16, payload: &'a [u8], offset: usize) -> Self {
        Self { raw_type, payload, offset }
    }
}

/// Iterator over a stream of attributes; see [`Attrs::new`].
#[derive(Clone, Debug)]
pub struct Attrs<'a> {
    buf: &'a [u8],
    pos: usize,
    base: usize,
    pending: Option<DecodeError>,
    done: bool,
}

impl<'a> Attrs<'a> {
    /// Iterates over the attributes in `buf`, whose first byte is at absolute offset `base`.
    ///
    /// An attribute length below 4 or past the end, or 1 to 3 stray bytes at the end, give
    /// one error and end the iteration. The last attribute may lack its padding.
    #[must_use]
    #[inline]
    pub fn new(buf: &'a [u8], base: usize) -> Self {
        Self { buf, pos: 0, base, pending: None, done: false }
    }

    /// An iterator that yields `err` once.
    #[must_use]
    #[inline]
    pub fn failed(err: DecodeError) -> Self {
        Self { buf: &[], pos: 0, base: err.offset, pending: Some(err), done: false }
    }

    /// Absolute offset of the next attribute.
    #[must_use]
    #[inline]
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    /// The bytes not yet iterated.
    #[must_use]
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    #[cold]
    #[inline]
    fn fail(&mut self, err: DecodeError) -> Option<Result<Attr<'a>, DecodeError>> {
        self.done = true;
        Some(Err(err))
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Result<Attr<'a>, DecodeError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Some(err) = self.pending.take() {
            return self.fail(err);
        }
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        if rest.is_empty() {
            self.done = true;
            return None;
        }
        let at = self.base + self.pos;
        let (Some(&l0), Some(&l1), Some(&t0), Some(&t1)) =
            (rest.first(), rest.get(1), rest.get(2), rest.get(3))
        else {
            return self.fail(DecodeError::new(
                at,
                DecodeErrorKind::Truncated { needed: NLA_HDRLEN, available: rest.len() },
            ));
        };
        let len16 = u16::from_ne_bytes([l0, l1]);
        let raw_type = u16::from_ne_bytes([t0, t1]);
        let len = usize::from(len16);
        if len < NLA_HDRLEN {
            return self.fail(DecodeError::at_attr(
                at,
                raw_type & NLA_TYPE_MASK,
                DecodeErrorKind::BadAttributeLength { len: len16 },
            ));
        }
        let Some(whole) = rest.get(..len) else {
            return self.fail(DecodeError::at_attr(
                at,
                raw_type & NLA_TYPE_MASK,
                DecodeErrorKind::Truncated { needed: len, available: rest.len() },
            ));
        };
        self.pos += align4(len).min(rest.len());
        Some(Ok(Attr { raw_type, payload: &whole[NLA_HDRLEN..], offset: at }))
    }
}

impl FusedIterator for Attrs<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[inline]
    fn hdr(len: u32, ty: u16) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&len.to_ne_bytes());
        b[4..6].copy_from_slice(&ty.to_ne_bytes());
        b
    }

    #[test]
    #[inline]
    fn zero_length_message_is_an_error_not_a_loop() {
        let buf = hdr(0, 16);
        let mut it = messages(&buf);
        assert_eq!(
            it.next().map(|r| r.map_err(|e| e.kind)),
            Some(Err(DecodeErrorKind::BadMessageLength { len: 0 }))
        );
        assert!(it.next().is_none());
    }

    #[test]
    #[inline]
    fn unaligned_last_message_is_accepted() {
        let mut buf = [0u8; 37];
        buf[..16].copy_from_slice(&hdr(18, 16));
        buf[20..36].copy_from_slice(&hdr(17, 17));
        let tys: Result<([u16; 2], usize), DecodeError> = (|| {
            let mut it = messages(&buf[..37]);
            let a = it.next().ok_or(DecodeError::new(0, DecodeErrorKind::Missing))??;
            let b = it.next().ok_or(DecodeError::new(0, DecodeErrorKind::Missing))??;
            assert!(it.next().is_none());
            Ok(([a.ty(), b.ty()], b.payload.len()))
        })();
        assert_eq!(tys, Ok(([16, 17], 1)));
    }

    #[test]
    #[inline]
    fn attribute_length_past_end_names_type_and_offset() {
        let buf = [8u8, 0, 0x05, 0x80, 1, 2];
        let mut it = Attrs::new(&buf, 100);
        let err = it.next().and_then(Result::err);
        assert_eq!(
            err,
            Some(DecodeError::at_attr(100, 5, DecodeErrorKind::Truncated { needed: 8, available: 6 }))
        );
        assert!(it.next().is_none());
    }

    #[test]
    #[inline]
    fn flags_are_masked_but_visible() {
        let buf = [4u8, 0, 0x07, 0xc0];
        let a = Attrs::new(&buf, 0).next().and_then(Result::ok);
        assert_eq!(a.map(|a| (a.ty(), a.is_nested(), a.is_net_byteorder())), Some((7, true, true)));
    }
}

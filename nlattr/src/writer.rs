//! The writer: messages, family headers and attributes into a `Vec` or a caller's slice.
//!
//! Lengths are written as placeholders and patched when a nest or message closes, so one
//! pass suffices. Padding is always zero. A length that does not fit `nla_len` (`u16`) or
//! `nlmsg_len` (`u32`) is an [`EncodeError`], never a wrap. Writing into a fixed slice
//! never allocates; running out of room is [`EncodeError::BufferTooSmall`], and an
//! attribute that failed is removed whole, so what was written before it stays valid.

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

use zerocopy::{Immutable, IntoBytes};

use crate::codec::Encode;
use crate::consts::{align4, NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK, NLMSG_HDRLEN};
use crate::error::EncodeError;
use crate::header::NlMsgHdr;

/// Spare bytes a `Vec` needs for [`AttrSet::encode_message`](crate::AttrSet::encode_message)
/// to write a message without measuring it first; a message measured first reserves at
/// least this much. Most requests are far shorter.
pub const MESSAGE_HEADROOM: usize = 512;

enum Out<'b> {
    #[cfg(feature = "alloc")]
    Vec {
        vec: &'b mut Vec<u8>,
        start: usize,
    },
    Slice {
        buf: &'b mut [u8],
        len: usize,
    },
}

/// Appends netlink bytes to a `Vec<u8>` or fills a fixed `&mut [u8]`.
///
/// Positions ([`len`](Self::len), nest and message marks) count from where this writer
/// started, so several messages can be appended to one `Vec`.
pub struct Writer<'b> {
    out: Out<'b>,
}

/// An open nest, returned by [`Writer::begin_nest`] and closed by [`Writer::end_nest`].
#[derive(Debug)]
#[must_use = "a nest must be closed with `Writer::end_nest`"]
pub struct Nest {
    start: usize,
    ty: u16,
}

/// An open message, returned by [`Writer::begin_message`] and closed by
/// [`Writer::end_message`].
#[derive(Debug)]
#[must_use = "a message must be closed with `Writer::end_message`"]
pub struct MessageMark {
    start: usize,
    /// The `nlmsg_len` written by the opening (0: a placeholder).
    len: u32,
}

impl<'b> Writer<'b> {
    /// A writer appending to `vec`.
    #[cfg(feature = "alloc")]
    #[must_use]
    pub fn new(vec: &'b mut Vec<u8>) -> Self {
        let start = vec.len();
        Self { out: Out::Vec { vec, start } }
    }

    /// A writer filling `buf` from its start, never allocating.
    #[must_use]
    pub fn from_slice(buf: &'b mut [u8]) -> Self {
        Self { out: Out::Slice { buf, len: 0 } }
    }

    /// Bytes written so far.
    #[must_use]
    #[inline]
    pub fn len(&self) -> usize {
        match &self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start } => vec.len() - *start,
            Out::Slice { len, .. } => *len,
        }
    }

    /// Whether nothing was written yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes written so far.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start } => &vec[*start..],
            Out::Slice { buf, len } => &buf[..*len],
        }
    }

    /// Bytes that can still be appended without failing.
    #[inline]
    fn room(&self) -> usize {
        match &self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { .. } => usize::MAX,
            Out::Slice { buf, len } => buf.len() - *len,
        }
    }

    /// Whether the position is a multiple of 4 from the writer's start. For a `Vec`, tested as
    /// the `Vec`'s length and the start both being multiples of 4: sufficient, and one
    /// instruction shorter than their difference; a writer started elsewhere in a `Vec` takes
    /// the general paths.
    #[inline(always)]
    fn aligned(&self) -> bool {
        match &self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start } => (vec.len() | *start) % 4 == 0,
            Out::Slice { len, .. } => *len % 4 == 0,
        }
    }

    /// Whether a whole message can be written without measuring it first: into a fixed
    /// buffer (nothing to reserve; running out of room is an error either way), or into a
    /// `Vec` with at least [`MESSAGE_HEADROOM`] spare bytes (a larger message grows it as
    /// it goes).
    #[inline]
    pub(crate) fn roomy(&self) -> bool {
        match &self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, .. } => vec.capacity() - vec.len() >= MESSAGE_HEADROOM,
            Out::Slice { .. } => true,
        }
    }

    /// Reserves room for a message of `len` bytes (padding before it included), and at
    /// least [`MESSAGE_HEADROOM`], so that the next message into the same reused `Vec`
    /// needs no measuring.
    #[inline]
    pub(crate) fn reserve_message(&mut self, len: usize) {
        let pad = align4(self.len()) - self.len();
        self.reserve(len.saturating_add(pad).max(MESSAGE_HEADROOM));
    }

    /// Reserves room for `additional` more bytes (a no-op for slices).
    pub fn reserve(&mut self, additional: usize) {
        match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, .. } => vec.reserve(additional),
            // A fixed slice cannot grow; the hint has nothing to do.
            Out::Slice { .. } => {
                let _ = additional;
            }
        }
    }

    /// Appends `bytes`.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    #[inline]
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, .. } => {
                append_borrowed(vec, bytes);
                Ok(())
            }
            Out::Slice { buf, len } => {
                let end = *len + bytes.len();
                match buf.get_mut(*len..end) {
                    Some(dst) => {
                        dst.copy_from_slice(bytes);
                        *len = end;
                        Ok(())
                    }
                    None => Err(EncodeError::BufferTooSmall { needed: end, available: buf.len() }),
                }
            }
        }
    }

    /// Appends `n` zero bytes.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    #[inline]
    pub fn put_zeros(&mut self, n: usize) -> Result<(), EncodeError> {
        match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, .. } => {
                vec.resize(vec.len() + n, 0);
                Ok(())
            }
            Out::Slice { buf, len } => {
                let end = *len + n;
                match buf.get_mut(*len..end) {
                    Some(dst) => {
                        dst.fill(0);
                        *len = end;
                        Ok(())
                    }
                    None => Err(EncodeError::BufferTooSmall { needed: end, available: buf.len() }),
                }
            }
        }
    }

    /// Appends the bytes of a fixed header or struct.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    pub fn put_struct<T: IntoBytes + Immutable + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.put(value.as_bytes())
    }

    /// Pads with zeros to the next multiple of 4.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    #[inline]
    pub fn align(&mut self) -> Result<(), EncodeError> {
        let len = self.len();
        let pad = align4(len) - len;
        // Most payloads are whole words already: skip the (empty) resize.
        if pad == 0 {
            return Ok(());
        }
        self.put_zeros(pad)
    }

    #[inline]
    fn patch(&mut self, at: usize, bytes: &[u8]) {
        let dst = match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start } => vec.get_mut(*start + at..*start + at + bytes.len()),
            Out::Slice { buf, len } => buf.get_mut(..*len).and_then(|b| b.get_mut(at..at + bytes.len())),
        };
        if let Some(dst) = dst {
            dst.copy_from_slice(bytes);
        }
    }

    /// Removes everything written after position `len` (used to undo a failed write).
    pub fn truncate(&mut self, len: usize) {
        match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start } => vec.truncate(*start + len),
            Out::Slice { len: l, .. } => *l = (*l).min(len),
        }
    }

    /// Opens a message: writes an `nlmsghdr` whose length is patched by
    /// [`end_message`](Self::end_message).
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    pub fn begin_message(
        &mut self,
        ty: u16,
        flags: u16,
        seq: u32,
        pid: u32,
    ) -> Result<MessageMark, EncodeError> {
        self.begin_message_sized(ty, flags, seq, pid, 0)
    }

    /// [`begin_message`](Self::begin_message) with `nlmsg_len` written as `len` at once
    /// (the length measured beforehand); [`end_message`](Self::end_message) patches it only
    /// if the message comes out another length.
    #[inline]
    pub(crate) fn begin_message_sized(
        &mut self,
        ty: u16,
        flags: u16,
        seq: u32,
        pid: u32,
        len: u32,
    ) -> Result<MessageMark, EncodeError> {
        let hdr = NlMsgHdr { len, ty, flags, seq, pid };
        // At a 4-byte boundary, with room (the common case): one copy.
        match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start: s } => {
                let start = vec.len() - *s;
                if start % 4 == 0 {
                    append(vec, hdr.as_bytes());
                    return Ok(MessageMark { start, len });
                }
            }
            Out::Slice { buf, len: at } => {
                let start = *at;
                if start % 4 == 0 {
                    if let Some(dst) = buf.get_mut(start..start + NLMSG_HDRLEN) {
                        dst.copy_from_slice(hdr.as_bytes());
                        *at = start + NLMSG_HDRLEN;
                        return Ok(MessageMark { start, len });
                    }
                }
            }
        }
        self.begin_message_general(&hdr)
    }

    /// [`begin_message_sized`](Self::begin_message_sized) anywhere: padding first, nothing
    /// left behind on failure.
    #[inline(never)]
    fn begin_message_general(&mut self, hdr: &NlMsgHdr) -> Result<MessageMark, EncodeError> {
        let before = self.len();
        self.align()?;
        let start = self.len();
        if let Err(e) = self.put_struct(hdr) {
            self.truncate(before);
            return Err(e);
        }
        Ok(MessageMark { start, len: hdr.len })
    }

    /// Closes a message: patches `nlmsg_len` (trailing padding excluded, as the kernel does).
    ///
    /// # Errors
    /// [`EncodeError::MessageTooLong`] when the message does not fit a `u32` length.
    #[inline]
    pub fn end_message(&mut self, mark: MessageMark) -> Result<(), EncodeError> {
        let len = self.len().checked_sub(mark.start).ok_or(EncodeError::Unbalanced)?;
        let len32 = u32::try_from(len).map_err(|_| EncodeError::MessageTooLong { len })?;
        if len32 != mark.len {
            self.patch(mark.start, &len32.to_ne_bytes());
        }
        Ok(())
    }

    /// Opens a nest of type `ty`; `NLA_F_NESTED` is set. Close it with
    /// [`end_nest`](Self::end_nest).
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    pub fn begin_nest(&mut self, ty: u16) -> Result<Nest, EncodeError> {
        self.begin_attr(ty | NLA_F_NESTED)
    }

    /// Opens an attribute whose type word (flags included) is `raw_type`, for writing its
    /// payload piece by piece. Close it with [`end_nest`](Self::end_nest).
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room.
    #[inline]
    pub fn begin_attr(&mut self, raw_type: u16) -> Result<Nest, EncodeError> {
        let start = self.len();
        let [t0, t1] = raw_type.to_ne_bytes();
        self.put(&[0, 0, t0, t1])?;
        Ok(Nest { start, ty: raw_type })
    }

    /// Closes a nest or attribute: patches `nla_len` and pads to 4 bytes.
    ///
    /// # Errors
    /// [`EncodeError::AttributeTooLong`] when the attribute exceeds 65,535 bytes, or
    /// [`EncodeError::BufferTooSmall`] when a fixed buffer has no room for the padding; in
    /// both cases the attribute is removed.
    #[inline]
    pub fn end_nest(&mut self, nest: Nest) -> Result<(), EncodeError> {
        let len = self.len().checked_sub(nest.start).ok_or(EncodeError::Unbalanced)?;
        let Ok(len16) = u16::try_from(len) else {
            self.truncate(nest.start);
            return Err(EncodeError::AttributeTooLong { attr_type: nest.ty & NLA_TYPE_MASK, len });
        };
        self.patch(nest.start, &len16.to_ne_bytes());
        self.align().inspect_err(|_| self.truncate(nest.start))
    }

    /// Writes an attribute of type `ty` whose payload is `value`'s encoding; `NLA_F_NESTED`
    /// is added when the value is an attribute set.
    ///
    /// # Errors
    /// [`EncodeError::AttributeTooLong`], [`EncodeError::BufferTooSmall`], or the value's own
    /// error.
    #[inline]
    pub fn attr<T: Encode + ?Sized>(&mut self, ty: u16, value: &T) -> Result<(), EncodeError> {
        self.attr_raw(ty | T::FLAGS, value)
    }

    /// Writes an attribute with the exact type word `raw_type` (flags as given).
    ///
    /// # Errors
    /// As [`attr`](Self::attr).
    #[inline]
    pub fn attr_raw<T: Encode + ?Sized>(&mut self, raw_type: u16, value: &T) -> Result<(), EncodeError> {
        value.encode_as_attr(raw_type, self)
    }

    /// [`attr_raw`](Self::attr_raw) through `value`'s [`Encode::encode`]: the provided
    /// [`Encode::encode_as_attr`]. Nests (`NLA_F_NESTED` in `T::FLAGS`) are written in
    /// line, their length patched afterwards; leaves through [`Self::attr_measured`].
    #[inline]
    pub(crate) fn attr_general<T: Encode + ?Sized>(
        &mut self,
        raw_type: u16,
        value: &T,
    ) -> Result<(), EncodeError> {
        if T::FLAGS & NLA_F_NESTED == 0 {
            return self.attr_measured(raw_type, value);
        }
        let start = self.len();
        let [t0, t1] = raw_type.to_ne_bytes();
        self.put(&[0, 0, t0, t1])?;
        if let Err(e) = value.encode(self) {
            self.truncate(start);
            return Err(e);
        }
        self.close_nest(start, raw_type)
    }

    /// A leaf value knows its length cheaply: its final header is written at once instead
    /// of being patched afterwards (unless `encode` writes another length).
    fn attr_measured<T: Encode + ?Sized>(&mut self, raw_type: u16, value: &T) -> Result<(), EncodeError> {
        let len = NLA_HDRLEN + value.encoded_len();
        let Ok(len16) = u16::try_from(len) else {
            return Err(EncodeError::AttributeTooLong { attr_type: raw_type & NLA_TYPE_MASK, len });
        };
        let start = self.len();
        let [l0, l1] = len16.to_ne_bytes();
        let [t0, t1] = raw_type.to_ne_bytes();
        self.put(&[l0, l1, t0, t1])?;
        if let Err(e) = value.encode(self) {
            self.truncate(start);
            return Err(e);
        }
        if self.len() - start == len {
            return self.align().inspect_err(|_| self.truncate(start));
        }
        // `encode` wrote another length than `encoded_len` said: fix the header up.
        self.end_nest(Nest { start, ty: raw_type })
    }

    /// [`end_nest`](Self::end_nest) for the attribute opened at `start`: the common case
    /// (it fits `nla_len` and ends on a 4-byte boundary) patches the length in line; the
    /// others take `end_nest`.
    #[inline]
    fn close_nest(&mut self, start: usize, raw_type: u16) -> Result<(), EncodeError> {
        // The attribute's bytes, from its header to the end, when the end is aligned.
        let aligned = self.aligned();
        let attr = match &mut self.out {
            _ if !aligned => None,
            #[cfg(feature = "alloc")]
            Out::Vec { vec, start: s } => vec.get_mut(*s + start..),
            Out::Slice { buf, len } => buf.get_mut(start..*len),
        };
        if let Some(attr) = attr {
            if let (Ok(len16), Some(dst)) = (u16::try_from(attr.len()), attr.first_chunk_mut::<2>()) {
                *dst = len16.to_ne_bytes();
                return Ok(());
            }
        }
        self.end_nest(Nest { start, ty: raw_type })
    }

    /// A leaf attribute whose payload is the `N` bytes `payload` (`value` encoded), header
    /// and padding assembled on the stack and appended with one copy. At an unaligned
    /// position, or into a fixed buffer without room, it takes the general path, whose
    /// padding and errors stay the reference.
    #[inline(always)]
    pub(crate) fn leaf_attr<const N: usize, T: Encode + ?Sized>(
        &mut self,
        raw_type: u16,
        payload: [u8; N],
        value: &T,
    ) -> Result<(), EncodeError> {
        if self.try_leaf(raw_type, payload) {
            Ok(())
        } else {
            self.attr_slow(raw_type, value)
        }
    }

    /// The fast half of [`leaf_attr`](Self::leaf_attr): whether it wrote the attribute.
    #[inline(always)]
    pub(crate) fn try_leaf<const N: usize>(&mut self, raw_type: u16, payload: [u8; N]) -> bool {
        const MAX: usize = 20;
        let whole = align4(NLA_HDRLEN + N);
        let mut bytes = [0u8; MAX];
        let (Some((head, body)), Ok(len16)) =
            (bytes.split_first_chunk_mut::<NLA_HDRLEN>(), u16::try_from(NLA_HDRLEN + N))
        else {
            return false;
        };
        let Some(dst) = body.get_mut(..N) else {
            return false;
        };
        let [l0, l1] = len16.to_ne_bytes();
        let [t0, t1] = raw_type.to_ne_bytes();
        *head = [l0, l1, t0, t1];
        dst.copy_from_slice(&payload);
        let Some(all) = bytes.get(..whole) else {
            return false;
        };
        if !self.aligned() {
            return false;
        }
        match &mut self.out {
            #[cfg(feature = "alloc")]
            Out::Vec { vec, .. } => {
                append(vec, all);
                true
            }
            Out::Slice { buf, len } => match buf.get_mut(*len..*len + whole) {
                Some(d) => {
                    d.copy_from_slice(all);
                    *len += whole;
                    true
                }
                None => false,
            },
        }
    }

    /// The general path of the leaf shortcuts, kept out of their callers' code.
    #[cold]
    #[inline(never)]
    pub(crate) fn attr_slow<T: Encode + ?Sized>(
        &mut self,
        raw_type: u16,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.attr_general(raw_type, value)
    }

    /// A leaf attribute whose payload is `payload`, followed by a NUL when `nul` (strings):
    /// header, payload, NUL and padding appended after one reservation. A NUL inside a
    /// string is refused as [`Encode::encode`] refuses it. Too long for `nla_len`, at an
    /// unaligned position or into a fixed buffer without room, it takes the general path
    /// through `value`, whose padding and errors stay the reference.
    #[inline(always)]
    pub(crate) fn payload_attr<T: Encode + ?Sized>(
        &mut self,
        raw_type: u16,
        payload: &[u8],
        nul: bool,
        value: &T,
    ) -> Result<(), EncodeError> {
        let len = NLA_HDRLEN + payload.len() + usize::from(nul);
        let whole = align4(len);
        if let (Ok(len16), true) = (u16::try_from(len), self.aligned() && self.room() >= whole) {
            let [l0, l1] = len16.to_ne_bytes();
            let [t0, t1] = raw_type.to_ne_bytes();
            let head = [l0, l1, t0, t1];
            match &mut self.out {
                #[cfg(feature = "alloc")]
                Out::Vec { vec, .. } => {
                    if nul && contains_nul(payload) {
                        return Err(interior_nul(payload));
                    }
                    let end = vec.len() + whole;
                    vec.reserve(whole);
                    vec.extend_from_slice(&head);
                    vec.extend_from_slice(payload);
                    // The NUL and the padding: four zeros (a fixed-size copy) cut back to
                    // `whole` where there is room for them, so an exact reservation (as
                    // `to_message_vec` makes) is never exceeded.
                    if vec.capacity() - vec.len() >= 4 {
                        vec.extend_from_slice(&[0; 4]);
                        vec.truncate(end);
                    } else {
                        vec.resize(end, 0);
                    }
                    return Ok(());
                }
                Out::Slice { buf, len: at } => {
                    if nul && contains_nul(payload) {
                        return Err(interior_nul(payload));
                    }
                    if let Some(dst) = buf.get_mut(*at..*at + whole) {
                        let (h, rest) = dst.split_at_mut(NLA_HDRLEN);
                        let (p, t) = rest.split_at_mut(payload.len());
                        h.copy_from_slice(&head);
                        p.copy_from_slice(payload);
                        t.fill(0);
                        *at += whole;
                        return Ok(());
                    }
                }
            }
        }
        self.attr_slow(raw_type, value)
    }

    /// Writes an attribute whose payload is `payload`.
    ///
    /// # Errors
    /// [`EncodeError::AttributeTooLong`] or [`EncodeError::BufferTooSmall`].
    #[inline]
    pub fn attr_bytes(&mut self, raw_type: u16, payload: &[u8]) -> Result<(), EncodeError> {
        let len = NLA_HDRLEN + payload.len();
        let Ok(len16) = u16::try_from(len) else {
            return Err(EncodeError::AttributeTooLong { attr_type: raw_type & NLA_TYPE_MASK, len });
        };
        let start = self.len();
        let [l0, l1] = len16.to_ne_bytes();
        let [t0, t1] = raw_type.to_ne_bytes();
        let written =
            self.put(&[l0, l1, t0, t1]).and_then(|()| self.put(payload)).and_then(|()| self.align());
        written.inspect_err(|_| self.truncate(start))
    }

    /// Writes a zero-length flag attribute.
    ///
    /// # Errors
    /// [`EncodeError::BufferTooSmall`].
    pub fn flag(&mut self, ty: u16) -> Result<(), EncodeError> {
        self.attr_bytes(ty, &[])
    }
}

/// Appends `bytes` to `vec`. Short runs (headers, leaf attributes) are copied element by
/// element, the length counted in a register and stored once at the end: `extend_from_slice`
/// adds to the length in memory after its copy, and the next append must wait to read it
/// back. Longer runs take `extend_from_slice`.
#[cfg(feature = "alloc")]
#[inline(always)]
fn append(vec: &mut Vec<u8>, bytes: &[u8]) {
    const SHORT: usize = 20;
    if bytes.len() <= SHORT {
        vec.extend(bytes.iter().copied());
    } else {
        vec.extend_from_slice(bytes);
    }
}

/// [`append`] for bytes that may sit anywhere in memory (a caller's header): a short run
/// is first read whole into a local array, so that it is not read byte by byte between
/// stores that might overwrite it.
#[cfg(feature = "alloc")]
#[inline(always)]
fn append_borrowed(vec: &mut Vec<u8>, bytes: &[u8]) {
    let mut local = [0u8; 16];
    match local.get_mut(..bytes.len()) {
        Some(short) => {
            short.copy_from_slice(bytes);
            append(vec, short);
        }
        None => append(vec, bytes),
    }
}

/// Whether `bytes` holds a zero byte: runs of 4 to 16 bytes (the usual names) by two
/// overlapping word-wide tests read straight from the bytes, no branch per byte; others by
/// search.
#[inline(always)]
pub(crate) fn contains_nul(bytes: &[u8]) -> bool {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte of the result is clear exactly where the byte of `w` is 0.
    let nonzero = |w: u64| ((w & LOW7).wrapping_add(LOW7)) | w | LOW7;
    let n = bytes.len();
    if (8..=16).contains(&n) {
        if let (Some(a), Some(b)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            return nonzero(u64::from_ne_bytes(*a)) & nonzero(u64::from_ne_bytes(*b)) != u64::MAX;
        }
    }
    if (4..8).contains(&n) {
        if let (Some(a), Some(b)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            let w = u64::from(u32::from_ne_bytes(*a)) << 32 | u64::from(u32::from_ne_bytes(*b));
            return nonzero(w) != u64::MAX;
        }
    }
    bytes.contains(&0)
}

/// The error for a string holding a NUL (kept out of line: the check is on the fast path).
#[cold]
#[inline(never)]
fn interior_nul(bytes: &[u8]) -> EncodeError {
    let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
    EncodeError::invalid(0, crate::error::DecodeErrorKind::InteriorNul { at })
}

/// Total size of an attribute with a payload of `payload_len` bytes, padding included
/// (`nla_total_size`).
#[must_use]
#[inline]
pub const fn attr_size(payload_len: usize) -> usize {
    align4(NLA_HDRLEN + payload_len)
}

/// Size of a message whose payload is `payload_len` bytes, header included, padding
/// excluded.
#[must_use]
pub const fn message_size(payload_len: usize) -> usize {
    NLMSG_HDRLEN + payload_len
}

/// Runs with and without `alloc`: `.ci/run` also runs the unit tests with
/// `--no-default-features`, so this proves the writer, the iterators and the codecs need no
/// allocator.
#[cfg(test)]
mod no_alloc_smoke {
    use super::Writer;
    use crate::consts::{CTRL_ATTR_FAMILY_NAME, GENL_ID_CTRL, NLM_F_ACK, NLM_F_REQUEST};
    use crate::extack::ExtAck;
    use crate::header::GenlMsgHdr;
    use crate::iter::messages;

    #[test]
    fn write_and_read_into_a_fixed_buffer() {
        let mut buf = [0xffu8; 40];
        let mut w = Writer::from_slice(&mut buf);
        let m = w.begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0).expect("header");
        w.put_struct(&GenlMsgHdr { cmd: 3, version: 2, reserved: 0 }).expect("genlmsghdr");
        w.attr(CTRL_ATTR_FAMILY_NAME, "test1").expect("name");
        w.end_message(m).expect("end");
        let len = w.len();
        assert_eq!(len, 32);
        assert_eq!(&buf[28..32], &[b'1', 0, 0, 0]);
        let msg = messages(&buf[..len]).next().expect("one").expect("frames");
        let name = msg.attrs_after(4).next().expect("one attribute").and_then(|a| a.get::<&str>());
        assert_eq!(name, Ok("test1"));
        assert!(ExtAck::parse(&msg).is_err());
    }
}

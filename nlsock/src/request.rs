//! The request lifecycle over a [`Transport`]: `do` ([`Socket::request`]), dumps in four
//! forms ([`Socket::dump`], [`Socket::dump_with`], [`Socket::dump_batches`],
//! [`Socket::dump_map`]), and the checks every received message goes through.

use std::collections::HashMap;
use std::io;
use std::ops::Range;

use nlattr::consts::{
    NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLMSG_MIN_TYPE, NLMSG_NOOP, NLMSG_OVERRUN, NLM_F_ACK, NLM_F_DUMP,
    NLM_F_DUMP_INTR, NLM_F_REQUEST,
};
use nlattr::header::NlMsgHdr;
use nlattr::iter::Messages;
use nlattr::policy::Policy;
use nlattr::{AttrSet, Decode, DecodeError, DecodeErrorKind, EncodeError, ExtAck, Message, Writer};

use crate::error::{Error, KernelError};
use crate::genl::Family;
use crate::socket::RawSocket;
use crate::transport::Transport;

/// The smallest receive buffer: the kernel sizes dump datagrams from what the reader
/// offers, up to about 32 KiB.
pub const MIN_RECV_BUFFER: usize = 32 * 1024;

/// What a request carries after its `nlmsghdr`: the family header and the attributes.
///
/// Implemented for every attribute set (a type deriving `NlAttrs`: its checks run before
/// anything is sent, and its policy table names the fields the kernel complains about),
/// and for [`Raw`] bytes with an optional policy.
pub trait Payload {
    /// Writes the family header and the attributes.
    ///
    /// # Errors
    /// Whatever encoding the value fails with.
    fn write_payload(&self, w: &mut Writer<'_>) -> Result<(), EncodeError>;

    /// The policy table used to name the fields the kernel complains about.
    fn policy(&self) -> Option<&'static Policy> {
        None
    }
}

impl<T: AttrSet> Payload for T {
    fn write_payload(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        self.check()?;
        self.encode(w)
    }

    fn policy(&self) -> Option<&'static Policy> {
        Some(T::POLICY)
    }
}

/// A payload given as bytes (family header and attributes, already encoded), with the
/// policy table that describes them, if any.
#[derive(Clone, Copy, Debug)]
pub struct Raw<'a> {
    /// The bytes after the `nlmsghdr`.
    pub bytes: &'a [u8],
    /// Their policy table.
    pub policy: Option<&'static Policy>,
}

impl<'a> Raw<'a> {
    /// Bytes without a policy: kernel errors then carry offsets and types, not field paths.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, policy: None }
    }

    /// Bytes described by `policy` (whose `header_len` is the family header's size).
    #[must_use]
    pub fn with_policy(bytes: &'a [u8], policy: &'static Policy) -> Self {
        Self { bytes, policy: Some(policy) }
    }
}

impl Payload for Raw<'_> {
    fn write_payload(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.put(self.bytes)
    }

    fn policy(&self) -> Option<&'static Policy> {
        self.policy
    }
}

/// One message copied out of the receive buffer.
#[derive(Clone, PartialEq, Eq)]
pub struct OwnedMessage {
    header: NlMsgHdr,
    bytes: Vec<u8>,
}

impl OwnedMessage {
    /// Copies `msg` (header and payload).
    #[must_use]
    pub fn from_message(msg: &Message<'_>) -> Self {
        let mut bytes = Vec::with_capacity(NLMSG_HDRLEN + msg.payload.len());
        bytes.extend_from_slice(nlattr::zerocopy::IntoBytes::as_bytes(&msg.header));
        bytes.extend_from_slice(msg.payload);
        Self { header: msg.header, bytes }
    }

    /// The message, borrowed, at offset 0.
    #[must_use]
    pub fn message(&self) -> Message<'_> {
        Message { header: self.header, payload: self.payload(), offset: 0 }
    }

    /// Its header.
    #[must_use]
    pub fn header(&self) -> NlMsgHdr {
        self.header
    }

    /// The bytes after the header.
    #[must_use]
    pub fn payload(&self) -> &[u8] {
        self.bytes.get(NLMSG_HDRLEN..).unwrap_or_default()
    }

    /// The whole message, header included.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Decodes the payload (family header and attributes) as `V`.
    ///
    /// # Errors
    /// `V`'s decode error, with offsets counted from the start of this message.
    pub fn decode<'a, V: Decode<'a>>(&'a self) -> Result<V, DecodeError> {
        V::decode(self.payload(), NLMSG_HDRLEN)
    }
}

impl std::fmt::Debug for OwnedMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnedMessage")
            .field("header", &self.header)
            .field("payload_len", &self.payload().len())
            .finish()
    }
}

/// The answer to a `do` request: its reply messages (none for a plain acknowledgement)
/// and the kernel's warning, if the ACK carried one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// The reply messages, in order.
    pub messages: Vec<OwnedMessage>,
    /// `NLMSGERR_ATTR_MSG` on a successful ACK: a warning.
    pub warning: Option<String>,
}

impl Reply {
    /// The first reply message.
    #[must_use]
    pub fn first(&self) -> Option<&OwnedMessage> {
        self.messages.first()
    }

    /// Decodes the first reply message's payload as `V`.
    ///
    /// # Errors
    /// [`Error::Malformed`] when there is no reply message or it does not decode.
    pub fn decode<'a, V: Decode<'a>>(&'a self) -> Result<V, Error> {
        let m = self.first().ok_or(Error::Malformed(DecodeError::new(0, DecodeErrorKind::Missing)))?;
        Ok(m.decode()?)
    }
}

/// How a dump ended, for the closure form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DumpEnd {
    /// Data messages delivered.
    pub messages: usize,
    /// A warning carried by `NLMSG_DONE` (error 0 with a message).
    pub warning: Option<String>,
}

/// The receive side: a buffer of at least [`MIN_RECV_BUFFER`] bytes, one datagram at a
/// time, with `MSG_PEEK | MSG_TRUNC` sizing.
pub(crate) struct Rx {
    buf: Vec<u8>,
    len: usize,
    pos: usize,
    pub(crate) peek: bool,
    pub(crate) skipped: u64,
}

impl std::fmt::Debug for Rx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The buffer's bytes would drown everything else.
        f.debug_struct("Rx")
            .field("capacity", &self.buf.len())
            .field("datagram_len", &self.len)
            .field("pos", &self.pos)
            .field("peek", &self.peek)
            .field("skipped", &self.skipped)
            .finish()
    }
}

impl Rx {
    pub(crate) fn new() -> Self {
        Self { buf: vec![0; MIN_RECV_BUFFER], len: 0, pos: 0, peek: true, skipped: 0 }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.buf.len()
    }

    pub(crate) fn set_capacity(&mut self, n: usize) {
        self.buf.resize(n.max(MIN_RECV_BUFFER), 0);
        self.len = 0;
        self.pos = 0;
    }

    /// Forgets what is left of the current datagram.
    pub(crate) fn discard(&mut self) {
        self.pos = self.len;
    }

    /// Receives the next datagram from the kernel (sender port 0, or the transport's peer), growing the buffer to
    /// the size `MSG_PEEK | MSG_TRUNC` reports; datagrams from other senders are skipped.
    pub(crate) fn fill<T: Transport + ?Sized>(&mut self, t: &mut T) -> Result<(), Error> {
        loop {
            self.len = 0;
            self.pos = 0;
            if self.peek {
                let want = t.peek_len().map_err(Error::from_recv)?;
                if want > self.buf.len() {
                    self.buf.resize(want, 0);
                }
            }
            let got = t.recv(&mut self.buf).map_err(Error::from_recv)?;
            if got.len > self.buf.len() {
                let buffer = self.buf.len();
                // Offer the larger size next time.
                self.buf.resize(got.len, 0);
                return Err(Error::Truncated { len: got.len, buffer });
            }
            if got.sender != t.peer() {
                self.skipped += 1;
                continue;
            }
            self.len = got.len;
            return Ok(());
        }
    }

    /// The next message of the current datagram, or `None` when it is used up. A message
    /// that does not parse ends the datagram with an error.
    #[inline]
    pub(crate) fn next_in_datagram(&mut self) -> Option<Result<(NlMsgHdr, Range<usize>), Error>> {
        next_in(self.buf.get(..self.len).unwrap_or_default(), &mut self.pos)
    }

    #[inline]
    pub(crate) fn message(&self, header: NlMsgHdr, range: Range<usize>) -> Message<'_> {
        message_at(&self.buf, header, range)
    }
}

/// The message at `*pos` of the datagram `bytes`, moving `*pos` past it; `None` at the end.
/// A message that does not parse ends the datagram with an error.
#[inline]
fn next_in(bytes: &[u8], pos: &mut usize) -> Option<Result<(NlMsgHdr, Range<usize>), Error>> {
    if *pos >= bytes.len() {
        return None;
    }
    let mut it = Messages::new(bytes.get(*pos..).unwrap_or_default(), *pos);
    match it.next() {
        None => {
            *pos = bytes.len();
            None
        }
        Some(Err(e)) => {
            *pos = bytes.len();
            Some(Err(Error::Malformed(e)))
        }
        Some(Ok(m)) => {
            let range = m.offset..m.offset + NLMSG_HDRLEN + m.payload.len();
            *pos = it.offset();
            Some(Ok((m.header, range)))
        }
    }
}

/// The message of `bytes` that [`next_in`] found at `range`.
#[inline]
fn message_at(bytes: &[u8], header: NlMsgHdr, range: Range<usize>) -> Message<'_> {
    let payload = bytes.get(range.start + NLMSG_HDRLEN..range.end).unwrap_or_default();
    Message { header, payload, offset: range.start }
}

/// A netlink socket that runs requests: `do`, dumps, acknowledgements, errors.
///
/// Generic over its [`Transport`]: the kernel ([`RawSocket`], the default), a scripted
/// [`FakeKernel`](crate::transport::FakeKernel), or a [`Replayer`](crate::transport::Replayer).
///
/// Every message received is checked before it is used: the datagram must come from the
/// kernel (sender port 0), the message must parse (sane lengths), and its sequence number
/// and port id must be the request's. Anything else is skipped and counted
/// ([`skipped`](Self::skipped)), never taken for the reply.
#[derive(Debug)]
pub struct Socket<T: Transport = RawSocket> {
    transport: T,
    seq: u32,
    rx: Rx,
    tx: Vec<u8>,
    tx_policy: Option<&'static Policy>,
    pending_dump: Option<u32>,
    pub(crate) families: HashMap<String, Family>,
}

impl Socket<RawSocket> {
    /// Opens a socket of netlink `protocol` as [`RawSocket::open`] does.
    ///
    /// # Errors
    /// `socket(2)`, `bind(2)` or `setsockopt(2)` failing.
    pub fn open(protocol: i32) -> io::Result<Self> {
        RawSocket::open(protocol).map(Self::with_transport)
    }
}

impl<T: Transport> Socket<T> {
    /// A socket over `transport`.
    #[must_use]
    pub fn with_transport(transport: T) -> Self {
        Self {
            transport,
            seq: 0,
            rx: Rx::new(),
            tx: Vec::new(),
            tx_policy: None,
            pending_dump: None,
            families: HashMap::new(),
        }
    }

    /// The transport (for a [`RawSocket`]: its options).
    #[must_use]
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The transport, mutably.
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// Gives the transport back.
    #[must_use]
    pub fn into_transport(self) -> T {
        self.transport
    }

    /// The local port id.
    #[must_use]
    pub fn port_id(&self) -> u32 {
        self.transport.port_id()
    }

    /// Messages and datagrams skipped so far: from another sender, with another sequence
    /// number or port id, or left over from an abandoned exchange.
    #[must_use]
    pub fn skipped(&self) -> u64 {
        self.rx.skipped
    }

    /// Whether each datagram is measured with `MSG_PEEK | MSG_TRUNC` before it is read, so
    /// that a datagram larger than the buffer grows it instead of being cut (on by
    /// default). Off saves a system call per datagram; a datagram that does not fit is
    /// then reported as [`Error::Truncated`] and the buffer grows for the next one.
    pub fn set_peek(&mut self, on: bool) {
        self.rx.peek = on;
    }

    /// The receive buffer's current size (at least [`MIN_RECV_BUFFER`]).
    #[must_use]
    pub fn recv_buffer_len(&self) -> usize {
        self.rx.capacity()
    }

    /// Sets the receive buffer's size (at least [`MIN_RECV_BUFFER`]).
    pub fn set_recv_buffer_len(&mut self, len: usize) {
        self.rx.set_capacity(len);
    }

    /// The bytes of the last request sent (from its `nlmsghdr`).
    #[must_use]
    pub fn last_request(&self) -> &[u8] {
        &self.tx
    }

    fn next_seq(&self) -> u32 {
        // Sequence 0 is what notifications carry: never use it for a request.
        self.seq.wrapping_add(1).max(1)
    }

    /// Encodes and sends one request message with `flags | NLM_F_REQUEST`; returns its
    /// sequence number (1, 2, 3... per socket). An abandoned dump is drained first.
    ///
    /// This is the low-level half of [`request`](Self::request) and [`dump`](Self::dump);
    /// nothing reads the answer.
    ///
    /// # Errors
    /// Encoding or sending failing, or draining an abandoned dump failing.
    pub fn send<P: Payload + ?Sized>(&mut self, ty: u16, flags: u16, payload: &P) -> Result<u32, Error> {
        self.drain()?;
        let seq = self.next_seq();
        self.tx.clear();
        let mut w = Writer::new(&mut self.tx);
        let m = w.begin_message(ty, flags | NLM_F_REQUEST, seq, 0)?;
        payload.write_payload(&mut w)?;
        w.end_message(m)?;
        self.tx_policy = payload.policy();
        self.rx.discard();
        self.transport.send(&self.tx)?;
        // Only a request that went out uses up its sequence number, so that a session
        // replays identically whatever failed to encode.
        self.seq = seq;
        Ok(seq)
    }

    /// The next message answering request `seq`, reading datagrams as needed.
    #[inline]
    fn next_message(&mut self, seq: u32) -> Result<(NlMsgHdr, Range<usize>), Error> {
        let port = self.transport.port_id();
        loop {
            match self.rx.next_in_datagram() {
                None => self.rx.fill(&mut self.transport)?,
                Some(Err(e)) => return Err(e),
                Some(Ok((h, r))) => {
                    if h.seq == seq && h.pid == port {
                        return Ok((h, r));
                    }
                    self.rx.skipped += 1;
                }
            }
        }
    }

    fn kernel_error(&self, ack: &ExtAck<'_>) -> Error {
        KernelError::from_ack(ack, &self.tx, self.tx_policy).into()
    }

    /// A `do`: sends the request with `NLM_F_ACK` and returns the reply messages once the
    /// ACK has arrived (possibly in a later datagram). A multi-part reply (`NLM_F_MULTI`
    /// messages, `NLMSG_DONE`) is collected up to the ACK. A successful ACK's message is
    /// kept as [`Reply::warning`].
    ///
    /// Use [`dump`](Self::dump) for dumps: the kernel does not acknowledge them.
    ///
    /// # Errors
    /// [`Error::Kernel`] with the request's field paths, [`Error::Timeout`],
    /// [`Error::Overrun`], [`Error::Malformed`], [`Error::Truncated`], or an I/O error.
    pub fn request<P: Payload + ?Sized>(&mut self, ty: u16, flags: u16, payload: &P) -> Result<Reply, Error> {
        let seq = self.send(ty, flags | NLM_F_ACK, payload)?;
        let mut reply = Reply::default();
        loop {
            let (h, r) = self.next_message(seq)?;
            let msg = self.rx.message(h, r);
            match h.ty {
                NLMSG_ERROR | NLMSG_DONE => {
                    let ack = ExtAck::parse(&msg)?;
                    if ack.is_error() {
                        return Err(self.kernel_error(&ack));
                    }
                    if let Some(m) = ack.message {
                        reply.warning = Some(m.to_owned());
                    }
                    if h.ty == NLMSG_ERROR {
                        return Ok(reply);
                    }
                    // The end of a multi-part reply: the ACK follows.
                }
                NLMSG_NOOP => {}
                NLMSG_OVERRUN => return Err(Error::Overrun),
                _ => reply.messages.push(OwnedMessage::from_message(&msg)),
            }
        }
    }

    /// Starts a dump (`flags | NLM_F_DUMP`) and returns it as a streaming iterator of owned
    /// messages; [`Dump::next_message`] lends them without copying instead.
    ///
    /// Dropping the dump before its end drains it, so that the next request does not get
    /// `EBUSY`.
    ///
    /// # Errors
    /// Encoding or sending failing.
    pub fn dump<P: Payload + ?Sized>(
        &mut self,
        ty: u16,
        flags: u16,
        payload: &P,
    ) -> Result<Dump<'_, T>, Error> {
        let seq = self.send(ty, flags | NLM_F_DUMP, payload)?;
        self.pending_dump = Some(seq);
        Ok(Dump { sock: self, seq, st: DumpState::default() })
    }

    /// A dump whose messages are lent, one at a time, to `f`, without copying.
    ///
    /// # Errors
    /// As [`Dump::next_message`], or `f`'s own error (the dump is then drained).
    pub fn dump_with<P, F>(&mut self, ty: u16, flags: u16, payload: &P, mut f: F) -> Result<DumpEnd, Error>
    where
        P: Payload + ?Sized,
        F: FnMut(Message<'_>) -> Result<(), Error>,
    {
        let mut d = self.dump(ty, flags, payload)?;
        while let Some(m) = d.next_message() {
            f(m?)?;
        }
        Ok(d.end())
    }

    /// A dump lent to `f` a datagram at a time: each [`Batch`] yields the dump's messages
    /// of one received datagram, all borrowed from the same buffer, so that one value
    /// decoded in place ([`nlattr::DecodeInPlace`]) can be reused for every message of it,
    /// borrowed fields included.
    ///
    /// ```no_run
    /// # use nlattr::{consts::*, families::route::route::Route, DecodeInPlace};
    /// # use nlsock::{Raw, Socket};
    /// let mut s = Socket::open(NETLINK_ROUTE)?;
    /// let mut tables = 0u64;
    /// s.dump_batches(RTM_GETROUTE, 0, &Raw::new(&[0; 12]), |batch| {
    ///     let mut route = Route::default(); // its vectors serve the whole datagram
    ///     for m in batch {
    ///         route.decode_message_in_place(&m)?;
    ///         tables += u64::from(route.table.unwrap_or(0));
    ///     }
    ///     Ok(())
    /// })?;
    /// # Ok::<(), nlsock::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Dump::next_batch`], or `f`'s own error (the dump is then drained).
    pub fn dump_batches<P, F>(&mut self, ty: u16, flags: u16, payload: &P, mut f: F) -> Result<DumpEnd, Error>
    where
        P: Payload + ?Sized,
        F: FnMut(&mut Batch<'_>) -> Result<(), Error>,
    {
        let mut d = self.dump(ty, flags, payload)?;
        while let Some(b) = d.next_batch() {
            f(&mut b?)?;
        }
        Ok(d.end())
    }

    /// A dump collected into owned values, each built by `f` from a lent message.
    ///
    /// # Errors
    /// As [`Dump::next_message`]; `f`'s error as [`Error::Malformed`].
    pub fn dump_map<P, V, F>(&mut self, ty: u16, flags: u16, payload: &P, mut f: F) -> Result<Vec<V>, Error>
    where
        P: Payload + ?Sized,
        F: FnMut(Message<'_>) -> Result<V, DecodeError>,
    {
        let mut out = Vec::new();
        self.dump_with(ty, flags, payload, |m| {
            out.push(f(m)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// A dump collected into owned values of a type that decodes from a message payload
    /// (family header and attributes), such as a type deriving `NlAttrs` without borrows.
    ///
    /// # Errors
    /// As [`dump_map`](Self::dump_map).
    pub fn dump_decode<P, V>(&mut self, ty: u16, flags: u16, payload: &P) -> Result<Vec<V>, Error>
    where
        P: Payload + ?Sized,
        V: for<'a> Decode<'a>,
    {
        self.dump_map(ty, flags, payload, |m| V::decode(m.payload, m.payload_offset()))
    }

    /// Reads an abandoned dump to its end. Requests call this themselves; call it to do
    /// the work earlier.
    ///
    /// # Errors
    /// A timeout or an I/O error while draining; the dump stays pending.
    pub fn drain(&mut self) -> Result<(), Error> {
        while let Some(seq) = self.pending_dump {
            match self.next_message(seq) {
                Ok((h, _)) if h.ty == NLMSG_DONE || h.ty == NLMSG_ERROR => self.pending_dump = None,
                // Dump messages are kept until read, so an overrun lost someone else's
                // messages; a bad datagram is skipped. Keep draining either way.
                Ok(_) | Err(Error::Overrun | Error::Malformed(_) | Error::Truncated { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Whether a dump was abandoned and has not been drained yet.
    #[must_use]
    pub fn has_pending_dump(&self) -> bool {
        self.pending_dump.is_some()
    }
}

/// A dump in progress; see [`Socket::dump`].
///
/// As an [`Iterator`] it yields owned messages; [`next_message`](Self::next_message) lends
/// them instead, and [`next_batch`](Self::next_batch) lends a datagram's worth at a time.
/// After the last message it yields [`Error::DumpInterrupted`] once if any message carried
/// `NLM_F_DUMP_INTR`, or the kernel's error if `NLMSG_DONE` carried one. Dropping it early
/// drains the rest.
#[derive(Debug)]
pub struct Dump<'s, T: Transport> {
    sock: &'s mut Socket<T>,
    seq: u32,
    st: DumpState,
}

/// A dump's progress, apart from the socket it reads, so that a [`Batch`] can hold it
/// beside the socket's receive buffer.
#[derive(Debug, Default)]
struct DumpState {
    finished: bool,
    interrupted: bool,
    interrupt_reported: bool,
    messages: usize,
    warning: Option<String>,
    /// The error that ended a [`Batch`], for [`Dump::next_batch`] to report.
    error: Option<Error>,
}

/// What one message of the reply is to the dump.
enum Seen {
    Data,
    Skip,
    /// The dump is over, with the error to report if there is one.
    End(Option<Error>),
}

impl DumpState {
    /// Reads one message answering the dump: data, nothing (`NLMSG_NOOP`), or the end
    /// (`NLMSG_DONE`, `NLMSG_ERROR`, `NLMSG_OVERRUN`). `tx` and `policy` describe the request,
    /// for the kernel's error.
    #[inline]
    fn see(
        &mut self,
        msg: &Message<'_>,
        pending_dump: &mut Option<u32>,
        tx: &[u8],
        policy: Option<&'static Policy>,
    ) -> Seen {
        if msg.header.flags & NLM_F_DUMP_INTR != 0 {
            self.interrupted = true;
        }
        if msg.header.ty >= NLMSG_MIN_TYPE {
            self.messages += 1;
            return Seen::Data;
        }
        self.see_control(msg, pending_dump, tx, policy)
    }

    /// [`see`](Self::see) for the types below `NLMSG_MIN_TYPE`, most of them the end.
    #[cold]
    #[inline(never)]
    fn see_control(
        &mut self,
        msg: &Message<'_>,
        pending_dump: &mut Option<u32>,
        tx: &[u8],
        policy: Option<&'static Policy>,
    ) -> Seen {
        match msg.header.ty {
            NLMSG_DONE | NLMSG_ERROR => {
                self.finished = true;
                *pending_dump = None;
                let ack = match ExtAck::parse(msg) {
                    Ok(a) => a,
                    Err(e) => return self.end_with(e.into()),
                };
                if ack.is_error() {
                    return self.end_with(KernelError::from_ack(&ack, tx, policy).into());
                }
                self.warning = ack.message.map(str::to_owned);
                if self.interrupted {
                    return self.end_with(Error::DumpInterrupted);
                }
                Seen::End(None)
            }
            NLMSG_NOOP => Seen::Skip,
            NLMSG_OVERRUN => {
                self.finished = true;
                self.end_with(Error::Overrun)
            }
            _ => {
                self.messages += 1;
                Seen::Data
            }
        }
    }

    /// The end of the dump with `e`, after which nothing more is reported.
    fn end_with(&mut self, e: Error) -> Seen {
        self.interrupt_reported = true;
        Seen::End(Some(e))
    }

    /// A receive error: the rest is drained by the next request (or on drop).
    fn fail(&mut self, e: Error) -> Error {
        self.finished = true;
        self.interrupt_reported = true;
        e
    }

    /// What is left to report once the dump is over: an interruption not yet reported.
    fn after_end(&mut self) -> Option<Error> {
        if self.interrupted && !self.interrupt_reported {
            self.interrupt_reported = true;
            return Some(Error::DumpInterrupted);
        }
        None
    }
}

impl<T: Transport> Dump<'_, T> {
    /// The next data message, lent until the next call.
    ///
    /// Yields `Err` for the kernel's error (`NLMSG_DONE` or `NLMSG_ERROR` carrying one),
    /// [`Error::DumpInterrupted`] at the end of an interrupted dump, and receive errors
    /// ([`Error::Timeout`], [`Error::Overrun`], [`Error::Malformed`], ...), after which it
    /// yields `None`.
    #[allow(clippy::should_implement_trait)] // a lending iterator: `Iterator` cannot lend
    pub fn next_message(&mut self) -> Option<Result<Message<'_>, Error>> {
        if let Some(e) = self.st.error.take() {
            return Some(Err(e));
        }
        if self.st.finished {
            return self.st.after_end().map(Err);
        }
        loop {
            let (h, r) = match self.sock.next_message(self.seq) {
                Ok(x) => x,
                Err(e) => return Some(Err(self.st.fail(e))),
            };
            let Socket { rx, tx, tx_policy, pending_dump, .. } = &mut *self.sock;
            match self.st.see(&rx.message(h, r.clone()), pending_dump, tx, *tx_policy) {
                Seen::Data => return Some(Ok(self.sock.rx.message(h, r))),
                Seen::Skip => {}
                Seen::End(e) => return e.map(Err),
            }
        }
    }

    /// The dump's messages in the next datagram (receiving it if the last one is used up),
    /// lent as a [`Batch`] until the next call; a batch left unfinished is taken up again
    /// by the next call.
    ///
    /// Yields `Err` as [`next_message`](Self::next_message) does, for an error that ended
    /// the last batch or a receive error, after which it yields `None`.
    #[allow(clippy::should_implement_trait)] // a lending iterator: `Iterator` cannot lend
    pub fn next_batch(&mut self) -> Option<Result<Batch<'_>, Error>> {
        if let Some(e) = self.st.error.take() {
            return Some(Err(e));
        }
        if self.st.finished {
            return self.st.after_end().map(Err);
        }
        if self.sock.rx.pos >= self.sock.rx.len {
            if let Err(e) = self.sock.rx.fill(&mut self.sock.transport) {
                return Some(Err(self.st.fail(e)));
            }
        }
        let port = self.sock.transport.port_id();
        let Socket { rx, tx, tx_policy, pending_dump, .. } = &mut *self.sock;
        let Rx { buf, len, pos, skipped, .. } = rx;
        Some(Ok(Batch {
            bytes: buf.get(..*len).unwrap_or_default(),
            pos,
            skipped,
            seq: self.seq,
            port,
            st: &mut self.st,
            pending_dump,
            tx,
            policy: *tx_policy,
        }))
    }

    /// How the dump ended (or how far it got).
    fn end(&mut self) -> DumpEnd {
        DumpEnd { messages: self.st.messages, warning: self.st.warning.take() }
    }

    /// The warning `NLMSG_DONE` carried (error 0 with a message), once the dump ended.
    #[must_use]
    pub fn warning(&self) -> Option<&str> {
        self.st.warning.as_deref()
    }

    /// Whether a message so far carried `NLM_F_DUMP_INTR`.
    #[must_use]
    pub fn is_interrupted(&self) -> bool {
        self.st.interrupted
    }

    /// Data messages delivered so far; unlike `Iterator::count`, which reads (and counts)
    /// the rest of the dump, it consumes nothing.
    #[must_use]
    pub fn delivered(&self) -> usize {
        self.st.messages
    }
}

/// The dump's data messages in one received datagram, all borrowed from the socket's
/// receive buffer for `'b`; see [`Dump::next_batch`] and [`Socket::dump_batches`].
///
/// Each message has gone through the checks [`Dump::next_message`] makes (sequence number,
/// port id, parsed lengths); `NLMSG_DONE`, `NLMSG_NOOP` and the messages of other exchanges
/// are not yielded. An error (the kernel's, a malformed message, an interrupted dump) ends
/// the batch and is reported by the next [`Dump::next_batch`], so that iterating the batch
/// needs no error handling and loses none.
#[derive(Debug)]
pub struct Batch<'b> {
    bytes: &'b [u8],
    pos: &'b mut usize,
    skipped: &'b mut u64,
    seq: u32,
    port: u32,
    st: &'b mut DumpState,
    pending_dump: &'b mut Option<u32>,
    tx: &'b [u8],
    policy: Option<&'static Policy>,
}

impl<'b> Iterator for Batch<'b> {
    type Item = Message<'b>;

    fn next(&mut self) -> Option<Message<'b>> {
        if self.st.finished || self.st.error.is_some() {
            return None;
        }
        loop {
            let (h, r) = match next_in(self.bytes, self.pos)? {
                Ok(x) => x,
                Err(e) => {
                    self.st.error = Some(self.st.fail(e));
                    return None;
                }
            };
            if h.seq != self.seq || h.pid != self.port {
                *self.skipped += 1;
                continue;
            }
            let msg = message_at(self.bytes, h, r);
            match self.st.see(&msg, self.pending_dump, self.tx, self.policy) {
                Seen::Data => return Some(msg),
                Seen::Skip => {}
                Seen::End(e) => {
                    self.st.error = e;
                    return None;
                }
            }
        }
    }
}

impl<T: Transport> Iterator for Dump<'_, T> {
    type Item = Result<OwnedMessage, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_message().map(|r| r.map(|m| OwnedMessage::from_message(&m)))
    }
}

impl<T: Transport> Drop for Dump<'_, T> {
    fn drop(&mut self) {
        // Best effort: whatever fails here is retried by the next request's drain.
        let _ = self.sock.drain();
    }
}

/// Runs `f` (a whole dump) until it does not end in [`Error::DumpInterrupted`], at most
/// `attempts` times (at least once).
///
/// # Errors
/// `f`'s error, or [`Error::DumpInterrupted`] when every attempt was interrupted.
pub fn retry_interrupted<V>(attempts: usize, mut f: impl FnMut() -> Result<V, Error>) -> Result<V, Error> {
    for _ in 0..attempts.max(1) {
        match f() {
            Err(Error::DumpInterrupted) => {}
            r => return r,
        }
    }
    Err(Error::DumpInterrupted)
}

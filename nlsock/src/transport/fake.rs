//! A fake kernel that tests script: no socket, no privilege.
//!
//! Each request the socket sends is handed to the next scripted handler, which answers
//! through [`Replies`]: data messages, acknowledgements, errors with extended ACK (capped or
//! not), `NLMSG_DONE` with or without an error, `NLM_F_DUMP_INTR`, answers split across
//! datagrams, an unaligned last message, `ENOBUFS`, raw bytes, a wrong sequence number or
//! sender. Like the kernel, it answers a second dump with `EBUSY` while the first one
//! has not been read to its end, and it cuts a datagram that does not fit the receive
//! buffer (`MSG_TRUNC`).
//!
//! ```
//! use nlsock::transport::FakeKernel;
//! use nlsock::{Raw, Socket};
//!
//! let mut fake = FakeKernel::new(4242);
//! fake.on_request(|_req, r| {
//!     r.message(100, 0, &[1, 2, 3, 4]).end_datagram();
//!     r.ack(); // in a second datagram
//! });
//! let mut sock = Socket::with_transport(fake);
//! let reply = sock.request(100, 0, &Raw::new(&[]))?;
//! assert_eq!(reply.messages.len(), 1);
//! assert_eq!(reply.messages[0].payload(), &[1, 2, 3, 4]);
//! # Ok::<(), nlsock::Error>(())
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::io;

use nlattr::consts::{
    align4, NLMSGERR_ATTR_COOKIE, NLMSGERR_ATTR_MISS_NEST, NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_MSG,
    NLMSGERR_ATTR_OFFS, NLMSGERR_ATTR_POLICY, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN, NLM_F_ACK_TLVS,
    NLM_F_CAPPED, NLM_F_DUMP, NLM_F_MULTI, NL_POLICY_TYPE_ATTR_MAX_LENGTH, NL_POLICY_TYPE_ATTR_MAX_VALUE_U,
    NL_POLICY_TYPE_ATTR_MIN_LENGTH, NL_POLICY_TYPE_ATTR_MIN_VALUE_U, NL_POLICY_TYPE_ATTR_TYPE,
};
use nlattr::header::NlMsgHdr;
use nlattr::{messages, Message, PolicyInfo, Writer};

use super::{Received, Transport};

/// Extended-ACK attributes for [`Replies::error`] and [`Replies::done`].
#[derive(Clone, Debug, Default)]
pub struct ExtAckSpec {
    /// `NLMSGERR_ATTR_MSG`.
    pub message: Option<String>,
    /// `NLMSGERR_ATTR_OFFS`: offset in the request.
    pub offset: Option<u32>,
    /// `NLMSGERR_ATTR_COOKIE`.
    pub cookie: Option<Vec<u8>>,
    /// `NLMSGERR_ATTR_POLICY` (type, value range, lengths).
    pub policy: Option<PolicyInfo>,
    /// `NLMSGERR_ATTR_MISS_TYPE`.
    pub missing_type: Option<u32>,
    /// `NLMSGERR_ATTR_MISS_NEST`.
    pub missing_nest: Option<u32>,
}

impl ExtAckSpec {
    /// Just a message.
    #[must_use]
    pub fn message(m: &str) -> Self {
        Self { message: Some(m.to_owned()), ..Self::default() }
    }

    fn is_empty(&self) -> bool {
        self.message.is_none()
            && self.offset.is_none()
            && self.cookie.is_none()
            && self.policy.is_none()
            && self.missing_type.is_none()
            && self.missing_nest.is_none()
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), nlattr::EncodeError> {
        if let Some(m) = &self.message {
            w.attr(NLMSGERR_ATTR_MSG, m.as_str())?;
        }
        if let Some(o) = self.offset {
            w.attr(NLMSGERR_ATTR_OFFS, &o)?;
        }
        if let Some(c) = &self.cookie {
            w.attr_bytes(NLMSGERR_ATTR_COOKIE, c)?;
        }
        if let Some(p) = &self.policy {
            let n = w.begin_nest(NLMSGERR_ATTR_POLICY)?;
            if let Some(t) = p.ty {
                w.attr(NL_POLICY_TYPE_ATTR_TYPE, &t)?;
            }
            if let Some(v) = p.min_u {
                w.attr(NL_POLICY_TYPE_ATTR_MIN_VALUE_U, &v)?;
            }
            if let Some(v) = p.max_u {
                w.attr(NL_POLICY_TYPE_ATTR_MAX_VALUE_U, &v)?;
            }
            if let Some(v) = p.min_len {
                w.attr(NL_POLICY_TYPE_ATTR_MIN_LENGTH, &v)?;
            }
            if let Some(v) = p.max_len {
                w.attr(NL_POLICY_TYPE_ATTR_MAX_LENGTH, &v)?;
            }
            w.end_nest(n)?;
        }
        if let Some(t) = self.missing_type {
            w.attr(NLMSGERR_ATTR_MISS_TYPE, &t)?;
        }
        if let Some(n) = self.missing_nest {
            w.attr(NLMSGERR_ATTR_MISS_NEST, &n)?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
enum Event {
    Datagram { sender: u32, bytes: Vec<u8>, dump: bool },
    Error(i32),
}

/// A handler for one request.
type Handler = Box<dyn FnMut(&Message<'_>, &mut Replies<'_>) + Send>;

/// The scripted kernel; see the [module docs](self).
pub struct FakeKernel {
    port: u32,
    handlers: VecDeque<Handler>,
    queue: VecDeque<Event>,
    sent: Vec<Vec<u8>>,
    cap_ack: bool,
}

impl fmt::Debug for FakeKernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeKernel")
            .field("port", &self.port)
            .field("handlers", &self.handlers.len())
            .field("queue", &self.queue)
            .field("sent", &self.sent.len())
            .finish()
    }
}

impl FakeKernel {
    /// A fake kernel for a socket whose port id is `port`; errors are capped, as with
    /// `NETLINK_CAP_ACK`.
    #[must_use]
    pub fn new(port: u32) -> Self {
        Self { port, handlers: VecDeque::new(), queue: VecDeque::new(), sent: Vec::new(), cap_ack: true }
    }

    /// Whether errors echo only the request header (`NETLINK_CAP_ACK`, the default) or the
    /// whole request.
    pub fn set_cap_ack(&mut self, on: bool) {
        self.cap_ack = on;
    }

    /// Scripts the answer to the next request not yet scripted.
    pub fn on_request<F>(&mut self, f: F) -> &mut Self
    where
        F: FnMut(&Message<'_>, &mut Replies<'_>) + Send + 'static,
    {
        self.handlers.push_back(Box::new(f));
        self
    }

    /// Queues a datagram now, from port `sender` (0: the kernel), as a notification would
    /// arrive.
    pub fn push_datagram(&mut self, sender: u32, bytes: Vec<u8>) -> &mut Self {
        self.queue.push_back(Event::Datagram { sender, bytes, dump: false });
        self
    }

    /// Queues a receive error now (`ENOBUFS` for an overrun).
    pub fn push_error(&mut self, errno: i32) -> &mut Self {
        self.queue.push_back(Event::Error(errno));
        self
    }

    /// Every datagram the socket sent, in order.
    #[must_use]
    pub fn sent(&self) -> &[Vec<u8>] {
        &self.sent
    }

    /// Scripted handlers not used yet.
    #[must_use]
    pub fn unused_handlers(&self) -> usize {
        self.handlers.len()
    }

    /// Datagrams and errors queued but not received yet.
    #[must_use]
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    fn dump_in_progress(&self) -> bool {
        self.queue.iter().any(|e| matches!(e, Event::Datagram { dump: true, .. }))
    }
}

impl Transport for FakeKernel {
    fn port_id(&self) -> u32 {
        self.port
    }

    fn send(&mut self, datagram: &[u8]) -> io::Result<()> {
        self.sent.push(datagram.to_vec());
        let Some(Ok(req)) = messages(datagram).next() else {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        };
        let is_dump = req.flags() & NLM_F_DUMP == NLM_F_DUMP && req.ty() >= 16;
        let mut r = Replies {
            request: req,
            port: self.port,
            cap_ack: self.cap_ack,
            out: Vec::new(),
            current: None,
            sender: 0,
        };
        if is_dump && self.dump_in_progress() {
            // As netlink_dump_start: one dump at a time per socket.
            r.error(libc::EBUSY, &ExtAckSpec::default());
        } else if let Some(mut h) = self.handlers.pop_front() {
            h(&req, &mut r);
        }
        r.end_datagram();
        for (sender, bytes, err) in r.out {
            match err {
                Some(e) => self.queue.push_back(Event::Error(e)),
                None => self.queue.push_back(Event::Datagram { sender, bytes, dump: is_dump }),
            }
        }
        // A dump is over once its DONE (or error) has been queued and read: mark only the
        // datagrams before the last one as "in progress" holders.
        if is_dump {
            if let Some(Event::Datagram { dump, .. }) = self.queue.back_mut() {
                *dump = false;
            }
        }
        Ok(())
    }

    fn peek_len(&mut self) -> io::Result<usize> {
        match self.queue.front() {
            None => Err(io::Error::from_raw_os_error(libc::EAGAIN)),
            Some(Event::Error(e)) => {
                let e = *e;
                self.queue.pop_front();
                Err(io::Error::from_raw_os_error(e))
            }
            Some(Event::Datagram { bytes, .. }) => Ok(bytes.len()),
        }
    }

    fn recv(&mut self, buf: &mut [u8]) -> io::Result<Received> {
        match self.queue.pop_front() {
            None => Err(io::Error::from_raw_os_error(libc::EAGAIN)),
            Some(Event::Error(e)) => Err(io::Error::from_raw_os_error(e)),
            Some(Event::Datagram { sender, bytes, .. }) => {
                let n = bytes.len().min(buf.len());
                buf[..n].copy_from_slice(&bytes[..n]);
                Ok(Received { len: bytes.len(), sender })
            }
        }
    }
}

/// Builds the answer to one request: messages go into the current datagram until
/// [`end_datagram`](Self::end_datagram) starts a new one.
pub struct Replies<'r> {
    request: Message<'r>,
    port: u32,
    cap_ack: bool,
    out: Vec<(u32, Vec<u8>, Option<i32>)>,
    current: Option<Vec<u8>>,
    sender: u32,
}

impl fmt::Debug for Replies<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replies").field("request", &self.request.header).finish_non_exhaustive()
    }
}

impl Replies<'_> {
    /// The request being answered.
    #[must_use]
    pub fn request(&self) -> &Message<'_> {
        &self.request
    }

    fn cur(&mut self) -> &mut Vec<u8> {
        self.current.get_or_insert_with(Vec::new)
    }

    /// Appends a message with the request's sequence number and the socket's port id.
    pub fn message(&mut self, ty: u16, flags: u16, payload: &[u8]) -> &mut Self {
        let h = NlMsgHdr { len: 0, ty, flags, seq: self.request.seq(), pid: self.port };
        self.message_with_header(h, payload)
    }

    /// Appends a message with header `h` (its `len` is computed), for wrong sequence
    /// numbers or port ids.
    pub fn message_with_header(&mut self, mut h: NlMsgHdr, payload: &[u8]) -> &mut Self {
        let len = NLMSG_HDRLEN + payload.len();
        h.len = u32::try_from(len).unwrap_or(u32::MAX);
        let cur = self.cur();
        cur.resize(align4(cur.len()), 0);
        cur.extend_from_slice(nlattr::zerocopy::IntoBytes::as_bytes(&h));
        cur.extend_from_slice(payload);
        self
    }

    /// Appends raw bytes to the current datagram (no alignment, no header).
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.cur().extend_from_slice(bytes);
        self
    }

    /// Pads the current datagram to a multiple of 4 (messages are padded before the next
    /// one anyway; call this to pad the last).
    pub fn pad(&mut self) -> &mut Self {
        let cur = self.cur();
        cur.resize(align4(cur.len()), 0);
        self
    }

    /// A data message of a dump: `NLM_F_MULTI` set.
    pub fn multi(&mut self, ty: u16, payload: &[u8]) -> &mut Self {
        self.message(ty, NLM_F_MULTI, payload)
    }

    /// A successful, capped acknowledgement.
    pub fn ack(&mut self) -> &mut Self {
        self.ack_error(0, true, &ExtAckSpec::default())
    }

    /// A successful acknowledgement carrying a warning message.
    pub fn ack_warning(&mut self, message: &str) -> &mut Self {
        self.ack_error(0, true, &ExtAckSpec::message(message))
    }

    /// An error (`errno` positive) with extended ACK, capped or not as the kernel is set.
    pub fn error(&mut self, errno: i32, ext: &ExtAckSpec) -> &mut Self {
        let capped = self.cap_ack;
        self.ack_error(errno, capped, ext)
    }

    fn ack_error(&mut self, errno: i32, capped: bool, ext: &ExtAckSpec) -> &mut Self {
        let mut body = Vec::new();
        let mut flags = 0;
        {
            let mut w = Writer::new(&mut body);
            let _ = w.put(&(-errno).to_ne_bytes());
            let _ = w.put_struct(&self.request.header);
            if capped || errno == 0 {
                flags |= NLM_F_CAPPED;
            } else {
                let _ = w.put(self.request.payload);
                let _ = w.align();
            }
            if !ext.is_empty() {
                flags |= NLM_F_ACK_TLVS;
                let _ = ext.write(&mut w);
            }
        }
        self.message(NLMSG_ERROR, flags, &body)
    }

    /// `NLMSG_DONE` ending a dump, with `errno` (0 for success) and extended ACK.
    pub fn done(&mut self, errno: i32, ext: &ExtAckSpec) -> &mut Self {
        self.done_flags(errno, ext, 0)
    }

    /// `NLMSG_DONE` with extra flags (`NLM_F_DUMP_INTR`).
    pub fn done_flags(&mut self, errno: i32, ext: &ExtAckSpec, flags: u16) -> &mut Self {
        let mut body = Vec::new();
        let mut f = NLM_F_MULTI | flags;
        {
            let mut w = Writer::new(&mut body);
            let _ = w.put(&(-errno).to_ne_bytes());
            if !ext.is_empty() {
                f |= NLM_F_ACK_TLVS;
                let _ = ext.write(&mut w);
            }
        }
        self.message(NLMSG_DONE, f, &body)
    }

    /// Sends the following datagrams from port `sender` instead of the kernel (0).
    pub fn from_sender(&mut self, sender: u32) -> &mut Self {
        self.end_datagram();
        self.sender = sender;
        self
    }

    /// Ends the current datagram; what follows goes into a new one.
    pub fn end_datagram(&mut self) -> &mut Self {
        if let Some(d) = self.current.take() {
            self.out.push((self.sender, d, None));
        }
        self
    }

    /// Queues a receive error (`ENOBUFS`, `EAGAIN`...) after the datagrams so far.
    pub fn recv_error(&mut self, errno: i32) -> &mut Self {
        self.end_datagram();
        self.out.push((0, Vec::new(), Some(errno)));
        self
    }
}

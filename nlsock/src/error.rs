//! Typed outcomes of a request: [`Error`] and [`KernelError`].

use std::fmt;
use std::io;

use nlattr::consts::{NLA_TYPE_MASK, NLMSG_HDRLEN};
use nlattr::extack::errno_name;
use nlattr::policy::Policy;
use nlattr::{AckKind, DecodeError, EncodeError, ExtAck, FieldPath, PolicyInfo};

/// Everything a request can end in besides success.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The kernel refused the request (`NLMSG_ERROR` or an `NLMSG_DONE` with an error).
    Kernel(Box<KernelError>),
    /// A dump message carried `NLM_F_DUMP_INTR`: the kernel's data changed while dumping
    /// and what was received is inconsistent. Retry, for example with
    /// [`retry_interrupted`](crate::retry_interrupted). The dump was read to its end.
    DumpInterrupted,
    /// The receive queue overflowed (`ENOBUFS`): messages were lost. Resynchronise (dump
    /// again); the socket stays usable.
    Overrun,
    /// Nothing arrived within the receive timeout.
    Timeout,
    /// A datagram did not fit the receive buffer and its end was lost (only when peeking
    /// is off; see [`Socket::set_peek`](crate::Socket::set_peek)).
    Truncated {
        /// The datagram's real length.
        len: usize,
        /// The buffer's length.
        buffer: usize,
    },
    /// A reply that does not parse (bad lengths, a truncated header, an undecodable
    /// payload).
    Malformed(DecodeError),
    /// The request could not be encoded.
    Encode(EncodeError),
    /// Any other system error.
    Io(io::Error),
}

impl Error {
    /// The kernel's error, when this is one.
    #[must_use]
    pub fn kernel(&self) -> Option<&KernelError> {
        match self {
            Self::Kernel(k) => Some(k),
            _ => None,
        }
    }

    /// The errno, for kernel and system errors.
    #[must_use]
    pub fn errno(&self) -> Option<i32> {
        match self {
            Self::Kernel(k) => Some(k.errno),
            Self::Io(e) => e.raw_os_error(),
            Self::Overrun => Some(libc::ENOBUFS),
            Self::Timeout => Some(libc::EAGAIN),
            _ => None,
        }
    }

    /// Maps a receive error: `EAGAIN` to [`Timeout`](Self::Timeout), `ENOBUFS` to
    /// [`Overrun`](Self::Overrun).
    #[must_use]
    pub fn from_recv(e: io::Error) -> Self {
        match e.raw_os_error() {
            Some(libc::ENOBUFS) => Self::Overrun,
            Some(libc::EAGAIN) => Self::Timeout,
            _ if e.kind() == io::ErrorKind::WouldBlock || e.kind() == io::ErrorKind::TimedOut => {
                Self::Timeout
            }
            _ => Self::Io(e),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Kernel(k) => k.fmt(f),
            Self::DumpInterrupted => {
                f.write_str("dump interrupted (NLM_F_DUMP_INTR): the data changed while dumping; retry")
            }
            Self::Overrun => f.write_str("receive queue overrun (ENOBUFS): messages were lost; resync"),
            Self::Timeout => f.write_str("no reply within the receive timeout"),
            Self::Truncated { len, buffer } => {
                write!(f, "a {len}-byte datagram was truncated to the {buffer}-byte buffer")
            }
            Self::Malformed(e) => write!(f, "malformed reply: {e}"),
            Self::Encode(e) => write!(f, "encoding the request: {e}"),
            Self::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Kernel(k) => Some(&**k),
            Self::Malformed(e) => Some(e),
            Self::Encode(e) => Some(e),
            Self::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Self {
        Self::Encode(e)
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Self::Malformed(e)
    }
}

impl From<KernelError> for Error {
    fn from(e: KernelError) -> Self {
        Self::Kernel(Box::new(e))
    }
}

/// A missing required attribute, as `NLMSGERR_ATTR_MISS_TYPE`/`MISS_NEST` report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The attribute type the kernel wanted.
    pub attr_type: u16,
    /// Offset in the request of the nest that lacks it (`None`: the top level).
    pub nest_offset: Option<u32>,
    /// Its Rust field path, when the request's policy knows it.
    pub path: Option<FieldPath>,
}

/// The kernel's error, with its extended ACK mapped back onto the request that was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KernelError {
    /// Positive errno (`EINVAL` is 22).
    pub errno: i32,
    /// `NLMSGERR_ATTR_MSG`: the kernel's own words.
    pub message: Option<String>,
    /// `NLMSGERR_ATTR_OFFS`: byte offset of the offending attribute in the request.
    pub offset: Option<u32>,
    /// Type of the attribute at that offset (flag bits removed), read from the request.
    pub attr_type: Option<u16>,
    /// The Rust field path of that attribute, through the request's policy table. When the
    /// table does not know an attribute on the way, only the known prefix (see
    /// [`unknown_type`](Self::unknown_type)).
    pub path: Option<FieldPath>,
    /// When `path` stops short: the type of the attribute on the way to `offset` that the
    /// policy table does not know (the attribute itself or an enclosing nest).
    pub unknown_type: Option<u16>,
    /// A missing attribute, named the same way.
    pub missing: Option<Missing>,
    /// `NLMSGERR_ATTR_POLICY`: the rule the attribute broke.
    pub policy: Option<PolicyInfo>,
    /// `NLMSGERR_ATTR_COOKIE`.
    pub cookie: Option<Vec<u8>>,
    /// The request's message type.
    pub request_type: u16,
    /// Whether the error ended a dump (`NLMSG_DONE`) rather than answering a request.
    pub in_dump: bool,
    /// Name of the policy table used for the paths, when there was one.
    pub policy_name: Option<&'static str>,
}

impl KernelError {
    /// Builds the error from an extended ACK, mapping offsets through `request` (the bytes
    /// sent, from the `nlmsghdr`) and `policy` (the request's table, if known).
    #[must_use]
    pub fn from_ack(ack: &ExtAck<'_>, request: &[u8], policy: Option<&'static Policy>) -> Self {
        let offset = ack.offset;
        let attr_type = offset.and_then(|o| attr_type_at(request, o as usize));
        let located = match (policy, offset) {
            (Some(p), Some(o)) => p.locate(request, o as usize),
            _ => None,
        };
        let unknown_type = located.and_then(|l| l.unknown);
        let path = located.map(|l| l.path);
        let missing = ack.missing_type.map(|t| Missing {
            attr_type: t,
            nest_offset: ack.missing_nest,
            path: policy.and_then(|p| p.path_of_missing(request, ack.missing_nest.map(|n| n as usize), t)),
        });
        let request_type =
            request.get(4..6).map_or(0, |b| u16::from_ne_bytes([b[0], b.get(1).copied().unwrap_or(0)]));
        Self {
            errno: ack.errno,
            message: ack.message.map(str::to_owned),
            offset,
            attr_type,
            path,
            unknown_type,
            missing,
            policy: ack.policy,
            cookie: ack.cookie.map(<[u8]>::to_vec),
            request_type,
            in_dump: ack.kind == AckKind::Done,
            policy_name: policy.map(|p| p.name),
        }
    }

    /// The symbolic errno (`EINVAL`), for the common ones.
    #[must_use]
    pub fn errno_name(&self) -> Option<&'static str> {
        errno_name(self.errno)
    }
}

/// Type of the attribute whose header is at `offset` of `request`.
fn attr_type_at(request: &[u8], offset: usize) -> Option<u16> {
    if offset < NLMSG_HDRLEN {
        return None;
    }
    let b = request.get(offset + 2..offset + 4)?;
    Some(u16::from_ne_bytes([*b.first()?, *b.get(1)?]) & NLA_TYPE_MASK)
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errno_name() {
            Some(n) => write!(f, "{n} (errno {})", self.errno)?,
            None => write!(f, "errno {}", self.errno)?,
        }
        if self.in_dump {
            f.write_str(" ending the dump")?;
        }
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        match (&self.path, self.attr_type, self.offset) {
            (Some(p), _, _) if !p.is_empty() => match self.unknown_type {
                Some(t) => write!(f, " (at `{p}` → type {t})")?,
                None => write!(f, " (at `{p}`)")?,
            },
            (_, Some(t), Some(o)) => write!(f, " (attribute type {t} at byte {o} of the request)")?,
            (_, None, Some(o)) => write!(f, " (at byte {o} of the request)")?,
            _ => {}
        }
        if let Some(m) = &self.missing {
            match &m.path {
                Some(p) => write!(f, " (missing `{p}`)")?,
                None => write!(f, " (missing attribute type {})", m.attr_type)?,
            }
        }
        if let Some(p) = &self.policy {
            write!(f, " ({p})")?;
        }
        Ok(())
    }
}

impl std::error::Error for KernelError {}

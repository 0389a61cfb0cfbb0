//! Record a real exchange to a fixture file, and replay it through the same code path.
//!
//! # File format
//!
//! One file per recording, all integers little-endian:
//!
//! ```text
//! magic    8 bytes  "NLSOCK01"
//! port     u32      the local port id during the recording
//! protocol i32      the netlink protocol
//! then records until the end of the file:
//!   kind   u8       b'S' datagram sent, b'R' datagram received, b'E' receive error
//!   arg    u32      'R': the sender's port id; 'E': the errno; 'S': 0
//!   len    u32      'R': the datagram's real length; otherwise the stored length
//!   stored u32      bytes that follow (smaller than len when the datagram was truncated)
//!   bytes  [stored]
//! ```
//!
//! Datagram bytes are stored exactly as sent and received (netlink headers in host
//! order). [`Replayer`] checks that every request sent equals the recorded one byte for
//! byte, then hands back the recorded datagrams and errors in order, so the socket code
//! that runs over it is the code that ran against the kernel.

use std::collections::VecDeque;
use std::fs;
use std::io;
use std::path::Path;

use super::{Received, Transport};

const MAGIC: &[u8; 8] = b"NLSOCK01";

/// One recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordedEvent {
    /// A datagram the socket sent.
    Sent(Vec<u8>),
    /// A datagram the socket received.
    Received {
        /// The sender's port id.
        sender: u32,
        /// Its real length (more than `bytes.len()` when it was truncated).
        len: usize,
        /// What was received.
        bytes: Vec<u8>,
    },
    /// A receive that failed with this errno (`EAGAIN`, `ENOBUFS`...).
    Error(i32),
}

/// A whole recording: the socket's identity and its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recording {
    /// The local port id while recording.
    pub port: u32,
    /// The netlink protocol.
    pub protocol: i32,
    /// What happened, in order.
    pub events: Vec<RecordedEvent>,
}

fn u32_le(n: usize) -> [u8; 4] {
    u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes()
}

impl Recording {
    /// Serialises the recording in the documented format.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.port.to_le_bytes());
        out.extend_from_slice(&self.protocol.to_le_bytes());
        for e in &self.events {
            let (kind, arg, len, bytes): (u8, u32, usize, &[u8]) = match e {
                RecordedEvent::Sent(b) => (b'S', 0, b.len(), b),
                RecordedEvent::Received { sender, len, bytes } => (b'R', *sender, *len, bytes),
                RecordedEvent::Error(errno) => (b'E', errno.unsigned_abs(), 0, &[]),
            };
            out.push(kind);
            out.extend_from_slice(&arg.to_le_bytes());
            out.extend_from_slice(&u32_le(len));
            out.extend_from_slice(&u32_le(bytes.len()));
            out.extend_from_slice(bytes);
        }
        out
    }

    /// Parses the documented format.
    ///
    /// # Errors
    /// `InvalidData` for a wrong magic, an unknown record kind, or a truncated record.
    pub fn from_bytes(bytes: &[u8]) -> io::Result<Self> {
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("recording: {what}"));
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8).ok_or_else(|| bad("too short"))? != MAGIC {
            return Err(bad("not an NLSOCK01 recording"));
        }
        let port = r.u32().ok_or_else(|| bad("truncated header"))?;
        let protocol = i32::from_le_bytes(r.u32().ok_or_else(|| bad("truncated header"))?.to_le_bytes());
        let mut events = Vec::new();
        while r.pos < bytes.len() {
            let at = r.pos;
            let truncated = || bad(&format!("truncated record at byte {at}"));
            let kind = *r.take(1).ok_or_else(truncated)?.first().ok_or_else(truncated)?;
            let arg = r.u32().ok_or_else(truncated)?;
            let len = r.u32().ok_or_else(truncated)? as usize;
            let stored = r.u32().ok_or_else(truncated)? as usize;
            let data = r.take(stored).ok_or_else(truncated)?.to_vec();
            events.push(match kind {
                b'S' => RecordedEvent::Sent(data),
                b'R' => RecordedEvent::Received { sender: arg, len: len.max(data.len()), bytes: data },
                b'E' => RecordedEvent::Error(i32::try_from(arg).unwrap_or(i32::MAX)),
                k => return Err(bad(&format!("unknown record kind {k:#x} at byte {at}"))),
            });
        }
        Ok(Self { port, protocol, events })
    }

    /// Reads a recording file.
    ///
    /// # Errors
    /// Reading failing, or as [`from_bytes`](Self::from_bytes).
    pub fn load(path: impl AsRef<Path>) -> io::Result<Self> {
        Self::from_bytes(&fs::read(path)?)
    }

    /// Writes a recording file.
    ///
    /// # Errors
    /// Writing failing.
    pub fn save(&self, path: impl AsRef<Path>) -> io::Result<()> {
        fs::write(path, self.to_bytes())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([*b.first()?, *b.get(1)?, *b.get(2)?, *b.get(3)?]))
    }
}

/// Wraps a transport and records everything that passes through it.
#[derive(Debug)]
pub struct Recorder<T> {
    inner: T,
    recording: Recording,
}

impl<T: Transport> Recorder<T> {
    /// Records the traffic of `inner` (netlink `protocol`, for the file header).
    #[must_use]
    pub fn new(inner: T, protocol: i32) -> Self {
        let port = inner.port_id();
        Self { inner, recording: Recording { port, protocol, events: Vec::new() } }
    }

    /// What was recorded so far.
    #[must_use]
    pub fn recording(&self) -> &Recording {
        &self.recording
    }

    /// The wrapped transport.
    #[must_use]
    pub fn inner(&self) -> &T {
        &self.inner
    }

    /// Gives back the transport and the recording.
    #[must_use]
    pub fn into_parts(self) -> (T, Recording) {
        (self.inner, self.recording)
    }

    fn error(&mut self, e: io::Error) -> io::Error {
        if let Some(errno) = e.raw_os_error() {
            self.recording.events.push(RecordedEvent::Error(errno));
        }
        e
    }
}

impl<T: Transport> Transport for Recorder<T> {
    fn port_id(&self) -> u32 {
        self.inner.port_id()
    }

    fn peer(&self) -> u32 {
        self.inner.peer()
    }

    fn send(&mut self, datagram: &[u8]) -> io::Result<()> {
        self.recording.events.push(RecordedEvent::Sent(datagram.to_vec()));
        self.inner.send(datagram)
    }

    fn peek_len(&mut self) -> io::Result<usize> {
        self.inner.peek_len().map_err(|e| self.error(e))
    }

    fn recv(&mut self, buf: &mut [u8]) -> io::Result<Received> {
        match self.inner.recv(buf) {
            Ok(got) => {
                let stored = got.len.min(buf.len());
                self.recording.events.push(RecordedEvent::Received {
                    sender: got.sender,
                    len: got.len,
                    bytes: buf.get(..stored).unwrap_or_default().to_vec(),
                });
                Ok(got)
            }
            Err(e) => Err(self.error(e)),
        }
    }
}

/// Plays a [`Recording`] back as a transport.
#[derive(Debug)]
pub struct Replayer {
    port: u32,
    events: VecDeque<RecordedEvent>,
    sent: usize,
}

impl Replayer {
    /// A replayer of `recording`.
    #[must_use]
    pub fn new(recording: Recording) -> Self {
        Self { port: recording.port, events: recording.events.into(), sent: 0 }
    }

    /// Loads a recording file.
    ///
    /// # Errors
    /// As [`Recording::load`].
    pub fn load(path: impl AsRef<Path>) -> io::Result<Self> {
        Recording::load(path).map(Self::new)
    }

    /// Events not replayed yet.
    #[must_use]
    pub fn remaining(&self) -> usize {
        self.events.len()
    }

    fn exhausted() -> io::Error {
        io::Error::new(io::ErrorKind::UnexpectedEof, "replay: the recording has no more events")
    }
}

impl Transport for Replayer {
    fn port_id(&self) -> u32 {
        self.port
    }

    fn send(&mut self, datagram: &[u8]) -> io::Result<()> {
        self.sent += 1;
        match self.events.pop_front() {
            Some(RecordedEvent::Sent(b)) if b == datagram => Ok(()),
            Some(RecordedEvent::Sent(b)) => {
                let at =
                    b.iter().zip(datagram).position(|(x, y)| x != y).unwrap_or(b.len().min(datagram.len()));
                Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("replay: request {} differs from the recording at byte {at}", self.sent),
                ))
            }
            Some(other) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("replay: request {} sent where the recording has {other:?}", self.sent),
            )),
            None => Err(Self::exhausted()),
        }
    }

    fn peek_len(&mut self) -> io::Result<usize> {
        match self.events.front() {
            Some(RecordedEvent::Received { len, .. }) => Ok(*len),
            Some(RecordedEvent::Error(e)) => {
                let e = *e;
                self.events.pop_front();
                Err(io::Error::from_raw_os_error(e))
            }
            Some(RecordedEvent::Sent(_)) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "replay: receiving where the recording sends next",
            )),
            None => Err(Self::exhausted()),
        }
    }

    fn recv(&mut self, buf: &mut [u8]) -> io::Result<Received> {
        match self.events.pop_front() {
            Some(RecordedEvent::Received { sender, len, bytes }) => {
                let n = bytes.len().min(buf.len());
                buf[..n].copy_from_slice(&bytes[..n]);
                Ok(Received { len, sender })
            }
            Some(RecordedEvent::Error(e)) => Err(io::Error::from_raw_os_error(e)),
            Some(RecordedEvent::Sent(_)) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "replay: receiving where the recording sends next",
            )),
            None => Err(Self::exhausted()),
        }
    }
}

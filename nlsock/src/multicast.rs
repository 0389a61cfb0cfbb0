//! Multicast: a [`Listener`] joins groups and receives notifications on its own socket.
//!
//! Notifications carry sequence number 0 and arrive whenever the kernel sends them, so
//! they get a socket of their own rather than sharing one with requests. When the receive
//! queue overflows the kernel drops notifications and the next receive fails once with
//! `ENOBUFS`: [`Error::Overrun`]. The listener stays usable; the caller resynchronises
//! (dumps the state again) and keeps receiving.
//!
//! After an overrun the kernel marks the socket congested and keeps dropping its
//! notifications until its receive queue has been read empty. So: on
//! [`Error::Overrun`], read (or discard) what is queued, dump to resynchronise, then go on
//! receiving; a larger receive queue ([`RawSocket::set_recv_buffer_size`]) makes overruns
//! rarer.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

use crate::error::Error;
use crate::request::{OwnedMessage, Rx};
use crate::socket::RawSocket;
use crate::transport::Transport;
use nlattr::Message;

/// A socket that receives multicast notifications.
#[derive(Debug)]
pub struct Listener<T: Transport = RawSocket> {
    transport: T,
    rx: Rx,
}

impl Listener<RawSocket> {
    /// Opens a listener for netlink `protocol` (no group joined yet).
    ///
    /// # Errors
    /// As [`RawSocket::open`].
    pub fn open(protocol: i32) -> io::Result<Self> {
        RawSocket::open(protocol).map(Self::with_transport)
    }

    /// Joins multicast group `group` (`RTNLGRP_LINK`, a generic-netlink group id from
    /// [`Family::group`](crate::genl::Family::group), ...). See also [`leave`](Self::leave).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn join(&self, group: u32) -> io::Result<()> {
        self.transport.join_group(group)
    }

    /// Leaves multicast group `group`. See also [`join`](Self::join).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn leave(&self, group: u32) -> io::Result<()> {
        self.transport.leave_group(group)
    }
}

impl<T: Transport> Listener<T> {
    /// A listener over `transport`.
    #[must_use]
    pub fn with_transport(transport: T) -> Self {
        Self { transport, rx: Rx::new() }
    }

    /// The transport (for a [`RawSocket`]: its options, such as the receive timeout).
    #[must_use]
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The transport, mutably.
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// Datagrams skipped because they did not come from the kernel.
    #[must_use]
    pub fn skipped(&self) -> u64 {
        self.rx.skipped
    }

    /// Receives the next datagram from the kernel and lends each of its messages to `f`;
    /// returns how many there were.
    ///
    /// # Errors
    /// [`Error::Overrun`] when notifications were lost (resync, then call again),
    /// [`Error::Timeout`], [`Error::Malformed`] (after the messages before the bad one were
    /// delivered), or `f`'s own error.
    pub fn recv_with<F>(&mut self, mut f: F) -> Result<usize, Error>
    where
        F: FnMut(Message<'_>) -> Result<(), Error>,
    {
        self.rx.fill(&mut self.transport)?;
        let mut n = 0;
        while let Some(next) = self.rx.next_in_datagram() {
            let (h, r) = next?;
            f(self.rx.message(h, r))?;
            n += 1;
        }
        Ok(n)
    }

    /// Receives the next datagram from the kernel and copies out its messages.
    ///
    /// # Errors
    /// As [`recv_with`](Self::recv_with).
    pub fn recv(&mut self) -> Result<Vec<OwnedMessage>, Error> {
        let mut out = Vec::new();
        self.recv_with(|m| {
            out.push(OwnedMessage::from_message(&m));
            Ok(())
        })?;
        Ok(out)
    }
}

impl AsFd for Listener<RawSocket> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.transport.as_fd()
    }
}

impl AsRawFd for Listener<RawSocket> {
    fn as_raw_fd(&self) -> RawFd {
        self.transport.as_raw_fd()
    }
}

//! The `Transport` seam: where datagrams come from and go to.
//!
//! [`Socket`](crate::Socket) runs the whole request lifecycle over a [`Transport`]:
//! - [`RawSocket`](crate::RawSocket) (module [`real`]): the kernel;
//! - [`FakeKernel`] (module [`fake`]): a kernel a test scripts, no socket, no privilege;
//! - [`Recorder`] and [`Replayer`] (module [`record`]): record a real exchange to a fixture
//!   file, then replay it through the same code path.

use std::io;

pub mod fake;
pub mod real;
pub mod record;

pub use fake::{ExtAckSpec, FakeKernel, Replies};
pub use record::{Recorder, Recording, Replayer};

/// What one receive returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Received {
    /// The datagram's real length; larger than the buffer when it did not fit (the rest is
    /// lost, as with `MSG_TRUNC`).
    pub len: usize,
    /// The sender's port id: 0 for the kernel.
    pub sender: u32,
}

/// A datagram pipe to the kernel (or something that behaves like it).
///
/// Errors follow the socket's: `EAGAIN`/`EWOULDBLOCK` after the receive timeout, `ENOBUFS`
/// after the receive queue overflowed.
pub trait Transport {
    /// The local port id (what the kernel writes into replies' `nlmsg_pid`).
    fn port_id(&self) -> u32;

    /// The port id requests go to and replies must come from: 0, the kernel, unless the
    /// transport talks to a userspace peer.
    fn peer(&self) -> u32 {
        0
    }

    /// Sends one datagram to the kernel (or the [`peer`](Self::peer)).
    ///
    /// # Errors
    /// The send failing, or sending less than the whole datagram.
    fn send(&mut self, datagram: &[u8]) -> io::Result<()>;

    /// Waits for the next datagram and returns its length without consuming it
    /// (`MSG_PEEK | MSG_TRUNC`).
    ///
    /// # Errors
    /// As the receive would fail.
    fn peek_len(&mut self) -> io::Result<usize>;

    /// Receives the next datagram into `buf`; see [`Received`].
    ///
    /// # Errors
    /// Timeout, overrun, or any other receive failure.
    fn recv(&mut self, buf: &mut [u8]) -> io::Result<Received>;
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn port_id(&self) -> u32 {
        (**self).port_id()
    }
    fn peer(&self) -> u32 {
        (**self).peer()
    }
    fn send(&mut self, datagram: &[u8]) -> io::Result<()> {
        (**self).send(datagram)
    }
    fn peek_len(&mut self) -> io::Result<usize> {
        (**self).peek_len()
    }
    fn recv(&mut self, buf: &mut [u8]) -> io::Result<Received> {
        (**self).recv(buf)
    }
}

//! [`RawSocket`]: an `AF_NETLINK` socket and its options, nothing more.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::time::Duration;

use nlattr::consts::{
    NETLINK_ADD_MEMBERSHIP, NETLINK_CAP_ACK, NETLINK_DROP_MEMBERSHIP, NETLINK_EXT_ACK,
    NETLINK_GET_STRICT_CHK, NETLINK_NO_ENOBUFS, SOL_NETLINK,
};

use crate::sys;

/// A bound `AF_NETLINK` socket: open, bind, options, send and receive datagrams.
///
/// [`RawSocket::open`] binds with port 0 so the kernel assigns the port id (read back
/// with `getsockname(2)`) and turns on `NETLINK_EXT_ACK` and `NETLINK_CAP_ACK`. It has no
/// thread and no runtime; poll it through [`AsFd`] in your own loop if you like.
/// [`Socket`](crate::Socket) runs requests over it.
#[derive(Debug)]
pub struct RawSocket {
    fd: OwnedFd,
    protocol: i32,
    port_id: u32,
    peer: u32,
}

impl RawSocket {
    /// Opens a socket of netlink `protocol` (`NETLINK_ROUTE`, `NETLINK_GENERIC`, ...), binds
    /// it with port 0 and turns on extended ACKs and capped ACKs.
    ///
    /// `socket(2)`, `bind(2)`, `getsockname(2)`, `setsockopt(2)`; see netlink(7).
    ///
    /// # Errors
    /// Any of those calls failing (`EPROTONOSUPPORT` for an unknown protocol).
    pub fn open(protocol: i32) -> io::Result<Self> {
        Self::from_fd(sys::socket(protocol)?, protocol)
    }

    /// Binds and configures a netlink socket created elsewhere (for example in another
    /// network namespace by [`netns`](crate::netns)), as [`open`](Self::open) does.
    ///
    /// # Errors
    /// `bind(2)`, `getsockname(2)` or `setsockopt(2)` failing.
    pub fn from_fd(fd: OwnedFd, protocol: i32) -> io::Result<Self> {
        sys::bind(fd.as_fd(), 0, 0)?;
        let (port_id, _) = sys::getsockname(fd.as_fd())?;
        let s = Self { fd, protocol, port_id, peer: 0 };
        s.set_ext_ack(true)?;
        s.set_cap_ack(true)?;
        Ok(s)
    }

    /// The netlink protocol the socket was opened for.
    #[must_use]
    pub fn protocol(&self) -> i32 {
        self.protocol
    }

    /// The port id the kernel assigned at bind time.
    #[must_use]
    pub fn port_id(&self) -> u32 {
        self.port_id
    }

    /// The port id [`Transport`](crate::transport::Transport) sends to and accepts replies
    /// from: 0 (the kernel) unless [`set_peer`](Self::set_peer) changed it.
    #[must_use]
    pub fn peer(&self) -> u32 {
        self.peer
    }

    /// Talks to the userspace netlink socket bound to `port` instead of the kernel: requests
    /// go there and only its datagrams are accepted. See also [`peer`](Self::peer).
    pub fn set_peer(&mut self, port: u32) {
        self.peer = port;
    }

    fn set_bool(&self, name: i32, on: bool) -> io::Result<()> {
        sys::setsockopt_int(self.fd.as_fd(), SOL_NETLINK, name, i32::from(on))
    }

    fn bool_opt(&self, name: i32) -> io::Result<bool> {
        sys::getsockopt_int(self.fd.as_fd(), SOL_NETLINK, name).map(|v| v != 0)
    }

    /// `NETLINK_EXT_ACK`: errors carry a message, an attribute offset, a policy (on by
    /// default). See also [`ext_ack`](Self::ext_ack).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn set_ext_ack(&self, on: bool) -> io::Result<()> {
        self.set_bool(NETLINK_EXT_ACK, on)
    }

    /// Whether `NETLINK_EXT_ACK` is on. See also [`set_ext_ack`](Self::set_ext_ack).
    ///
    /// # Errors
    /// `getsockopt(2)` failing.
    pub fn ext_ack(&self) -> io::Result<bool> {
        self.bool_opt(NETLINK_EXT_ACK)
    }

    /// `NETLINK_CAP_ACK`: error messages echo only the request's header, not its payload
    /// (on by default). See also [`cap_ack`](Self::cap_ack).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn set_cap_ack(&self, on: bool) -> io::Result<()> {
        self.set_bool(NETLINK_CAP_ACK, on)
    }

    /// Whether `NETLINK_CAP_ACK` is on. See also [`set_cap_ack`](Self::set_cap_ack).
    ///
    /// # Errors
    /// `getsockopt(2)` failing.
    pub fn cap_ack(&self) -> io::Result<bool> {
        self.bool_opt(NETLINK_CAP_ACK)
    }

    /// `NETLINK_GET_STRICT_CHK` (rtnetlink): the kernel checks the fixed header and the
    /// attributes of `GET` requests strictly and filters dumps (off by default). See also
    /// [`strict_checking`](Self::strict_checking).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn set_strict_checking(&self, on: bool) -> io::Result<()> {
        self.set_bool(NETLINK_GET_STRICT_CHK, on)
    }

    /// Whether `NETLINK_GET_STRICT_CHK` is on. See also
    /// [`set_strict_checking`](Self::set_strict_checking).
    ///
    /// # Errors
    /// `getsockopt(2)` failing.
    pub fn strict_checking(&self) -> io::Result<bool> {
        self.bool_opt(NETLINK_GET_STRICT_CHK)
    }

    /// `NETLINK_NO_ENOBUFS`: do not report receive-queue overruns (off by default, so that
    /// an overrun reaches the caller as [`Error::Overrun`](crate::Error::Overrun)).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn set_no_enobufs(&self, on: bool) -> io::Result<()> {
        self.set_bool(NETLINK_NO_ENOBUFS, on)
    }

    /// `SO_RCVTIMEO`: how long a receive waits before [`Error::Timeout`](crate::Error::Timeout);
    /// `None` waits forever (the default). See also [`recv_timeout`](Self::recv_timeout).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn set_recv_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        sys::set_recv_timeout(self.fd.as_fd(), timeout)
    }

    /// The receive timeout. See also [`set_recv_timeout`](Self::set_recv_timeout).
    ///
    /// # Errors
    /// `getsockopt(2)` failing.
    pub fn recv_timeout(&self) -> io::Result<Option<Duration>> {
        sys::recv_timeout(self.fd.as_fd())
    }

    /// `SO_RCVBUF`: the kernel's receive queue size in bytes (the kernel doubles the value
    /// and caps it at `net.core.rmem_max`). See also [`recv_buffer_size`](Self::recv_buffer_size).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn set_recv_buffer_size(&self, bytes: usize) -> io::Result<()> {
        let v = i32::try_from(bytes).unwrap_or(i32::MAX);
        sys::setsockopt_int(self.fd.as_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, v)
    }

    /// `SO_RCVBUFFORCE`: like [`set_recv_buffer_size`](Self::set_recv_buffer_size) past
    /// `rmem_max` (needs `CAP_NET_ADMIN`).
    ///
    /// # Errors
    /// `setsockopt(2)` failing (`EPERM` without the capability).
    pub fn force_recv_buffer_size(&self, bytes: usize) -> io::Result<()> {
        let v = i32::try_from(bytes).unwrap_or(i32::MAX);
        sys::setsockopt_int(self.fd.as_fd(), libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, v)
    }

    /// The effective receive queue size (`SO_RCVBUF`). See also
    /// [`set_recv_buffer_size`](Self::set_recv_buffer_size).
    ///
    /// # Errors
    /// `getsockopt(2)` failing.
    pub fn recv_buffer_size(&self) -> io::Result<usize> {
        let v = sys::getsockopt_int(self.fd.as_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF)?;
        Ok(usize::try_from(v).unwrap_or(0))
    }

    /// Joins multicast group `group` (`NETLINK_ADD_MEMBERSHIP`). See also
    /// [`leave_group`](Self::leave_group).
    ///
    /// # Errors
    /// `setsockopt(2)` failing (`EINVAL` for an unknown group).
    pub fn join_group(&self, group: u32) -> io::Result<()> {
        let g = i32::try_from(group).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        sys::setsockopt_int(self.fd.as_fd(), SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, g)
    }

    /// Leaves multicast group `group` (`NETLINK_DROP_MEMBERSHIP`). See also
    /// [`join_group`](Self::join_group).
    ///
    /// # Errors
    /// `setsockopt(2)` failing.
    pub fn leave_group(&self, group: u32) -> io::Result<()> {
        let g = i32::try_from(group).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        sys::setsockopt_int(self.fd.as_fd(), SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, g)
    }

    /// Sends one datagram to port `port` (0 is the kernel) with `sendto(2)`.
    ///
    /// # Errors
    /// `sendto(2)` failing.
    pub fn send_to(&self, datagram: &[u8], port: u32) -> io::Result<usize> {
        sys::sendto(self.fd.as_fd(), datagram, port)
    }

    /// Receives one datagram with `recvfrom(2)` and `MSG_TRUNC`: returns its real length
    /// (larger than `buf` when it did not fit: the rest is lost) and the sender's port id.
    /// With `peek`, the datagram stays queued (`MSG_PEEK`); an empty `buf` then just
    /// measures it.
    ///
    /// # Errors
    /// `recvfrom(2)` failing: `EAGAIN` after the receive timeout, `ENOBUFS` after an overrun.
    pub fn recv_from(&self, buf: &mut [u8], peek: bool) -> io::Result<(usize, u32)> {
        sys::recvfrom(self.fd.as_fd(), buf, peek)
    }
}

impl AsFd for RawSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl AsRawFd for RawSocket {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

impl From<RawSocket> for OwnedFd {
    fn from(s: RawSocket) -> OwnedFd {
        s.fd
    }
}

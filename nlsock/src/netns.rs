//! Network namespaces: sockets opened inside another namespace without moving the caller.
//!
//! A socket belongs to the network namespace it was created in, for its whole life. To get
//! one in another namespace, a short-lived thread enters it (`setns(2)` changes only the
//! calling thread), creates the socket, and hands the descriptor back; the caller's thread
//! never changes namespace.

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use crate::request::Socket;
use crate::socket::RawSocket;
use crate::sys;

/// Where `ip netns add NAME` puts its namespaces.
pub const NETNS_RUN_DIR: &str = "/run/netns";

/// The path of the named namespace `name` (`/run/netns/NAME`).
#[must_use]
pub fn named_path(name: &str) -> PathBuf {
    Path::new(NETNS_RUN_DIR).join(name)
}

/// Creates a netlink socket of `protocol` inside the namespace `ns` refers to, from a
/// short-lived thread; the calling thread stays where it is.
///
/// # Errors
/// `setns(2)` failing (`EPERM` without `CAP_SYS_ADMIN`, `EINVAL` when `ns` is not a network
/// namespace), or `socket(2)` failing.
pub fn socket_in(protocol: i32, ns: BorrowedFd<'_>) -> io::Result<OwnedFd> {
    std::thread::scope(|s| {
        s.spawn(|| {
            sys::setns_net(ns)?;
            sys::socket(protocol)
        })
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the namespace thread panicked")))
    })
}

/// Opens a bound [`RawSocket`] inside the namespace `ns` refers to.
///
/// # Errors
/// As [`socket_in`] and [`RawSocket::from_fd`].
pub fn open_in(protocol: i32, ns: BorrowedFd<'_>) -> io::Result<RawSocket> {
    RawSocket::from_fd(socket_in(protocol, ns)?, protocol)
}

/// Opens a bound [`RawSocket`] inside the namespace at `path` (`/run/netns/NAME`,
/// `/proc/PID/ns/net`, ...).
///
/// # Errors
/// Opening `path` failing, or as [`open_in`].
pub fn open_at(protocol: i32, path: impl AsRef<Path>) -> io::Result<RawSocket> {
    let ns = File::open(path)?;
    open_in(protocol, ns.as_fd())
}

/// Opens a bound [`RawSocket`] inside the named namespace `name` (as `ip netns` names it).
///
/// # Errors
/// As [`open_at`].
pub fn open_named(protocol: i32, name: &str) -> io::Result<RawSocket> {
    open_at(protocol, named_path(name))
}

impl Socket<RawSocket> {
    /// Opens a request socket inside the named network namespace `name`
    /// (`/run/netns/NAME`) without moving the calling thread.
    ///
    /// # Errors
    /// As [`open_named`].
    pub fn open_in_netns(protocol: i32, name: &str) -> io::Result<Self> {
        open_named(protocol, name).map(Self::with_transport)
    }
}

/// Moves the **calling thread** into a new, empty network namespace
/// (`unshare(CLONE_NEWNET)`). Meant for a dedicated thread (tests, sandboxes): sockets that
/// thread creates afterwards live in the new namespace, which disappears with its last
/// socket and thread.
///
/// # Errors
/// `unshare(2)` failing: `EPERM` without `CAP_SYS_ADMIN`.
pub fn unshare_thread() -> io::Result<()> {
    sys::unshare_netns()
}

//! The system calls, and the only `unsafe` code of the crate.
//!
//! One libc call per `unsafe` block, each with a `SAFETY` comment naming what the call's
//! man page guarantees. Everything above this module is safe Rust over owned file
//! descriptors.

use std::io;
use std::mem;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::time::Duration;

/// Turns a `-1` return into the thread's `errno`.
fn check(ret: libc::c_int) -> io::Result<libc::c_int> {
    if ret == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// Turns a `-1` return of a size-returning call into the thread's `errno`.
fn check_size(ret: libc::ssize_t) -> io::Result<usize> {
    usize::try_from(ret).map_err(|_| io::Error::last_os_error())
}

fn nl_addr(pid: u32, groups: u32) -> libc::sockaddr_nl {
    // SAFETY: `sockaddr_nl` is a C struct of integers (and integer padding) for which the
    // all-zero bit pattern is valid; netlink(7) documents zero as "unspecified" for each.
    let mut addr: libc::sockaddr_nl = unsafe { mem::zeroed() };
    addr.nl_family = libc::sa_family_t::try_from(libc::AF_NETLINK).unwrap_or_default();
    addr.nl_pid = pid;
    addr.nl_groups = groups;
    addr
}

const ADDR_LEN: libc::socklen_t = mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t;

/// `socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)`.
pub(crate) fn socket(protocol: i32) -> io::Result<OwnedFd> {
    // SAFETY: socket(2) takes only integer arguments and either fails with -1 or returns a
    // new file descriptor that nothing else owns.
    let fd = check(unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, protocol) })?;
    // SAFETY: `fd` was just returned by socket(2), is open, and is owned by no one else
    // (OwnedFd::from_raw_fd requires exactly that).
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `bind(2)` to port `pid` (0: the kernel picks) and multicast `groups`.
pub(crate) fn bind(fd: BorrowedFd<'_>, pid: u32, groups: u32) -> io::Result<()> {
    let addr = nl_addr(pid, groups);
    // SAFETY: bind(2) reads `addrlen` bytes from `addr`, which points to a live
    // `sockaddr_nl` of exactly that size; `fd` is a valid descriptor borrowed for the call.
    check(unsafe {
        libc::bind(fd.as_raw_fd(), std::ptr::from_ref(&addr).cast::<libc::sockaddr>(), ADDR_LEN)
    })?;
    Ok(())
}

/// `getsockname(2)`: the port id and groups the socket is bound to.
pub(crate) fn getsockname(fd: BorrowedFd<'_>) -> io::Result<(u32, u32)> {
    let mut addr = nl_addr(0, 0);
    let mut len = ADDR_LEN;
    // SAFETY: getsockname(2) writes at most `*len` bytes into `addr`, a live `sockaddr_nl`
    // of that size, and updates `len`; both pointers are valid for the call.
    check(unsafe {
        libc::getsockname(
            fd.as_raw_fd(),
            std::ptr::from_mut(&mut addr).cast::<libc::sockaddr>(),
            std::ptr::addr_of_mut!(len),
        )
    })?;
    Ok((addr.nl_pid, addr.nl_groups))
}

/// `setsockopt(2)` with an `int` value.
pub(crate) fn setsockopt_int(fd: BorrowedFd<'_>, level: i32, name: i32, value: i32) -> io::Result<()> {
    let value: libc::c_int = value;
    // SAFETY: setsockopt(2) reads `optlen` bytes from `optval`, which points to a live
    // `c_int` of exactly that size.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            name,
            std::ptr::from_ref(&value).cast::<libc::c_void>(),
            mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    })?;
    Ok(())
}

/// `getsockopt(2)` of an `int` value.
pub(crate) fn getsockopt_int(fd: BorrowedFd<'_>, level: i32, name: i32) -> io::Result<i32> {
    let mut value: libc::c_int = 0;
    let mut len = mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt(2) writes at most `*optlen` bytes into `optval`, a live `c_int`
    // of that size, and updates `optlen`.
    check(unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            level,
            name,
            std::ptr::from_mut(&mut value).cast::<libc::c_void>(),
            std::ptr::addr_of_mut!(len),
        )
    })?;
    Ok(value)
}

/// `setsockopt(SOL_SOCKET, SO_RCVTIMEO)`; `None` blocks forever.
pub(crate) fn set_recv_timeout(fd: BorrowedFd<'_>, timeout: Option<Duration>) -> io::Result<()> {
    let tv = match timeout {
        None => libc::timeval { tv_sec: 0, tv_usec: 0 },
        Some(d) => {
            let secs = libc::time_t::try_from(d.as_secs()).unwrap_or(libc::time_t::MAX);
            let mut usec = libc::suseconds_t::from(d.subsec_micros());
            if secs == 0 && usec == 0 {
                // A zero timeval means "forever"; the smallest real timeout is 1 µs.
                usec = 1;
            }
            libc::timeval { tv_sec: secs, tv_usec: usec }
        }
    };
    // SAFETY: setsockopt(2) reads `optlen` bytes from `optval`, a live `timeval` of that
    // size, as socket(7) documents for SO_RCVTIMEO.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            std::ptr::from_ref(&tv).cast::<libc::c_void>(),
            mem::size_of::<libc::timeval>() as libc::socklen_t,
        )
    })?;
    Ok(())
}

/// `getsockopt(SOL_SOCKET, SO_RCVTIMEO)`.
pub(crate) fn recv_timeout(fd: BorrowedFd<'_>) -> io::Result<Option<Duration>> {
    let mut tv = libc::timeval { tv_sec: 0, tv_usec: 0 };
    let mut len = mem::size_of::<libc::timeval>() as libc::socklen_t;
    // SAFETY: getsockopt(2) writes at most `*optlen` bytes into `optval`, a live `timeval`
    // of that size, and updates `optlen`.
    check(unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            std::ptr::from_mut(&mut tv).cast::<libc::c_void>(),
            std::ptr::addr_of_mut!(len),
        )
    })?;
    let secs = u64::try_from(tv.tv_sec).unwrap_or(0);
    let micros = u32::try_from(tv.tv_usec).unwrap_or(0);
    Ok((secs != 0 || micros != 0).then(|| Duration::from_secs(secs) + Duration::from_micros(micros.into())))
}

/// `sendto(2)` of one datagram to port `pid` (0: the kernel).
pub(crate) fn sendto(fd: BorrowedFd<'_>, buf: &[u8], pid: u32) -> io::Result<usize> {
    let addr = nl_addr(pid, 0);
    // SAFETY: sendto(2) reads `len` bytes from `buf`, a live slice of that length, and
    // `addrlen` bytes from `dest_addr`, a live `sockaddr_nl` of that size.
    check_size(unsafe {
        libc::sendto(
            fd.as_raw_fd(),
            buf.as_ptr().cast::<libc::c_void>(),
            buf.len(),
            0,
            std::ptr::from_ref(&addr).cast::<libc::sockaddr>(),
            ADDR_LEN,
        )
    })
}

/// `recvfrom(2)` with `MSG_TRUNC` (and `MSG_PEEK` when `peek`): returns the datagram's
/// real length, which exceeds `buf.len()` when the datagram did not fit, and the sender's
/// port id.
pub(crate) fn recvfrom(fd: BorrowedFd<'_>, buf: &mut [u8], peek: bool) -> io::Result<(usize, u32)> {
    let mut addr = nl_addr(u32::MAX, 0);
    let mut len = ADDR_LEN;
    let flags = libc::MSG_TRUNC | if peek { libc::MSG_PEEK } else { 0 };
    // SAFETY: recvfrom(2) writes at most `len` bytes into `buf`, a live mutable slice of that
    // length (a zero length is allowed and writes nothing), and at most `*addrlen` bytes
    // into `src_addr`, a live `sockaddr_nl` of that size. With MSG_TRUNC, netlink(7)
    // returns the real datagram length but still writes no more than `len` bytes.
    let n = check_size(unsafe {
        libc::recvfrom(
            fd.as_raw_fd(),
            buf.as_mut_ptr().cast::<libc::c_void>(),
            buf.len(),
            flags,
            std::ptr::from_mut(&mut addr).cast::<libc::sockaddr>(),
            std::ptr::addr_of_mut!(len),
        )
    })?;
    Ok((n, addr.nl_pid))
}

/// `unshare(CLONE_NEWNET)`: moves the calling thread into a new network namespace.
pub(crate) fn unshare_netns() -> io::Result<()> {
    // SAFETY: unshare(2) takes an integer flag set and changes only the calling thread's
    // namespace membership; it touches no memory of ours.
    check(unsafe { libc::unshare(libc::CLONE_NEWNET) })?;
    Ok(())
}

/// `setns(fd, CLONE_NEWNET)`: moves the calling thread into the namespace `fd` refers to.
pub(crate) fn setns_net(fd: BorrowedFd<'_>) -> io::Result<()> {
    // SAFETY: setns(2) takes a descriptor (valid: borrowed for the call) and an integer
    // flag; it changes only the calling thread's network namespace.
    check(unsafe { libc::setns(fd.as_raw_fd(), libc::CLONE_NEWNET) })?;
    Ok(())
}

//! Shared by the `policy_*` tests: a private network namespace per test, and a socket.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::time::Duration;

use nlattr::consts::NETLINK_GENERIC;
use nlsock::{RawSocket, Socket};

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Runs `body` on a thread moved into a new network namespace (`unshare(CLONE_NEWNET)`),
/// so nothing the test sends reaches the host's. Without the privilege it prints a
/// `skipped:` line and returns `None`.
pub fn in_netns<T: Send + 'static>(test: &str, body: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let h = std::thread::spawn(move || match nlsock::netns::unshare_thread() {
        Ok(()) => Some(body()),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EPERM) | Some(libc::EACCES)) => None,
        Err(e) => panic!("unshare(CLONE_NEWNET): {e}"),
    });
    match h.join() {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            println!("skipped: {test}: unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN");
            None
        }
        Err(p) => std::panic::resume_unwind(p),
    }
}

/// A generic-netlink socket with a receive timeout, so that a wrong expectation fails
/// instead of hanging.
pub fn genl() -> Res<Socket> {
    let raw = RawSocket::open(NETLINK_GENERIC)?;
    raw.set_recv_timeout(Some(Duration::from_secs(5)))?;
    Ok(Socket::with_transport(raw))
}

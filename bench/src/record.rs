//! Records the IPv4 route dump fixture with the `nlsock` record transport.

use std::path::Path;

use nlattr::consts::{AF_INET, NETLINK_ROUTE, RTM_GETROUTE};
use nlsock::transport::Recorder;
use nlsock::{Raw, Socket};

use crate::netns::Netns;

/// Number of routes the fixture's namespace is given.
pub const ROUTES: usize = 20_000;

/// The `rtmsg` of an IPv4 route dump request.
#[must_use]
pub fn dump_request() -> [u8; 12] {
    let mut h = [0u8; 12];
    h[0] = AF_INET;
    h
}

/// Fills a private namespace with [`ROUTES`] routes, dumps them through a [`Recorder`],
/// and saves the recording to `path`. Returns the number of route messages.
///
/// # Errors
/// Not root, `ip` failing, or the dump failing.
pub fn record(path: &Path) -> Result<usize, Box<dyn std::error::Error>> {
    let ns = Netns::with_routes("record", ROUTES)?;
    let raw = nlsock::netns::open_named(NETLINK_ROUTE, ns.name())?;
    let mut s = Socket::with_transport(Recorder::new(raw, NETLINK_ROUTE));
    let mut n = 0usize;
    s.dump_with(RTM_GETROUTE, 0, &Raw::new(&dump_request()), |_| {
        n += 1;
        Ok(())
    })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    s.into_transport().recording().save(path)?;
    Ok(n)
}

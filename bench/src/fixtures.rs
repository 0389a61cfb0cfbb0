//! The captured bytes every contender decodes: datagrams as the kernel returned them.

use std::io;
use std::path::PathBuf;

use nlsock::transport::record::{RecordedEvent, Recording};

/// The project's `tests/fixtures` folder.
#[must_use]
pub fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
}

/// Where the recorded 20,000-route IPv4 dump lives.
#[must_use]
pub fn route_v4_path() -> PathBuf {
    dir().join("recorded/route_v4_20k/rtm_getroute_v4_dump.nlrec")
}

/// One dump: its datagrams, boundaries kept.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// A short name (`route_v4`, `route_v6`, `link`, `genl_family`).
    pub name: &'static str,
    /// The datagrams, in order.
    pub datagrams: Vec<Vec<u8>>,
}

impl Fixture {
    /// Reads `corpus/<folder>/reply-NNN.bin` in order.
    ///
    /// # Errors
    /// A missing or unreadable folder.
    pub fn corpus(name: &'static str, folder: &str) -> io::Result<Self> {
        let base = dir().join("corpus").join(folder);
        let mut datagrams = Vec::new();
        for i in 0.. {
            let p = base.join(format!("reply-{i:03}.bin"));
            if !p.exists() {
                break;
            }
            datagrams.push(std::fs::read(p)?);
        }
        if datagrams.is_empty() {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("no replies in {}", base.display())));
        }
        Ok(Self { name, datagrams })
    }

    /// Reads the datagrams received in an `nlsock` recording.
    ///
    /// # Errors
    /// A missing or malformed recording.
    pub fn recorded(name: &'static str, path: &std::path::Path) -> io::Result<Self> {
        let rec = Recording::load(path)?;
        let datagrams = rec
            .events
            .into_iter()
            .filter_map(|e| match e {
                RecordedEvent::Received { bytes, .. } => Some(bytes),
                _ => None,
            })
            .collect();
        Ok(Self { name, datagrams })
    }

    /// The four decode fixtures: IPv4 routes (recorded), IPv6 routes, links, genl families.
    ///
    /// # Errors
    /// A fixture missing.
    pub fn all() -> io::Result<Vec<Self>> {
        Ok(vec![
            Self::recorded("route_v4", &route_v4_path())?,
            Self::corpus("route_v6", "rtm_getroute_v6_dump_32k")?,
            Self::corpus("link", "rtm_getlink_dump")?,
            Self::corpus("genl_family", "genl_ctrl_getfamily_dump")?,
        ])
    }

    /// Total bytes.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.datagrams.iter().map(Vec::len).sum()
    }
}

/// Splits a datagram into `(type, message bytes)` by the `nlmsghdr` lengths, stopping at the
/// first malformed header. Shared by the contenders that have no framing of their own.
pub fn frames(dg: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let rest = dg.get(pos..)?;
        let h = rest.get(..16)?;
        let len = u32::from_ne_bytes([h[0], h[1], h[2], h[3]]) as usize;
        let ty = u16::from_ne_bytes([h[4], h[5]]);
        let msg = rest.get(..len).filter(|_| len >= 16)?;
        pos += (len + 3) & !3;
        Some((ty, msg))
    })
}

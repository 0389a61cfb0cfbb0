//! A blocking, thread-free netlink socket for `nlattr` messages.
//!
//! `nlsock` runs the whole netlink request lifecycle on one socket, with no thread and no
//! runtime: open and bind, options, send a request, receive its reply and ACK (or its dump
//! up to `NLMSG_DONE`), and turn what the kernel says into typed outcomes.
//!
//! ```
//! use nlattr::consts::{GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_NAME};
//! use nlsock::transport::{ExtAckSpec, FakeKernel};
//! use nlsock::{Error, Socket};
//!
//! // A fake kernel that does not know the family, as the real one answers.
//! let mut fake = FakeKernel::new(1234);
//! fake.on_request(|_req, r| {
//!     r.error(libc::ENOENT, &ExtAckSpec::default());
//! });
//! let mut sock = Socket::with_transport(fake);
//! match sock.resolve_family("nosuchfamily") {
//!     Err(Error::Kernel(k)) => assert_eq!(k.errno, libc::ENOENT),
//!     other => panic!("{other:?}"),
//! }
//! ```
//!
//! With the kernel, `Socket::open(nlattr::consts::NETLINK_GENERIC)?` gives the same
//! socket over a real `AF_NETLINK` descriptor.
//!
//! # What it gets right
//! - **Receiving**: a buffer of at least 32 KiB; each datagram is measured with
//!   `MSG_PEEK | MSG_TRUNC` first and the buffer grows, so no datagram is cut silently.
//! - **Checks**: a datagram must come from the kernel (port 0); a message must parse and
//!   carry the request's sequence number and the socket's port id. Anything else is
//!   skipped ([`Socket::skipped`]), never taken for the reply.
//! - **`do`** ([`Socket::request`]): the reply, then the ACK, possibly in a later datagram;
//!   multi-part replies. **Dumps**: collected ([`Socket::dump_map`],
//!   [`Socket::dump_decode`]), streamed ([`Socket::dump`]), or lent to a closure a message
//!   at a time ([`Socket::dump_with`]) or a datagram at a time ([`Socket::dump_batches`],
//!   so that one value decoded in place serves every message of it); an abandoned dump is
//!   drained, so the next request does not get `EBUSY`.
//! - **Errors** ([`Error`]): the kernel's errno and message, the offending attribute's Rust
//!   field path mapped through the request's policy table, the missing attribute, the
//!   policy it broke, the cookie ([`KernelError`]); warnings on success; `DUMP_INTR`
//!   ([`retry_interrupted`]); overruns; timeouts; truncation; malformed replies.
//! - **Multicast** ([`Listener`]), **generic netlink** ([`genl`]: families by name, cached,
//!   operations, groups, policy dumps), **network namespaces** ([`netns`]).
//! - **Testing without a kernel** ([`transport`]): a scripted [`FakeKernel`](transport::FakeKernel)
//!   and record/replay of real exchanges.
//!
//! # Safety
//! Every `unsafe` block is in the private `sys` module: one system call per block, each
//! with a `SAFETY` comment. The rest of the crate denies `unsafe_code`.
//!
//! # MSRV
//! Rust 1.81.
#![deny(unsafe_code)]

pub mod error;
pub mod genl;
pub mod multicast;
pub mod netns;
pub mod policy_check;
pub mod request;
pub mod socket;
#[allow(unsafe_code)] // the one module that makes system calls; see its docs
mod sys;
pub mod transport;

pub use error::{Error, KernelError, Missing};
pub use genl::Family;
pub use multicast::Listener;
pub use request::{
    retry_interrupted, Batch, Dump, DumpEnd, OwnedMessage, Payload, Raw, Reply, Socket, MIN_RECV_BUFFER,
};
pub use socket::RawSocket;

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

impl AsFd for Socket<RawSocket> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.transport().as_fd()
    }
}

impl AsRawFd for Socket<RawSocket> {
    fn as_raw_fd(&self) -> RawFd {
        self.transport().as_raw_fd()
    }
}

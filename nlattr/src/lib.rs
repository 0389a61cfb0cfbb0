//! The netlink wire format, exact and total.
//!
//! `nlattr` reads and writes what the kernel's netlink documentation describes: a fixed
//! [`NlMsgHdr`](header::NlMsgHdr), a family header, then type-length-value attributes.
//! Every decoder here is total over arbitrary bytes (no panic, no endless loop, an error
//! with an absolute byte offset instead), and every encoder refuses what the kernel would
//! misread (a length that does not fit its field, a string holding a NUL).
//!
//! ```
//! use nlattr::{consts::*, header::GenlMsgHdr, iter::messages, writer::Writer};
//!
//! // Encode CTRL_CMD_GETFAMILY for "test1", the request in the kernel's netlink intro.
//! let mut buf = Vec::new();
//! let mut w = Writer::new(&mut buf);
//! let msg = w.begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
//! w.put_struct(&GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 })?;
//! w.attr(CTRL_ATTR_FAMILY_NAME, "test1")?;
//! w.end_message(msg)?;
//! assert_eq!(buf.len(), 32);
//!
//! // Decode it back.
//! let msg = messages(&buf).next().unwrap()?;
//! let name: &str = msg.attrs_after(4).next().unwrap()?.get()?;
//! assert_eq!(name, "test1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//! - `std` (default): implies `alloc`; nothing else yet.
//! - `alloc` (default): owned payload types (`String`, `Vec<u8>`, `CString`) and writing
//!   into a `Vec`.
//!
//! Without either, everything borrows and the writer fills a caller's `&mut [u8]`.
//!
//! # Safety
//! `#![forbid(unsafe_code)]`: fixed headers go through `zerocopy`'s checked conversions.
//!
//! # MSRV
//! Rust 1.81.
#![no_std]
#![forbid(unsafe_code)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod codec;
pub mod consts;
pub mod dump;
pub mod error;
pub mod extack;
pub mod header;
pub mod iter;
pub mod policy;
pub mod writer;

pub use codec::{Decode, Encode};
pub use error::{DecodeError, DecodeErrorKind, EncodeError, FieldPath, Segment};
pub use extack::{AckKind, ExtAck, PolicyInfo};
pub use iter::{messages, Attr, Attrs, Message, Messages};
pub use writer::Writer;

/// `zerocopy`, re-exported so that derived code and users name the same version.
pub use zerocopy;

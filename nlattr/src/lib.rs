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

// Derived code names `::nlattr`, also inside this crate.
extern crate self as nlattr;

pub mod attributes;
pub mod codec;
pub mod consts;
pub mod error;
pub mod extack;
#[cfg(feature = "alloc")]
pub mod families;
pub mod header;
pub mod iter;
pub mod policy;
#[doc(hidden)]
pub mod private;
pub mod set;
pub mod writer;

pub use codec::{Decode, Encode};
pub use error::{DecodeError, DecodeErrorKind, EncodeError, FieldPath, Segment};
pub use extack::{AckKind, ExtAck, PolicyInfo};
pub use iter::{messages, Attr, Attrs, Message, Messages};
pub use writer::Writer;

/// Derives an attribute set (struct) or the enum form (one variant per attribute type).
///
/// See [`attributes`] for every keyword with a runnable example. On a struct it implements
/// [`Encode`] (`FLAGS = NLA_F_NESTED`), [`Decode`], [`HasPolicy`](policy::HasPolicy) and
/// [`AttrSet`]; on an enum, [`AttrEnum`] and `HasPolicy`.
///
/// ```
/// use nlattr::{AttrSet, Decode, NlAttrs};
///
/// #[derive(NlAttrs, Debug, PartialEq)]
/// struct Family<'a> {
///     #[nla(type = 1)]
///     id: u16,
///     #[nla(type = 2, max_len = 15)]
///     name: &'a str,
///     #[nla(type = 3)]
///     version: Option<u32>,
/// }
///
/// let f = Family { id: 16, name: "nlctrl", version: None };
/// let bytes = f.to_message_vec(0x10, 1, 1, 0)?;
/// let msg = nlattr::messages(&bytes).next().unwrap()?;
/// assert_eq!(Family::decode_message(&msg)?, f);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use nlattr_derive::NlAttrs;

/// Derives a sub-message: an enum whose variant the value of a sibling attribute selects
/// (`#[nla(select = "veth")]`), with an optional `#[nla(other)]` variant keeping unknown
/// formats. See [`attributes`](attributes#submsg).
pub use nlattr_derive::NlSubMsg;

/// Derives [`Encode`] and [`Decode`] for a value enum (`#[nla(repr = u8)]`, an
/// `#[nla(other)]` variant keeping unknown values) or an integer newtype (flag sets keep
/// unknown bits). See [`attributes`](attributes#nlvalue).
pub use nlattr_derive::NlValue;

#[cfg(feature = "alloc")]
pub use set::OwnedAttr;
pub use set::{AttrEnum, AttrSet, RawAttr, Selector, SubMessage, SubMessageDecode};

/// `zerocopy`, re-exported so that derived code and users name the same version.
pub use zerocopy;

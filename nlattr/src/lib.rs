//! The netlink wire format, exact and total.
//!
//! `nlattr` reads and writes what the kernel's netlink documentation describes: a fixed
//! [`NlMsgHdr`](header::NlMsgHdr), a family header, then type-length-value attributes.
//! Every decoder here is total over arbitrary bytes (no panic, no endless loop, an error
//! with an absolute byte offset instead), and every encoder refuses what the kernel would
//! misread (a length that does not fit its field, a string holding a NUL).
//!
//! Decode a message a kernel sent, then encode it again, byte for byte:
//!
//! ```
//! use nlattr::consts::*;
//! use nlattr::header::{read_header, GenlMsgHdr};
//! use nlattr::{messages, Writer};
//!
//! // The reply to CTRL_CMD_GETFAMILY "nlctrl", as a Linux 6.18 kernel sent it on x86_64
//! // (netlink is host-endian: these bytes are little-endian).
//! # if cfg!(target_endian = "big") { return Ok(()); }
//! const REPLY: [u8; 136] = [
//!     0x88, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x06, 0x40, 0x00, 0x00,
//!     0x01, 0x02, 0x00, 0x00, 0x0b, 0x00, 0x02, 0x00, 0x6e, 0x6c, 0x63, 0x74, 0x72, 0x6c, 0x00, 0x00,
//!     0x06, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x08, 0x00, 0x03, 0x00, 0x02, 0x00, 0x00, 0x00,
//!     0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00,
//!     0x2c, 0x00, 0x06, 0x00, 0x14, 0x00, 0x01, 0x00, 0x08, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00,
//!     0x08, 0x00, 0x02, 0x00, 0x0e, 0x00, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x08, 0x00, 0x01, 0x00,
//!     0x0a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x02, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x07, 0x00,
//!     0x18, 0x00, 0x01, 0x00, 0x08, 0x00, 0x02, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x01, 0x00,
//!     0x6e, 0x6f, 0x74, 0x69, 0x66, 0x79, 0x00, 0x00,
//! ];
//!
//! let msg = messages(&REPLY).next().expect("one message")?;
//! assert_eq!((msg.ty(), msg.seq()), (GENL_ID_CTRL, 12));
//! let genl: GenlMsgHdr = read_header(msg.payload, msg.payload_offset())?;
//!
//! let (mut name, mut id, mut version, mut hdrsize, mut maxattr) = ("", 0u16, 0u32, 0u32, 0u32);
//! let (mut ops, mut groups) = (Vec::new(), Vec::new());
//! for attr in msg.attrs_after(4) {
//!     let attr = attr?;
//!     match attr.ty() {
//!         CTRL_ATTR_FAMILY_NAME => name = attr.get()?,
//!         CTRL_ATTR_FAMILY_ID => id = attr.get()?,
//!         CTRL_ATTR_VERSION => version = attr.get()?,
//!         CTRL_ATTR_HDRSIZE => hdrsize = attr.get()?,
//!         CTRL_ATTR_MAXATTR => maxattr = attr.get()?,
//!         // Nests of nests indexed 1, 2, ...; the kernel does not flag them NLA_F_NESTED.
//!         CTRL_ATTR_OPS => for op in attr.nested() {
//!             let (mut op_id, mut flags) = (0u32, 0u32);
//!             for field in op?.nested() {
//!                 let field = field?;
//!                 match field.ty() {
//!                     CTRL_ATTR_OP_ID => op_id = field.get()?,
//!                     CTRL_ATTR_OP_FLAGS => flags = field.get()?,
//!                     _ => {}
//!                 }
//!             }
//!             ops.push((op_id, flags));
//!         },
//!         CTRL_ATTR_MCAST_GROUPS => for group in attr.nested() {
//!             let (mut grp_name, mut grp_id) = ("", 0u32);
//!             for field in group?.nested() {
//!                 let field = field?;
//!                 match field.ty() {
//!                     CTRL_ATTR_MCAST_GRP_NAME => grp_name = field.get()?,
//!                     CTRL_ATTR_MCAST_GRP_ID => grp_id = field.get()?,
//!                     _ => {}
//!                 }
//!             }
//!             groups.push((grp_name, grp_id));
//!         },
//!         _ => {}
//!     }
//! }
//! assert_eq!((name, id, version), ("nlctrl", GENL_ID_CTRL, 2));
//! assert_eq!(ops, [(3, 0xe), (10, 0xc)]);
//! assert_eq!(groups, [("notify", 16)]);
//!
//! // Encode it again, in the kernel's order and without NLA_F_NESTED on the arrays, as it
//! // wrote them (`begin_attr` takes the type word as is; `begin_nest` would add the flag).
//! let mut out = Vec::new();
//! let mut w = Writer::new(&mut out);
//! let m = w.begin_message(msg.ty(), msg.flags(), msg.seq(), msg.pid())?;
//! w.put_struct(&genl)?;
//! w.attr(CTRL_ATTR_FAMILY_NAME, name)?;
//! w.attr(CTRL_ATTR_FAMILY_ID, &id)?;
//! w.attr(CTRL_ATTR_VERSION, &version)?;
//! w.attr(CTRL_ATTR_HDRSIZE, &hdrsize)?;
//! w.attr(CTRL_ATTR_MAXATTR, &maxattr)?;
//! let array = w.begin_attr(CTRL_ATTR_OPS)?;
//! for (i, (op_id, flags)) in (1..).zip(&ops) {
//!     let op = w.begin_attr(i)?;
//!     w.attr(CTRL_ATTR_OP_ID, op_id)?;
//!     w.attr(CTRL_ATTR_OP_FLAGS, flags)?;
//!     w.end_nest(op)?;
//! }
//! w.end_nest(array)?;
//! let array = w.begin_attr(CTRL_ATTR_MCAST_GROUPS)?;
//! for (i, (grp_name, grp_id)) in (1..).zip(&groups) {
//!     let group = w.begin_attr(i)?;
//!     w.attr(CTRL_ATTR_MCAST_GRP_ID, grp_id)?;
//!     w.attr(CTRL_ATTR_MCAST_GRP_NAME, *grp_name)?;
//!     w.end_nest(group)?;
//! }
//! w.end_nest(array)?;
//! w.end_message(m)?;
//! assert_eq!(out, REPLY);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! When bytes do not look right, [`dump::HexDump`] labels them: headers, attributes,
//! nesting, offsets, errors (`cargo run --example hexdump -- FILE` prints a capture).
//!
//! # Features
//! - `std` (default): implies `alloc`; nothing else yet.
//! - `alloc` (default): owned payload types (`String`, `Vec<u8>`, `CString`) and writing
//!   into a `Vec`.
//!
//! Without either, everything borrows and the writer fills a caller's `&mut [u8]`.
//!
//! # `no_std`
//! The crate is `#![no_std]`. Without `alloc`, this still works, allocating nothing:
//!
//! ```
//! use nlattr::consts::{CTRL_ATTR_FAMILY_NAME, CTRL_CMD_GETFAMILY, GENL_ID_CTRL, NLM_F_ACK, NLM_F_REQUEST};
//! use nlattr::header::GenlMsgHdr;
//! use nlattr::{messages, Writer};
//!
//! let mut buf = [0u8; 64];
//! let mut w = Writer::from_slice(&mut buf);
//! let m = w.begin_message(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
//! w.put_struct(&GenlMsgHdr { cmd: CTRL_CMD_GETFAMILY, version: 2, reserved: 0 })?;
//! w.attr(CTRL_ATTR_FAMILY_NAME, "test1")?;
//! w.end_message(m)?;
//! let len = w.len();
//!
//! let mut names = 0;
//! for msg in messages(&buf[..len]) {
//!     for attr in msg?.attrs_after(4) {
//!         let name: &str = attr?.get()?;
//!         assert_eq!(name, "test1");
//!         names += 1;
//!     }
//! }
//! assert_eq!((len, names), (32, 1));
//! # Ok::<(), nlattr::Error>(())
//! ```
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
pub mod dump;
pub mod error;
pub mod extack;
#[cfg(feature = "alloc")]
pub mod families;
pub mod header;
pub mod iter;
pub mod order;
pub mod policy;
#[doc(hidden)]
pub mod private;
pub mod set;
pub mod validate;
pub mod view;
pub mod writer;

pub use codec::{Decode, DecodeInPlace, Encode};
pub use error::Error;
pub use error::{DecodeError, DecodeErrorKind, EncodeError, FieldPath, Segment};
pub use extack::{AckKind, ExtAck, PolicyInfo};
pub use iter::{messages, Attr, Attrs, Message, Messages};
pub use order::AttrOrder;
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

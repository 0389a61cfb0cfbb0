//! rtnetlink (`NETLINK_ROUTE`): links, addresses, routes and neighbours.
//!
//! Each module defines one object as the kernel sends it in `RTM_NEW*` (replies, dumps and
//! notifications) and accepts it in `RTM_NEW*`/`RTM_SET*`/`RTM_DEL*`/`RTM_GET*` requests:
//! the family header (`ifinfomsg`, `ifaddrmsg`, `rtmsg`, `ndmsg`) as the first field, then
//! the attributes in the order the kernel writes them, so that a decoded message
//! re-encodes to the kernel's bytes. Attribute constants keep the kernel's names
//! (`include/uapi/linux/if_link.h`, `if_addr.h`, `rtnetlink.h`, `neighbour.h`); message
//! types (`RTM_*`) and address families (`AF_*`) are in [`crate::consts`].
//!
//! ```
//! use nlattr::{consts::*, families::route::link::Link, header::IfInfoMsg, AttrSet};
//!
//! // RTM_SETLINK: set the MTU of interface 4.
//! let req = Link {
//!     hdr: IfInfoMsg { index: 4, ..Default::default() },
//!     mtu: Some(1400),
//!     ..Default::default()
//! };
//! let bytes = req.to_message_vec(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, 1, 0)?;
//! assert_eq!(&bytes[32..], [8, 0, 4, 0, 0x78, 0x05, 0, 0]); // IFLA_MTU = 1400
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod addr;
pub mod link;
pub mod neigh;
#[allow(clippy::module_inception)] // `route::route` mirrors `route::link`, `route::addr`...
pub mod route;

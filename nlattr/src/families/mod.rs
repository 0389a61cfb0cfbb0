//! Ready-made message definitions, written with `#[derive(NlAttrs)]`.
//!
//! These are the derive's best examples as much as they are definitions to `use`: every
//! type and field names the kernel constant it stands for, and together they use every
//! field form of the derive on real kernel traffic (the tests decode the captures in
//! `tests/fixtures/corpus/` with them and re-encode them byte for byte).
//!
//! | module | family | messages |
//! |---|---|---|
//! | [`ctrl`] | generic-netlink controller (`nlctrl`) | `CTRL_CMD_GETFAMILY`, `CTRL_CMD_GETPOLICY` |
//! | [`route::link`] | rtnetlink links | `RTM_NEWLINK`/`GETLINK`/`SETLINK`/`DELLINK`, veth, bridge and bridge-port data |
//! | [`route::addr`] | rtnetlink addresses | `RTM_NEWADDR`/`GETADDR`/`DELADDR` |
//! | [`route::route`] | rtnetlink routes | `RTM_NEWROUTE`/`GETROUTE`/`DELROUTE`, metrics, multipath |
//! | [`route::neigh`] | rtnetlink neighbours | `RTM_NEWNEIGH`/`GETNEIGH`/`DELNEIGH` |
//! | [`ethtool`] | ethtool (generic netlink) | request header, link info, link state, string sets |
//!
//! Each message type carries its family header as its first field (`#[nla(header)]`), so
//! `AttrSet::decode_message` reads a whole message and `AttrSet::to_message_vec` writes
//! one. Attributes these definitions do not name are kept in an `#[nla(unknown)]` field and
//! written back, so a decoded message re-encodes to the bytes the kernel sent.
//!
//! Decoding a link, route, address, neighbour or family allocates nothing: repeated,
//! arrayed and unknown attributes are [views](crate::view) over the received bytes, and a
//! route's next hops are [`NextHops`](route::route::NextHops). The types also built to be
//! sent with lists in them (ethtool string-set requests, policy dumps' tables) keep `Vec`s.
//!
//! The extended-ACK attributes (`NLMSGERR_ATTR_*`) and policy attributes
//! (`NL_POLICY_TYPE_ATTR_*`) are derived too; they live in [`crate::extack`]
//! ([`ExtAckAttrs`](crate::extack::ExtAckAttrs), [`PolicyInfo`](crate::extack::PolicyInfo))
//! because the core reads every acknowledgement with them, without an allocator.

pub mod ctrl;
pub mod ethtool;
pub mod route;

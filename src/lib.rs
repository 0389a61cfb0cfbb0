//! What the runnable examples do, as library functions: `ip -j link|addr|route|neigh`,
//! `genl ctrl list`, veth management, an event monitor and ethtool queries, each built on
//! the ready-made definitions of `nlattr::families` and the `nlsock` socket.
//!
//! The examples (`examples/*.rs`) are thin mains over these functions, so that the
//! cross-check tests (`tests/examples_crosscheck.rs`) call the same code and compare its
//! JSON with iproute2's in a private network namespace.

pub mod cli;
pub mod ethtool;
pub mod genl;
pub mod ip;
pub mod monitor;
pub mod names;
pub mod veth;

pub use cli::{AppError, Args};

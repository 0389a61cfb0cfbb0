//! A blocking, thread-free netlink socket for `nlattr` messages.
#![forbid(unsafe_code)]

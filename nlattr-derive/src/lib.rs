//! `#[derive(NlAttrs)]`: netlink attribute sets from annotated Rust types.
//!
//! Documented on its re-export, `nlattr::NlAttrs`.

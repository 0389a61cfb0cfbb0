//! Every identifier the expansion invents, in one place (all prefixed `__nla_`/`__NLA_`).

use proc_macro2::{Ident, Span};
use quote::format_ident;
use syn::Lifetime;

/// The const holding the attribute type of field or variant `i`.
pub fn ty_const(i: usize) -> Ident {
    format_ident!("__NLA_TY_{}", i)
}
/// Consts holding the inclusive range bounds of field `i`.
pub fn min_const(i: usize) -> Ident {
    format_ident!("__NLA_MIN_{}", i)
}
pub fn max_const(i: usize) -> Ident {
    format_ident!("__NLA_MAX_{}", i)
}
/// Consts holding the length bounds of field `i`.
pub fn min_len_const(i: usize) -> Ident {
    format_ident!("__NLA_MIN_LEN_{}", i)
}
pub fn max_len_const(i: usize) -> Ident {
    format_ident!("__NLA_MAX_LEN_{}", i)
}
/// The decoder's local for field `i`.
pub fn local(i: usize) -> Ident {
    format_ident!("__nla_v{}", i)
}
/// A stashed sub-message attribute of field `i`, decoded once its selector is known.
pub fn stash(i: usize) -> Ident {
    format_ident!("__nla_s{}", i)
}
/// Whether field `i` was seen (for repeated nested arrays).
pub fn seen(i: usize) -> Ident {
    format_ident!("__nla_seen{}", i)
}
/// How many elements of nested-array field `i` a decode in place has filled.
pub fn filled(i: usize) -> Ident {
    format_ident!("__nla_n{}", i)
}
/// Whether the value type of field `i` is decoded in place (`DecodeInPlace`).
pub fn refill(i: usize) -> Ident {
    format_ident!("__nla_r{}", i)
}
/// The constant for value-enum variant `i`.
pub fn discr_const(i: usize) -> Ident {
    format_ident!("__NLA_D_{}", i)
}
pub fn repr_fn() -> Ident {
    Ident::new("__nla_repr", Span::call_site())
}
/// The lifetime decoding borrows for, when the type has none.
pub fn de_lifetime() -> Lifetime {
    Lifetime::new("'__nla_de", Span::call_site())
}

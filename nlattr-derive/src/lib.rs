//! `#[derive(NlAttrs)]`, `#[derive(NlSubMsg)]` and `#[derive(NlValue)]`: netlink attribute
//! sets, sub-messages and values from annotated Rust types.
//!
//! Documented on their re-exports, `nlattr::NlAttrs`, `nlattr::NlSubMsg` and
//! `nlattr::NlValue`, and in the `nlattr::attributes` module.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod symbol;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `Encode`, `Decode`, `HasPolicy` and `AttrSet` (struct) or `AttrEnum` (enum).
#[proc_macro_derive(NlAttrs, attributes(nla))]
pub fn derive_nl_attrs(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::Attrs).into()
}

/// Derives `Encode`, `SubMessage` and `SubMessageDecode` for a sub-message enum.
#[proc_macro_derive(NlSubMsg, attributes(nla))]
pub fn derive_nl_sub_msg(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::SubMsg).into()
}

/// Derives `Encode` and `Decode` for a value enum or an integer newtype.
#[proc_macro_derive(NlValue, attributes(nla))]
pub fn derive_nl_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input, expand::Derive::Value).into()
}

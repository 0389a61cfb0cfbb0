//! Code generation from the checked internal form.

mod decode;
mod encode;
mod fallback;
pub mod names;
mod policy;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Lifetime, Path};

use crate::ast::{Body, Container, Role};
use crate::check;
use crate::ctxt::Ctxt;

#[derive(Clone, Copy)]
pub enum Derive {
    Attrs,
    SubMsg,
    Value,
}

/// What every generator needs.
pub struct Gen<'c> {
    pub krate: &'c Path,
    /// The lifetime the `Decode` impl borrows for.
    pub de: Lifetime,
    /// Generics of the `Decode` impl (`<'a>` or `<'__nla_de>`).
    pub de_impl: TokenStream,
    pub impl_generics: TokenStream,
    pub ty_generics: TokenStream,
    pub ident: &'c syn::Ident,
    /// The lifetime nested sets are named with outside `Decode` (`'a` or `'static`).
    pub lt: TokenStream,
}

pub fn derive(input: &DeriveInput, derive: Derive) -> TokenStream {
    let cx = Ctxt::new();
    let cont = check::container(&cx, input, derive);
    let krate: Path = cont.as_ref().map_or_else(|| syn::parse_quote!(::nlattr), |c| c.krate.clone());
    match cont {
        Some(cont) if !cx.has_errors() => {
            let body = expand(&cont);
            quote! {
                const _: () = {
                    #body
                };
            }
        }
        _ => {
            let mut out = cx.into_compile_errors();
            out.extend(fallback::stubs(input, derive, &krate));
            out
        }
    }
}

fn expand(cont: &Container<'_>) -> TokenStream {
    let (ig, tg, _) = cont.generics.split_for_impl();
    let (de, de_impl) = match &cont.lifetime {
        Some(l) => (l.clone(), quote!(#ig)),
        None => {
            let l = names::de_lifetime();
            (l.clone(), quote!(<#l>))
        }
    };
    let g = Gen {
        krate: &cont.krate,
        de,
        de_impl,
        impl_generics: quote!(#ig),
        ty_generics: quote!(#tg),
        ident: cont.ident,
        lt: cont.lifetime.as_ref().map_or_else(|| quote!('static), |l| quote!(#l)),
    };
    match &cont.body {
        Body::Set(fields) => {
            let consts = set_consts(
                &g,
                fields.iter().filter_map(|f| match &f.role {
                    Role::Attr(s) => Some((f.index, f.name.as_str(), s)),
                    _ => None,
                }),
            );
            let dec = decode::set(&g, cont, fields);
            let enc = encode::set(&g, fields);
            let pol = policy::set(&g, cont, fields);
            quote! { #consts #dec #enc #pol }
        }
        Body::AttrEnum(vars) => {
            let consts = set_consts(
                &g,
                vars.iter().filter_map(|v| match &v.role {
                    crate::ast::VariantRole::Attr(s, _) => Some((v.index, v.name.as_str(), s)),
                    crate::ast::VariantRole::Unknown => None,
                }),
            );
            let body = encode::attr_enum(&g, cont, vars);
            let pol = policy::attr_enum(&g, vars);
            quote! { #consts #body #pol }
        }
        Body::SubMsg(vars) => encode::sub_msg(&g, vars),
        Body::ValueEnum { repr, variants } => encode::value_enum(&g, repr, variants),
        Body::Newtype(inner) => encode::newtype(&g, inner),
    }
}

/// Gives every token of `ts` the span `span`, so that a compile-time check reports there.
fn respan(ts: TokenStream, span: proc_macro2::Span) -> TokenStream {
    ts.into_iter()
        .map(|mut tt| {
            if let proc_macro2::TokenTree::Group(g) = &tt {
                let mut ng = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                ng.set_span(span);
                tt = proc_macro2::TokenTree::Group(ng);
            } else {
                tt.set_span(span);
            }
            tt
        })
        .collect()
}

/// The attribute type, range and length consts, each checked where the user wrote it.
fn set_consts<'s>(
    g: &Gen<'_>,
    specs: impl Iterator<Item = (usize, &'s str, &'s crate::ast::AttrSpec)>,
) -> TokenStream {
    let k = g.krate;
    let mut out = TokenStream::new();
    let mut earlier: Vec<syn::Ident> = Vec::new();
    for (i, name, s) in specs {
        let c = names::ty_const(i);
        let e = &s.ty_expr;
        let too_big = format!(
            "the attribute type of `{name}` does not fit in 14 bits (at most 16383): bits 14 and 15 are `NLA_F_NET_BYTEORDER` and `NLA_F_NESTED`"
        );
        let item = quote! {
            const #c: u16 = {
                let __nla_t: u16 = #e;
                if __nla_t > #k::consts::NLA_TYPE_MASK {
                    ::core::panic!(#too_big);
                }
                __nla_t
            };
        };
        out.extend(respan(item, e.span()));
        if !earlier.is_empty() {
            let dup = format!("the attribute type of `{name}` is already used by another field; each field needs its own type (use `multi` for a repeated one)");
            let item = quote! {
                const _: () = if #k::private::contains(&[#(#earlier),*], #c) {
                    ::core::panic!(#dup);
                };
            };
            out.extend(respan(item, e.span()));
        }
        earlier.push(c);
        let v = &s.value_ty;
        if let Some((min, max)) = &s.checks.range {
            let (a, b) = (names::min_const(i), names::max_const(i));
            out.extend(quote! { const #a: #v = #min; const #b: #v = #max; });
        }
        if let Some(e) = &s.checks.min_len {
            let a = names::min_len_const(i);
            out.extend(quote_spanned! {e.span()=> const #a: usize = #e; });
        }
        if let Some(e) = &s.checks.max_len {
            let a = names::max_len_const(i);
            out.extend(quote_spanned! {e.span()=> const #a: usize = #e; });
        }
    }
    out
}

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
    /// The trait `nested` and `nested_array` field types are used through: `NestedSet<'a>`,
    /// or `NestedOwned` in a set without a lifetime.
    pub nest: TokenStream,
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
        nest: {
            let k = &cont.krate;
            cont.lifetime
                .as_ref()
                .map_or_else(|| quote!(#k::private::NestedOwned), |l| quote!(#k::private::NestedSet<#l>))
        },
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

/// `#[diagnostic::do_not_recommend]` for the helper-trait impls derived inside `nlattr`
/// itself (its ready-made families), so that a user's "is not a netlink attribute set"
/// error does not list every family type. Not emitted elsewhere: a user module under
/// `#![no_implicit_prelude]` cannot name the `diagnostic` tool namespace.
fn not_recommended() -> TokenStream {
    if std::env::var("CARGO_CRATE_NAME").is_ok_and(|c| c == "nlattr") {
        quote!(#[diagnostic::do_not_recommend])
    } else {
        TokenStream::new()
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

#[cfg(test)]
mod tests {
    use proc_macro2::{TokenStream, TokenTree};

    use super::{derive, Derive};

    fn expand(src: &str, d: Derive) -> TokenStream {
        let input: DeriveInput = syn::parse_str(src).expect("test input parses");
        derive(&input, d)
    }

    use syn::DeriveInput;

    fn flatten(ts: TokenStream, out: &mut Vec<TokenTree>) {
        for tt in ts {
            if let TokenTree::Group(g) = &tt {
                out.push(tt.clone());
                flatten(g.stream(), out);
            } else {
                out.push(tt);
            }
        }
    }

    const EVERY_FORM: &str = r#"
        struct Link<'a> {
            #[nla(header)] hdr: IfInfoMsg,
            #[nla(type = 3, max_len = 15)] name: &'a str,
            #[nla(type = 4, range = 68..=65535)] mtu: Option<u32>,
            #[nla(type = 5, be)] port: Option<u16>,
            #[nla(type = 6, uint)] packets: Option<u64>,
            #[nla(type = 7, flag)] up: bool,
            #[nla(type = 8, nested)] info: Option<Info<'a>>,
            #[nla(type = 9, multi)] alt: Vec<&'a str>,
            #[nla(type = 10, nested_array(keep_index))] ops: Vec<(u16, Op)>,
            #[nla(type = 11, fixed)] s: Option<Pair>,
            #[nla(type = 12)] kind: Option<&'a str>,
            #[nla(type = 13, submsg(selector = kind))] data: Option<Data<'a>>,
            #[nla(type = 14, validate = check)] v: Option<u32>,
            #[nla(type = 15, default = 3)] d: u32,
            #[nla(type = 16, with = codec)] w: Option<Thing>,
            #[nla(skip)] cache: u32,
            #[nla(unknown)] rest: Vec<Attr<'a>>,
        }
    "#;

    #[test]
    fn expansion_is_wrapped_and_has_no_unsafe() {
        let out = expand(EVERY_FORM, Derive::Attrs);
        let mut toks = Vec::new();
        flatten(out.clone(), &mut toks);
        assert!(out.to_string().starts_with("const _ : () ="), "{out}");
        assert!(!toks.iter().any(|t| matches!(t, TokenTree::Ident(i) if i == "unsafe")));
        let impls = toks
            .windows(2)
            .filter(|w| matches!(&w[0], TokenTree::Ident(i) if i == "automatically_derived"))
            .count();
        let impl_kw = toks.iter().filter(|t| matches!(t, TokenTree::Ident(i) if i == "impl")).count();
        assert_eq!(impls, impl_kw, "every impl is #[automatically_derived]");
    }

    #[test]
    fn every_local_binding_is_prefixed() {
        for (src, d) in [
            (EVERY_FORM, Derive::Attrs),
            ("enum E<'a> { #[nla(type = 1)] A(u8), #[nla(type = 2, flag)] B, #[nla(unknown)] C(Attr<'a>) }", Derive::Attrs),
            ("enum D<'a> { #[nla(select = \"x\")] X(S), #[nla(other)] O(&'a [u8]) }", Derive::SubMsg),
            ("#[nla(repr = u8)] enum V { A = 1, B, #[nla(other)] O(u8) }", Derive::Value),
        ] {
            let mut toks = Vec::new();
            flatten(expand(src, d), &mut toks);
            for w in toks.windows(3) {
                if matches!(&w[0], TokenTree::Ident(i) if i == "let") {
                    let name = match (&w[1], &w[2]) {
                        (TokenTree::Ident(m), TokenTree::Ident(n)) if m == "mut" => n.to_string(),
                        (TokenTree::Ident(n), _) => n.to_string(),
                        _ => continue,
                    };
                    assert!(name.starts_with("__nla_") || name == "_", "local `{name}` in {src}");
                }
            }
        }
    }

    #[test]
    fn paths_to_std_are_absolute() {
        let mut toks = Vec::new();
        flatten(expand(EVERY_FORM, Derive::Attrs), &mut toks);
        for w in toks.windows(2) {
            if let (TokenTree::Ident(i), TokenTree::Punct(p)) = (&w[1], &w[0]) {
                let s = i.to_string();
                if ["core", "nlattr", "alloc", "std"].contains(&s.as_str()) {
                    assert_eq!(p.as_char(), ':', "`{s}` is reached through `::{s}`");
                }
            }
        }
        // Prelude names the input does not use appear only behind `::`.
        for w in toks.windows(2) {
            if let TokenTree::Ident(i) = &w[1] {
                let s = i.to_string();
                if ["Ok", "Err", "Some", "None", "Default", "From", "TryFrom", "Iterator", "Result"]
                    .contains(&s.as_str())
                {
                    assert!(matches!(&w[0], TokenTree::Punct(p) if p.as_char() == ':'), "bare `{s}`");
                }
            }
        }
    }

    #[test]
    fn errors_come_with_stub_impls() {
        let out = expand("struct S { #[nla(type = 1, flag)] up: u8 }", Derive::Attrs).to_string();
        assert!(out.contains("compile_error"));
        assert!(out.contains("AttrSet"), "stubs keep uses quiet: {out}");
    }
}

//! Decoders: one pass over the attributes, sub-messages resolved after the loop.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{names, Gen};
use crate::ast::{AttrSpec, Container, Field, Presence, Role};
use crate::attr::Form;

fn opt_usize(c: Option<syn::Ident>) -> TokenStream {
    match c {
        Some(c) => quote!(::core::option::Option::Some(#c)),
        None => quote!(::core::option::Option::None),
    }
}

/// Statements decoding the attribute `__nla_a` into `let __nla_x: V`, running the checks.
/// Errors go through the closure `__nla_w` (which adds the attribute and the path).
pub fn value(g: &Gen<'_>, i: usize, spec: &AttrSpec) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let de = &g.de;
    let v = &spec.value_ty;
    let p = quote!(__nla_a.payload());
    let o = quote!(__nla_a.payload_offset());
    let mut out = TokenStream::new();
    if spec.checks.min_len.is_some() || spec.checks.max_len.is_some() {
        let min = opt_usize(spec.checks.min_len.as_ref().map(|_| names::min_len_const(i)));
        let max = opt_usize(spec.checks.max_len.as_ref().map(|_| names::max_len_const(i)));
        out.extend(quote! {
            if let ::core::result::Result::Err(__nla_e) = #k::private::check_len(
                #p, #o, #k::private::is_string(<#v as #k::Encode>::KIND), #min, #max,
            ) {
                return ::core::result::Result::Err(__nla_w(__nla_e));
            }
        });
    }
    let dec = match &spec.form {
        Form::Plain => quote_spanned!(v.span()=> <#v as #k::Decode<#de>>::decode(#p, #o)),
        Form::Nested { .. } => {
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_decode_depth);
            quote!(#f(#p, #o, __nla_depth + 1))
        }
        Form::Be | Form::NetByteorder => quote! {
            ::core::result::Result::map(<#k::codec::Be<#v> as #k::Decode<#de>>::decode(#p, #o), |__nla_b| __nla_b.0)
        },
        Form::Le => quote! {
            ::core::result::Result::map(<#k::codec::Le<#v> as #k::Decode<#de>>::decode(#p, #o), |__nla_b| __nla_b.0)
        },
        Form::Uint => quote! {
            match <#k::codec::Uint as #k::Decode<#de>>::decode(#p, #o) {
                ::core::result::Result::Ok(__nla_u) => #k::private::narrow_u::<#v>(
                    __nla_u.0, #o, <i128 as ::core::convert::From<_>>::from(<#v>::MAX)),
                ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
            }
        },
        Form::Sint => quote! {
            match <#k::codec::Sint as #k::Decode<#de>>::decode(#p, #o) {
                ::core::result::Result::Ok(__nla_u) => #k::private::narrow_s::<#v>(
                    __nla_u.0, #o, <i128 as ::core::convert::From<_>>::from(<#v>::MIN), <i128 as ::core::convert::From<_>>::from(<#v>::MAX)),
                ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
            }
        },
        Form::Fixed => quote_spanned!(v.span()=> #k::codec::decode_fixed::<#v>(#p, #o)),
        Form::Flag => quote! {
            ::core::result::Result::map(<() as #k::Decode<#de>>::decode(#p, #o), |()| true)
        },
        Form::With(path) => quote_spanned!(path.span()=> #path::decode(#p, #o)),
        // Handled by the callers.
        Form::NestedArray { .. } | Form::Submsg { .. } => quote!(::core::unreachable!()),
    };
    out.extend(quote! {
        let __nla_x: #v = match #dec {
            ::core::result::Result::Ok(__nla_x) => __nla_x,
            ::core::result::Result::Err(__nla_e) => return ::core::result::Result::Err(__nla_w(__nla_e)),
        };
    });
    out.extend(value_checks(g, i, spec, &o));
    out
}

fn value_checks(g: &Gen<'_>, i: usize, spec: &AttrSpec, o: &TokenStream) -> TokenStream {
    let k = g.krate;
    let mut out = TokenStream::new();
    if spec.checks.range.is_some() {
        let (a, b) = (names::min_const(i), names::max_const(i));
        out.extend(quote! {
            if let ::core::result::Result::Err(__nla_k) = #k::private::check_range(
                <i128 as ::core::convert::From<_>>::from(__nla_x), #a as i128, #b as i128,
            ) {
                return ::core::result::Result::Err(__nla_w(#k::DecodeError::new(#o, __nla_k)));
            }
        });
    }
    if let Some(path) = &spec.checks.validate {
        let f = quote_spanned!(path.span()=> #path);
        let call = quote!(#f(&__nla_x));
        out.extend(quote! {
            if let ::core::result::Result::Err(__nla_why) = #call {
                return ::core::result::Result::Err(__nla_w(#k::DecodeError::new(
                    #o, #k::DecodeErrorKind::Invalid(__nla_why))));
            }
        });
    }
    out
}

/// The match arm body for field `f` of a set.
fn arm(g: &Gen<'_>, cont: &Container<'_>, f: &Field<'_>, spec: &AttrSpec) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let name = &f.name;
    let l = names::local(f.index);
    let dup = cont.attrs.deny_duplicate.is_some();
    let dup_err = quote! {
        return ::core::result::Result::Err(__nla_w(#k::DecodeError::new(
            __nla_a.offset(), #k::DecodeErrorKind::Duplicate)));
    };
    let wrap = quote! {
        let __nla_w = |__nla_e: #k::DecodeError| -> #k::DecodeError {
            __nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).in_field(#name)
        };
    };
    match (&spec.presence, &spec.form) {
        (_, Form::Submsg { .. }) => {
            let s = names::stash(f.index);
            let check = if dup { quote!(if #s.is_some() { #dup_err }) } else { quote!() };
            quote! { #wrap #check #s = ::core::option::Option::Some(__nla_a); }
        }
        (Presence::Array { keep_index }, _) => {
            let v = &spec.value_ty;
            let seen = names::seen(f.index);
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_decode_depth);
            let decode_el = quote!(#f(__nla_el.payload(), __nla_el.payload_offset(), __nla_depth + 2));
            let push = if *keep_index {
                quote!(#l.push((__nla_el.ty(), __nla_x)))
            } else {
                quote!(#l.push(__nla_x))
            };
            let again = if dup { dup_err.clone() } else { quote!(#l.clear();) };
            quote! {
                #wrap
                if #seen { #again }
                #seen = true;
                for __nla_item in __nla_a.nested() {
                    let __nla_el = match __nla_item {
                        ::core::result::Result::Ok(__nla_el) => __nla_el,
                        ::core::result::Result::Err(__nla_e) => return ::core::result::Result::Err(__nla_w(__nla_e)),
                    };
                    // The kernel skips empty entries of a nested array.
                    if __nla_el.payload().is_empty() {
                        continue;
                    }
                    let __nla_i = <u32 as ::core::convert::TryFrom<usize>>::try_from(#l.len()).unwrap_or(u32::MAX);
                    let __nla_x: #v = match #decode_el {
                        ::core::result::Result::Ok(__nla_x) => __nla_x,
                        ::core::result::Result::Err(__nla_e) => return ::core::result::Result::Err(
                            __nla_e.within_attr(__nla_el.offset(), __nla_el.ty()).at_index(__nla_i).in_field(#name)),
                    };
                    #push;
                }
            }
        }
        (Presence::Multi, _) => {
            let body = value(g, f.index, spec);
            quote! {
                let __nla_i = <u32 as ::core::convert::TryFrom<usize>>::try_from(#l.len()).unwrap_or(u32::MAX);
                let __nla_w = |__nla_e: #k::DecodeError| -> #k::DecodeError {
                    __nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).at_index(__nla_i).in_field(#name)
                };
                #body
                #l.push(__nla_x);
            }
        }
        (Presence::Flag, _) => {
            let body = value(g, f.index, spec);
            let check = if dup { quote!(if #l { #dup_err }) } else { quote!() };
            quote! { #wrap #check #body #l = __nla_x; }
        }
        _ => {
            let body = value(g, f.index, spec);
            let check = if dup { quote!(if #l.is_some() { #dup_err }) } else { quote!() };
            quote! { #wrap #check #body #l = ::core::option::Option::Some(__nla_x); }
        }
    }
}

pub fn set(g: &Gen<'_>, cont: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let k = g.krate;
    let not_recommended = super::not_recommended();
    let de = &g.de;
    let (ident, de_impl, tg) = (g.ident, &g.de_impl, &g.ty_generics);
    let header = fields.iter().find(|f| matches!(f.role, Role::Header));
    let head = match header {
        Some(h) => {
            let (ty, name, l) = (h.ty, &h.name, names::local(h.index));
            quote! {
                let #l: #ty = match #k::header::read_header::<#ty>(__nla_payload, __nla_offset) {
                    ::core::result::Result::Ok(__nla_h) => __nla_h,
                    ::core::result::Result::Err(__nla_e) => return ::core::result::Result::Err(__nla_e.in_field(#name)),
                };
                let __nla_hlen: usize = #k::consts::align4(::core::mem::size_of::<#ty>());
            }
        }
        None => quote!(let __nla_hlen: usize = 0;),
    };
    let mut locals = TokenStream::new();
    let mut arms = TokenStream::new();
    let mut after = TokenStream::new();
    let mut finish = TokenStream::new();
    let mut build = TokenStream::new();
    let mut unknown = if cont.attrs.deny_unknown.is_some() {
        quote! {
            return ::core::result::Result::Err(#k::DecodeError::at_attr(
                __nla_a.offset(), __nla_a.ty(), #k::DecodeErrorKind::Unknown));
        }
    } else {
        quote!()
    };
    // `#[nla(order)]`: each claimed type at its first arrival, each kept unknown attribute.
    let order = fields.iter().find(|f| matches!(f.role, Role::Order)).map(|f| names::local(f.index));
    let (record, record_unknown) = match &order {
        Some(o) => (quote!(#o.record(__nla_a.ty());), quote!(#o.record_unknown();)),
        None => (TokenStream::new(), TokenStream::new()),
    };
    for f in fields {
        let (m, l, fty) = (&f.member, names::local(f.index), f.ty);
        match &f.role {
            Role::Header => build.extend(quote!(#m: #l,)),
            Role::Order => {
                locals.extend(quote!(let mut #l: #k::AttrOrder = #k::AttrOrder::new();));
                let from = quote_spanned!(fty.span()=> <#fty as #k::private::OrderField>::from_order);
                build.extend(quote!(#m: #from(#l),));
            }
            Role::Skip => build.extend(quote!(#m: ::core::default::Default::default(),)),
            Role::Unknown => {
                locals.extend(quote!(let mut #l: #fty = ::core::default::Default::default();));
                unknown = quote!(#record_unknown #l.push(::core::convert::From::from(__nla_a)););
                build.extend(quote!(#m: #l,));
            }
            Role::Attr(spec) => {
                let v = &spec.value_ty;
                let tc = names::ty_const(f.index);
                match (&spec.presence, &spec.form) {
                    (_, Form::Submsg { selector, .. }) => {
                        let s = names::stash(f.index);
                        let sel_field = fields.iter().find(|x| x.member == *selector);
                        let sel_local = names::local(sel_field.map_or(0, |x| x.index));
                        let sel_ty = sel_field.and_then(|x| match &x.role {
                            Role::Attr(s) => Some(&s.value_ty),
                            _ => None,
                        });
                        let assert = sel_ty.map(
                            |t| quote_spanned!(selector.span()=> let _ = #k::private::assert_selector::<#t>;),
                        );
                        let name = &f.name;
                        locals.extend(quote!(let mut #s: ::core::option::Option<#k::Attr<#de>> = ::core::option::Option::None;));
                        after.extend(quote! {
                            #assert
                            let #l: ::core::option::Option<#v> = match #s {
                                ::core::option::Option::Some(__nla_a) => ::core::option::Option::Some(
                                    match <#v as #k::private::SubMsgField<#de>>::sub_decode_depth(
                                        ::core::option::Option::as_ref(&#sel_local), __nla_a.payload(), __nla_a.payload_offset(),
                                        __nla_depth + 1,
                                    ) {
                                        ::core::result::Result::Ok(__nla_x) => __nla_x,
                                        ::core::result::Result::Err(__nla_e) => return ::core::result::Result::Err(
                                            __nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).in_field(#name)),
                                    },
                                ),
                                ::core::option::Option::None => ::core::option::Option::None,
                            };
                        });
                    }
                    (Presence::Multi | Presence::Array { .. }, _) => {
                        locals.extend(quote!(let mut #l: #fty = ::core::default::Default::default();));
                        if let Presence::Array { .. } = spec.presence {
                            let seen = names::seen(f.index);
                            locals.extend(quote!(let mut #seen = false;));
                        }
                    }
                    (Presence::Flag, _) => locals.extend(quote!(let mut #l: bool = false;)),
                    _ => locals.extend(
                        quote!(let mut #l: ::core::option::Option<#v> = ::core::option::Option::None;),
                    ),
                }
                let body = arm(g, cont, f, spec);
                arms.extend(quote!(#tc => { #record #body }));
                let name = &f.name;
                match &spec.presence {
                    Presence::Required => finish.extend(quote! {
                        let #l: #v = match #l {
                            ::core::option::Option::Some(__nla_x) => __nla_x,
                            ::core::option::Option::None => return ::core::result::Result::Err(
                                #k::DecodeError::at_attr(__nla_base, #tc, #k::DecodeErrorKind::Missing).in_field(#name)),
                        };
                    }),
                    Presence::Default(d) => {
                        let d = d.as_ref().map_or_else(|| quote!(::core::default::Default::default()), |e| quote_spanned!(e.span()=> #e));
                        finish.extend(quote! {
                            let #l: #v = match #l {
                                ::core::option::Option::Some(__nla_x) => __nla_x,
                                ::core::option::Option::None => #d,
                            };
                        });
                    }
                    _ => {}
                }
                build.extend(quote!(#m: #l,));
            }
        }
    }
    // Sets without a lifetime decode from any buffer; their fields and their containers
    // name them through one lifetime-free trait.
    let owned = if cont.lifetime.is_none() {
        quote! {
            #[automatically_derived]
            #[doc(hidden)]
            #not_recommended
            impl #k::private::NestedOwned for #ident #tg {
                #[inline]
                fn nested_decode_depth(
                    __nla_payload: &[u8],
                    __nla_offset: usize,
                    __nla_depth: usize,
                ) -> ::core::result::Result<Self, #k::DecodeError> {
                    <Self as #k::private::NestedSet<'_>>::nested_decode_depth(__nla_payload, __nla_offset, __nla_depth)
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #[automatically_derived]
        impl #de_impl #k::Decode<#de> for #ident #tg {
            #[inline]
            fn decode(__nla_payload: &#de [u8], __nla_offset: usize) -> ::core::result::Result<Self, #k::DecodeError> {
                <Self as #k::private::NestedSet<#de>>::nested_decode_depth(__nla_payload, __nla_offset, 0)
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        #not_recommended
        impl #de_impl #k::private::NestedSet<#de> for #ident #tg {
            #[inline]
            fn nested_decode_depth(
                __nla_payload: &#de [u8],
                __nla_offset: usize,
                __nla_depth: usize,
            ) -> ::core::result::Result<Self, #k::DecodeError> {
                if __nla_depth > #k::consts::MAX_NEST_DEPTH {
                    return ::core::result::Result::Err(#k::private::too_deep(__nla_offset));
                }
                #head
                let __nla_body: &#de [u8] = match __nla_payload.get(__nla_hlen..) {
                    ::core::option::Option::Some(__nla_b) => __nla_b,
                    ::core::option::Option::None => &[],
                };
                let __nla_base: usize = __nla_offset.saturating_add(__nla_hlen);
                #locals
                let mut __nla_rest: &#de [u8] = __nla_body;
                let mut __nla_at: usize = __nla_base;
                loop {
                    let __nla_a: #k::Attr<#de> = match #k::private::next_attr(&mut __nla_rest, &mut __nla_at) {
                        #k::private::Step::Attr(__nla_a) => __nla_a,
                        #k::private::Step::End => break,
                        #k::private::Step::Bad => return ::core::result::Result::Err(
                            #k::private::attr_error(__nla_rest, __nla_at)),
                    };
                    match __nla_a.ty() {
                        #arms
                        _ => { #unknown }
                    }
                }
                #after
                #finish
                ::core::result::Result::Ok(Self { #build })
            }
        }
        #owned
    }
}

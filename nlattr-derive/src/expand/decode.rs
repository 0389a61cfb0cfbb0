//! Decoders: one pass over the attributes, sub-messages resolved after the loop.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
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
    let lens = spec.checks.min_len.is_some() || spec.checks.max_len.is_some();
    let min = opt_usize(spec.checks.min_len.as_ref().map(|_| names::min_len_const(i)));
    let max = opt_usize(spec.checks.max_len.as_ref().map(|_| names::max_len_const(i)));
    // A `str`/`String` is as long as the payload's string, so its length is checked on
    // the decoded value, without finding the NUL twice; the payload is measured only when
    // decoding fails, for the error to be the one measuring first gives.
    let string_lens = lens && spec.checks_nul && matches!(spec.form, Form::Plain);
    if lens && !string_lens {
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
    let fail = quote!(return ::core::result::Result::Err(__nla_w(__nla_e)));
    let on_err = if string_lens {
        quote! {{
            if let ::core::result::Result::Err(__nla_e) = #k::private::check_len(#p, #o, true, #min, #max) {
                #fail;
            }
            #fail
        }}
    } else {
        fail
    };
    out.extend(quote! {
        let __nla_x: #v = match #dec {
            ::core::result::Result::Ok(__nla_x) => __nla_x,
            ::core::result::Result::Err(__nla_e) => #on_err,
        };
    });
    if string_lens {
        out.extend(quote! {
            if let ::core::result::Result::Err(__nla_k) = #k::private::check_value_len(&__nla_x, #min, #max) {
                return ::core::result::Result::Err(__nla_w(#k::DecodeError::new(#o, __nla_k)));
            }
        });
    }
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

/// Where a decoder puts the value of a field: a local per field, assembled into `Self` at
/// the end, or the field of `__nla_self` itself (decoding in place).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fresh,
    InPlace,
}

/// The place field `f` is decoded into. Fresh, a required or defaulted field's local is an
/// `Option` until the end; in place it is the field itself, its presence in `names::seen`.
fn place(mode: Mode, f: &Field<'_>) -> TokenStream {
    match mode {
        Mode::Fresh => names::local(f.index).into_token_stream(),
        Mode::InPlace => {
            let m = &f.member;
            quote!(__nla_self.#m)
        }
    }
}

/// Whether an optional nested set is decoded into the value already there when decoding in
/// place: only without value checks, which run on a decoded value.
fn reuses(spec: &AttrSpec) -> bool {
    matches!(spec.form, Form::Nested { .. }) && unchecked(spec)
}

/// Whether the field declares no checks (`range`, `validate`, lengths), which run on a
/// decoded value rather than on one decoded into.
fn unchecked(spec: &AttrSpec) -> bool {
    let c = &spec.checks;
    c.range.is_none() && c.validate.is_none() && c.min_len.is_none() && c.max_len.is_none()
}

/// Whether an optional plain value is decoded into the value already there when decoding
/// in place, for the types that implement `DecodeInPlace` (strings, byte vectors, fixed
/// structs, sets, next-hop lists...): only without checks, which run on a decoded value.
fn refills(spec: &AttrSpec) -> bool {
    matches!(spec.form, Form::Plain) && unchecked(spec)
}

/// `true` when value type `v` implements `DecodeInPlace` (a constant after inlining).
fn refill_kind(g: &Gen<'_>, v: &syn::Type) -> TokenStream {
    let k = g.krate;
    quote! {{
        #[allow(unused_imports)]
        use #k::private::{ViaDecode as _, ViaInPlace as _};
        (&#k::private::Reuse::<#v>::new()).reuses()
    }}
}

/// The walk over the entries of the nested array `__nla_a`, running `body` for each
/// `__nla_el` with the cursor walk of the set loop (`__nla_er` the bytes left).
fn entries(g: &Gen<'_>, body: TokenStream) -> TokenStream {
    let k = g.krate;
    let de = &g.de;
    quote! {
        let mut __nla_er: &#de [u8] = __nla_a.payload();
        let __nla_ee: usize = __nla_a.payload_offset().wrapping_add(__nla_er.len());
        loop {
            let __nla_el: #k::Attr<#de> = match #k::private::next_attr(&mut __nla_er, __nla_ee) {
                #k::private::Step::Attr(__nla_el) => __nla_el,
                #k::private::Step::End => break,
                #k::private::Step::Bad => return ::core::result::Result::Err(
                    __nla_w(#k::private::attr_error(__nla_er, __nla_ee))),
            };
            #body
        }
    }
}

/// The match arm body for field `f` of a set.
fn arm(g: &Gen<'_>, cont: &Container<'_>, f: &Field<'_>, spec: &AttrSpec, mode: Mode) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let name = &f.name;
    let l = place(mode, f);
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
        (Presence::Array { .. }, _) if spec.view => {
            // Each entry is checked as the `Vec` field would decode it; the view keeps
            // the nest and the count.
            let v = &spec.value_ty;
            let seen = names::seen(f.index);
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_decode_depth);
            let again = if dup { dup_err.clone() } else { quote!() };
            let walk = entries(
                g,
                quote! {
                    // The kernel skips empty entries of a nested array.
                    if __nla_el.payload().is_empty() {
                        continue;
                    }
                    if let ::core::result::Result::Err(__nla_e) = #f(__nla_el.payload(), __nla_el.payload_offset(), __nla_depth + 2) {
                        return ::core::result::Result::Err(
                            __nla_e.within_attr(__nla_el.offset(), __nla_el.ty()).at_index(__nla_n).in_field(#name));
                    }
                    __nla_n = __nla_n.saturating_add(1);
                },
            );
            quote! {
                #wrap
                if #seen { #again }
                #seen = true;
                let mut __nla_n: u32 = 0;
                #walk
                #l = #k::view::ArrayView::__counted(
                    __nla_a.payload(), __nla_a.payload_offset(), __nla_depth + 2, __nla_n);
            }
        }
        (Presence::Array { keep_index }, _) => {
            let index = f.index;
            let v = &spec.value_ty;
            let seen = names::seen(f.index);
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_decode_depth);
            let decode_el = quote!(#f(__nla_el.payload(), __nla_el.payload_offset(), __nla_depth + 2));
            // Growing, the vector makes room for every entry left at once.
            let push = if *keep_index {
                quote!(#k::private::reserve_entries(&mut #l, __nla_er); #l.push((__nla_el.ty(), __nla_x)))
            } else {
                quote!(#k::private::reserve_entries(&mut #l, __nla_er); #l.push(__nla_x))
            };
            if mode == Mode::InPlace {
                // Elements already there are decoded into; the rest are pushed, and the
                // vector is cut to `filled` after the walk.
                let filled = names::filled(index);
                let into = quote_spanned!(v.span()=> <#v as #nest>::nested_decode_in_place);
                let old_el = if *keep_index {
                    quote! {
                        __nla_old.0 = __nla_el.ty();
                        #into(&mut __nla_old.1, __nla_el.payload(), __nla_el.payload_offset(), __nla_depth + 2)
                    }
                } else {
                    quote!(#into(__nla_old, __nla_el.payload(), __nla_el.payload_offset(), __nla_depth + 2))
                };
                let again = if dup { dup_err.clone() } else { quote!(#filled = 0;) };
                let walk = entries(
                    g,
                    quote! {
                            // The kernel skips empty entries of a nested array.
                            if __nla_el.payload().is_empty() {
                                continue;
                            }
                            let __nla_i = <u32 as ::core::convert::TryFrom<usize>>::try_from(#filled).unwrap_or(u32::MAX);
                            let __nla_r: ::core::result::Result<(), #k::DecodeError> = match #l.get_mut(#filled) {
                                ::core::option::Option::Some(__nla_old) => { #old_el }
                                ::core::option::Option::None => match #decode_el {
                                    ::core::result::Result::Ok(__nla_x) => {
                                        #push;
                                        ::core::result::Result::Ok(())
                                    }
                                    ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
                                },
                            };
                            if let ::core::result::Result::Err(__nla_e) = __nla_r {
                                return ::core::result::Result::Err(
                                    __nla_e.within_attr(__nla_el.offset(), __nla_el.ty()).at_index(__nla_i).in_field(#name));
                            }
                            #filled += 1;
                    },
                );
                return quote! {
                    #wrap
                    if #seen { #again }
                    #seen = true;
                    #walk
                };
            }
            let again = if dup { dup_err.clone() } else { quote!(#l.clear();) };
            let walk = entries(
                g,
                quote! {
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
                },
            );
            quote! {
                #wrap
                if #seen { #again }
                #seen = true;
                #walk
            }
        }
        (Presence::Multi, _) if spec.view => {
            let body = value(g, f.index, spec);
            quote! {
                let __nla_i = <u32 as ::core::convert::TryFrom<usize>>::try_from(#l.len()).unwrap_or(u32::MAX);
                let __nla_w = |__nla_e: #k::DecodeError| -> #k::DecodeError {
                    __nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).at_index(__nla_i).in_field(#name)
                };
                #body
                let _ = __nla_x;
                #k::view::MultiView::__keep(&mut #l, __nla_body, __nla_base, &__nla_a);
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
        (Presence::Optional, Form::Nested { .. }) if mode == Mode::InPlace && reuses(spec) => {
            // A set already there is decoded into, keeping its capacity; `None` after the
            // walk if the attribute did not come.
            let v = &spec.value_ty;
            let seen = names::seen(f.index);
            let check = if dup { quote!(if #seen { #dup_err }) } else { quote!() };
            let body = value(g, f.index, spec);
            let into = quote_spanned!(v.span()=> <#v as #nest>::nested_decode_in_place);
            quote! {
                #wrap
                #check
                match &mut #l {
                    ::core::option::Option::Some(__nla_old) => {
                        if let ::core::result::Result::Err(__nla_e) = #into(
                            __nla_old, __nla_a.payload(), __nla_a.payload_offset(), __nla_depth + 1,
                        ) {
                            return ::core::result::Result::Err(__nla_w(__nla_e));
                        }
                    }
                    ::core::option::Option::None => match <#v as #nest>::nested_blank() {
                        ::core::option::Option::Some(__nla_b) => {
                            if let ::core::result::Result::Err(__nla_e) = #into(
                                #l.insert(__nla_b), __nla_a.payload(), __nla_a.payload_offset(), __nla_depth + 1,
                            ) {
                                return ::core::result::Result::Err(__nla_w(__nla_e));
                            }
                        }
                        ::core::option::Option::None => {
                            #body
                            #l = ::core::option::Option::Some(__nla_x);
                        }
                    },
                }
                #seen = true;
            }
        }
        (Presence::Optional, Form::Plain) if mode == Mode::InPlace && refills(spec) => {
            let v = &spec.value_ty;
            let seen = names::seen(f.index);
            let refill = names::refill(f.index);
            let check = if dup {
                quote!(if (#refill && #seen) || (!#refill && #l.is_some()) { #dup_err })
            } else {
                quote!()
            };
            let body = value(g, f.index, spec);
            quote! {
                #wrap
                #check
                if #refill {
                    match &mut #l {
                        ::core::option::Option::Some(__nla_old) => {
                            #[allow(unused_imports)]
                            use #k::private::{ViaDecode as _, ViaInPlace as _};
                            if let ::core::result::Result::Err(__nla_e) = (&#k::private::Reuse::<#v>::new())
                                .refill(__nla_old, __nla_a.payload(), __nla_a.payload_offset())
                            {
                                return ::core::result::Result::Err(__nla_w(__nla_e));
                            }
                        }
                        ::core::option::Option::None => {
                            #body
                            #l = ::core::option::Option::Some(__nla_x);
                        }
                    }
                    #seen = true;
                } else {
                    #body
                    #l = ::core::option::Option::Some(__nla_x);
                }
            }
        }
        (Presence::Required | Presence::Default(_), _) if mode == Mode::InPlace => {
            let body = value(g, f.index, spec);
            let seen = names::seen(f.index);
            let check = if dup { quote!(if #seen { #dup_err }) } else { quote!() };
            quote! { #wrap #check #body #l = __nla_x; #seen = true; }
        }
        _ => {
            let body = value(g, f.index, spec);
            let check = if dup { quote!(if #l.is_some() { #dup_err }) } else { quote!() };
            quote! { #wrap #check #body #l = ::core::option::Option::Some(__nla_x); }
        }
    }
}

/// The statements of a set decoder after the depth check: the header, the attribute walk,
/// then `Ok(Self { .. })` (fresh) or `Ok(())` (in place, every field reset first).
fn body(g: &Gen<'_>, cont: &Container<'_>, fields: &[Field<'_>], mode: Mode) -> TokenStream {
    let k = g.krate;
    let de = &g.de;
    let in_place = mode == Mode::InPlace;
    let header = fields.iter().find(|f| matches!(f.role, Role::Header));
    let head = match header {
        Some(h) => {
            let (ty, name, l) = (h.ty, &h.name, place(mode, h));
            let bind = if in_place { quote!(#l) } else { quote!(let #l: #ty) };
            quote! {
                #bind = match #k::header::read_header::<#ty>(__nla_payload, __nla_offset) {
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
    // Fields kept through the walk and absent from it, emptied before sub-messages read
    // their selectors.
    let mut unseen = TokenStream::new();
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
        let p = place(mode, f);
        match &f.role {
            Role::Header => build.extend(quote!(#m: #l,)),
            Role::Order => {
                locals.extend(quote!(let mut #l: #k::AttrOrder = #k::AttrOrder::new();));
                let from = quote_spanned!(fty.span()=> <#fty as #k::private::OrderField>::from_order);
                if in_place {
                    finish.extend(quote!(#p = #from(#l);));
                } else {
                    build.extend(quote!(#m: #from(#l),));
                }
            }
            Role::Skip if in_place => locals.extend(quote!(#p = ::core::default::Default::default();)),
            Role::Skip => build.extend(quote!(#m: ::core::default::Default::default(),)),
            Role::Unknown => {
                if !in_place {
                    locals.extend(quote!(let mut #l: #fty = ::core::default::Default::default();));
                    build.extend(quote!(#m: #l,));
                }
                // The types the arms claim, for a view to skip when iterated.
                let claimed: Vec<syn::Ident> = fields
                    .iter()
                    .filter(|x| matches!(x.role, Role::Attr(_)))
                    .map(|x| names::ty_const(x.index))
                    .collect();
                let test = if claimed.is_empty() {
                    quote!(false)
                } else {
                    quote!(match __nla_t { #(#claimed)|* => true, _ => false })
                };
                let uf = quote_spanned!(fty.span()=> <#fty as #k::view::UnknownField<#de>>);
                locals.extend(quote! {
                    #uf::begin(&mut #p, __nla_body, __nla_base, |__nla_t: u16| -> bool { #test });
                });
                unknown = quote!(#record_unknown #uf::keep(&mut #p, __nla_a););
            }
            Role::Attr(spec) => {
                let v = &spec.value_ty;
                let tc = names::ty_const(f.index);
                let seen = names::seen(f.index);
                match (&spec.presence, &spec.form) {
                    (_, Form::Submsg { selector, .. }) => {
                        let s = names::stash(f.index);
                        let sel_field = fields.iter().find(|x| x.member == *selector);
                        let sel_spec = sel_field.and_then(|x| match &x.role {
                            Role::Attr(s) => Some(s),
                            _ => None,
                        });
                        let assert = sel_spec.map(|s| {
                            let t = &s.value_ty;
                            quote_spanned!(selector.span()=> let _ = #k::private::assert_selector::<#t>;)
                        });
                        // The selector as `Option<&V>`.
                        let sel = match (mode, sel_field, sel_spec.map(|s| &s.presence)) {
                            (Mode::InPlace, Some(x), Some(Presence::Required | Presence::Default(_))) => {
                                let (sp, ss) = (place(mode, x), names::seen(x.index));
                                quote!(if #ss { ::core::option::Option::Some(&#sp) } else { ::core::option::Option::None })
                            }
                            (_, Some(x), _) => {
                                let sp = place(mode, x);
                                quote!(::core::option::Option::as_ref(&#sp))
                            }
                            (_, None, _) => {
                                let sp = names::local(0);
                                quote!(::core::option::Option::as_ref(&#sp))
                            }
                        };
                        let name = &f.name;
                        locals.extend(quote!(let mut #s: ::core::option::Option<#k::Attr<#de>> = ::core::option::Option::None;));
                        let wrap =
                            quote!(__nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).in_field(#name));
                        let decoded = quote! {
                            match <#v as #k::private::SubMsgField<#de>>::sub_decode_depth(
                                #sel, __nla_a.payload(), __nla_a.payload_offset(), __nla_depth + 1,
                            ) {
                                ::core::result::Result::Ok(__nla_x) => __nla_x,
                                ::core::result::Result::Err(__nla_e) => return ::core::result::Result::Err(#wrap),
                            }
                        };
                        let store = match (&spec.presence, in_place) {
                            (Presence::Required | Presence::Default(_), true) => {
                                locals.extend(quote!(let mut #seen = false;));
                                quote! {
                                    if let ::core::option::Option::Some(__nla_a) = #s {
                                        #p = #decoded;
                                        #seen = true;
                                    }
                                }
                            }
                            // The variant already there is decoded into when the selector
                            // picks it again.
                            (_, true) => quote! {
                                match #s {
                                    ::core::option::Option::Some(__nla_a) => match &mut #p {
                                        ::core::option::Option::Some(__nla_old) => {
                                            if let ::core::result::Result::Err(__nla_e) =
                                                <#v as #k::private::SubMsgField<#de>>::sub_decode_in_place(
                                                    __nla_old, #sel, __nla_a.payload(), __nla_a.payload_offset(),
                                                    __nla_depth + 1,
                                                )
                                            {
                                                return ::core::result::Result::Err(#wrap);
                                            }
                                        }
                                        ::core::option::Option::None => #p = ::core::option::Option::Some(#decoded),
                                    },
                                    ::core::option::Option::None => #p = ::core::option::Option::None,
                                }
                            },
                            (_, false) => quote! {
                                let #l: ::core::option::Option<#v> = match #s {
                                    ::core::option::Option::Some(__nla_a) => ::core::option::Option::Some(#decoded),
                                    ::core::option::Option::None => ::core::option::Option::None,
                                };
                            },
                        };
                        after.extend(quote!(#assert #store));
                    }
                    (Presence::Multi | Presence::Array { .. }, _) if spec.view => {
                        if in_place {
                            locals.extend(quote!(#p = ::core::default::Default::default();));
                        } else {
                            locals.extend(quote!(let mut #l: #fty = ::core::default::Default::default();));
                        }
                        if let Presence::Array { .. } = spec.presence {
                            locals.extend(quote!(let mut #seen = false;));
                        }
                    }
                    (Presence::Array { .. }, _) if in_place => {
                        let filled = names::filled(f.index);
                        locals.extend(quote!(let mut #seen = false; let mut #filled: usize = 0;));
                        finish.extend(quote!(<#fty>::truncate(&mut #p, #filled);));
                    }
                    (Presence::Multi | Presence::Array { .. }, _) => {
                        if in_place {
                            locals.extend(quote!(<#fty>::clear(&mut #p);));
                        } else {
                            locals.extend(quote!(let mut #l: #fty = ::core::default::Default::default();));
                        }
                        if let Presence::Array { .. } = spec.presence {
                            locals.extend(quote!(let mut #seen = false;));
                        }
                    }
                    (Presence::Flag, _) if in_place => locals.extend(quote!(#p = false;)),
                    (Presence::Flag, _) => locals.extend(quote!(let mut #l: bool = false;)),
                    (Presence::Required | Presence::Default(_), _) if in_place => {
                        locals.extend(quote!(let mut #seen = false;));
                    }
                    (Presence::Optional, _) if in_place && reuses(spec) => {
                        locals.extend(quote!(let mut #seen = false;));
                        unseen.extend(quote!(if !#seen { #p = ::core::option::Option::None; }));
                    }
                    (Presence::Optional, Form::Plain) if in_place && refills(spec) => {
                        // Kept until the walk for a type decoded in place, else reset now.
                        let refill = names::refill(f.index);
                        let kind = refill_kind(g, v);
                        locals.extend(quote! {
                            let #refill: bool = #kind;
                            let mut #seen = false;
                            if !#refill { #p = ::core::option::Option::None; }
                        });
                        unseen.extend(quote!(if #refill && !#seen { #p = ::core::option::Option::None; }));
                    }
                    _ if in_place => locals.extend(quote!(#p = ::core::option::Option::None;)),
                    _ => locals.extend(
                        quote!(let mut #l: ::core::option::Option<#v> = ::core::option::Option::None;),
                    ),
                }
                let body = arm(g, cont, f, spec, mode);
                arms.extend(quote!(#tc => { #record #body }));
                let name = &f.name;
                let missing = quote! {
                    return ::core::result::Result::Err(
                        #k::DecodeError::at_attr(__nla_base, #tc, #k::DecodeErrorKind::Missing).in_field(#name))
                };
                let default = |d: &Option<syn::Expr>| {
                    d.as_ref().map_or_else(
                        || quote!(::core::default::Default::default()),
                        |e| quote_spanned!(e.span()=> #e),
                    )
                };
                match (&spec.presence, in_place) {
                    (Presence::Required, true) => finish.extend(quote!(if !#seen { #missing; })),
                    (Presence::Default(d), true) => {
                        let d = default(d);
                        finish.extend(quote!(if !#seen { #p = #d; }));
                    }
                    (Presence::Required, false) => finish.extend(quote! {
                        let #l: #v = match #l {
                            ::core::option::Option::Some(__nla_x) => __nla_x,
                            ::core::option::Option::None => #missing,
                        };
                    }),
                    (Presence::Default(d), false) => {
                        let d = default(d);
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
    let done = if in_place {
        quote!(::core::result::Result::Ok(()))
    } else {
        quote!(::core::result::Result::Ok(Self { #build }))
    };
    let fast = if in_order(fields) { fast_path(g, fields, mode) } else { TokenStream::new() };
    quote! {
        #head
        let __nla_body: &#de [u8] = match __nla_payload.get(__nla_hlen..) {
            ::core::option::Option::Some(__nla_b) => __nla_b,
            ::core::option::Option::None => &[],
        };
        let __nla_base: usize = __nla_offset.saturating_add(__nla_hlen);
        #fast
        #locals
        let mut __nla_rest: &#de [u8] = __nla_body;
        let __nla_end: usize = __nla_base.wrapping_add(__nla_body.len());
        loop {
            let __nla_a: #k::Attr<#de> = match #k::private::next_attr(&mut __nla_rest, __nla_end) {
                #k::private::Step::Attr(__nla_a) => __nla_a,
                #k::private::Step::End => break,
                #k::private::Step::Bad => return ::core::result::Result::Err(
                    #k::private::attr_error(__nla_rest, __nla_end)),
            };
            match __nla_a.ty() {
                #arms
                _ => { #unknown }
            }
        }
        #unseen
        #after
        #finish
        #done
    }
}

/// Whether set `fields` gets the in-order fast path: a few leaves (single values, no
/// nests, flags, repeats, leftovers or recorded order), which the kernel writes in a fixed
/// order, so that a reply usually holds each of them once, in declaration order.
fn in_order(fields: &[Field<'_>]) -> bool {
    let leaves = fields.iter().filter(|f| matches!(f.role, Role::Attr(_))).count();
    (1..=SMALL_SET).contains(&leaves)
        && fields.iter().all(|f| match &f.role {
            Role::Attr(s) => {
                matches!(s.presence, Presence::Required | Presence::Default(_) | Presence::Optional)
                    && !matches!(
                        s.form,
                        Form::Nested { .. } | Form::NestedArray { .. } | Form::Submsg { .. } | Form::Flag
                    )
            }
            Role::Header | Role::Skip => true,
            Role::Unknown | Role::Order => false,
        })
}

/// The in-order fast path of a small set of leaves, before the general walk: when the
/// attributes are exactly one of each field, in declaration order, they are read one after
/// the other with no type dispatch and no presence bookkeeping. Anything else (another
/// order, a field absent, repeated or unknown attributes, a malformed header, bytes left
/// over) leaves the block for the general walk, which reads the same bytes from the start.
///
/// A value that fails to decode fails here with the error the general walk would report:
/// it reads the same attributes in the same order, decoding each with the same code, so
/// it would reach this attribute having accepted the same ones before it.
fn fast_path(g: &Gen<'_>, fields: &[Field<'_>], mode: Mode) -> TokenStream {
    let k = g.krate;
    let de = &g.de;
    let mut steps = TokenStream::new();
    let mut build = TokenStream::new();
    for f in fields {
        let (m, name) = (&f.member, &f.name);
        match &f.role {
            Role::Header if mode == Mode::Fresh => {
                let l = names::local(f.index);
                build.extend(quote!(#m: #l,));
            }
            Role::Header => {}
            Role::Skip if mode == Mode::Fresh => {
                build.extend(quote!(#m: ::core::default::Default::default(),))
            }
            Role::Skip => build.extend(quote!(__nla_self.#m = ::core::default::Default::default();)),
            Role::Attr(spec) => {
                let tc = names::ty_const(f.index);
                let l = names::local(f.index);
                let v = &spec.value_ty;
                let body = value(g, f.index, spec);
                let size = match spec.form {
                    Form::Plain => quote!(#k::private::fixed_len(<#v as #k::Encode>::KIND)),
                    _ => quote!(0usize),
                };
                // Decoding in place keeps what a refilled optional value holds: such a
                // field takes the general walk (a constant test after inlining).
                let refilled = if mode == Mode::InPlace
                    && matches!(spec.presence, Presence::Optional)
                    && refills(spec)
                {
                    let kind = refill_kind(g, v);
                    quote!(if #kind { break '__nla_fast; })
                } else {
                    TokenStream::new()
                };
                steps.extend(quote! {
                    #refilled
                    let __nla_a: #k::Attr<#de> = match #k::private::next_sized(&mut __nla_rest, __nla_end, #tc, #size) {
                        ::core::option::Option::Some(__nla_a) => __nla_a,
                        ::core::option::Option::None => break '__nla_fast,
                    };
                    let __nla_w = |__nla_e: #k::DecodeError| -> #k::DecodeError {
                        __nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).in_field(#name)
                    };
                    #body
                    let #l: #v = __nla_x;
                });
                let x = match spec.presence {
                    Presence::Optional => quote!(::core::option::Option::Some(#l)),
                    _ => quote!(#l),
                };
                build.extend(match mode {
                    Mode::Fresh => quote!(#m: #x,),
                    Mode::InPlace => quote!(__nla_self.#m = #x;),
                });
            }
            Role::Unknown | Role::Order => {}
        }
    }
    let done = match mode {
        Mode::Fresh => quote!(return ::core::result::Result::Ok(Self { #build });),
        Mode::InPlace => quote! {
            #build
            return ::core::result::Result::Ok(());
        },
    };
    quote! {
        '__nla_fast: {
            let mut __nla_rest: &#de [u8] = __nla_body;
            let __nla_end: usize = __nla_base.wrapping_add(__nla_body.len());
            #steps
            if !__nla_rest.is_empty() {
                break '__nla_fast;
            }
            #done
        }
    }
}

/// `Some(Self { .. })` with every field as decoding no attribute leaves it, or `None` when
/// a field is required (it has no such value).
fn blank(g: &Gen<'_>, fields: &[Field<'_>]) -> TokenStream {
    let k = g.krate;
    let mut build = TokenStream::new();
    for f in fields {
        let (m, fty) = (&f.member, f.ty);
        let v = match &f.role {
            Role::Header => quote_spanned!(fty.span()=> #k::private::zeroed_header::<#fty>()),
            Role::Order => {
                quote_spanned!(fty.span()=> <#fty as #k::private::OrderField>::from_order(#k::AttrOrder::new()))
            }
            Role::Skip | Role::Unknown => quote!(::core::default::Default::default()),
            Role::Attr(spec) => match &spec.presence {
                Presence::Required => return quote!(::core::option::Option::None),
                Presence::Default(Some(e)) => quote_spanned!(e.span()=> #e),
                Presence::Flag => quote!(false),
                Presence::Optional => quote!(::core::option::Option::None),
                Presence::Default(None) | Presence::Multi | Presence::Array { .. } => {
                    quote!(::core::default::Default::default())
                }
            },
        };
        build.extend(quote!(#m: #v,));
    }
    quote!(::core::option::Option::Some(Self { #build }))
}

/// The most attributes a set of leaves may have for its decoders to be always inlined.
const SMALL_SET: usize = 4;

pub fn set(g: &Gen<'_>, cont: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let k = g.krate;
    let not_recommended = super::not_recommended();
    let de = &g.de;
    let (ident, de_impl, tg) = (g.ident, &g.de_impl, &g.ty_generics);
    let blank = blank(g, fields);
    // A set with a blank value decodes into it: one walk to generate and no value built
    // apart and moved in.
    let has_blank =
        !fields.iter().any(|f| matches!(&f.role, Role::Attr(s) if matches!(s.presence, Presence::Required)));
    let fresh = if has_blank {
        quote! {
            let mut __nla_v: Self = match <Self as #k::private::NestedSet<#de>>::nested_blank() {
                ::core::option::Option::Some(__nla_v) => __nla_v,
                ::core::option::Option::None => ::core::unreachable!(),
            };
            match <Self as #k::private::NestedSet<#de>>::nested_decode_in_place(
                &mut __nla_v, __nla_payload, __nla_offset, __nla_depth,
            ) {
                ::core::result::Result::Ok(()) => ::core::result::Result::Ok(__nla_v),
                ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
            }
        }
    } else {
        body(g, cont, fields, Mode::Fresh)
    };
    let in_place = body(g, cont, fields, Mode::InPlace);
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
                #[inline]
                fn nested_decode_in_place(
                    &mut self,
                    __nla_payload: &[u8],
                    __nla_offset: usize,
                    __nla_depth: usize,
                ) -> ::core::result::Result<(), #k::DecodeError> {
                    <Self as #k::private::NestedSet<'_>>::nested_decode_in_place(self, __nla_payload, __nla_offset, __nla_depth)
                }
                #[inline]
                fn nested_blank() -> ::core::option::Option<Self> {
                    <Self as #k::private::NestedSet<'_>>::nested_blank()
                }
            }
        }
    } else {
        TokenStream::new()
    };
    // A small set of leaves (an array element such as a generic-netlink operation) is
    // decoded inside its container's loop: the call, its spills and the returned `Result`
    // would cost as much as the few attributes themselves.
    let leaves = fields.iter().filter(|f| matches!(f.role, Role::Attr(_))).count();
    let small = leaves <= SMALL_SET
        && fields.iter().all(|f| match &f.role {
            Role::Attr(s) => {
                !matches!(s.form, Form::Nested { .. } | Form::NestedArray { .. } | Form::Submsg { .. })
                    && !matches!(s.presence, Presence::Multi | Presence::Array { .. })
            }
            Role::Unknown | Role::Order => false,
            Role::Header | Role::Skip => true,
        });
    let inline = if small { quote!(#[inline(always)]) } else { quote!(#[inline]) };
    let too_deep = quote! {
        if __nla_depth > #k::consts::MAX_NEST_DEPTH {
            return ::core::result::Result::Err(#k::private::too_deep(__nla_offset));
        }
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
        impl #de_impl #k::DecodeInPlace<#de> for #ident #tg {
            #[inline]
            fn decode_in_place(&mut self, __nla_payload: &#de [u8], __nla_offset: usize) -> ::core::result::Result<(), #k::DecodeError> {
                <Self as #k::private::NestedSet<#de>>::nested_decode_in_place(self, __nla_payload, __nla_offset, 0)
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        #not_recommended
        impl #de_impl #k::private::NestedSet<#de> for #ident #tg {
            #inline
            fn nested_decode_depth(
                __nla_payload: &#de [u8],
                __nla_offset: usize,
                __nla_depth: usize,
            ) -> ::core::result::Result<Self, #k::DecodeError> {
                #too_deep
                #fresh
            }
            #inline
            fn nested_decode_in_place(
                &mut self,
                __nla_payload: &#de [u8],
                __nla_offset: usize,
                __nla_depth: usize,
            ) -> ::core::result::Result<(), #k::DecodeError> {
                let __nla_self = self;
                #too_deep
                #in_place
            }
            #[inline]
            fn nested_blank() -> ::core::option::Option<Self> {
                #blank
            }
        }
        #owned
    }
}

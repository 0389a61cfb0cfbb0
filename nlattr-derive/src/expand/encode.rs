//! Encoders (exact length first), pre-send checks, and the enum derives.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Lit, Type};

use super::{names, Gen};
use crate::ast::{
    AttrSpec, AttrVariant, Container, Field, Presence, Role, SubVariant, ValueVariant, VariantRole,
};
use crate::attr::Form;

/// Payload length of the value `__nla_v: &V`.
fn payload_len(g: &Gen<'_>, spec: &AttrSpec) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let lt = &g.lt;
    let v = &spec.value_ty;
    match &spec.form {
        Form::Plain => quote!(<#v as #k::Encode>::encoded_len(__nla_v)),
        Form::Submsg { .. } => {
            let f = quote_spanned!(v.span()=> <#v as #k::private::SubMsgField<#lt>>::sub_len);
            quote!(#f(__nla_v))
        }
        Form::Nested { .. } | Form::NestedArray { .. } => {
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_len);
            quote!(#f(__nla_v))
        }
        Form::Be | Form::Le | Form::NetByteorder => quote!(::core::mem::size_of::<#v>()),
        Form::Uint => {
            quote!(#k::Encode::encoded_len(&#k::codec::Uint(::core::convert::From::from(*__nla_v))))
        }
        Form::Sint => {
            quote!(#k::Encode::encoded_len(&#k::codec::Sint(::core::convert::From::from(*__nla_v))))
        }
        Form::Fixed => quote!(::core::mem::size_of_val(__nla_v)),
        Form::Flag => quote!(0usize),
        Form::With(p) => {
            let f = quote_spanned!(p.span()=> #p::encoded_len);
            quote!(#f(__nla_v))
        }
    }
}

/// An expression writing attribute `tc` holding `__nla_v: &V` to `__nla_wr`.
fn write_one(g: &Gen<'_>, spec: &AttrSpec, tc: &syn::Ident) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let lt = &g.lt;
    let v = &spec.value_ty;
    let w = quote!(__nla_wr);
    let nested = quote!(#k::consts::NLA_F_NESTED);
    match &spec.form {
        Form::Plain => quote!(#w.attr_raw(#tc | <#v as #k::Encode>::FLAGS, __nla_v)),
        Form::Nested { no_flag: false } => {
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_put);
            quote!(#f(__nla_v, #w, #tc | #nested))
        }
        Form::Nested { no_flag: true } => {
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_put);
            quote!(#f(__nla_v, #w, #tc))
        }
        Form::Be => quote!(#w.attr_raw(#tc, &#k::codec::Be(*__nla_v))),
        Form::NetByteorder => {
            quote!(#w.attr_raw(#tc | #k::consts::NLA_F_NET_BYTEORDER, &#k::codec::Be(*__nla_v)))
        }
        Form::Le => quote!(#w.attr_raw(#tc, &#k::codec::Le(*__nla_v))),
        Form::Uint => quote!(#w.attr_raw(#tc, &#k::codec::Uint(::core::convert::From::from(*__nla_v)))),
        Form::Sint => quote!(#w.attr_raw(#tc, &#k::codec::Sint(::core::convert::From::from(*__nla_v)))),
        Form::Flag => quote!(#w.flag(#tc)),
        Form::Submsg { no_flag, .. } => {
            let f = quote_spanned!(v.span()=> <#v as #k::private::SubMsgField<#lt>>::sub_put);
            quote!(#f(__nla_v, #w, #tc, #no_flag))
        }
        Form::Fixed => quote! {
            match #w.begin_attr(#tc) {
                ::core::result::Result::Ok(__nla_n) => match #w.put_struct(__nla_v) {
                    ::core::result::Result::Ok(()) => #w.end_nest(__nla_n),
                    ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
                },
                ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
            }
        },
        Form::With(p) => {
            let f = quote_spanned!(p.span()=> #p::encode);
            let call = quote!(#f(__nla_v, #w));
            quote! {
                match #w.begin_attr(#tc) {
                    ::core::result::Result::Ok(__nla_n) => match #call {
                        ::core::result::Result::Ok(()) => #w.end_nest(__nla_n),
                        ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
                    },
                    ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
                }
            }
        }
        Form::NestedArray { .. } => quote!(::core::unreachable!()),
    }
}

/// Statements checking `__nla_v: &V` before sending; errors through the closure `__nla_ew`.
fn check_one(g: &Gen<'_>, i: usize, spec: &AttrSpec, tc: &syn::Ident) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let lt = &g.lt;
    let v = &spec.value_ty;
    let mut out = TokenStream::new();
    let fail = |kind: TokenStream| quote!(return ::core::result::Result::Err(__nla_ew(#k::private::invalid(#tc, #kind))););
    if spec.checks_nul {
        let f = fail(quote!(__nla_k));
        out.extend(quote!(if let ::core::result::Result::Err(__nla_k) = #k::private::check_nul::<#v>(__nla_v) { #f }));
    }
    if spec.checks.min_len.is_some() || spec.checks.max_len.is_some() {
        let min = opt(spec.checks.min_len.as_ref().map(|_| names::min_len_const(i)));
        let max = opt(spec.checks.max_len.as_ref().map(|_| names::max_len_const(i)));
        let f = fail(quote!(__nla_k));
        out.extend(quote!(if let ::core::result::Result::Err(__nla_k) = #k::private::check_value_len::<#v>(__nla_v, #min, #max) { #f }));
    }
    if spec.checks.range.is_some() {
        let (a, b) = (names::min_const(i), names::max_const(i));
        let f = fail(quote!(__nla_k));
        out.extend(quote! {
            if let ::core::result::Result::Err(__nla_k) = #k::private::check_range(<i128 as ::core::convert::From<_>>::from(*__nla_v), #a as i128, #b as i128) { #f }
        });
    }
    if let Some(p) = &spec.checks.validate {
        let f = quote_spanned!(p.span()=> #p);
        let call = quote!(#f(__nla_v));
        let f = fail(quote!(#k::DecodeErrorKind::Invalid(__nla_why)));
        out.extend(quote!(if let ::core::result::Result::Err(__nla_why) = #call { #f }));
    }
    match &spec.form {
        Form::Nested { .. } | Form::NestedArray { .. } => {
            let f = quote_spanned!(v.span()=> <#v as #nest>::nested_check);
            out.extend(quote! {
                if let ::core::result::Result::Err(__nla_e) = #f(__nla_v) {
                    return ::core::result::Result::Err(__nla_ew(__nla_e));
                }
            });
        }
        Form::Submsg { .. } => {
            let f = quote_spanned!(v.span()=> <#v as #k::private::SubMsgField<#lt>>::sub_check);
            out.extend(quote! {
                if let ::core::result::Result::Err(__nla_e) = #f(__nla_v) {
                    return ::core::result::Result::Err(__nla_ew(__nla_e));
                }
            });
        }
        _ => {}
    }
    out
}

fn opt(c: Option<syn::Ident>) -> TokenStream {
    match c {
        Some(c) => quote!(::core::option::Option::Some(#c)),
        None => quote!(::core::option::Option::None),
    }
}

/// The attribute writers `parts` (in field order) as one encoder body. Without an `order`
/// field, simply in field order: the same code as ever. With one, a loop first takes the
/// fields in the recorded order (a type once, an `UNKNOWN` entry for the next kept unknown
/// attribute), then every field not yet written in field order; each field's writer
/// appears once in the expansion.
fn ordered(
    g: &Gen<'_>,
    order: Option<&Field<'_>>,
    unknown: Option<&Field<'_>>,
    parts: Vec<(Option<syn::Ident>, TokenStream)>,
) -> TokenStream {
    let Some(order) = order.filter(|_| !parts.is_empty()) else {
        return parts.into_iter().map(|(_, p)| p).collect();
    };
    let k = g.krate;
    let (om, oty) = (&order.member, order.ty);
    let n = parts.len();
    let lit = proc_macro2::Literal::usize_unsuffixed;
    let (one_unknown, none) = (lit(n), lit(n + 1));
    let mut pick = TokenStream::new();
    let mut arms = TokenStream::new();
    for (i, (tc, part)) in parts.into_iter().enumerate() {
        let slot = lit(i);
        let part = match (&tc, unknown) {
            (Some(tc), _) => {
                pick.extend(quote!(#tc => #slot,));
                part
            }
            // The unknown attributes not yet written.
            (None, Some(u)) => {
                let m = &u.member;
                quote! {
                    for __nla_u in ::core::iter::Iterator::skip(self.#m.iter(), __nla_ui) {
                        __nla_wr.attr_bytes(#k::RawAttr::raw_type(&__nla_u), #k::RawAttr::payload(&__nla_u))?;
                    }
                }
            }
            (None, None) => part,
        };
        arms.extend(quote! {
            #slot => if !__nla_done[#slot] {
                __nla_done[#slot] = true;
                #part
            },
        });
    }
    let (ui, unknown_arm) = match unknown {
        Some(u) => {
            let m = &u.member;
            pick.extend(quote!(#k::AttrOrder::UNKNOWN => #one_unknown,));
            (
                quote!(let mut __nla_ui: usize = 0;),
                quote! {
                    #one_unknown => if let ::core::option::Option::Some(__nla_u) = self.#m.get(__nla_ui) {
                        __nla_ui += 1;
                        __nla_wr.attr_bytes(#k::RawAttr::raw_type(&__nla_u), #k::RawAttr::payload(&__nla_u))?;
                    },
                },
            )
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let rec = quote_spanned!(oty.span()=> <#oty as #k::private::OrderField>::order);
    quote! {
        let __nla_rec: &[u16] = #k::AttrOrder::to_follow(#rec(&self.#om));
        let mut __nla_done: [bool; #n] = [false; #n];
        #ui
        let mut __nla_step: usize = 0;
        while __nla_step < __nla_rec.len() + #n {
            let __nla_slot: usize = match __nla_rec.get(__nla_step) {
                ::core::option::Option::Some(&__nla_t) => match __nla_t {
                    #pick
                    _ => #none,
                },
                ::core::option::Option::None => __nla_step - __nla_rec.len(),
            };
            __nla_step += 1;
            match __nla_slot {
                #arms
                #unknown_arm
                _ => {}
            }
        }
    }
}

pub fn set(g: &Gen<'_>, fields: &[Field<'_>]) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let (ident, ig, tg) = (g.ident, &g.impl_generics, &g.ty_generics);
    let mut len = TokenStream::new();
    let mut enc = TokenStream::new();
    let mut chk = TokenStream::new();
    // The attributes' writers in field order, each with its type (`None`: the unknown ones).
    let mut parts: Vec<(Option<syn::Ident>, TokenStream)> = Vec::new();
    let (mut order, mut unknown) = (None, None);
    for f in fields {
        let (m, name) = (&f.member, &f.name);
        match &f.role {
            Role::Skip => {}
            Role::Header => {
                let ty = f.ty;
                len.extend(quote!(__nla_n = __nla_n.saturating_add(#k::consts::align4(::core::mem::size_of::<#ty>()));));
                enc.extend(quote! {
                    __nla_wr.put_struct(&self.#m)?;
                    // Most headers are whole words: no padding, and no call for it.
                    if #k::consts::align4(::core::mem::size_of::<#ty>()) != ::core::mem::size_of::<#ty>() {
                        __nla_wr.put_zeros(#k::consts::align4(::core::mem::size_of::<#ty>()) - ::core::mem::size_of::<#ty>())?;
                    }
                });
            }
            Role::Order => order = Some(f),
            Role::Unknown => {
                let mut fenc = TokenStream::new();
                len.extend(quote! {
                    for __nla_u in &self.#m {
                        __nla_n = __nla_n.saturating_add(#k::writer::attr_size(#k::RawAttr::payload(&__nla_u).len()));
                    }
                });
                fenc.extend(quote! {
                    for __nla_u in &self.#m {
                        __nla_wr.attr_bytes(#k::RawAttr::raw_type(&__nla_u), #k::RawAttr::payload(&__nla_u))?;
                    }
                });
                unknown = Some(f);
                parts.push((None, fenc));
            }
            Role::Attr(spec) => {
                let tc = names::ty_const(f.index);
                let mut fenc = TokenStream::new();
                let plen = payload_len(g, spec);
                let write = write_one(g, spec, &tc);
                let check = check_one(g, f.index, spec, &tc);
                let enc_fail = quote!(return ::core::result::Result::Err(#k::private::field_enc_err(__nla_e, #tc, #name)););
                let ew = quote!(let __nla_ew = |__nla_e: #k::EncodeError| -> #k::EncodeError { __nla_e.in_field(#name) };);
                match &spec.presence {
                    Presence::Required | Presence::Default(_) => {
                        len.extend(quote!({ let __nla_v = &self.#m; __nla_n = __nla_n.saturating_add(#k::writer::attr_size(#plen)); }));
                        fenc.extend(quote!({ let __nla_v = &self.#m; if let ::core::result::Result::Err(__nla_e) = #write { #enc_fail } }));
                        chk.extend(quote!({ let __nla_v = &self.#m; #ew #check }));
                    }
                    Presence::Optional => {
                        len.extend(quote!(if let ::core::option::Option::Some(__nla_v) = &self.#m { __nla_n = __nla_n.saturating_add(#k::writer::attr_size(#plen)); }));
                        fenc.extend(quote!(if let ::core::option::Option::Some(__nla_v) = &self.#m { if let ::core::result::Result::Err(__nla_e) = #write { #enc_fail } }));
                        chk.extend(
                            quote!(if let ::core::option::Option::Some(__nla_v) = &self.#m { #ew #check }),
                        );
                    }
                    Presence::Flag => {
                        len.extend(quote!(if self.#m { __nla_n = __nla_n.saturating_add(#k::writer::attr_size(0)); }));
                        fenc.extend(quote!(if self.#m { if let ::core::result::Result::Err(__nla_e) = __nla_wr.flag(#tc) { #enc_fail } }));
                    }
                    // A view writes back the attributes as received, checked then.
                    Presence::Multi if spec.view => {
                        len.extend(quote! {
                            for __nla_a in self.#m.attrs() {
                                __nla_n = __nla_n.saturating_add(#k::writer::attr_size(__nla_a.payload().len()));
                            }
                        });
                        fenc.extend(quote! {
                            for __nla_a in self.#m.attrs() {
                                if let ::core::result::Result::Err(__nla_e) = __nla_wr.attr_bytes(__nla_a.raw_type(), __nla_a.payload()) { #enc_fail }
                            }
                        });
                    }
                    Presence::Array { .. } if spec.view => {
                        let no_flag = matches!(spec.form, Form::NestedArray { no_flag: true, .. });
                        let flag = if no_flag { quote!(0u16) } else { quote!(#k::consts::NLA_F_NESTED) };
                        len.extend(quote! {
                            if !self.#m.is_empty() {
                                __nla_n = __nla_n.saturating_add(#k::writer::attr_size(self.#m.payload().len()));
                            }
                        });
                        fenc.extend(quote! {
                            if !self.#m.is_empty() {
                                if let ::core::result::Result::Err(__nla_e) = __nla_wr.attr_bytes(#tc | #flag, self.#m.payload()) { #enc_fail }
                            }
                        });
                    }
                    Presence::Multi => {
                        len.extend(quote!(for __nla_v in &self.#m { __nla_n = __nla_n.saturating_add(#k::writer::attr_size(#plen)); }));
                        let idx =
                            quote!(<u32 as ::core::convert::TryFrom<usize>>::try_from(__nla_i)
                                .unwrap_or(u32::MAX));
                        fenc.extend(quote! {
                            for (__nla_i, __nla_v) in ::core::iter::Iterator::enumerate(self.#m.iter()) {
                                if let ::core::result::Result::Err(__nla_e) = #write {
                                    return ::core::result::Result::Err(#k::private::enc_err(__nla_e, #tc).at_index(#idx).in_field(#name));
                                }
                            }
                        });
                        chk.extend(quote! {
                            for (__nla_i, __nla_v) in ::core::iter::Iterator::enumerate(self.#m.iter()) {
                                let __nla_ew = |__nla_e: #k::EncodeError| -> #k::EncodeError { __nla_e.at_index(#idx).in_field(#name) };
                                #check
                            }
                        });
                    }
                    Presence::Array { keep_index } => {
                        let v = &spec.value_ty;
                        let (pat, idx) = if *keep_index {
                            (quote!((__nla_t, __nla_v)), quote!(#k::private::kept_index(*__nla_t, #tc)?))
                        } else {
                            (quote!(__nla_v), quote!(#k::private::array_index(__nla_i, #tc)?))
                        };
                        let ii =
                            quote!(<u32 as ::core::convert::TryFrom<usize>>::try_from(__nla_i)
                                .unwrap_or(u32::MAX));
                        let f = quote_spanned!(v.span()=> <#v as #nest>::nested_put);
                        // `nested_array(no_flag)`: neither the array nor its entries carry
                        // `NLA_F_NESTED`, as the kernel writes some of its replies.
                        let no_flag = matches!(spec.form, Form::NestedArray { no_flag: true, .. });
                        let flag = if no_flag { quote!(0u16) } else { quote!(#k::consts::NLA_F_NESTED) };
                        let put_el = quote!(#f(__nla_v, __nla_wr, #idx | #flag));
                        let el_len = quote!(<#v as #nest>::nested_len(__nla_v));
                        // Elements that encode to nothing are left out, and so is a nest that
                        // would hold only such elements: the decoder skips empty entries (as
                        // the kernel does), so writing them would not survive a round trip.
                        let any = quote! {
                            ::core::iter::Iterator::any(&mut self.#m.iter(), |#pat| #el_len != 0)
                        };
                        len.extend(quote! {
                            if #any {
                                let mut __nla_inner: usize = 0;
                                for #pat in &self.#m {
                                    let __nla_l = #el_len;
                                    if __nla_l == 0 {
                                        continue;
                                    }
                                    __nla_inner = __nla_inner.saturating_add(#k::writer::attr_size(__nla_l));
                                }
                                __nla_n = __nla_n.saturating_add(#k::writer::attr_size(__nla_inner));
                            }
                        });
                        fenc.extend(quote! {
                            if #any {
                                let __nla_nest = match __nla_wr.begin_attr(#tc | #flag) {
                                    ::core::result::Result::Ok(__nla_x) => __nla_x,
                                    ::core::result::Result::Err(__nla_e) => { #enc_fail }
                                };
                                for (__nla_i, #pat) in ::core::iter::Iterator::enumerate(self.#m.iter()) {
                                    if #el_len == 0 {
                                        continue;
                                    }
                                    if let ::core::result::Result::Err(__nla_e) = #put_el {
                                        return ::core::result::Result::Err(#k::private::enc_err(__nla_e, #tc).at_index(#ii).in_field(#name));
                                    }
                                }
                                if let ::core::result::Result::Err(__nla_e) = __nla_wr.end_nest(__nla_nest) { #enc_fail }
                            }
                        });
                        chk.extend(quote! {
                            for (__nla_i, #pat) in ::core::iter::Iterator::enumerate(self.#m.iter()) {
                                let __nla_ew = |__nla_e: #k::EncodeError| -> #k::EncodeError { __nla_e.at_index(#ii).in_field(#name) };
                                #check
                            }
                        });
                    }
                }
                parts.push((Some(tc), fenc));
            }
        }
    }
    // A set of a few attributes is small enough to inline wherever it is written.
    let small = parts.len() <= 4 && order.is_none();
    let inline_attr = if small { quote!(#[inline(always)]) } else { quote!(#[inline]) };
    let len_inline = if small { quote!(#[inline(always)]) } else { TokenStream::new() };
    enc.extend(ordered(g, order, unknown, parts));
    quote! {
        #[automatically_derived]
        impl #ig #k::Encode for #ident #tg {
            const FLAGS: u16 = #k::consts::NLA_F_NESTED;
            const KIND: #k::policy::AttrKind = #k::policy::AttrKind::Nested(<Self as #k::policy::HasPolicy>::POLICY);
            #len_inline
            fn encoded_len(&self) -> usize {
                let mut __nla_n: usize = 0;
                #len
                __nla_n
            }
            #inline_attr
            fn encode(&self, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                #enc
                ::core::result::Result::Ok(())
            }
        }
        #[automatically_derived]
        impl #ig #k::AttrSet for #ident #tg {
            fn check(&self) -> ::core::result::Result<(), #k::EncodeError> {
                #chk
                ::core::result::Result::Ok(())
            }
        }
    }
}

pub fn attr_enum(g: &Gen<'_>, _cont: &Container<'_>, vars: &[AttrVariant<'_>]) -> TokenStream {
    let k = g.krate;
    let de = &g.de;
    let (ident, de_impl, tg) = (g.ident, &g.de_impl, &g.ty_generics);
    let mut dec = TokenStream::new();
    let mut tys = TokenStream::new();
    let mut lens = TokenStream::new();
    let mut encs = TokenStream::new();
    let mut catch_all = quote! {
        ::core::result::Result::Err(#k::DecodeError::at_attr(__nla_a.offset(), __nla_a.ty(), #k::DecodeErrorKind::Unknown))
    };
    for var in vars {
        let vi = var.ident;
        match &var.role {
            VariantRole::Unknown => {
                catch_all =
                    quote!(::core::result::Result::Ok(Self::#vi(::core::convert::From::from(__nla_a))));
                tys.extend(
                    quote!(Self::#vi(__nla_u) => #k::RawAttr::raw_type(__nla_u) & #k::consts::NLA_TYPE_MASK,),
                );
                lens.extend(
                    quote!(Self::#vi(__nla_u) => #k::writer::attr_size(#k::RawAttr::payload(__nla_u).len()),),
                );
                encs.extend(quote!(Self::#vi(__nla_u) => __nla_wr.attr_bytes(#k::RawAttr::raw_type(&__nla_u), #k::RawAttr::payload(&__nla_u)),));
            }
            VariantRole::Attr(spec, unit) => {
                let tc = names::ty_const(var.index);
                let name = &var.name;
                let body = super::decode::value(g, var.index, spec);
                let (pat, made) = if *unit {
                    (quote!(Self::#vi), quote!(Self::#vi))
                } else {
                    (quote!(Self::#vi(__nla_v)), quote!(Self::#vi(__nla_x)))
                };
                let made = if *unit { quote!({ let _ = __nla_x; #made }) } else { made };
                dec.extend(quote! {
                    #tc => {
                        let __nla_w = |__nla_e: #k::DecodeError| -> #k::DecodeError {
                            __nla_e.within_attr(__nla_a.offset(), __nla_a.ty()).in_field(#name)
                        };
                        #body
                        ::core::result::Result::Ok(#made)
                    }
                });
                tys.extend(quote!(#pat => #tc,));
                let plen = payload_len(g, spec);
                let write = write_one(g, spec, &tc);
                lens.extend(quote!(#pat => #k::writer::attr_size(#plen),));
                encs.extend(quote!(#pat => ::core::result::Result::map_err(#write, |__nla_e| #k::private::enc_err(__nla_e, #tc).in_field(#name)),));
            }
        }
    }
    quote! {
        #[automatically_derived]
        impl #de_impl #k::AttrEnum<#de> for #ident #tg {
            fn decode_attr(__nla_ar: &#k::Attr<#de>) -> ::core::result::Result<Self, #k::DecodeError> {
                let __nla_a: #k::Attr<#de> = *__nla_ar;
                let __nla_depth: usize = 0;
                match __nla_a.ty() {
                    #dec
                    _ => #catch_all,
                }
            }
            fn attr_type(&self) -> u16 {
                match self { #tys }
            }
            fn attr_len(&self) -> usize {
                match self { #lens }
            }
            fn encode_attr(&self, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                match self { #encs }
            }
        }
    }
}

pub fn sub_msg(g: &Gen<'_>, vars: &[SubVariant<'_>]) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let not_recommended = super::not_recommended();
    let de = &g.de;
    let (ident, ig, de_impl, tg) = (g.ident, &g.impl_generics, &g.de_impl, &g.ty_generics);
    let mut lens = TokenStream::new();
    let mut encs = TokenStream::new();
    let mut flags = TokenStream::new();
    let mut checks = TokenStream::new();
    let mut table = TokenStream::new();
    let mut int_table = TokenStream::new();
    let mut selects = TokenStream::new();
    let mut in_place_selects = TokenStream::new();
    let mut other = quote! {
        ::core::result::Result::Err(#k::DecodeError::new(__nla_o, #k::DecodeErrorKind::Invalid(
            "the selector names no known sub-message format")))
    };
    for var in vars {
        let vi = var.ident;
        let (pat, any) = match var.ty {
            Some(_) => (quote!(Self::#vi(__nla_v)), quote!(Self::#vi(_))),
            None => (quote!(Self::#vi), quote!(Self::#vi)),
        };
        match var.ty {
            Some(t) => {
                lens.extend(quote!(#pat => <#t as #k::Encode>::encoded_len(__nla_v),));
                encs.extend(quote!(#pat => <#t as #k::Encode>::encode(__nla_v, __nla_wr),));
                flags.extend(quote!(#any => <#t as #k::Encode>::FLAGS,));
            }
            None => {
                lens.extend(quote!(#pat => 0,));
                encs.extend(quote!(#pat => ::core::result::Result::Ok(()),));
                flags.extend(quote!(#any => 0,));
            }
        }
        // Selected formats are attribute sets, decoded one level deeper; the catch-all
        // keeps whatever it is.
        let decode = match var.ty {
            Some(t) if var.other => {
                let f = quote_spanned!(t.span()=> <#t as #k::Decode<#de>>::decode);
                quote!(::core::result::Result::map(#f(__nla_p, __nla_o), Self::#vi))
            }
            Some(t) => {
                let f = quote_spanned!(t.span()=> <#t as #nest>::nested_decode_depth);
                quote!(::core::result::Result::map(#f(__nla_p, __nla_o, __nla_depth), Self::#vi))
            }
            None => quote!(::core::result::Result::Ok(Self::#vi)),
        };
        if var.other {
            other = decode;
            checks.extend(quote!(#any => ::core::result::Result::Ok(()),));
            continue;
        }
        match var.ty {
            Some(t) => {
                let f = quote_spanned!(t.span()=> <#t as #k::AttrSet>::check);
                checks.extend(quote!(#pat => #f(__nla_v),));
            }
            None => checks.extend(quote!(#pat => ::core::result::Result::Ok(()),)),
        }
        if let Some(sel) = &var.select {
            selects.extend(quote! {
                if #k::private::SelectKey::is_selected_by(&(#sel), __nla_s) {
                    return #decode;
                }
            });
            // In place, a set variant picked again is decoded into.
            let reuse = var.ty.map(|t| {
                let f = quote_spanned!(t.span()=> <#t as #nest>::nested_decode_in_place);
                quote! {
                    match self {
                        Self::#vi(__nla_old) => return #f(__nla_old, __nla_p, __nla_o, __nla_depth),
                        _ => {}
                    }
                }
            });
            in_place_selects.extend(quote! {
                if #k::private::SelectKey::is_selected_by(&(#sel), __nla_s) {
                    #reuse
                    *self = #decode?;
                    return ::core::result::Result::Ok(());
                }
            });
            if let (syn::Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }), Some(t)) = (sel, var.ty) {
                table.extend(quote!((#s, <#t as #k::policy::HasPolicy>::POLICY),));
            }
            if let (true, Some(t)) = (is_int_literal(sel), var.ty) {
                int_table.extend(quote!(((#sel) as i128, <#t as #k::policy::HasPolicy>::POLICY),));
            }
        }
    }
    quote! {
        #[automatically_derived]
        impl #ig #k::Encode for #ident #tg {
            fn encoded_len(&self) -> usize {
                match self { #lens }
            }
            fn encode(&self, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                match self { #encs }
            }
        }
        #[automatically_derived]
        impl #ig #k::SubMessage for #ident #tg {
            const VARIANTS: &'static [(&'static str, &'static #k::policy::Policy)] = &[#table];
            const INT_VARIANTS: &'static [(i128, &'static #k::policy::Policy)] = &[#int_table];
            fn flags(&self) -> u16 {
                match self { #flags }
            }
            fn check(&self) -> ::core::result::Result<(), #k::EncodeError> {
                match self { #checks }
            }
        }
        #[automatically_derived]
        #[doc(hidden)]
        #not_recommended
        impl #de_impl #k::private::SubMsgField<#de> for #ident #tg {
            fn sub_decode_depth<__NlaS: #k::Selector + ?::core::marker::Sized>(
                __nla_sel: ::core::option::Option<&__NlaS>,
                __nla_p: &#de [u8],
                __nla_o: usize,
                __nla_depth: usize,
            ) -> ::core::result::Result<Self, #k::DecodeError> {
                if let ::core::option::Option::Some(__nla_s) = __nla_sel {
                    #selects
                }
                #other
            }
            fn sub_decode_in_place<__NlaS: #k::Selector + ?::core::marker::Sized>(
                &mut self,
                __nla_sel: ::core::option::Option<&__NlaS>,
                __nla_p: &#de [u8],
                __nla_o: usize,
                __nla_depth: usize,
            ) -> ::core::result::Result<(), #k::DecodeError> {
                if let ::core::option::Option::Some(__nla_s) = __nla_sel {
                    #in_place_selects
                }
                *self = #other?;
                ::core::result::Result::Ok(())
            }
        }
        #[automatically_derived]
        impl #de_impl #k::SubMessageDecode<#de> for #ident #tg {
            #[inline]
            fn decode_selected<__NlaS: #k::Selector + ?::core::marker::Sized>(
                __nla_sel: ::core::option::Option<&__NlaS>,
                __nla_p: &#de [u8],
                __nla_o: usize,
            ) -> ::core::result::Result<Self, #k::DecodeError> {
                <Self as #k::private::SubMsgField<#de>>::sub_decode_depth(__nla_sel, __nla_p, __nla_o, 0)
            }
        }
    }
}

/// Whether a `select` value is an integer literal (`6`, `6u16`, `-1`): the ones the
/// policy table lists by value. Other expressions select at run time only.
fn is_int_literal(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Lit(syn::ExprLit { lit: Lit::Int(_), .. }) => true,
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => is_int_literal(expr),
        syn::Expr::Paren(p) => is_int_literal(&p.expr),
        syn::Expr::Group(g) => is_int_literal(&g.expr),
        _ => false,
    }
}

pub fn value_enum(g: &Gen<'_>, repr: &Type, vars: &[ValueVariant<'_>]) -> TokenStream {
    let k = g.krate;
    let de = &g.de;
    let (ident, ig, de_impl, tg) = (g.ident, &g.impl_generics, &g.de_impl, &g.ty_generics);
    let repr_fn = names::repr_fn();
    let mut consts = TokenStream::new();
    let mut to = TokenStream::new();
    let mut from = TokenStream::new();
    let mut from_total = TokenStream::new();
    let mut other = None;
    for (i, var) in vars.iter().enumerate() {
        let vi = var.ident;
        if var.other {
            to.extend(quote!(#ident::#vi(__nla_x) => *__nla_x,));
            other = Some(vi);
            continue;
        }
        let c = names::discr_const(i);
        let value = &var.value;
        consts.extend(quote!(const #c: #repr = #value;));
        to.extend(quote!(#ident::#vi => #c,));
        from.extend(quote!(#c => ::core::result::Result::Ok(#ident::#vi),));
        from_total.extend(quote!(#c => #ident::#vi,));
    }
    let fallback = match other {
        Some(vi) => quote!(__nla_x => ::core::result::Result::Ok(#ident::#vi(__nla_x)),),
        None => quote! {
            _ => ::core::result::Result::Err(#k::DecodeError::new(__nla_o, #k::DecodeErrorKind::Invalid(
                "the value names no variant of this enum"))),
        },
    };
    // A catch-all makes the conversion total; without one, `From` is not offered.
    let from_repr = other.map(|vi| {
        quote! {
            #[automatically_derived]
            impl #ig ::core::convert::From<#repr> for #ident #tg {
                fn from(__nla_r: #repr) -> Self {
                    match __nla_r {
                        #from_total
                        __nla_x => #ident::#vi(__nla_x),
                    }
                }
            }
        }
    });
    quote! {
        #consts
        fn #repr_fn(__nla_r: #repr, __nla_o: usize) -> ::core::result::Result<#ident, #k::DecodeError> {
            match __nla_r {
                #from
                #fallback
            }
        }
        #[automatically_derived]
        impl #ig ::core::convert::From<&#ident #tg> for #repr {
            fn from(__nla_v: &#ident #tg) -> Self {
                match __nla_v { #to }
            }
        }
        #[automatically_derived]
        impl #ig ::core::convert::From<#ident #tg> for #repr {
            fn from(__nla_v: #ident #tg) -> Self {
                <#repr as ::core::convert::From<&#ident #tg>>::from(&__nla_v)
            }
        }
        #from_repr
        #[automatically_derived]
        impl #ig #k::Encode for #ident #tg {
            const KIND: #k::policy::AttrKind = <#repr as #k::Encode>::KIND;
            fn encoded_len(&self) -> usize {
                ::core::mem::size_of::<#repr>()
            }
            fn encode(&self, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                <#repr as #k::Encode>::encode(&<#repr as ::core::convert::From<&Self>>::from(self), __nla_wr)
            }
            #[inline]
            fn encode_as_attr(&self, __nla_t: u16, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                <#repr as #k::Encode>::encode_as_attr(&<#repr as ::core::convert::From<&Self>>::from(self), __nla_t, __nla_wr)
            }
        }
        #[automatically_derived]
        impl #de_impl #k::Decode<#de> for #ident #tg {
            fn decode(__nla_p: &#de [u8], __nla_o: usize) -> ::core::result::Result<Self, #k::DecodeError> {
                match <#repr as #k::Decode<#de>>::decode(__nla_p, __nla_o) {
                    ::core::result::Result::Ok(__nla_r) => #repr_fn(__nla_r, __nla_o),
                    ::core::result::Result::Err(__nla_e) => ::core::result::Result::Err(__nla_e),
                }
            }
        }
        #[automatically_derived]
        impl #ig #k::Selector for #ident #tg {
            fn selects_int(&self, __nla_x: i128) -> bool {
                <i128 as ::core::convert::From<_>>::from(<#repr as ::core::convert::From<&Self>>::from(self)) == __nla_x
            }
        }
    }
}

pub fn newtype(g: &Gen<'_>, inner: &Type) -> TokenStream {
    let k = g.krate;
    let de = &g.de;
    let (ident, ig, de_impl, tg) = (g.ident, &g.impl_generics, &g.de_impl, &g.ty_generics);
    quote! {
        #[automatically_derived]
        impl #ig #k::Encode for #ident #tg {
            const FLAGS: u16 = <#inner as #k::Encode>::FLAGS;
            const KIND: #k::policy::AttrKind = <#inner as #k::Encode>::KIND;
            fn encoded_len(&self) -> usize {
                <#inner as #k::Encode>::encoded_len(&self.0)
            }
            fn encode(&self, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                <#inner as #k::Encode>::encode(&self.0, __nla_wr)
            }
            #[inline]
            fn encode_as_attr(&self, __nla_t: u16, __nla_wr: &mut #k::Writer<'_>) -> ::core::result::Result<(), #k::EncodeError> {
                <#inner as #k::Encode>::encode_as_attr(&self.0, __nla_t, __nla_wr)
            }
        }
        #[automatically_derived]
        impl #de_impl #k::Decode<#de> for #ident #tg {
            fn decode(__nla_p: &#de [u8], __nla_o: usize) -> ::core::result::Result<Self, #k::DecodeError> {
                ::core::result::Result::map(<#inner as #k::Decode<#de>>::decode(__nla_p, __nla_o), #ident)
            }
        }
    }
}

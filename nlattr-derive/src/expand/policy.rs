//! The constant policy table of each derived type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{names, Gen};
use crate::ast::{AttrSpec, AttrVariant, Container, Field, Presence, Role, VariantRole};
use crate::attr::Form;

fn entry(g: &Gen<'_>, i: usize, name: &str, spec: &AttrSpec, in_set: bool) -> TokenStream {
    let k = g.krate;
    let nest = &g.nest;
    let lt = &g.lt;
    let v = &spec.value_ty;
    let kind = quote!(#k::policy::AttrKind);
    let (kind, nested_flag) = match &spec.form {
        Form::Plain => (
            quote!(<#v as #k::Encode>::KIND),
            quote!((<#v as #k::Encode>::FLAGS & #k::consts::NLA_F_NESTED) != 0),
        ),
        Form::Be | Form::NetByteorder => (quote!(<#k::codec::Be<#v> as #k::Encode>::KIND), quote!(false)),
        Form::Le => (quote!(<#k::codec::Le<#v> as #k::Encode>::KIND), quote!(false)),
        Form::Uint => (quote!(#kind::Uint), quote!(false)),
        Form::Sint => (quote!(#kind::Sint), quote!(false)),
        Form::Flag => (quote!(#kind::Flag), quote!(false)),
        Form::Fixed => (quote!(#kind::Struct(::core::mem::size_of::<#v>())), quote!(false)),
        Form::With(_) => (quote!(#kind::Binary), quote!(false)),
        Form::Nested { no_flag } => {
            (quote_spanned!(v.span()=> #kind::Nested(<#v as #nest>::NESTED_POLICY)), quote!(!#no_flag))
        }
        Form::NestedArray { no_flag, .. } => {
            (quote_spanned!(v.span()=> #kind::NestedArray(<#v as #nest>::NESTED_POLICY)), quote!(!#no_flag))
        }
        Form::Submsg { selector, no_flag } => {
            let sel = selector.to_string();
            let sub = quote_spanned!(v.span()=> <#v as #k::private::SubMsgField<#lt>>);
            (
                // Integer `select` values when the enum has them, text otherwise.
                quote! {
                    if #sub::SUB_INT_VARIANTS.is_empty() {
                        #kind::SubMessage { selector: #sel, variants: #sub::SUB_VARIANTS }
                    } else {
                        #kind::SubMessageInt { selector: #sel, variants: #sub::SUB_INT_VARIANTS }
                    }
                },
                quote!(!#no_flag),
            )
        }
    };
    let tc = names::ty_const(i);
    // In the enum form each value is one attribute: none is required.
    let required = in_set && matches!(spec.presence, Presence::Required);
    let multi = matches!(spec.presence, Presence::Multi);
    let len = |c: Option<syn::Ident>| match c {
        Some(c) => quote!(::core::option::Option::Some(#k::private::len_u32(#c))),
        None => quote!(::core::option::Option::None),
    };
    let min_len = len(spec.checks.min_len.as_ref().map(|_| names::min_len_const(i)));
    let max_len = len(spec.checks.max_len.as_ref().map(|_| names::max_len_const(i)));
    let range = if spec.checks.range.is_some() {
        let (a, b) = (names::min_const(i), names::max_const(i));
        quote!(::core::option::Option::Some((#a as i128, #b as i128)))
    } else {
        quote!(::core::option::Option::None)
    };
    quote! {
        #k::policy::AttrPolicy {
            field: #name,
            ty: #tc,
            kind: #kind,
            required: #required,
            multi: #multi,
            nested_flag: #nested_flag,
            min_len: #min_len,
            max_len: #max_len,
            range: #range,
        },
    }
}

pub fn set(g: &Gen<'_>, cont: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let k = g.krate;
    let (ident, ig, tg) = (g.ident, &g.impl_generics, &g.ty_generics);
    let name = ident.to_string();
    let header_len = fields.iter().find(|f| matches!(f.role, Role::Header)).map_or_else(
        || quote!(0),
        |h| {
            let ty = h.ty;
            quote!(#k::consts::align4(::core::mem::size_of::<#ty>()))
        },
    );
    let entries: TokenStream = fields
        .iter()
        .filter_map(|f| match &f.role {
            Role::Attr(spec) => Some(entry(g, f.index, &f.name, spec, true)),
            _ => None,
        })
        .collect();
    let deny_unknown = cont.attrs.deny_unknown.is_some();
    quote! {
        #[automatically_derived]
        impl #ig #k::policy::HasPolicy for #ident #tg {
            const POLICY: &'static #k::policy::Policy = &#k::policy::Policy {
                name: #name,
                header_len: #header_len,
                attrs: &[#entries],
                deny_unknown: #deny_unknown,
            };
        }
    }
}

pub fn attr_enum(g: &Gen<'_>, vars: &[AttrVariant<'_>]) -> TokenStream {
    let k = g.krate;
    let (ident, ig, tg) = (g.ident, &g.impl_generics, &g.ty_generics);
    let name = ident.to_string();
    let mut deny_unknown = true;
    let mut entries = TokenStream::new();
    for v in vars {
        match &v.role {
            VariantRole::Attr(spec, _) => entries.extend(entry(g, v.index, &v.name, spec, false)),
            VariantRole::Unknown => deny_unknown = false,
        }
    }
    quote! {
        #[automatically_derived]
        impl #ig #k::policy::HasPolicy for #ident #tg {
            const POLICY: &'static #k::policy::Policy = &#k::policy::Policy {
                name: #name,
                header_len: 0,
                attrs: &[#entries],
                deny_unknown: #deny_unknown,
            };
        }
    }
}

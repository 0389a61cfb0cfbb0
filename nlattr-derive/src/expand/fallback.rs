//! Stub impls emitted next to the errors, so that the user sees the real errors and not a
//! cascade of "trait not implemented" errors at every use of the type.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Path};

use super::Derive;

pub fn stubs(input: &DeriveInput, derive: Derive, krate: &Path) -> TokenStream {
    let ident = &input.ident;
    if input.generics.type_params().next().is_some() || input.generics.const_params().next().is_some() {
        return TokenStream::new();
    }
    if let syn::Data::Union(_) = input.data {
        return TokenStream::new();
    }
    let (ig, tg, wc) = input.generics.split_for_impl();
    let lts: Vec<_> = input.generics.lifetimes().collect();
    let de = match lts.first() {
        Some(l) if lts.len() == 1 => l.lifetime.clone(),
        Some(_) => return TokenStream::new(),
        None => super::names::de_lifetime(),
    };
    let de_ig = if lts.is_empty() { quote!(<#de>) } else { quote!(#ig) };
    let encode = quote! {
        #[automatically_derived]
        impl #ig #krate::Encode for #ident #tg #wc {
            fn encoded_len(&self) -> usize { ::core::unreachable!() }
            fn encode(&self, _: &mut #krate::Writer<'_>) -> ::core::result::Result<(), #krate::EncodeError> { ::core::unreachable!() }
        }
    };
    let decode = quote! {
        #[automatically_derived]
        impl #de_ig #krate::Decode<#de> for #ident #tg #wc {
            fn decode(_: &#de [u8], _: usize) -> ::core::result::Result<Self, #krate::DecodeError> { ::core::unreachable!() }
        }
    };
    let policy = quote! {
        #[automatically_derived]
        impl #ig #krate::policy::HasPolicy for #ident #tg #wc {
            const POLICY: &'static #krate::policy::Policy = &#krate::policy::Policy::empty("");
        }
    };
    let owned = if lts.is_empty() {
        quote! {
            #[automatically_derived]
            impl #krate::private::NestedOwned for #ident {
                fn nested_decode_depth(_: &[u8], _: usize, _: usize) -> ::core::result::Result<Self, #krate::DecodeError> { ::core::unreachable!() }
            }
        }
    } else {
        TokenStream::new()
    };
    let body = match (derive, &input.data) {
        (Derive::Attrs, syn::Data::Struct(_)) => quote! {
            #encode
            #decode
            #policy
            #[automatically_derived]
            impl #ig #krate::AttrSet for #ident #tg #wc {
                fn check(&self) -> ::core::result::Result<(), #krate::EncodeError> { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl #de_ig #krate::private::NestedSet<#de> for #ident #tg #wc {
                fn nested_decode_depth(_: &#de [u8], _: usize, _: usize) -> ::core::result::Result<Self, #krate::DecodeError> { ::core::unreachable!() }
            }
            #owned
        },
        (Derive::Attrs, _) => quote! {
            #policy
            #[automatically_derived]
            impl #de_ig #krate::AttrEnum<#de> for #ident #tg #wc {
                fn decode_attr(_: &#krate::Attr<#de>) -> ::core::result::Result<Self, #krate::DecodeError> { ::core::unreachable!() }
                fn attr_type(&self) -> u16 { ::core::unreachable!() }
                fn attr_len(&self) -> usize { ::core::unreachable!() }
                fn encode_attr(&self, _: &mut #krate::Writer<'_>) -> ::core::result::Result<(), #krate::EncodeError> { ::core::unreachable!() }
            }
        },
        (Derive::SubMsg, _) => quote! {
            #encode
            #[automatically_derived]
            impl #ig #krate::SubMessage for #ident #tg #wc {
                const VARIANTS: &'static [(&'static str, &'static #krate::policy::Policy)] = &[];
                fn flags(&self) -> u16 { ::core::unreachable!() }
                fn check(&self) -> ::core::result::Result<(), #krate::EncodeError> { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl #de_ig #krate::private::SubMsgField<#de> for #ident #tg #wc {
                fn sub_decode_depth<__NlaS: #krate::Selector + ?::core::marker::Sized>(
                    _: ::core::option::Option<&__NlaS>, _: &#de [u8], _: usize, _: usize,
                ) -> ::core::result::Result<Self, #krate::DecodeError> { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl #de_ig #krate::SubMessageDecode<#de> for #ident #tg #wc {
                fn decode_selected<__NlaS: #krate::Selector + ?::core::marker::Sized>(
                    _: ::core::option::Option<&__NlaS>, _: &#de [u8], _: usize,
                ) -> ::core::result::Result<Self, #krate::DecodeError> { ::core::unreachable!() }
            }
        },
        (Derive::Value, _) => quote! {
            #encode
            #decode
        },
    };
    quote! {
        const _: () = {
            #body
        };
    }
}

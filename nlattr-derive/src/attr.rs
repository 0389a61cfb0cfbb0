//! Parsing `#[nla(...)]` into plain data. Every problem goes to the [`Ctxt`]; parsing goes on.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, Ident, LitStr, Path, Token, Type};

use crate::ctxt::Ctxt;
use crate::symbol::{self as sym, unknown_keyword};

/// How a field's value is put on the wire. Mutually exclusive, so conflicts report themselves.
#[derive(Clone)]
pub enum Form {
    Plain,
    Be,
    Le,
    NetByteorder,
    Uint,
    Sint,
    Flag,
    Nested { no_flag: bool },
    NestedArray { keep_index: bool, no_flag: bool },
    Fixed,
    Submsg { selector: Ident, no_flag: bool },
    With(Path),
}

/// A keyword with the token that spelled it (for spans).
#[derive(Clone)]
pub struct Kw<T> {
    pub kw: Ident,
    pub value: T,
}

#[derive(Default)]
pub struct FieldAttrs {
    pub ty: Option<Kw<Expr>>,
    pub form: Option<Kw<Form>>,
    pub multi: Option<Ident>,
    pub header: Option<Ident>,
    pub skip: Option<Ident>,
    pub unknown: Option<Ident>,
    pub range: Option<Kw<Expr>>,
    pub len: Option<Kw<Expr>>,
    pub min_len: Option<Kw<Expr>>,
    pub max_len: Option<Kw<Expr>>,
    pub validate: Option<Kw<Path>>,
    pub default: Option<Kw<Option<Expr>>>,
    /// Keywords seen, for "only these keywords apply here" checks.
    pub seen: Vec<Ident>,
    /// Whether an unknown keyword was reported (a misspelt `type` is not also "missing").
    pub had_unknown: bool,
}

impl FieldAttrs {
    pub fn form(&self) -> Form {
        self.form.as_ref().map_or(Form::Plain, |f| f.value.clone())
    }
}

#[derive(Default)]
pub struct ContainerAttrs {
    pub deny_unknown: Option<Ident>,
    pub deny_duplicate: Option<Ident>,
    pub krate: Option<Path>,
    pub repr: Option<Type>,
    /// `#[repr(u8)]` and friends, read as a fallback for `repr`.
    pub rust_repr: Option<Type>,
}

#[derive(Default)]
pub struct VariantAttrs {
    pub select: Option<Kw<Expr>>,
    pub other: Option<Ident>,
}

fn kw_ident(meta: &ParseNestedMeta<'_>) -> Ident {
    meta.path.get_ident().cloned().unwrap_or_else(|| {
        Ident::new("__nla_path", meta.path.segments.first().map_or_else(Span::call_site, |s| s.ident.span()))
    })
}

fn path_name(meta: &ParseNestedMeta<'_>) -> String {
    meta.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
}

/// Consumes whatever follows an unknown keyword so that parsing can go on.
fn skip_rest(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: proc_macro2::TokenStream = content.parse()?;
    }
    Ok(())
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, kw: &Ident, value: T) {
    if slot.is_some() {
        cx.error_spanned_by(kw, format!("`{kw}` is given twice; remove one"));
    } else {
        *slot = Some(value);
    }
}

fn form_name(f: &Form) -> &'static str {
    match f {
        Form::Plain => "plain",
        Form::Be => sym::BE,
        Form::Le => sym::LE,
        Form::NetByteorder => sym::NET_BYTEORDER,
        Form::Uint => sym::UINT,
        Form::Sint => sym::SINT,
        Form::Flag => sym::FLAG,
        Form::Nested { .. } => sym::NESTED,
        Form::NestedArray { .. } => sym::NESTED_ARRAY,
        Form::Fixed => sym::FIXED,
        Form::Submsg { .. } => sym::SUBMSG,
        Form::With(_) => sym::WITH,
    }
}

fn set_form(cx: &Ctxt, attrs: &mut FieldAttrs, kw: Ident, form: Form) {
    if let Some(prev) = &attrs.form {
        cx.error_spanned_by(
            &kw,
            format!(
                "`{kw}` conflicts with `{}`; a field has one wire form, keep one of them",
                form_name(&prev.value)
            ),
        );
    } else {
        attrs.form = Some(Kw { kw, value: form });
    }
}

fn nla_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident(sym::NLA))
}

/// Parses the `#[nla(...)]` of a struct field or an enum-form variant.
pub fn field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in nla_attrs(attrs) {
        let r = attr.parse_nested_meta(|meta| {
            let kw = kw_ident(&meta);
            let name = path_name(&meta);
            out.seen.push(kw.clone());
            match name.as_str() {
                sym::TYPE => {
                    let e: Expr = meta.value()?.parse()?;
                    set_once(cx, &mut out.ty, &kw.clone(), Kw { kw, value: e });
                }
                sym::BE => set_form(cx, &mut out, kw, Form::Be),
                sym::LE => set_form(cx, &mut out, kw, Form::Le),
                sym::NET_BYTEORDER => set_form(cx, &mut out, kw, Form::NetByteorder),
                sym::UINT => set_form(cx, &mut out, kw, Form::Uint),
                sym::SINT => set_form(cx, &mut out, kw, Form::Sint),
                sym::FLAG => set_form(cx, &mut out, kw, Form::Flag),
                sym::FIXED => set_form(cx, &mut out, kw, Form::Fixed),
                sym::NESTED => {
                    let mut no_flag = false;
                    if meta.input.peek(syn::token::Paren) {
                        meta.parse_nested_meta(|inner| {
                            if inner.path.is_ident(sym::NO_FLAG) {
                                no_flag = true;
                            } else {
                                cx.error_spanned_by(&inner.path, format!("unknown `nested` option `{}`; expected `no_flag`", path_name(&inner)));
                                skip_rest(&inner)?;
                            }
                            Ok(())
                        })?;
                    }
                    set_form(cx, &mut out, kw, Form::Nested { no_flag });
                }
                sym::NESTED_ARRAY => {
                    let mut keep_index = false;
                    let mut no_flag = false;
                    if meta.input.peek(syn::token::Paren) {
                        meta.parse_nested_meta(|inner| {
                            if inner.path.is_ident(sym::KEEP_INDEX) {
                                keep_index = true;
                            } else if inner.path.is_ident(sym::NO_FLAG) {
                                no_flag = true;
                            } else {
                                cx.error_spanned_by(&inner.path, format!("unknown `nested_array` option `{}`; expected `keep_index` or `no_flag`", path_name(&inner)));
                                skip_rest(&inner)?;
                            }
                            Ok(())
                        })?;
                    }
                    set_form(cx, &mut out, kw, Form::NestedArray { keep_index, no_flag });
                }
                sym::SUBMSG => {
                    let mut selector = None;
                    let mut no_flag = false;
                    if meta.input.peek(syn::token::Paren) {
                        meta.parse_nested_meta(|inner| {
                            if inner.path.is_ident(sym::SELECTOR) {
                                let id: Ident = inner.value()?.parse()?;
                                selector = Some(id);
                            } else if inner.path.is_ident(sym::NO_FLAG) {
                                no_flag = true;
                            } else {
                                cx.error_spanned_by(&inner.path, format!("unknown `submsg` option `{}`; expected `selector = field` or `no_flag`", path_name(&inner)));
                                skip_rest(&inner)?;
                            }
                            Ok(())
                        })?;
                    }
                    match selector {
                        Some(selector) => set_form(cx, &mut out, kw, Form::Submsg { selector, no_flag }),
                        None => cx.error_spanned_by(&kw, "`submsg` needs the field that selects the format: `submsg(selector = kind)`"),
                    }
                }
                sym::WITH => {
                    let p: Path = meta.value()?.parse()?;
                    set_form(cx, &mut out, kw, Form::With(p));
                }
                sym::MULTI => set_once(cx, &mut out.multi, &kw.clone(), kw),
                sym::HEADER => set_once(cx, &mut out.header, &kw.clone(), kw),
                sym::SKIP => set_once(cx, &mut out.skip, &kw.clone(), kw),
                sym::UNKNOWN => set_once(cx, &mut out.unknown, &kw.clone(), kw),
                sym::RANGE => {
                    let e: Expr = meta.value()?.parse()?;
                    set_once(cx, &mut out.range, &kw.clone(), Kw { kw, value: e });
                }
                sym::LEN => {
                    let e: Expr = meta.value()?.parse()?;
                    set_once(cx, &mut out.len, &kw.clone(), Kw { kw, value: e });
                }
                sym::MIN_LEN => {
                    let e: Expr = meta.value()?.parse()?;
                    set_once(cx, &mut out.min_len, &kw.clone(), Kw { kw, value: e });
                }
                sym::MAX_LEN => {
                    let e: Expr = meta.value()?.parse()?;
                    set_once(cx, &mut out.max_len, &kw.clone(), Kw { kw, value: e });
                }
                sym::VALIDATE => {
                    let p: Path = meta.value()?.parse()?;
                    set_once(cx, &mut out.validate, &kw.clone(), Kw { kw, value: p });
                }
                sym::DEFAULT => {
                    let e = if meta.input.peek(Token![=]) { Some(meta.value()?.parse::<Expr>()?) } else { None };
                    set_once(cx, &mut out.default, &kw.clone(), Kw { kw, value: e });
                }
                sym::KEEP_INDEX => {
                    cx.error_spanned_by(&meta.path, "`keep_index` is an option of `nested_array`; write `nested_array(keep_index)`");
                    skip_rest(&meta)?;
                }
                sym::NO_FLAG => {
                    cx.error_spanned_by(&meta.path, "`no_flag` is an option of `nested`, `nested_array` or `submsg`; write `nested(no_flag)`");
                    skip_rest(&meta)?;
                }
                sym::SELECTOR => {
                    cx.error_spanned_by(&meta.path, "`selector` is an option of `submsg`; write `submsg(selector = field)`");
                    skip_rest(&meta)?;
                }
                _ => {
                    cx.error_spanned_by(&meta.path, unknown_keyword(&name, sym::FIELD_KEYWORDS));
                    out.had_unknown = true;
                    skip_rest(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = r {
            cx.syn_error(e);
        }
    }
    out
}

/// Parses the container's `#[nla(...)]` (and reads `#[repr(..)]`).
pub fn container_attrs(cx: &Ctxt, attrs: &[Attribute], keywords: &[&str]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("repr") {
            let _ = attr.parse_nested_meta(|meta| {
                if let Some(id) = meta.path.get_ident() {
                    let s = id.to_string();
                    if matches!(s.as_str(), "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64") {
                        out.rust_repr = Some(Type::Verbatim(quote::quote!(#id)));
                    }
                }
                Ok(())
            });
        }
    }
    for attr in nla_attrs(attrs) {
        let r = attr.parse_nested_meta(|meta| {
            let kw = kw_ident(&meta);
            let name = path_name(&meta);
            match name.as_str() {
                sym::DENY_UNKNOWN if keywords.contains(&sym::DENY_UNKNOWN) => {
                    set_once(cx, &mut out.deny_unknown, &kw.clone(), kw)
                }
                sym::DENY_DUPLICATE if keywords.contains(&sym::DENY_DUPLICATE) => {
                    set_once(cx, &mut out.deny_duplicate, &kw.clone(), kw);
                }
                sym::CRATE => {
                    let s: LitStr = meta.value()?.parse()?;
                    match s.parse::<Path>() {
                        Ok(p) => out.krate = Some(p),
                        Err(_) => cx.error_spanned_by(
                            &s,
                            "`crate` expects a path in a string, such as `crate = \"::my::nlattr\"`",
                        ),
                    }
                }
                sym::REPR if keywords.contains(&sym::REPR) => {
                    let t: Type = meta.value()?.parse()?;
                    out.repr = Some(t);
                }
                _ => {
                    cx.error_spanned_by(&meta.path, unknown_keyword(&name, keywords));
                    skip_rest(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = r {
            cx.syn_error(e);
        }
    }
    out
}

/// Parses a sub-message or value-enum variant's `#[nla(...)]`.
pub fn variant_attrs(cx: &Ctxt, attrs: &[Attribute], keywords: &[&str]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    for attr in nla_attrs(attrs) {
        let r = attr.parse_nested_meta(|meta| {
            let kw = kw_ident(&meta);
            let name = path_name(&meta);
            match name.as_str() {
                sym::SELECT if keywords.contains(&sym::SELECT) => {
                    let e: Expr = meta.value()?.parse()?;
                    set_once(cx, &mut out.select, &kw.clone(), Kw { kw, value: e });
                }
                sym::OTHER => set_once(cx, &mut out.other, &kw.clone(), kw),
                _ => {
                    cx.error_spanned_by(&meta.path, unknown_keyword(&name, keywords));
                    skip_rest(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = r {
            cx.syn_error(e);
        }
    }
    out
}

//! From syntax to the checked internal form: every rule a derive input must follow, each
//! failure reported at the token at fault with the fix.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{
    Data, DeriveInput, Expr, ExprLit, ExprRange, Fields, GenericArgument, GenericParam, Lit, PathArguments,
    RangeLimits, Type,
};

use crate::ast::{
    AttrSpec, AttrVariant, Body, Checks, Container, Field, Presence, Role, SubVariant, ValueVariant,
    VariantRole,
};
use crate::attr::{self, FieldAttrs, Form};
use crate::ctxt::Ctxt;
use crate::expand::Derive;
use crate::symbol as sym;

/// The last path segment's name and its single generic type argument.
fn generic_of<'t>(ty: &'t Type, name: &str) -> Option<&'t Type> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let seg = p.path.segments.last()?;
    if seg.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &seg.arguments else { return None };
    let mut types = args.args.iter().filter_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let t = types.next()?;
    types.next().is_none().then_some(t)
}

pub fn option_inner(ty: &Type) -> Option<&Type> {
    generic_of(ty, "Option")
}

pub fn vec_inner(ty: &Type) -> Option<&Type> {
    generic_of(ty, "Vec")
}

/// The element type of a `Vec<T>` field, or of the view type `view` (`MultiView<'a, T>`,
/// `ArrayView<'a, T>`), with whether it is the view.
fn seq_inner<'t>(ty: &'t Type, view: &str) -> Option<(&'t Type, bool)> {
    vec_inner(ty).map(|t| (t, false)).or_else(|| generic_of(ty, view).map(|t| (t, true)))
}

/// Whether the field type is `UnknownView<'a>` (any path to it).
fn is_unknown_view(ty: &Type) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().is_some_and(|s| s.ident == "UnknownView")
        }
        _ => false,
    }
}

/// The type without references, boxes or parentheses.
fn peel(ty: &Type) -> &Type {
    match ty {
        Type::Reference(r) => peel(&r.elem),
        Type::Paren(p) => peel(&p.elem),
        Type::Group(g) => peel(&g.elem),
        _ => generic_of(ty, "Box").map_or(ty, peel),
    }
}

fn last_ident(ty: &Type) -> Option<String> {
    match peel(ty) {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

pub fn is_bool(ty: &Type) -> bool {
    last_ident(ty).is_some_and(|s| s == "bool")
}

pub fn int_name(ty: &Type) -> Option<String> {
    last_ident(ty).filter(|s| {
        matches!(
            s.as_str(),
            "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "isize" | "u128" | "i128"
        )
    })
}

fn is_str(ty: &Type) -> bool {
    last_ident(ty).is_some_and(|s| s == "str" || s == "String")
}

fn is_string_like(ty: &Type) -> bool {
    last_ident(ty).is_some_and(|s| matches!(s.as_str(), "str" | "String" | "CStr" | "CString"))
}

fn is_bytes_like(ty: &Type) -> bool {
    match peel(ty) {
        Type::Slice(_) | Type::Array(_) => true,
        t => vec_inner(t).is_some(),
    }
}

fn lit_int(e: &Expr) -> Option<u64> {
    match e {
        Expr::Lit(ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse().ok(),
        Expr::Group(g) => lit_int(&g.expr),
        Expr::Paren(p) => lit_int(&p.expr),
        _ => None,
    }
}

/// Inclusive bounds as expressions of the field's integer type.
fn range_bounds(cx: &Ctxt, kw: &attr::Kw<Expr>, value_ty: &Type) -> Option<(TokenStream, TokenStream)> {
    let Expr::Range(ExprRange { start, limits, end, .. }) = &kw.value else {
        cx.error_spanned_by(&kw.value, "`range` expects a range such as `68..=65535`, `1..`, or `..=100`");
        return None;
    };
    let min = match start {
        Some(s) => quote!(#s),
        None => quote!(<#value_ty>::MIN),
    };
    let max = match (end, limits) {
        (Some(e), RangeLimits::Closed(_)) => quote!(#e),
        (Some(e), RangeLimits::HalfOpen(_)) => quote!((#e) - 1),
        (None, _) => quote!(<#value_ty>::MAX),
    };
    Some((min, max))
}

/// Keywords that make sense only with an attribute type, and which field roles refuse them.
fn refuse_all_but(cx: &Ctxt, a: &FieldAttrs, role_kw: &syn::Ident, allowed: &[&str]) {
    for kw in &a.seen {
        let s = kw.to_string();
        if *role_kw != s && !allowed.contains(&s.as_str()) {
            cx.error_spanned_by(kw, format!("`{s}` cannot be combined with `{role_kw}`; a `{role_kw}` field has no attribute of its own"));
        }
    }
}

fn attr_spec(
    cx: &Ctxt,
    a: FieldAttrs,
    ty: &Type,
    span_tokens: &dyn ToTokens,
    in_enum: bool,
) -> Option<AttrSpec> {
    let Some(ty_kw) = a.ty.clone() else {
        if a.had_unknown {
            return None;
        }
        cx.error_spanned_by(
            span_tokens,
            "missing attribute type; add `#[nla(type = ...)]`, or `#[nla(skip)]` for a field that is not on the wire",
        );
        return None;
    };
    if let Some(n) = lit_int(&ty_kw.value) {
        if n > 0x3fff {
            cx.error_spanned_by(
                &ty_kw.value,
                format!("attribute type {n} does not fit in 14 bits; types go up to 16383 (bits 14 and 15 are `NLA_F_NET_BYTEORDER` and `NLA_F_NESTED`)"),
            );
        }
    }
    let form = a.form();
    let form_kw = a.form.as_ref().map(|f| f.kw.clone());
    let opt = if in_enum { None } else { option_inner(ty) };
    let mut value_ty = opt.unwrap_or(ty).clone();
    let mut presence = if opt.is_some() { Presence::Optional } else { Presence::Required };

    if let Some(d) = &a.default {
        if opt.is_some() {
            cx.error_spanned_by(&d.kw, "`default` has no effect on an `Option` field, which is `None` when absent; remove `default` or make the field a plain type");
        } else {
            presence = Presence::Default(d.value.clone());
        }
    }
    let mut view = false;
    if let Some(m) = &a.multi {
        match seq_inner(ty, "MultiView") {
            Some((inner, v)) if !in_enum => {
                value_ty = inner.clone();
                presence = Presence::Multi;
                view = v;
                if v && !matches!(form, Form::Plain) {
                    cx.error_spanned_by(
                        m,
                        "a `MultiView` holds plain values; for another form collect them in a `Vec<T>`",
                    );
                }
            }
            _ => cx.error_spanned_by(
                m,
                "`multi` requires a `Vec<T>` field, which collects every attribute of the type, or an `nlattr::view::MultiView<'a, T>`",
            ),
        }
        if let Some(d) = &a.default {
            cx.error_spanned_by(
                &d.kw,
                "`default` conflicts with `multi`: a missing repeated attribute is already an empty `Vec`",
            );
        }
    }
    match &form {
        Form::Flag => {
            if in_enum && !is_bool(ty) {
                cx.error_spanned_by(
                    ty,
                    "in the enum form a flag is a unit variant (`Up`) holding no value; remove the value or the `flag`",
                );
            } else if !is_bool(ty) || opt.is_some() {
                cx.error_spanned_by(
                    ty,
                    "`flag` requires a `bool` field: present is `true`, absent is `false`",
                );
            }
            if let Some(m) = &a.multi {
                cx.error_spanned_by(m, "`multi` conflicts with `flag`; a flag is present or absent");
            }
            presence = Presence::Flag;
        }
        Form::NestedArray { keep_index, .. } => {
            let el = seq_inner(ty, "ArrayView").and_then(|(t, v)| {
                view = v;
                if v {
                    // A view keeps the indices: `ArrayView::indexed`.
                    Some(t.clone())
                } else if *keep_index {
                    match t {
                        Type::Tuple(tt) if tt.elems.len() == 2 => tt.elems.iter().nth(1).cloned(),
                        _ => None,
                    }
                } else {
                    Some(t.clone())
                }
            });
            match el {
                Some(el) => value_ty = el,
                None if *keep_index => {
                    cx.error_spanned_by(ty, "`nested_array(keep_index)` requires a `Vec<(u16, T)>` field")
                }
                None => cx.error_spanned_by(
                    ty,
                    "`nested_array` requires a `Vec<T>` field or an `nlattr::view::ArrayView<'a, T>`; `T` derives `NlAttrs`",
                ),
            }
            if let Some(m) = &a.multi {
                cx.error_spanned_by(m, "`multi` conflicts with `nested_array`; collect the elements of one array, or repeat a `nested` attribute");
            }
            presence = Presence::Array { keep_index: *keep_index };
        }
        Form::Uint | Form::Sint | Form::Be | Form::Le | Form::NetByteorder
            if int_name(&value_ty).is_none() =>
        {
            cx.error_spanned_by(
                &value_ty,
                format!(
                    "`{}` requires an integer field (`u8` to `u64`, `i8` to `i64`)",
                    form_kw.as_ref().map(ToString::to_string).unwrap_or_default()
                ),
            );
        }
        _ => {}
    }
    let mut checks = Checks::default();
    if let Some(r) = &a.range {
        if int_name(&value_ty).is_some() && !matches!(form, Form::Flag | Form::NestedArray { .. }) {
            checks.range = range_bounds(cx, r, &value_ty);
        } else if is_string_like(&value_ty) || is_bytes_like(&value_ty) {
            cx.error_spanned_by(
                &r.kw,
                "`range` applies to integer fields; for strings and bytes use `max_len`, `min_len` or `len`",
            );
        } else {
            cx.error_spanned_by(&r.kw, "`range` applies to integer fields (`u8` to `u64`, `i8` to `i64`); use `validate = path` for other checks");
        }
    }
    for kw in [&a.len, &a.min_len, &a.max_len].into_iter().flatten() {
        if int_name(&value_ty).is_some() || is_bool(&value_ty) {
            cx.error_spanned_by(
                &kw.kw,
                format!("`{}` applies to strings and bytes; for integers use `range`", kw.kw),
            );
        } else if !matches!(form, Form::Plain) {
            cx.error_spanned_by(
                &kw.kw,
                format!(
                    "`{}` applies to strings and bytes in their plain form, not with `{}`",
                    kw.kw,
                    form_kw.as_ref().map(ToString::to_string).unwrap_or_default()
                ),
            );
        }
    }
    if let Some(l) = &a.len {
        if let Some(m) = a.min_len.as_ref().or(a.max_len.as_ref()) {
            cx.error_spanned_by(
                &m.kw,
                format!("`{}` conflicts with `len`, which fixes the length; keep one", m.kw),
            );
        }
        checks.min_len = Some(l.value.clone());
        checks.max_len = Some(l.value.clone());
    } else {
        checks.min_len = a.min_len.as_ref().map(|k| k.value.clone());
        checks.max_len = a.max_len.as_ref().map(|k| k.value.clone());
    }
    checks.validate = a.validate.as_ref().map(|k| k.value.clone());
    let checks_nul = is_str(&value_ty) && matches!(form, Form::Plain);
    Some(AttrSpec { ty_expr: ty_kw.value, form, presence, value_ty, checks, checks_nul, view })
}

fn check_generics(cx: &Ctxt, input: &DeriveInput) -> Option<syn::Lifetime> {
    let mut lifetime = None;
    for p in &input.generics.params {
        match p {
            GenericParam::Type(t) => cx.error_spanned_by(
                &t.ident,
                "generic type parameters are not supported; use a lifetime (`<'a>`) for borrowed fields, or a concrete type",
            ),
            GenericParam::Const(c) => cx.error_spanned_by(&c.ident, "const generic parameters are not supported; use a concrete value"),
            GenericParam::Lifetime(l) => {
                if lifetime.is_some() {
                    cx.error_spanned_by(&l.lifetime, "at most one lifetime is supported; borrow every field from the same buffer");
                } else {
                    lifetime = Some(l.lifetime.clone());
                }
            }
        }
    }
    if let Some(w) = &input.generics.where_clause {
        cx.error_spanned_by(w, "`where` clauses are not supported");
    }
    lifetime
}

pub fn container<'a>(cx: &Ctxt, input: &'a DeriveInput, derive: Derive) -> Option<Container<'a>> {
    let keywords = match derive {
        Derive::Attrs => sym::CONTAINER_KEYWORDS,
        Derive::SubMsg => &[sym::CRATE][..],
        Derive::Value => sym::VALUE_KEYWORDS,
    };
    let attrs = attr::container_attrs(cx, &input.attrs, keywords);
    let lifetime = check_generics(cx, input);
    let krate = attrs.krate.clone().unwrap_or_else(|| syn::parse_quote!(::nlattr));
    let body = match (&input.data, derive) {
        (Data::Union(u), _) => {
            cx.error_spanned_by(
                u.union_token,
                "unions cannot be netlink types; use a struct (an attribute set) or an enum",
            );
            return None;
        }
        (Data::Struct(s), Derive::Attrs) => match &s.fields {
            Fields::Named(named) => Body::Set(set_fields(cx, &attrs, named.named.iter())),
            Fields::Unnamed(_) => {
                cx.error_spanned_by(&input.ident, "tuple structs cannot be attribute sets; name the fields (`struct S { mtu: u32 }`), each field is one attribute");
                return None;
            }
            Fields::Unit => Body::Set(Vec::new()),
        },
        (Data::Enum(e), Derive::Attrs) => {
            if let Some(k) = attrs.deny_duplicate.as_ref() {
                cx.error_spanned_by(
                    k,
                    "`deny_duplicate` applies to structs; the enum form holds one attribute",
                );
            }
            Body::AttrEnum(attr_variants(cx, e))
        }
        (Data::Enum(e), Derive::SubMsg) => Body::SubMsg(sub_variants(cx, e)),
        (Data::Struct(_), Derive::SubMsg) => {
            cx.error_spanned_by(&input.ident, "`NlSubMsg` derives on an enum with one variant per selector value; use `NlAttrs` for a struct");
            return None;
        }
        (Data::Enum(e), Derive::Value) => {
            let Some(repr) = attrs.repr.clone().or_else(|| attrs.rust_repr.clone()) else {
                cx.error_spanned_by(&input.ident, "an `NlValue` enum needs its wire integer: add `#[nla(repr = u8)]` (or `u16`, `u32`, ...)");
                return None;
            };
            Body::ValueEnum { variants: value_variants(cx, e, &repr), repr }
        }
        (Data::Struct(s), Derive::Value) => match &s.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Body::Newtype(&u.unnamed[0].ty),
            _ => {
                cx.error_spanned_by(
                    &input.ident,
                    "an `NlValue` struct is a newtype over an integer: `struct Flags(pub u32);`",
                );
                return None;
            }
        },
    };
    Some(Container { ident: &input.ident, generics: &input.generics, lifetime, attrs, krate, body })
}

fn type_key(e: &Expr) -> String {
    lit_int(e).map_or_else(|| e.to_token_stream().to_string(), |n| n.to_string())
}

fn set_fields<'a>(
    cx: &Ctxt,
    cattrs: &attr::ContainerAttrs,
    fields: impl Iterator<Item = &'a syn::Field>,
) -> Vec<Field<'a>> {
    let mut out: Vec<Field<'a>> = Vec::new();
    let mut unknown_seen: Option<String> = None;
    let mut order_seen: Option<String> = None;
    for (index, f) in fields.enumerate() {
        let Some(member) = f.ident.clone() else { continue };
        let name = member.to_string().trim_start_matches("r#").to_string();
        let a = attr::field_attrs(cx, &f.attrs);
        let role = if let Some(o) = a.order.clone() {
            refuse_all_but(cx, &a, &o, &[]);
            if let Some(prev) = &order_seen {
                cx.error_spanned_by(
                    &o,
                    format!("only one `order` field can record the attribute order; `{prev}` already does"),
                );
            }
            order_seen = Some(name.clone());
            Some(Role::Order)
        } else if let Some(h) = a.header.clone() {
            refuse_all_but(cx, &a, &h, &[]);
            if index != 0 {
                cx.error_spanned_by(
                    &h,
                    "`header` must be on the first field: the fixed header comes before the attributes",
                );
            }
            Some(Role::Header)
        } else if let Some(s) = a.skip.clone() {
            refuse_all_but(cx, &a, &s, &[sym::DEFAULT]);
            Some(Role::Skip)
        } else if let Some(u) = a.unknown.clone() {
            refuse_all_but(cx, &a, &u, &[]);
            if let Some(prev) = &unknown_seen {
                cx.error_spanned_by(
                    &u,
                    format!(
                        "only one `unknown` field can collect unclaimed attributes; `{prev}` already does"
                    ),
                );
            }
            if let Some(d) = &cattrs.deny_unknown {
                cx.error_spanned_by(d, "`deny_unknown` conflicts with the `unknown` field that keeps unclaimed attributes; keep one");
            }
            if vec_inner(&f.ty).is_none() && !is_unknown_view(&f.ty) {
                cx.error_spanned_by(
                    &f.ty,
                    "an `unknown` field is a `Vec<nlattr::Attr<'a>>`, a `Vec<nlattr::OwnedAttr>` or an `nlattr::view::UnknownView<'a>`",
                );
            }
            unknown_seen = Some(name.clone());
            Some(Role::Unknown)
        } else {
            attr_spec(cx, a, &f.ty, &member, false).map(Role::Attr)
        };
        let Some(role) = role else { continue };
        if let Role::Attr(spec) = &role {
            let key = type_key(&spec.ty_expr);
            for other in &out {
                if let Role::Attr(o) = &other.role {
                    if type_key(&o.ty_expr) == key {
                        cx.error_spanned_by(&spec.ty_expr, format!("attribute type `{key}` is already used by field `{}`; each field needs its own type (use `multi` for a repeated one)", other.name));
                    }
                }
            }
        }
        out.push(Field { member, name, ty: &f.ty, index, role });
    }
    // Selectors of sub-messages name a single-valued sibling with an attribute type.
    for f in &out {
        let Role::Attr(AttrSpec { form: Form::Submsg { selector, .. }, .. }) = &f.role else { continue };
        let target = out.iter().find(|g| g.member == *selector);
        match target.map(|g| &g.role) {
            Some(Role::Attr(s)) if matches!(s.presence, Presence::Required | Presence::Optional | Presence::Default(_)) && !matches!(s.form, Form::Submsg { .. }) => {}
            Some(_) => cx.error_spanned_by(selector, format!("selector `{selector}` must be a single-valued attribute field (not `multi`, `flag`, `skip`, `header`, `unknown` or another `submsg`)")),
            None => {
                let names: Vec<String> = out.iter().filter(|g| matches!(g.role, Role::Attr(_))).map(|g| format!("`{}`", g.name)).collect();
                cx.error_spanned_by(selector, format!("`submsg` selector `{selector}` names no field of this struct; expected one of {}", names.join(", ")));
            }
        }
    }
    out
}

fn attr_variants<'a>(cx: &Ctxt, e: &'a syn::DataEnum) -> Vec<AttrVariant<'a>> {
    let mut out: Vec<AttrVariant<'a>> = Vec::new();
    let mut unknown_seen = false;
    for (index, v) in e.variants.iter().enumerate() {
        let a = attr::field_attrs(cx, &v.attrs);
        let name = v.ident.to_string();
        let single = match &v.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Some(&u.unnamed[0].ty),
            Fields::Unit => None,
            _ => {
                cx.error_spanned_by(
                    &v.ident,
                    "an attribute variant holds one value (`Mtu(u32)`) or none (a flag)",
                );
                continue;
            }
        };
        let role = if let Some(u) = a.unknown.clone() {
            refuse_all_but(cx, &a, &u, &[]);
            if unknown_seen {
                cx.error_spanned_by(&u, "only one `unknown` variant can catch unclaimed attributes");
            }
            unknown_seen = true;
            match single {
                Some(_) => VariantRole::Unknown,
                None => {
                    cx.error_spanned_by(
                        &v.ident,
                        "the `unknown` variant holds the attribute: `Other(nlattr::Attr<'a>)`",
                    );
                    continue;
                }
            }
        } else {
            let unit = single.is_none();
            let bool_ty: Type = syn::parse_quote!(bool);
            let ty = single.unwrap_or(&bool_ty);
            if unit && a.form.is_some() && !matches!(a.form(), Form::Flag) {
                cx.error_spanned_by(
                    &v.ident,
                    "a unit variant is a flag attribute; use `flag` or give the variant a value",
                );
            }
            let mut a = a;
            if unit && a.form.is_none() {
                a.form = Some(attr::Kw { kw: v.ident.clone(), value: Form::Flag });
            }
            for kw in [a.header.as_ref(), a.skip.as_ref(), a.order.as_ref()].into_iter().flatten() {
                cx.error_spanned_by(
                    kw,
                    format!(
                        "`{kw}` applies to struct fields; each variant of the enum form is one attribute"
                    ),
                );
            }
            if let Some(m) = a.multi.as_ref() {
                cx.error_spanned_by(m, "`multi` applies to struct fields; a variant holds one attribute (collect them with `AttrEnum::decode_all`)");
            }
            if let Some(d) = a.default.as_ref() {
                cx.error_spanned_by(&d.kw, "`default` applies to struct fields");
            }
            let form = a.form();
            if matches!(form, Form::Submsg { .. } | Form::NestedArray { .. }) {
                cx.error_spanned_by(&v.ident, "`submsg` and `nested_array` apply to struct fields");
                continue;
            }
            match attr_spec(cx, a, ty, &v.ident, true) {
                Some(spec) => VariantRole::Attr(spec, unit),
                None => continue,
            }
        };
        if let VariantRole::Attr(spec, _) = &role {
            let key = type_key(&spec.ty_expr);
            for other in &out {
                if let VariantRole::Attr(o, _) = &other.role {
                    if type_key(&o.ty_expr) == key {
                        cx.error_spanned_by(
                            &spec.ty_expr,
                            format!("attribute type `{key}` is already used by variant `{}`", other.name),
                        );
                    }
                }
            }
        }
        out.push(AttrVariant { ident: &v.ident, name, index, role });
    }
    out
}

fn sub_variants<'a>(cx: &Ctxt, e: &'a syn::DataEnum) -> Vec<SubVariant<'a>> {
    let mut out = Vec::new();
    let mut other_seen = false;
    for v in &e.variants {
        let a = attr::variant_attrs(cx, &v.attrs, sym::SUBMSG_VARIANT_KEYWORDS);
        let ty = match &v.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Some(&u.unnamed[0].ty),
            Fields::Unit => None,
            _ => {
                cx.error_spanned_by(
                    &v.ident,
                    "a sub-message variant holds one attribute set (`Veth(VethInfo<'a>)`) or nothing",
                );
                continue;
            }
        };
        let other = a.other.is_some();
        if other {
            if other_seen {
                cx.error_spanned_by(&v.ident, "only one `other` variant can keep unknown formats");
            }
            other_seen = true;
            if let Some(s) = &a.select {
                cx.error_spanned_by(&s.kw, "`select` conflicts with `other`; the `other` variant takes every value no variant selects");
            }
        } else if a.select.is_none() {
            cx.error_spanned_by(
                &v.ident,
                format!("sub-message variant `{}` selects nothing; add `#[nla(select = \"name\")]` (the selector's value for this format) or `#[nla(other)]`", v.ident),
            );
        }
        out.push(SubVariant { ident: &v.ident, ty, select: a.select.map(|k| k.value), other });
    }
    out
}

fn value_variants<'a>(cx: &Ctxt, e: &'a syn::DataEnum, repr: &Type) -> Vec<ValueVariant<'a>> {
    let mut out = Vec::new();
    let mut next = quote!(0);
    let mut other_seen = false;
    for v in &e.variants {
        let a = attr::variant_attrs(cx, &v.attrs, &[sym::OTHER]);
        if a.other.is_some() {
            match &v.fields {
                Fields::Unnamed(u) if u.unnamed.len() == 1 => {}
                _ => cx.error_spanned_by(
                    &v.ident,
                    format!("the `other` variant keeps unknown values: `Other({})`", repr.to_token_stream()),
                ),
            }
            if other_seen {
                cx.error_spanned_by(&v.ident, "only one `other` variant can keep unknown values");
            }
            other_seen = true;
            out.push(ValueVariant { ident: &v.ident, value: quote!(0), other: true });
            continue;
        }
        if !matches!(v.fields, Fields::Unit) {
            cx.error_spanned_by(&v.ident, "`NlValue` variants are unit variants with a value (`Up = 6`), plus one `#[nla(other)] Other(u8)`");
            continue;
        }
        let value = match &v.discriminant {
            Some((_, e)) => quote!((#e)),
            None => next.clone(),
        };
        next = quote!((#value + 1));
        out.push(ValueVariant { ident: &v.ident, value, other: false });
    }
    out
}

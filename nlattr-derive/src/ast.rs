//! The checked internal form of a derive input, built from the syntax and the parsed
//! `#[nla(...)]` attributes (see `check.rs` for the rules).

use proc_macro2::TokenStream;
use syn::{Expr, Ident, Lifetime, Path, Type};

use crate::attr::{ContainerAttrs, Form};

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    /// The one lifetime a borrowing type may have; decoding borrows for it.
    pub lifetime: Option<Lifetime>,
    pub attrs: ContainerAttrs,
    pub krate: Path,
    pub body: Body<'a>,
}

pub enum Body<'a> {
    /// A struct: an attribute set.
    Set(Vec<Field<'a>>),
    /// The enum form of `NlAttrs`: one attribute per value.
    AttrEnum(Vec<AttrVariant<'a>>),
    /// `NlSubMsg`.
    SubMsg(Vec<SubVariant<'a>>),
    /// `NlValue` on an enum.
    ValueEnum { repr: Type, variants: Vec<ValueVariant<'a>> },
    /// `NlValue` on a one-field tuple struct.
    Newtype(&'a Type),
}

pub struct Field<'a> {
    /// How the struct names the field.
    pub member: Ident,
    /// The name in error paths and policy tables.
    pub name: String,
    pub ty: &'a Type,
    pub index: usize,
    pub role: Role,
}

pub enum Role {
    Header,
    Skip,
    Unknown,
    /// `#[nla(order)]`: the arrival order, recorded on decode and followed on encode.
    Order,
    Attr(AttrSpec),
}

pub struct AttrSpec {
    /// The attribute type as the user wrote it.
    pub ty_expr: Expr,
    pub form: Form,
    pub presence: Presence,
    /// The value type: inside `Option`/`Vec`, the element of a nested array.
    pub value_ty: Type,
    pub checks: Checks,
    /// Whether `value_ty` is syntactically `str`/`String` (checked for NUL before sending).
    pub checks_nul: bool,
    /// Whether a `multi` or `nested_array` field is a view (`MultiView`, `ArrayView`)
    /// rather than a `Vec`.
    pub view: bool,
}

pub enum Presence {
    Required,
    Optional,
    Default(Option<Expr>),
    Multi,
    Flag,
    Array { keep_index: bool },
}

#[derive(Default)]
pub struct Checks {
    /// Inclusive bounds as expressions of the value's integer type.
    pub range: Option<(TokenStream, TokenStream)>,
    pub min_len: Option<Expr>,
    pub max_len: Option<Expr>,
    pub validate: Option<Path>,
}

pub struct AttrVariant<'a> {
    pub ident: &'a Ident,
    pub name: String,
    pub index: usize,
    pub role: VariantRole,
}

pub enum VariantRole {
    /// A variant holding one attribute's value (`None` for a unit flag variant).
    Attr(AttrSpec, bool),
    /// The catch-all, holding the raw attribute.
    Unknown,
}

pub struct SubVariant<'a> {
    pub ident: &'a Ident,
    pub ty: Option<&'a Type>,
    pub select: Option<Expr>,
    pub other: bool,
}

pub struct ValueVariant<'a> {
    pub ident: &'a Ident,
    /// The discriminant expression (explicit or counted on from the previous one).
    pub value: TokenStream,
    /// `Some` for the `#[nla(other)]` variant keeping unknown values.
    pub other: bool,
}

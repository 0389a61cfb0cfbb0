use nlattr::{Attr, NlAttrs, OwnedAttr};

#[derive(NlAttrs, Debug, Clone, PartialEq)]
pub enum CtrlAttr<'a> {
    #[nla(type = 1)]
    FamilyId(u16),
    #[nla(type = 2)]
    FamilyName(&'a str),
    #[nla(unknown)]
    Other(Attr<'a>),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
pub enum OwnedCtrlAttr {
    #[nla(type = 1)]
    FamilyId(u16),
    #[nla(type = 2)]
    FamilyName(String),
    #[nla(unknown)]
    Other(OwnedAttr),
}

fn main() {}

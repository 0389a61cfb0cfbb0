use nlattr::{Attr, AttrEnum, Attrs, NlAttrs};

#[derive(NlAttrs)]
enum CtrlAttr<'a> {
    #[nla(type = 1, flag)]
    FamilyId(u16),
    #[nla(type = 2, nestd)]
    FamilyName(&'a str),
    #[nla(unknown)]
    Other(Attr<'a>),
}

// The stub impls emitted with the errors keep uses of the type quiet.
fn main() {
    let _ = CtrlAttr::decode_all(Attrs::new(&[], 0));
}

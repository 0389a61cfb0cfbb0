use nlattr::{NlAttrs, OwnedAttr};

#[derive(NlAttrs)]
struct Link {
    #[nla(unknown)]
    rest: Vec<OwnedAttr>,
    #[nla(unknown)]
    more: Vec<OwnedAttr>,
}

fn main() {}

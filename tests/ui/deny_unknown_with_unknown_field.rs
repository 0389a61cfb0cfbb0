use nlattr::{NlAttrs, OwnedAttr};

#[derive(NlAttrs)]
#[nla(deny_unknown)]
struct Link {
    #[nla(type = 4)]
    mtu: Option<u32>,
    #[nla(unknown)]
    rest: Vec<OwnedAttr>,
}

fn main() {}

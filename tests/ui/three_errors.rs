use nlattr::{AttrSet, Decode, NlAttrs};

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1, flag)]
    up: u32,
    #[nla(type = 2, range = 1..3)]
    name: String,
    #[nla(typ = 3)]
    mtu: Option<u32>,
}

// The stub impls emitted with the errors keep uses of the type quiet.
fn main() {
    let link = Link::decode(&[], 0);
    let _ = link.map(|l| l.check());
}

use nlattr::{AttrOrder, NlAttrs};

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1)]
    mtu: Option<u32>,
    #[nla(order)]
    order: AttrOrder,
    #[nla(order)]
    again: AttrOrder,
}

fn main() {}

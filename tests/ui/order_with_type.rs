use nlattr::{AttrOrder, NlAttrs};

#[derive(NlAttrs)]
struct Link {
    #[nla(order, type = 2)]
    order: AttrOrder,
}

fn main() {}

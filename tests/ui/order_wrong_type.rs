use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1)]
    mtu: Option<u32>,
    #[nla(order)]
    order: Vec<u16>,
}

fn main() {}

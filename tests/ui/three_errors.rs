use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1, flag)]
    up: u32,
    #[nla(type = 2, range = 1..3)]
    name: String,
    #[nla(typ = 3)]
    mtu: Option<u32>,
}

fn main() {}

use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 16384)]
    mtu: Option<u32>,
}

fn main() {}

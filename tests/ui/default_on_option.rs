use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 4, default)]
    mtu: Option<u32>,
}

fn main() {}

use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 4, range = 68)]
    mtu: Option<u32>,
}

fn main() {}

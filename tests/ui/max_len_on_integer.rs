use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 4, max_len = 4)]
    mtu: Option<u32>,
}

fn main() {}

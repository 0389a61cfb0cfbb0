use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1, flag)]
    up: u8,
}

fn main() {}

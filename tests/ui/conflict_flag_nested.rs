use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1, flag, nested)]
    up: bool,
}

fn main() {}

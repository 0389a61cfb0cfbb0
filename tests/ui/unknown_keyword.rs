use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1, nestd)]
    info: Option<u32>,
}

fn main() {}

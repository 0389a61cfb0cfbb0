use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(skip, type = 9)]
    cache: u32,
}

fn main() {}

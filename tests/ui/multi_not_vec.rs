use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 53, multi)]
    alt: Option<String>,
}

fn main() {}

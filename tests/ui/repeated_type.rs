use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 3)]
    name: Option<String>,
    #[nla(type = 3)]
    alias: Option<String>,
}

fn main() {}

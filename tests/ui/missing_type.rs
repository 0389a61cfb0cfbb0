use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(max_len = 15)]
    name: Option<String>,
}

fn main() {}

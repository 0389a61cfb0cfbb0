use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 3, range = 1..=15)]
    name: String,
}

fn main() {}

use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Wrapper<T> {
    #[nla(type = 1)]
    value: Option<T>,
}

fn main() {}

use nlattr::{NlAttrs, NlSubMsg};

#[derive(NlAttrs)]
struct Bridge {
    #[nla(type = 1)]
    delay: Option<u32>,
}

#[derive(NlSubMsg)]
enum Data {
    Bridge(Bridge),
}

fn main() {}

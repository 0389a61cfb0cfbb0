use nlattr::{NlAttrs, NlSubMsg};

#[derive(NlAttrs)]
struct Bridge {
    #[nla(type = 1)]
    delay: Option<u32>,
}

#[derive(NlSubMsg)]
enum Data {
    #[nla(select = "bridge")]
    Bridge(Bridge),
}

#[derive(NlAttrs)]
struct LinkInfo {
    #[nla(type = 1)]
    kind: Option<String>,
    #[nla(type = 2, submsg(selector = knd))]
    data: Option<Data>,
}

fn main() {}

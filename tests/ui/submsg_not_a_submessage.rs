use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct LinkInfo {
    #[nla(type = 1)]
    kind: Option<String>,
    #[nla(type = 2, submsg(selector = kind))]
    data: Option<Vec<u8>>,
}

fn main() {}

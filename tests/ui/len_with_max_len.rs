use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 1, len = 6, max_len = 6)]
    mac: Option<Vec<u8>>,
}

fn main() {}

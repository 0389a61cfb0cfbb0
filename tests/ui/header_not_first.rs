use nlattr::header::IfInfoMsg;
use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 3)]
    name: Option<String>,
    #[nla(header)]
    hdr: IfInfoMsg,
}

fn main() {}

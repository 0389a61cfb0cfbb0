use nlattr::NlAttrs;

#[derive(NlAttrs)]
#[nla(deny_unknow)]
struct Link {
    #[nla(type = 4)]
    mtu: Option<u32>,
}

fn main() {}

use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Mtu(#[nla(type = 4)] u32);

fn main() {}

use nlattr::NlAttrs;

const NESTED_MTU: u16 = 0x8004;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = NESTED_MTU)]
    mtu: Option<u32>,
}

fn main() {}

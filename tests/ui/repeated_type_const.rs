use nlattr::NlAttrs;

const IFLA_MTU: u16 = 4;
const IFLA_MIN_MTU: u16 = 4;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = IFLA_MTU)]
    mtu: Option<u32>,
    #[nla(type = IFLA_MIN_MTU)]
    min_mtu: Option<u32>,
}

fn main() {}

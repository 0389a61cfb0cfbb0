use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Counters {
    #[nla(type = 1, uint)]
    packets: Option<String>,
}

fn main() {}

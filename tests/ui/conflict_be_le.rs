use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Ports {
    #[nla(type = 1, be, le)]
    port: u16,
}

fn main() {}

use nlattr::NlAttrs;

struct Opaque;

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 18, nested)]
    info: Option<Opaque>,
}

fn main() {}

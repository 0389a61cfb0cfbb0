use nlattr::NlAttrs;

struct Opaque;

#[derive(NlAttrs)]
struct Other {
    #[nla(type = 1)]
    a: Option<u8>,
}

#[derive(NlAttrs)]
struct Link {
    #[nla(type = 18, nested)]
    info: Option<Opaque>,
    #[nla(type = 19, nested)]
    fine: Option<Other>,
}

fn main() {}

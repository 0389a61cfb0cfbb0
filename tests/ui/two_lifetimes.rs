use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Link<'a, 'b> {
    #[nla(type = 1)]
    name: Option<&'a str>,
    #[nla(type = 2)]
    alias: Option<&'b str>,
}

fn main() {}

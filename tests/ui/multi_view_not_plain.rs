use nlattr::view::MultiView;
use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Ports<'a> {
    #[nla(type = 1, multi, be)]
    ports: MultiView<'a, u16>,
}

fn main() {}

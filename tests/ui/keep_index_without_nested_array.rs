use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Op {
    #[nla(type = 1)]
    id: u32,
}

#[derive(NlAttrs)]
struct Family {
    #[nla(type = 6, nested, keep_index)]
    ops: Vec<(u16, Op)>,
}

fn main() {}

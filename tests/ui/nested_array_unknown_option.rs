use nlattr::NlAttrs;

#[derive(NlAttrs)]
struct Op {
    #[nla(type = 1)]
    id: u32,
}

#[derive(NlAttrs)]
struct Family {
    // Both options combine; a third is refused, and a bare `no_flag` names its owners.
    #[nla(type = 6, nested_array(keep_index, no_flag, noflag))]
    ops: Vec<(u16, Op)>,
    #[nla(type = 7, no_flag)]
    groups: Vec<Op>,
}

fn main() {}

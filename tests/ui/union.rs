use nlattr::NlAttrs;

#[derive(NlAttrs)]
union Either {
    a: u32,
    b: f32,
}

fn main() {}

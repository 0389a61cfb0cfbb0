use nlattr::NlValue;

#[derive(NlValue, Clone, Copy)]
enum OperState {
    Down = 2,
    Up = 6,
}

fn main() {}

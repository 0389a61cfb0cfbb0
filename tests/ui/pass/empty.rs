use nlattr::{AttrSet, Decode, NlAttrs};

#[derive(NlAttrs, Debug, Default, PartialEq)]
pub struct Empty {}

#[derive(NlAttrs, Debug, Default, PartialEq)]
pub struct Unit;

fn main() {
    assert_eq!(Empty::decode(&[], 0), Ok(Empty {}));
    assert_eq!(Unit.to_message_vec(16, 0, 0, 0).map(|v| v.len()), Ok(16));
}

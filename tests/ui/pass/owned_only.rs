use std::ffi::CString;

use nlattr::{NlAttrs, NlValue, OwnedAttr};

#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Mode {
    A = 1,
    B = 2,
    #[nla(other)]
    Other(u32),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
#[nla(deny_duplicate)]
pub struct Owned {
    #[nla(type = 1, max_len = 15)]
    pub name: String,
    #[nla(type = 2)]
    pub c: Option<CString>,
    #[nla(type = 3, min_len = 1)]
    pub blob: Vec<u8>,
    #[nla(type = 4, multi)]
    pub names: Vec<String>,
    #[nla(type = 5)]
    pub mode: Option<Mode>,
    #[nla(unknown)]
    pub rest: Vec<OwnedAttr>,
}

fn owns<T: for<'x> nlattr::Decode<'x> + 'static>() {}

fn main() {
    let _ = owns::<Owned>;
}

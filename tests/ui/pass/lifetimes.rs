use nlattr::{Attr, NlAttrs, NlSubMsg};

#[derive(NlAttrs, Debug, Clone, PartialEq)]
pub struct Inner<'a> {
    #[nla(type = 1)]
    pub name: &'a str,
    #[nla(type = 2)]
    pub bytes: Option<&'a [u8]>,
    #[nla(type = 3)]
    pub c: Option<&'a core::ffi::CStr>,
}

#[derive(NlSubMsg, Debug, Clone, PartialEq)]
pub enum Data<'a> {
    #[nla(select = "inner")]
    Inner(Inner<'a>),
    #[nla(other)]
    Other(&'a [u8]),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
pub struct Outer<'a> {
    #[nla(type = 1)]
    pub kind: Option<&'a str>,
    #[nla(type = 2, submsg(selector = kind))]
    pub data: Option<Data<'a>>,
    #[nla(type = 3, nested)]
    pub inner: Option<Inner<'a>>,
    #[nla(type = 4, multi)]
    pub many: Vec<Inner<'a>>,
    #[nla(unknown)]
    pub rest: Vec<Attr<'a>>,
}

fn main() {}

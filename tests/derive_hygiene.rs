//! The derives expand to hygienic code: fully qualified paths, nothing taken from the
//! prelude, so shadowed `Result`/`Option`/`Ok`/`Some`/`Vec`/... change nothing.

#[no_implicit_prelude]
#[allow(dead_code, non_camel_case_types)]
mod shadowed {
    // Everything a careless expansion might name unqualified.
    struct Result;
    struct Option;
    struct Ok;
    struct Err;
    struct Some;
    struct None;
    struct Vec;
    struct String;
    struct Default;
    struct From;
    struct Into;
    struct Box;
    struct Iterator;
    struct IntoIterator;
    mod core {}
    mod nlattr {}
    mod std {}

    #[derive(
        ::nlattr::NlValue,
        ::core::fmt::Debug,
        ::core::clone::Clone,
        ::core::marker::Copy,
        ::core::cmp::PartialEq,
    )]
    #[nla(repr = u8)]
    #[repr(u8)]
    pub enum State {
        Down = 2,
        Up = 6,
        #[nla(other)]
        Other(u8),
    }

    #[derive(
        ::nlattr::NlValue,
        ::core::fmt::Debug,
        ::core::clone::Clone,
        ::core::marker::Copy,
        ::core::cmp::PartialEq,
    )]
    pub struct Flags(pub u32);

    #[derive(::nlattr::NlAttrs, ::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    pub struct Inner {
        #[nla(type = 1)]
        pub id: u32,
    }

    #[derive(::nlattr::NlSubMsg, ::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    pub enum Data<'a> {
        #[nla(select = "inner")]
        Inner(Inner),
        #[nla(other)]
        Other(&'a [u8]),
    }

    pub fn even(v: &u32) -> ::core::result::Result<(), &'static str> {
        if v % 2 == 0 {
            ::core::result::Result::Ok(())
        } else {
            ::core::result::Result::Err("odd")
        }
    }

    #[derive(::nlattr::NlAttrs, ::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[nla(deny_duplicate)]
    pub struct Everything<'a> {
        #[nla(header)]
        pub hdr: ::nlattr::header::GenlMsgHdr,
        #[nla(type = 1, max_len = 15)]
        pub name: &'a str,
        #[nla(type = 2, be, range = 1..=65535)]
        pub port: ::core::option::Option<u16>,
        #[nla(type = 3, net_byteorder)]
        pub addr: ::core::option::Option<u32>,
        #[nla(type = 4, uint)]
        pub packets: ::core::option::Option<u64>,
        #[nla(type = 5, sint)]
        pub delta: ::core::option::Option<i64>,
        #[nla(type = 6, flag)]
        pub up: bool,
        #[nla(type = 7, len = 6)]
        pub mac: ::core::option::Option<&'a [u8]>,
        #[nla(type = 8, nested)]
        pub inner: ::core::option::Option<Inner>,
        #[nla(type = 9, multi)]
        pub alt: ::std::vec::Vec<&'a str>,
        #[nla(type = 10, nested_array)]
        pub ops: ::std::vec::Vec<Inner>,
        #[nla(type = 11, nested_array(keep_index))]
        pub ops2: ::std::vec::Vec<(u16, Inner)>,
        #[nla(type = 12, fixed)]
        pub fixed: ::core::option::Option<::nlattr::header::Bitfield32>,
        #[nla(type = 13)]
        pub kind: ::core::option::Option<&'a str>,
        #[nla(type = 14, submsg(selector = kind))]
        pub data: ::core::option::Option<Data<'a>>,
        #[nla(type = 15)]
        pub state: ::core::option::Option<State>,
        #[nla(type = 16, validate = even)]
        pub even: ::core::option::Option<u32>,
        #[nla(type = 17, default)]
        pub d: u32,
        #[nla(type = 18)]
        pub flags: ::core::option::Option<Flags>,
        #[nla(type = 19, le)]
        pub le: ::core::option::Option<u16>,
        #[nla(skip)]
        pub cache: u8,
        #[nla(unknown)]
        pub rest: ::std::vec::Vec<::nlattr::Attr<'a>>,
    }

    #[derive(::nlattr::NlAttrs, ::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    pub enum OneOf<'a> {
        #[nla(type = 1)]
        Id(u16),
        #[nla(type = 2)]
        Name(&'a str),
        #[nla(unknown)]
        Other(::nlattr::Attr<'a>),
    }
}

use nlattr::{AttrEnum, AttrSet, Decode, Encode};
use shadowed::{Data, Everything, Flags, Inner, OneOf, State};

#[test]
fn expansion_under_no_implicit_prelude_round_trips() {
    let v = Everything {
        hdr: nlattr::header::GenlMsgHdr { cmd: 1, version: 2, reserved: 0 },
        name: "x",
        port: Some(80),
        addr: Some(1),
        packets: Some(1 << 33),
        delta: Some(-1),
        up: true,
        mac: Some(&[1, 2, 3, 4, 5, 6]),
        inner: Some(Inner { id: 1 }),
        alt: vec!["a", "b"],
        ops: vec![Inner { id: 2 }],
        ops2: vec![(4, Inner { id: 3 })],
        fixed: Some(nlattr::header::Bitfield32 { value: 1, selector: 1 }),
        kind: Some("inner"),
        data: Some(Data::Inner(Inner { id: 9 })),
        state: Some(State::Other(9)),
        even: Some(2),
        d: 5,
        flags: Some(Flags(3)),
        le: Some(0x0102),
        cache: 0,
        rest: vec![],
    };
    assert_eq!(v.check(), Ok(()));
    let bytes = v.to_message_vec(0x10, 1, 2, 3).unwrap();
    assert_eq!(bytes.len(), 16 + v.encoded_len());
    let msg = nlattr::messages(&bytes).next().unwrap().unwrap();
    assert_eq!(Everything::decode_message(&msg), Ok(v));
    let one = OneOf::decode_all(nlattr::Attrs::new(&[8, 0, 2, 0, b'a', b'b', 0, 0], 0)).unwrap();
    assert_eq!(one, vec![OneOf::Name("ab")]);
    assert_eq!(State::decode(&[6], 0), Ok(State::Up));
}

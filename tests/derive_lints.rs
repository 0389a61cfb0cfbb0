//! The expansion passes strict user lints: no `unsafe`, clippy's pedantic group (clippy
//! runs over the tests in CI with `-D warnings`), and `missing_docs` on documented types.
#![forbid(unsafe_code)]
#![deny(clippy::pedantic)]
#![deny(missing_docs)]
#![deny(warnings)]

use nlattr::{Attr, NlAttrs, NlSubMsg, NlValue};

/// The operational state.
#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
#[nla(repr = u8)]
#[repr(u8)]
pub enum OperState {
    /// Down.
    Down = 2,
    /// Up.
    Up = 6,
    /// Anything newer.
    #[nla(other)]
    Other(u8),
}

/// Interface flags.
#[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IfFlags(pub u32);

/// A nested set.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
pub struct Bridge {
    /// Forward delay.
    #[nla(type = 1, range = 2..=30)]
    pub delay: Option<u32>,
}

/// A sub-message.
#[derive(NlSubMsg, Debug, Clone, PartialEq)]
pub enum Data<'a> {
    /// A bridge.
    #[nla(select = "bridge")]
    Bridge(Bridge),
    /// Anything else.
    #[nla(other)]
    Other(&'a [u8]),
}

/// A documented public attribute set.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
#[nla(deny_duplicate)]
pub struct Link<'a> {
    /// The header.
    #[nla(header)]
    pub hdr: nlattr::header::IfInfoMsg,
    /// The name.
    #[nla(type = 3, max_len = 15)]
    pub name: &'a str,
    /// The MTU.
    #[nla(type = 4, range = 68..=65535)]
    pub mtu: Option<u32>,
    /// Kind.
    #[nla(type = 5)]
    pub kind: Option<&'a str>,
    /// Data.
    #[nla(type = 6, submsg(selector = kind))]
    pub data: Option<Data<'a>>,
    /// State.
    #[nla(type = 7)]
    pub state: Option<OperState>,
    /// Flags.
    #[nla(type = 8, default)]
    pub flags: IfFlags,
    /// Port.
    #[nla(type = 9, be)]
    pub port: Option<u16>,
    /// Counter.
    #[nla(type = 10, uint)]
    pub packets: Option<u64>,
    /// Up.
    #[nla(type = 11, flag)]
    pub up: bool,
    /// Alternative names.
    #[nla(type = 12, multi)]
    pub alt: Vec<&'a str>,
    /// Array.
    #[nla(type = 13, nested_array)]
    pub bridges: Vec<Bridge>,
    /// Stats.
    #[nla(type = 14, fixed)]
    pub stats: Option<nlattr::header::RtnlLinkStats64>,
    /// Skipped.
    #[nla(skip)]
    pub cache: u8,
    /// The rest.
    #[nla(unknown)]
    pub rest: Vec<Attr<'a>>,
}

/// The enum form.
#[derive(NlAttrs, Debug, Clone, PartialEq)]
pub enum LinkAttr<'a> {
    /// The name.
    #[nla(type = 3)]
    Name(&'a str),
    /// A flag.
    #[nla(type = 11, flag)]
    Up,
    /// Anything else.
    #[nla(unknown)]
    Other(Attr<'a>),
}

#[test]
fn derived_types_are_usable() {
    use nlattr::{AttrSet, Decode};
    let l = Link {
        hdr: nlattr::header::IfInfoMsg::default(),
        name: "a",
        mtu: None,
        kind: None,
        data: None,
        state: Some(OperState::Up),
        flags: IfFlags(1),
        port: None,
        packets: None,
        up: false,
        alt: vec![],
        bridges: vec![],
        stats: None,
        cache: 0,
        rest: vec![],
    };
    let bytes = l.to_message_vec(16, 0, 0, 0).unwrap();
    assert_eq!(Link::decode(&bytes[16..], 16), Ok(l));
}

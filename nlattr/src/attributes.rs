//! Every keyword of `#[derive(NlAttrs)]`, `#[derive(NlSubMsg)]` and `#[derive(NlValue)]`,
//! each with a runnable example that checks the bytes in both directions.
//!
//! Values are Rust tokens (constants, literals, ranges, paths), never strings, so a mistake
//! is reported at the token that holds it. Names follow the kernel's policy vocabulary
//! (`include/net/netlink.h`).
//!
//! | keyword | where | wire form / effect |
//! |---|---|---|
//! | [`type = EXPR`](#type) | field | the attribute type (14 bits, checked at compile time) |
//! | [`be`, `le`](#be) | integer field | `NLA_BE16`/`NLA_BE32`, little-endian |
//! | [`net_byteorder`](#be) | integer field | `be` plus `NLA_F_NET_BYTEORDER` |
//! | [`uint`, `sint`](#uint) | integer field | `NLA_UINT`/`NLA_SINT`: 4 or 8 bytes |
//! | [strings, `max_len`](#strings) | `&str`, `String`, `&CStr`, `CString` | `NLA_STRING`/`NLA_NUL_STRING` |
//! | [`len`, `min_len`, `max_len`](#len) | bytes field | `NLA_BINARY` with length checks |
//! | [`flag`](#flag) | `bool` field | `NLA_FLAG`: present or absent |
//! | [`nested`, `nested(no_flag)`](#nested) | set field | `NLA_NESTED`, `NLA_F_NESTED` set unless `no_flag` |
//! | [`multi`](#multi) | `Vec<T>` or [`MultiView`](crate::view::MultiView) field | the same type repeated |
//! | [`nested_array`, `nested_array(keep_index, no_flag)`](#nested_array) | `Vec<T>`/`Vec<(u16, T)>` or [`ArrayView`](crate::view::ArrayView) | `NLA_NESTED_ARRAY`, `NLA_F_NESTED` set unless `no_flag` |
//! | [`fixed`](#fixed) | zerocopy struct field | a C struct, zero-extended or truncated |
//! | [`header`](#header) | first field | the family header before the attributes |
//! | [`submsg(selector = f)`](#submsg) | `NlSubMsg` field | format chosen by field `f`, any order |
//! | [`select = V`, `other`](#submsg) | `NlSubMsg` variant | the selector value; the catch-all |
//! | [`repr = u8`, `other`](#nlvalue) | `NlValue` enum / variant | the wire integer; unknown values kept |
//! | [`range = A..=B`](#range) | integer field | value bounds, checked both ways |
//! | [`validate = path`](#validate) | field | `fn(&T) -> Result<(), &'static str>` |
//! | [`default`, `default = EXPR`](#default) | plain field | the value when absent |
//! | [`skip`](#skip) | field | not on the wire |
//! | [`with = module`](#with) | field | a hand-written codec |
//! | [`unknown`](#unknown) | `Vec<Attr>`/`Vec<OwnedAttr>` or [`UnknownView`](crate::view::UnknownView) | unclaimed attributes, kept and re-emitted |
//! | [`order`](#order) | [`AttrOrder`](crate::AttrOrder) field | not on the wire: the arrival order, followed on encode |
//! | [`deny_unknown`, `deny_duplicate`](#deny_unknown) | container | strict decoding |
//! | [`crate = "path"`](#crate) | container | where to find `nlattr` |
//! | [enum form](#enum-form) | enum | one variant per attribute type, `unknown` catch-all |
//!
//! Presence: `Option<T>` is optional, a plain `T` is required (its absence is an error
//! naming the field, at the offset where the set's attributes start), `multi` and
//! `nested_array` fields are `Vec`s or views (absent is empty), `flag` fields are `bool`.
//!
//! A `Vec` field allocates for every message that fills it; a [view](crate::view) field in
//! its place checks the elements the same way, keeps where they are in the received bytes
//! and decodes them again when iterated, so that a borrowed set allocates nothing.
//!
//! Generated for a struct: [`Encode`](crate::Encode) (`FLAGS = NLA_F_NESTED`, exact
//! `encoded_len`), [`Decode`](crate::Decode) (one pass; error paths like `ops[2].id`,
//! offsets absolute; a set of at most four single values, such as a generic-netlink
//! operation, first tries reading them as the kernel writes them, once each in declaration
//! order, and walks the attributes in general only when they come otherwise),
//! [`HasPolicy`](crate::policy::HasPolicy) (a constant table) and
//! [`AttrSet`](crate::AttrSet) (`check`, `decode_message`, `encode_message`,
//! `to_message_vec`).
//!
//! In the examples, `attr(ty, payload)` builds one attribute (header, payload, padding) and
//! `enc(&value)` encodes a payload, asserting that `encoded_len` is exact.
//!
//! <a id="type"></a>
//! ## `type = EXPR`
//!
//! The attribute type: any constant expression of type `u16` up to 16383 (`NLA_TYPE_MASK`),
//! checked at compile time. Required on every field that is on the wire. The field's Rust
//! type picks the wire form: integers in host order, strings with a NUL added, bytes as they
//! are, any type implementing [`Encode`](crate::Encode) and [`Decode`](crate::Decode).
//! A plain `T` is required (absence is [`DecodeErrorKind::Missing`](crate::DecodeErrorKind::Missing)
//! naming the field), `Option<T>` is optional.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//! const IFLA_MTU: u16 = 4;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Link {
//!     #[nla(type = IFLA_MTU)]
//!     mtu: u32,
//!     #[nla(type = 5)]
//!     group: Option<u8>,
//! }
//!
//! let bytes = [attr(4, &1500u32.to_ne_bytes()), attr(5, &[7])].concat();
//! let link = Link { mtu: 1500, group: Some(7) };
//! assert_eq!(enc(&link), bytes);
//! assert_eq!(Link::decode(&bytes, 0)?, link);
//! let missing = Link::decode(&attr(5, &[7]), 0).unwrap_err();
//! assert_eq!((missing.kind, missing.path.to_string()), (nlattr::DecodeErrorKind::Missing, "mtu".into()));
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="be"></a>
//! ## `be`, `le`, `net_byteorder`
//!
//! Big- or little-endian integers (`NLA_BE16`/`NLA_BE32`); the field keeps the value in host
//! order. `net_byteorder` is `be` plus the `NLA_F_NET_BYTEORDER` bit in the type word.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//! use nlattr::consts::NLA_F_NET_BYTEORDER;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Ports {
//!     #[nla(type = 1, be)]
//!     src: u16,
//!     #[nla(type = 2, le)]
//!     id: u32,
//!     #[nla(type = 3, net_byteorder)]
//!     dst: u16,
//! }
//!
//! let bytes = [attr(1, &[0x1f, 0x90]), attr(2, &[1, 0, 0, 0]), attr(3 | NLA_F_NET_BYTEORDER, &[0, 53])].concat();
//! let p = Ports { src: 8080, id: 1, dst: 53 };
//! assert_eq!(enc(&p), bytes);
//! assert_eq!(Ports::decode(&bytes, 0)?, p);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="uint"></a>
//! ## `uint`, `sint`
//!
//! `NLA_UINT`/`NLA_SINT`: 4 bytes when the value fits, else 8; both accepted on decode. The
//! field is any integer type; a value that does not fit it is `OutOfRange`.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Counters {
//!     #[nla(type = 1, uint)]
//!     packets: u64,
//!     #[nla(type = 2, sint)]
//!     delta: i64,
//! }
//!
//! let c = Counters { packets: 5, delta: -(1 << 40) };
//! let bytes = [attr(1, &5u32.to_ne_bytes()), attr(2, &(-(1i64 << 40)).to_ne_bytes())].concat();
//! assert_eq!(enc(&c), bytes);
//! assert_eq!(Counters::decode(&bytes, 0)?, c);
//! let long = [attr(1, &5u64.to_ne_bytes()), attr(2, &(-(1i64 << 40)).to_ne_bytes())].concat();
//! assert_eq!(Counters::decode(&long, 0)?, c);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="strings"></a>
//! ## strings and `max_len`
//!
//! `&'a str`, `String`, `&'a CStr` and `CString`: a NUL is added on encode; decode accepts a
//! payload with or without it (`&CStr` needs it) and rejects bytes after an inner NUL.
//! `max_len` counts the bytes without the NUL, as the kernel's `NLA_STRING` does.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use std::ffi::{CStr, CString};
//! use nlattr::NlAttrs;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Names<'a> {
//!     #[nla(type = 1, max_len = 15)]
//!     name: &'a str,
//!     #[nla(type = 2)]
//!     alias: Option<String>,
//!     #[nla(type = 3)]
//!     c: Option<&'a CStr>,
//!     #[nla(type = 4)]
//!     owned_c: Option<CString>,
//! }
//!
//! let n = Names { name: "eth0", alias: Some("up".into()), c: Some(c"lo"), owned_c: None };
//! let bytes = [attr(1, b"eth0\0"), attr(2, b"up\0"), attr(3, b"lo\0")].concat();
//! assert_eq!(enc(&n), bytes);
//! assert_eq!(Names::decode(&bytes, 0)?, n);
//! let long = attr(1, b"a-very-long-name\0");
//! assert_eq!(Names::decode(&long, 0).unwrap_err().kind, nlattr::DecodeErrorKind::TooLong { max: 15, found: 16 });
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="len"></a>
//! ## `len`, `min_len`, `max_len` on bytes
//!
//! `&'a [u8]`, `Vec<u8>` and `[u8; N]` are `NLA_BINARY`. `len` fixes the length, `min_len`
//! and `max_len` bound it; checked on decode and by [`AttrSet::check`](crate::AttrSet::check).
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{AttrSet, NlAttrs};
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Addr<'a> {
//!     #[nla(type = 1, len = 6)]
//!     mac: &'a [u8],
//!     #[nla(type = 2, min_len = 1, max_len = 4)]
//!     tag: Option<Vec<u8>>,
//! }
//!
//! let a = Addr { mac: &[2, 0, 0, 0, 0, 1], tag: Some(vec![9]) };
//! let bytes = [attr(1, &[2, 0, 0, 0, 0, 1]), attr(2, &[9])].concat();
//! assert_eq!(enc(&a), bytes);
//! assert_eq!(Addr::decode(&bytes, 0)?, a);
//! assert!(Addr::decode(&attr(1, &[1, 2, 3]), 0).is_err());
//! assert!(Addr { mac: &[1], tag: None }.check().is_err());
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="flag"></a>
//! ## `flag`
//!
//! A `bool` field: present (an empty attribute) is `true`, absent is `false`. A payload is an
//! error.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Opts {
//!     #[nla(type = 7, flag)]
//!     up: bool,
//!     #[nla(type = 8, flag)]
//!     down: bool,
//! }
//!
//! let bytes = attr(7, &[]);
//! assert_eq!(enc(&Opts { up: true, down: false }), bytes);
//! assert_eq!(Opts::decode(&bytes, 0)?, Opts { up: true, down: false });
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="nested"></a>
//! ## `nested`, `nested(no_flag)`
//!
//! An attribute set inside an attribute. Encoding sets `NLA_F_NESTED` (`no_flag` leaves it
//! out, for legacy families that compare the type word); decoding never requires it. The
//! field type must derive `NlAttrs`; errors inside carry the path (`info.kind`).
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//! use nlattr::consts::NLA_F_NESTED;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Info<'a> {
//!     #[nla(type = 1)]
//!     kind: &'a str,
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Link<'a> {
//!     #[nla(type = 18, nested)]
//!     info: Option<Info<'a>>,
//!     #[nla(type = 19, nested(no_flag))]
//!     legacy: Option<Info<'a>>,
//! }
//!
//! let l = Link { info: Some(Info { kind: "veth" }), legacy: Some(Info { kind: "x" }) };
//! let bytes = [attr(18 | NLA_F_NESTED, &attr(1, b"veth\0")), attr(19, &attr(1, b"x\0"))].concat();
//! assert_eq!(enc(&l), bytes);
//! assert_eq!(Link::decode(&bytes, 0)?, l);
//! let bad = attr(18, &attr(1, b"\xff\0"));
//! assert_eq!(Link::decode(&bad, 0).unwrap_err().path.to_string(), "info.kind");
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="multi"></a>
//! ## `multi`
//!
//! A `Vec<T>` collecting every attribute of the type, in order (without `multi` the last one
//! wins, as in the kernel). Error paths carry the index: `alt[1]`. A
//! [`MultiView<'a, T>`](crate::view::MultiView) of a plain type decodes the same attributes
//! without collecting them.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Link<'a> {
//!     #[nla(type = 53, multi)]
//!     alt: Vec<&'a str>,
//! }
//!
//! let l = Link { alt: vec!["a", "b"] };
//! let bytes = [attr(53, b"a\0"), attr(53, b"b\0")].concat();
//! assert_eq!(enc(&l), bytes);
//! assert_eq!(Link::decode(&bytes, 0)?, l);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="nested_array"></a>
//! ## `nested_array`, `nested_array(keep_index)`, `nested_array(no_flag)`
//!
//! `NLA_NESTED_ARRAY`: a nest of nests whose types are indices. `Vec<T>` drops the indices
//! (encoding numbers them from 1, as the kernel does); `Vec<(u16, T)>` with `keep_index` keeps
//! them. Empty entries are skipped. Error paths carry the position: `ops[2].id`. An
//! [`ArrayView<'a, T>`](crate::view::ArrayView) decodes the same array without collecting
//! it (its [`indexed`](crate::view::ArrayView::indexed) gives the indices).
//!
//! Encoding sets `NLA_F_NESTED` on the array and on each entry; `no_flag` leaves it out of
//! both, as the kernel writes some replies (nlctrl's `CTRL_ATTR_OPS`). Decoding accepts
//! either. The options combine: `nested_array(keep_index, no_flag)`.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//! use nlattr::consts::NLA_F_NESTED;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Op {
//!     #[nla(type = 1)]
//!     id: u32,
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Family {
//!     #[nla(type = 6, nested_array)]
//!     ops: Vec<Op>,
//!     #[nla(type = 7, nested_array(keep_index))]
//!     groups: Vec<(u16, Op)>,
//!     #[nla(type = 8, nested_array(keep_index, no_flag))]
//!     legacy: Vec<(u16, Op)>,
//! }
//!
//! let f = Family {
//!     ops: vec![Op { id: 3 }],
//!     groups: vec![(5, Op { id: 4 })],
//!     legacy: vec![(2, Op { id: 9 })],
//! };
//! let bytes = [
//!     attr(6 | NLA_F_NESTED, &attr(1 | NLA_F_NESTED, &attr(1, &3u32.to_ne_bytes()))),
//!     attr(7 | NLA_F_NESTED, &attr(5 | NLA_F_NESTED, &attr(1, &4u32.to_ne_bytes()))),
//!     attr(8, &attr(2, &attr(1, &9u32.to_ne_bytes()))),
//! ].concat();
//! assert_eq!(enc(&f), bytes);
//! assert_eq!(Family::decode(&bytes, 0)?, f);
//! // The policy table says which arrays carry the flag.
//! use nlattr::policy::HasPolicy;
//! assert!(Family::POLICY.field("groups").unwrap().nested_flag);
//! assert!(!Family::POLICY.field("legacy").unwrap().nested_flag);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="fixed"></a>
//! ## `fixed` and fixed structs
//!
//! A C struct (any `zerocopy` `FromBytes + IntoBytes + KnownLayout + Immutable` type). A
//! shorter payload (an older kernel) is zero-extended, a longer one (a newer kernel) is
//! accepted. The header types of [`header`](crate::header) need no keyword.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//! use nlattr::header::Bitfield32;
//!
//! #[derive(zerocopy::FromBytes, zerocopy::IntoBytes, zerocopy::KnownLayout, zerocopy::Immutable, Debug, Clone, Copy, PartialEq)]
//! #[repr(C)]
//! struct Pair { x: u32, y: u32 }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct S {
//!     #[nla(type = 1, fixed)]
//!     pair: Option<Pair>,
//!     #[nla(type = 2)]
//!     bits: Option<Bitfield32>,
//! }
//!
//! let s = S { pair: Some(Pair { x: 1, y: 2 }), bits: None };
//! let bytes = attr(1, &[1u32.to_ne_bytes(), 2u32.to_ne_bytes()].concat());
//! assert_eq!(enc(&s), bytes);
//! assert_eq!(S::decode(&bytes, 0)?, s);
//! let short = attr(1, &1u32.to_ne_bytes());
//! assert_eq!(S::decode(&short, 0)?.pair, Some(Pair { x: 1, y: 0 }));
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="header"></a>
//! ## `header`
//!
//! The family's fixed header before the attributes (`ifinfomsg`, `genlmsghdr`...): the first
//! field, a zerocopy struct, required in full. Also inside a nested set, as `VETH_INFO_PEER`
//! carries an `ifinfomsg` before its attributes. The policy's `header_len` records it.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//! use nlattr::header::GenlMsgHdr;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct GetFamily<'a> {
//!     #[nla(header)]
//!     hdr: GenlMsgHdr,
//!     #[nla(type = 2)]
//!     name: &'a str,
//! }
//!
//! let g = GetFamily { hdr: GenlMsgHdr { cmd: 3, version: 2, reserved: 0 }, name: "test1" };
//! let bytes = [vec![3, 2, 0, 0], attr(2, b"test1\0")].concat();
//! assert_eq!(enc(&g), bytes);
//! assert_eq!(GetFamily::decode(&bytes, 0)?, g);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="submsg"></a>
//! ## `submsg(selector = field)` and `NlSubMsg`
//!
//! A nest whose format the value of a sibling attribute selects (`IFLA_INFO_DATA` by
//! `IFLA_INFO_KIND`), whatever their order: the payload is kept during the one pass and
//! decoded after it. The field's type derives [`NlSubMsg`](crate::NlSubMsg): one variant per
//! selector value (`#[nla(select = "veth")]`, a string or an integer) holding an attribute
//! set, and optionally an `#[nla(other)]` variant keeping the raw bytes of unknown formats.
//! `submsg(selector = kind, no_flag)` leaves `NLA_F_NESTED` out.
//!
//! The policy table lists the formats by their literal `select` values:
//! [`AttrKind::SubMessage`](crate::policy::AttrKind::SubMessage) for strings,
//! [`AttrKind::SubMessageInt`](crate::policy::AttrKind::SubMessageInt) for integers (`6`,
//! `-1`), so error offsets map into the selected format. A `select` given by a constant's
//! name still selects when decoding, but is not listed.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{NlAttrs, NlSubMsg};
//! use nlattr::consts::NLA_F_NESTED;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Bridge {
//!     #[nla(type = 1)]
//!     forward_delay: Option<u32>,
//! }
//!
//! #[derive(NlSubMsg, Debug, PartialEq)]
//! enum Data<'a> {
//!     #[nla(select = "bridge")]
//!     Bridge(Bridge),
//!     #[nla(other)]
//!     Other(&'a [u8]),
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct LinkInfo<'a> {
//!     #[nla(type = 1)]
//!     kind: Option<&'a str>,
//!     #[nla(type = 2, submsg(selector = kind))]
//!     data: Option<Data<'a>>,
//! }
//!
//! let li = LinkInfo { kind: Some("bridge"), data: Some(Data::Bridge(Bridge { forward_delay: Some(15) })) };
//! let data = attr(2 | NLA_F_NESTED, &attr(1, &15u32.to_ne_bytes()));
//! let bytes = [attr(1, b"bridge\0"), data.clone()].concat();
//! assert_eq!(enc(&li), bytes);
//! assert_eq!(LinkInfo::decode(&bytes, 0)?, li);
//! // The selector after its data.
//! assert_eq!(LinkInfo::decode(&[data, attr(1, b"bridge\0")].concat(), 0)?, li);
//! // An unknown kind keeps the bytes.
//! let other = [attr(1, b"vxlan\0"), attr(2, &[1, 2, 3, 4])].concat();
//! assert_eq!(LinkInfo::decode(&other, 0)?.data, Some(Data::Other(&[1, 2, 3, 4])));
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="nlvalue"></a>
//! ## `NlValue`: value enums and flag sets
//!
//! `#[derive(NlValue)]` on an enum with `#[nla(repr = u8)]` (or `#[repr(u8)]`; Rust itself
//! requires `#[repr]` when a variant holds data) encodes each variant as its value; an
//! `#[nla(other)]` variant keeps unknown values, without one they are an error. On a newtype
//! over an integer (a flag set) every bit is kept. Both work as attribute types and as
//! sub-message selectors.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{NlAttrs, NlValue};
//!
//! #[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
//! #[nla(repr = u8)]
//! #[repr(u8)]
//! enum OperState {
//!     Down = 2,
//!     Up = 6,
//!     #[nla(other)]
//!     Other(u8),
//! }
//!
//! #[derive(NlValue, Debug, Clone, Copy, PartialEq, Eq)]
//! struct IfFlags(pub u32);
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Link {
//!     #[nla(type = 16)]
//!     state: OperState,
//!     #[nla(type = 17)]
//!     flags: Option<IfFlags>,
//! }
//!
//! let l = Link { state: OperState::Other(5), flags: Some(IfFlags(0x8000_0001)) };
//! let bytes = [attr(16, &[5]), attr(17, &0x8000_0001u32.to_ne_bytes())].concat();
//! assert_eq!(enc(&l), bytes);
//! assert_eq!(Link::decode(&bytes, 0)?, l);
//! assert_eq!(Link::decode(&attr(16, &[6]), 0)?.state, OperState::Up);
//! assert_eq!(u8::from(OperState::Up), 6);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="range"></a>
//! ## `range = A..=B`
//!
//! Inclusive (`a..=b`), half-open (`a..b`) or one-sided (`a..`, `..=b`) bounds on an integer,
//! checked on decode (`OutOfRange`) and by [`AttrSet::check`](crate::AttrSet::check), and
//! recorded in the policy table.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{AttrSet, DecodeErrorKind, NlAttrs};
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Link {
//!     #[nla(type = 4, range = 68..=65535)]
//!     mtu: Option<u32>,
//! }
//!
//! let bytes = attr(4, &1500u32.to_ne_bytes());
//! assert_eq!(enc(&Link { mtu: Some(1500) }), bytes);
//! assert_eq!(Link::decode(&bytes, 0)?, Link { mtu: Some(1500) });
//! let small = attr(4, &10u32.to_ne_bytes());
//! assert_eq!(Link::decode(&small, 0).unwrap_err().kind, DecodeErrorKind::OutOfRange { value: 10, min: 68, max: 65535 });
//! assert!(Link { mtu: Some(10) }.check().is_err());
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="validate"></a>
//! ## `validate = path`
//!
//! A function `fn(&T) -> Result<(), &'static str>` run on decode (an error is
//! `DecodeErrorKind::Invalid(reason)`) and by [`AttrSet::check`](crate::AttrSet::check).
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{DecodeErrorKind, NlAttrs};
//!
//! fn even(v: &u32) -> Result<(), &'static str> {
//!     if v % 2 == 0 { Ok(()) } else { Err("must be even") }
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct S {
//!     #[nla(type = 1, validate = even)]
//!     n: u32,
//! }
//!
//! let bytes = attr(1, &4u32.to_ne_bytes());
//! assert_eq!(enc(&S { n: 4 }), bytes);
//! assert_eq!(S::decode(&bytes, 0)?, S { n: 4 });
//! assert_eq!(S::decode(&attr(1, &3u32.to_ne_bytes()), 0).unwrap_err().kind, DecodeErrorKind::Invalid("must be even"));
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="default"></a>
//! ## `default`, `default = EXPR`
//!
//! A plain field that may be absent: `Default::default()` or the expression is used then.
//! Always encoded. (On an `Option` it would mean nothing, so it is refused there.)
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct S {
//!     #[nla(type = 1, default)]
//!     a: u32,
//!     #[nla(type = 2, default = 64)]
//!     ttl: u8,
//! }
//!
//! assert_eq!(S::decode(&[], 0)?, S { a: 0, ttl: 64 });
//! let bytes = [attr(1, &0u32.to_ne_bytes()), attr(2, &[64])].concat();
//! assert_eq!(enc(&S { a: 0, ttl: 64 }), bytes);
//! assert_eq!(S::decode(&bytes, 0)?, S { a: 0, ttl: 64 });
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="skip"></a>
//! ## `skip`
//!
//! Not on the wire: never encoded, `Default::default()` after decoding.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct S {
//!     #[nla(type = 1)]
//!     a: Option<u8>,
//!     #[nla(skip)]
//!     seen: u32,
//! }
//!
//! let bytes = attr(1, &[1]);
//! assert_eq!(enc(&S { a: Some(1), seen: 99 }), bytes);
//! assert_eq!(S::decode(&bytes, 0)?, S { a: Some(1), seen: 0 });
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="with"></a>
//! ## `with = module`
//!
//! A hand-written codec: `module::encoded_len(&T) -> usize`,
//! `module::encode(&T, &mut Writer) -> Result<(), EncodeError>` and
//! `module::decode(&'a [u8], usize) -> Result<T, DecodeError>`.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::NlAttrs;
//!
//! mod millis {
//!     use std::time::Duration;
//!     use nlattr::{DecodeError, EncodeError, Writer};
//!     pub fn encoded_len(_: &Duration) -> usize { 8 }
//!     pub fn encode(d: &Duration, w: &mut Writer<'_>) -> Result<(), EncodeError> {
//!         w.put(&u64::try_from(d.as_millis()).unwrap_or(u64::MAX).to_ne_bytes())
//!     }
//!     pub fn decode(p: &[u8], o: usize) -> Result<Duration, DecodeError> {
//!         nlattr::codec::exact::<8>(p, o).map(|b| Duration::from_millis(u64::from_ne_bytes(b)))
//!     }
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Timer {
//!     #[nla(type = 1, with = millis)]
//!     timeout: std::time::Duration,
//! }
//!
//! let t = Timer { timeout: std::time::Duration::from_millis(1500) };
//! let bytes = attr(1, &1500u64.to_ne_bytes());
//! assert_eq!(enc(&t), bytes);
//! assert_eq!(Timer::decode(&bytes, 0)?, t);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="unknown"></a>
//! ## `unknown`
//!
//! A `Vec<nlattr::Attr<'a>>` (borrowing) or `Vec<nlattr::OwnedAttr>` field keeping every
//! attribute no field claims, flags included, re-emitted after the known ones on encode
//! (at their original places with an [`order`](#order) field). An
//! [`UnknownView<'a>`](crate::view::UnknownView) keeps them where they are instead, without
//! allocating.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{Attr, NlAttrs};
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct S<'a> {
//!     #[nla(type = 1)]
//!     a: Option<u8>,
//!     #[nla(unknown)]
//!     rest: Vec<Attr<'a>>,
//! }
//!
//! let bytes = [attr(1, &[1]), attr(99, &[1, 2, 3])].concat();
//! let s = S::decode(&bytes, 0)?;
//! assert_eq!((s.rest.len(), s.rest[0].ty(), s.rest[0].payload()), (1, 99, &[1u8, 2, 3][..]));
//! assert_eq!(enc(&s), bytes);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="order"></a>
//! ## `order`
//!
//! A field `#[nla(order)] order: nlattr::AttrOrder` (at most one; nothing else on it) makes
//! a decoded set re-encode in the order its attributes came, not in field order: the kernel
//! writes some sets in different orders (`IFA_FLAGS` before `IFA_CACHEINFO` for IPv4
//! addresses, after it for IPv6), and other programs choose their own.
//!
//! - Decoding records the type of each claimed attribute at its first arrival, and one
//!   [`AttrOrder::UNKNOWN`](crate::AttrOrder::UNKNOWN) entry per attribute the `unknown`
//!   field keeps, so those go back to their places too.
//! - Encoding, when the order is not empty and did not overflow (more than
//!   [`AttrOrder::CAPACITY`](crate::AttrOrder::CAPACITY) entries), writes the fields in
//!   recorded order: a `multi` field writes all its elements at its first place (so
//!   interleaved repeats come out grouped); fields present but not recorded (set after
//!   decoding) follow in field order. Otherwise, field order. `encoded_len` is the same
//!   either way; `check` and the policy table ignore the field.
//! - The order is not part of the value: every `AttrOrder` compares equal, so a decoded
//!   set equals the same set built by hand. An empty order (the `Default`) is field order.
//!
//! Sets without an `order` field generate the same code as before: the cost is opt-in.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{Attr, AttrOrder, NlAttrs};
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct S<'a> {
//!     #[nla(type = 1)]
//!     a: Option<u8>,
//!     #[nla(type = 2)]
//!     b: Option<u8>,
//!     #[nla(unknown)]
//!     rest: Vec<Attr<'a>>,
//!     #[nla(order)]
//!     order: AttrOrder,
//! }
//!
//! // Type 2, an unknown 99, then type 1: re-encoded as it came.
//! let bytes = [attr(2, &[2]), attr(99, &[9]), attr(1, &[1])].concat();
//! let s = S::decode(&bytes, 0)?;
//! assert_eq!(s.order.types(), [2, AttrOrder::UNKNOWN, 1]);
//! assert_eq!(enc(&s), bytes);
//!
//! // Built by hand (or with the order cleared): field order, unknown attributes last.
//! let by_hand = S { a: Some(1), b: Some(2), rest: s.rest.clone(), order: AttrOrder::default() };
//! assert_eq!(by_hand, s); // the order is not part of the value
//! assert_eq!(enc(&by_hand), [attr(1, &[1]), attr(2, &[2]), attr(99, &[9])].concat());
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="deny_unknown"></a>
//! ## container: `deny_unknown`, `deny_duplicate`
//!
//! By default unknown attribute types are skipped (kernels grow) and a repeated type keeps the
//! last one (as the kernel's parser does). `#[nla(deny_unknown)]` makes an unknown type an
//! error (`Unknown`), `#[nla(deny_duplicate)]` a repeated one (`Duplicate`).
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{DecodeErrorKind, NlAttrs};
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! struct Lenient {
//!     #[nla(type = 1)]
//!     a: Option<u8>,
//! }
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! #[nla(deny_unknown, deny_duplicate)]
//! struct Strict {
//!     #[nla(type = 1)]
//!     a: Option<u8>,
//! }
//!
//! let twice = [attr(1, &[1]), attr(1, &[2]), attr(9, &[])].concat();
//! assert_eq!(Lenient::decode(&twice, 0)?, Lenient { a: Some(2) });
//! assert_eq!(Strict::decode(&twice, 0).unwrap_err().kind, DecodeErrorKind::Duplicate);
//! assert_eq!(Strict::decode(&attr(9, &[]), 0).unwrap_err().kind, DecodeErrorKind::Unknown);
//! assert_eq!(enc(&Strict { a: Some(1) }), attr(1, &[1]));
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="crate"></a>
//! ## container: `crate = "path"`
//!
//! Where the generated code finds `nlattr` when it is renamed or re-exported.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! mod reexport {
//!     pub mod netlink {
//!         pub use nlattr::*;
//!     }
//! }
//!
//! #[derive(nlattr::NlAttrs, Debug, PartialEq)]
//! #[nla(crate = "reexport::netlink")]
//! struct S {
//!     #[nla(type = 1)]
//!     a: u8,
//! }
//!
//! let bytes = attr(1, &[3]);
//! assert_eq!(enc(&S { a: 3 }), bytes);
//! assert_eq!(S::decode(&bytes, 0)?, S { a: 3 });
//! # Ok::<(), nlattr::DecodeError>(())
//! ```
//!
//! <a id="enum-form"></a>
//! ## the enum form
//!
//! `#[derive(NlAttrs)]` on an enum: one variant per attribute type (a unit variant is a flag),
//! plus an `#[nla(unknown)]` catch-all holding the raw attribute. It implements
//! [`AttrEnum`](crate::AttrEnum): one attribute at a time, or a whole `Attrs` into a `Vec`.
//!
//! ```
//! # use nlattr::{Decode, Encode, Writer};
//! # fn attr(ty: u16, p: &[u8]) -> Vec<u8> {
//! #     let mut v = u16::try_from(4 + p.len()).unwrap().to_ne_bytes().to_vec();
//! #     v.extend(ty.to_ne_bytes());
//! #     v.extend(p);
//! #     v.resize((v.len() + 3) & !3, 0);
//! #     v
//! # }
//! # fn enc<T: Encode>(v: &T) -> Vec<u8> {
//! #     let mut b = Vec::new();
//! #     v.encode(&mut Writer::new(&mut b)).unwrap();
//! #     assert_eq!(b.len(), v.encoded_len());
//! #     b
//! # }
//! use nlattr::{Attr, AttrEnum, Attrs, NlAttrs};
//!
//! #[derive(NlAttrs, Debug, PartialEq)]
//! enum CtrlAttr<'a> {
//!     #[nla(type = 1)]
//!     FamilyId(u16),
//!     #[nla(type = 2)]
//!     FamilyName(&'a str),
//!     #[nla(unknown)]
//!     Other(Attr<'a>),
//! }
//!
//! let bytes = [attr(1, &16u16.to_ne_bytes()), attr(2, b"nlctrl\0")].concat();
//! let all = CtrlAttr::decode_all(Attrs::new(&bytes, 0))?;
//! assert_eq!(all, [CtrlAttr::FamilyId(16), CtrlAttr::FamilyName("nlctrl")]);
//! let mut out = Vec::new();
//! let mut w = Writer::new(&mut out);
//! for a in &all {
//!     a.encode_attr(&mut w).unwrap();
//! }
//! assert_eq!(out, bytes);
//! # Ok::<(), nlattr::DecodeError>(())
//! ```

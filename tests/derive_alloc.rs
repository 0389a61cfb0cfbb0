//! Allocation counts of derived code: borrowed decode allocates nothing, encoding into a
//! caller's slice allocates nothing, and `to_message_vec` allocates exactly once.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use nlattr::header::IfInfoMsg;
use nlattr::{AttrSet, Decode, NlAttrs, NlSubMsg, Writer};

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to `System` unchanged; the counter is a const-initialised
// thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCS.with(Cell::get);
    let r = f();
    (r, ALLOCS.with(Cell::get) - before)
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Peer<'a> {
    #[nla(header)]
    hdr: IfInfoMsg,
    #[nla(type = 3)]
    name: Option<&'a str>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Veth<'a> {
    #[nla(type = 1, nested)]
    peer: Option<Peer<'a>>,
}

#[derive(NlSubMsg, Debug, Clone, PartialEq)]
enum Data<'a> {
    #[nla(select = "veth")]
    Veth(Veth<'a>),
    #[nla(other)]
    Other(&'a [u8]),
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Info<'a> {
    #[nla(type = 1)]
    kind: Option<&'a str>,
    #[nla(type = 2, submsg(selector = kind))]
    data: Option<Data<'a>>,
}

#[derive(NlAttrs, Debug, Clone, PartialEq)]
struct Link<'a> {
    #[nla(header)]
    hdr: IfInfoMsg,
    #[nla(type = 3, max_len = 15)]
    name: &'a str,
    #[nla(type = 4, range = 68..=65535)]
    mtu: Option<u32>,
    #[nla(type = 18, nested)]
    info: Option<Info<'a>>,
    #[nla(type = 7, flag)]
    up: bool,
    #[nla(type = 8, len = 6)]
    mac: Option<&'a [u8]>,
}

fn link() -> Link<'static> {
    Link {
        hdr: IfInfoMsg::default(),
        name: "veth0",
        mtu: Some(1500),
        info: Some(Info {
            kind: Some("veth"),
            data: Some(Data::Veth(Veth {
                peer: Some(Peer { hdr: IfInfoMsg::default(), name: Some("veth1") }),
            })),
        }),
        up: true,
        mac: Some(&[2, 0, 0, 0, 0, 1]),
    }
}

#[test]
fn to_message_vec_allocates_once() {
    let v = link();
    let (bytes, n) = allocations(|| v.to_message_vec(16, 1, 1, 0).unwrap());
    assert_eq!(n, 1);
    assert_eq!(bytes.len(), bytes.capacity());
}

#[test]
fn encoding_into_a_slice_and_borrowed_decoding_allocate_nothing() {
    let v = link();
    let mut buf = [0u8; 256];
    let (len, n) = allocations(|| {
        let mut w = Writer::from_slice(&mut buf);
        v.encode_message(&mut w, 16, 1, 1, 0).unwrap();
        v.check().unwrap();
        w.len()
    });
    assert_eq!(n, 0);
    let bytes = &buf[..len];
    let (back, n) = allocations(|| {
        let msg = nlattr::messages(bytes).next().unwrap().unwrap();
        Link::decode_message(&msg).unwrap()
    });
    assert_eq!(n, 0);
    assert_eq!(back, v);
    let (_, n) = allocations(|| Link::decode(&bytes[16..40], 16).unwrap_err());
    assert_eq!(n, 0, "errors allocate nothing either");
}

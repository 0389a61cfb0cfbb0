//! Records real kernel exchanges into `tests/fixtures/recorded/` (needs root: it works in
//! a network namespace of its own, never the host's).
//!
//! ```text
//! cargo run --example sock_record -- tests/fixtures/recorded
//! ```
//!
//! `tests/sock_fake.rs` replays the files through the same socket code, without a kernel.

#[path = "../tests/sock_util/mod.rs"]
mod sock_util;

use std::path::PathBuf;

use nlattr::consts::{NETLINK_GENERIC, NETLINK_ROUTE, NLM_F_CREATE, NLM_F_EXCL, RTM_GETLINK, RTM_NEWLINK};
use nlsock::transport::Recorder;
use nlsock::{Raw, RawSocket, Socket};
use sock_util::*;

fn record(dir: PathBuf) -> Res {
    // The namespace: a bridge and a veth pair.
    let mut setup = Socket::open(NETLINK_ROUTE)?;
    let br = LinkSpec { kind: Some("bridge"), ..LinkSpec::named("br0") }.bytes();
    setup.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&br, &LINK))?;
    setup.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&veth("rec0", "rec1"), &LINK))?;

    let mut s = Socket::with_transport(Recorder::new(RawSocket::open(NETLINK_GENERIC)?, NETLINK_GENERIC));
    let f = s.resolve_family("nlctrl")?.clone();
    println!("nlctrl: id {} with {} ops", f.id, f.ops.len());
    s.into_transport().recording().save(dir.join("genl_resolve_nlctrl.nlrec"))?;

    let mut s = Socket::with_transport(Recorder::new(RawSocket::open(NETLINK_ROUTE)?, NETLINK_ROUTE));
    let names = s.dump_map(RTM_GETLINK, 0, &Raw::with_policy(&family_header(16, 0), &LINK), |m| {
        Ok(link_name(&m).map(|(_, n)| n).unwrap_or_default())
    })?;
    println!("links: {names:?}");
    s.into_transport().recording().save(dir.join("rtm_getlink_dump.nlrec"))?;

    let mut s = Socket::with_transport(Recorder::new(RawSocket::open(NETLINK_ROUTE)?, NETLINK_ROUTE));
    let body = bad_peer_name_request();
    match s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&body, &LINK)) {
        Err(e) => println!("veth peer: {e}"),
        Ok(_) => return Err("the kernel accepted a peer name longer than IFNAMSIZ".into()),
    }
    s.into_transport().recording().save(dir.join("err_veth_peer_policy.nlrec"))?;
    Ok(())
}

fn main() -> Res {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "tests/fixtures/recorded".into()));
    std::fs::create_dir_all(&dir)?;
    match in_netns("sock_record", move || record(dir).map_err(|e| e.to_string())) {
        Some(r) => r.map_err(Into::into),
        None => Err("needs CAP_SYS_ADMIN for a private network namespace".into()),
    }
}

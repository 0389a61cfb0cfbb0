//! `ip monitor link address route`: link, address and route notifications as they arrive,
//! on a [`nlsock::Listener`]. When the receive queue overflows (`ENOBUFS`, an
//! [`nlsock::Error::Overrun`]) the monitor says so, re-dumps links, addresses and routes
//! to resynchronise, and goes on listening.

use std::time::Duration;

use nlattr::consts::{
    AF_UNSPEC, NETLINK_ROUTE, RTM_DELADDR, RTM_DELLINK, RTM_DELROUTE, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE,
};
use nlattr::families::route::addr::Addr;
use nlattr::families::route::link::Link;
use nlattr::families::route::route::Route;
use nlattr::AttrSet;
use nlsock::{netns, Listener, RawSocket};
use serde_json::{json, Value};

use crate::cli::AppError;
use crate::ip::{addr_json, link_json, route_json, LinkTable, Rtnl};

/// `RTNLGRP_LINK`.
pub const RTNLGRP_LINK: u32 = 1;
/// `RTNLGRP_IPV4_IFADDR`.
pub const RTNLGRP_IPV4_IFADDR: u32 = 5;
/// `RTNLGRP_IPV4_ROUTE`.
pub const RTNLGRP_IPV4_ROUTE: u32 = 7;
/// `RTNLGRP_IPV6_IFADDR`.
pub const RTNLGRP_IPV6_IFADDR: u32 = 9;
/// `RTNLGRP_IPV6_ROUTE`.
pub const RTNLGRP_IPV6_ROUTE: u32 = 11;

/// How to run the monitor.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The named network namespace to watch (the caller's when `None`).
    pub netns: Option<String>,
    /// Stop after this many link, address or route events.
    pub count: Option<usize>,
    /// Give up when nothing arrives for this long.
    pub timeout: Option<Duration>,
    /// The listener's receive queue size in bytes (`SO_RCVBUF`); small values make
    /// overruns easy to see.
    pub rcvbuf: Option<usize>,
}

/// Turns one notification into an event, or `None` for a message type not watched.
///
/// # Errors
/// A message that does not decode.
pub fn event_json(msg: &nlattr::Message<'_>, links: &LinkTable) -> Result<Option<Value>, AppError> {
    let (event, kind, object) = match msg.ty() {
        RTM_NEWLINK | RTM_DELLINK => {
            let l = Link::decode_message(msg)?;
            let ev = if msg.ty() == RTM_NEWLINK { "new" } else { "del" };
            (ev, "link", Value::Object(link_json(&l, links, true)?))
        }
        RTM_NEWADDR | RTM_DELADDR => {
            let a = Addr::decode_message(msg)?;
            let mut o = addr_json(&a);
            o.insert("dev".into(), json!(links.name(a.hdr.index)));
            (if msg.ty() == RTM_NEWADDR { "new" } else { "del" }, "address", Value::Object(o))
        }
        RTM_NEWROUTE | RTM_DELROUTE => {
            let r = Route::decode_message(msg)?;
            (
                if msg.ty() == RTM_NEWROUTE { "new" } else { "del" },
                "route",
                Value::Object(route_json(&r, links, true)),
            )
        }
        _ => return Ok(None),
    };
    Ok(Some(json!({ "event": event, "kind": kind, "object": object })))
}

/// One line of text for an event.
#[must_use]
pub fn event_text(ev: &Value) -> String {
    let o = &ev["object"];
    let s = |k: &str| {
        o.get(k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).unwrap_or_default()
    };
    match ev["kind"].as_str() {
        Some("link") => format!(
            "[link] {} {}: {} mtu {} state {}",
            ev["event"].as_str().unwrap_or_default(),
            s("ifindex"),
            s("ifname"),
            s("mtu"),
            s("operstate")
        ),
        Some("address") => format!(
            "[address] {} {}/{} dev {}",
            ev["event"].as_str().unwrap_or_default(),
            s("local"),
            s("prefixlen"),
            s("dev")
        ),
        Some("route") => format!(
            "[route] {} {} dev {} table {}",
            ev["event"].as_str().unwrap_or_default(),
            s("dst"),
            s("dev"),
            s("table")
        ),
        _ => ev.to_string(),
    }
}

fn resync(rt: &mut Rtnl) -> Result<(Value, LinkTable), AppError> {
    let links = rt.dump_links()?;
    let table = LinkTable::from_messages(&links)?;
    let addrs = rt.dump_addrs(AF_UNSPEC)?.len();
    let routes = rt.dump_routes(AF_UNSPEC)?.len();
    Ok((json!({ "event": "resync", "links": links.len(), "addresses": addrs, "routes": routes }), table))
}

/// Listens and hands each event (and `overrun`/`resync` notes) to `emit`; `ready` runs
/// once the groups are joined, before the first receive.
///
/// # Errors
/// Opening or joining failing, a timeout, a malformed notification, or `emit`'s error.
pub fn run(
    opts: &Options,
    mut emit: impl FnMut(&Value) -> Result<(), AppError>,
    ready: impl FnOnce(),
) -> Result<(), AppError> {
    let raw = match &opts.netns {
        Some(ns) => netns::open_named(NETLINK_ROUTE, ns)?,
        None => RawSocket::open(NETLINK_ROUTE)?,
    };
    if let Some(n) = opts.rcvbuf {
        raw.force_recv_buffer_size(n).or_else(|_| raw.set_recv_buffer_size(n))?;
    }
    raw.set_recv_timeout(opts.timeout)?;
    let mut listener = Listener::with_transport(raw);
    for g in [RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV6_ROUTE]
    {
        listener.transport().join_group(g)?;
    }
    let mut rt = Rtnl::open(opts.netns.as_deref())?;
    let mut links = rt.link_table()?;
    ready();
    let mut seen = 0usize;
    while opts.count.map_or(true, |c| seen < c) {
        let msgs = match listener.recv() {
            Ok(m) => m,
            Err(nlsock::Error::Overrun) => {
                emit(
                    &json!({ "event": "overrun", "message": "receive queue overrun (ENOBUFS): events were lost; re-dumping" }),
                )?;
                let (note, table) = resync(&mut rt)?;
                links = table;
                emit(&note)?;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        for m in &msgs {
            let msg = m.message();
            if matches!(msg.ty(), RTM_NEWLINK | RTM_DELLINK) {
                links = rt.link_table()?;
            }
            if let Some(ev) = event_json(&msg, &links)? {
                emit(&ev)?;
                seen += 1;
                if opts.count.is_some_and(|c| seen >= c) {
                    break;
                }
            }
        }
    }
    Ok(())
}

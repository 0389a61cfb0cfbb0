//! The socket against the running kernel. Every test runs on a thread of its own inside a
//! network namespace it creates (`unshare(CLONE_NEWNET)`), never the host's; without the
//! privilege each prints `skipped: ...` and passes.

mod sock_util;

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::os::fd::{AsFd, AsRawFd};
use std::time::{Duration, Instant};

use nlattr::consts::{
    AF_INET, AF_INET6, AF_UNSPEC, NETLINK_GENERIC, NETLINK_ROUTE, NLMSG_ERROR, NLM_F_CAPPED, NLM_F_CREATE,
    NLM_F_DUMP, NLM_F_EXCL, NLM_F_REQUEST, RTM_DELADDR, RTM_DELLINK, RTM_DELROUTE, RTM_GETADDR, RTM_GETLINK,
    RTM_GETROUTE, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE,
};
use nlattr::header::{read_header, IfAddrMsg, NlMsgHdr, RtMsg};
use nlattr::{FieldPath, Message, Segment, Writer};
use nlsock::transport::{Recorder, Recording, Replayer};
use nlsock::{Error, Listener, Raw, RawSocket, Socket};
use sock_util::*;

const TIMEOUT: Duration = Duration::from_secs(5);

fn rt() -> Res<Socket> {
    let s = Socket::open(NETLINK_ROUTE)?;
    s.transport().set_recv_timeout(Some(TIMEOUT))?;
    Ok(s)
}

fn path(s: &str) -> FieldPath {
    let segs: Vec<Segment> =
        s.split('.').map(|f| Segment::Field(Box::leak(f.to_owned().into_boxed_str()))).collect();
    FieldPath::from_segments(&segs)
}

fn new_link<T: nlsock::transport::Transport>(s: &mut Socket<T>, body: &[u8]) -> Result<nlsock::Reply, Error> {
    s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(body, &LINK))
}

fn index_of(s: &mut Socket, name: &str) -> Res<i32> {
    let reply = s.request(RTM_GETLINK, 0, &Raw::with_policy(&LinkSpec::named(name).bytes(), &LINK))?;
    let m = reply.first().ok_or("no reply to RTM_GETLINK")?;
    Ok(link_name(&m.message()).ok_or("no name")?.0)
}

fn set_link(s: &mut Socket, index: i32, up: bool, mtu: Option<u32>, master: Option<u32>) -> Res {
    let spec = LinkSpec {
        header: ifinfo(index, if up { IFF_UP } else { 0 }, IFF_UP),
        mtu,
        master,
        ..LinkSpec::new()
    };
    s.request(RTM_NEWLINK, 0, &Raw::with_policy(&spec.bytes(), &LINK))?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LinkRow {
    name: String,
    index: i32,
    mtu: u32,
    master: Option<u32>,
    up: bool,
}

fn dump_links<T: nlsock::transport::Transport>(s: &mut Socket<T>) -> Result<Vec<LinkRow>, Error> {
    s.dump_map(RTM_GETLINK, 0, &Raw::with_policy(&family_header(16, AF_UNSPEC), &LINK), |m| {
        let h: nlattr::header::IfInfoMsg = read_header(m.payload, m.payload_offset())?;
        let (_, name) = link_name(&m).unwrap_or_default();
        Ok(LinkRow {
            name,
            index: h.index,
            mtu: link_u32(&m, IFLA_MTU).unwrap_or(0),
            master: link_u32(&m, IFLA_MASTER),
            up: h.flags & IFF_UP != 0,
        })
    })
}

fn attr_bytes<'a>(m: &Message<'a>, header: usize, ty: u16) -> Option<&'a [u8]> {
    m.attrs_after(header).filter_map(Result::ok).find(|a| a.ty() == ty).map(|a| a.payload())
}

fn ip_of(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => Some(IpAddr::from(<[u8; 4]>::try_from(b).ok()?)),
        16 => Some(IpAddr::from(<[u8; 16]>::try_from(b).ok()?)),
        _ => None,
    }
}

#[test]
fn bridge_veth_mtu_state_addresses_routes_dump_and_delete() {
    in_netns("bridge_veth_mtu_state_addresses_routes_dump_and_delete", || -> Res {
        let mut s = rt()?;
        new_link(&mut s, &LinkSpec { kind: Some("bridge"), ..LinkSpec::named("br0") }.bytes())?;
        new_link(&mut s, &veth("v0", "v1"))?;
        new_link(&mut s, &veth("w0", "w1"))?;
        let br = index_of(&mut s, "br0")?;
        let v0 = index_of(&mut s, "v0")?;
        let v1 = index_of(&mut s, "v1")?;
        let brx = u32::try_from(br)?;
        set_link(&mut s, v0, true, Some(1400), Some(brx))?;
        set_link(&mut s, v1, true, Some(1400), None)?;
        set_link(&mut s, br, true, None, None)?;
        let w0 = index_of(&mut s, "w0")?;
        set_link(&mut s, w0, false, Some(9000), Some(brx))?;

        let links = dump_links(&mut s)?;
        let by_name = |n: &str| {
            links.iter().find(|l| l.name == n).cloned().ok_or(format!("{n} missing from {links:?}"))
        };
        let names: BTreeSet<&str> = links.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, BTreeSet::from(["lo", "br0", "v0", "v1", "w0", "w1"]));
        assert_eq!((by_name("v0")?.mtu, by_name("v0")?.master, by_name("v0")?.up), (1400, Some(brx), true));
        assert_eq!((by_name("w0")?.mtu, by_name("w0")?.master, by_name("w0")?.up), (9000, Some(brx), false));
        assert_eq!((by_name("v1")?.mtu, by_name("v1")?.master), (1400, None));
        assert!(by_name("br0")?.up);

        // Addresses on the bridge.
        let a4: IpAddr = "10.1.0.1".parse()?;
        let a6: IpAddr = "2001:db8:1::1".parse()?;
        s.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&addr(brx, a4, 24), &ADDR))?;
        s.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&addr(brx, a6, 64), &ADDR))?;
        let addrs =
            s.dump_map(RTM_GETADDR, 0, &Raw::with_policy(&family_header(8, AF_UNSPEC), &ADDR), |m| {
                let h: IfAddrMsg = read_header(m.payload, m.payload_offset())?;
                let ip = attr_bytes(&m, 8, IFA_LOCAL).or(attr_bytes(&m, 8, IFA_ADDRESS)).and_then(ip_of);
                Ok((h.index, ip, h.prefixlen))
            })?;
        assert!(addrs.contains(&(brx, Some(a4), 24)), "{addrs:?}");
        assert!(addrs.contains(&(brx, Some(a6), 64)), "{addrs:?}");

        // Routes: IPv4 through a gateway, IPv6 out of the bridge.
        let d4: IpAddr = "10.2.0.0".parse()?;
        let gw: IpAddr = "10.1.0.254".parse()?;
        let d6: IpAddr = "2001:db8:2::".parse()?;
        let r4 = route(d4, 16, Some(gw), None);
        let r6 = route(d6, 48, None, Some(brx));
        s.request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&r4, &ROUTE))?;
        s.request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&r6, &ROUTE))?;
        let mut routes = Vec::new();
        for family in [AF_INET, AF_INET6] {
            routes.extend(s.dump_map(
                RTM_GETROUTE,
                0,
                &Raw::with_policy(&family_header(12, family), &ROUTE),
                |m| {
                    let h: RtMsg = read_header(m.payload, m.payload_offset())?;
                    let dst = attr_bytes(&m, 12, RTA_DST).and_then(ip_of);
                    let gw = attr_bytes(&m, 12, RTA_GATEWAY).and_then(ip_of);
                    let oif = attr_bytes(&m, 12, RTA_OIF)
                        .and_then(|b| <[u8; 4]>::try_from(b).ok())
                        .map(u32::from_ne_bytes);
                    Ok((dst, h.dst_len, gw, oif))
                },
            )?);
        }
        assert!(routes.contains(&(Some(d4), 16, Some(gw), Some(brx))), "{routes:?}");
        assert!(routes.contains(&(Some(d6), 48, None, Some(brx))), "{routes:?}");

        // Delete: routes, addresses, then a veth (its peer goes with it).
        s.request(RTM_DELROUTE, 0, &Raw::with_policy(&r4, &ROUTE))?;
        s.request(RTM_DELROUTE, 0, &Raw::with_policy(&r6, &ROUTE))?;
        s.request(RTM_DELADDR, 0, &Raw::with_policy(&addr(brx, a4, 24), &ADDR))?;
        s.request(
            RTM_DELLINK,
            0,
            &Raw::with_policy(&LinkSpec { header: ifinfo(v0, 0, 0), ..LinkSpec::new() }.bytes(), &LINK),
        )?;
        let names: BTreeSet<String> = dump_links(&mut s)?.into_iter().map(|l| l.name).collect();
        assert_eq!(names, ["br0", "lo", "w0", "w1"].into_iter().map(String::from).collect());
        let routes4 = s.dump_map(RTM_GETROUTE, 0, &Raw::new(&family_header(12, AF_INET)), |m| {
            Ok(attr_bytes(&m, 12, RTA_DST).and_then(ip_of))
        })?;
        assert!(!routes4.contains(&Some(d4)));
        assert_eq!(s.skipped(), 0);
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn resolve_nlctrl_and_ethtool_with_cache_and_policy() {
    in_netns("resolve_nlctrl_and_ethtool_with_cache_and_policy", || -> Res {
        let raw = RawSocket::open(NETLINK_GENERIC)?;
        raw.set_recv_timeout(Some(TIMEOUT))?;
        let mut s = Socket::with_transport(Recorder::new(raw, NETLINK_GENERIC));
        let ctrl = s.resolve_family("nlctrl")?.clone();
        assert_eq!((ctrl.id, ctrl.name.as_str()), (0x10, "nlctrl"));
        assert!(ctrl.group("notify").is_some());
        let ethtool = s.resolve_family("ethtool")?.clone();
        assert!(ethtool.id > 0x10, "{ethtool:?}");
        assert!(ethtool.op(2).is_some(), "ETHTOOL_MSG_STRSET_GET");
        assert!(ethtool.group("monitor").is_some());
        let sends = |s: &Socket<Recorder<RawSocket>>| {
            s.transport()
                .recording()
                .events
                .iter()
                .filter(|e| matches!(e, nlsock::transport::record::RecordedEvent::Sent(_)))
                .count()
        };
        assert_eq!(sends(&s), 2);
        s.resolve_family("ethtool")?;
        assert_eq!(sends(&s), 2, "cached per socket");
        match s.resolve_family("nosuchfamily") {
            Err(Error::Kernel(k)) => assert_eq!(k.errno, libc::ENOENT),
            other => panic!("{other:?}"),
        }
        // A dump whose DONE carries a warning (lo has no link settings).
        let end = s.dump_with(ethtool.id, 0, &Raw::new(&[2, 1, 0, 0]), |m| {
            assert_eq!(m.ty(), ethtool.id);
            Ok(())
        })?;
        assert_eq!(end.warning.as_deref(), Some("failed to retrieve link settings"), "{end:?}");
        // Group names resolve to ids a listener can join.
        let monitor = s.genl_group("ethtool", "monitor")?;
        assert_eq!(Some(monitor), ethtool.group("monitor"));
        let l = Listener::open(NETLINK_GENERIC)?;
        l.join(monitor)?;
        l.leave(monitor)?;
        match s.genl_group("ethtool", "nosuchgroup") {
            Err(Error::Kernel(k)) => assert_eq!(k.errno, libc::ENOENT),
            other => panic!("{other:?}"),
        }
        let policy = s.family_policy("nlctrl")?;
        let getfamily = policy.ops.iter().find(|o| o.cmd == 3).ok_or("no GETFAMILY policy")?;
        let name = policy.get(getfamily.do_policy.ok_or("no do policy")?, 2).ok_or("no FAMILY_NAME entry")?;
        assert_eq!(name.type_name(), Some("nul-string"));
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn link_notification_for_a_veth_created_after_subscribing() {
    in_netns("link_notification_for_a_veth_created_after_subscribing", || -> Res {
        let mut l = Listener::open(NETLINK_ROUTE)?;
        l.transport().set_recv_timeout(Some(TIMEOUT))?;
        l.join(RTNLGRP_LINK)?;
        let mut s = rt()?;
        new_link(&mut s, &veth("n0", "n1"))?;
        let mut seen = BTreeSet::new();
        for _ in 0..20 {
            l.recv_with(|m| {
                if m.ty() == RTM_NEWLINK {
                    if let Some((_, n)) = link_name(&m) {
                        seen.insert(n);
                    }
                }
                Ok(())
            })?;
            if seen.contains("n0") && seen.contains("n1") {
                break;
            }
        }
        assert!(seen.contains("n0") && seen.contains("n1"), "{seen:?}");
        // After leaving, nothing more arrives.
        l.leave(RTNLGRP_LINK)?;
        l.transport().set_recv_timeout(Some(Duration::from_millis(200)))?;
        while l.recv().is_ok() {}
        new_link(&mut s, &veth("n2", "n3"))?;
        assert!(matches!(l.recv(), Err(Error::Timeout)));
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn real_kernel_errors_carry_message_and_field_path() {
    in_netns("real_kernel_errors_carry_message_and_field_path", || -> Res {
        let mut s = rt()?;
        // An unknown link kind.
        let body = LinkSpec { kind: Some("nosuchkind"), ..LinkSpec::named("x0") }.bytes();
        let k = match new_link(&mut s, &body) {
            Err(Error::Kernel(k)) => k,
            other => panic!("{other:?}"),
        };
        assert_eq!(k.errno, libc::EOPNOTSUPP);
        assert_eq!(k.message.as_deref(), Some("Unknown device type"));
        println!("unknown kind: {k}");

        // An invalid IPv4 prefix length (a fixed-header field: no attribute to name).
        let body = addr(1, "10.9.9.9".parse()?, 40);
        let k = match s.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&body, &ADDR)) {
            Err(Error::Kernel(k)) => k,
            other => panic!("{other:?}"),
        };
        assert_eq!(k.errno, libc::EINVAL);
        assert_eq!(k.message.as_deref(), Some("ipv4: Invalid prefix length"));
        println!("bad prefix: {k}");

        // A wrong attribute length under strict checking. RTM_GETNEXTHOP validates strictly
        // (`nlmsg_parse`): an 8-byte NHA_ID (a u32) is refused, and the offset names it.
        s.transport().set_strict_checking(true)?;
        assert!(s.transport().strict_checking()?);
        let mut get = vec![0u8; 8]; // struct nhmsg
        Writer::new(&mut get).attr(NHA_ID, &7u64)?;
        let k = match s.request(RTM_GETNEXTHOP, 0, &Raw::with_policy(&get, &NEXTHOP)) {
            Err(Error::Kernel(k)) => k,
            other => panic!("{other:?}"),
        };
        assert_eq!(k.errno, libc::EINVAL);
        assert_eq!(k.message.as_deref(), Some("invalid attribute length"));
        assert_eq!(k.path, Some(path("id")));
        println!("strict: {k}");
        // rtnetlink's link parser is liberal even with strict checking on: a too-long
        // IFLA_EXT_MASK is only warned about, while a too-short one is refused.
        let long =
            LinkSpec { extra: vec![(IFLA_EXT_MASK, vec![1, 0, 0, 0, 0, 0, 0, 0])], ..LinkSpec::named("lo") }
                .bytes();
        assert_eq!(s.request(RTM_GETLINK, 0, &Raw::with_policy(&long, &LINK))?.messages.len(), 1);
        let short = LinkSpec { extra: vec![(IFLA_EXT_MASK, vec![1, 0])], ..LinkSpec::named("lo") }.bytes();
        let k = match s.request(RTM_GETLINK, 0, &Raw::with_policy(&short, &LINK)) {
            Err(Error::Kernel(k)) => k,
            other => panic!("{other:?}"),
        };
        assert_eq!(k.path, Some(path("ext_mask")));
        println!("short ext_mask: {k}");
        s.transport().set_strict_checking(false)?;

        // A veth whose peer fails policy: the path goes through the sub-message.
        let k = match new_link(&mut s, &bad_peer_name_request()) {
            Err(Error::Kernel(k)) => k,
            other => panic!("{other:?}"),
        };
        assert_eq!(k.errno, libc::ERANGE);
        assert_eq!(k.message.as_deref(), Some("Attribute failed policy validation"));
        assert_eq!(k.path, Some(path("link_info.data.peer.name")));
        assert_eq!(k.policy.and_then(|p| p.max_len), Some(15));
        assert!(k.to_string().contains("`link_info.data.peer.name`"), "{k}");
        println!("veth peer: {k}");

        // A peer MTU of the wrong size.
        let peer = LinkSpec { extra: vec![(IFLA_MTU, vec![0xdc, 0x05])], ..LinkSpec::named("p1") };
        let body =
            LinkSpec { kind: Some("veth"), peer: Some(Box::new(peer)), ..LinkSpec::named("p0") }.bytes();
        let k = match new_link(&mut s, &body) {
            Err(Error::Kernel(k)) => k,
            other => panic!("{other:?}"),
        };
        assert_eq!(k.path, Some(path("link_info.data.peer.mtu")));
        println!("peer mtu: {k}");
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn a_reply_forged_by_another_socket_is_not_accepted() {
    in_netns("a_reply_forged_by_another_socket_is_not_accepted", || -> Res {
        let mut s = rt()?;
        let forger = RawSocket::open(NETLINK_ROUTE)?;
        let lo_bytes = LinkSpec::named("lo").bytes();
        let lo = Raw::with_policy(&lo_bytes, &LINK);
        assert_eq!(s.request(RTM_GETLINK, 0, &lo)?.messages.len(), 1);
        // A success ACK with the next sequence number and our port id, from another socket.
        let mut forged = Vec::new();
        let mut w = Writer::new(&mut forged);
        let m = w.begin_message(NLMSG_ERROR, NLM_F_CAPPED, 2, s.port_id())?;
        w.put(&0i32.to_ne_bytes())?;
        w.put_struct(&NlMsgHdr { len: 32, ty: RTM_GETLINK, flags: NLM_F_REQUEST, seq: 2, pid: 0 })?;
        w.end_message(m)?;
        forger.send_to(&forged, s.port_id())?;
        let reply = s.request(RTM_GETLINK, 0, &lo)?;
        assert_eq!(reply.messages.len(), 1, "the kernel's reply, not the forged empty ACK");
        assert_eq!(link_name(&reply.messages[0].message()).ok_or("no name")?.1, "lo");
        assert_eq!(s.skipped(), 1);
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn a_request_nobody_answers_times_out() {
    in_netns("a_request_nobody_answers_times_out", || -> Res {
        // A userspace peer that never answers.
        let silent = RawSocket::open(NETLINK_USERSOCK)?;
        let mut t = RawSocket::open(NETLINK_USERSOCK)?;
        t.set_peer(silent.port_id());
        t.set_recv_timeout(Some(Duration::from_millis(300)))?;
        assert_eq!(t.recv_timeout()?, Some(Duration::from_millis(300)));
        let mut s = Socket::with_transport(t);
        let start = Instant::now();
        let r = s.request(0x20, 0, &Raw::new(&[1, 2, 3, 4]));
        assert!(matches!(r, Err(Error::Timeout)), "{r:?}");
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(250) && waited < TIMEOUT, "{waited:?}");
        // The peer did get the request.
        let mut buf = [0u8; 64];
        let (n, from) = silent.recv_from(&mut buf, false)?;
        assert_eq!((n, from), (20, s.port_id()));
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn a_dump_dropped_after_its_first_message_then_a_full_dump() {
    in_netns("a_dump_dropped_after_its_first_message_then_a_full_dump", || -> Res {
        let mut s = rt()?;
        for i in 0..30 {
            new_link(&mut s, &veth(&format!("d{i}a"), &format!("d{i}b")))?;
        }
        let expected = 61;
        {
            let mut d = s.dump(RTM_GETLINK, 0, &Raw::new(&family_header(16, AF_UNSPEC)))?;
            let first = d.next_message().ok_or("empty dump")??;
            assert_eq!(first.ty(), RTM_NEWLINK);
        }
        assert!(!s.has_pending_dump());
        assert_eq!(dump_links(&mut s)?.len(), expected);

        // Without the drain the kernel refuses the second dump: what the drop prevents.
        let mut raw = RawSocket::open(NETLINK_ROUTE)?;
        raw.set_recv_timeout(Some(TIMEOUT))?;
        let mut req = Vec::new();
        let mut w = Writer::new(&mut req);
        let m = w.begin_message(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1000, 0)?;
        w.put(&family_header(16, AF_UNSPEC))?;
        w.end_message(m)?;
        raw.send_to(&req, 0)?;
        let mut buf = vec![0u8; 32 * 1024];
        raw.recv_from(&mut buf, false)?;
        let mut other = Socket::with_transport(&mut raw);
        match dump_links(&mut other) {
            Err(Error::Kernel(k)) => assert_eq!(k.errno, libc::EBUSY),
            other => panic!("expected EBUSY, got {other:?}"),
        }
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn a_dump_by_datagrams_decodes_in_place_what_the_message_form_decodes() {
    in_netns("a_dump_by_datagrams_decodes_in_place_what_the_message_form_decodes", || -> Res {
        use nlattr::families::route::link::Link;
        use nlattr::{AttrSet, DecodeInPlace};
        let mut s = rt()?;
        for i in 0..30 {
            new_link(&mut s, &veth(&format!("b{i}a"), &format!("b{i}b")))?;
        }
        let req = family_header(16, AF_UNSPEC);
        let mut want = Vec::new();
        s.dump_with(RTM_GETLINK, 0, &Raw::new(&req), |m| {
            let l = Link::decode_message(&m)?;
            want.push((l.hdr.index, l.ifname.map(str::to_owned), l.mtu));
            Ok(())
        })?;
        let (mut got, mut batches) = (Vec::new(), 0);
        let end = s.dump_batches(RTM_GETLINK, 0, &Raw::new(&req), |batch| {
            batches += 1;
            let mut l = Link::default();
            for m in batch {
                l.decode_message_in_place(&m)?;
                got.push((l.hdr.index, l.ifname.map(str::to_owned), l.mtu));
            }
            Ok(())
        })?;
        assert_eq!(want.len(), 61, "lo and 30 veth pairs");
        assert_eq!(got, want);
        assert_eq!(end.messages, 61);
        assert!(batches >= 2, "61 links with their stats do not fit one datagram: {batches}");
        assert!(!s.has_pending_dump());
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn an_overflowing_listener_gets_overrun_resyncs_and_keeps_receiving() {
    in_netns("an_overflowing_listener_gets_overrun_resyncs_and_keeps_receiving", || -> Res {
        let mut l = Listener::open(NETLINK_ROUTE)?;
        l.transport().set_recv_timeout(Some(TIMEOUT))?;
        l.transport().set_recv_buffer_size(0)?;
        l.join(RTNLGRP_LINK)?;
        let mut s = rt()?;
        for i in 0..20 {
            new_link(&mut s, &veth(&format!("o{i}a"), &format!("o{i}b")))?;
        }
        assert!(matches!(l.recv(), Err(Error::Overrun)));
        // The kernel keeps dropping notifications for this socket until its queue is
        // empty (NETLINK_S_CONGESTED): read what is queued, then resync with a dump.
        l.transport().set_recv_buffer_size(1 << 20)?;
        l.transport().set_recv_timeout(Some(Duration::from_millis(100)))?;
        let mut stale = 0;
        loop {
            match l.recv() {
                Ok(m) => stale += m.len(),
                Err(Error::Timeout) => break,
                Err(e) => return Err(e.into()),
            }
        }
        assert!(stale < 80, "notifications were dropped: {stale}");
        l.transport().set_recv_timeout(Some(TIMEOUT))?;
        // Resync: the state is what a dump says.
        let links = dump_links(&mut s)?;
        assert_eq!(links.len(), 41);
        // Keep receiving: the next change arrives.
        new_link(&mut s, &veth("after0", "after1"))?;
        let mut seen = false;
        for _ in 0..100 {
            l.recv_with(|m| {
                seen |= link_name(&m).is_some_and(|(_, n)| n == "after0");
                Ok(())
            })?;
            if seen {
                break;
            }
        }
        assert!(seen);
        Ok(())
    })
    .transpose()
    .unwrap();
}

/// What an exchange produced, in a comparable form.
fn session<T: nlsock::transport::Transport>(s: &mut Socket<T>) -> Vec<String> {
    let mut out = Vec::new();
    out.push(format!("{:?}", new_link(s, &veth("r0", "r1")).map(|r| r.messages.len())));
    let lo_bytes = LinkSpec::named("lo").bytes();
    let lo = Raw::with_policy(&lo_bytes, &LINK);
    out.push(format!(
        "{:?}",
        s.request(RTM_GETLINK, 0, &lo).map(|r| r
            .messages
            .iter()
            .map(|m| m.as_bytes().to_vec())
            .collect::<Vec<_>>())
    ));
    out.push(format!("{:?}", dump_links(s)));
    let bad = LinkSpec { kind: Some("nosuchkind"), ..LinkSpec::named("x0") }.bytes();
    out.push(new_link(s, &bad).map(|_| String::new()).unwrap_or_else(|e| e.to_string()));
    out.push(new_link(s, &bad_peer_name_request()).map(|_| String::new()).unwrap_or_else(|e| e.to_string()));
    out
}

#[test]
fn a_recorded_live_exchange_replays_with_the_same_result() {
    in_netns("a_recorded_live_exchange_replays_with_the_same_result", || -> Res {
        let raw = RawSocket::open(NETLINK_ROUTE)?;
        raw.set_recv_timeout(Some(TIMEOUT))?;
        let mut s = Socket::with_transport(Recorder::new(raw, NETLINK_ROUTE));
        let live = session(&mut s);
        assert!(live[4].contains("link_info.data.peer.name"), "{live:?}");
        let recording = s.into_transport().recording().clone();
        let file = std::env::temp_dir().join(format!("nlsock-replay-{}.nlrec", std::process::id()));
        recording.save(&file)?;
        let loaded = Recording::load(&file);
        std::fs::remove_file(&file)?;
        let loaded = loaded?;
        assert_eq!(loaded, recording);
        let mut r = Socket::with_transport(Replayer::new(loaded));
        let replayed = session(&mut r);
        assert_eq!(replayed, live);
        assert_eq!(r.transport().remaining(), 0);
        Ok(())
    })
    .transpose()
    .unwrap();
}

fn netns_inode(p: &str) -> Res<String> {
    Ok(std::fs::read_link(p)?.to_string_lossy().into_owned())
}

#[test]
fn a_socket_in_another_namespace_without_moving_the_caller() {
    let ns = in_netns(
        "a_socket_in_another_namespace_without_moving_the_caller",
        || -> Result<std::fs::File, String> {
            let mut s = rt().map_err(|e| e.to_string())?;
            new_link(&mut s, &veth("ns0", "ns1")).map_err(|e| e.to_string())?;
            // This handle keeps the namespace (and its links) alive after the thread ends.
            std::fs::File::open("/proc/thread-self/ns/net").map_err(|e| e.to_string())
        },
    );
    let Some(ns) = ns else { return };
    let ns = ns.unwrap();
    let before = netns_inode("/proc/thread-self/ns/net").unwrap();
    let mut s = Socket::with_transport(nlsock::netns::open_in(NETLINK_ROUTE, ns.as_fd()).unwrap());
    s.transport().set_recv_timeout(Some(TIMEOUT)).unwrap();
    let names: BTreeSet<String> = dump_links(&mut s).unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["lo", "ns0", "ns1"].into_iter().map(String::from).collect());
    // The same through a path.
    let by_path = nlsock::netns::open_at(NETLINK_ROUTE, format!("/proc/self/fd/{}", ns.as_raw_fd())).unwrap();
    let mut s2 = Socket::with_transport(by_path);
    assert_eq!(dump_links(&mut s2).unwrap().len(), 3);
    assert_eq!(netns_inode("/proc/thread-self/ns/net").unwrap(), before, "the caller did not move");
}

#[test]
fn derived_link_types_through_the_socket() {
    use nlattr::policy::HasPolicy;
    use nlattr::AttrSet;
    in_netns("derived_link_types_through_the_socket", || -> Res {
        let mut s = rt()?;
        // `rest` re-emits attributes as given: here, optionally, a 2-byte IFLA_MTU.
        let veth = |name: &'static str, peer: &'static str, bad_mtu: bool| DLink {
            name: Some(name),
            link_info: Some(DLinkInfo {
                kind: Some("veth"),
                data: Some(DLinkData::Veth(DVeth {
                    peer: Some(DPeer {
                        name: Some(peer),
                        mtu: (!bad_mtu).then_some(1280),
                        rest: if bad_mtu {
                            vec![nlattr::Attr::from_parts(IFLA_MTU, &[0xdc, 0x05], 0)]
                        } else {
                            vec![]
                        },
                        ..Default::default()
                    }),
                })),
            }),
            ..Default::default()
        };
        s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &veth("dv0", "dv1", false))?;
        // A dump decoded with the derived type, each value built from the lent message.
        let rows = s.dump_map(RTM_GETLINK, 0, &DLink::default(), |m| {
            let l = DLink::decode_message(&m)?;
            Ok((l.name.unwrap_or_default().to_owned(), l.mtu))
        })?;
        assert!(rows.contains(&("dv1".to_owned(), Some(1280))), "{rows:?}");
        assert!(rows.contains(&("dv0".to_owned(), Some(1500))), "{rows:?}");

        // The kernel's error names the derived field, through the sub-message.
        match s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &veth("dv2", "dv3", true)) {
            Err(Error::Kernel(k)) => {
                assert_eq!(k.errno, libc::ERANGE);
                assert_eq!(k.path, Some(path("link_info.data.peer.mtu")), "{k}");
                assert_eq!(k.policy_name, Some(DLink::POLICY.name));
                println!("derived: {k}");
            }
            other => panic!("{other:?}"),
        }
        // The derive's own checks run before anything is sent.
        match s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &veth("dv4", "a-peer-name-too-long", false)) {
            Err(Error::Encode(nlattr::EncodeError::Invalid { path: p, .. })) => {
                assert_eq!(p.to_string(), "link_info.data.peer.name");
            }
            other => panic!("{other:?}"),
        }
        Ok(())
    })
    .transpose()
    .unwrap();
}

#[test]
fn dump_datagrams_are_sized_from_the_32k_buffer() {
    in_netns("dump_datagrams_are_sized_from_the_32k_buffer", || -> Res {
        let mut s = rt()?;
        for i in 0..30 {
            new_link(&mut s, &veth(&format!("z{i}a"), &format!("z{i}b")))?;
        }
        let raw = RawSocket::open(NETLINK_ROUTE)?;
        raw.set_recv_timeout(Some(TIMEOUT))?;
        let mut r = Socket::with_transport(Recorder::new(raw, NETLINK_ROUTE));
        assert_eq!(dump_links(&mut r)?.len(), 61);
        let sizes: Vec<usize> = r
            .transport()
            .recording()
            .events
            .iter()
            .filter_map(|e| match e {
                nlsock::transport::record::RecordedEvent::Received { len, .. } => Some(*len),
                _ => None,
            })
            .collect();
        println!("datagram sizes: {sizes:?}");
        // Page-sized first, then close to 32 KiB: the kernel saw the 32 KiB buffer.
        assert!(sizes.iter().any(|&n| n > 16 * 1024), "{sizes:?}");
        assert!(sizes.iter().all(|&n| n <= 32 * 1024 + 1024), "{sizes:?}");
        Ok(())
    })
    .transpose()
    .unwrap();
}

/// `ip netns add NAME`, deleted again on drop (even when the test fails).
struct NamedNetns(String);

impl Drop for NamedNetns {
    fn drop(&mut self) {
        let _ = std::process::Command::new("ip").args(["netns", "del", &self.0]).status();
    }
}

#[test]
fn a_socket_in_a_named_namespace_agrees_with_iproute2() {
    let name = format!("nlsock-test-{}", std::process::id());
    let added = std::process::Command::new("ip").args(["netns", "add", &name]).output();
    let ns = match added {
        Ok(o) if o.status.success() => NamedNetns(name.clone()),
        Ok(o) => {
            println!(
                "skipped: a_socket_in_a_named_namespace_agrees_with_iproute2: ip netns add: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            return;
        }
        Err(e) => {
            println!("skipped: a_socket_in_a_named_namespace_agrees_with_iproute2: ip: {e}");
            return;
        }
    };
    let before = netns_inode("/proc/thread-self/ns/net").unwrap();
    let mut s = Socket::open_in_netns(NETLINK_ROUTE, &ns.0).unwrap();
    s.transport().set_recv_timeout(Some(TIMEOUT)).unwrap();
    new_link(&mut s, &veth("nn0", "nn1")).unwrap();
    let i = index_of(&mut s, "nn0").unwrap();
    set_link(&mut s, i, false, Some(1280), None).unwrap();
    let mut ours: Vec<(String, u32)> =
        dump_links(&mut s).unwrap().into_iter().map(|l| (l.name, l.mtu)).collect();
    ours.sort();
    assert_eq!(netns_inode("/proc/thread-self/ns/net").unwrap(), before, "the caller did not move");
    let out = std::process::Command::new("ip").args(["-n", &ns.0, "-j", "link", "show"]).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut theirs: Vec<(String, u32)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let mtu = l["mtu"].as_u64().and_then(|m| u32::try_from(m).ok()).unwrap_or(0);
            (l["ifname"].as_str().unwrap_or_default().to_owned(), mtu)
        })
        .collect();
    theirs.sort();
    assert_eq!(ours, theirs);
    assert!(ours.contains(&("nn0".to_owned(), 1280)));
}

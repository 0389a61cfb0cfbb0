//! Every fake-kernel scenario of the request lifecycle, asserting the typed outcome: no
//! socket, no privilege.

mod sock_util;

use nlattr::consts::{
    NLMSG_DONE, NLMSG_ERROR, NLM_F_CREATE, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_EXCL, NLM_F_MULTI,
    NLM_F_REQUEST, RTM_GETLINK, RTM_NEWLINK, RTM_NEWROUTE,
};
use nlattr::header::NlMsgHdr;
use nlattr::{FieldPath, PolicyInfo, Segment};
use nlsock::transport::{ExtAckSpec, FakeKernel, Recording, Replayer, Transport};
use nlsock::{retry_interrupted, Error, Listener, Raw, Socket};
use sock_util::*;

const PORT: u32 = 0x5eed;
const GETLINK: u16 = RTM_GETLINK;

fn sock() -> (Socket<FakeKernel>,) {
    (Socket::with_transport(FakeKernel::new(PORT)),)
}

fn path(s: &str) -> FieldPath {
    let segs: Vec<Segment> =
        s.split('.').map(|f| Segment::Field(Box::leak(f.to_owned().into_boxed_str()))).collect();
    FieldPath::from_segments(&segs)
}

fn kernel(r: Result<impl std::fmt::Debug, Error>) -> Box<nlsock::KernelError> {
    match r {
        Err(Error::Kernel(k)) => k,
        other => panic!("expected a kernel error, got {other:?}"),
    }
}

/// A link message payload named `name`.
fn link_msg(name: &str) -> Vec<u8> {
    LinkSpec::named(name).bytes()
}

fn fake_with(f: impl FnOnce(&mut FakeKernel)) -> Socket<FakeKernel> {
    let mut fake = FakeKernel::new(PORT);
    f(&mut fake);
    Socket::with_transport(fake)
}

#[test]
fn do_reply_then_ack_in_a_later_datagram() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.message(RTM_NEWLINK, 0, &link_msg("eth0")).end_datagram();
            r.ack();
        });
    });
    let reply = s.request(GETLINK, 0, &Raw::new(&link_msg("eth0"))).unwrap();
    assert_eq!(reply.messages.len(), 1);
    assert_eq!(link_name(&reply.messages[0].message()).unwrap().1, "eth0");
    assert_eq!(reply.warning, None);
    assert_eq!(s.transport().queued(), 0, "the ACK was read");
    // The request went out with REQUEST|ACK, sequence 1, to the kernel.
    let sent = &s.transport().sent()[0];
    let h: NlMsgHdr = nlattr::header::read_header(sent, 0).unwrap();
    assert_eq!((h.ty, h.flags, h.seq), (GETLINK, NLM_F_REQUEST | nlattr::consts::NLM_F_ACK, 1));
}

#[test]
fn multi_part_do_ends_in_an_ack() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).multi(RTM_NEWLINK, &link_msg("b")).end_datagram();
            r.multi(RTM_NEWLINK, &link_msg("c")).done(0, &ExtAckSpec::default()).end_datagram();
            r.ack_warning("partial support");
        });
    });
    let reply = s.request(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    let names: Vec<String> = reply.messages.iter().map(|m| link_name(&m.message()).unwrap().1).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(reply.warning.as_deref(), Some("partial support"));
    assert_eq!(s.transport().queued(), 0);
}

fn bad_peer_request() -> Vec<u8> {
    let peer = LinkSpec { mtu: Some(9000), ..LinkSpec::named("peer0") };
    LinkSpec { kind: Some("veth"), peer: Some(Box::new(peer)), ..LinkSpec::named("veth0") }.bytes()
}

#[test]
fn capped_error_with_ext_ack_names_the_field() {
    let body = bad_peer_request();
    let mut s = fake_with(|k| {
        k.on_request(|req, r| {
            let mut whole = nlattr::zerocopy::IntoBytes::as_bytes(&req.header).to_vec();
            whole.extend_from_slice(req.payload);
            let offs = offset_of(
                &whole,
                16,
                &[(IFLA_LINKINFO, 0), (IFLA_INFO_DATA, 0), (VETH_INFO_PEER, 16), (IFLA_MTU, 0)],
            );
            r.error(
                libc::ERANGE,
                &ExtAckSpec {
                    message: Some("MTU too large".into()),
                    offset: offs,
                    cookie: Some(vec![1, 2, 3, 4]),
                    policy: Some(PolicyInfo { ty: Some(4), max_u: Some(1500), ..PolicyInfo::default() }),
                    ..ExtAckSpec::default()
                },
            );
        });
    });
    let k = kernel(s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&body, &LINK)));
    assert_eq!(k.errno, libc::ERANGE);
    assert_eq!(k.message.as_deref(), Some("MTU too large"));
    assert_eq!(k.path, Some(path("link_info.data.peer.mtu")));
    assert_eq!(k.attr_type, Some(IFLA_MTU));
    assert_eq!(k.cookie.as_deref(), Some(&[1u8, 2, 3, 4][..]));
    assert_eq!(k.policy.and_then(|p| p.max_u), Some(1500));
    assert!(!k.in_dump);
    let shown = k.to_string();
    assert!(
        shown.contains("ERANGE") && shown.contains("`link_info.data.peer.mtu`") && shown.contains("max 1500"),
        "{shown}"
    );
    // The reply was capped: only the header was echoed.
    assert_eq!(s.transport().queued(), 0);
}

#[test]
fn uncapped_error_echoes_the_request_and_still_maps() {
    let body = bad_peer_request();
    let mut s = fake_with(|k| {
        k.set_cap_ack(false);
        k.on_request(|req, r| {
            let mut whole = nlattr::zerocopy::IntoBytes::as_bytes(&req.header).to_vec();
            whole.extend_from_slice(req.payload);
            let offs = offset_of(&whole, 16, &[(IFLA_LINKINFO, 0), (IFLA_INFO_KIND, 0)]);
            r.error(
                libc::EOPNOTSUPP,
                &ExtAckSpec {
                    message: Some("Unknown device type".into()),
                    offset: offs,
                    ..ExtAckSpec::default()
                },
            );
        });
    });
    let k = kernel(s.request(RTM_NEWLINK, 0, &Raw::with_policy(&body, &LINK)));
    assert_eq!(k.errno, libc::EOPNOTSUPP);
    assert_eq!(k.path, Some(path("link_info.kind")));
    assert_eq!(k.message.as_deref(), Some("Unknown device type"));
}

#[test]
fn missing_attribute_is_named_at_top_level_and_in_a_nest() {
    let body = LinkSpec { kind: Some("veth"), ..LinkSpec::new() }.bytes();
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.error(
                libc::EINVAL,
                &ExtAckSpec { missing_type: Some(u32::from(IFLA_IFNAME)), ..ExtAckSpec::default() },
            );
        });
        k.on_request(|req, r| {
            let mut whole = nlattr::zerocopy::IntoBytes::as_bytes(&req.header).to_vec();
            whole.extend_from_slice(req.payload);
            let nest = offset_of(&whole, 16, &[(IFLA_LINKINFO, 0)]);
            r.error(
                libc::EINVAL,
                &ExtAckSpec {
                    missing_type: Some(u32::from(IFLA_INFO_DATA)),
                    missing_nest: nest,
                    ..ExtAckSpec::default()
                },
            );
        });
    });
    let k = kernel(s.request(RTM_NEWLINK, 0, &Raw::with_policy(&body, &LINK)));
    let m = k.missing.unwrap();
    assert_eq!((m.attr_type, m.nest_offset, m.path), (IFLA_IFNAME, None, Some(path("name"))));
    let k = kernel(s.request(RTM_NEWLINK, 0, &Raw::with_policy(&body, &LINK)));
    let m = k.missing.clone().unwrap();
    assert_eq!(m.path, Some(path("link_info.data")));
    assert!(k.to_string().contains("missing `link_info.data`"), "{k}");
}

#[test]
fn error_at_an_attribute_the_policy_does_not_know_gives_the_known_prefix() {
    // The peer carries type 42, which the table does not list; the kernel points at it.
    let peer = LinkSpec { extra: vec![(42, vec![1, 0, 0, 0])], ..LinkSpec::named("peer0") };
    let body =
        LinkSpec { kind: Some("veth"), peer: Some(Box::new(peer)), ..LinkSpec::named("veth0") }.bytes();
    let mut s = fake_with(|k| {
        k.on_request(|req, r| {
            let mut whole = nlattr::zerocopy::IntoBytes::as_bytes(&req.header).to_vec();
            whole.extend_from_slice(req.payload);
            let offs = offset_of(
                &whole,
                16,
                &[(IFLA_LINKINFO, 0), (IFLA_INFO_DATA, 0), (VETH_INFO_PEER, 16), (42, 0)],
            );
            r.error(
                libc::EINVAL,
                &ExtAckSpec {
                    message: Some("Unknown attribute".into()),
                    offset: offs,
                    ..ExtAckSpec::default()
                },
            );
        });
    });
    let k = kernel(s.request(RTM_NEWLINK, 0, &Raw::with_policy(&body, &LINK)));
    assert_eq!((k.attr_type, k.unknown_type), (Some(42), Some(42)));
    assert_eq!(k.path, Some(path("link_info.data.peer")));
    let shown = k.to_string();
    assert!(shown.ends_with("Unknown attribute (at `link_info.data.peer` → type 42)"), "{shown}");
}

#[test]
fn error_without_a_policy_still_gives_offset_and_type() {
    let body = bad_peer_request();
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.error(libc::EINVAL, &ExtAckSpec { offset: Some(16 + 16), ..ExtAckSpec::default() });
        });
    });
    let k = kernel(s.request(RTM_NEWLINK, 0, &Raw::new(&body)));
    assert_eq!((k.offset, k.attr_type, k.path), (Some(32), Some(IFLA_IFNAME), None));
}

#[test]
fn done_with_an_error_ends_the_dump_in_every_form() {
    let script = |k: &mut FakeKernel| {
        for _ in 0..3 {
            k.on_request(|_, r| {
                r.done(libc::EINVAL, &ExtAckSpec::message("Invalid values in header for link dump request"));
            });
        }
    };
    let mut s = fake_with(script);
    let check = |r: Result<_, Error>| {
        let k = kernel(r.map(|_: ()| ()));
        assert_eq!(k.errno, libc::EINVAL);
        assert!(k.in_dump);
        assert_eq!(k.message.as_deref(), Some("Invalid values in header for link dump request"));
    };
    check(s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())).map(|_| ()));
    check(s.dump_with(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())).map(|_| ()));
    let d = s.dump(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    check(d.collect::<Result<Vec<_>, _>>().map(|_| ()));
    assert!(!s.has_pending_dump());
}

#[test]
fn done_carrying_a_warning_reaches_the_caller() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.multi(RTM_NEWLINK, &link_msg("a"))
                .done(0, &ExtAckSpec::message("not all devices support this"));
        });
    });
    let end = s.dump_with(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())).unwrap();
    assert_eq!(end.messages, 1);
    assert_eq!(end.warning.as_deref(), Some("not all devices support this"));
}

fn three_datagram_dump(r: &mut nlsock::transport::Replies<'_>, intr_at: Option<usize>) {
    for i in 0..9usize {
        let flags = NLM_F_MULTI | if intr_at == Some(i) { NLM_F_DUMP_INTR } else { 0 };
        r.message(RTM_NEWLINK, flags, &link_msg(&format!("l{i}")));
        if i % 3 == 2 {
            r.end_datagram();
        }
    }
    r.done(0, &ExtAckSpec::default());
}

#[test]
fn dump_split_across_datagrams_in_three_forms() {
    let mut s = fake_with(|k| {
        for _ in 0..3 {
            k.on_request(|_, r| three_datagram_dump(r, None));
        }
    });
    let names = s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |m| Ok(link_name(&m).unwrap().1)).unwrap();
    assert_eq!(names, (0..9).map(|i| format!("l{i}")).collect::<Vec<_>>());
    let owned: Vec<_> = s.dump(GETLINK, 0, &Raw::new(&[0; 16])).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(owned.len(), 9);
    assert!(owned.iter().all(|m| m.header().flags & NLM_F_MULTI != 0 && m.header().seq == 2));
    let mut seen = 0;
    let end = s
        .dump_with(GETLINK, 0, &Raw::new(&[0; 16]), |m| {
            assert_eq!(m.ty(), RTM_NEWLINK);
            seen += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!((seen, end.messages), (9, 9));
}

#[test]
fn unaligned_last_message_is_read() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.message(RTM_NEWLINK, 0, &link_msg("x")).end_datagram();
            // An ACK, then a final message of 17 bytes, unpadded, in one datagram: the
            // socket must stop at the ACK, so put the odd message first.
            r.message(0x30, 0, &[7]).ack();
        });
        k.on_request(|_, r| {
            r.message(0x30, 0, &[7, 7, 7]).end_datagram();
            r.ack();
        });
        k.on_request(|_, r| {
            r.ack().message(0x31, 0, &[9]);
        });
    });
    let reply = s.request(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    assert_eq!(reply.messages.len(), 2);
    assert_eq!(reply.messages[1].payload(), &[7]);
    // An unaligned message last in its datagram.
    let reply = s.request(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    assert_eq!(reply.messages[0].as_bytes().len(), 19);
    assert_eq!(reply.messages[0].payload(), &[7, 7, 7]);
    // A trailing unaligned message after the ACK does not disturb it.
    assert!(s.request(GETLINK, 0, &Raw::new(&[0; 16])).unwrap().messages.is_empty());
}

#[test]
fn enobufs_is_an_overrun_and_the_socket_recovers() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.recv_error(libc::ENOBUFS);
        });
        k.on_request(|_, r| {
            r.ack();
        });
    });
    assert!(matches!(s.request(RTM_NEWROUTE, 0, &Raw::new(&[0; 12])), Err(Error::Overrun)));
    s.request(RTM_NEWROUTE, 0, &Raw::new(&[0; 12])).unwrap();
}

#[test]
fn listener_overrun_then_keeps_receiving() {
    let mut fake = FakeKernel::new(PORT);
    let note = |name: &str| {
        let mut buf = Vec::new();
        let mut w = nlattr::Writer::new(&mut buf);
        let m = w.begin_message(RTM_NEWLINK, 0, 0, 0).unwrap();
        LinkSpec::named(name).write(&mut w).unwrap();
        w.end_message(m).unwrap();
        buf
    };
    fake.push_datagram(0, note("a"))
        .push_error(libc::ENOBUFS)
        .push_datagram(4321, note("forged"))
        .push_datagram(0, note("b"));
    let mut l = Listener::with_transport(fake);
    let first = l.recv().unwrap();
    assert_eq!(link_name(&first[0].message()).unwrap().1, "a");
    assert!(matches!(l.recv(), Err(Error::Overrun)));
    let next = l.recv().unwrap();
    assert_eq!(link_name(&next[0].message()).unwrap().1, "b");
    assert_eq!(l.skipped(), 1, "the datagram from port 4321 was skipped");
    assert!(matches!(l.recv(), Err(Error::Timeout)));
}

#[test]
fn ebusy_from_a_dump_still_running_is_a_typed_kernel_error() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| three_datagram_dump(r, None));
        k.on_request(|_, r| three_datagram_dump(r, None));
    });
    // Start a dump behind the socket's back (as another library on the same descriptor
    // would), so that nothing drains it.
    let mut raw = Vec::new();
    let mut w = nlattr::Writer::new(&mut raw);
    let m = w.begin_message(GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 77, 0).unwrap();
    w.put(&[0; 16]).unwrap();
    w.end_message(m).unwrap();
    s.transport_mut().send(&raw).unwrap();
    let k = kernel(s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())));
    assert_eq!(k.errno, libc::EBUSY);
    assert!(s.skipped() >= 9, "the other dump's messages were skipped, not taken");
}

#[test]
fn a_dump_dropped_half_way_is_drained_so_the_next_dump_works() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| three_datagram_dump(r, None));
        k.on_request(|_, r| three_datagram_dump(r, None));
    });
    {
        let mut d = s.dump(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
        let first = d.next_message().unwrap().unwrap();
        assert_eq!(link_name(&first).unwrap().1, "l0");
    }
    assert!(!s.has_pending_dump());
    assert_eq!(s.transport().queued(), 0, "drained on drop");
    let n = s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())).unwrap().len();
    assert_eq!(n, 9);
}

#[test]
fn dump_interrupted_is_reported_after_the_whole_dump() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| three_datagram_dump(r, Some(4)));
    });
    let mut d = s.dump(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    let mut ok = 0;
    let mut errs = Vec::new();
    for item in d.by_ref() {
        match item {
            Ok(_) => ok += 1,
            Err(e) => errs.push(e),
        }
    }
    assert!(d.is_interrupted());
    drop(d);
    assert_eq!(ok, 9);
    assert!(matches!(errs.as_slice(), [Error::DumpInterrupted]));
    assert_eq!(s.transport().queued(), 0);
}

#[test]
fn dump_interrupted_on_done_and_the_retry_helper() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).done_flags(0, &ExtAckSpec::default(), NLM_F_DUMP_INTR);
        });
        k.on_request(|_, r| three_datagram_dump(r, Some(0)));
        k.on_request(|_, r| three_datagram_dump(r, None));
        k.on_request(|_, r| three_datagram_dump(r, Some(8)));
    });
    let mut attempts = 0;
    let names = retry_interrupted(3, || {
        attempts += 1;
        s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |m| Ok(link_name(&m).unwrap().1))
    })
    .unwrap();
    assert_eq!((attempts, names.len()), (3, 9));
    // The bound holds: one attempt left, interrupted again.
    let r = retry_interrupted(1, || s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())));
    assert!(matches!(r, Err(Error::DumpInterrupted)));
}

#[test]
fn truncation_is_reported_without_peeking_and_grown_with_it() {
    let big = vec![0xabu8; 100_000];
    let mut s = fake_with(|k| {
        let b1 = big.clone();
        k.on_request(move |_, r| {
            r.message(0x30, 0, &b1).ack();
        });
        let b2 = big.clone();
        k.on_request(move |_, r| {
            r.message(0x30, 0, &b2).ack();
        });
        k.on_request(move |_, r| {
            r.message(0x30, 0, &big).ack();
        });
    });
    s.set_peek(false);
    match s.request(GETLINK, 0, &Raw::new(&[])) {
        Err(Error::Truncated { len, buffer }) => {
            assert_eq!((len, buffer), (16 + 100_000 + 36, nlsock::MIN_RECV_BUFFER))
        }
        other => panic!("{other:?}"),
    }
    // The buffer grew: the same answer now fits even without peeking.
    assert!(s.recv_buffer_len() >= 100_052);
    assert_eq!(s.request(GETLINK, 0, &Raw::new(&[])).unwrap().messages[0].payload().len(), 100_000);
    // With peeking (the default) a fresh socket grows before reading and loses nothing.
    s.set_peek(true);
    s.set_recv_buffer_len(0);
    assert_eq!(s.recv_buffer_len(), nlsock::MIN_RECV_BUFFER);
    assert_eq!(s.request(GETLINK, 0, &Raw::new(&[])).unwrap().messages[0].payload().len(), 100_000);
}

#[test]
fn wrong_sequence_port_or_sender_is_skipped_not_taken() {
    let mut s = fake_with(|k| {
        k.on_request(|req, r| {
            let seq = req.seq();
            // Forged by another socket: right seq and port, wrong sender address.
            r.from_sender(999).message(NLMSG_ERROR, 0, &[0; 20]).end_datagram();
            r.from_sender(0);
            // From the kernel but for another request or another socket.
            r.message_with_header(
                NlMsgHdr { len: 0, ty: RTM_NEWLINK, flags: 0, seq: seq + 1, pid: PORT },
                &link_msg("wrong-seq"),
            );
            r.message_with_header(
                NlMsgHdr { len: 0, ty: RTM_NEWLINK, flags: 0, seq, pid: PORT + 1 },
                &link_msg("wrong-port"),
            );
            r.message_with_header(
                NlMsgHdr { len: 0, ty: RTM_NEWLINK, flags: 0, seq: 0, pid: 0 },
                &link_msg("notification"),
            );
            r.message(RTM_NEWLINK, 0, &link_msg("right")).ack();
        });
    });
    let reply = s.request(GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    assert_eq!(reply.messages.len(), 1);
    assert_eq!(link_name(&reply.messages[0].message()).unwrap().1, "right");
    assert_eq!(s.skipped(), 4);
}

#[test]
fn only_a_forged_reply_ends_in_timeout() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.from_sender(999).ack();
        });
    });
    assert!(matches!(s.request(GETLINK, 0, &Raw::new(&[0; 16])), Err(Error::Timeout)));
    assert_eq!(s.skipped(), 1);
}

#[test]
fn a_request_nobody_answers_times_out() {
    let (mut s,) = sock();
    assert!(matches!(s.request(GETLINK, 0, &Raw::new(&[0; 16])), Err(Error::Timeout)));
    // A dump too, and it stays pending until it can be drained.
    let r = s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(()));
    assert!(matches!(r, Err(Error::Timeout)));
    assert!(s.has_pending_dump());
}

#[test]
fn malformed_replies_are_errors_not_guesses() {
    let mut s = fake_with(|k| {
        // A message length below the header.
        k.on_request(|req, r| {
            let mut h = [0u8; 16];
            h[0..4].copy_from_slice(&8u32.to_ne_bytes());
            h[8..12].copy_from_slice(&req.seq().to_ne_bytes());
            r.raw(&h);
        });
        // A length past the end of the datagram.
        k.on_request(|req, r| {
            let mut h = [0u8; 20];
            h[0..4].copy_from_slice(&400u32.to_ne_bytes());
            h[4..6].copy_from_slice(&RTM_NEWLINK.to_ne_bytes());
            h[8..12].copy_from_slice(&req.seq().to_ne_bytes());
            r.raw(&h);
        });
        // An ERROR too short for its errno and header.
        k.on_request(|_, r| {
            r.message(NLMSG_ERROR, 0, &[0xff, 0xff]);
        });
        // A DONE whose extended-ACK attribute overruns.
        k.on_request(|_, r| {
            let mut body = 0i32.to_ne_bytes().to_vec();
            body.extend_from_slice(&[40, 0, 1, 0, b'x']);
            r.message(NLMSG_DONE, NLM_F_MULTI | nlattr::consts::NLM_F_ACK_TLVS, &body);
        });
    });
    for _ in 0..3 {
        let r = s.request(GETLINK, 0, &Raw::new(&[0; 16]));
        assert!(matches!(r, Err(Error::Malformed(_))), "{r:?}");
    }
    let r = s.dump_map(GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(()));
    assert!(matches!(r, Err(Error::Malformed(_))), "{r:?}");
}

#[test]
fn a_reply_that_does_not_decode_is_malformed() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.multi(RTM_NEWLINK, &[1, 2, 3, 4])
                .multi(RTM_NEWLINK, &[1, 2, 3])
                .done(0, &ExtAckSpec::default());
        });
        k.on_request(|_, r| {
            r.multi(RTM_NEWLINK, &[5, 0, 0, 0]).done(0, &ExtAckSpec::default());
        });
    });
    // The second message's payload is 3 bytes, not a u32: the error points at it (offsets
    // count from the start of the datagram: 20 bytes of first message, then its 16-byte
    // header), and the rest of the dump is drained.
    match s.dump_decode::<_, u32>(GETLINK, 0, &Raw::new(&[0; 16])) {
        Err(Error::Malformed(e)) => {
            assert_eq!(e.offset, 36);
            assert_eq!(e.kind, nlattr::DecodeErrorKind::BadLength { expected: 4, found: 3 });
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.dump_decode::<_, u32>(GETLINK, 0, &Raw::new(&[0; 16])).unwrap(), [5]);
}

fn corpus(name: &str, file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/corpus/{name}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn nlctrl_fake() -> FakeKernel {
    let mut fake = FakeKernel::new(PORT);
    let reply = corpus("genl_ctrl_getfamily_nlctrl", "reply-000.bin");
    let ack = corpus("genl_ctrl_getfamily_nlctrl", "reply-001.bin");
    fake.on_request(move |req, r| {
        assert_eq!(req.ty(), nlattr::consts::GENL_ID_CTRL);
        r.raw(&retarget(&reply, req.seq(), PORT)).end_datagram();
        r.raw(&retarget(&ack, req.seq(), PORT));
    });
    fake
}

#[test]
fn genl_family_resolved_from_a_real_capture_and_cached() {
    let mut s = Socket::with_transport(nlctrl_fake());
    let f = s.resolve_family("nlctrl").unwrap().clone();
    assert_eq!((f.id, f.name.as_str()), (0x10, "nlctrl"));
    assert!(f.op(u32::from(nlattr::consts::CTRL_CMD_GETFAMILY)).is_some());
    assert_eq!(f.group("notify"), Some(0x10));
    // Cached: nothing more is sent.
    s.resolve_family("nlctrl").unwrap();
    assert_eq!(s.transport().sent().len(), 1);
}

#[test]
fn genl_enoent_invalidates_the_cached_family() {
    let mut fake = nlctrl_fake();
    fake.on_request(|_, r| {
        r.error(libc::ENOENT, &ExtAckSpec::default());
    });
    let mut s = Socket::with_transport(fake);
    s.resolve_family("nlctrl").unwrap();
    let k = kernel(s.genl_request("nlctrl", 0, &Raw::new(&genl_name(3, "gone"))));
    assert_eq!(k.errno, libc::ENOENT);
    assert!(s.cached_family("nlctrl").is_none(), "ENOENT dropped the entry");
}

#[test]
fn unknown_family_is_enoent_and_not_cached() {
    let mut fake = FakeKernel::new(PORT);
    let reply = corpus("err_genl_getfamily_unknown", "reply-000.bin");
    fake.on_request(move |req, r| {
        r.raw(&retarget(&reply, req.seq(), PORT));
    });
    let mut s = Socket::with_transport(fake);
    let k = kernel(s.resolve_family("nosuchfamily"));
    assert_eq!((k.errno, k.message.clone()), (libc::ENOENT, None));
    assert!(s.cached_family("nosuchfamily").is_none());
}

#[test]
fn policy_dump_from_a_real_capture() {
    let mut fake = FakeKernel::new(PORT);
    let d0 = corpus("genl_ctrl_getpolicy_nlctrl_dump", "reply-000.bin");
    let d1 = corpus("genl_ctrl_getpolicy_nlctrl_dump", "reply-001.bin");
    fake.on_request(move |req, r| {
        assert_eq!(req.flags() & NLM_F_DUMP, NLM_F_DUMP);
        r.raw(&retarget(&d0, req.seq(), PORT)).end_datagram();
        r.raw(&retarget(&d1, req.seq(), PORT));
    });
    let mut s = Socket::with_transport(fake);
    let p = s.family_policy("nlctrl").unwrap();
    assert!(!p.ops.is_empty());
    let getfamily = p.ops.iter().find(|o| o.cmd == 3).expect("GETFAMILY has a policy");
    let idx = getfamily.do_policy.expect("do policy");
    // CTRL_ATTR_FAMILY_NAME is a string of at most GENL_NAMSIZ - 1 bytes.
    let name = p.get(idx, nlattr::consts::CTRL_ATTR_FAMILY_NAME).expect("family name entry");
    assert_eq!(name.type_name(), Some("nul-string").or(name.type_name()));
    assert!(name.max_len.is_some(), "{name:?}");
}

#[test]
fn captured_kernel_error_maps_through_a_policy() {
    // The real capped EINVAL for a bad prefix length, replayed against our own request.
    let reply = corpus("err_newaddr_bad_prefixlen_capped", "reply-000.bin");
    let mut fake = FakeKernel::new(PORT);
    fake.on_request(move |req, r| {
        r.raw(&retarget(&reply, req.seq(), PORT));
    });
    let mut s = Socket::with_transport(fake);
    let body = addr(2, "10.9.9.9".parse().unwrap(), 40);
    let k = kernel(s.request(nlattr::consts::RTM_NEWADDR, 0, &Raw::with_policy(&body, &ADDR)));
    assert_eq!(k.errno, libc::EINVAL);
    assert_eq!(k.message.as_deref(), Some("ipv4: Invalid prefix length"));
}

#[test]
fn committed_recordings_replay_through_the_socket() {
    let dir = format!("{}/tests/fixtures/recorded", env!("CARGO_MANIFEST_DIR"));
    // nlctrl resolved by a `do`: reply, then the ACK in its own datagram.
    let rec = Recording::load(format!("{dir}/genl_resolve_nlctrl.nlrec")).unwrap();
    assert_eq!(rec.protocol, nlattr::consts::NETLINK_GENERIC);
    let mut s = Socket::with_transport(Replayer::new(rec));
    let f = s.resolve_family("nlctrl").unwrap();
    assert_eq!((f.id, f.name.as_str()), (0x10, "nlctrl"));
    assert_eq!(s.transport().remaining(), 0);

    // A link dump in a namespace holding lo, a bridge and a veth pair.
    let mut s = Socket::with_transport(Replayer::load(format!("{dir}/rtm_getlink_dump.nlrec")).unwrap());
    let mut names = s
        .dump_map(GETLINK, 0, &Raw::with_policy(&family_header(16, 0), &LINK), |m| {
            Ok(link_name(&m).unwrap().1)
        })
        .unwrap();
    names.sort();
    assert_eq!(names, ["br0", "lo", "rec0", "rec1"]);

    // A veth whose peer fails policy: the kernel's message and the Rust path.
    let mut s = Socket::with_transport(Replayer::load(format!("{dir}/err_veth_peer_policy.nlrec")).unwrap());
    let body = sock_util::bad_peer_name_request();
    let k = kernel(s.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &Raw::with_policy(&body, &LINK)));
    assert_eq!(k.errno, libc::ERANGE);
    assert_eq!(k.path, Some(path("link_info.data.peer.name")));
    assert_eq!(k.message.as_deref(), Some("Attribute failed policy validation"));
    assert_eq!(k.policy.and_then(|p| p.max_len), Some(15));
}

#[test]
fn replay_refuses_a_different_request() {
    let dir = format!("{}/tests/fixtures/recorded", env!("CARGO_MANIFEST_DIR"));
    let mut s = Socket::with_transport(Replayer::load(format!("{dir}/genl_resolve_nlctrl.nlrec")).unwrap());
    match s.resolve_family("nlctrX") {
        Err(Error::Io(e)) => assert!(e.to_string().contains("differs from the recording"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn recording_format_round_trips() {
    use nlsock::transport::record::RecordedEvent;
    let rec = Recording {
        port: 77,
        protocol: 0,
        events: vec![
            RecordedEvent::Sent(vec![1, 2, 3]),
            RecordedEvent::Received { sender: 0, len: 10, bytes: vec![4; 4] },
            RecordedEvent::Error(libc::ENOBUFS),
        ],
    };
    let bytes = rec.to_bytes();
    assert_eq!(&bytes[..8], b"NLSOCK01");
    assert_eq!(Recording::from_bytes(&bytes).unwrap(), rec);
    assert!(Recording::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    assert!(Recording::from_bytes(b"garbage!").is_err());
}

#[test]
fn a_derived_value_failing_its_checks_is_never_sent() {
    let mut s = fake_with(|k| {
        k.on_request(|_, r| {
            r.ack();
        });
    });
    let bad = DLink { name: Some("a-name-longer-than-ifnamsiz"), ..Default::default() };
    match s.request(RTM_NEWLINK, 0, &bad) {
        Err(Error::Encode(nlattr::EncodeError::Invalid { path: p, .. })) => {
            assert_eq!(p.to_string(), "name")
        }
        other => panic!("{other:?}"),
    }
    assert!(s.transport().sent().is_empty());
    // A valid one goes out as the derive encodes it.
    let good = DLink { name: Some("eth0"), mtu: Some(1500), ..Default::default() };
    s.request(RTM_NEWLINK, 0, &good).unwrap();
    let sent = &s.transport().sent()[0];
    let expected =
        nlattr::AttrSet::to_message_vec(&good, RTM_NEWLINK, NLM_F_REQUEST | nlattr::consts::NLM_F_ACK, 1, 0)
            .unwrap();
    assert_eq!(sent, &expected);
}

#[test]
fn debug_output_stays_short() {
    let (s,) = sock();
    let shown = format!("{s:?}");
    assert!(shown.len() < 1000, "{} bytes", shown.len());
    assert!(shown.contains("capacity: 32768"), "{shown}");
}

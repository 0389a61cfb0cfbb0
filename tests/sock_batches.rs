//! `Socket::dump_batches` and `Dump::next_batch`, the datagram-at-a-time form of a dump,
//! against the message-at-a-time form on every fake-kernel dump scenario: the same
//! messages in the same order, the same end (count, warning) or the same error, and the
//! socket left in the same state. No socket, no privilege.

mod sock_util;

use nlattr::consts::{
    NLMSG_DONE, NLMSG_NOOP, NLM_F_ACK_TLVS, NLM_F_DUMP_INTR, NLM_F_MULTI, RTM_GETLINK, RTM_NEWLINK,
};
use nlattr::families::route::link::Link;
use nlattr::header::NlMsgHdr;
use nlattr::{AttrSet, DecodeInPlace};
use nlsock::transport::{ExtAckSpec, FakeKernel, Replies};
use nlsock::{DumpEnd, Error, Raw, Socket};
use sock_util::*;

const PORT: u32 = 0x5eed;

fn link_msg(name: &str) -> Vec<u8> {
    LinkSpec::named(name).bytes()
}

/// Nine links in datagrams of `per` messages, `NLM_F_DUMP_INTR` on message `intr_at`, then
/// `NLMSG_DONE` (in the last datagram).
fn links(r: &mut Replies<'_>, per: usize, intr_at: Option<usize>) {
    for i in 0..9usize {
        let flags = NLM_F_MULTI | if intr_at == Some(i) { NLM_F_DUMP_INTR } else { 0 };
        r.message(RTM_NEWLINK, flags, &link_msg(&format!("l{i}")));
        if i % per == per - 1 {
            r.end_datagram();
        }
    }
    r.done(0, &ExtAckSpec::default());
}

/// The kernel's side of one dump.
type Script = fn(&mut Replies<'_>);

/// The dump scenarios, each a script for one request.
fn scenarios() -> Vec<(&'static str, Script)> {
    vec![
        ("one datagram", |r| links(r, 9, None)),
        ("three datagrams", |r| links(r, 3, None)),
        ("a datagram each", |r| links(r, 1, None)),
        ("interrupted in the middle", |r| links(r, 3, Some(4))),
        ("interrupted on the last message", |r| links(r, 3, Some(8))),
        ("interrupted on DONE", |r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).end_datagram();
            r.done_flags(0, &ExtAckSpec::default(), NLM_F_DUMP_INTR);
        }),
        ("empty", |r| {
            r.done(0, &ExtAckSpec::default());
        }),
        ("DONE with a warning", |r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).done(0, &ExtAckSpec::message("partial"));
        }),
        ("DONE with an error after data", |r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).end_datagram();
            r.multi(RTM_NEWLINK, &link_msg("b"));
            r.done(libc::EINVAL, &ExtAckSpec::message("Invalid values in header for link dump request"));
        }),
        ("NOOP and other exchanges' messages in between", |r| {
            let seq = r.request().header.seq;
            r.multi(RTM_NEWLINK, &link_msg("a"));
            r.message(NLMSG_NOOP, 0, &[]);
            r.message_with_header(
                NlMsgHdr { len: 0, ty: RTM_NEWLINK, flags: 0, seq: seq + 1, pid: PORT },
                &link_msg("wrong-seq"),
            );
            r.message_with_header(
                NlMsgHdr { len: 0, ty: RTM_NEWLINK, flags: 0, seq: 0, pid: 0 },
                &link_msg("notification"),
            );
            r.end_datagram();
            r.message_with_header(
                NlMsgHdr { len: 0, ty: RTM_NEWLINK, flags: 0, seq, pid: PORT + 1 },
                &link_msg("wrong-port"),
            );
            r.end_datagram();
            r.multi(RTM_NEWLINK, &link_msg("b")).done(0, &ExtAckSpec::default());
        }),
        ("a malformed message after data", |r| {
            let seq = r.request().header.seq;
            r.multi(RTM_NEWLINK, &link_msg("a"));
            let mut h = [0u8; 20];
            h[0..4].copy_from_slice(&400u32.to_ne_bytes());
            h[4..6].copy_from_slice(&RTM_NEWLINK.to_ne_bytes());
            h[8..12].copy_from_slice(&seq.to_ne_bytes());
            r.raw(&h);
        }),
        ("a DONE whose extended ACK overruns", |r| {
            r.multi(RTM_NEWLINK, &link_msg("a"));
            let mut body = 0i32.to_ne_bytes().to_vec();
            body.extend_from_slice(&[40, 0, 1, 0, b'x']);
            r.message(NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, &body);
        }),
        ("ENOBUFS after a datagram", |r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).end_datagram();
            r.recv_error(libc::ENOBUFS);
        }),
        ("no DONE (timeout)", |r| {
            r.multi(RTM_NEWLINK, &link_msg("a")).end_datagram();
        }),
    ]
}

/// What a dump gave: the messages' bytes in order, then its end or error (as text: `Error`
/// has no `PartialEq`), and whether the socket still waits for the dump's end.
#[derive(Debug, PartialEq)]
struct Outcome {
    messages: Vec<Vec<u8>>,
    end: Result<(usize, Option<String>), String>,
    pending: bool,
    skipped: u64,
}

fn socket(script: Script) -> Socket<FakeKernel> {
    let mut k = FakeKernel::new(PORT);
    k.on_request(move |_, r| script(r));
    Socket::with_transport(k)
}

fn bytes(m: &nlattr::Message<'_>) -> Vec<u8> {
    let mut v = zerocopy::IntoBytes::as_bytes(&m.header).to_vec();
    v.extend_from_slice(m.payload);
    v
}

fn by_message(script: Script) -> Outcome {
    let mut s = socket(script);
    let mut messages = Vec::new();
    let end = s.dump_with(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |m| {
        messages.push(bytes(&m));
        Ok(())
    });
    Outcome {
        messages,
        end: end.map(|e| (e.messages, e.warning)).map_err(|e| format!("{e:?}")),
        pending: s.has_pending_dump(),
        skipped: s.skipped(),
    }
}

fn by_datagram(script: Script) -> (Outcome, usize) {
    let mut s = socket(script);
    let mut messages = Vec::new();
    let mut batches = 0;
    let end = s.dump_batches(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |batch| {
        batches += 1;
        messages.extend(batch.map(|m| bytes(&m)));
        Ok(())
    });
    let o = Outcome {
        messages,
        end: end.map(|e| (e.messages, e.warning)).map_err(|e| format!("{e:?}")),
        pending: s.has_pending_dump(),
        skipped: s.skipped(),
    };
    (o, batches)
}

#[test]
fn every_scenario_gives_what_the_message_form_gives() {
    for (name, script) in scenarios() {
        let want = by_message(script);
        let (got, _) = by_datagram(script);
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn the_outcomes_compared_are_the_expected_ones() {
    // The comparison above is only as good as the scenarios: pin a few of them.
    let s: Vec<_> = scenarios().into_iter().map(|(n, f)| (n, by_datagram(f))).collect();
    let get = |n: &str| &s.iter().find(|x| x.0 == n).unwrap().1;
    // `links` ends its last datagram of data, so `NLMSG_DONE` comes in one more: a batch
    // that yields nothing.
    let (o, batches) = get("three datagrams");
    assert_eq!((o.messages.len(), &o.end, *batches), (9, &Ok((9, None)), 4));
    let (o, batches) = get("a datagram each");
    assert_eq!((o.messages.len(), *batches), (9, 10));
    let (o, batches) = get("one datagram");
    assert_eq!((o.messages.len(), *batches), (9, 2));
    let (o, _) = get("interrupted in the middle");
    assert_eq!(o.messages.len(), 9, "every message is delivered before the interruption is");
    assert_eq!(o.end, Err("DumpInterrupted".into()));
    let (o, _) = get("DONE with a warning");
    assert_eq!(o.end, Ok((1, Some("partial".into()))));
    let (o, _) = get("DONE with an error after data");
    assert_eq!(o.messages.len(), 2);
    assert!(o.end.as_ref().unwrap_err().contains("EINVAL") || o.end.as_ref().unwrap_err().contains("22"));
    let (o, _) = get("NOOP and other exchanges' messages in between");
    assert_eq!((o.messages.len(), o.skipped), (2, 3));
    let (o, _) = get("a malformed message after data");
    assert_eq!(o.messages.len(), 1);
    assert!(o.end.as_ref().unwrap_err().starts_with("Malformed"), "{:?}", o.end);
    let (o, _) = get("ENOBUFS after a datagram");
    assert_eq!((o.messages.len(), &o.end), (1, &Err("Overrun".into())));
    let (o, _) = get("no DONE (timeout)");
    assert_eq!((&o.end, o.pending), (&Err("Timeout".into()), true));
}

#[test]
fn a_batch_left_half_read_is_taken_up_by_the_next_call() {
    let mut s = socket(|r| links(r, 9, None));
    let mut d = s.dump(RTM_GETLINK, 0, &Raw::new(&[0; 16])).unwrap();
    let mut names = Vec::new();
    while let Some(b) = d.next_batch() {
        // Two messages a call out of a nine-message datagram.
        for m in b.unwrap().take(2) {
            names.push(link_name(&m).unwrap().1);
        }
    }
    assert_eq!(d.delivered(), 9);
    drop(d);
    assert_eq!(names, (0..9).map(|i| format!("l{i}")).collect::<Vec<_>>());
    assert!(!s.has_pending_dump());
}

#[test]
fn an_error_from_the_closure_drains_the_dump() {
    let mut k = FakeKernel::new(PORT);
    k.on_request(|_, r| links(r, 3, None));
    k.on_request(|_, r| links(r, 3, None));
    let mut s = Socket::with_transport(k);
    let r = s.dump_batches(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |_| Err(Error::Timeout));
    assert!(matches!(r, Err(Error::Timeout)));
    let n = s.dump_map(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |_| Ok(())).unwrap().len();
    assert_eq!(n, 9, "the next dump reads only its own messages");
}

#[test]
fn one_borrowed_value_decodes_every_message_of_a_datagram_in_place() {
    let mut s = socket(|r| links(r, 3, None));
    let mut names = Vec::new();
    s.dump_batches(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |batch| {
        let mut link = Link::default();
        for m in batch {
            link.decode_message_in_place(&m)?;
            let fresh = Link::decode_message(&m)?;
            assert_eq!(link, fresh);
            names.push(link.ifname.map(str::to_owned));
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(names.len(), 9);
    assert_eq!(names[4].as_deref(), Some("l4"));
}

mod arbitrary {
    //! Arbitrary reply datagrams (data for this dump and for others, `NLMSG_NOOP`, `DONE`
    //! and `ERROR` with and without an error, `OVERRUN`, `NLM_F_DUMP_INTR`, garbage) through
    //! both forms: the same outcome every time.

    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Msg {
        Data { ty: u16, intr: bool, seq_ok: bool, port_ok: bool, payload: Vec<u8> },
        Noop,
        Done { errno: i32, intr: bool },
        Error { errno: i32 },
        Overrun,
        Garbage(Vec<u8>),
    }

    fn msg() -> impl Strategy<Value = Msg> {
        prop_oneof![
            6 => (prop_oneof![Just(RTM_NEWLINK), Just(0x30u16), 0u16..0x20], any::<bool>(), prop::bool::weighted(0.9),
                prop::bool::weighted(0.9), prop::collection::vec(any::<u8>(), 0..24))
                .prop_map(|(ty, intr, seq_ok, port_ok, payload)| Msg::Data { ty, intr, seq_ok, port_ok, payload }),
            1 => Just(Msg::Noop),
            1 => (prop_oneof![Just(0), Just(-libc::EINVAL)], any::<bool>()).prop_map(|(errno, intr)| Msg::Done { errno, intr }),
            1 => prop_oneof![Just(0), Just(-libc::EPERM)].prop_map(|errno| Msg::Error { errno }),
            1 => Just(Msg::Overrun),
            1 => prop::collection::vec(any::<u8>(), 1..40).prop_map(Msg::Garbage),
        ]
    }

    fn push(out: &mut Vec<u8>, ty: u16, flags: u16, seq: u32, pid: u32, payload: &[u8]) {
        let len = u32::try_from(16 + payload.len()).unwrap();
        out.extend_from_slice(&len.to_ne_bytes());
        out.extend_from_slice(&ty.to_ne_bytes());
        out.extend_from_slice(&flags.to_ne_bytes());
        out.extend_from_slice(&seq.to_ne_bytes());
        out.extend_from_slice(&pid.to_ne_bytes());
        out.extend_from_slice(payload);
        out.resize(out.len().next_multiple_of(4), 0);
    }

    /// The bytes of one datagram answering request `seq` of a socket at `PORT`.
    fn datagram(msgs: &[Msg], seq: u32) -> Vec<u8> {
        let mut out = Vec::new();
        for m in msgs {
            match m {
                Msg::Data { ty, intr, seq_ok, port_ok, payload } => {
                    let flags = NLM_F_MULTI | if *intr { NLM_F_DUMP_INTR } else { 0 };
                    let (s, p) =
                        (if *seq_ok { seq } else { seq + 7 }, if *port_ok { PORT } else { PORT + 1 });
                    push(&mut out, *ty, flags, s, p, payload);
                }
                Msg::Noop => push(&mut out, NLMSG_NOOP, 0, seq, PORT, &[]),
                Msg::Done { errno, intr } => {
                    let flags = NLM_F_MULTI | if *intr { NLM_F_DUMP_INTR } else { 0 };
                    push(&mut out, NLMSG_DONE, flags, seq, PORT, &errno.to_ne_bytes());
                }
                Msg::Error { errno } => {
                    let mut body = errno.to_ne_bytes().to_vec();
                    body.extend_from_slice(&[0; 16]);
                    push(&mut out, nlattr::consts::NLMSG_ERROR, 0, seq, PORT, &body);
                }
                Msg::Overrun => push(&mut out, nlattr::consts::NLMSG_OVERRUN, 0, seq, PORT, &[]),
                Msg::Garbage(b) => out.extend_from_slice(b),
            }
        }
        out
    }

    fn socket_for(dgrams: &[Vec<Msg>]) -> Socket<FakeKernel> {
        let dgrams = dgrams.to_vec();
        let mut k = FakeKernel::new(PORT);
        k.on_request(move |req, r| {
            for d in &dgrams {
                r.raw(&datagram(d, req.header.seq)).end_datagram();
            }
        });
        Socket::with_transport(k)
    }

    fn outcome(s: &Socket<FakeKernel>, messages: Vec<Vec<u8>>, end: Result<DumpEnd, Error>) -> Outcome {
        Outcome {
            messages,
            end: end.map(|e| (e.messages, e.warning)).map_err(|e| format!("{e:?}")),
            pending: s.has_pending_dump(),
            skipped: s.skipped(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn both_forms_agree_on_arbitrary_replies(
            dgrams in prop::collection::vec(prop::collection::vec(msg(), 0..5), 1..5)
        ) {
            let mut s = socket_for(&dgrams);
            let mut want = Vec::new();
            let end = s.dump_with(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |m| {
                want.push(bytes(&m));
                Ok(())
            });
            let want = outcome(&s, want, end);

            let mut s = socket_for(&dgrams);
            let mut got = Vec::new();
            let end = s.dump_batches(RTM_GETLINK, 0, &Raw::new(&[0; 16]), |batch| {
                got.extend(batch.map(|m| bytes(&m)));
                Ok(())
            });
            let got = outcome(&s, got, end);
            prop_assert_eq!(got, want);
        }
    }
}

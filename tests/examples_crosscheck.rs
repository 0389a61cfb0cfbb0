//! The examples checked against iproute2 on the same namespace.
//!
//! Each test creates its own network namespace (`ip netns add nlx-<pid>-<n>`), deleted when
//! the test ends, even on failure; nothing touches the host's interfaces, addresses or
//! routes. Without the privilege to do so a test prints a `skipped:` line and passes.
//!
//! The namespace gets a bridge, 10 veth pairs (some down, MTUs from 1280 to 9000,
//! alternative names, some bridge ports), IPv4 and IPv6 addresses (secondary, labelled,
//! `nodad`), neighbours (permanent, stale, one `noarp` that `ip neigh` hides), and 2,400
//! routes in the main table and four others, with multipath (weights), metrics, types
//! (blackhole, unreachable, prohibit, throw), protocols, scopes, preferred sources and IPv6
//! preferences. Then every field `ip -j` prints must be printed by the examples with the
//! same value.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

mod examples_common;

use examples_common::{assert_same, compare};
use nlattr_workspace::cli::AppError;
use nlattr_workspace::ip::{self, Rtnl, TableSel};
use nlattr_workspace::{genl, monitor, veth};
use serde_json::Value;

const AF_UNSPEC: u8 = 0;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// A network namespace made for one test, deleted on drop.
struct Netns {
    name: String,
}

impl Netns {
    /// A fresh namespace, or `None` (after a `skipped:` line) without the privilege.
    fn create(test: &str) -> Option<Self> {
        static N: AtomicU32 = AtomicU32::new(0);
        // SAFETY: geteuid(2) has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            println!("skipped: {test} needs root to create a network namespace");
            return None;
        }
        let name = format!("nlx-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        match Command::new("ip").args(["netns", "add", &name]).output() {
            Ok(o) if o.status.success() => Some(Self { name }),
            Ok(o) => {
                println!(
                    "skipped: {test}: `ip netns add` failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                println!("skipped: {test}: cannot run `ip`: {e}");
                None
            }
        }
    }

    fn ns(&self) -> Option<&str> {
        Some(&self.name)
    }

    /// Runs `ip -n NS ARGS...`, panicking with its stderr on failure.
    fn ip(&self, args: &[&str]) -> Output {
        let o = Command::new("ip").arg("-n").arg(&self.name).args(args).output().expect("run ip");
        assert!(o.status.success(), "ip {args:?}: {}", String::from_utf8_lossy(&o.stderr));
        o
    }

    fn ip_json(&self, args: &[&str]) -> Value {
        let mut full = vec!["-j"];
        full.extend_from_slice(args);
        let o = self.ip(&full);
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("ip -j {args:?}: {e}"))
    }

    /// Runs `ip -n NS -batch FILE` over `lines`.
    fn batch(&self, lines: &str) {
        let path = std::env::temp_dir().join(format!("{}-batch.txt", self.name));
        std::fs::write(&path, lines).expect("write batch file");
        let o =
            Command::new("ip").args(["-n", &self.name, "-batch"]).arg(&path).output().expect("run ip -batch");
        let _ = std::fs::remove_file(&path);
        assert!(o.status.success(), "ip -batch: {}", String::from_utf8_lossy(&o.stderr));
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.name]).output();
    }
}

const PAIRS: usize = 10;
const MTUS: [u32; PAIRS] = [1500, 1280, 9000, 1400, 1500, 4000, 1500, 2000, 1500, 65535];

/// The test network; returns the number of routes added.
fn build(ns: &Netns) -> usize {
    // No duplicate address detection: addresses are final at once, not `tentative` for a
    // second while the comparison runs.
    let o = Command::new("ip")
        .args(["netns", "exec", &ns.name, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0"])
        .args(["net.ipv6.conf.default.accept_dad=0"])
        .output()
        .expect("run sysctl");
    assert!(o.status.success(), "sysctl: {}", String::from_utf8_lossy(&o.stderr));
    let mut b = String::new();
    b += "link add br0 type bridge\nlink set br0 up\n";
    for (i, mtu) in MTUS.into_iter().enumerate() {
        writeln!(b, "link add va{i} mtu {mtu} type veth peer name vb{i} mtu {mtu}").unwrap();
        // Pairs 3 and 7 stay down; pair 5 has only one end up (NO-CARRIER, M-DOWN).
        if i != 3 && i != 7 {
            writeln!(b, "link set va{i} up").unwrap();
        }
        if i != 3 && i != 7 && i != 5 {
            writeln!(b, "link set vb{i} up").unwrap();
        }
        if i % 3 == 0 {
            writeln!(b, "link property add dev va{i} altname veth-alt-name-{i}").unwrap();
        }
        if i % 4 == 1 {
            writeln!(b, "link set vb{i} master br0").unwrap();
        }
        writeln!(b, "addr add 10.{i}.0.1/24 dev va{i}").unwrap();
        writeln!(b, "addr add 10.{i}.0.2/24 brd + dev va{i} label va{i}:sec").unwrap();
        writeln!(b, "addr add 2001:db8:{i}::1/64 dev va{i} nodad").unwrap();
        writeln!(b, "addr add 2001:db8:{i}:1::1/64 dev va{i} nodad noprefixroute").unwrap();
        writeln!(b, "neigh add 10.{i}.0.254 lladdr 02:00:00:00:{i:02x}:fe dev va{i} nud permanent").unwrap();
        writeln!(b, "neigh add 2001:db8:{i}::fe lladdr 02:00:00:00:{i:02x}:fd dev va{i} nud permanent")
            .unwrap();
    }
    b += "addr add 192.0.2.1/24 dev br0\n";
    // Peers, route metrics, no prefix route, a lifetime; a link without ARP, promiscuous,
    // with an alias and no queue.
    b += "addr add 10.200.0.1 peer 10.200.0.2/32 dev va4\naddr add 10.201.0.1/24 dev va4 metric 77\n";
    b += "addr add 10.202.0.1/24 dev va4 noprefixroute\naddr add 10.203.0.1/24 dev va4 valid_lft 3000 preferred_lft 2000\n";
    b += "link set vb4 arp off promisc on allmulticast on\nlink set va4 alias a-link-alias txqueuelen 0\n";
    b += "neigh add 10.4.0.77 dev va4 nud failed\n";
    b += "link set br0 txqueuelen 500 group 7\n";
    b += "neigh add 192.0.2.9 lladdr 02:00:00:00:ff:09 dev br0 nud stale\n";
    b += "neigh add 192.0.2.10 lladdr 02:00:00:00:ff:0a dev br0 nud noarp\n";
    b += "neigh add 2001:db8:0::fc lladdr 02:00:00:00:00:fc dev va0 nud permanent router\n";

    let mut routes = 0;
    // 1,600 IPv4 routes over the up pairs, in main and four other tables.
    let up = [0usize, 1, 2, 4, 6, 8, 9];
    for j in 0..1600usize {
        let i = up[j % up.len()];
        let table = match j % 5 {
            0 | 1 => String::new(),
            k => format!(" table {}", 100 + k),
        };
        let metric = if j % 7 == 0 { format!(" metric {}", j % 50) } else { String::new() };
        let proto = match j % 11 {
            0 => " proto static",
            1 => " proto babel",
            2 => " proto 77",
            _ => "",
        };
        let extra = match j % 13 {
            0 => " mtu 1400 advmss 1360",
            1 => " window 65535 initcwnd 10 initrwnd 20 hoplimit 32",
            2 => " rtt 100ms rttvar 50ms rto_min 300ms features ecn",
            3 => " congctl cubic quickack 1",
            4 => " mtu lock 1300",
            _ => "",
        };
        writeln!(
            b,
            "route add 172.{}.{}.0/24 via 10.{i}.0.254{table}{metric}{proto}{extra}",
            16 + j / 256,
            j % 256
        )
        .unwrap();
        routes += 1;
    }
    // Routes of every type, scope and source.
    for j in 0..40usize {
        let i = up[j % up.len()];
        let line = match j % 8 {
            0 => format!("route add blackhole 198.18.{j}.0/24"),
            1 => format!("route add unreachable 198.18.{j}.0/24 table 200"),
            2 => format!("route add prohibit 198.18.{j}.0/24 metric 9"),
            3 => format!("route add throw 198.18.{j}.0/24 table 201"),
            4 => format!("route add 198.18.{j}.0/24 dev va{i} scope link src 10.{i}.0.2"),
            5 => format!("route add 198.18.{j}.7 via 10.{i}.0.254 dev va{i} onlink"),
            6 => format!("route add 198.18.{j}.0/24 dev va5 metric 3"),
            _ => format!("route add default via 10.{i}.0.254 table {}", 300 + j),
        };
        b += &line;
        b.push('\n');
        routes += 1;
    }
    // Multipath with weights, IPv4 and IPv6, in main and another table.
    for j in 0..30usize {
        let (a, c) = (up[j % up.len()], up[(j + 1) % up.len()]);
        let table = if j % 2 == 0 { "" } else { " table 102" };
        writeln!(b, "route add 100.64.{j}.0/24{table} nexthop via 10.{a}.0.254 weight {} nexthop via 10.{c}.0.254 weight 1", 1 + j % 5).unwrap();
        writeln!(b, "route add 2001:db8:aaaa:{j:x}::/64{table} nexthop via 2001:db8:{a}::fe dev va{a} weight {} nexthop via 2001:db8:{c}::fe dev va{c}", 2 + j % 3).unwrap();
        routes += 2;
    }
    // 700 IPv6 routes with metrics, preferences and tables.
    for j in 0..700usize {
        let i = up[j % up.len()];
        let table = if j % 4 == 0 { " table 150" } else { "" };
        let pref = match j % 3 {
            0 => " pref high",
            1 => " pref low",
            _ => "",
        };
        let extra = if j % 9 == 0 { " mtu 1400 hoplimit 9" } else { "" };
        writeln!(
            b,
            "route add 2001:db8:ffff:{j:x}::/64 via 2001:db8:{i}::fe dev va{i}{table}{pref}{extra} metric {}",
            1024 + j % 3
        )
        .unwrap();
        routes += 1;
    }
    b += "route add unreachable 2001:db8:dead::/48\nroute add blackhole 2001:db8:beef::/48 table 150\n";
    // Realms, TOS routes and routes through nexthop objects.
    b += "route add 198.19.3.0/24 via 10.4.0.254 realms 3/4\n";
    b += "route add 198.19.4.0/24 nexthop via 10.4.0.254 realm 7 weight 2 nexthop via 10.6.0.254\n";
    routes += 2;
    b += "route add 198.19.1.0/24 tos 0x28 via 10.0.0.254\nroute add 198.19.1.0/24 tos 0x10 via 10.1.0.254\n";
    b += "nexthop add id 10 via 10.2.0.254 dev va2\nnexthop add id 11 via 2001:db8:2::fe dev va2\n";
    b += "route add 198.19.2.0/24 nhid 10\nroute add 2001:db8:cccc::/64 nhid 11\n";
    routes += 6;
    ns.batch(&b);
    // Operational states change in the kernel's link-watch work, up to a second after the
    // links come up: wait until two link dumps a while apart agree.
    let mut last = ns.ip_json(&["link"]);
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(500));
        let now = ns.ip_json(&["link"]);
        if now == last {
            break;
        }
        last = now;
    }
    routes
}

/// Compares `ip -j ARGS` with `ours()` on a quiet namespace: `ip` runs before and after
/// the example, and a pair is only compared when both `ip` runs agree (the state did not
/// change in between); otherwise it tries again.
fn check_stable(
    ns: &Netns,
    what: &str,
    args: &[&str],
    ours: impl Fn() -> Value,
    min_entries: usize,
) -> usize {
    for _ in 0..10 {
        let before = ns.ip_json(args);
        let mine = ours();
        let after = ns.ip_json(args);
        if before == after {
            return assert_same(what, &before, &mine, min_entries);
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!("{what}: the namespace kept changing");
}

fn example_binary(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let p = exe.parent()?.parent()?.join("examples").join(name);
    p.exists().then_some(p)
}

#[test]
fn ip_examples_match_iproute2() {
    let Some(ns) = Netns::create("ip_examples_match_iproute2") else { return };
    let routes = build(&ns);
    assert!(routes >= 2000);

    let f = check_stable(&ns, "link", &["link"], || ip::links(ns.ns()).unwrap(), PAIRS * 2 + 2);
    let links = ip::links(ns.ns()).unwrap();
    let with_alt = links.as_array().unwrap().iter().filter(|l| l.get("altnames").is_some()).count();
    let down = links.as_array().unwrap().iter().filter(|l| l["operstate"] == "DOWN").count();
    assert!(
        with_alt >= 4 && down >= 4,
        "the setup has alternative names ({with_alt}) and down links ({down})"
    );
    println!("link: {f} fields equal");

    let f = check_stable(&ns, "addr", &["addr"], || ip::addrs(ns.ns(), AF_UNSPEC).unwrap(), PAIRS * 2 + 2);
    println!("addr: {f} fields equal");
    let f = check_stable(&ns, "addr -6", &["-6", "addr"], || ip::addrs(ns.ns(), AF_INET6).unwrap(), PAIRS);
    println!("addr -6: {f} fields equal");
    let f = check_stable(&ns, "addr -4", &["-4", "addr"], || ip::addrs(ns.ns(), AF_INET).unwrap(), PAIRS);
    println!("addr -4: {f} fields equal");
    let v4 = || ip::routes(ns.ns(), TableSel::All, AF_INET).unwrap();
    let f = check_stable(&ns, "route -4 table all", &["-4", "route", "show", "table", "all"], v4, 1600);
    println!("-4 route show table all: {f} fields equal");
    let n6 = || ip::neighs(ns.ns(), AF_INET6).unwrap();
    let f = check_stable(&ns, "neigh -6", &["-6", "neigh"], n6, PAIRS);
    println!("-6 neigh: {f} fields equal");

    let all = || ip::routes(ns.ns(), TableSel::All, AF_UNSPEC).unwrap();
    let f = check_stable(&ns, "route table all", &["route", "show", "table", "all"], all, routes);
    let theirs = ns.ip_json(&["route", "show", "table", "all"]);
    println!("route show table all: {} routes, {f} fields equal", theirs.as_array().unwrap().len());
    let multipath = theirs.as_array().unwrap().iter().filter(|r| r.get("nexthops").is_some()).count();
    let with_metrics = theirs.as_array().unwrap().iter().filter(|r| r.get("metrics").is_some()).count();
    let other_tables = theirs.as_array().unwrap().iter().filter(|r| r.get("table").is_some()).count();
    assert!(
        multipath >= 60 && with_metrics >= 100 && other_tables >= 500,
        "{multipath} {with_metrics} {other_tables}"
    );

    let v6 = || ip::routes(ns.ns(), TableSel::All, AF_INET6).unwrap();
    let f = check_stable(&ns, "route -6 table all", &["-6", "route", "show", "table", "all"], v6, 700);
    println!("-6 route show table all: {f} fields equal");
    let main = || ip::routes(ns.ns(), TableSel::Only(254), AF_UNSPEC).unwrap();
    let f = check_stable(&ns, "route", &["route"], main, 600);
    println!("route (main): {f} fields equal");
    let t103 = || ip::routes(ns.ns(), TableSel::parse(Some("103")).unwrap(), AF_UNSPEC).unwrap();
    let f = check_stable(&ns, "route table 103", &["route", "show", "table", "103"], t103, 300);
    println!("route show table 103: {f} fields equal");

    let f = check_stable(&ns, "neigh", &["neigh"], || ip::neighs(ns.ns(), AF_UNSPEC).unwrap(), PAIRS * 2 + 2);
    let theirs = ns.ip_json(&["neigh"]);
    assert!(!theirs.to_string().contains("192.0.2.10"), "ip hides the noarp entry, and so must the example");
    println!("neigh: {f} fields equal");

    // One example binary end to end, as a user runs it.
    match example_binary("ip_route") {
        Some(bin) => {
            let run = || {
                let o = Command::new(&bin)
                    .args(["--json", "--table", "all", "--netns", &ns.name])
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                serde_json::from_slice(&o.stdout).unwrap()
            };
            check_stable(&ns, "ip_route binary", &["route", "show", "table", "all"], run, routes);
            let o = Command::new(example_binary("ip_link").unwrap())
                .args(["--netns", &ns.name])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(o.status.success() && text.contains("va0@vb0") && text.contains("master br0"), "{text}");
        }
        None => println!("skipped: the example binaries are not built next to this test"),
    }
}

/// `genl ctrl list` output: (name, id) of each family.
fn parse_genl_ctrl_list(text: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut name = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(n) = line.strip_prefix("Name: ") {
            name = Some(n.trim().to_owned());
        } else if let (Some(id), Some(n)) = (line.strip_prefix("ID: "), name.take()) {
            let hex = id.split_whitespace().next().unwrap_or_default().trim_start_matches("0x");
            out.push((n, u64::from_str_radix(hex, 16).unwrap()));
        }
    }
    out
}

#[test]
fn genl_families_match_genl_ctrl_list() {
    let Some(ns) = Netns::create("genl_families_match_genl_ctrl_list") else { return };
    let o = Command::new("ip").args(["netns", "exec", &ns.name, "genl", "ctrl", "list"]).output();
    let Some(o) = o.ok().filter(|o| o.status.success()) else {
        println!("skipped: `genl ctrl list` is not available");
        return;
    };
    let theirs = parse_genl_ctrl_list(&String::from_utf8_lossy(&o.stdout));
    assert!(theirs.len() >= 3, "{theirs:?}");
    let ours: Vec<(String, u64)> = genl::families(ns.ns())
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_owned(), f["id"].as_u64().unwrap()))
        .collect();
    assert_eq!(ours, theirs);

    // The binary, in the caller's namespace, needs no privilege and lists nlctrl first.
    if let Some(bin) = example_binary("genl_families") {
        let o = Command::new(bin).arg("--json").output().unwrap();
        assert!(o.status.success());
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v[0]["name"], "nlctrl");
        assert_eq!(v[0]["id"], 16);
        assert_eq!(v[0]["mcast_groups"][0]["name"], "notify");
    }
}

#[test]
fn veth_errors_reach_the_user() {
    let Some(ns) = Netns::create("veth_errors_reach_the_user") else { return };
    let mut rt = Rtnl::open(ns.ns()).unwrap();

    // Too long: refused before sending, the field named.
    let e = veth::add(&mut rt, "a-name-of-16-byt", "p0", None).unwrap_err();
    assert!(matches!(&e, AppError::Net(nlsock::Error::Encode(_))), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("refused before sending") && msg.contains("`ifname`"), "{msg}");
    let e = veth::add(&mut rt, "p0", "a-peer-of-16-byt", None).unwrap_err();
    assert!(e.to_string().contains("`linkinfo.data.peer.ifname`"), "{e}");
    assert!(rt.socket().last_request().is_empty(), "nothing was sent");

    veth::add(&mut rt, "xa", "xb", Some(1400)).unwrap();
    let l = ns.ip_json(&["link", "show", "xb"]);
    assert_eq!(l[0]["mtu"], 1400);
    veth::set(&mut rt, "xa", veth::SetLink { mtu: Some(9000), up: Some(true), ..Default::default() })
        .unwrap();
    let l = ns.ip_json(&["link", "show", "xa"]);
    assert_eq!(l[0]["mtu"], 9000);
    assert!(l[0]["flags"].as_array().unwrap().contains(&Value::from("UP")));

    // Beyond the device maximum: the kernel's own words.
    let e = veth::set(&mut rt, "xa", veth::SetLink { mtu: Some(70000), ..Default::default() }).unwrap_err();
    let k = e.kernel().expect("a kernel error");
    assert_eq!(k.errno, libc::EINVAL);
    assert!(e.to_string().contains("mtu greater than device maximum"), "{e}");

    // A policy violation the kernel points at: the Rust field path with it.
    let e = veth::set(&mut rt, "xa", veth::SetLink { gso_max_size: Some(100), ..Default::default() })
        .unwrap_err();
    let k = e.kernel().expect("a kernel error");
    assert!(k.offset.is_some(), "{k:?}");
    assert_eq!(k.path.as_ref().map(ToString::to_string).as_deref(), Some("gso_max_size"), "{k:?}");
    assert!(e.to_string().contains("`gso_max_size`"), "{e}");

    // The same errors through the example binary.
    if let Some(bin) = example_binary("veth") {
        let o =
            Command::new(&bin).args(["--netns", &ns.name, "set", "xa", "--mtu", "70000"]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && err.contains("mtu greater than device maximum"), "{err}");
        let o =
            Command::new(&bin).args(["--netns", &ns.name, "add", "a-name-of-16-byt", "q"]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && err.contains("`ifname`") && err.contains("before sending"), "{err}");
        let o = Command::new(&bin).args(["--netns", &ns.name, "del", "xa"]).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    } else {
        veth::del(&mut rt, "xa").unwrap();
    }
    assert_eq!(ns.ip_json(&["link", "show", "type", "veth"]), Value::Array(vec![]));
    let e = veth::del(&mut rt, "xa").unwrap_err();
    assert_eq!(e.kernel().map(|k| k.errno), Some(libc::ENODEV), "{e}");
}

#[test]
fn monitor_prints_a_veth_created_while_it_runs() {
    let Some(ns) = Netns::create("monitor_prints_a_veth_created_while_it_runs") else { return };
    let (ready_tx, ready_rx) = mpsc::channel();
    let opts = monitor::Options {
        netns: Some(ns.name.clone()),
        count: Some(1),
        timeout: Some(Duration::from_secs(10)),
        rcvbuf: None,
    };
    let handle = std::thread::spawn(move || {
        let mut events = Vec::new();
        let r = monitor::run(
            &opts,
            |ev| {
                events.push(ev.clone());
                Ok(())
            },
            || ready_tx.send(()).unwrap(),
        );
        (r, events)
    });
    ready_rx.recv_timeout(Duration::from_secs(10)).expect("the monitor joined its groups");
    ns.ip(&["link", "add", "mon0", "type", "veth", "peer", "name", "mon1"]);
    let (r, events) = handle.join().unwrap();
    r.unwrap();
    assert_eq!(events.len(), 1);
    let ev = &events[0];
    assert_eq!((ev["event"].as_str(), ev["kind"].as_str()), (Some("new"), Some("link")), "{ev}");
    let name = ev["object"]["ifname"].as_str().unwrap();
    assert!(name == "mon0" || name == "mon1", "{ev}");
    assert!(monitor::event_text(ev).starts_with("[link] new"));
}

#[test]
fn monitor_survives_an_overrun() {
    let Some(ns) = Netns::create("monitor_survives_an_overrun") else { return };
    ns.batch("link add ov0 type veth peer name ov1\nlink set ov0 up\nlink set ov1 up\naddr add 10.9.0.1/24 dev ov0\n");
    let batch: String =
        (0..600).map(|j| format!("route add 172.20.{}.{}/32 via 10.9.0.2\n", j / 256, j % 256)).collect();
    let opts = monitor::Options {
        netns: Some(ns.name.clone()),
        count: Some(5),
        timeout: Some(Duration::from_secs(10)),
        rcvbuf: Some(4096),
    };
    let mut events = Vec::new();
    let ns_ref = &ns;
    // Nothing is read while 600 routes are added: the small queue overflows.
    monitor::run(
        &opts,
        |ev| {
            events.push(ev.clone());
            Ok(())
        },
        || ns_ref.batch(&batch),
    )
    .unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(kinds.first(), Some(&"overrun"), "{events:?}");
    assert_eq!(kinds.get(1), Some(&"resync"), "{events:?}");
    let routes = events[1]["routes"].as_u64().unwrap();
    assert!(routes >= 600, "the resync dump sees every route: {routes}");
    // And it goes on receiving events after the resync.
    assert!(events.iter().skip(2).any(|e| e["kind"] == "route"), "{events:?}");
}

#[test]
fn ethtool_info_reports_veth_link_state() {
    let Some(ns) = Netns::create("ethtool_info_reports_veth_link_state") else { return };
    ns.batch("link add et0 type veth peer name et1\nlink set et0 up\nlink set et1 up\nlink add et2 type veth peer name et3\n");
    let one = match nlattr_workspace::ethtool::info(ns.ns(), Some("et0")) {
        Err(e) if e.kernel().is_some_and(|k| k.errno == libc::ENOENT) => {
            println!("skipped: no ethtool generic-netlink family in this kernel");
            return;
        }
        r => r.unwrap(),
    };
    assert_eq!(one[0]["ifname"], "et0");
    assert_eq!(one[0]["link_detected"], true);
    assert_eq!(one[0]["port"], "Twisted Pair");
    let all = nlattr_workspace::ethtool::info(ns.ns(), None).unwrap();
    let et2 = all.as_array().unwrap().iter().find(|d| d["ifname"] == "et2").expect("et2 listed");
    assert_eq!(et2["link_detected"], false);
    let e = nlattr_workspace::ethtool::info(ns.ns(), Some("nosuchdev")).unwrap_err();
    assert_eq!(e.kernel().map(|k| k.errno), Some(libc::ENODEV), "{e}");
}

#[test]
fn the_comparison_catches_differences() {
    let theirs = serde_json::json!([{"dst": "10.0.0.0/8", "metrics": [{"mtu": 1400}], "flags": ["onlink"]}]);
    let mut fields = 0;
    let mut bad = Vec::new();
    compare(&theirs, &theirs.clone(), "r", &mut fields, &mut bad);
    assert_eq!((fields, bad.len()), (3, 0));
    for ours in [
        serde_json::json!([{"dst": "10.0.0.0/8", "metrics": [{"mtu": 1500}], "flags": ["onlink"]}]),
        serde_json::json!([{"dst": "10.0.0.0/8", "flags": ["onlink"]}]),
        serde_json::json!([{"dst": "10.0.0.0/8", "metrics": [{"mtu": 1400}], "flags": []}]),
        serde_json::json!([{"dst": "10.0.0.0/8", "metrics": [{"mtu": "1400"}], "flags": ["onlink"]}]),
        serde_json::json!([]),
    ] {
        let mut bad = Vec::new();
        compare(&theirs, &ours, "r", &mut fields, &mut bad);
        assert!(!bad.is_empty(), "{ours} differs from {theirs}");
    }
}

#[test]
fn monitor_binary_prints_a_veth_created_while_it_runs() {
    let Some(ns) = Netns::create("monitor_binary_prints_a_veth_created_while_it_runs") else { return };
    let Some(bin) = example_binary("monitor") else {
        println!("skipped: the example binaries are not built next to this test");
        return;
    };
    let mut child = Command::new(bin)
        .args(["--netns", &ns.name, "--count", "1", "--timeout", "20"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The binary says nothing when it is ready: create pairs until it reports one.
    let mut created = 0;
    while child.try_wait().unwrap().is_none() && created < 20 {
        std::thread::sleep(Duration::from_millis(300));
        ns.ip(&[
            "link",
            "add",
            &format!("mon{created}a"),
            "type",
            "veth",
            "peer",
            "name",
            &format!("mon{created}b"),
        ]);
        created += 1;
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("[link] new ") && text.contains(": mon"), "{text}");
}

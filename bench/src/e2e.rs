//! End to end: the 20,000-route table dumped from a private namespace, three ways.
//!
//! - `nlsock+nlattr`: `Socket::dump_batches`, every route decoded in place
//!   (`DecodeInPlace::decode_message_in_place`) into one `Route` per datagram;
//! - `nlsock+nlattr-per-msg`: `Socket::dump_with`, every route decoded in place into a
//!   `Route` made for it (a borrowed value cannot outlive the message `dump_with` lends);
//! - `bare-recv`: the request sent and every datagram received with `recvfrom` through
//!   `nlsock`'s raw socket, only the message lengths walked to find `NLMSG_DONE` (the
//!   kernel's own cost);
//! - `ip -j route show`: iproute2 (`ip -4 -j route show table all`, output read and dropped).

use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

use nlattr::consts::{
    NETLINK_ROUTE, NLMSG_DONE, NLMSG_ERROR, NLM_F_DUMP, NLM_F_REQUEST, RTM_GETROUTE, RTM_NEWROUTE,
};
use nlattr::families::route::route::Route;
use nlattr::DecodeInPlace;
use nlsock::{Raw, Socket};
use serde_json::json;

use crate::fixtures::frames;
use crate::netns::Netns;
use crate::record::{dump_request, ROUTES};

/// Medians (and spread) in milliseconds per whole dump.
#[derive(Debug, Clone)]
pub struct Report {
    /// Routes received per dump.
    pub routes: usize,
    /// `(name, median, min, max)` in ms.
    pub rows: Vec<(&'static str, f64, f64, f64)>,
}

impl Report {
    fn median(&self, name: &str) -> f64 {
        self.rows.iter().find(|r| r.0 == name).map_or(f64::NAN, |r| r.1)
    }

    /// One JSON object: `results` rows and the two ratios.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        let base = self.median("nlsock+nlattr");
        json!({
            "routes": self.routes,
            "results": self.rows.iter().map(|(n, m, lo, hi)| json!({
                "case": "e2e/route_v4_dump", "contender": n, "ms_per_dump": m,
                "ms_min": lo, "ms_max": hi, "ns_per_msg": m * 1e6 / self.routes as f64,
            })).collect::<Vec<_>>(),
            "ratio_nlsock_to_bare_recv": base / self.median("bare-recv"),
            "ratio_nlsock_to_ip": base / self.median("ip -j route show"),
        })
    }

    /// A text table.
    #[must_use]
    pub fn to_table(&self) -> String {
        let mut s = format!("e2e: {} routes per dump\n", self.routes);
        for (n, m, lo, hi) in &self.rows {
            s += &format!("{n:<20} {m:>9.2} ms  (min {lo:.2}, max {hi:.2})\n");
        }
        let base = self.median("nlsock+nlattr");
        s += &format!(
            "nlsock+nlattr / bare-recv = {:.2}\nnlsock+nlattr / ip -j     = {:.3}\n",
            base / self.median("bare-recv"),
            base / self.median("ip -j route show")
        );
        s
    }
}

fn nlsock_dump(ns: &str) -> Result<usize, String> {
    let mut s = Socket::open_in_netns(NETLINK_ROUTE, ns).map_err(|e| e.to_string())?;
    let mut n = 0;
    s.dump_batches(RTM_GETROUTE, 0, &Raw::new(&dump_request()), |batch| {
        let mut r = Route::default();
        for m in batch {
            if m.header.ty == RTM_NEWROUTE {
                r.decode_message_in_place(&m)?;
                black_box(&r);
                n += 1;
            }
        }
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(n)
}

fn nlsock_dump_per_msg(ns: &str) -> Result<usize, String> {
    let mut s = Socket::open_in_netns(NETLINK_ROUTE, ns).map_err(|e| e.to_string())?;
    let mut n = 0;
    s.dump_with(RTM_GETROUTE, 0, &Raw::new(&dump_request()), |m| {
        if m.header.ty == RTM_NEWROUTE {
            let mut r = Route::default();
            r.decode_message_in_place(&m)?;
            black_box(&r);
            n += 1;
        }
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(n)
}

fn bare_dump(ns: &str) -> Result<usize, String> {
    let sock = nlsock::netns::open_named(NETLINK_ROUTE, ns).map_err(|e| e.to_string())?;
    let mut req = Vec::with_capacity(28);
    req.extend_from_slice(&28u32.to_ne_bytes());
    req.extend_from_slice(&RTM_GETROUTE.to_ne_bytes());
    req.extend_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
    req.extend_from_slice(&1u32.to_ne_bytes());
    req.extend_from_slice(&0u32.to_ne_bytes());
    req.extend_from_slice(&dump_request());
    sock.send_to(&req, 0).map_err(|e| e.to_string())?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0;
    loop {
        let (len, _) = sock.recv_from(&mut buf, false).map_err(|e| e.to_string())?;
        for (ty, _) in frames(&buf[..len.min(buf.len())]) {
            if ty == NLMSG_DONE || ty == NLMSG_ERROR {
                return Ok(n);
            }
            n += 1;
        }
    }
}

fn ip_dump(ns: &str) -> Result<usize, String> {
    let out = Command::new("ip")
        .args(["-n", ns, "-4", "-j", "route", "show", "table", "all"])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(out.stdout.iter().filter(|&&b| b == b'{').count())
}

/// One way of dumping the table; returns the routes it saw.
type Way = fn(&str) -> Result<usize, String>;

/// The next permutation of `v` in lexicographic order, the first after the last.
fn next_order(v: &mut [usize]) {
    let Some(i) = v.windows(2).rposition(|w| w[0] < w[1]) else {
        v.reverse();
        return;
    };
    let j = v.iter().rposition(|&x| x > v[i]).unwrap_or(i + 1);
    v.swap(i, j);
    v[i + 1..].reverse();
}

/// Builds the namespace, checks the three agree on the route count, then times `rounds`
/// interleaved rounds.
///
/// # Errors
/// Namespace setup failing, a dump failing, or the counts disagreeing.
pub fn run(rounds: usize) -> Result<Report, String> {
    let ns = Netns::with_routes("e2e", ROUTES).map_err(|e| e.to_string())?;
    let name = ns.name().to_owned();
    let ways: [(&'static str, Way); 4] = [
        ("nlsock+nlattr", nlsock_dump),
        ("nlsock+nlattr-per-msg", nlsock_dump_per_msg),
        ("bare-recv", bare_dump),
        ("ip -j route show", ip_dump),
    ];
    let counts: Vec<usize> = ways.iter().map(|(_, f)| f(&name)).collect::<Result<_, _>>()?;
    if counts[0] < ROUTES || counts[0] != counts[1] || counts[0] != counts[2] {
        return Err(format!(
            "route counts differ: nlsock {} per message {} bare {}",
            counts[0], counts[1], counts[2]
        ));
    }
    // `ip` prints only routes (not e.g. cache entries), one JSON object each.
    if counts[3] < ROUTES {
        return Err(format!("`ip -j route show` printed {} routes", counts[3]));
    }
    // Each round runs the ways in another order, going through every order in turn:
    // a rotation would keep each way after the same one (`ip`, a process that leaves the
    // caches and the allocator cold, before `nlsock+nlattr` every time).
    let mut order: Vec<usize> = (0..ways.len()).collect();
    let mut samples = vec![Vec::new(); ways.len()];
    for _ in 0..rounds {
        for &i in &order {
            let t = Instant::now();
            (ways[i].1)(&name)?;
            samples[i].push(t.elapsed().as_secs_f64() * 1e3);
        }
        next_order(&mut order);
    }
    let rows = ways
        .iter()
        .zip(samples.iter_mut())
        .map(|((n, _), s)| {
            s.sort_by(f64::total_cmp);
            (*n, s[s.len() / 2], s[0], s[s.len() - 1])
        })
        .collect();
    Ok(Report { routes: counts[0], rows })
}

#[cfg(test)]
mod tests {
    use super::next_order;

    #[test]
    fn every_order_once_then_again() {
        let mut v = vec![0, 1, 2, 3];
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..24 {
            assert!(seen.insert(v.clone()), "{v:?} twice");
            next_order(&mut v);
        }
        assert_eq!(v, [0, 1, 2, 3]);
        // Each way runs right after each other way equally often.
        let mut after = [[0; 4]; 4];
        for p in &seen {
            for w in p.windows(2) {
                after[w[0]][w[1]] += 1;
            }
        }
        for (a, row) in after.iter().enumerate() {
            for (b, &n) in row.iter().enumerate() {
                assert_eq!(n, if a == b { 0 } else { 6 }, "{b} after {a}");
            }
        }
    }
}

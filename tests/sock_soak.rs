//! 10,000 requests in a row on one socket leave file descriptors and memory flat. Alone in
//! its test binary so that no other test opens descriptors or allocates meanwhile. Runs in
//! a network namespace of its own; without the privilege it prints `skipped: ...`.

mod sock_util;

use std::time::Duration;

use nlattr::consts::{NETLINK_ROUTE, RTM_GETLINK};
use nlsock::{Raw, Socket};
use sock_util::*;

fn fd_count() -> usize {
    std::fs::read_dir("/proc/self/fd").map(|d| d.count()).unwrap_or(0)
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn ten_thousand_requests_leave_fds_and_memory_flat() {
    in_netns("ten_thousand_requests_leave_fds_and_memory_flat", || {
        let mut s = Socket::open(NETLINK_ROUTE).unwrap();
        s.transport().set_recv_timeout(Some(Duration::from_secs(5))).unwrap();
        let lo = LinkSpec::named("lo").bytes();
        let bad = LinkSpec::named("nosuchlink0").bytes();
        let mut run = |n: usize| {
            for i in 0..n {
                if i % 10 == 9 {
                    // Errors and dumps are part of the mix.
                    assert!(s.request(RTM_GETLINK, 0, &Raw::with_policy(&bad, &LINK)).is_err());
                    assert_eq!(
                        s.dump_map(RTM_GETLINK, 0, &Raw::new(&family_header(16, 0)), |_| Ok(()))
                            .unwrap()
                            .len(),
                        1
                    );
                } else {
                    assert_eq!(
                        s.request(RTM_GETLINK, 0, &Raw::with_policy(&lo, &LINK)).unwrap().messages.len(),
                        1
                    );
                }
            }
        };
        run(1_000); // warm up: buffers reach their working size
        let (fds, rss) = (fd_count(), rss_kib());
        run(10_000);
        let (fds2, rss2) = (fd_count(), rss_kib());
        println!("fds {fds} -> {fds2}, VmRSS {rss} kB -> {rss2} kB");
        assert_eq!(fds2, fds, "file descriptors leaked");
        assert!(rss2 <= rss + 1024, "memory grew by {} kB", rss2.saturating_sub(rss));
        assert_eq!(s.skipped(), 0);
    });
}

//! A private network namespace holding a large IPv4 routing table, made with `ip netns add`
//! and `ip -batch`, deleted when the guard drops (also on a panic or an early return).

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::process::{Command, Stdio};

/// Builds the `ip -batch` script: a veth pair `d0`/`d1` with 10.0.0.1/8, then `routes` IPv4
/// routes of assorted shapes (`/24` via one of eight gateways; every third with a metric,
/// every fifth with `mtu`/`advmss` metrics, every seventh in table 100).
#[must_use]
pub fn route_script(routes: usize) -> String {
    let mut s = String::from(
        "link add d0 type veth peer name d1\nlink set d1 up\nlink set d0 up\naddr add 10.0.0.1/8 dev d0\n",
    );
    for i in 0..routes {
        let (a, b) = (11 + i / 65536, (i / 256) % 256);
        let c = i % 256;
        let _ = write!(s, "route add {a}.{b}.{c}.0/24 via 10.0.0.{} dev d0", 2 + i % 8);
        if i % 3 == 0 {
            let _ = write!(s, " metric {}", 100 + i % 50);
        }
        if i % 5 == 0 {
            s.push_str(" mtu 1400 advmss 1360");
        }
        if i % 7 == 0 {
            s.push_str(" table 100");
        }
        s.push('\n');
    }
    s
}

/// A named network namespace (`/run/netns/NAME`), deleted on drop.
#[derive(Debug)]
pub struct Netns {
    name: String,
}

impl Netns {
    /// Creates `nlattr-bench-<pid>-<tag>` and fills it with `routes` routes.
    ///
    /// # Errors
    /// `ip` missing or failing (not root, for instance).
    pub fn with_routes(tag: &str, routes: usize) -> io::Result<Self> {
        let name = format!("nlattr-bench-{}-{tag}", std::process::id());
        run(Command::new("ip").args(["netns", "add", &name]))?;
        let ns = Self { name };
        let mut child = Command::new("ip")
            .args(["-n", &ns.name, "-batch", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(route_script(routes).as_bytes())?;
        }
        let status = child.wait()?;
        if !status.success() {
            return Err(io::Error::other(format!("`ip -batch` failed: {status}")));
        }
        Ok(ns)
    }

    /// The namespace's name, as `ip netns` knows it.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.name]).status();
    }
}

fn run(cmd: &mut Command) -> io::Result<()> {
    let out = cmd.output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(io::Error::other(String::from_utf8_lossy(&out.stderr).trim().to_owned()))
    }
}

/// Whether this process may create network namespaces (effective uid 0).
#[must_use]
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .is_some_and(|euid| euid == "0")
    })
}

//! `examples/policy_check` run as an unprivileged user (`setpriv` to uid 65534) inside a
//! network namespace of its own (`unshare --net`): it prints every operation's policy and
//! finds the ready-made definitions matching. `cargo test` builds the example before the
//! tests run; the binary sits next to this test's, in `target/<profile>/examples/`.

use std::path::PathBuf;
use std::process::Command;

fn example() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let bin = dir.join("examples").join("policy_check");
    bin.exists().then_some(bin)
}

fn run(family: &str) -> Option<String> {
    // SAFETY: none needed; `geteuid` only reads the caller's credentials.
    if unsafe { libc::geteuid() } != 0 {
        println!("skipped: policy_check {family}: creating a network namespace needs root");
        return None;
    }
    let Some(bin) = example() else {
        println!("skipped: policy_check {family}: example not built (run the whole `cargo test`)");
        return None;
    };
    let out = Command::new("unshare")
        .args(["--net", "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .arg(family)
        .output()
        .expect("unshare and setpriv (util-linux) run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{family}: {:?}\n{text}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    Some(text)
}

/// The operation count from the first line, `family NAME (id .., N operations)`.
fn op_count(text: &str) -> usize {
    let first = text.lines().next().unwrap_or_default();
    let words: Vec<&str> = first.split_whitespace().collect();
    let i = words.iter().position(|w| w.starts_with("operations")).expect("operation count");
    words[i - 1].parse().expect("a number")
}

#[test]
fn policy_check_prints_every_op_unprivileged() {
    for (family, ready_made, sample) in [
        ("nlctrl", 3, "op CTRL_CMD_GETPOLICY (10) [dump]"),
        ("ethtool", 6, "op ETHTOOL_MSG_STRSET_GET (1) [do, dump]"),
    ] {
        let Some(text) = run(family) else { continue };
        let ops = text.lines().filter(|l| l.starts_with("op ")).count();
        assert!(ops > 0 && ops == op_count(&text), "{family}: {ops} ops printed\n{text}");
        assert!(text.contains(sample), "{text}");
        let verdicts: Vec<&str> =
            text.lines().filter(|l| l.ends_with(": matches") || l.ends_with(": MISMATCH")).collect();
        assert_eq!(verdicts.len(), ready_made, "{text}");
        assert!(verdicts.iter().all(|l| l.ends_with(": matches")), "{text}");
    }
}

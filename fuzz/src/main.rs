//! A coverage-less mutation fuzzer for the targets in `targets.rs`, for stable Rust.
//!
//! ```text
//! cargo run --release -- TARGET|all [--seconds N] [--seed S] [--corpus DIR]
//! ```
//!
//! Seeds: every `*.bin` under `tests/fixtures/corpus/` and the datagrams of the recordings
//! in `tests/fixtures/recorded/`, plus each message's payload on its own (the family
//! targets decode payloads). Each round picks a seed (or a previous mutant), applies 1-8
//! netlink-aware mutations and runs the target. A panic or an input running longer than a
//! second is a finding: the input is written to `fuzz/artifacts/<target>/` and the run
//! fails.

use nlattr_fuzz as targets;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn collect(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "bin") {
            if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        } else if p.extension().is_some_and(|e| e == "nlrec") {
            if let Ok(b) = std::fs::read(&p) {
                out.extend(nlrec_datagrams(&b).into_iter().take(16));
            }
        }
    }
}

/// The datagrams of a recording (format in `nlsock/src/transport/record.rs`).
fn nlrec_datagrams(b: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 16;
    while pos + 13 <= b.len() {
        let kind = b[pos];
        let stored = u32::from_le_bytes([b[pos + 9], b[pos + 10], b[pos + 11], b[pos + 12]]) as usize;
        let start = pos + 13;
        let Some(bytes) = b.get(start..start + stored) else { break };
        if kind == b'R' || kind == b'S' {
            out.push(bytes.to_vec());
        }
        pos = start + stored;
    }
    out
}

fn seeds(extra: Option<&Path>) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    collect(&fixtures().join("corpus"), &mut out);
    collect(&fixtures().join("recorded"), &mut out);
    if let Some(d) = extra {
        collect(d, &mut out);
    }
    // Each message on its own, and its payload after 0/4/12/16-byte family headers.
    let mut more = Vec::new();
    for dg in &out {
        for m in nlattr::messages(dg).flatten() {
            let bytes = &dg[m.offset..m.offset + m.header.len as usize];
            more.push(bytes.to_vec());
            more.push(m.payload.to_vec());
        }
    }
    out.extend(more);
    out.sort();
    out.dedup();
    out
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, pool: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(8) {
        let len = input.len();
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = [0, 1, 3, 4, 0x7f, 0x80, 0xff][rng.below(7)];
            }
            2 if len > 0 => input.truncate(rng.below(len)),
            3 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(8);
                for _ in 0..n {
                    input.insert(i, rng.next() as u8);
                }
            }
            4 if len > 1 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                input.drain(a..b);
            }
            // A 16-bit length or type word (attribute headers are 4-aligned).
            5 | 6 if len >= 4 => {
                let i = rng.below(len / 4) * 4 + if rng.below(2) == 0 { 0 } else { 2 };
                if i + 2 <= len {
                    let v = match rng.below(6) {
                        0 => 0u16,
                        1 => 3,
                        2 => 4,
                        3 => u16::from_ne_bytes([input[i], input[i + 1]])
                            .wrapping_add(rng.below(9) as u16)
                            .wrapping_sub(4),
                        4 => 0xffff,
                        _ => rng.next() as u16,
                    };
                    input[i..i + 2].copy_from_slice(&v.to_ne_bytes());
                }
            }
            // A 32-bit message length.
            7 if len >= 4 => {
                let i = rng.below(len / 4) * 4;
                let v = [0u32, 15, 16, 20, u32::MAX, rng.next() as u32 % 4096][rng.below(6)];
                input[i..i + 4].copy_from_slice(&v.to_ne_bytes());
            }
            // Splice part of another seed in.
            8 if !pool.is_empty() => {
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(64)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            // Flip the nested / byte-order flag bits of a type word.
            9 if len >= 4 => {
                let i = rng.below(len / 4) * 4 + 3;
                input[i] ^= [0x80, 0x40][rng.below(2)];
            }
            _ => {
                let i = rng.below(len + 1);
                input.splice(i..i, (0..4).map(|_| rng.next() as u8));
            }
        }
        if input.len() > 1 << 16 {
            input.truncate(1 << 16);
        }
    }
}

fn save(target: &str, input: &[u8], why: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts").join(target);
    let _ = std::fs::create_dir_all(&dir);
    let h =
        input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let p = dir.join(format!("crash-{h:016x}"));
    let _ = std::fs::write(&p, input);
    eprintln!("{target}: {why}; input saved to {}", p.display());
    p
}

/// Runs `target` for `budget`; returns the number of executions.
fn fuzz(
    name: &'static str,
    f: fn(&[u8]),
    seeds: &[Vec<u8>],
    budget: Duration,
    seed: u64,
) -> Result<u64, String> {
    let started = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicU64::new(0));
    let current: Arc<std::sync::Mutex<Vec<u8>>> = Arc::default();
    // Watchdog: an input still running after a second is a hang.
    {
        let (started, done, current) = (started.clone(), done.clone(), current.clone());
        std::thread::spawn(move || {
            let mut last = (u64::MAX, Instant::now());
            loop {
                std::thread::sleep(Duration::from_millis(250));
                let s = started.load(Ordering::Relaxed);
                if s != done.load(Ordering::Relaxed) {
                    if last.0 == s && last.1.elapsed() > Duration::from_secs(1) {
                        let input = current.lock().map(|g| g.clone()).unwrap_or_default();
                        save(name, &input, "input ran longer than a second");
                        std::process::exit(2);
                    }
                    if last.0 != s {
                        last = (s, Instant::now());
                    }
                } else {
                    last = (u64::MAX, Instant::now());
                }
            }
        });
    }
    let mut rng = Rng(seed | 1);
    let mut pool: Vec<Vec<u8>> = seeds.to_vec();
    let t = Instant::now();
    let mut execs = 0u64;
    // Every seed as is first.
    let mut queue: Vec<Vec<u8>> = seeds.to_vec();
    while t.elapsed() < budget || !queue.is_empty() {
        let input = queue.pop().unwrap_or_else(|| {
            let mut x = pool[rng.below(pool.len())].clone();
            mutate(&mut rng, &mut x, seeds);
            x
        });
        if let Ok(mut g) = current.lock() {
            g.clone_from(&input);
        }
        started.fetch_add(1, Ordering::Relaxed);
        let r = std::panic::catch_unwind(|| f(&input));
        done.fetch_add(1, Ordering::Relaxed);
        execs += 1;
        if let Err(e) = r {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()));
            let p = save(name, &input, &format!("panic: {}", msg.unwrap_or_default()));
            return Err(format!("{name}: finding saved to {}", p.display()));
        }
        // Keep some mutants as new starting points (no coverage feedback: a bounded
        // random pool).
        if rng.below(64) == 0 {
            if pool.len() < 4096 {
                pool.push(input);
            } else {
                let i = rng.below(pool.len());
                pool[i] = input;
            }
        }
    }
    Ok(execs)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1)).cloned();
    let which = args.first().cloned().unwrap_or_else(|| "all".into());
    let seconds: f64 = opt("--seconds").and_then(|s| s.parse().ok()).unwrap_or(10.0);
    let seed: u64 = opt("--seed").and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    let corpus = opt("--corpus").map(PathBuf::from);
    let seeds = seeds(corpus.as_deref());
    let chosen: Vec<_> = targets::TARGETS.iter().filter(|(n, _)| which == "all" || *n == which).collect();
    if chosen.is_empty() {
        eprintln!(
            "unknown target {which}; targets: {:?}",
            targets::TARGETS.iter().map(|t| t.0).collect::<Vec<_>>()
        );
        std::process::exit(2);
    }
    // Findings are reported by `fuzz` itself; the default hook would print each twice.
    std::panic::set_hook(Box::new(|_| {}));
    let per = Duration::from_secs_f64(seconds / chosen.len() as f64);
    let mut failed = false;
    for (name, f) in chosen {
        match fuzz(name, *f, &seeds, per, seed) {
            Ok(n) => println!(
                "{name}: {n} executions in {:.1} s, {} seeds, no finding (seed {seed})",
                per.as_secs_f64(),
                seeds.len()
            ),
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}

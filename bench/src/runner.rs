//! Timing: several interleaved rounds per case, the median per contender, allocation counts
//! from the instrumented global allocator (when the binary installs it).

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use stats_alloc::INSTRUMENTED_SYSTEM;

use crate::decode;
use crate::encode::{self, Inputs};
use crate::fixtures::Fixture;

/// How long to measure.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Interleaved rounds per case.
    pub rounds: usize,
    /// Target duration of one contender's timed run inside a round.
    pub run: Duration,
}

impl Plan {
    /// The default: 11 rounds of about 40 ms per contender.
    #[must_use]
    pub fn full() -> Self {
        Self { rounds: 11, run: Duration::from_millis(40) }
    }

    /// `--quick`: 3 rounds of about 5 ms.
    #[must_use]
    pub fn quick() -> Self {
        Self { rounds: 3, run: Duration::from_millis(5) }
    }
}

/// One result row.
#[derive(Debug, Clone)]
pub struct Row {
    /// `decode/route_v4`, `encode/route`, ...
    pub case: String,
    /// `floor`, `nlattr-borrowed`, `neli`, ...
    pub contender: &'static str,
    /// Messages per pass.
    pub messages: usize,
    /// Median ns per message over the rounds.
    pub ns_per_msg: f64,
    /// Fastest and slowest round.
    pub min_ns: f64,
    /// Slowest round.
    pub max_ns: f64,
    /// Allocations per message (one pass, counted by the global allocator).
    pub allocs_per_msg: f64,
    /// Bytes allocated per message.
    pub bytes_per_msg: f64,
}

/// Whether `name` is one of the incumbents (not nlattr, not the floor).
#[must_use]
pub fn is_incumbent(name: &str) -> bool {
    !name.starts_with("nlattr") && !name.starts_with("floor")
}

fn allocations() -> (usize, usize) {
    let s = INSTRUMENTED_SYSTEM.stats();
    (s.allocations + s.reallocations, s.bytes_allocated)
}

/// Times `f` (one pass over `messages` messages) per the plan, interleaving contenders.
fn measure<F>(
    case: &str,
    names: &[&'static str],
    messages: usize,
    plan: Plan,
    mut run: F,
) -> Result<Vec<Row>, String>
where
    F: FnMut(usize) -> Result<usize, String>,
{
    // Calibrate: passes per timed run, and count allocations of one pass.
    let mut reps = Vec::new();
    let mut allocs = Vec::new();
    for i in 0..names.len() {
        run(i)?; // warm up
        let (a0, b0) = allocations();
        let t = Instant::now();
        run(i)?;
        let el = t.elapsed();
        let (a1, b1) = allocations();
        allocs.push(((a1 - a0) as f64 / messages as f64, (b1 - b0) as f64 / messages as f64));
        reps.push(((plan.run.as_nanos() / el.as_nanos().max(1)) as usize).max(1));
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for round in 0..plan.rounds {
        for k in 0..names.len() {
            let i = (k + round) % names.len();
            let t = Instant::now();
            for _ in 0..reps[i] {
                run(i)?;
            }
            let ns = t.elapsed().as_nanos() as f64 / (reps[i] * messages) as f64;
            samples[i].push(ns);
        }
    }
    Ok(names
        .iter()
        .enumerate()
        .map(|(i, &contender)| {
            let s = &mut samples[i];
            s.sort_by(f64::total_cmp);
            Row {
                case: case.to_owned(),
                contender,
                messages,
                ns_per_msg: s[s.len() / 2],
                min_ns: s[0],
                max_ns: s[s.len() - 1],
                allocs_per_msg: allocs[i].0,
                bytes_per_msg: allocs[i].1,
            }
        })
        .collect())
}

/// Verifies then times every decode and encode case.
///
/// # Errors
/// A fixture missing, or a verification failing (the run stops before timing).
pub fn run_all(plan: Plan, filter: Option<&str>) -> Result<Vec<Row>, String> {
    let fixtures = Fixture::all().map_err(|e| e.to_string())?;
    let inputs = Inputs::new();
    // Every decoder and encoder proves it read/wrote the same before anything is timed.
    let mut counts = Vec::new();
    for fx in &fixtures {
        counts.push(decode::verify(fx)?);
    }
    for case in ["route", "genl_getfamily"] {
        encode::verify(case, &inputs)?;
    }
    let mut rows = Vec::new();
    for (fx, &n) in fixtures.iter().zip(&counts) {
        let case = format!("decode/{}", fx.name);
        if filter.is_some_and(|f| !case.contains(f)) {
            continue;
        }
        let cs = decode::contenders(fx.name);
        let names: Vec<_> = cs.iter().map(|c| c.name).collect();
        let mut sink = decode::Blackhole;
        rows.extend(measure(&case, &names, n, plan, |i| (cs[i].time)(fx, &mut sink))?);
    }
    for case in ["route", "genl_getfamily"] {
        let name = format!("encode/{case}");
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let cs = encode::contenders(case);
        let names: Vec<_> = cs.iter().map(|c| c.name).collect();
        let mut buf = Vec::with_capacity(256);
        let mut out = encode::Discard;
        rows.extend(measure(&name, &names, encode::REQUESTS, plan, |i| {
            (cs[i].time)(&inputs, &mut buf, &mut out)
        })?);
    }
    Ok(rows)
}

fn ratio(a: f64, b: Option<f64>) -> Value {
    b.map_or(Value::Null, |b| json!((a / b * 1000.0).round() / 1000.0))
}

/// The rows as one JSON object with a top-level `results` array.
#[must_use]
pub fn to_json(rows: &[Row], plan: Plan) -> Value {
    let results: Vec<Value> = rows
        .iter()
        .map(|r| {
            let same = rows.iter().filter(|o| o.case == r.case);
            let floor = same.clone().find(|o| o.contender == "floor").map(|o| o.ns_per_msg);
            let fastest =
                same.filter(|o| is_incumbent(o.contender)).map(|o| o.ns_per_msg).min_by(f64::total_cmp);
            json!({
                "case": r.case,
                "contender": r.contender,
                "messages": r.messages,
                "ns_per_msg": (r.ns_per_msg * 10.0).round() / 10.0,
                "ns_per_msg_min": (r.min_ns * 10.0).round() / 10.0,
                "ns_per_msg_max": (r.max_ns * 10.0).round() / 10.0,
                "allocs_per_msg": (r.allocs_per_msg * 1000.0).round() / 1000.0,
                "alloc_bytes_per_msg": r.bytes_per_msg.round(),
                "ratio_to_fastest_incumbent": ratio(r.ns_per_msg, fastest),
                "ratio_to_floor": ratio(r.ns_per_msg, floor),
            })
        })
        .collect();
    json!({
        "rounds": plan.rounds,
        "run_ms": plan.run.as_millis() as u64,
        "results": results,
    })
}

/// The rows as a text table.
#[must_use]
pub fn to_table(rows: &[Row]) -> String {
    use std::fmt::Write as _;
    let mut s = format!(
        "{:<22} {:<24} {:>10} {:>10} {:>10} {:>8} {:>9} {:>9}\n",
        "case", "contender", "ns/msg", "min", "max", "allocs", "x floor", "x best"
    );
    for r in rows {
        let same = rows.iter().filter(|o| o.case == r.case);
        let floor = same.clone().find(|o| o.contender == "floor").map_or(f64::NAN, |o| o.ns_per_msg);
        let best =
            same.filter(|o| is_incumbent(o.contender)).map(|o| o.ns_per_msg).fold(f64::INFINITY, f64::min);
        let _ = writeln!(
            s,
            "{:<22} {:<24} {:>10.1} {:>10.1} {:>10.1} {:>8.2} {:>9.2} {:>9.2}",
            r.case,
            r.contender,
            r.ns_per_msg,
            r.min_ns,
            r.max_ns,
            r.allocs_per_msg,
            r.ns_per_msg / floor,
            r.ns_per_msg / best
        );
    }
    s
}

/// Runs contender `who` of `case` (`decode/route_v4`, `encode/route`...) `passes` times,
/// untimed, and returns the messages per pass: a steady loop for `valgrind --tool=callgrind`.
///
/// # Errors
/// An unknown case or contender, or the contender failing.
pub fn profile(case: &str, who: &str, passes: usize) -> Result<usize, String> {
    if let Some(name) = case.strip_prefix("decode/") {
        let fx = Fixture::all()
            .map_err(|e| e.to_string())?
            .into_iter()
            .find(|f| f.name == name)
            .ok_or("no such fixture")?;
        let c = decode::contenders(fx.name).into_iter().find(|c| c.name == who).ok_or("no such contender")?;
        let mut n = 0;
        for _ in 0..passes {
            n = (c.time)(&fx, &mut decode::Blackhole)?;
        }
        Ok(n)
    } else if let Some(name) = case.strip_prefix("encode/") {
        let inputs = Inputs::new();
        let c = encode::contenders(name).into_iter().find(|c| c.name == who).ok_or("no such contender")?;
        let mut buf = Vec::with_capacity(256);
        let mut n = 0;
        for _ in 0..passes {
            n = (c.time)(&inputs, &mut buf, &mut encode::Discard)?;
        }
        Ok(n)
    } else {
        Err(format!("unknown case {case}"))
    }
}

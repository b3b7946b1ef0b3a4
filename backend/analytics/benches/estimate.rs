//! How long estimating one creator's audience takes: `estimate_audience` over 600 comments on 12
//! videos (400 in five languages, 200 too short to classify). The target is a median under 20 ms
//! on two cores. Run with `cargo bench -p zzyzx-analytics --bench estimate`.
//!
//! Language detection is nearly all of the work and is spread over the cores, so the wall-clock
//! time depends on what else the machine runs; the CPU time per estimate and the load average are
//! printed beside it to tell the two apart.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};
use zzyzx_analytics::estimate_audience;

/// CPU time this process has used (user + system, all threads), from `/proc/self/stat` in clock
/// ticks of 10 ms; `None` where there is no such file.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let ticks: u64 = fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn main() {
    let comments = common::creator_comments();
    // Warm up caches and the allocator before timing.
    for _ in 0..5 {
        std::hint::black_box(estimate_audience(std::hint::black_box(&comments)));
    }
    let runs: u32 = 200;
    let cpu_before = process_cpu_time();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(estimate_audience(std::hint::black_box(&comments)));
            started.elapsed()
        })
        .collect();
    let cpu = cpu_before.zip(process_cpu_time()).map(|(before, after)| (after - before) / runs);
    times.sort();
    let at = |fraction: f64| times[((times.len() - 1) as f64 * fraction) as usize];
    let load = std::fs::read_to_string("/proc/loadavg").ok();
    println!(
        "estimate_audience, {} comments: median {:?}, p90 {:?}, fastest {:?} over {runs} runs; CPU time {} per \
         estimate; load average {}",
        comments.len(),
        at(0.5),
        at(0.9),
        times[0],
        cpu.map_or("unknown".to_owned(), |t| format!("{t:?}")),
        load.as_deref().and_then(|l| l.split_whitespace().next()).unwrap_or("unknown"),
    );
}

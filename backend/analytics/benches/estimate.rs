//! How long estimating one creator's audience takes: `estimate_audience` over 600 comments on 12
//! videos (400 in five languages, 200 too short to classify). The target is under 20 ms on two
//! cores. Run with `cargo bench -p zzyzx-analytics --bench estimate`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};
use zzyzx_analytics::estimate_audience;

fn main() {
    let comments = common::creator_comments();
    // Warm up caches and the allocator before timing.
    for _ in 0..5 {
        std::hint::black_box(estimate_audience(std::hint::black_box(&comments)));
    }
    let runs = 200;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(estimate_audience(std::hint::black_box(&comments)));
            started.elapsed()
        })
        .collect();
    times.sort();
    let (median, p90) = (times[runs / 2], times[runs * 9 / 10]);
    println!(
        "estimate_audience, {} comments: median {median:?}, p90 {p90:?}, fastest {:?} over {runs} runs",
        comments.len(),
        times[0]
    );
}

//! How long one dashboard row's analytics take: `summarize` over a year of daily history and 30
//! videos. Run with `cargo bench -p zzyzx-analytics`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;
use zzyzx_analytics::{Settings, summarize};

fn main() {
    let (history, videos, target, audience) =
        (common::history(), common::videos(), common::target(), common::audience());
    let settings = Settings::default();
    let runs: u32 = 10_000;
    let started = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(summarize(
            &history,
            &videos,
            common::today(),
            common::now(),
            &settings,
            Some(&target),
            Some(&audience),
        ));
    }
    let each = started.elapsed() / runs;
    println!("summarize, 365 daily points and 30 videos: {each:?} per call over {runs} calls");
}

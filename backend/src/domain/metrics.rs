//! A creator's public counts at one moment, and how histories are bucketed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use std::fmt;

/// Counts of one creator at `captured_at`. Counts are 64-bit and never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricPoint {
    pub captured_at: DateTime<Utc>,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricsError {
    Negative(&'static str),
    InTheFuture,
    BeforeTikTok,
}

impl fmt::Display for MetricsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricsError::Negative(field) => write!(f, "{field} must not be negative"),
            MetricsError::InTheFuture => f.write_str("captured_at must not be in the future"),
            MetricsError::BeforeTikTok => f.write_str("captured_at must not be before 2016-01-01"),
        }
    }
}

impl MetricPoint {
    /// Clocks drift: a point up to this far ahead of the server's clock is still accepted.
    const CLOCK_SKEW: Duration = Duration::minutes(5);

    pub fn parse(
        captured_at: DateTime<Utc>,
        [followers, following, likes, videos]: [i64; 4],
        now: DateTime<Utc>,
    ) -> Result<Self, MetricsError> {
        for (name, value) in [("followers", followers), ("following", following), ("likes", likes), ("videos", videos)]
        {
            if value < 0 {
                return Err(MetricsError::Negative(name));
            }
        }
        if captured_at > now + Self::CLOCK_SKEW {
            return Err(MetricsError::InTheFuture);
        }
        if captured_at < Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).unwrap() {
            return Err(MetricsError::BeforeTikTok);
        }
        // Stored to the microsecond, as PostgreSQL does, so both databases hold the same value.
        let captured_at = DateTime::from_timestamp_micros(captured_at.timestamp_micros()).unwrap_or(captured_at);
        Ok(Self { captured_at, followers, following, likes, videos })
    }
}

/// How a history is bucketed: every point, or the last point of each UTC day, ISO week or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Raw,
    Day,
    Week,
    Month,
}

impl Interval {
    /// The first day of the bucket that holds `at`, or `None` for raw points.
    pub fn bucket(self, at: DateTime<Utc>) -> Option<NaiveDate> {
        let day = at.date_naive();
        match self {
            Interval::Raw => None,
            Interval::Day => Some(day),
            Interval::Week => Some(day - Duration::days(i64::from(day.weekday().num_days_from_monday()))),
            Interval::Month => day.with_day(1),
        }
    }

    /// Keeps the last point of each bucket. `points` must be sorted by `captured_at`.
    pub fn downsample<T>(self, points: Vec<T>, at: impl Fn(&T) -> DateTime<Utc>) -> Vec<T> {
        if self == Interval::Raw {
            return points;
        }
        let mut kept: Vec<T> = Vec::new();
        for point in points {
            match kept.last_mut() {
                Some(last) if self.bucket(at(last)) == self.bucket(at(&point)) => *last = point,
                _ => kept.push(point),
            }
        }
        kept
    }
}

impl std::error::Error for MetricsError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn refuses_negative_future_and_prehistoric_points() {
        let now = at(20, 12);
        assert!(MetricPoint::parse(at(20, 12), [1, 2, 3, 4], now).is_ok());
        assert_eq!(MetricPoint::parse(at(20, 12), [1, -2, 3, 4], now), Err(MetricsError::Negative("following")));
        assert_eq!(MetricPoint::parse(at(21, 12), [1, 2, 3, 4], now), Err(MetricsError::InTheFuture));
        let ancient = Utc.with_ymd_and_hms(2010, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(MetricPoint::parse(ancient, [1, 2, 3, 4], now), Err(MetricsError::BeforeTikTok));
    }

    #[test]
    fn downsampling_keeps_the_last_point_of_each_bucket() {
        // 2026-03-01 is a Sunday, so the 1st and the 2nd fall into different ISO weeks.
        let points = [at(1, 1), at(1, 23), at(2, 5), at(3, 5), at(9, 5)];
        assert_eq!(Interval::Day.downsample(points.to_vec(), |p| *p), vec![at(1, 23), at(2, 5), at(3, 5), at(9, 5)]);
        assert_eq!(Interval::Week.downsample(points.to_vec(), |p| *p), vec![at(1, 23), at(3, 5), at(9, 5)]);
        assert_eq!(Interval::Month.downsample(points.to_vec(), |p| *p), vec![at(9, 5)]);
        assert_eq!(Interval::Raw.downsample(points.to_vec(), |p| *p).len(), 5);
    }
}

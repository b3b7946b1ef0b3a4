//! Reading creator audience profiles from CSV, one share per line:
//! `handle,captured_at,sample_size,dimension,key,share`, where `dimension` is `age`, `gender`,
//! `country` or `language` and `share` is a fraction from 0 to 1 (or a percentage with `%`).
//! Lines with the same handle and time form one profile.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

use super::{RowError, read_rows};
use crate::domain::Handle;

pub const HEADER: [&str; 6] = ["handle", "captured_at", "sample_size", "dimension", "key", "share"];

/// One profile as read from the file, before the analytics rules validate it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedProfile {
    pub sample_size: Option<i64>,
    pub ages: BTreeMap<String, f64>,
    pub genders: BTreeMap<String, f64>,
    pub countries: BTreeMap<String, f64>,
    pub languages: BTreeMap<String, f64>,
    /// The first line of this profile in the file, for error messages.
    pub line: u64,
}

#[derive(Debug, Default)]
pub struct ParsedAudiences {
    pub profiles: BTreeMap<(Handle, DateTime<Utc>), ParsedProfile>,
    pub errors: Vec<RowError>,
}

fn parse_share(raw: &str) -> Option<f64> {
    let share = match raw.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().ok()? / 100.0,
        None => raw.parse::<f64>().ok()?,
    };
    (share.is_finite() && (0.0..=1.0).contains(&share)).then_some(share)
}

pub fn parse_csv(input: &[u8]) -> ParsedAudiences {
    let mut parsed = ParsedAudiences::default();
    let errors = read_rows(input, &HEADER, |_| {}, |record, line| add_row(&mut parsed, record, line));
    parsed.errors.extend(errors);
    parsed
}

fn add_row(parsed: &mut ParsedAudiences, record: &csv::StringRecord, line: u64) -> Result<(), String> {
    if record.len() != HEADER.len() {
        return Err(format!("expected {} fields, found {}", HEADER.len(), record.len()));
    }
    let handle = Handle::parse(&record[0]).map_err(|e| format!("handle {e}"))?;
    let captured_at = DateTime::parse_from_rfc3339(&record[1])
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(&record[1], "%Y-%m-%d").map(|d| d.and_time(Default::default()).and_utc())
        })
        .map_err(|_| "captured_at must be an RFC 3339 time or a YYYY-MM-DD date".to_string())?;
    let sample_size = match record[2].trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().ok().filter(|n| *n >= 0).ok_or("sample_size must be a whole number ≥ 0")?),
    };
    let key = record[4].trim();
    if key.is_empty() || key.chars().count() > 40 || key.chars().any(char::is_control) {
        return Err("key must be 1 to 40 characters".into());
    }
    let share =
        parse_share(record[5].trim()).ok_or("share must be a fraction from 0 to 1, or a percentage like 35%")?;
    let dimension = record[3].trim().to_ascii_lowercase();
    if !["age", "gender", "country", "language"].contains(&dimension.as_str()) {
        return Err("dimension must be age, gender, country or language".into());
    }
    let profile = parsed
        .profiles
        .entry((handle, captured_at))
        .or_insert_with(|| ParsedProfile { line, ..ParsedProfile::default() });
    if sample_size.is_some() {
        profile.sample_size = sample_size;
    }
    let distribution = match dimension.as_str() {
        "age" => &mut profile.ages,
        "gender" => &mut profile.genders,
        "country" => &mut profile.countries,
        _ => &mut profile.languages,
    };
    distribution.insert(key.to_owned(), share);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_one_handle_and_time_form_one_profile() {
        let csv = "handle,captured_at,sample_size,dimension,key,share\n\
                   mayabakes,2026-03-01,1200,age,18-24,0.41\n\
                   mayabakes,2026-03-01,,gender,female,62%\n\
                   mayabakes,2026-03-01,,country,US,0.5\n\
                   other,2026-03-01,,language,en,1.5\n\
                   other,2026-03-01,,height,tall,0.1\n";
        let parsed = parse_csv(csv.as_bytes());
        assert_eq!(parsed.profiles.len(), 1);
        let profile = parsed.profiles.values().next().unwrap();
        assert_eq!(profile.sample_size, Some(1200));
        assert_eq!(profile.ages["18-24"], 0.41);
        assert!((profile.genders["female"] - 0.62).abs() < 1e-9);
        assert_eq!(parsed.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![5, 6]);
    }
}

//! Reading metric history from CSV: `handle,captured_at,followers,following,likes,videos`.
//! Every bad row is reported with its line number; the caller decides whether any bad row
//! stops the whole import.

use chrono::{DateTime, NaiveDate, Utc};
use std::io::Read;

use super::{RowError, read_rows};
use crate::domain::{Handle, MetricPoint};

pub const HEADER: [&str; 6] = ["handle", "captured_at", "followers", "following", "likes", "videos"];

#[derive(Debug, Default)]
pub struct ParsedImport {
    pub rows: Vec<(Handle, MetricPoint)>,
    pub errors: Vec<RowError>,
}

/// `captured_at` as RFC 3339 (`2026-03-01T12:00:00Z`) or a bare UTC date (`2026-03-01`, midnight).
fn parse_time(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().map(|d| d.and_time(Default::default()).and_utc()))
}

fn parse_row(record: &csv::StringRecord, now: DateTime<Utc>) -> Result<(Handle, MetricPoint), String> {
    if record.len() != HEADER.len() {
        return Err(format!("expected {} fields, found {}", HEADER.len(), record.len()));
    }
    let handle = Handle::parse(&record[0]).map_err(|e| format!("handle {e}"))?;
    let captured_at = parse_time(record[1].trim())
        .ok_or_else(|| "captured_at must be an RFC 3339 time or a YYYY-MM-DD date".to_string())?;
    let mut counts = [0i64; 4];
    for (index, count) in counts.iter_mut().enumerate() {
        let raw = record[index + 2].trim();
        *count = raw.parse().map_err(|_| {
            format!("{} must be a whole number from 0 to 9223372036854775807, not {raw:?}", HEADER[index + 2])
        })?;
    }
    let point = MetricPoint::parse(captured_at, counts, now).map_err(|e| e.to_string())?;
    Ok((handle, point))
}

/// Parses a whole file. `progress` is told how many bytes have been read, for a progress bar.
pub fn parse_csv(input: impl Read, now: DateTime<Utc>, progress: impl FnMut(u64)) -> ParsedImport {
    let mut rows = Vec::new();
    let errors = read_rows(input, &HEADER, progress, |record, _| {
        rows.push(parse_row(record, now)?);
        Ok(())
    });
    ParsedImport { rows, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_bad_row_with_its_line() {
        let csv = "handle,captured_at,followers,following,likes,videos\n\
                   mayabakes,2026-03-01T12:00:00Z,1000,10,5000,20\n\
                   @MayaBakes,2026-03-02,1100,10,5100,21\n\
                   bad handle!,2026-03-02,1,1,1,1\n\
                   mayabakes,yesterday,1,1,1,1\n\
                   mayabakes,2026-03-03,-5,1,1,1\n\
                   mayabakes,2026-03-03,1,1,1\n";
        let parsed = parse_csv(csv.as_bytes(), Utc::now(), |_| {});
        assert_eq!(parsed.rows.len(), 2);
        let lines: Vec<u64> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7], "{:?}", parsed.errors);
        assert!(parsed.errors[2].message.contains("followers"));
    }

    #[test]
    fn refuses_a_wrong_header_and_an_empty_file() {
        assert_eq!(parse_csv("a,b,c\n".as_bytes(), Utc::now(), |_| {}).errors[0].line, 1);
        assert_eq!(parse_csv("".as_bytes(), Utc::now(), |_| {}).errors.len(), 1);
    }

    #[test]
    fn invalid_utf8_is_a_row_error_not_a_panic() {
        let mut bytes = b"handle,captured_at,followers,following,likes,videos\n".to_vec();
        bytes.extend_from_slice(b"ma\xffya,2026-03-01,1,1,1,1\nmaya,2026-03-01,1,1,1,1\n");
        let parsed = parse_csv(bytes.as_slice(), Utc::now(), |_| {});
        assert_eq!((parsed.rows.len(), parsed.errors.len()), (1, 1));
    }
}

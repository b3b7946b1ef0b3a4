//! Orders exported from a shop: `date,order_id,code,utm,amount,currency`, one order per line. A
//! row names the creator through its discount code, its UTM value, or both.

use chrono::NaiveDate;

use super::{RowError, read_rows};

pub const HEADER: [&str; 6] = ["date", "order_id", "code", "utm", "amount", "currency"];
/// Largest amount accepted for one order.
pub const MAX_AMOUNT: f64 = 1_000_000_000.0;
const MAX_TEXT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct OrderRow {
    pub line: u64,
    pub ordered_at: NaiveDate,
    pub order_id: String,
    pub code: Option<String>,
    pub utm: Option<String>,
    pub amount: f64,
    pub currency: String,
}

#[derive(Debug, Default)]
pub struct ParsedOrders {
    pub rows: Vec<OrderRow>,
    pub errors: Vec<RowError>,
}

/// A date as `YYYY-MM-DD`, or the date of an RFC 3339 time (shops export either).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    raw.parse::<NaiveDate>()
        .ok()
        .or_else(|| chrono::DateTime::parse_from_rfc3339(raw).ok().map(|t| t.to_utc().date_naive()))
}

pub fn is_currency(raw: &str) -> bool {
    raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_uppercase())
}

pub fn is_amount(amount: f64) -> bool {
    amount.is_finite() && (0.0..=MAX_AMOUNT).contains(&amount)
}

pub fn parse_csv(input: &[u8]) -> ParsedOrders {
    let mut rows = Vec::new();
    let errors = read_rows(
        input,
        &HEADER,
        |_| {},
        |record, line| {
            rows.push(parse_row(record, line)?);
            Ok(())
        },
    );
    ParsedOrders { rows, errors }
}

fn parse_row(record: &csv::StringRecord, line: u64) -> Result<OrderRow, String> {
    if record.len() != HEADER.len() {
        return Err(format!("expected {} fields, found {}", HEADER.len(), record.len()));
    }
    let field = |i: usize| record.get(i).unwrap_or_default();
    let optional = |i: usize| Some(field(i).to_owned()).filter(|v| !v.is_empty());
    let ordered_at = parse_date(field(0)).ok_or("date must be a date such as 2026-06-01")?;
    let order_id = field(1).to_owned();
    if order_id.is_empty() || order_id.chars().count() > MAX_TEXT {
        return Err("order_id must be given, at most 200 characters".into());
    }
    let (code, utm) = (optional(2), optional(3));
    if code.is_none() && utm.is_none() {
        return Err("code or utm must name the creator".into());
    }
    if [&code, &utm].into_iter().flatten().any(|v| v.chars().count() > MAX_TEXT) {
        return Err("code and utm must be at most 200 characters".into());
    }
    let amount = field(4).parse::<f64>().ok().filter(|a| is_amount(*a)).ok_or("amount must be a number from 0")?;
    let currency = field(5).to_owned();
    if !is_currency(&currency) {
        return Err("currency must be an ISO 4217 code of three capital letters, like USD".into());
    }
    Ok(OrderRow { line, ordered_at, order_id, code, utm, amount, currency })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_rows_parse_and_bad_ones_are_reported_by_line() {
        let csv = "Date,Order_ID,code,utm,amount,currency\n\
                   2026-06-03,#1001,SUNNYMIA,,49.90,USD\n\
                   2026-06-04T10:00:00+02:00,#1002,,mia.fits,20,EUR\n\
                   2026-06-05,#1003,,,10,USD\n\
                   yesterday,#1004,X,,10,USD\n\
                   2026-06-05,#1005,X,,-1,USD\n\
                   2026-06-05,#1006,X,,1,usd\n\
                   2026-06-05,,X,,1,USD\n";
        let parsed = parse_csv(csv.as_bytes());
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.rows[0].code.as_deref(), Some("SUNNYMIA"));
        assert_eq!(parsed.rows[1].ordered_at, NaiveDate::from_ymd_opt(2026, 6, 4).unwrap());
        assert_eq!(parsed.rows[1].utm.as_deref(), Some("mia.fits"));
        let lines: Vec<u64> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8]);
    }

    #[test]
    fn a_wrong_header_stops_at_line_one() {
        let parsed = parse_csv(b"order,amount\n1,2\n");
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].line, 1);
    }
}

//! How numbers are written in explanations and badges: "12,345", "2.5M", "+38%", "9×".

/// `1234567` → `"1,234,567"`.
pub(crate) fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed count: `"+1,234"` or `"-56"`.
pub(crate) fn signed_count(n: i64) -> String {
    if n >= 0 { format!("+{}", count(n)) } else { count(n) }
}

/// A float rounded to a whole count, with separators.
pub(crate) fn count_f(x: f64) -> String {
    count(x.round() as i64)
}

/// `2_500_000` → `"2.5M"`, `10_000` → `"10K"`: milestone and band labels.
pub(crate) fn compact(n: i64) -> String {
    let (unit, suffix) = match n.unsigned_abs() {
        a if a >= 1_000_000_000 => (1_000_000_000.0, "B"),
        a if a >= 1_000_000 => (1_000_000.0, "M"),
        a if a >= 1_000 => (1_000.0, "K"),
        _ => return n.to_string(),
    };
    let scaled = n as f64 / unit;
    let text = format!("{scaled:.1}");
    format!("{}{suffix}", text.strip_suffix(".0").unwrap_or(&text))
}

/// `38.2` → `"+38%"`, `-3.0` → `"-3%"`; one decimal below 10 %, so small changes do not read as zero.
pub(crate) fn signed_percent(p: f64) -> String {
    let text = if p.abs() < 10.0 { format!("{p:+.1}") } else { format!("{p:+.0}") };
    format!("{}%", text.strip_suffix(".0").unwrap_or(&text))
}

/// `9.04` → `"9×"`, `4.55` → `"4.5×"`: a multiple with at most one decimal.
pub(crate) fn multiple(x: f64) -> String {
    let text = format!("{x:.1}");
    format!("{}×", text.strip_suffix(".0").unwrap_or(&text))
}

/// Money with two decimals and a currency code: `"12.50 USD"`.
pub(crate) fn money(x: f64, currency: &str) -> String {
    if x.is_finite() { format!("{x:.2} {currency}") } else { INVALID.to_owned() }
}

/// Said of a setting that is NaN or infinite (unvalidated input), instead of printing "NaN".
pub(crate) const INVALID: &str = "not a valid number";

/// A share as a percentage with up to two decimals: `0.015` → `"1.5%"`.
pub(crate) fn share_percent(share: f64) -> String {
    let percent = (share * 10_000.0).round() / 100.0;
    if percent.is_finite() { format!("{percent}%") } else { INVALID.to_owned() }
}

/// A range of money: `"240.00–320.00 USD"`.
pub(crate) fn money_range(low: f64, high: f64, currency: &str) -> String {
    if low.is_finite() && high.is_finite() { format!("{low:.2}–{high:.2} {currency}") } else { INVALID.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(-999), "-999");
        assert_eq!(count(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(signed_count(50), "+50");
        assert_eq!(compact(2_500_000), "2.5M");
        assert_eq!(compact(10_000), "10K");
        assert_eq!(compact(999), "999");
        assert_eq!(signed_percent(38.2), "+38%");
        assert_eq!(signed_percent(2.04), "+2%");
        assert_eq!(signed_percent(2.54), "+2.5%");
        assert_eq!(multiple(9.04), "9×");
        assert_eq!(multiple(4.56), "4.6×");
        assert_eq!(money(12.5, "USD"), "12.50 USD");
        assert_eq!(money(f64::NAN, "USD"), INVALID);
        assert_eq!(share_percent(0.015), "1.5%");
    }
}

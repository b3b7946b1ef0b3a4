//! CSV downloads. Every cell is written through [`neutralise`], so no export can carry a formula
//! into a spreadsheet (OWASP's CSV injection advice), whoever wrote the text in it.

use actix_web::HttpResponse;
use std::borrow::Cow;

use super::problem::ApiError;

/// Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
/// that hide one after them).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as text a spreadsheet shows rather than evaluates: a cell that starts with a formula
/// character, even after spaces, gets a leading `'`. Plain numbers (`-12`, `+3.5`) stay numbers.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let starts_formula = cell.starts_with(['\t', '\r']) || cell.trim_start().starts_with(FORMULA_STARTS);
    if starts_formula && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV download: the header, then one record per row.
pub fn csv_download<R, F>(
    filename: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Result<HttpResponse, ApiError>
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ApiError::Unexpected(e.into());
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        let cells: Vec<F> = row.into_iter().collect();
        writer.write_record(cells.iter().map(|cell| neutralise(cell.as_ref()).into_owned())).map_err(failed)?;
    }
    let body = writer.into_inner().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("csv: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((actix_web::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        let cases = [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+SUM(1+1)", "'+SUM(1+1)"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-2+3", "'-2+3"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("\t=1+1", "'\t=1+1"),
            ("  =1+1", "'  =1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("-12", "-12"),
            ("+3.5", "+3.5"),
            ("-0.25", "-0.25"),
            ("mayabakes", "mayabakes"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (cell, expected) in cases {
            assert_eq!(neutralise(cell), expected, "cell {cell:?}");
        }
    }
}

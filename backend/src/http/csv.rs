//! CSV downloads.

use actix_web::HttpResponse;

use super::problem::ApiError;

/// A CSV download: the header, then one record per row.
pub fn csv_download<R, F>(
    filename: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Result<HttpResponse, ApiError>
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ApiError::Unexpected(e.into());
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer.write_record(row).map_err(failed)?;
    }
    let body = writer.into_inner().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("csv: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((actix_web::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .body(body))
}

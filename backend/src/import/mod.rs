//! Reading uploaded CSV files into rows, with every bad row reported by its line number. Pure
//! parsing: what the rows mean to the store is the services' business.

pub mod audience;
pub mod metrics;
pub mod orders;

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// Reads a CSV file whose first line must be `header` (in any case), handing each further record
/// and its 1-based line to `row`. Returns every bad line: a wrong header or an empty file (then
/// nothing else is read), a row that is not UTF-8 (the rest is still read), a row that is not
/// CSV (reading stops there), and whatever `row` refuses. `progress` is told how many bytes have
/// been read, for a progress bar.
pub fn read_rows(
    input: impl std::io::Read,
    header: &[&str],
    mut progress: impl FnMut(u64),
    mut row: impl FnMut(&csv::StringRecord, u64) -> Result<(), String>,
) -> Vec<RowError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(input);
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut header_seen = false;
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if !header_seen => {
                header_seen = true;
                let found: Vec<String> = record.iter().map(str::to_ascii_lowercase).collect();
                if found != header {
                    errors.push(RowError { line, message: format!("the header must be {}", header.join(",")) });
                    return errors;
                }
            }
            Ok(true) => {
                if let Err(message) = row(&record, line) {
                    errors.push(RowError { line, message });
                }
            }
            Err(error) => {
                let utf8 = matches!(error.kind(), csv::ErrorKind::Utf8 { .. });
                let message = if utf8 { "the row is not valid UTF-8" } else { "the row is not valid CSV" };
                errors.push(RowError { line, message: message.into() });
                if !utf8 {
                    return errors;
                }
            }
        }
        progress(reader.position().byte());
    }
    if !header_seen {
        errors.push(RowError { line: 1, message: "the file is empty".into() });
    }
    errors
}

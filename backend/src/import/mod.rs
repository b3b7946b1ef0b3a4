//! Reading uploaded CSV files into rows, with every bad row reported by its line number. Pure
//! parsing: what the rows mean to the store is the services' business.

pub mod audience;
pub mod metrics;

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

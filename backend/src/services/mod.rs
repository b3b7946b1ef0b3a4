//! Use cases that take more than one store call or carry rules of their own.

pub mod accounts;
pub mod analytics;
pub mod audience;
pub mod demo;
pub mod discovery;
pub mod import;
pub mod inputs_cache;

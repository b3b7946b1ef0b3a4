//! Authentication: password hashing, access and refresh tokens, login throttling.

pub mod passwords;
pub mod throttle;
pub mod tokens;

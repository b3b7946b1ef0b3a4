//! Authentication: password hashing, access and refresh tokens, login throttling.

pub mod api_keys;
pub mod passwords;
pub mod sealing;
pub mod throttle;
pub mod tokens;

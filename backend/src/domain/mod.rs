//! Domain types: values that are valid by construction. Parse at the edge, trust inside.

pub mod campaign;
mod email;
mod handle;
mod list_name;
mod metrics;
mod password;

pub use campaign::{Evidence, RuleKind, Rules, Stage, contact_from_bio, next_post_check};
pub use email::Email;
pub use handle::Handle;
pub use list_name::ListName;
pub use metrics::{Interval, MetricPoint, MetricsError};
pub use password::{Password, PasswordError};
pub mod text;
pub use text::{FreeText, Tags, TextError};

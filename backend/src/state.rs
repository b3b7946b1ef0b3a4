//! What every request handler shares: the store, token keys, hashing and the throttles.

use std::sync::Arc;

use crate::auth::passwords::PasswordHashing;
use crate::auth::throttle::AddressLimiter;
use crate::auth::tokens::TokenKeys;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub keys: TokenKeys,
    pub hashing: PasswordHashing,
    /// Login and registration attempts per client address.
    pub auth_attempts: AddressLimiter,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, keys: TokenKeys) -> Self {
        Self { store, keys, hashing: PasswordHashing::new(), auth_attempts: AddressLimiter::per_minute(20) }
    }
}

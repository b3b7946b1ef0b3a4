//! Teams: members and invitations. An invitation's secret reaches the store only as its SHA-256.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Membership, Result, Role};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

pub struct NewInvitation {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub email: String,
    pub role: Role,
    pub token_hash: Vec<u8>,
    pub invited_by: Uuid,
    pub expires_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub invited_by_name: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Why an invitation cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationRefusal {
    /// Unknown or revoked.
    NotFound,
    Used,
    Expired,
    /// The invitation names another e-mail address.
    OtherEmail,
    AlreadyMember,
}

#[async_trait]
pub trait TeamStore: Send + Sync {
    async fn members(&self, workspace_id: Uuid) -> Result<Vec<Member>>;
    /// Changes a member's role; refuses (`Conflict::LastOwner`) to leave the workspace without an owner.
    async fn set_member_role(
        &self,
        workspace_id: Uuid,
        user_id: Uuid,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Member>;
    /// Removes a member and the API keys they made there; refuses to remove the last owner.
    async fn remove_member(&self, workspace_id: Uuid, user_id: Uuid) -> Result<()>;
    async fn rename_workspace(&self, workspace_id: Uuid, name: &str, now: DateTime<Utc>) -> Result<()>;

    /// Refuses (`Conflict::AlreadyMember`) an address that is already a member.
    async fn create_invitation(&self, invitation: NewInvitation) -> Result<Invitation>;
    /// Invitations not yet accepted, revoked or expired.
    async fn pending_invitations(&self, workspace_id: Uuid, now: DateTime<Utc>) -> Result<Vec<Invitation>>;
    async fn revoke_invitation(&self, workspace_id: Uuid, invitation_id: Uuid, now: DateTime<Utc>) -> Result<()>;
    async fn invitation_by_token(&self, token_hash: &[u8]) -> Result<Option<Invitation>>;
    /// Uses the invitation once: the user (whose e-mail must match) joins with its role.
    async fn accept_invitation(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Membership, InvitationRefusal>>;
}

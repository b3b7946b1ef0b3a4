//! The demo workspace for a first run: three lists of synthetic creators from the demo source
//! with 180 days of history and their videos, an audience estimated from each creator's comments
//! (and a target audience, so fits show), two seeding campaigns (`demo_campaigns`), and a week of
//! alerts in the inbox.
//! Everything it writes says `source: demo`.

use chrono::{Duration, Utc};
use uuid::Uuid;
use zzyzx_analytics::{SampledComment, TargetAudience, estimate_audience};
use zzyzx_sources::{DemoSource, Source, Video, demo_handles, demo_history};

use super::alerts::Refreshed;
use crate::auth::passwords::PasswordHashing;
use crate::auth::tokens::generate_signing_secret;
use crate::domain::{Handle, MetricPoint, Password};
use crate::refresh::cadence::{self, Cadence, Signals};
use crate::store::{FetchSuccess, NewList, NewListItem, NewUser, Store, StoreError, WorkspaceDocuments};

pub const DEMO_EMAIL: &str = "demo@zzyzx.local";
const HISTORY_DAYS: i64 = 180;
/// The comments an audience estimate reads: the latest videos, and at most this many under each.
const ESTIMATE_VIDEOS: usize = 12;
const COMMENTS_PER_VIDEO: usize = 50;
const LISTS: [(&str, &str); 3] = [
    ("Spring drop: gym wear", "Fitness creators for the new training line"),
    ("Streetwear collab", "Street style and thrift creators"),
    ("Sustainable basics", "Slow fashion, running and yoga"),
];

pub struct DemoLogin {
    pub email: &'static str,
    pub password: String,
    pub creators: usize,
}

impl DemoLogin {
    pub fn print(&self) {
        println!(
            "\nDemo workspace ready ({} synthetic creators, labelled \"demo\").\n  Log in as: {}\n  Password:  {}\n",
            self.creators, self.email, self.password
        );
    }
}

/// Loads (or refreshes) the demo workspace. Safe to run again: lists and items are reused, the
/// password is replaced and printed anew.
pub async fn load(store: &dyn Store, hashing: &PasswordHashing) -> anyhow::Result<DemoLogin> {
    let now = Utc::now();
    let password = format!("demo-{}", &generate_signing_secret()[..20]);
    let hash =
        hashing.hash(&Password::parse(password.clone()).map_err(|e| anyhow::anyhow!("demo password: {e}"))?).await?;
    let workspace_id = match store.user_by_email(DEMO_EMAIL).await? {
        Some(user) => {
            store.set_password(user.id, &hash, now).await?;
            store
                .memberships(user.id)
                .await?
                .first()
                .map(|m| m.workspace_id)
                .ok_or_else(|| anyhow::anyhow!("the demo user has no workspace"))?
        }
        None => {
            let workspace_id = Uuid::now_v7();
            let user = NewUser {
                id: Uuid::now_v7(),
                email: DEMO_EMAIL.into(),
                display_name: "Demo brand".into(),
                password_hash: hash,
                workspace_id,
                workspace_name: "Demo brand (demo data)".into(),
                now,
            };
            store.create_user(user).await?;
            workspace_id
        }
    };

    let handles = demo_handles();
    let per_list = handles.len().div_ceil(LISTS.len());
    let existing = store.lists(workspace_id, None, 100).await?;
    let mut creators = Vec::new();
    for ((name, description), chunk) in LISTS.iter().zip(handles.chunks(per_list)) {
        let list = match existing.iter().find(|l| l.name == *name) {
            Some(list) => list.clone(),
            None => {
                let list = NewList {
                    id: Uuid::now_v7(),
                    workspace_id,
                    name: (*name).into(),
                    description: (*description).into(),
                    now,
                };
                store.create_list(list).await?
            }
        };
        for handle in chunk {
            let item = NewListItem {
                id: Uuid::now_v7(),
                handle: Handle::parse(handle)?,
                note: String::new(),
                tags: vec!["demo".into()],
                now,
            };
            match store.add_list_item(workspace_id, list.id, item).await {
                Ok(item) => creators.push((item.creator.id, *handle)),
                Err(StoreError::Conflict(_)) => {}
                Err(error) => return Err(error.into()),
            }
        }
    }
    if creators.is_empty() {
        // Already loaded: the items existed. Find the creators through the lists.
        for list in store.lists(workspace_id, None, 100).await? {
            let (_, items) = store.list_items(workspace_id, list.id, 0, 1000).await?;
            creators.extend(
                items
                    .into_iter()
                    .filter_map(|i| handles.iter().find(|h| **h == i.creator.handle).map(|h| (i.creator.id, *h))),
            );
        }
    }

    let source = DemoSource::new();
    let end = now - Duration::days(1);
    let mut rows = Vec::new();
    for (creator_id, handle) in &creators {
        for point in demo_history(handle, HISTORY_DAYS as usize, end) {
            rows.push((
                *creator_id,
                MetricPoint::parse(point.at, [point.followers, point.following, point.likes, point.videos], now)?,
            ));
        }
    }
    store.write_fetched_snapshots(&rows, source.name(), now).await?;
    for (creator_id, handle) in &creators {
        let profile = source.profile(handle).await?;
        // Two months of videos: enough for last cycle's campaign posts.
        let videos = source.videos(handle, None, 60).await?;
        estimate_audience_once(store, &source, workspace_id, *creator_id, handle, &videos).await?;
        // As the worker would schedule it after this fetch (campaigns join later, with their own pull).
        let stats = super::alerts::video_stats_of(handle, &videos);
        let reason = cadence::reason(Signals {
            climbing: cadence::climbing(&stats, |_| None, now),
            dormant: cadence::dormant(&stats, now),
            watched: true,
            ..Signals::default()
        });
        let interval = Cadence::default().interval(reason);
        let next_fetch_at = now + Duration::from_std(interval).unwrap_or(Duration::hours(24));
        store
            .record_fetch_successes(vec![FetchSuccess {
                creator_id: *creator_id,
                handle: (*handle).to_owned(),
                source: source.name(),
                profile,
                videos,
                next_fetch_at,
                refresh_reason: reason.as_str(),
                refresh_priority: reason.priority(),
                now,
                detection: None,
                prepared: None,
            }])
            .await?;
    }
    set_target_once(store, workspace_id).await?;
    let creator_ids: Vec<Uuid> = creators.iter().map(|(creator_id, _)| *creator_id).collect();
    super::analytics::Analytics { store }.keep_rows(&creator_ids).await?;
    let user = store.user_by_email(DEMO_EMAIL).await?.ok_or_else(|| anyhow::anyhow!("the demo user is gone"))?;
    super::demo_campaigns::load(store, workspace_id, user.id, &creators, now).await?;
    // A week of the news a daily refresh would have brought, in the inbox.
    let watched: Vec<Refreshed> = creators
        .iter()
        .map(|(creator_id, handle)| Refreshed {
            creator_id: *creator_id,
            handle: (*handle).to_owned(),
            source: source.name(),
            turned_unavailable: None,
            videos: Vec::new(),
        })
        .collect();
    super::alerts::replay(store, workspace_id, &watched, 7, now).await?;
    super::alerts::overdue_sweep(store, now).await?;
    Ok(DemoLogin { email: DEMO_EMAIL, password, creators: creators.len() })
}

/// Estimates the creator's audience from the comments on their latest videos, as zzyzx does for a
/// real source, unless the creator already has an audience profile in the workspace.
async fn estimate_audience_once(
    store: &dyn Store,
    source: &DemoSource,
    workspace_id: Uuid,
    creator_id: Uuid,
    handle: &str,
    videos: &[Video],
) -> anyhow::Result<()> {
    if !store.audience_profiles(workspace_id, creator_id).await?.is_empty() {
        return Ok(());
    }
    let mut sample = Vec::new();
    for video in videos.iter().take(ESTIMATE_VIDEOS) {
        for comment in source.comments(handle, &video.platform_id, COMMENTS_PER_VIDEO)? {
            sample.push(SampledComment {
                text: comment.text,
                commenter_id: comment.commenter_id,
                video_id: video.platform_id.clone(),
                commenter_country: comment.commenter_region,
            });
        }
    }
    super::audience::add_estimate(store, workspace_id, creator_id, &estimate_audience(&sample), source.name()).await?;
    Ok(())
}

/// The demo brand's customers, unless the workspace already names its own: English speakers in
/// four countries who follow activewear and street style.
async fn set_target_once(store: &dyn Store, workspace_id: Uuid) -> anyhow::Result<()> {
    let WorkspaceDocuments { target_audience, .. } = store.workspace_documents(workspace_id).await?;
    if target_audience.is_some() {
        return Ok(());
    }
    let codes = |codes: &[&str]| codes.iter().map(|c| (*c).to_owned()).collect();
    let target = TargetAudience {
        countries: codes(&["US", "GB", "CA", "AU"]),
        languages: codes(&["en"]),
        interests: codes(&["activewear", "gymtok", "streetwear", "ootd"]),
        ..TargetAudience::default()
    };
    super::workspace_settings::put(store, workspace_id, target).await?;
    Ok(())
}

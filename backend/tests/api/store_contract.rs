//! The store contract: the same behaviour from the PostgreSQL and the SQLite implementation.

use chrono::{Datelike, Duration, TimeZone, Utc};
use std::sync::Arc;
use uuid::Uuid;
use zzyzx::domain::{Handle, Interval, MetricPoint};
use zzyzx::store::*;

async fn user(store: &Arc<dyn Store>, email: &str) -> (User, Membership) {
    store
        .create_user(NewUser {
            id: Uuid::now_v7(),
            email: email.into(),
            display_name: "Tester".into(),
            password_hash: "not-a-real-hash".into(),
            workspace_id: Uuid::now_v7(),
            workspace_name: "Tester's workspace".into(),
            now: Utc::now(),
        })
        .await
        .expect("create a user")
}

async fn session(store: &Arc<dyn Store>, user_id: Uuid, hash: &[u8]) -> Uuid {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let refresh_token = NewRefreshToken { hash: hash.to_vec(), now, expires_at: now + Duration::days(7) };
    store
        .create_session(NewSession { id, user_id, now, expires_at: now + Duration::days(30), refresh_token })
        .await
        .unwrap();
    id
}

fn point(day: u32, followers: i64) -> MetricPoint {
    let at = Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap();
    MetricPoint::parse(at, [followers, 1, followers * 10, 2], Utc::now()).unwrap()
}

/// The kept row of a creator, as read back.
async fn kept_row(store: &Arc<dyn Store>, workspace_id: Uuid, creator_id: Uuid) -> StoredSummary {
    let mut rows = store.summaries(workspace_id, CreatorScope::One(creator_id)).await.unwrap();
    rows.remove(&creator_id).expect("a kept row")
}

async fn list_with(store: &Arc<dyn Store>, workspace_id: Uuid, handles: &[&str]) -> (List, Vec<ListItem>) {
    let now = Utc::now();
    let list = store
        .create_list(NewList {
            id: Uuid::now_v7(),
            workspace_id,
            name: format!("list {}", Uuid::new_v4()),
            description: String::new(),
            now,
        })
        .await
        .unwrap();
    let mut items = Vec::new();
    for handle in handles {
        let item = NewListItem {
            id: Uuid::now_v7(),
            handle: Handle::parse(handle).unwrap(),
            note: String::new(),
            tags: vec![],
            now,
        };
        items.push(store.add_list_item(workspace_id, list.id, item).await.unwrap());
    }
    let list = store.list(workspace_id, list.id).await.unwrap();
    (list, items)
}

crate::both_databases! {
    store:
    async fn users_are_unique_by_email(store) {
        user(&store, "same@example.com").await;
        let second = store
            .create_user(NewUser {
                id: Uuid::now_v7(),
                email: "same@example.com".into(),
                display_name: "Again".into(),
                password_hash: "x".into(),
                workspace_id: Uuid::now_v7(),
                workspace_name: "w".into(),
                now: Utc::now(),
            })
            .await;
        assert!(matches!(second, Err(StoreError::Conflict(Conflict::EmailTaken))), "{second:?}");
    }

    async fn sessions_grant_access_until_revoked(store) {
        let (alice, workspace) = user(&store, "alice@example.com").await;
        let (_, other) = user(&store, "bob@example.com").await;
        let id = session(&store, alice.id, b"first-token-hash").await;
        let now = Utc::now();
        assert_eq!(
            store.session_access(id, alice.id, None, now).await.unwrap(),
            SessionAccess::Granted { workspace_id: workspace.workspace_id, role: Role::Owner }
        );
        assert_eq!(store.session_access(id, alice.id, Some(other.workspace_id), now).await.unwrap(), SessionAccess::NotAMember);
        assert_eq!(store.session_access(id, Uuid::now_v7(), None, now).await.unwrap(), SessionAccess::Inactive);
        store.revoke_session(id, now).await.unwrap();
        assert_eq!(store.session_access(id, alice.id, None, now).await.unwrap(), SessionAccess::Inactive);
    }

    async fn refresh_tokens_rotate_once_and_reuse_ends_the_session(store) {
        let (alice, _) = user(&store, "alice@example.com").await;
        let id = session(&store, alice.id, b"rt1").await;
        let next = |hash: &[u8]| NewRefreshToken { hash: hash.to_vec(), now: Utc::now(), expires_at: Utc::now() + Duration::days(7) };
        assert_eq!(store.rotate_refresh_token(b"rt1", next(b"rt2")).await.unwrap(), RefreshOutcome::Rotated { user_id: alice.id, session_id: id });
        assert_eq!(store.rotate_refresh_token(b"rt1", next(b"rt3")).await.unwrap(), RefreshOutcome::Reused);
        assert_eq!(store.rotate_refresh_token(b"rt2", next(b"rt4")).await.unwrap(), RefreshOutcome::Invalid, "the family is revoked");
        assert_eq!(store.rotate_refresh_token(b"unknown", next(b"rt5")).await.unwrap(), RefreshOutcome::Invalid);
        assert_eq!(store.session_access(id, alice.id, None, Utc::now()).await.unwrap(), SessionAccess::Inactive);
    }

    async fn expired_refresh_tokens_are_invalid(store) {
        let (alice, _) = user(&store, "alice@example.com").await;
        let now = Utc::now();
        let refresh_token = NewRefreshToken { hash: b"old".to_vec(), now: now - Duration::days(8), expires_at: now - Duration::days(1) };
        store.create_session(NewSession { id: Uuid::now_v7(), user_id: alice.id, now, expires_at: now + Duration::days(30), refresh_token }).await.unwrap();
        let next = NewRefreshToken { hash: b"new".to_vec(), now, expires_at: now + Duration::days(7) };
        assert_eq!(store.rotate_refresh_token(b"old", next).await.unwrap(), RefreshOutcome::Invalid);
    }

    async fn failed_logins_count_up_and_reset(store) {
        let (alice, _) = user(&store, "alice@example.com").await;
        for _ in 0..3 {
            store.record_failed_login(alice.id, Utc::now()).await.unwrap();
        }
        assert_eq!(store.user_by_id(alice.id).await.unwrap().unwrap().failed_logins, 3);
        store.record_successful_login(alice.id, Some("rehashed".into())).await.unwrap();
        let after = store.user_by_id(alice.id).await.unwrap().unwrap();
        assert_eq!((after.failed_logins, after.password_hash.as_str()), (0, "rehashed"));
    }

    async fn list_names_are_unique_per_workspace_only(store) {
        let (_, a) = user(&store, "a@example.com").await;
        let (_, b) = user(&store, "b@example.com").await;
        let new = |workspace_id| NewList { id: Uuid::now_v7(), workspace_id, name: "Same".into(), description: String::new(), now: Utc::now() };
        store.create_list(new(a.workspace_id)).await.unwrap();
        assert!(matches!(store.create_list(new(a.workspace_id)).await, Err(StoreError::Conflict(Conflict::DuplicateListName))));
        store.create_list(new(b.workspace_id)).await.expect("another workspace may use the name");
        assert!(matches!(store.list(b.workspace_id, Uuid::now_v7()).await, Err(StoreError::NotFound)));
    }

    async fn reorders_check_the_version_and_the_item_set(store) {
        let (_, ws) = user(&store, "a@example.com").await;
        let (list, items) = list_with(&store, ws.workspace_id, &["one", "two", "three"]).await;
        let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
        assert_eq!(items.iter().map(|i| i.position).collect::<Vec<_>>(), vec![0, 1, 2]);
        let now = Utc::now();
        let stale = Reorder::Move { item_id: ids[0], position: 2, expected_version: list.version - 1, now };
        assert!(matches!(store.reorder_list(ws.workspace_id, list.id, stale).await, Err(StoreError::StaleVersion)));
        let version = store
            .reorder_list(ws.workspace_id, list.id, Reorder::Move { item_id: ids[0], position: 2, expected_version: list.version, now })
            .await
            .unwrap();
        assert_eq!(version, list.version + 1);
        let (_, after) = store.list_items(ws.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!(after.iter().map(|i| i.creator.handle.as_str()).collect::<Vec<_>>(), vec!["two", "three", "one"]);
        let wrong_set = Reorder::Set { item_ids: vec![ids[0], ids[1]], expected_version: version, now };
        assert!(matches!(store.reorder_list(ws.workspace_id, list.id, wrong_set).await, Err(StoreError::ItemSetMismatch)));
        let (version_after, _) = store.list_items(ws.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!(version_after, version, "a refused reorder leaves the version alone");
        let missing = Reorder::Set { item_ids: vec![], expected_version: version, now };
        assert!(matches!(store.reorder_list(ws.workspace_id, Uuid::now_v7(), missing).await, Err(StoreError::NotFound)));
    }

    async fn a_page_profile_or_history_is_read_whole_or_not_found(store) {
        let (_, a) = user(&store, "a@example.com").await;
        let (_, b) = user(&store, "b@example.com").await;
        let (list, items) = list_with(&store, a.workspace_id, &["one", "two"]).await;
        let current = store.list(a.workspace_id, list.id).await.unwrap().version;
        let (version, page) = store.list_items(a.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!((version, page.len()), (current, 2), "the page carries the list's version");
        let (past_the_end, empty) = store.list_items(a.workspace_id, list.id, 5, 10).await.unwrap();
        assert_eq!((past_the_end, empty.len()), (version, 0), "an empty page still has the version");
        for (workspace_id, list_id) in [(b.workspace_id, list.id), (a.workspace_id, Uuid::now_v7())] {
            let page = store.list_items(workspace_id, list_id, 0, 10).await;
            assert!(matches!(page, Err(StoreError::NotFound)), "another workspace's list, or none");
        }

        let creator = items[0].creator.id;
        store.write_snapshots(a.workspace_id, creator, &[point(1, 10), point(2, 20)], SnapshotSource::Manual, Utc::now()).await.unwrap();
        let profile = store.creator(a.workspace_id, creator).await.unwrap();
        assert_eq!(profile.latest.map(|s| s.followers), Some(20));
        assert_eq!((profile.snapshot_count, profile.tracking_since.map(|at| at.day())), (2, Some(1)));
        let range = (Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Utc::now());
        let history = store.history(a.workspace_id, creator, range.0, range.1, Interval::Raw).await.unwrap();
        assert_eq!(history.len(), 2);
        for (workspace_id, creator_id) in [(b.workspace_id, creator), (a.workspace_id, Uuid::now_v7())] {
            assert!(matches!(store.creator(workspace_id, creator_id).await, Err(StoreError::NotFound)));
            let history = store.history(workspace_id, creator_id, range.0, range.1, Interval::Week).await;
            assert!(matches!(history, Err(StoreError::NotFound)), "a history of a creator the workspace does not know");
        }
    }

    async fn a_page_reads_latest_counts_from_current_kept_rows_only(store) {
        let (_, a) = user(&store, "a@example.com").await;
        let (_, b) = user(&store, "b@example.com").await;
        let (list, items) = list_with(&store, a.workspace_id, &["kept", "plain"]).await;
        list_with(&store, b.workspace_id, &["kept"]).await;
        let (kept, plain) = (&items[0].creator, &items[1].creator);
        store.write_snapshots(a.workspace_id, plain.id, &[point(1, 10)], SnapshotSource::Manual, Utc::now()).await.unwrap();
        let row = |workspace_id: Uuid, followers: i64| {
            let latest = format!(
                r#"{{"captured_at":"2026-03-05T12:00:00Z","followers":{followers},"following":1,"likes":1,"videos":1,"source":"kept"}}"#
            );
            let stamp = SummaryStamp { shape: SUMMARY_SHAPE, data_version: kept.data_version, computed_on: Utc::now().date_naive(), documents: 0 };
            (workspace_id, StoredSummary { creator_id: kept.id, stamp, sort_keys: "{}".into(), payload: format!(r#"{{"latest":{latest},"sparkline":[]}}"#), latest: Some(latest) })
        };
        for (workspace_id, summary) in [row(a.workspace_id, 999), row(b.workspace_id, 555)] {
            store.put_summaries(workspace_id, &[summary], Utc::now()).await.unwrap();
        }
        let followers = |page: &[ListItem]| page.iter().map(|i| i.latest.as_ref().map(|s| s.followers)).collect::<Vec<_>>();
        let (_, page) = store.list_items(a.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!(followers(&page), vec![None, Some(10)], "one row not kept: every latest is looked up");

        // With both rows kept and current, the page shows what the workspace's own rows hold
        // (planted here to differ from the snapshots).
        let plain_row = StoredSummary {
            creator_id: plain.id,
            stamp: SummaryStamp { data_version: store.creator(a.workspace_id, plain.id).await.unwrap().creator.data_version, ..row(a.workspace_id, 0).1.stamp },
            sort_keys: "{}".into(),
            payload: r#"{"latest":null,"sparkline":[]}"#.into(),
            latest: Some("null".into()),
        };
        store.put_summaries(a.workspace_id, &[plain_row], Utc::now()).await.unwrap();
        let (_, page) = store.list_items(a.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!(followers(&page), vec![Some(999), None], "both rows are current and read as kept");

        // A row kept before the latest snapshot was kept beside it: the page looks them all up.
        let unkept = StoredSummary { latest: None, ..kept_row(&store, a.workspace_id, plain.id).await };
        store.put_summaries(a.workspace_id, std::slice::from_ref(&unkept), Utc::now()).await.unwrap();
        let (_, page) = store.list_items(a.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!(followers(&page), vec![None, Some(10)]);

        // So does a write, which makes a kept row out of date.
        store.put_summaries(a.workspace_id, &[StoredSummary { latest: Some("null".into()), ..unkept }], Utc::now()).await.unwrap();
        store.write_snapshots(a.workspace_id, kept.id, &[point(2, 20)], SnapshotSource::Manual, Utc::now()).await.unwrap();
        let (_, page) = store.list_items(a.workspace_id, list.id, 0, 10).await.unwrap();
        assert_eq!(followers(&page), vec![Some(20), Some(10)]);
    }

    async fn written_snapshots_upsert_and_stay_in_their_workspace(store) {
        let (_, a) = user(&store, "a@example.com").await;
        let (_, b) = user(&store, "b@example.com").await;
        let (_, items) = list_with(&store, a.workspace_id, &["shared"]).await;
        let creator = items[0].creator.id;
        let now = Utc::now();
        let written = store
            .write_snapshots(a.workspace_id, creator, &[point(1, 10), point(2, 20), point(2, 25)], SnapshotSource::Manual, now)
            .await
            .unwrap();
        assert_eq!(written, 2, "two points at the same time collapse into the last");
        let range = (Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Utc::now());
        let history = store.snapshots(a.workspace_id, creator, range.0, range.1).await.unwrap();
        assert_eq!(history.iter().map(|s| s.followers).collect::<Vec<_>>(), vec![10, 25]);

        assert!(matches!(store.snapshots(b.workspace_id, creator, range.0, range.1).await, Err(StoreError::NotFound)), "B does not know the creator");
        list_with(&store, b.workspace_id, &["shared"]).await;
        assert!(store.snapshots(b.workspace_id, creator, range.0, range.1).await.unwrap().is_empty(), "A's points are A's");
        let profile = store.creator(a.workspace_id, creator).await.unwrap();
        assert_eq!((profile.snapshot_count, profile.latest.map(|s| s.followers)), (2, Some(25)));
    }

    async fn a_history_is_bucketed_as_interval_defines_it(store) {
        let (_, a) = user(&store, "a@example.com").await;
        let (_, items) = list_with(&store, a.workspace_id, &["bucketed"]).await;
        let creator = items[0].creator.id;
        // Points every 7 hours over ten weeks, across month ends and ISO week starts (Monday
        // 00:00 UTC), some seconds apart at a day's end, so that buckets hold a few points each.
        let start = Utc.with_ymd_and_hms(2026, 1, 26, 1, 0, 0).unwrap();
        let mut points: Vec<MetricPoint> = (0..240)
            .map(|n| MetricPoint::parse(start + Duration::hours(7 * n), [n, 1, 2, 3], Utc::now()).unwrap())
            .collect();
        for (n, at) in [(1_000, "2026-03-01T23:59:59Z"), (1_001, "2026-03-02T00:00:00Z"), (1_002, "2026-03-31T23:59:58Z")] {
            points.push(MetricPoint::parse(at.parse().unwrap(), [n, 1, 2, 3], Utc::now()).unwrap());
        }
        store.write_snapshots(a.workspace_id, creator, &points, SnapshotSource::Manual, Utc::now()).await.unwrap();
        let (from, to) = (start + Duration::days(3), start + Duration::days(66));
        let raw = store.snapshots(a.workspace_id, creator, from, to).await.unwrap();
        assert!(raw.len() > 200);
        for interval in [Interval::Day, Interval::Week, Interval::Month] {
            let bucketed = store.history(a.workspace_id, creator, from, to, interval).await.unwrap();
            assert_eq!(bucketed, interval.downsample(raw.clone(), |s| s.captured_at), "{interval:?}");
        }
        let weeks = store.history(a.workspace_id, creator, from, to, Interval::Week).await.unwrap();
        assert!(weeks.iter().any(|s| s.followers == 1_000), "Sunday's last second ends its week");
        assert_eq!(store.history(a.workspace_id, creator, from, to, Interval::Raw).await.unwrap(), raw);
    }

    async fn imports_create_creators_once_and_replace_rows(store) {
        let (_, a) = user(&store, "a@example.com").await;
        let rows: Vec<(Handle, MetricPoint)> = (1..=20)
            .flat_map(|day| ["first", "second", "third"].map(|h| (Handle::parse(h).unwrap(), point(day, i64::from(day)))))
            .collect();
        let summary = store.import_snapshots(a.workspace_id, &rows, SnapshotSource::Import, Utc::now()).await.unwrap();
        assert_eq!(summary, ImportSummary { rows_written: 60, creators_created: 3 });
        let again = store.import_snapshots(a.workspace_id, &rows, SnapshotSource::Import, Utc::now()).await.unwrap();
        assert_eq!(again.creators_created, 0);
        let (_, items) = list_with(&store, a.workspace_id, &["first"]).await;
        let profile = store.creator(a.workspace_id, items[0].creator.id).await.unwrap();
        assert_eq!(profile.snapshot_count, 20, "a second import replaces rows instead of adding");
        assert_eq!(profile.latest.unwrap().source, "import");
    }

    async fn fit_uses_the_best_kind_of_audience_profile_then_the_newest(store) {
        let (_, a) = user(&store, "audience-kinds@example.com").await;
        let (_, items) = list_with(&store, a.workspace_id, &["kinds.one"]).await;
        let creator_id = items[0].creator.id;
        let day = |d: u32| Utc.with_ymd_and_hms(2026, 3, d, 12, 0, 0).unwrap();
        let profile = |kind: &str, captured_at| AudienceRow {
            id: Uuid::now_v7(),
            creator_id,
            kind: kind.into(),
            source: format!("{kind} test"),
            captured_at,
            sample_size: Some(100),
            ages: Default::default(),
            genders: Default::default(),
            countries: sqlx::types::Json([("US".to_owned(), 0.5)].into()),
            languages: Default::default(),
            created_at: Utc::now(),
            estimate: None,
        };
        let used = |store: Arc<dyn Store>| async move {
            let mut latest = store.latest_audiences(a.workspace_id, CreatorScope::One(creator_id)).await.unwrap();
            latest.remove(&creator_id).map(|row| (row.kind, row.captured_at))
        };
        // An estimate alone is used; a manual profile, even an older one, wins over it.
        store.add_audience_profiles(a.workspace_id, &[profile("estimated", day(20))]).await.unwrap();
        assert_eq!(used(store.clone()).await, Some(("estimated".to_owned(), day(20))));
        store.add_audience_profiles(a.workspace_id, &[profile("manual", day(2))]).await.unwrap();
        assert_eq!(used(store.clone()).await, Some(("manual".to_owned(), day(2))));
        // Imported and manual are one rank: the newer wins.
        store.add_audience_profiles(a.workspace_id, &[profile("imported", day(5))]).await.unwrap();
        assert_eq!(used(store.clone()).await, Some(("imported".to_owned(), day(5))));
        // A provider's report beats them, and a connected account beats everything, however old.
        store.add_audience_profiles(a.workspace_id, &[profile("provider", day(3))]).await.unwrap();
        assert_eq!(used(store.clone()).await, Some(("provider".to_owned(), day(3))));
        store.add_audience_profiles(a.workspace_id, &[profile("connected", day(1)), profile("estimated", day(28))]).await.unwrap();
        assert_eq!(used(store.clone()).await, Some(("connected".to_owned(), day(1))));
        // The store refuses a kind it does not know.
        assert!(store.add_audience_profiles(a.workspace_id, &[profile("guessed", day(4))]).await.is_err());
    }

    async fn events_are_recorded_once_with_a_delivery_for_each_endpoint_that_takes_them(store) {
        let (_, a) = user(&store, "alice@example.com").await;
        let (_, b) = user(&store, "bob@example.com").await;
        let now = Utc::now();
        let endpoint = |workspace_id: Uuid, types: &[&str], enabled: bool| WebhookEndpoint {
            id: Uuid::now_v7(),
            workspace_id,
            url: "https://hooks.example.com/zzyzx".into(),
            description: String::new(),
            event_types: sqlx::types::Json(types.iter().map(|t| t.to_string()).collect()),
            enabled,
            secret_generation: 1,
            failing_since: None,
            disabled_reason: None,
            created_at: now,
            updated_at: now,
        };
        let viral_only = store.create_webhook(&endpoint(a.workspace_id, &["video.viral"], true)).await.unwrap();
        let both = store.create_webhook(&endpoint(a.workspace_id, &["video.viral", "creator.rising"], true)).await.unwrap();
        let disabled = store.create_webhook(&endpoint(a.workspace_id, &["video.viral"], false)).await.unwrap();
        let other = store.create_webhook(&endpoint(b.workspace_id, &["video.viral"], true)).await.unwrap();
        let event = |workspace_id: Uuid, kind: &'static str, key: &str| NewEvent {
            workspace_id,
            kind,
            key: key.into(),
            creator_id: None,
            campaign_id: None,
            video_id: None,
            occurred_at: now,
            sentence: format!("{kind} {key}"),
            data: serde_json::json!({ "key": key }),
            source: None,
        };
        // The same fact twice in a batch, and the same key in another workspace.
        let batch = [
            event(a.workspace_id, "video.viral", "viral:1"),
            event(a.workspace_id, "video.viral", "viral:1"),
            event(a.workspace_id, "creator.rising", "rising:1"),
            event(b.workspace_id, "video.viral", "viral:1"),
        ];
        assert_eq!(store.record_events(&batch, now).await.unwrap().len(), 3);
        assert!(store.record_events(&batch, now).await.unwrap().is_empty(), "a repeat records nothing");
        let delivered = |workspace_id: Uuid, endpoint_id: Uuid| {
            let store = store.clone();
            async move {
                let deliveries = store.webhook_deliveries(workspace_id, endpoint_id, None, 100).await.unwrap();
                let mut types: Vec<String> = deliveries.into_iter().map(|d| d.event_type).collect();
                types.sort();
                types
            }
        };
        assert_eq!(delivered(a.workspace_id, viral_only.id).await, ["video.viral"]);
        assert_eq!(delivered(a.workspace_id, both.id).await, ["creator.rising", "video.viral"]);
        assert!(delivered(a.workspace_id, disabled.id).await.is_empty(), "a disabled endpoint gets nothing");
        assert_eq!(delivered(b.workspace_id, other.id).await, ["video.viral"]);
        let filter = EventFilter::default();
        assert_eq!(store.events(a.workspace_id, None, &filter, None, 100).await.unwrap().len(), 2);
        assert_eq!(store.events(b.workspace_id, None, &filter, None, 100).await.unwrap().len(), 1);
    }

    async fn settings_keep_their_first_value(store) {
        assert_eq!(store.setting_or_insert("k", "first").await.unwrap(), "first");
        assert_eq!(store.setting_or_insert("k", "second").await.unwrap(), "first");
    }
}

/// A backend terminated under a query (a failover, `pg_terminate_backend`) is a lost connection,
/// which a read may try again; a broken query is not.
#[tokio::test]
async fn a_terminated_postgres_backend_counts_as_a_lost_connection() {
    use sqlx::Connection;
    let url = crate::helpers::postgres_base_url();
    let mut victim = sqlx::PgConnection::connect(&url).await.expect("PostgreSQL is required for this test");
    let mut admin = sqlx::PgConnection::connect(&url).await.expect("connect");
    let pid: i32 = sqlx::query_scalar("select pg_backend_pid()").fetch_one(&mut victim).await.unwrap();
    sqlx::query("select pg_terminate_backend($1)").bind(pid).execute(&mut admin).await.unwrap();
    let error = sqlx::query("select 1").execute(&mut victim).await.expect_err("the backend is gone");
    assert!(is_connection_lost(&anyhow::Error::new(error).context("a read")));

    let error = sqlx::query("select * from no_such_table").execute(&mut admin).await.expect_err("no such table");
    assert!(!is_connection_lost(&anyhow::Error::new(error)));
}

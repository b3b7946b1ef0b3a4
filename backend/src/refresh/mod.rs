//! The refresh worker: leases due creators in batches, fetches them from the data source with
//! bounded concurrency under a rate limit, retries with backoff, honours `Retry-After` and quota
//! pauses, trips a circuit breaker when the provider keeps failing, and writes each result as an
//! idempotent upsert. Several workers (processes) share the work through leases.

pub mod cadence;
pub mod policy;

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use rand::Rng;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;
use uuid::Uuid;
use zzyzx_sources::{Source, SourceError};

use crate::services::alerts::Refreshed;
use crate::store::{ClaimedCreator, CreatorStatus, FetchFailure, FetchSuccess, SourceEvent, Store};
use cadence::{Cadence, Reason, Signals};
use policy::{Backoff, Breaker, BreakerConfig, BreakerState};
use zzyzx_analytics::{SampledComment, estimate_audience};

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Names this worker's leases; unique per process.
    pub owner: String,
    pub batch_size: i64,
    pub concurrency: usize,
    pub lease: Duration,
    /// How often to look for due creators when there were none.
    pub poll_interval: Duration,
    /// How long after a successful fetch a creator is due again, by why.
    pub cadence: Cadence,
    /// Requests a day to the source, all workers together (`ZZYZX_SOURCE_DAILY_BUDGET`); none
    /// sets no limit but the provider's.
    pub daily_budget: Option<u32>,
    /// Calls per second to the source, across this worker's tasks.
    pub requests_per_second: u32,
    /// Attempts per creator per cycle (1 + retries).
    pub max_attempts: u32,
    pub backoff: Backoff,
    /// A wait longer than this (a long `Retry-After`) reschedules the creator instead.
    pub max_inline_wait: Duration,
    pub breaker: BreakerConfig,
    /// On shutdown, how long fetches in flight may take to finish.
    pub shutdown_grace: Duration,
    pub videos_per_fetch: usize,
    pub estimate: EstimateConfig,
    /// How often the worker asks a source that reports audiences (ScrapeCreators: 26 credits a
    /// call) for a creator's audience countries.
    pub provider_audience_every: Duration,
    /// Record the events each batch brings (viral videos, milestones, …); off only to measure
    /// what they cost.
    pub record_events: bool,
}

/// How often, and from how many comments, the worker estimates a creator's audience, when the
/// source gives comments: one call per video read, so `videos` calls per creator per `every`.
#[derive(Debug, Clone, Copy)]
pub struct EstimateConfig {
    pub every: Duration,
    /// The latest videos whose comments are read.
    pub videos: usize,
    pub comments_per_video: usize,
}

impl Default for EstimateConfig {
    fn default() -> Self {
        Self { every: Duration::from_secs(7 * 24 * 60 * 60), videos: 5, comments_per_video: 50 }
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            owner: format!("worker-{}-{}", std::process::id(), Uuid::new_v4().simple()),
            batch_size: 50,
            concurrency: 8,
            lease: Duration::from_secs(5 * 60),
            poll_interval: Duration::from_secs(5),
            cadence: Cadence::default(),
            daily_budget: None,
            requests_per_second: 5,
            max_attempts: 4,
            backoff: Backoff { base: Duration::from_secs(1), cap: Duration::from_secs(60) },
            max_inline_wait: Duration::from_secs(60),
            breaker: BreakerConfig::default(),
            shutdown_grace: Duration::from_secs(20),
            videos_per_fetch: 30,
            estimate: EstimateConfig::default(),
            provider_audience_every: Duration::from_secs(30 * 24 * 60 * 60),
            record_events: true,
        }
    }
}

/// What one pass over the due creators did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CycleReport {
    pub claimed: usize,
    pub succeeded: usize,
    /// Marked not found, private or banned.
    pub marked: usize,
    pub failed: usize,
    /// Put back for later: the breaker was open, the source paused, or shutdown came.
    pub rescheduled: usize,
    /// The cycle stopped early because the provider is failing or paused.
    pub degraded: bool,
    /// The cycle stopped because today's request budget is spent, for now.
    pub budget_spent: bool,
}

enum Outcome {
    /// Fetched, to be written with the rest of the batch; with the videos for the events.
    Fetched(Box<FetchSuccess>, Vec<zzyzx_analytics::VideoStats>),
    /// Fetched and written; with the creator's videos as fetched, for the events.
    Succeeded(Vec<zzyzx_analytics::VideoStats>),
    /// Found not found, private or banned.
    Marked(CreatorStatus),
    Failed,
    Rescheduled,
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Fetched(..) | Outcome::Succeeded(_) => "succeeded",
            Outcome::Marked(_) => "marked",
            Outcome::Failed => "failed",
            Outcome::Rescheduled => "rescheduled",
        }
    }
}

pub struct RefreshWorker {
    store: Arc<dyn Store>,
    source: Arc<dyn Source>,
    config: WorkerConfig,
    breaker: Mutex<Breaker>,
    limiter: DefaultDirectRateLimiter,
    wake: Arc<Notify>,
    /// Requests reserved from the daily budget for the batch in hand.
    reserved: AtomicI64,
}

impl RefreshWorker {
    pub fn new(store: Arc<dyn Store>, source: Arc<dyn Source>, config: WorkerConfig, wake: Arc<Notify>) -> Self {
        let rate = NonZeroU32::new(config.requests_per_second).unwrap_or(NonZeroU32::MIN);
        Self {
            store,
            source,
            breaker: Mutex::new(Breaker::new(config.breaker)),
            limiter: RateLimiter::direct(Quota::per_second(rate)),
            config,
            wake,
            reserved: AtomicI64::new(0),
        }
    }

    pub fn breaker_state(&self) -> BreakerState {
        self.breaker.lock().map(|b| b.state(Instant::now())).unwrap_or(BreakerState::Closed)
    }

    /// Runs until `shutdown` is cancelled, then gives back whatever it still holds.
    /// Runs the worker until `shutdown`, starting it again (after 5 s) should it ever panic, so
    /// that a bug in one cycle does not silently stop every refresh. Its leases run out on their own.
    pub async fn supervise(self: Arc<Self>, shutdown: CancellationToken) {
        loop {
            let worker = self.clone();
            let run = tokio::spawn({
                let shutdown = shutdown.clone();
                async move { worker.run(shutdown).await }
            });
            match run.await {
                Err(error) if error.is_panic() && !shutdown.is_cancelled() => {
                    tracing::error!(%error, "the refresh worker crashed; starting it again in 5 s");
                    tokio::select! {
                        _ = shutdown.cancelled() => return,
                        _ = tokio::time::sleep(Duration::from_secs(5)) => {}
                    }
                }
                _ => return,
            }
        }
    }

    pub async fn run(&self, shutdown: CancellationToken) {
        tracing::info!(source = self.source.name(), owner = %self.config.owner, "refresh worker started");
        while !shutdown.is_cancelled() {
            let report = self.run_cycle(&shutdown).await;
            if report.claimed > 0 {
                tracing::info!(?report, "refresh cycle finished");
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.config.poll_interval) => {}
            }
        }
        match self.store.release_leases(&self.config.owner).await {
            Ok(released) => tracing::info!(released, "refresh worker stopped"),
            Err(error) => tracing::error!(error = ?error, "could not release leases on shutdown"),
        }
    }

    /// Claims and fetches due creators until none is due, the provider fails, or shutdown.
    pub async fn run_cycle(&self, shutdown: &CancellationToken) -> CycleReport {
        let mut report = CycleReport::default();
        // Each batch's events are worked out while the next batch is fetched; the cycle ends when
        // they are all recorded.
        let mut events = tokio::task::JoinSet::new();
        while !shutdown.is_cancelled() {
            if let Some(until) = self.paused_until().await {
                tracing::debug!(%until, "source paused; not claiming");
                report.degraded = true;
                break;
            }
            // An open breaker claims nothing; a half-open one claims a single creator as the probe.
            let batch_size = match self.breaker_state() {
                BreakerState::Open => {
                    report.degraded = true;
                    break;
                }
                BreakerState::HalfOpen => 1,
                BreakerState::Closed => self.config.batch_size,
            };
            let (batch_size, budget) = match self.config.daily_budget {
                None => (batch_size, None),
                Some(daily) => match self.reserve_batch(batch_size, i64::from(daily)).await {
                    Ok(Some((refreshes, budget))) => (refreshes, Some(budget)),
                    Ok(None) => {
                        report.budget_spent = true;
                        break;
                    }
                    Err(error) => {
                        tracing::error!(error = ?error, "reserving from the daily budget failed");
                        report.degraded = true;
                        break;
                    }
                },
            };
            let now = Utc::now();
            let lease_until = now + chrono::Duration::from_std(self.config.lease).unwrap_or_default();
            let watched_since = now - chrono::Duration::days(cadence::WATCHED_DAYS);
            let claimed =
                self.store.claim_due_creators(&self.config.owner, now, lease_until, batch_size, watched_since).await;
            let batch = match claimed {
                Ok(batch) if !batch.is_empty() => batch,
                outcome => {
                    if let Err(error) = outcome {
                        tracing::error!(error = ?error, "claiming due creators failed");
                        report.degraded = true;
                    }
                    self.settle(budget).await;
                    break;
                }
            };
            report.claimed += batch.len();
            let work = futures_util::stream::iter(batch)
                .map(|creator| async move {
                    let outcome = self.refresh_one(&creator).await;
                    (creator, outcome)
                })
                .buffer_unordered(self.config.concurrency);
            let mut work = std::pin::pin!(work.collect::<Vec<(ClaimedCreator, Outcome)>>());
            let outcomes = tokio::select! {
                outcomes = &mut work => outcomes,
                _ = shutdown.cancelled() => {
                    // Stop claiming; give the fetches in flight a moment to finish.
                    match tokio::time::timeout(self.config.shutdown_grace, &mut work).await {
                        Ok(outcomes) => outcomes,
                        Err(_) => {
                            tracing::info!("fetches still in flight at shutdown are abandoned; their leases are released");
                            break;
                        }
                    }
                }
            };
            let (outcomes, new_posts) = self.write_fetched(outcomes).await;
            self.settle(budget).await;
            for (_, outcome) in &outcomes {
                metrics::counter!(crate::metrics::REFRESH_OUTCOMES, "source" => self.source.name(), "outcome" => outcome.label())
                    .increment(1);
                match outcome {
                    Outcome::Fetched(..) | Outcome::Succeeded(_) => report.succeeded += 1,
                    Outcome::Marked(_) => report.marked += 1,
                    Outcome::Failed => report.failed += 1,
                    Outcome::Rescheduled => report.rescheduled += 1,
                }
            }
            while events.len() >= 2 {
                events.join_next().await;
            }
            let rising_by = self.config.record_events.then(|| {
                Utc::now()
                    + chrono::Duration::from_std(self.config.cadence.interval(Reason::Rising)).unwrap_or_default()
            });
            events.spawn(after_batch(self.store.clone(), self.source.name(), outcomes, new_posts, rising_by));
            if self.breaker_state() == BreakerState::Open {
                report.degraded = true;
                break;
            }
        }
        events.join_all().await;
        report
    }

    /// Each fetch in its own transaction, up to the worker's concurrency at once; for each, the
    /// campaign posts it stored when it was written.
    async fn write_each(
        &self,
        fetched: &[(ClaimedCreator, FetchSuccess, Vec<zzyzx_analytics::VideoStats>)],
    ) -> Vec<Option<Vec<Uuid>>> {
        let writes: Vec<_> = fetched
            .iter()
            .map(|(creator, success, _)| {
                let (store, handle, success) = (self.store.clone(), creator.handle.clone(), success.clone());
                async move {
                    let result = store.record_fetch_successes(vec![success]).await;
                    if let Err(error) = &result {
                        tracing::error!(error = ?error, %handle, "storing a fetched profile failed");
                    }
                    result.ok()
                }
            })
            .collect();
        futures_util::stream::iter(writes).buffered(self.config.concurrency).collect().await
    }

    async fn paused_until(&self) -> Option<DateTime<Utc>> {
        let state = self.store.source_state(self.source.name()).await.ok()?;
        state.paused_until.filter(|until| *until > Utc::now())
    }

    async fn refresh_one(&self, creator: &ClaimedCreator) -> Outcome {
        // Instrumented, not entered: several refreshes interleave on one task, and a span held
        // across their awaits would leak into the others.
        let span = tracing::info_span!("refresh", handle = %creator.handle);
        self.refresh_with_retries(creator.clone()).instrument(span).await
    }

    /// Writes the batch's fetched creators in one transaction, a statement or two per table for
    /// them all; should that fail, each in its own, so that one write the database refuses loses
    /// no other. Each becomes `Succeeded`, or `Failed` when its write failed; with the campaign
    /// posts the writes stored.
    async fn write_fetched(
        &self,
        outcomes: Vec<(ClaimedCreator, Outcome)>,
    ) -> (Vec<(ClaimedCreator, Outcome)>, Vec<Uuid>) {
        let (mut done, mut fetched) = (Vec::with_capacity(outcomes.len()), Vec::new());
        for (creator, outcome) in outcomes {
            match outcome {
                Outcome::Fetched(success, videos) => fetched.push((creator, *success, videos)),
                outcome => done.push((creator, outcome)),
            }
        }
        if fetched.is_empty() {
            return (done, Vec::new());
        }
        let all = fetched.iter().map(|(_, success, _)| success.clone()).collect();
        let (written, new_posts) = match self.store.record_fetch_successes(all).await {
            Ok(posts) => (vec![true; fetched.len()], posts),
            Err(error) => {
                tracing::warn!(error = ?error, creators = fetched.len(), "writing the batch failed; writing each alone");
                let each = self.write_each(&fetched).await;
                (each.iter().map(Option::is_some).collect(), each.into_iter().flatten().flatten().collect())
            }
        };
        if written.contains(&true) {
            let _ = self.store.record_source_event(self.source.name(), SourceEvent::Success, Utc::now()).await;
        }
        for ((creator, _, videos), written) in fetched.into_iter().zip(written) {
            done.push((creator, if written { Outcome::Succeeded(videos) } else { Outcome::Failed }));
        }
        (done, new_posts)
    }

    async fn refresh_with_retries(&self, creator: ClaimedCreator) -> Outcome {
        let mut attempt = 0;
        loop {
            let allowed = self.breaker.lock().map(|mut b| b.allow(Instant::now())).unwrap_or(false);
            if !allowed {
                let until = self.breaker.lock().ok().and_then(|b| b.open_until());
                let wait = until.map_or(self.config.breaker.open_for, |u| u.saturating_duration_since(Instant::now()));
                return self.reschedule(&creator, wait, "the provider is failing; the circuit breaker is open").await;
            }
            self.limiter.until_ready().await;
            let result = self.fetch(&creator).await;
            let kind = match &result {
                Ok(_) => "ok",
                Err(error) => error.kind(),
            };
            metrics::counter!(crate::metrics::PROVIDER_CALLS, "source" => self.source.name(), "result" => kind)
                .increment(1);
            let now = Instant::now();
            match result {
                Ok((profile, videos)) => {
                    self.breaker.lock().map(|mut b| b.record(true, now)).ok();
                    return self.complete_fetch(&creator, profile, videos).await;
                }
                Err(error) if error.is_permanent_for_creator() => {
                    self.breaker.lock().map(|mut b| b.record(true, now)).ok();
                    let status = match error {
                        SourceError::NotFound => CreatorStatus::NotFound,
                        SourceError::Private => CreatorStatus::Private,
                        _ => CreatorStatus::Banned,
                    };
                    // Checked again weekly, not at full rate: accounts do come back.
                    let next = Utc::now() + chrono::Duration::days(7);
                    return self.record_failure(&creator, &error, status, next, Outcome::Marked(status)).await;
                }
                Err(SourceError::QuotaExhausted { resets_at }) => {
                    let until = resets_at.unwrap_or_else(|| Utc::now() + chrono::Duration::hours(1));
                    self.pause_source(until, "the provider's quota is exhausted").await;
                    let wait = (until - Utc::now()).to_std().unwrap_or_default();
                    return self.reschedule(&creator, wait, "the provider's quota is exhausted").await;
                }
                Err(SourceError::Unauthorized(detail)) => {
                    let until = Utc::now() + chrono::Duration::minutes(15);
                    self.pause_source(until, &format!("the provider refused the credentials: {detail}")).await;
                    return self
                        .reschedule(&creator, Duration::from_secs(15 * 60), "the provider refused the credentials")
                        .await;
                }
                Err(SourceError::RateLimited { retry_after }) => {
                    // Being told to slow down is not a provider failure; it does not trip the breaker.
                    let wait = self.config.backoff.delay_after(attempt, retry_after);
                    attempt += 1;
                    if attempt >= self.config.max_attempts || wait > self.config.max_inline_wait {
                        return self.reschedule(&creator, wait, "rate limited").await;
                    }
                    tracing::debug!(?wait, "rate limited; waiting");
                    tokio::time::sleep(wait).await;
                }
                Err(error @ SourceError::Unavailable(_)) => {
                    self.breaker.lock().map(|mut b| b.record(false, now)).ok();
                    attempt += 1;
                    if attempt >= self.config.max_attempts {
                        return self.record_transient_failure(&creator, &error).await;
                    }
                    tokio::time::sleep(self.config.backoff.delay(attempt)).await;
                }
                Err(error) => {
                    // The provider answered with something unusable: try again at the next refresh.
                    self.breaker.lock().map(|mut b| b.record(true, now)).ok();
                    return self.record_transient_failure(&creator, &error).await;
                }
            }
        }
    }

    async fn fetch(
        &self,
        creator: &ClaimedCreator,
    ) -> Result<(zzyzx_sources::Profile, Vec<zzyzx_sources::Video>), SourceError> {
        let profile = self.source.profile(&creator.handle).await?;
        if profile.private {
            return Err(SourceError::Private);
        }
        if !self.source.capabilities().videos {
            return Ok((profile, Vec::new()));
        }
        let sec_uid = profile.sec_uid.clone().or_else(|| creator.sec_uid.clone());
        self.limiter.until_ready().await;
        // Videos are a bonus: a failure to get them does not lose the day's snapshot.
        let videos = match self.source.videos(&creator.handle, sec_uid.as_deref(), self.config.videos_per_fetch).await {
            Ok(videos) => videos,
            Err(error) => {
                tracing::warn!(error = %error, "videos could not be fetched; keeping the profile");
                Vec::new()
            }
        };
        Ok((profile, videos))
    }

    /// Reserves today's requests for up to `batch_size` refreshes, within the budget's share for
    /// the hours begun; how many refreshes they cover, or `None` when none fits now.
    async fn reserve_batch(
        &self,
        batch_size: i64,
        daily: i64,
    ) -> Result<Option<(i64, BatchBudget)>, crate::store::StoreError> {
        let now = Utc::now();
        let day = now.date_naive();
        let name = self.source.name();
        let each = self.source.requests_per_refresh();
        let used = self.store.requests_on(name, day).await?;
        let fits = cadence::refreshes_within(cadence::allowance(daily, used, now), each).min(batch_size);
        let sent_before = self.source.requests_sent();
        let wanted = fits * i64::from(each);
        let granted = if wanted > 0 { self.store.reserve_requests(name, day, wanted, daily).await? } else { 0 };
        let refreshes = cadence::refreshes_within(granted, each);
        if refreshes == 0 {
            self.store.release_requests(name, day, granted).await?;
            return Ok(None);
        }
        self.reserved.store(granted, Ordering::SeqCst);
        Ok(Some((refreshes, BatchBudget { day, sent_before })))
    }

    /// Gives back what the batch reserved and did not send.
    async fn settle(&self, budget: Option<BatchBudget>) {
        let Some(budget) = budget else { return };
        let sent = i64::try_from(self.source.requests_sent().saturating_sub(budget.sent_before)).unwrap_or(i64::MAX);
        let unused = self.reserved.swap(0, Ordering::SeqCst) - sent;
        if let Err(error) = self.store.release_requests(self.source.name(), budget.day, unused).await {
            tracing::error!(error = ?error, "giving back unused requests failed");
        }
    }

    /// Reserves `requests` more for work beyond a refresh (comments, audiences); whether they may
    /// be sent. Always, without a budget.
    async fn spend(&self, requests: u32) -> bool {
        let Some(daily) = self.config.daily_budget else { return true };
        let wanted = i64::from(requests);
        let day = Utc::now().date_naive();
        match self.store.reserve_requests(self.source.name(), day, wanted, i64::from(daily)).await {
            Ok(granted) if granted == wanted => {
                self.reserved.fetch_add(granted, Ordering::SeqCst);
                true
            }
            Ok(granted) => {
                let _ = self.store.release_requests(self.source.name(), day, granted).await;
                false
            }
            Err(error) => {
                tracing::error!(error = ?error, "reserving from the daily budget failed");
                false
            }
        }
    }

    fn next_refresh(&self, reason: Reason) -> DateTime<Utc> {
        // Up to 5% jitter spreads creators added together over the day.
        let interval = self.config.cadence.interval(reason);
        let jitter = rand::rng().random_range(0..=interval.as_millis() as u64 / 20);
        Utc::now() + chrono::Duration::from_std(interval + Duration::from_millis(jitter)).unwrap_or_default()
    }

    /// A fetch to be written with its batch, once the creator's audience is seen to (those writes
    /// are the creator's own and need nothing of the fetch's).
    async fn complete_fetch(
        &self,
        creator: &ClaimedCreator,
        profile: zzyzx_sources::Profile,
        videos: Vec<zzyzx_sources::Video>,
    ) -> Outcome {
        let now = Utc::now();
        let latest: Vec<String> =
            videos.iter().take(self.config.estimate.videos).map(|v| v.platform_id.clone()).collect();
        let stats = crate::services::alerts::video_stats_of(&creator.handle, &videos);
        // Rising is known once the batch's events are worked out, which then bring it forward.
        let signals = Signals {
            rising: false,
            in_campaign: creator.detection.is_some(),
            climbing: cadence::climbing(&stats, |id| creator.recent_views.get(id).copied(), now),
            dormant: cadence::dormant(&stats, now),
            watched: creator.watched,
        };
        let reason = cadence::reason(signals);
        let success = FetchSuccess {
            creator_id: creator.id,
            handle: creator.handle.clone(),
            source: self.source.name(),
            profile,
            videos,
            next_fetch_at: self.next_refresh(reason),
            refresh_reason: reason.as_str(),
            refresh_priority: reason.priority(),
            now,
            detection: creator.detection.clone(),
            prepared: None,
        };
        self.estimate_audience(creator, &latest).await;
        self.provider_audience(creator).await;
        Outcome::Fetched(Box::new(success), stats)
    }

    /// Whether the worker recorded an audience of `kind` for the creator within `every`; on a
    /// failed read, as if it had (it tries again at the next refresh).
    async fn recorded_within(&self, creator: &ClaimedCreator, kind: &str, every: Duration) -> bool {
        let every = chrono::Duration::from_std(every).unwrap_or(chrono::Duration::MAX);
        match self.store.last_source_audience(creator.id, kind).await {
            Ok(last) => last.is_some_and(|last| Utc::now() - last < every),
            Err(error) => {
                tracing::warn!(error = ?error, kind, "reading the last audience failed");
                true
            }
        }
    }

    /// Reads the audience countries the source reports for the creator, when it reports them and
    /// the last report is older than `provider_audience_every`; stored as a `provider` profile in
    /// every workspace that lists the creator. A failure only skips it until the next refresh.
    async fn provider_audience(&self, creator: &ClaimedCreator) {
        if !self.source.capabilities().audience
            || self.recorded_within(creator, "provider", self.config.provider_audience_every).await
            || !self.spend(1).await
        {
            return;
        }
        self.limiter.until_ready().await;
        let countries = match self.source.audience(&creator.handle).await {
            Ok(countries) => countries,
            Err(error) => {
                tracing::warn!(error = %error, "the audience could not be fetched; asking again later");
                return;
            }
        };
        let Some(profile) = crate::services::audience::reported(self.source.name(), &countries, Utc::now()) else {
            return;
        };
        let row = crate::services::audience::row(creator.id, profile);
        if let Err(error) = self.store.record_source_audience(&row).await {
            tracing::error!(error = ?error, "storing a reported audience failed");
        }
    }

    /// Estimates the creator's audience from the comments on their latest videos, when the source
    /// gives comments and the last estimate is older than `estimate.every`; stored in every
    /// workspace that lists the creator. A failure only skips it until the next refresh.
    async fn estimate_audience(&self, creator: &ClaimedCreator, video_ids: &[String]) {
        if !self.source.capabilities().comments
            || video_ids.is_empty()
            || self.recorded_within(creator, "estimated", self.config.estimate.every).await
            || !self.spend(self.source.requests_per_comments().saturating_mul(video_ids.len() as u32)).await
        {
            return;
        }
        let mut sample = Vec::new();
        for video_id in video_ids {
            self.limiter.until_ready().await;
            match self.source.comments(&creator.handle, video_id, self.config.estimate.comments_per_video).await {
                Ok(comments) => sample.extend(comments.into_iter().map(|c| SampledComment {
                    text: c.text,
                    commenter_id: c.commenter_id,
                    video_id: video_id.clone(),
                    commenter_country: c.commenter_region,
                })),
                Err(error) => {
                    tracing::warn!(error = %error, "comments could not be fetched; estimating the audience later");
                    return;
                }
            }
        }
        // Reading languages is CPU work: off the async threads.
        let Ok(estimate) = tokio::task::spawn_blocking(move || estimate_audience(&sample)).await else { return };
        let Some(row) = crate::services::audience::estimated_row(creator.id, &estimate, self.source.name(), Utc::now())
        else {
            return;
        };
        if let Err(error) = self.store.record_source_audience(&row).await {
            tracing::error!(error = ?error, "storing an audience estimate failed");
        }
    }

    async fn record_transient_failure(&self, creator: &ClaimedCreator, error: &SourceError) -> Outcome {
        // 5 minutes, doubling with each consecutive failure, never later than the normal interval.
        let doublings = u32::try_from(creator.failures).unwrap_or(0).min(16);
        let wait = Duration::from_secs(5 * 60).saturating_mul(1 << doublings).min(self.config.cadence.regular);
        let next = Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
        let _ =
            self.store.record_source_event(self.source.name(), SourceEvent::Error(error.to_string()), Utc::now()).await;
        self.record_failure(creator, error, CreatorStatus::Active, next, Outcome::Failed).await
    }

    async fn record_failure(
        &self,
        creator: &ClaimedCreator,
        error: &SourceError,
        status: CreatorStatus,
        next_fetch_at: DateTime<Utc>,
        outcome: Outcome,
    ) -> Outcome {
        tracing::warn!(error = %error, status = status.as_str(), "fetch failed");
        let failure =
            FetchFailure { creator_id: creator.id, error: error.to_string(), status, next_fetch_at, now: Utc::now() };
        if let Err(store_error) = self.store.record_fetch_failure(failure).await {
            tracing::error!(error = ?store_error, "recording a failed fetch failed");
        }
        outcome
    }

    /// Puts a creator back without counting a failure against it.
    async fn reschedule(&self, creator: &ClaimedCreator, wait: Duration, reason: &str) -> Outcome {
        tracing::debug!(?wait, reason, "rescheduled");
        let next = Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
        if let Err(error) = self.store.reschedule_creator(creator.id, next).await {
            tracing::error!(error = ?error, "rescheduling failed");
        }
        Outcome::Rescheduled
    }

    async fn pause_source(&self, until: DateTime<Utc>, reason: &str) {
        tracing::warn!(%until, reason, "pausing the data source");
        let event = SourceEvent::Paused { until, reason: reason.to_owned() };
        let _ = self.store.record_source_event(self.source.name(), event, Utc::now()).await;
        let store = self.store.as_ref();
        if let Err(error) =
            crate::services::alerts::source_paused(store, self.source.name(), until, reason, Utc::now()).await
        {
            tracing::error!(error = ?error, "telling the workspaces about the pause failed");
        }
    }
}

/// What follows a batch's writes, while the next batch is fetched: the refreshed creators'
/// dashboard rows are recomputed and kept; then, with `rising_by` (when the worker records
/// events), the workspaces watching them are told what changed (the fetched creators' events, the
/// campaign posts the batch stored, the accounts that turned unavailable) and rising creators are
/// brought forward to then. A failure only costs the events: the data is stored.
async fn after_batch(
    store: Arc<dyn Store>,
    source: &'static str,
    outcomes: Vec<(ClaimedCreator, Outcome)>,
    new_posts: Vec<Uuid>,
    rising_by: Option<DateTime<Utc>>,
) {
    let changed: Vec<Uuid> = outcomes
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Outcome::Succeeded(_)))
        .map(|(creator, _)| creator.id)
        .collect();
    crate::services::analytics::Analytics { store: store.as_ref() }.keep_rows_logged(&changed).await;
    let Some(rising_by) = rising_by else { return };
    let refreshed: Vec<Refreshed> = outcomes
        .into_iter()
        .filter_map(|(creator, outcome)| {
            let (turned_unavailable, videos) = match outcome {
                Outcome::Succeeded(videos) => (None, videos),
                Outcome::Marked(status) if creator.status == CreatorStatus::Active.as_str() => {
                    (Some(status.as_str()), Vec::new())
                }
                _ => return None,
            };
            Some(Refreshed { creator_id: creator.id, handle: creator.handle, source, turned_unavailable, videos })
        })
        .collect();
    let found = match crate::services::alerts::after_refresh(store.as_ref(), &refreshed, &new_posts, Utc::now()).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(error = ?error, "recording the batch's events failed");
            return;
        }
    };
    let rising = Reason::Rising;
    if let Err(error) = store.hasten_refresh(&found.rising, rising_by, rising.as_str(), rising.priority()).await {
        tracing::error!(error = ?error, "bringing rising creators' refresh forward failed");
    }
}

/// A batch's share of the daily budget.
struct BatchBudget {
    day: NaiveDate,
    /// The source's request count when the batch began.
    sent_before: u64,
}

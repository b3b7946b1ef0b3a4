//! The alerts background task: sends due webhook deliveries as soon as they are queued (or every
//! few seconds), and every few minutes records overdue campaign creators and sends due digests.
//! Several processes may run it: deliveries are leased, events are unique by key, and a digest's
//! period is closed as it is sent. It also reads creators' connected accounts when they are due
//! (leased, like deliveries).

use chrono::Utc;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::services::connections::{self, Connector};
use crate::services::mail::Mailer;
use crate::services::webhooks::Dispatcher;
use crate::services::{alerts, digest};

pub struct Notifier {
    pub dispatcher: Dispatcher,
    pub mailer: Option<Mailer>,
    /// Reads connected creator accounts, when connections are on.
    pub connector: Option<Arc<Connector>>,
    /// Wakes the dispatcher when a delivery is queued by hand.
    pub wake: Arc<Notify>,
    pub poll: Duration,
    pub sweep_every: Duration,
}

impl Notifier {
    pub async fn run(self, shutdown: CancellationToken) {
        let mut last_sweep: Option<Instant> = None;
        while !shutdown.is_cancelled() {
            if let Err(error) = self.dispatcher.run_once().await {
                tracing::error!(error = ?error, "sending webhooks failed");
            }
            if let Some(connector) = &self.connector {
                match connections::sync_due(self.dispatcher.store.as_ref(), connector, Utc::now()).await {
                    Ok(0) => {}
                    Ok(read) => tracing::info!(read, "connected accounts read"),
                    Err(error) => tracing::error!(error = ?error, "reading connected accounts failed"),
                }
            }
            if last_sweep.is_none_or(|at| at.elapsed() >= self.sweep_every) {
                last_sweep = Some(Instant::now());
                self.sweep().await;
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(self.poll) => {}
            }
        }
    }

    async fn sweep(&self) {
        let store = self.dispatcher.store.as_ref();
        match alerts::overdue_sweep(store, Utc::now()).await {
            Ok(0) => {}
            Ok(recorded) => tracing::info!(recorded, "overdue campaign creators recorded"),
            Err(error) => tracing::error!(error = ?error, "looking for overdue campaign creators failed"),
        }
        match alerts::posts_sweep(store, Utc::now()).await {
            Ok(0) => {}
            Ok(recorded) => tracing::info!(recorded, "campaign posts not told yet recorded"),
            Err(error) => tracing::error!(error = ?error, "looking for campaign posts not told yet failed"),
        }
        if let Some(mailer) = &self.mailer {
            match digest::send_due(store, mailer, Utc::now()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "digests sent"),
                Err(error) => tracing::error!(error = ?error, "sending digests failed"),
            }
        }
    }
}

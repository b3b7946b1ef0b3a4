//! The e-mail digest: for each member who asked for one, what the workspace's events said since
//! the last digest, grouped into new rising creators, viral videos, campaign news and the rest.

use chrono::{DateTime, Utc};

use super::Result;
use super::mail::{Mail, Mailer, escape_html};
use crate::store::{DueDigest, EventFilter, EventRow, Store};

/// Events one digest lists at most; the rest are counted.
const MAX_EVENTS: i64 = 200;

/// The sections of a digest, in order: each with the event types it gathers.
const SECTIONS: [(&str, &[&str]); 5] = [
    ("New rising creators", &["creator.rising"]),
    ("Viral videos", &["video.viral"]),
    ("Campaigns", &["campaign.post_detected", "campaign.overdue"]),
    ("Numbers that moved", &["creator.milestone", "creator.spike", "creator.dormant"]),
    ("Accounts and sources", &["creator.unavailable", "source.paused", "webhook.disabled"]),
];

/// Sends every digest that is due; how many were sent. A digest with nothing to say is not sent,
/// but its period still ends.
pub async fn send_due(store: &dyn Store, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize> {
    let mut sent = 0;
    for due in store.due_digests(now).await? {
        let since = due.last_sent_at.unwrap_or(due.created_at);
        let filter = EventFilter { created_after: Some(since), ..EventFilter::default() };
        let events = store.events(due.workspace_id, Some(due.user_id), &filter, None, MAX_EVENTS).await?;
        if !events.is_empty() {
            if let Err(error) = mailer.send(compose(&due, &events, &mailer.public_url)).await {
                tracing::warn!(error = ?error, workspace = %due.workspace_id, "a digest could not be sent");
                continue;
            }
            sent += 1;
        }
        store.digest_sent(due.workspace_id, due.user_id, now).await?;
    }
    Ok(sent)
}

fn link(event: &EventRow, base: &str) -> String {
    match (event.campaign_id, event.creator_id) {
        (Some(campaign), _) => format!("{base}/campaigns/{campaign}"),
        (None, Some(creator)) => format!("{base}/creators/{creator}"),
        (None, None) => format!("{base}/inbox"),
    }
}

/// The digest of `events` in plain text and simple HTML.
pub fn compose(due: &DueDigest, events: &[EventRow], base: &str) -> Mail {
    let period = if due.frequency == "daily" { "daily" } else { "weekly" };
    let mut text = format!("Your {period} zzyzx digest for {}: {} new event(s).\n", due.workspace_name, events.len());
    let mut html = format!(
        "<p>Your {period} zzyzx digest for <strong>{}</strong>: {} new event(s).</p>",
        escape_html(&due.workspace_name),
        events.len()
    );
    for (title, kinds) in SECTIONS {
        let section: Vec<&EventRow> = events.iter().filter(|e| kinds.contains(&e.kind.as_str())).collect();
        if section.is_empty() {
            continue;
        }
        text.push_str(&format!("\n{title} ({})\n", section.len()));
        html.push_str(&format!("<h3>{} ({})</h3><ul>", escape_html(title), section.len()));
        for event in section {
            let demo = if event.source.as_deref() == Some("demo") { " [demo data]" } else { "" };
            let url = link(event, base);
            text.push_str(&format!("- {}{demo}\n  {url}\n", event.sentence));
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a>{}</li>",
                escape_html(&url),
                escape_html(&event.sentence),
                escape_html(demo)
            ));
        }
        html.push_str("</ul>");
    }
    let settings = format!("{base}/settings");
    text.push_str(&format!("\nChange or stop this digest in Settings: {settings}\n"));
    html.push_str(&format!("<p><a href=\"{}\">Change or stop this digest</a></p>", escape_html(&settings)));
    Mail {
        to: due.email.clone(),
        subject: format!("zzyzx {period} digest: {} — {} event(s)", due.workspace_name, events.len()),
        text,
        html,
    }
}

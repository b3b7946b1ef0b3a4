//! E-mail over SMTP (`ZZYZX_SMTP_URL`): the digest and invitations. Off when no server is set.

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Where people reach this zzyzx, for links.
    pub public_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from.to_string()).finish_non_exhaustive()
    }
}

/// A message in plain text and simple HTML.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mailer {
    /// A mailer for `url` (`smtp://`, `smtps://`, with `?tls=required` for STARTTLS).
    pub fn new(url: &SecretString, from: &str, public_url: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
            .context("ZZYZX_SMTP_URL is not an SMTP URL (smtp://host:port or smtps://user:password@host)")?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from.parse().with_context(|| format!("ZZYZX_SMTP_FROM is not an address: {from}"))?;
        Ok(Self { transport, from, public_url: public_url.trim_end_matches('/').to_owned() })
    }

    pub async fn send(&self, mail: Mail) -> anyhow::Result<()> {
        let to: Mailbox = mail.to.parse().with_context(|| format!("not an address: {}", mail.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
            .context("building the message")?;
        self.transport.send(message).await.context("the SMTP server refused the message")?;
        Ok(())
    }
}

/// `text` with `<`, `>`, `&` and quotes escaped, for HTML mail.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

//! Where messages leave Passerelle: one trait, a gateway per way of
//! sending, chosen by the settings. E-mail goes by SMTP; without one, a
//! development server keeps them on the coordination's messages page so a
//! person trying the demo reads them, and a production server says why
//! nothing left.

use std::{future::Future, pin::Pin, sync::Arc};

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};

use crate::{config::Settings, db::entities::outbox_message};

/// What a gateway answers: sent, or the reason it was not.
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

pub trait Gateway: Send + Sync {
    fn send<'a>(&'a self, message: &'a outbox_message::Model) -> Sending<'a>;
    /// Whether the app shows what it "sent" (the development gateway).
    fn shows_bodies(&self) -> bool {
        false
    }
}

/// E-mail through an SMTP server (`smtp://…?tls=required` for STARTTLS,
/// `smtps://…` for TLS, user and password in the URL).
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn new(url: &str, from: &str) -> Result<Smtp, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("PASSERELLE_SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("PASSERELLE_MAIL_FROM: {e}"))?;
        Ok(Smtp { transport, from })
    }
}

impl Gateway for Smtp {
    fn send<'a>(&'a self, message: &'a outbox_message::Model) -> Sending<'a> {
        Box::pin(async move {
            let to: Mailbox = message
                .recipient
                .parse()
                .map_err(|e| format!("not an e-mail address: {e}"))?;
            let email = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(message.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone())
                .map_err(|e| e.to_string())?;
            self.transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }
}

/// Keeps messages in the app (development and demo): marked sent, their
/// text on the coordination's messages page.
pub struct Development;

impl Gateway for Development {
    fn send<'a>(&'a self, _message: &'a outbox_message::Model) -> Sending<'a> {
        Box::pin(async { Ok(()) })
    }

    fn shows_bodies(&self) -> bool {
        true
    }
}

/// A production server with no e-mail gateway set: nothing leaves, and
/// each message says why.
pub struct Unset;

impl Gateway for Unset {
    fn send<'a>(&'a self, _message: &'a outbox_message::Model) -> Sending<'a> {
        Box::pin(async { Err("no e-mail gateway is set (PASSERELLE_SMTP_URL)".to_string()) })
    }
}

/// The e-mail gateway the settings choose.
pub fn from_settings(settings: &Settings) -> Result<Arc<dyn Gateway>, String> {
    match &settings.smtp_url {
        Some(url) => Ok(Arc::new(Smtp::new(url, &settings.mail_from)?)),
        None if settings.is_development() || settings.demo => Ok(Arc::new(Development)),
        None => Ok(Arc::new(Unset)),
    }
}

//! Pickups waiting on the phone until the network lets them go.
//!
//! Every pickup goes through here, online or not: it is written to IndexedDB
//! first (with its photos), then sent. It survives a reload or a killed
//! browser; it is sent again until the server answers, and the server records
//! it once whatever the number of sends (the pickup's UUID). Once sent, its
//! data is removed from the phone; so is everything at sign-out.

use leptos::{prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};
use shared_types::ErrorCode;

use crate::{
    api::{ApiError, pickups},
    app::Auth,
    browser,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EntryStatus {
    Waiting,
    Sending,
    Sent,
    Refused(ErrorCode),
}

/// What the outbox keeps about a pickup, as JSON text beside its photos.
#[derive(Clone, Serialize, Deserialize)]
pub struct EntryMeta {
    /// Only the person who recorded it may send it.
    pub user_id: String,
    pub status: EntryStatus,
    /// Known once the server recorded the pickup (photos may still be on their way).
    pub pickup_id: Option<String>,
    pub donor_name: String,
    pub item_count: i64,
    pub weight_kg: f64,
    /// RFC 3339, for the list.
    pub saved_at: String,
    /// The pickup to send; none once the server has it.
    pub input: Option<pickups::NewPickup>,
}

#[derive(Clone)]
pub struct Entry {
    pub id: String,
    pub meta: EntryMeta,
    pub photos_total: usize,
    pub photos_sent: usize,
}

#[derive(Clone, Copy)]
pub struct Outbox {
    pub entries: RwSignal<Vec<Entry>>,
    pub syncing: RwSignal<bool>,
    /// The phone refused to store (private mode, full): the form must say so.
    pub storage_failed: RwSignal<bool>,
    auth: Auth,
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    pub fn new(auth: Auth) -> Outbox {
        Outbox {
            entries: RwSignal::new(Vec::new()),
            syncing: RwSignal::new(false),
            storage_failed: RwSignal::new(false),
            auth,
        }
    }

    fn user_id(self) -> Option<String> {
        self.auth
            .me
            .with_untracked(|me| me.as_ref().map(|me| me.id.clone()))
    }

    /// How many entries still have to leave the phone.
    pub fn unsent(self) -> usize {
        self.entries.with(|entries| {
            entries
                .iter()
                .filter(|e| e.meta.status != EntryStatus::Sent)
                .count()
        })
    }

    /// Reads the stored entries. Another person's entries (a shared phone)
    /// are removed: nobody else may send them.
    pub async fn reload(self) {
        let Some(user_id) = self.user_id() else {
            return;
        };
        let Ok(stored) = browser::outbox_list().await else {
            self.storage_failed.set(true);
            return;
        };
        let mut entries = Vec::new();
        for stored in stored {
            let meta: Option<EntryMeta> = serde_json::from_str(&stored.meta).ok();
            match meta {
                Some(meta) if meta.user_id == user_id => entries.push(Entry {
                    id: stored.id,
                    meta,
                    photos_total: stored.photos.len(),
                    photos_sent: stored.photos.iter().filter(|(_, sent)| *sent).count(),
                }),
                _ => {
                    let _ = browser::outbox_delete(&stored.id).await;
                }
            }
        }
        entries.sort_by(|a, b| b.meta.saved_at.cmp(&a.meta.saved_at));
        // Entries sent during this visit stay listed (without their data).
        let sent: Vec<Entry> = self.entries.with_untracked(|current| {
            current
                .iter()
                .filter(|e| e.meta.status == EntryStatus::Sent)
                .filter(|e| !entries.iter().any(|n| n.id == e.id))
                .cloned()
                .collect()
        });
        entries.extend(sent);
        self.entries.set(entries);
    }

    /// Stores a new pickup with its photos, then tries to send it.
    pub async fn add(
        self,
        id: String,
        meta: EntryMeta,
        photos: Vec<(String, web_sys::Blob)>,
    ) -> Result<(), browser::BrowserError> {
        let text = serde_json::to_string(&meta).map_err(|_| browser::BrowserError)?;
        if let Err(e) = browser::outbox_save(&id, &text, &photos).await {
            self.storage_failed.set(true);
            return Err(e);
        }
        self.reload().await;
        self.sync();
        Ok(())
    }

    /// Removes an entry the person gave up on (refused, or not wanted).
    pub async fn discard(self, id: String) {
        let _ = browser::outbox_delete(&id).await;
        self.entries
            .update(|entries| entries.retain(|e| e.id != id));
    }

    fn set_status(self, id: &str, status: EntryStatus) {
        self.entries.update(|entries| {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                entry.meta.status = status;
            }
        });
    }

    /// Sends what waits, one entry after another, until the network fails.
    pub fn sync(self) {
        if self.syncing.get_untracked() || self.user_id().is_none() {
            return;
        }
        self.syncing.set(true);
        spawn_local(async move {
            self.reload().await;
            let waiting: Vec<Entry> = self.entries.with_untracked(|entries| {
                entries
                    .iter()
                    .filter(|e| {
                        matches!(e.meta.status, EntryStatus::Waiting | EntryStatus::Sending)
                    })
                    .cloned()
                    .collect()
            });
            for entry in waiting {
                if !self.send(entry).await {
                    break;
                }
            }
            self.reload().await;
            self.syncing.set(false);
        });
    }

    async fn save_meta(self, id: &str, meta: &EntryMeta) {
        if let Ok(text) = serde_json::to_string(meta) {
            let _ = browser::outbox_set_meta(id, &text).await;
        }
    }

    /// Sends one entry; false when the network (or the session) stops the round.
    async fn send(self, entry: Entry) -> bool {
        let Entry { id, mut meta, .. } = entry;
        self.set_status(&id, EntryStatus::Sending);
        let pickup_id = match meta.pickup_id.clone() {
            Some(pickup_id) => pickup_id,
            None => {
                let Some(input) = meta.input.clone() else {
                    let refused = ApiError::Server(ErrorCode::BadRequest);
                    return self.failed(&id, meta, refused).await;
                };
                match pickups::record(input).await {
                    Ok(pickup_id) => {
                        meta.pickup_id = Some(pickup_id.clone());
                        self.save_meta(&id, &meta).await;
                        pickup_id
                    }
                    Err(error) => return self.failed(&id, meta, error).await,
                }
            }
        };
        let photos = browser::outbox_list()
            .await
            .ok()
            .and_then(|all| all.into_iter().find(|e| e.id == id))
            .map(|e| e.photos)
            .unwrap_or_default();
        for (photo_id, uploaded) in photos {
            if uploaded {
                continue;
            }
            let Ok(Some(blob)) = browser::outbox_photo(&id, &photo_id).await else {
                continue;
            };
            match pickups::upload_photo(&pickup_id, &photo_id, &blob).await {
                Ok(()) => {
                    let _ = browser::outbox_photo_uploaded(&id, &photo_id).await;
                }
                Err(error) => return self.failed(&id, meta, error).await,
            }
        }
        // Everything is on the server: nothing of it stays on the phone.
        let _ = browser::outbox_delete(&id).await;
        self.entries.update(|entries| {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                entry.meta.status = EntryStatus::Sent;
                entry.meta.input = None;
                entry.meta.pickup_id = Some(pickup_id.clone());
            }
        });
        true
    }

    async fn failed(self, id: &str, mut meta: EntryMeta, error: ApiError) -> bool {
        match error {
            ApiError::Network => {
                self.set_status(id, EntryStatus::Waiting);
                false
            }
            // A lost session or a server hiccup: try again later, as is.
            error if error.ends_session() || error == ApiError::Server(ErrorCode::Internal) => {
                self.set_status(id, EntryStatus::Waiting);
                false
            }
            ApiError::Server(code) => {
                meta.status = EntryStatus::Refused(code);
                self.save_meta(id, &meta).await;
                self.set_status(id, EntryStatus::Refused(code));
                true
            }
        }
    }
}

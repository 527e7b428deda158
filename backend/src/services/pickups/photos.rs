//! Photos of what was taken at a pickup. The image is a file under the data
//! directory (`photos/<pickup>/<photo>.<ext>`); the database keeps its
//! description. Each photo carries the id the phone gave it, so a resent
//! upload is recognised rather than stored twice.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};
use shared_types::{
    ErrorCode, PickupStatus,
    pickup::{MAX_PHOTO_BYTES, MAX_PHOTOS},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{Db, entities::pickup_photo},
    services::is_unique_violation,
};

use super::{PickupError, ensure_agent, find_visible, rule};

#[derive(Debug, Clone)]
pub struct Photo {
    pub id: Uuid,
    pub pickup_id: Uuid,
    pub content_type: String,
    pub bytes: i64,
    pub width: i32,
    pub height: i32,
    pub created_at: DateTime<Utc>,
}

impl From<pickup_photo::Model> for Photo {
    fn from(m: pickup_photo::Model) -> Photo {
        Photo {
            id: m.id,
            pickup_id: m.pickup_id,
            content_type: m.content_type,
            bytes: m.bytes,
            width: m.width,
            height: m.height,
            created_at: m.created_at,
        }
    }
}

/// What kind of image the bytes are, by their signature (never by what the
/// client claims), and its size in pixels.
fn sniff(bytes: &[u8]) -> Result<(&'static str, &'static str, u32, u32), PickupError> {
    let (content_type, extension) = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Jpeg) => ("image/jpeg", "jpg"),
        Ok(imagesize::ImageType::Png) => ("image/png", "png"),
        Ok(imagesize::ImageType::Webp) => ("image/webp", "webp"),
        _ => return Err(rule(ErrorCode::PhotoNotImage)),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| rule(ErrorCode::PhotoNotImage))?;
    let (width, height) = (size.width as u32, size.height as u32);
    if width == 0 || height == 0 || width > 12_000 || height > 12_000 {
        return Err(rule(ErrorCode::PhotoNotImage));
    }
    Ok((content_type, extension, width, height))
}

fn extension_of(content_type: &str) -> &'static str {
    match content_type {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

fn file_path(photos_dir: &Path, pickup_id: Uuid, photo_id: Uuid, content_type: &str) -> PathBuf {
    photos_dir
        .join(pickup_id.to_string())
        .join(format!("{photo_id}.{}", extension_of(content_type)))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Adds a photo to a pickup of the agent's organisation.
pub async fn add(
    db: &Db,
    photos_dir: &Path,
    viewer: &StaffUser,
    pickup_id: Uuid,
    photo_id: Uuid,
    bytes: &[u8],
) -> Result<Photo, PickupError> {
    ensure_agent(viewer)?;
    let pickup = find_visible(&db.conn, viewer, pickup_id).await?;
    if pickup.organisation_id != viewer.organisation_id {
        return Err(rule(ErrorCode::NotFound));
    }
    if pickup.status == PickupStatus::Cancelled.as_str() {
        return Err(rule(ErrorCode::PickupNotEditable));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(rule(ErrorCode::PhotoTooLarge));
    }
    let (content_type, _, width, height) = sniff(bytes)?;
    let sha256 = sha256_hex(bytes);
    if let Some(found) = resend(db, pickup_id, photo_id, &sha256).await? {
        return Ok(found);
    }
    let tx = db.write_tx().await?;
    let existing = pickup_photo::Entity::find()
        .filter(pickup_photo::Column::PickupId.eq(pickup_id))
        .count(&*tx)
        .await?;
    if existing >= MAX_PHOTOS as u64 {
        return Err(rule(ErrorCode::TooManyPhotos));
    }
    let path = file_path(photos_dir, pickup_id, photo_id, content_type);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    // Written aside then renamed: a crash never leaves half a photo under its name.
    let partial = path.with_extension("part");
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    let inserted = pickup_photo::ActiveModel {
        id: Set(photo_id),
        pickup_id: Set(pickup_id),
        content_type: Set(content_type.to_string()),
        bytes: Set(bytes.len() as i64),
        sha256: Set(sha256.clone()),
        width: Set(width as i32),
        height: Set(height as i32),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await;
    match inserted {
        Ok(row) => {
            tx.commit().await?;
            Ok(row.into())
        }
        Err(err) if is_unique_violation(&err) => {
            tx.rollback().await?;
            resend(db, pickup_id, photo_id, &sha256)
                .await?
                .ok_or(rule(ErrorCode::PhotoConflict))
        }
        Err(err) => {
            tx.rollback().await?;
            let _ = tokio::fs::remove_file(&path).await;
            Err(err.into())
        }
    }
}

/// The photo already stored under `photo_id`, when the same image is sent again.
async fn resend(
    db: &Db,
    pickup_id: Uuid,
    photo_id: Uuid,
    sha256: &str,
) -> Result<Option<Photo>, PickupError> {
    match pickup_photo::Entity::find_by_id(photo_id)
        .one(&db.conn)
        .await?
    {
        None => Ok(None),
        Some(row) if row.pickup_id == pickup_id && row.sha256 == sha256 => Ok(Some(row.into())),
        Some(_) => Err(rule(ErrorCode::PhotoConflict)),
    }
}

/// The photos of a pickup the viewer may see, oldest first.
pub async fn of_pickup(
    db: &Db,
    viewer: &StaffUser,
    pickup_id: Uuid,
) -> Result<Vec<Photo>, PickupError> {
    find_visible(&db.conn, viewer, pickup_id).await?;
    Ok(pickup_photo::Entity::find()
        .filter(pickup_photo::Column::PickupId.eq(pickup_id))
        .order_by_asc(pickup_photo::Column::CreatedAt)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(Photo::from)
        .collect())
}

/// A photo's bytes and type, for a viewer allowed to see its pickup.
pub async fn read(
    db: &Db,
    photos_dir: &Path,
    viewer: &StaffUser,
    photo_id: Uuid,
) -> Result<(String, Vec<u8>), PickupError> {
    let row = pickup_photo::Entity::find_by_id(photo_id)
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    find_visible(&db.conn, viewer, row.pickup_id).await?;
    let path = file_path(photos_dir, row.pickup_id, row.id, &row.content_type);
    let bytes = tokio::fs::read(&path).await?;
    Ok((row.content_type, bytes))
}

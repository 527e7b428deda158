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

/// The most pixels a photo may have (a 40 MP phone camera's full frame),
/// read from the header before any pixel is decoded: a few bytes can claim
/// an image that would take gigabytes to unpack.
pub const MAX_PHOTO_PIXELS: u64 = 40_000_000;
/// The longest side accepted, whatever the pixel count (a 1 × 40 000 000
/// strip is no photo).
const MAX_PHOTO_SIDE: u32 = 12_000;
/// Quality of the stored JPEG copy: close to what phones write.
const JPEG_QUALITY: u8 = 85;

/// A photo as stored: re-encoded from its decoded pixels, so nothing but the
/// image itself is kept (no EXIF GPS, no comment, no bytes after the end).
struct Cleaned {
    content_type: &'static str,
    bytes: Vec<u8>,
    width: u32,
    height: u32,
}

/// Decodes the upload with a real image decoder (its type from its
/// signature, never from what the client claims), refuses what does not
/// decode or has too many pixels, and re-encodes it in the same format.
fn clean(bytes: &[u8]) -> Result<Cleaned, PickupError> {
    use image::{ImageDecoder, ImageFormat, ImageReader, Limits};
    let not_image = |_| rule(ErrorCode::PhotoNotImage);
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(not_image)?;
    let format = match reader.format() {
        Some(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => format,
        _ => return Err(rule(ErrorCode::PhotoNotImage)),
    };
    // The size the header claims, read before anything else: a PNG may claim
    // 144 megapixels in 45 bytes and stop there.
    let claimed = imagesize::blob_size(bytes).map_err(|_| rule(ErrorCode::PhotoNotImage))?;
    if too_many_pixels(claimed.width as u64, claimed.height as u64) {
        return Err(rule(ErrorCode::PhotoTooManyPixels));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    // 16-bit RGBA of the largest photo accepted, plus the decoder's own buffers.
    limits.max_alloc = Some(MAX_PHOTO_PIXELS * 8 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|err| match err {
        image::ImageError::Limits(_) => rule(ErrorCode::PhotoTooManyPixels),
        _ => rule(ErrorCode::PhotoNotImage),
    })?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(rule(ErrorCode::PhotoNotImage));
    }
    if too_many_pixels(u64::from(width), u64::from(height)) {
        return Err(rule(ErrorCode::PhotoTooManyPixels));
    }
    // The rotation is in the metadata about to be dropped: applied to the
    // pixels so the photo still stands the right way up.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut decoded = image::DynamicImage::from_decoder(decoder).map_err(|err| match err {
        image::ImageError::Limits(_) => rule(ErrorCode::PhotoTooManyPixels),
        _ => rule(ErrorCode::PhotoNotImage),
    })?;
    decoded.apply_orientation(orientation);
    let (width, height) = (decoded.width(), decoded.height());
    let mut out = Vec::new();
    let content_type = match format {
        ImageFormat::Png => {
            decoded
                .write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
                .map_err(encode_failed)?;
            "image/png"
        }
        ImageFormat::WebP => {
            image::DynamicImage::ImageRgba8(decoded.to_rgba8())
                .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
                .map_err(encode_failed)?;
            "image/webp"
        }
        _ => {
            image::DynamicImage::ImageRgb8(decoded.to_rgb8())
                .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                    &mut out,
                    JPEG_QUALITY,
                ))
                .map_err(encode_failed)?;
            "image/jpeg"
        }
    };
    Ok(Cleaned {
        content_type,
        bytes: out,
        width,
        height,
    })
}

fn too_many_pixels(width: u64, height: u64) -> bool {
    width > u64::from(MAX_PHOTO_SIDE)
        || height > u64::from(MAX_PHOTO_SIDE)
        || width * height > MAX_PHOTO_PIXELS
}

fn encode_failed(err: image::ImageError) -> PickupError {
    PickupError::Io(std::io::Error::other(format!("re-encoding a photo: {err}")))
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
    if pickup.status == PickupStatus::Cancelled {
        return Err(rule(ErrorCode::PickupNotEditable));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(rule(ErrorCode::PhotoTooLarge));
    }
    // The upload's own hash recognises a resend; what is stored is the clean copy.
    let sha256 = sha256_hex(bytes);
    let upload = bytes.to_vec();
    let cleaned = tokio::task::spawn_blocking(move || clean(&upload))
        .await
        .map_err(|err| PickupError::Io(std::io::Error::other(err)))??;
    let (content_type, width, height) = (cleaned.content_type, cleaned.width, cleaned.height);
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
    tokio::fs::write(&partial, &cleaned.bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    let inserted = pickup_photo::ActiveModel {
        id: Set(photo_id),
        pickup_id: Set(pickup_id),
        content_type: Set(content_type.to_string()),
        bytes: Set(cleaned.bytes.len() as i64),
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

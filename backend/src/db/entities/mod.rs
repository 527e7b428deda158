//! Table mappings. Enumerations are stored as their stable text from `shared-types`.
pub mod batch;
pub mod batch_count;
pub mod device;
pub mod device_event;
pub mod donor;
pub mod erasure;
pub mod organisation;
pub mod pickup;
pub mod pickup_count;
pub mod pickup_photo;
pub mod pickup_serial;
pub mod programme;
pub mod refresh_token;
pub mod storage_medium;
pub mod user;
pub mod user_role;

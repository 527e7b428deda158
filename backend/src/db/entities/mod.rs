//! Table mappings. Enumerations are stored as their stable text from `shared-types`.
pub mod donor;
pub mod organisation;
pub mod programme;
pub mod refresh_token;
pub mod user;
pub mod user_role;

//! Who is asking: password hashing, access tokens, the key they are signed
//! with, and the per-request viewer that GraphQL guards read.

pub mod guards;
pub mod jwt;
pub mod password;
pub mod secret;
pub mod viewer;

pub use guards::RoleGuard;
pub use jwt::JwtKeys;
pub use viewer::{StaffUser, Viewer};

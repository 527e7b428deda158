//! One folder per area of the app.
pub mod accounts;
pub mod batches;
pub mod devices;
pub mod donors;
pub mod home;
pub mod imports;
pub mod installations;
pub mod login;
pub mod not_found;
pub mod password;
pub mod pickups;
pub mod reports;
pub mod settings;
pub mod training;

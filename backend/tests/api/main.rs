//! Integration tests: the real app, in process, each test on its own fresh
//! database (SQLite by default, PostgreSQL with PASSERELLE_TEST_DATABASE=postgres).

mod access;
mod accounts;
mod auth;
mod cli;
mod dates;
mod devices;
mod donors;
mod durability;
mod helpers;
mod http;
mod imports;
mod installations;
mod limits;
mod messages;
mod pickups;
mod reports;
mod schema;
mod settings;
mod training;

//! `cargo run -p migrations -- up|down|status` against `DATABASE_URL`.
use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}

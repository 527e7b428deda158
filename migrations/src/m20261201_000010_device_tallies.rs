//! How many devices each workshop holds in each status, kept by the
//! database itself. A workshop's device list shows its total on every page;
//! counting 20 000 devices each time was most of the list's cost. Triggers
//! on `devices` keep the tallies, so no code path that adds, moves or
//! removes a device can forget them, and the backfill makes them right for
//! the devices already there.
//!
//! A device without a workshop is tallied under the nil UUID, so that the key
//! has no NULL and one upsert serves both databases.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DeviceTallies {
    Table,
    ProgrammeId,
    RefurbisherId,
    Status,
    Devices,
}

const SQLITE_NIL: &str = "x'00000000000000000000000000000000'";
const POSTGRES_NIL: &str = "'00000000-0000-0000-0000-000000000000'::uuid";

/// Adds `delta` to the tally of the device row `row` (`NEW` or `OLD`).
fn add(row: &str, delta: i32, nil: &str) -> String {
    format!(
        "INSERT INTO device_tallies (programme_id, refurbisher_id, status, devices) \
         VALUES ({row}.programme_id, COALESCE({row}.refurbisher_id, {nil}), {row}.status, {delta}) \
         ON CONFLICT (programme_id, refurbisher_id, status) \
         DO UPDATE SET devices = device_tallies.devices + ({delta});"
    )
}

fn sqlite_triggers() -> Vec<String> {
    let nil = SQLITE_NIL;
    vec![
        format!(
            "CREATE TRIGGER device_tallies_insert AFTER INSERT ON devices BEGIN {} END",
            add("NEW", 1, nil)
        ),
        format!(
            "CREATE TRIGGER device_tallies_update AFTER UPDATE OF programme_id, refurbisher_id, status ON devices \
             BEGIN {} {} END",
            add("OLD", -1, nil),
            add("NEW", 1, nil)
        ),
        format!(
            "CREATE TRIGGER device_tallies_delete AFTER DELETE ON devices BEGIN {} END",
            add("OLD", -1, nil)
        ),
    ]
}

/// PostgreSQL writers run side by side: a move takes the two tally rows it
/// touches in key order, so two opposite moves cannot deadlock.
fn postgres_triggers() -> Vec<String> {
    let nil = POSTGRES_NIL;
    vec![
        format!(
            "CREATE FUNCTION device_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {new}
  ELSIF TG_OP = 'DELETE' THEN
    {old}
  ELSIF (NEW.programme_id, COALESCE(NEW.refurbisher_id, {nil}), NEW.status)
      < (OLD.programme_id, COALESCE(OLD.refurbisher_id, {nil}), OLD.status) THEN
    {new}
    {old}
  ELSE
    {old}
    {new}
  END IF;
  RETURN NULL;
END
$$",
            new = add("NEW", 1, nil),
            old = add("OLD", -1, nil),
        ),
        "CREATE TRIGGER device_tallies_follow \
         AFTER INSERT OR DELETE OR UPDATE OF programme_id, refurbisher_id, status ON devices \
         FOR EACH ROW EXECUTE FUNCTION device_tallies_follow()"
            .to_string(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DeviceTallies::Table)
                    .col(ColumnDef::new(DeviceTallies::ProgrammeId).uuid().not_null())
                    .col(
                        ColumnDef::new(DeviceTallies::RefurbisherId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DeviceTallies::Status).string().not_null())
                    .col(
                        ColumnDef::new(DeviceTallies::Devices)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(DeviceTallies::ProgrammeId)
                            .col(DeviceTallies::RefurbisherId)
                            .col(DeviceTallies::Status),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let (nil, triggers) = match manager.get_database_backend() {
            DbBackend::Postgres => (POSTGRES_NIL, postgres_triggers()),
            _ => (SQLITE_NIL, sqlite_triggers()),
        };
        for trigger in triggers {
            db.execute_unprepared(&trigger).await?;
        }
        db.execute_unprepared(&format!(
            "INSERT INTO device_tallies (programme_id, refurbisher_id, status, devices) \
             SELECT programme_id, COALESCE(refurbisher_id, {nil}), status, COUNT(*) \
             FROM devices GROUP BY programme_id, COALESCE(refurbisher_id, {nil}), status"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drops: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &[
                "DROP TRIGGER device_tallies_follow ON devices",
                "DROP FUNCTION device_tallies_follow()",
            ],
            _ => &[
                "DROP TRIGGER device_tallies_insert",
                "DROP TRIGGER device_tallies_update",
                "DROP TRIGGER device_tallies_delete",
            ],
        };
        for drop in drops {
            db.execute_unprepared(drop).await?;
        }
        manager
            .drop_table(Table::drop().table(DeviceTallies::Table).to_owned())
            .await
    }
}

//! Life loops back: a match is undone, a computer comes back from a home, a
//! visit fails for good. The first schema made a device, a learner and a
//! household appear in at most one installation ever, so none of them could
//! be matched again. Now an installation that ended (cancelled, or its device
//! returned) is kept as history, and the database only forbids two
//! installations that *hold* a device at once: reserved, booked, failed (to be
//! booked again) or installed. The list of those statuses is
//! `shared_types::InstallationStatus::holds_device`. A handover that could
//! not be signed records why (`unsigned_reason`).
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A trained learner may decline the computer or already have one
/// (`shared_types::DeviceOutcome`): they leave the waiting list with the reason.
#[derive(DeriveIden)]
enum Referrals {
    Table,
    DeviceOutcome,
    DeviceOutcomeReason,
    DeviceOutcomeAt,
    DeviceOutcomeBy,
}

const HOLDING: &str = "('RESERVED', 'BOOKED', 'FAILED', 'INSTALLED')";

/// The partial unique indexes that replace the old unique keys.
fn holding_indexes() -> String {
    [
        ("installations_holding_device", "\"device_id\""),
        ("installations_holding_learner", "\"referral_id\""),
        (
            "installations_holding_household",
            "\"programme_id\", \"household_key\"",
        ),
    ]
    .iter()
    .map(|(name, columns)| {
        format!(
            "CREATE UNIQUE INDEX \"{name}\" ON \"installations\" ({columns}) WHERE \"status\" IN {HOLDING};\n"
        )
    })
    .collect()
}

/// The installations table as created by the first schema, with or without
/// the unique keys on the learner and the device, and with or without the
/// reason an installation ended.
fn sqlite_table(name: &str, unique: &str, loop_columns: bool) -> String {
    let ended = if loop_columns {
        " \"ended_reason\" varchar(500) NULL, \"unsigned_reason\" varchar(500) NULL,"
    } else {
        ""
    };
    format!(
        "CREATE TABLE \"{name}\" ( \"id\" uuid_text NOT NULL PRIMARY KEY, \"programme_id\" uuid_text NOT NULL, \
\"referral_id\" uuid_text NOT NULL{unique}, \"device_id\" uuid_text NOT NULL{unique}, \"installer_id\" uuid_text NOT NULL, \
\"status\" varchar(16) NOT NULL, \"household_key\" varchar(300) NOT NULL, \"visit_from\" timestamp_with_timezone_text NULL, \
\"visit_to\" timestamp_with_timezone_text NULL, \"device_set_up\" boolean NULL, \"accounts_created\" boolean NULL, \
\"connection\" varchar(16) NULL, \"connection_tested\" boolean NULL, \"installed_serial\" varchar(64) NULL, \
\"signature\" text NULL, \"signed_by\" varchar(120) NULL, \"failure_reason\" varchar(500) NULL,{ended} \
\"failures\" integer NOT NULL DEFAULT 0, \"matched_by\" uuid_text NOT NULL, \"closed_at\" timestamp_with_timezone_text NULL, \
\"created_at\" timestamp_with_timezone_text NOT NULL, \"updated_at\" timestamp_with_timezone_text NOT NULL, \
FOREIGN KEY (\"programme_id\") REFERENCES \"programmes\" (\"id\") ON DELETE RESTRICT, \
FOREIGN KEY (\"referral_id\") REFERENCES \"referrals\" (\"id\") ON DELETE RESTRICT, \
FOREIGN KEY (\"device_id\") REFERENCES \"devices\" (\"id\") ON DELETE RESTRICT, \
FOREIGN KEY (\"installer_id\") REFERENCES \"organisations\" (\"id\") ON DELETE RESTRICT );\n"
    )
}

const COMMON_COLUMNS: &str = "\"id\", \"programme_id\", \"referral_id\", \"device_id\", \"installer_id\", \"status\", \
\"household_key\", \"visit_from\", \"visit_to\", \"device_set_up\", \"accounts_created\", \"connection\", \
\"connection_tested\", \"installed_serial\", \"signature\", \"signed_by\", \"failure_reason\", \"failures\", \
\"matched_by\", \"closed_at\", \"created_at\", \"updated_at\"";

/// SQLite cannot drop a column's UNIQUE: the table is rebuilt, in one script
/// so that it runs on one connection with foreign keys off (support requests
/// point at installations; DROP TABLE would otherwise delete-check them).
fn sqlite_rebuild(unique: &str, loop_columns: bool, indexes: &str) -> String {
    format!(
        "PRAGMA foreign_keys = OFF;\nBEGIN IMMEDIATE;\n{table}INSERT INTO \"installations_rebuilt\" ({COMMON_COLUMNS}) \
SELECT {COMMON_COLUMNS} FROM \"installations\";\nDROP TABLE \"installations\";\n\
ALTER TABLE \"installations_rebuilt\" RENAME TO \"installations\";\n{indexes}COMMIT;\nPRAGMA foreign_keys = ON;\n",
        table = sqlite_table("installations_rebuilt", unique, loop_columns),
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let script = match manager.get_database_backend() {
            DbBackend::Sqlite => sqlite_rebuild("", true, &holding_indexes()),
            _ => format!(
                "ALTER TABLE \"installations\" DROP CONSTRAINT \"installations_referral_id_key\";\n\
ALTER TABLE \"installations\" DROP CONSTRAINT \"installations_device_id_key\";\n\
DROP INDEX \"installations_household\";\n\
ALTER TABLE \"installations\" ADD COLUMN \"ended_reason\" varchar(500) NULL;\n\
ALTER TABLE \"installations\" ADD COLUMN \"unsigned_reason\" varchar(500) NULL;\n{}",
                holding_indexes()
            ),
        };
        db.execute_unprepared(&script).await?;
        for column in [
            ColumnDef::new(Referrals::DeviceOutcome)
                .string_len(16)
                .null()
                .to_owned(),
            ColumnDef::new(Referrals::DeviceOutcomeReason)
                .string_len(500)
                .null()
                .to_owned(),
            ColumnDef::new(Referrals::DeviceOutcomeAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Referrals::DeviceOutcomeBy)
                .uuid()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Referrals::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Referrals::DeviceOutcome,
            Referrals::DeviceOutcomeReason,
            Referrals::DeviceOutcomeAt,
            Referrals::DeviceOutcomeBy,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Referrals::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // Fails, as it should, when a device or a learner was matched twice.
        let db = manager.get_connection();
        let household = "CREATE UNIQUE INDEX \"installations_household\" ON \"installations\" (\"programme_id\", \"household_key\");\n";
        let script = match manager.get_database_backend() {
            DbBackend::Sqlite => sqlite_rebuild(" UNIQUE", false, household),
            _ => format!(
                "DROP INDEX \"installations_holding_device\";\nDROP INDEX \"installations_holding_learner\";\n\
DROP INDEX \"installations_holding_household\";\nALTER TABLE \"installations\" DROP COLUMN \"ended_reason\";\n\
ALTER TABLE \"installations\" DROP COLUMN \"unsigned_reason\";\n\
ALTER TABLE \"installations\" ADD CONSTRAINT \"installations_referral_id_key\" UNIQUE (\"referral_id\");\n\
ALTER TABLE \"installations\" ADD CONSTRAINT \"installations_device_id_key\" UNIQUE (\"device_id\");\n{household}"
            ),
        };
        db.execute_unprepared(&script).await?;
        Ok(())
    }
}

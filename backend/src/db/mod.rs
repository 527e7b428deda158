//! The database handle: one connection pool, SQLite tuned for durability, and
//! a write path that never trips over SQLite's single writer.

pub mod entities;

use std::{
    str::FromStr,
    sync::{Arc, OnceLock},
    time::Duration,
};

use migrations::MigratorTrait;
use sea_orm::sea_query::InsertStatement;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqlxSqliteConnector, TransactionTrait,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tokio::sync::{Mutex, OwnedMutexGuard, mpsc, oneshot};

#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    /// SQLite has one writer. A deferred transaction that reads then writes
    /// fails at once with SQLITE_BUSY when another writer got in first, whatever
    /// the busy timeout; queueing our own writers here avoids that. PostgreSQL
    /// needs no such lock.
    write_lock: Option<Arc<Mutex<()>>>,
    /// The queue of `append`, started at its first use.
    appends: Arc<OnceLock<mpsc::Sender<Append>>>,
}

/// A row for `Db::append`, and the caller waiting for its commit.
struct Append {
    row: InsertStatement,
    committed: oneshot::Sender<Result<(), String>>,
}

/// Rows one group commit takes at most.
const APPENDS_PER_COMMIT: usize = 256;

/// A write transaction that holds the writer's place until it ends.
pub struct WriteTx {
    pub tx: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.tx.commit().await
    }

    /// Ends the transaction now, rather than when the connection is next
    /// used (what dropping it does), so the next writer does not wait.
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, DbErr> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbErr::Custom(format!("invalid SQLite URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: an acknowledged write survives a power cut; these are people's records.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Reads of a national programme's lists walk indexes of tens
                // of megabytes: map the file (one copy shared by every
                // connection, no read call per page) and keep more pages per
                // connection than SQLite's 2 MB default. Writes still go
                // through the journal as before.
                .pragma("mmap_size", "268435456")
                .pragma("cache_size", "-16000");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e)))?;
            Ok(Db {
                conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
                write_lock: Some(Arc::new(Mutex::new(()))),
                appends: Arc::default(),
            })
        } else {
            let mut options = ConnectOptions::new(url);
            options.max_connections(20).sqlx_logging(false);
            Ok(Db {
                conn: Database::connect(options).await?,
                write_lock: None,
                appends: Arc::default(),
            })
        }
    }

    pub async fn migrate(&self) -> Result<(), DbErr> {
        migrations::Migrator::up(&self.conn, None).await
    }

    /// Begins a transaction for work that writes.
    pub async fn write_tx(&self) -> Result<WriteTx, DbErr> {
        let turn = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = self.conn.begin().await?;
        if turn.is_some() {
            // BEGIN IMMEDIATE, in effect: a statement that writes nothing still
            // takes SQLite's write lock, before this transaction reads
            // anything. A deferred transaction that reads first and writes
            // later fails at once ("database is locked") if another connection
            // still holds the lock (an earlier transaction being rolled back),
            // instead of waiting for it.
            tx.execute_unprepared("UPDATE programmes SET name = name WHERE 1 = 0")
                .await?;
        }
        Ok(WriteTx { tx, _turn: turn })
    }

    /// Inserts a row that must be saved before the caller answers, sharing
    /// one transaction with the rows other requests append meanwhile (a
    /// group commit). The audit log takes a row for every read of a
    /// person's record: one SQLite commit (one fsync) each made the
    /// household's tracking page wait on the disk under load.
    pub async fn append(&self, row: InsertStatement) -> Result<(), DbErr> {
        let queue = self.appends.get_or_init(|| {
            let (sender, receiver) = mpsc::channel(4 * APPENDS_PER_COMMIT);
            // The writer's own handle has no queue, so that it ends once
            // every other handle (and so every sender) is gone.
            let writer = Db {
                conn: self.conn.clone(),
                write_lock: self.write_lock.clone(),
                appends: Arc::default(),
            };
            tokio::spawn(writer.commit_appends(receiver));
            sender
        });
        let (committed, done) = oneshot::channel();
        let lost = || DbErr::Custom("the append queue stopped".into());
        queue
            .send(Append { row, committed })
            .await
            .map_err(|_| lost())?;
        done.await.map_err(|_| lost())?.map_err(DbErr::Custom)
    }

    async fn commit_appends(self, mut receiver: mpsc::Receiver<Append>) {
        let mut batch = Vec::with_capacity(APPENDS_PER_COMMIT);
        while receiver.recv_many(&mut batch, APPENDS_PER_COMMIT).await > 0 {
            let together = self.insert_all(batch.iter().map(|a| &a.row)).await;
            if together.is_ok() {
                for append in batch.drain(..) {
                    let _ = append.committed.send(Ok(()));
                }
                continue;
            }
            // One bad row must not fail the others: each on its own.
            for append in batch.drain(..) {
                let alone = self.insert_all(std::iter::once(&append.row)).await;
                let _ = append.committed.send(alone.map_err(|e| e.to_string()));
            }
        }
    }

    async fn insert_all<'a>(
        &self,
        rows: impl Iterator<Item = &'a InsertStatement>,
    ) -> Result<(), DbErr> {
        let tx = self.write_tx().await?;
        let backend = tx.get_database_backend();
        for row in rows {
            tx.execute(backend.build(row)).await?;
        }
        tx.commit().await
    }
}

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use shared_types::{
    DeviceSource, DeviceStatus, ErasureMethod, Grade, MaterialCategory, MediumKind,
};

use crate::{
    graphql::{context, error::from_service},
    services::devices::{
        self, Device, Event,
        erasure::{self, Erasure, Medium},
    },
};

pub struct DeviceNode(pub Device);

/// A reusable device, with its tag (printed on its QR label) and lifecycle.
#[Object(name = "Device")]
impl DeviceNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// `PSL-2026-00042`: what the label shows and its QR code opens (`/d/<tag>`).
    async fn tag(&self) -> &str {
        &self.0.tag
    }
    async fn kind(&self) -> MaterialCategory {
        self.0.kind
    }
    async fn brand(&self) -> Option<&str> {
        self.0.brand.as_deref()
    }
    async fn model(&self) -> Option<&str> {
        self.0.model.as_deref()
    }
    async fn serial(&self) -> Option<&str> {
        self.0.serial.as_deref()
    }
    async fn cpu(&self) -> Option<&str> {
        self.0.cpu.as_deref()
    }
    async fn ram_gb(&self) -> Option<i32> {
        self.0.ram_gb
    }
    async fn storage_gb(&self) -> Option<i32> {
        self.0.storage_gb
    }
    async fn screen_inches(&self) -> Option<f64> {
        self.0.screen_inches
    }
    async fn grade(&self) -> Option<Grade> {
        self.0.grade
    }
    async fn operating_system(&self) -> Option<&str> {
        self.0.operating_system.as_deref()
    }
    async fn status(&self) -> DeviceStatus {
        self.0.status
    }
    /// The moves the lifecycle allows from here (the server checks them again).
    async fn next_statuses(&self) -> &'static [DeviceStatus] {
        self.0.status.next_for(self.0.source)
    }
    async fn source(&self) -> DeviceSource {
        self.0.source
    }
    /// For a purchase: the day it was bought.
    async fn purchased_on(&self) -> Option<NaiveDate> {
        self.0.purchased_on
    }
    /// For a purchase: who paid for it.
    async fn funder(&self) -> Option<&str> {
        self.0.funder.as_deref()
    }
    async fn supplier(&self) -> Option<&str> {
        self.0.supplier.as_deref()
    }
    async fn price_euros(&self) -> Option<f64> {
        self.0.price_cents.map(|c| c as f64 / 100.0)
    }
    async fn recycled_weight_kg(&self) -> Option<f64> {
        self.0.recycled_weight_grams.map(|g| g as f64 / 1000.0)
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn batch_id(&self) -> Option<ID> {
        self.0.batch_id.map(|id| ID(id.to_string()))
    }
    /// The number of the batch it came in, for a donated device.
    async fn batch_number(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<i64>> {
        let Some(batch_id) = self.0.batch_id else {
            return Ok(None);
        };
        devices::batch_number(&context::state(ctx).db, batch_id)
            .await
            .map_err(from_service)
    }
    /// The donor it came from (coordination and refurbisher only).
    async fn donor_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let viewer = context::staff(ctx)?;
        devices::donor_name(&context::state(ctx).db, viewer, &self.0)
            .await
            .map_err(from_service)
    }
    /// Every move of the device, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EventNode>> {
        let viewer = context::staff(ctx)?;
        let found = devices::history(&context::state(ctx).db, viewer, self.0.id)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(Into::into).collect())
    }
    /// Its storage media, each with its erasure records.
    async fn media(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MediumNode>> {
        let viewer = context::staff(ctx)?;
        let found = erasure::media_of(&context::state(ctx).db, viewer, self.0.id)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(MediumNode::from).collect())
    }
}

#[derive(SimpleObject)]
#[graphql(name = "DeviceEvent")]
pub struct EventNode {
    pub from: Option<DeviceStatus>,
    pub to: DeviceStatus,
    pub at: DateTime<Utc>,
    /// Who made the move.
    pub by: String,
    pub reason: Option<String>,
}

impl From<Event> for EventNode {
    fn from(e: Event) -> EventNode {
        EventNode {
            from: e.from,
            to: e.to,
            at: e.at,
            by: e.by,
            reason: e.reason,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "StorageMedium")]
pub struct MediumNode {
    pub id: ID,
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
    /// Its latest erasure record passed and came after the device's last
    /// return from a home.
    pub erased: bool,
    pub erasures: Vec<ErasureNode>,
}

impl From<Medium> for MediumNode {
    fn from(m: Medium) -> MediumNode {
        MediumNode {
            erased: m.erased,
            id: ID(m.id.to_string()),
            kind: m.kind,
            capacity_gb: m.capacity_gb,
            serial: m.serial,
            erasures: m.erasures.into_iter().map(ErasureNode::from).collect(),
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Erasure")]
pub struct ErasureNode {
    pub id: ID,
    pub method: ErasureMethod,
    pub tool: String,
    pub erased_on: NaiveDate,
    pub operator: String,
    pub passed: bool,
    /// Where the tool's report can be downloaded, when one was attached.
    pub report_url: Option<String>,
}

impl From<Erasure> for ErasureNode {
    fn from(e: Erasure) -> ErasureNode {
        ErasureNode {
            report_url: e
                .has_report
                .then(|| format!("/api/erasures/{}/report", e.id)),
            id: ID(e.id.to_string()),
            method: e.method,
            tool: e.tool,
            erased_on: e.erased_on,
            operator: e.operator,
            passed: e.passed,
        }
    }
}

#[derive(InputObject)]
pub struct MediumInput {
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
}

#[derive(InputObject)]
pub struct CreateDeviceInput {
    /// A label already stuck on it; a new tag is made when absent.
    pub tag: Option<String>,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub operating_system: Option<String>,
    pub source: DeviceSource,
    /// For a donation: the batch it came in…
    pub batch_id: Option<ID>,
    /// …and the pickup (the donor), when the batch holds several.
    pub pickup_id: Option<ID>,
    /// For a purchase.
    pub supplier: Option<String>,
    pub price_euros: Option<f64>,
    /// For a purchase: the day it was bought (today when absent).
    pub purchased_on: Option<NaiveDate>,
    /// The day the workshop had it in hand, when entered later (today by
    /// default): not before its batch's receipt or its purchase.
    pub received_on: Option<NaiveDate>,
    /// For a purchase: who paid for it.
    pub funder: Option<String>,
    /// For a purchase: the workshop that prepares it (a refurbisher's own
    /// purchases are theirs; none for a computer bought already refurbished).
    pub refurbisher_id: Option<ID>,
    pub notes: Option<String>,
    #[graphql(default)]
    pub media: Vec<MediumInput>,
}

impl From<MoveDeviceInput> for crate::services::devices::Move {
    fn from(input: MoveDeviceInput) -> Self {
        crate::services::devices::Move {
            to: input.to,
            reason: input.reason,
            grade: input.grade,
            recycled_weight_kg: input.recycled_weight_kg,
            on: input.on,
        }
    }
}

/// What became of one device of a grouped move.
#[derive(SimpleObject)]
pub struct DeviceMoveOutcome {
    pub device_id: ID,
    /// The device as moved; none when refused.
    pub device: Option<DeviceNode>,
    /// Why it was refused (the code `moveDevice` would answer).
    pub code: Option<String>,
}

#[derive(InputObject)]
pub struct MoveDeviceInput {
    pub to: DeviceStatus,
    /// Required when the move goes back (a match undone, a device returned…).
    pub reason: Option<String>,
    /// Required to become ready, unless graded before.
    pub grade: Option<Grade>,
    /// Required to be recycled.
    pub recycled_weight_kg: Option<f64>,
    /// The day it happened, when entered later (today by default).
    pub on: Option<chrono::NaiveDate>,
}

#[derive(InputObject)]
pub struct ErasureInput {
    pub medium_id: ID,
    pub method: ErasureMethod,
    /// The software or machine used ("nwipe 0.34", "Blancco", "broyeur").
    pub tool: String,
    pub erased_on: NaiveDate,
    /// Who did it.
    pub operator: String,
    pub passed: bool,
}

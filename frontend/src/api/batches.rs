//! Batches handed from collectors to refurbishers, and the refurbisher's yield.

use shared_types::pickup::{BulkRecycling, MaterialCount};

use super::contract::*;
use super::{ApiError, send};

super::operation!(Batches, "graphql/batches.graphql");
pub type BatchRow = batches::BatchesBatches;

pub async fn list() -> Result<Vec<BatchRow>, ApiError> {
    Ok(send::<Batches>(batches::Variables).await?.batches)
}

super::operation!(Batch, "graphql/batch.graphql");
/// A batch as everyone who may open it sees it: what was sent and counted,
/// and the pickups it came from.
pub type BatchDetail = batch::BatchBatch;

super::operation!(kept BatchWork, "graphql/batch_work.graphql");
/// What the workshop and the coordination see of a batch besides: what was
/// recycled from it in bulk, its yield and the devices made from it.
pub type BatchWorkshop = batch_work::ResponseData;
pub type DeviceList = batch_work::BatchWorkDevices;
pub type RecyclingEntry = batch_work::BatchWorkBatchBulkRecycling;
pub type Yield = refurbisher_yield::RefurbisherYieldRefurbisherYield;

#[derive(Clone)]
pub struct BatchWithDevices {
    pub batch: BatchDetail,
    /// Refurbishers and coordinators only.
    pub workshop: Option<BatchWorkshop>,
}

/// A batch with its workshop part (refurbishers, coordinators) or without (agents).
pub async fn get(id: String, with_devices: bool) -> Result<BatchWithDevices, ApiError> {
    let workshop = async {
        if with_devices {
            send::<BatchWork>(batch_work::Variables { id: id.clone() })
                .await
                .map(Some)
        } else {
            Ok(None)
        }
    };
    let (batch, workshop) =
        futures::join!(send::<Batch>(batch::Variables { id: id.clone() }), workshop);
    Ok(BatchWithDevices {
        batch: batch?.batch,
        workshop: workshop?,
    })
}

super::operation!(
    RecordBulkRecycling,
    "graphql/record_bulk_recycling.graphql",
    variable_types("String", "String", "BulkRecycling")
);
/// Material of a batch recycled in bulk, on the day it was.
pub type NewRecycling = record_bulk_recycling::Variables;

pub async fn record_recycling(entry: NewRecycling) -> Result<(), ApiError> {
    send::<RecordBulkRecycling>(entry).await?;
    Ok(())
}

super::operation!(RemoveBulkRecycling, "graphql/remove_bulk_recycling.graphql");

pub async fn remove_recycling(id: String) -> Result<(), ApiError> {
    send::<RemoveBulkRecycling>(remove_bulk_recycling::Variables { id }).await?;
    Ok(())
}

super::operation!(Refurbishers, "graphql/refurbishers.graphql");
pub type Organisation = refurbishers::RefurbishersRefurbishers;

/// The programme's workshops (to hand a batch to, or to prepare a purchase).
pub async fn refurbishers() -> Result<Vec<Organisation>, ApiError> {
    Ok(send::<Refurbishers>(refurbishers::Variables)
        .await?
        .refurbishers)
}

super::operation!(HandOverChoices, "graphql/hand_over.graphql");
/// The pickups in the agent's storage and the workshops to hand them to.
pub type HandOverChoicesAnswer = hand_over_choices::ResponseData;

pub async fn hand_over_choices() -> Result<HandOverChoicesAnswer, ApiError> {
    send::<HandOverChoices>(hand_over_choices::Variables).await
}

super::operation!(HandOverBatch, "graphql/hand_over_batch.graphql");
pub type HandOver = hand_over_batch::HandOverInput;

pub async fn hand_over(input: HandOver) -> Result<String, ApiError> {
    Ok(send::<HandOverBatch>(hand_over_batch::Variables { input })
        .await?
        .hand_over_batch
        .id)
}

super::operation!(ReceiveBatch, "graphql/receive_batch.graphql");

pub async fn receive(
    id: String,
    counts: Vec<MaterialCount>,
    notes: Option<String>,
    received_on: Option<String>,
) -> Result<(), ApiError> {
    let counts = counts
        .into_iter()
        .map(
            |MaterialCount { category, count }| receive_batch::MaterialCountInput {
                category,
                count,
            },
        )
        .collect();
    send::<ReceiveBatch>(receive_batch::Variables {
        id,
        input: receive_batch::ReceiveBatchInput {
            counts,
            notes,
            received_on,
        },
    })
    .await?;
    Ok(())
}

super::operation!(kept RefurbisherYield, "graphql/refurbisher_yield.graphql");

/// Over the batches received from `from` to `to` (ISO dates, both included).
pub async fn period_yield(from: String, to: String) -> Result<Yield, ApiError> {
    Ok(
        send::<RefurbisherYield>(refurbisher_yield::Variables { from, to })
            .await?
            .refurbisher_yield,
    )
}

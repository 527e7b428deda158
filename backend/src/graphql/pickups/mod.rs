mod mutation;
mod query;
pub mod types;

pub use mutation::PickupsMutation;
pub use query::PickupsQuery;

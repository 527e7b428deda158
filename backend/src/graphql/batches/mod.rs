mod mutation;
mod query;
pub mod types;

pub use mutation::BatchesMutation;
pub use query::BatchesQuery;

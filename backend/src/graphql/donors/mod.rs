mod mutation;
mod query;
pub mod types;

pub use mutation::DonorsMutation;
pub use query::DonorsQuery;

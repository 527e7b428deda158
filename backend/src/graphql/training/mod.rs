mod mutation;
mod query;
pub mod types;

pub use mutation::TrainingMutation;
pub use query::TrainingQuery;

mod mutation;
mod query;
pub mod types;

pub use mutation::InstallationsMutation;
pub use query::InstallationsQuery;

mod mutation;
mod query;
pub mod types;

pub use mutation::OrganisationsMutation;
pub use query::OrganisationsQuery;

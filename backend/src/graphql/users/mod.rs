mod mutation;
mod query;
pub mod types;

pub use mutation::UsersMutation;
pub use query::UsersQuery;

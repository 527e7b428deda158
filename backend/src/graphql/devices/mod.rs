mod mutation;
mod query;
pub mod types;

pub use mutation::DevicesMutation;
pub use query::DevicesQuery;

//! Who is asking, as far as attempt limits are concerned
//! (`services::attempts` does the counting).

/// The address a request came from, as the listener saw it.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

//! One page of a list in the API, whichever records it holds.

use async_graphql::{OutputType, SimpleObject};
use shared_types::Page;

use super::{
    devices::types::DeviceNode, donors::types::DonorNode, pickups::types::PickupNode,
    users::types::UserNode,
};

#[derive(SimpleObject)]
#[graphql(
    concrete(name = "UserPage", params(UserNode)),
    concrete(name = "DonorPage", params(DonorNode)),
    concrete(name = "PickupPage", params(PickupNode)),
    concrete(name = "DevicePage", params(DeviceNode))
)]
pub struct PageNode<T: OutputType> {
    pub items: Vec<T>,
    /// How many match in all, across pages.
    pub total: u64,
}

impl<T: OutputType> PageNode<T> {
    /// A page of service records, each shown as its node.
    pub fn of<S>(page: Page<S>, node: impl FnMut(S) -> T) -> PageNode<T> {
        let page = page.map(node);
        PageNode {
            items: page.items,
            total: page.total,
        }
    }
}

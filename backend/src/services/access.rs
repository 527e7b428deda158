//! Who may do what on which records: the programme's one access policy.
//!
//! Each row of [`POLICY`] grants one role one action on one kind of record,
//! either across the whole programme or only on the records its own
//! organisation holds. Services ask here before they read or write; the
//! resolvers keep at most a role guard. The access matrix test
//! (`tests/api/access.rs`) runs every operation as every role against this
//! table.
//!
//! A role without a row for an action is refused with `FORBIDDEN`. A record
//! outside the viewer's reach answers `NOT_FOUND`, as if it did not exist:
//! nothing is learnt by guessing ids.

use shared_types::{ErrorCode, Role};
use uuid::Uuid;

use crate::auth::StaffUser;

/// The kinds of records the policy speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Pickups at donors and the collector's stock.
    Pickups,
    /// Donors, looked up and recorded while collecting.
    Donors,
    /// Batches handed from a collector to a refurbisher.
    Batches,
    /// Handing pickups in storage over to a refurbisher as a batch.
    BatchHandOver,
    /// Confirming a batch's receipt with what was counted.
    BatchReceipt,
    /// What a received batch sent to recycling, by weight.
    BatchRecycling,
    /// The yield of a refurbisher's received batches.
    RefurbisherYield,
    /// Computers: their records, moves and erasures.
    Devices,
    /// The list of computers in stock, the workshop's or the programme's.
    DeviceStock,
    /// Computers bought rather than donated.
    Purchases,
    /// Printed asset labels, donors' erasure certificates and the donation
    /// a device came from.
    DeviceProvenance,
    /// Matching learners with computers, undoing a match, outcomes.
    Matching,
    /// Home visits and installations.
    Visits,
    /// Handing a visit to another installer.
    VisitInstaller,
    /// Help-desk requests from households.
    SupportRequests,
    /// Referred residents (learners) and their records.
    Learners,
    /// Referring a resident to the programme.
    Referring,
    /// Inviting learners to information sessions.
    Invitations,
    /// Erasing or exporting a person's data (GDPR).
    PersonalData,
    /// Information sessions.
    InfoSessions,
    /// Cohorts, their modules, attendance and the call list.
    Cohorts,
    /// The programme's training providers, to choose one.
    TrainingProviders,
    /// The yearly report and its anonymous lines.
    Reports,
    /// The history of a record.
    AuditLog,
    /// The programme's settings.
    Settings,
    /// All the programme's records at once: imported from spreadsheets,
    /// exported as one.
    ProgrammeRecords,
    /// The messages sent to people (e-mail), with their status.
    Messages,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    /// Create, change or move.
    Write,
}

/// How far a grant reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// The records the viewer's organisation holds (the pickups it made,
    /// the batches it sends or receives, the devices in its workshop, the
    /// visits it makes, the cohorts it teaches). For a prescriber, the
    /// residents they referred.
    Own,
    /// Every record of the viewer's programme.
    Programme,
}

use Action::{Read, Write};
use Reach::{Own, Programme};
use Resource::*;
use Role::*;

/// The policy. Read it as "a `Role` may `Action` `Resource`, `Reach`".
pub const POLICY: &[(Role, Action, Resource, Reach)] = &[
    (Coordinator, Read, Pickups, Programme),
    (CollectionAgent, Read, Pickups, Own),
    (CollectionAgent, Write, Pickups, Own),
    (Coordinator, Read, Donors, Programme),
    (Coordinator, Write, Donors, Programme),
    (CollectionAgent, Read, Donors, Programme),
    (CollectionAgent, Write, Donors, Programme),
    (Coordinator, Read, Batches, Programme),
    (CollectionAgent, Read, Batches, Own),
    (Refurbisher, Read, Batches, Own),
    (CollectionAgent, Write, BatchHandOver, Own),
    (Refurbisher, Write, BatchReceipt, Own),
    (Coordinator, Write, BatchRecycling, Programme),
    (Refurbisher, Write, BatchRecycling, Own),
    (Coordinator, Read, RefurbisherYield, Programme),
    (Refurbisher, Read, RefurbisherYield, Own),
    // Anyone of the programme may read a computer's record: the installer
    // checks it at the door, the trainer tells the learner which it is.
    (Coordinator, Read, Devices, Programme),
    (CollectionAgent, Read, Devices, Programme),
    (Refurbisher, Read, Devices, Programme),
    (Trainer, Read, Devices, Programme),
    (Installer, Read, Devices, Programme),
    (Prescriber, Read, Devices, Programme),
    (Coordinator, Read, DeviceStock, Programme),
    (Refurbisher, Read, DeviceStock, Own),
    (Coordinator, Write, Devices, Programme),
    (Refurbisher, Write, Devices, Own),
    (Coordinator, Write, Purchases, Programme),
    (CollectionAgent, Write, Purchases, Programme),
    (Refurbisher, Write, Purchases, Own),
    (Coordinator, Read, DeviceProvenance, Programme),
    (Refurbisher, Read, DeviceProvenance, Own),
    (Coordinator, Write, Matching, Programme),
    (Coordinator, Read, Visits, Programme),
    (Installer, Read, Visits, Own),
    (Coordinator, Write, Visits, Programme),
    (Installer, Write, Visits, Own),
    (Coordinator, Write, VisitInstaller, Programme),
    (Coordinator, Read, SupportRequests, Programme),
    (Installer, Read, SupportRequests, Own),
    (Coordinator, Read, Learners, Programme),
    (Prescriber, Read, Learners, Own),
    (Trainer, Read, Learners, Own),
    (Coordinator, Write, Learners, Programme),
    (Prescriber, Write, Learners, Own),
    (Prescriber, Write, Referring, Own),
    (Coordinator, Write, Invitations, Programme),
    (Coordinator, Write, PersonalData, Programme),
    (Coordinator, Read, InfoSessions, Programme),
    (Trainer, Read, InfoSessions, Own),
    (Coordinator, Write, InfoSessions, Programme),
    (Trainer, Write, InfoSessions, Own),
    (Coordinator, Read, Cohorts, Programme),
    (Trainer, Read, Cohorts, Own),
    (Coordinator, Write, Cohorts, Programme),
    (Trainer, Write, Cohorts, Own),
    (Coordinator, Read, TrainingProviders, Programme),
    (Trainer, Read, TrainingProviders, Programme),
    (Coordinator, Read, Reports, Programme),
    (Coordinator, Read, AuditLog, Programme),
    (Coordinator, Read, Settings, Programme),
    (Coordinator, Write, Settings, Programme),
    (Coordinator, Read, ProgrammeRecords, Programme),
    (Coordinator, Write, ProgrammeRecords, Programme),
    (Coordinator, Read, Messages, Programme),
];

/// The grants the viewer holds for `action` on `resource`, role by role.
pub fn grants(
    viewer: &StaffUser,
    action: Action,
    resource: Resource,
) -> impl Iterator<Item = (Role, Reach)> + '_ {
    POLICY
        .iter()
        .filter(move |(role, a, r, _)| *a == action && *r == resource && viewer.has_role(*role))
        .map(|(role, _, _, reach)| (*role, *reach))
}

/// The farthest the viewer reaches for `action` on `resource`, or
/// `FORBIDDEN` when no role of theirs may do it at all.
pub fn reach(viewer: &StaffUser, action: Action, resource: Resource) -> Result<Reach, ErrorCode> {
    grants(viewer, action, resource)
        .map(|(_, reach)| reach)
        .max()
        .ok_or(ErrorCode::Forbidden)
}

/// Whether some role of the viewer grants `action` on `resource` held by
/// the roles' organisation: `holder` is the organisation that holds the
/// record for that role (the collector of a batch for an agent, its
/// refurbisher for the workshop).
pub fn allows(
    viewer: &StaffUser,
    action: Action,
    resource: Resource,
    holder: impl Fn(Role) -> Option<Uuid>,
) -> bool {
    grants(viewer, action, resource).any(|(role, reach)| match reach {
        Programme => true,
        Own => holder(role) == Some(viewer.organisation_id),
    })
}

/// The organisation a listing is limited to: the one asked for (or none)
/// when the viewer reaches the whole programme, their own otherwise.
pub fn listing_scope(
    viewer: &StaffUser,
    action: Action,
    resource: Resource,
    asked: Option<Uuid>,
) -> Result<Option<Uuid>, ErrorCode> {
    Ok(match reach(viewer, action, resource)? {
        Programme => asked,
        Own => Some(viewer.organisation_id),
    })
}

/// `allows`, for a record of `programme`: a record of another programme is
/// out of everyone's reach.
pub fn allows_record(
    viewer: &StaffUser,
    action: Action,
    resource: Resource,
    programme: Uuid,
    holder: impl Fn(Role) -> Option<Uuid>,
) -> bool {
    programme == viewer.programme_id && allows(viewer, action, resource, holder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_grant_is_written_once() {
        for (i, row) in POLICY.iter().enumerate() {
            assert!(
                !POLICY[i + 1..].contains(row),
                "{row:?} is granted twice in the policy"
            );
        }
    }

    #[test]
    fn only_the_coordination_reads_reports_the_history_and_changes_settings() {
        for (role, action, resource, _) in POLICY {
            if matches!(
                resource,
                Reports | AuditLog | Settings | Matching | PersonalData | ProgrammeRecords
            ) {
                assert_eq!(*role, Coordinator, "{role:?} may {action:?} {resource:?}");
            }
        }
    }
}

//! Who may do what, as one table: every query and mutation of the schema,
//! for anonymous visitors, a household holding its tracking code, the
//! coordinator, each role in the demo organisations (A) and the same roles
//! in other organisations (B). Every object the operations name belongs to
//! A, so B's answers prove nobody reaches another organisation's records by
//! their id, and B's lists are checked to hold none of A's ids.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{AGENT, PRESCRIBER, TRAINER, TestApp, programme_today, spawn_app};
use crate::installations::{ACCEPT, completed, ready_device, world};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Actor {
    Anonymous,
    /// No account, but the tracking code of A's household.
    Household,
    Coordinator,
    AgentA,
    AgentB,
    RefurbisherA,
    RefurbisherB,
    TrainerA,
    TrainerB,
    InstallerA,
    InstallerB,
    PrescriberA,
    PrescriberB,
}
use Actor::*;

const ACTORS: [Actor; 13] = [
    Anonymous,
    Household,
    Coordinator,
    AgentA,
    AgentB,
    RefurbisherA,
    RefurbisherB,
    TrainerA,
    TrainerB,
    InstallerA,
    InstallerB,
    PrescriberA,
    PrescriberB,
];
/// Everyone with an account (the two callers without one come first).
const STAFF: &[Actor] = ACTORS.split_at(2).1;
/// Sign-in operations: anyone may try; their refusals are not permissions.
const ANYONE: &[Actor] = &ACTORS;
/// Whoever holds the code: the household, and staff shown it.
const CODE_HOLDERS: &[Actor] = ACTORS.split_at(1).1;

fn is_other_organisation(actor: Actor) -> bool {
    matches!(
        actor,
        AgentB | RefurbisherB | TrainerB | InstallerB | PrescriberB
    )
}

/// A's records the operations act on.
struct Fixtures {
    donor: Value,
    pickup: Value,
    pickup_in_storage: Value,
    scheduled_pickup: Value,
    received_batch: Value,
    sent_batch: Value,
    /// Two bulk recycling entries of the received batch: the coordinator
    /// takes back the second, A's workshop the first.
    bulk_recycling: [Value; 2],
    refurbisher: Value,
    device: Value,
    device_tag: Value,
    medium: Value,
    spare_device: Value,
    session: Value,
    cohort: Value,
    module: Value,
    learner: Value,
    spare_learner: Value,
    waiting_learner: Value,
    installation: Value,
    tracking_code: String,
    support_request: Value,
    someone: Value,
    /// The organisation of `someone` (B's collector).
    someone_organisation: Value,
}

impl Fixtures {
    /// The household's code; anonymous visitors only guess.
    fn code(&self, actor: Actor) -> String {
        if actor == Anonymous {
            "ZZZZ-ZZZZ".into()
        } else {
            self.tracking_code.clone()
        }
    }

    /// Ids only A's people (and the coordination) may ever see.
    fn private_ids(&self) -> Vec<String> {
        [
            &self.pickup,
            &self.pickup_in_storage,
            &self.scheduled_pickup,
            &self.received_batch,
            &self.sent_batch,
            &self.device,
            &self.session,
            &self.cohort,
            &self.learner,
            &self.spare_learner,
            &self.installation,
            &self.support_request,
        ]
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
    }
}

struct Rule {
    field: &'static str,
    document: &'static str,
    variables: fn(&Fixtures, Actor) -> Value,
    allowed: &'static [Actor],
    /// A's object is meant to be readable across organisations (a device's
    /// label is on the device; donors are the programme's).
    shared: bool,
}

const fn rule(
    field: &'static str,
    document: &'static str,
    variables: fn(&Fixtures, Actor) -> Value,
    allowed: &'static [Actor],
) -> Rule {
    Rule {
        field,
        document,
        variables,
        allowed,
        shared: false,
    }
}

fn none(_: &Fixtures, _: Actor) -> Value {
    json!({})
}

fn soon() -> String {
    (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339()
}

fn year() -> Value {
    let year = chrono::Utc::now().format("%Y").to_string();
    json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") })
}

const COORDINATION: &[Actor] = &[Coordinator];
const COLLECTION: &[Actor] = &[Coordinator, AgentA, AgentB];
const COLLECTION_A: &[Actor] = &[Coordinator, AgentA];
const AGENTS: &[Actor] = &[AgentA, AgentB];
const WORKSHOP_A: &[Actor] = &[Coordinator, RefurbisherA];
const TRAINING: &[Actor] = &[Coordinator, TrainerA, TrainerB];
const TRAINING_A: &[Actor] = &[Coordinator, TrainerA];
const INSTALLING: &[Actor] = &[Coordinator, InstallerA, InstallerB];
const INSTALLING_A: &[Actor] = &[Coordinator, InstallerA];

fn rules() -> Vec<Rule> {
    vec![
        // Queries
        rule(
            "auditLog",
            "query($id: ID!) { auditLog(subjectId: $id) { action } }",
            |f, _| json!({ "id": f.learner }),
            COORDINATION,
        ),
        rule(
            "batch",
            "query($id: ID!) { batch(id: $id) { id } }",
            |f, _| json!({ "id": f.received_batch }),
            &[Coordinator, AgentA, RefurbisherA],
        ),
        rule(
            "batches",
            "query { batches { id } }",
            none,
            &[Coordinator, AgentA, AgentB, RefurbisherA, RefurbisherB],
        ),
        rule(
            "cohort",
            "query($id: ID!) { cohort(id: $id) { id } }",
            |f, _| json!({ "id": f.cohort }),
            TRAINING_A,
        ),
        rule("cohorts", "query { cohorts { id } }", none, TRAINING),
        // A device opens from its QR label for anyone of the programme; its
        // donor is shown to those who handle it only (see the devices tests).
        Rule {
            shared: true,
            ..rule(
                "device",
                "query($id: ID!) { device(id: $id) { id } }",
                |f, _| json!({ "id": f.device }),
                STAFF,
            )
        },
        Rule {
            shared: true,
            ..rule(
                "deviceByTag",
                "query($tag: String!) { deviceByTag(tag: $tag) { id tag status } }",
                |f, _| json!({ "tag": f.device_tag }),
                STAFF,
            )
        },
        rule(
            "devices",
            "query { devices { items { id } } }",
            none,
            &[Coordinator, RefurbisherA, RefurbisherB],
        ),
        Rule {
            shared: true,
            ..rule(
                "donor",
                "query($id: ID!) { donor(id: $id) { id } }",
                |f, _| json!({ "id": f.donor }),
                COLLECTION,
            )
        },
        rule(
            "donorDuplicates",
            "query { donorDuplicates(name: \"Cour d'appel\") { id } }",
            none,
            COLLECTION,
        ),
        rule(
            "donors",
            "query { donors { items { id } } }",
            none,
            COLLECTION,
        ),
        rule(
            "infoSessions",
            "query { infoSessions { id } }",
            none,
            TRAINING,
        ),
        rule(
            "installation",
            "query($id: ID!) { installation(id: $id) { id } }",
            |f, _| json!({ "id": f.installation }),
            INSTALLING_A,
        ),
        rule(
            "installations",
            "query { installations { id } }",
            none,
            INSTALLING,
        ),
        rule(
            "matchProposal",
            "query { matchProposal { score } }",
            none,
            COORDINATION,
        ),
        rule(
            "matchingCandidates",
            "query { matchingCandidates { __typename } }",
            none,
            COORDINATION,
        ),
        rule("me", "query { me { id } }", none, STAFF),
        rule(
            "messages",
            "query { messages { id status } }",
            none,
            COORDINATION,
        ),
        rule(
            "organisations",
            "query { organisations { id } }",
            none,
            COORDINATION,
        ),
        rule(
            "pickup",
            "query($id: ID!) { pickup(id: $id) { id } }",
            |f, _| json!({ "id": f.pickup }),
            COLLECTION_A,
        ),
        rule(
            "pickupStock",
            "query { pickupStock { pickups } }",
            none,
            COLLECTION,
        ),
        rule(
            "pickups",
            "query { pickups { items { id } } }",
            none,
            COLLECTION,
        ),
        rule(
            "referral",
            "query($id: ID!) { referral(id: $id) { id } }",
            |f, _| json!({ "id": f.learner }),
            &[Coordinator, TrainerA, PrescriberA],
        ),
        rule(
            "referrals",
            "query { referrals { id } }",
            none,
            &[Coordinator, TrainerA, TrainerB, PrescriberA, PrescriberB],
        ),
        rule(
            "refurbisherYield",
            "query($from: NaiveDate!, $to: NaiveDate!) { refurbisherYield(from: $from, to: $to) { __typename } }",
            |_, _| year(),
            &[Coordinator, RefurbisherA, RefurbisherB],
        ),
        rule(
            "refurbishers",
            "query { refurbishers { id } }",
            none,
            COLLECTION,
        ),
        rule(
            "reminders",
            "query($from: DateTime!, $to: DateTime!) { reminders(from: $from, to: $to) { __typename } }",
            |_, _| json!({ "from": chrono::Utc::now().to_rfc3339(), "to": soon() }),
            TRAINING,
        ),
        rule(
            "report",
            "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { trained } }",
            |_, _| year(),
            COORDINATION,
        ),
        rule(
            "supportRequests",
            "query { supportRequests { id } }",
            none,
            INSTALLING,
        ),
        rule(
            "tracking",
            "query($code: String!) { tracking(code: $code) { trained } }",
            |f, a| json!({ "code": f.code(a) }),
            CODE_HOLDERS,
        ),
        rule(
            "trainingProviders",
            "query { trainingProviders { id name } }",
            none,
            TRAINING,
        ),
        rule(
            "programmeSettings",
            "query { programmeSettings { returnSharePercent } }",
            none,
            COORDINATION,
        ),
        rule("users", "query { users { total } }", none, COORDINATION),
        // Mutations
        rule(
            "acceptMatches",
            "mutation($pairs: [PairInput!]!) { acceptMatches(pairs: $pairs) { id } }",
            |f, _| json!({ "pairs": [{ "deviceId": f.spare_device, "referralId": f.waiting_learner }] }),
            COORDINATION,
        ),
        rule(
            "addStorageMedium",
            "mutation($id: ID!) { addStorageMedium(deviceId: $id, input: { kind: HDD }) { id } }",
            |f, _| json!({ "id": f.device }),
            WORKSHOP_A,
        ),
        rule(
            "bookVisit",
            "mutation($id: ID!, $from: DateTime!, $to: DateTime!) { bookVisit(id: $id, from: $from, to: $to) { id } }",
            |f, _| json!({ "id": f.installation, "from": soon(), "to": soon() }),
            INSTALLING_A,
        ),
        rule(
            "cancelPickup",
            "mutation($id: ID!) { cancelPickup(id: $id) { id } }",
            |f, _| json!({ "id": f.scheduled_pickup }),
            &[AgentA],
        ),
        rule(
            "changePassword",
            "mutation { changePassword(currentPassword: \"not-the-password\", newPassword: \"another-long-one\") { accessToken } }",
            none,
            STAFF,
        ),
        rule(
            "closeVisit",
            "mutation($id: ID!) { closeVisit(id: $id, input: { accountsCreated: true, connection: BOX, connectionTested: true, deviceSetUp: true, installedSerial: \"nope\" }) { id } }",
            |f, _| json!({ "id": f.installation }),
            INSTALLING_A,
        ),
        rule(
            "confirmCompletion",
            "mutation($r: ID!) { confirmCompletion(referralId: $r) { id } }",
            |f, _| json!({ "r": f.learner }),
            TRAINING_A,
        ),
        rule(
            "correctPickup",
            "mutation($id: ID!) { correctPickup(id: $id, input: { counts: [{ category: LAPTOP, count: 3 }], weightKg: 9 }) { id } }",
            |f, _| json!({ "id": f.pickup_in_storage }),
            &[AgentA],
        ),
        rule(
            "correctDevice",
            "mutation($id: ID!) { correctDevice(id: $id, input: { brand: \"Dell\", serial: \"ACL-1\", ramGb: 8 }) { id } }",
            |f, _| json!({ "id": f.device }),
            WORKSHOP_A,
        ),
        rule(
            "createCohort",
            "mutation($at: DateTime!) { createCohort(input: { name: \"Automne\", firstModuleAt: $at }) { id } }",
            |_, _| json!({ "at": soon() }),
            TRAINING,
        ),
        rule(
            "createDevice",
            "mutation($batch: ID!) { createDevice(input: { kind: LAPTOP, brand: \"HP\", source: DONATION, batchId: $batch, media: [] }) { id } }",
            |f, _| json!({ "batch": f.received_batch }),
            WORKSHOP_A,
        ),
        rule(
            "createDonor",
            "mutation($name: String!) { createDonor(input: { name: $name, postcode: \"73000\" }) { id } }",
            |_, a| json!({ "name": format!("Donateur {a:?}") }),
            COLLECTION,
        ),
        rule(
            "createInfoSession",
            "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"Salle B\") { id } }",
            |_, _| json!({ "at": soon() }),
            TRAINING,
        ),
        rule(
            "createOrganisation",
            "mutation($name: String!) { createOrganisation(input: { kind: PRESCRIBER, name: $name }) { id } }",
            |_, a| json!({ "name": format!("Organisation {a:?}") }),
            COORDINATION,
        ),
        rule(
            "createReferral",
            "mutation { createReferral(input: { prescriberKind: OTHER, firstName: \"Yanis\", lastName: \"Test\", phone: \"06 22 22 22 22\", internet: HAS, consent: true }) { id } }",
            none,
            &[PrescriberA, PrescriberB],
        ),
        rule(
            "createUser",
            "mutation($email: String!, $org: ID!) { createUser(input: { displayName: \"Nouvelle Personne\", email: $email, organisationId: $org, password: \"long-enough-password\", roles: [REFURBISHER] }) { id } }",
            |f, a| json!({ "email": format!("{a:?}@new.example.org").to_lowercase(), "org": f.refurbisher }),
            COORDINATION,
        ),
        rule(
            "decideEligibility",
            "mutation($r: ID!) { decideEligibility(referralId: $r, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }",
            |f, _| json!({ "r": f.spare_learner }),
            TRAINING_A,
        ),
        rule(
            "dropOut",
            "mutation($r: ID!) { dropOut(referralId: $r, reason: \"Déménage\") { id } }",
            |f, _| json!({ "r": f.learner }),
            TRAINING_A,
        ),
        rule(
            "enrol",
            "mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { id } }",
            |f, _| json!({ "r": f.spare_learner, "c": f.cohort }),
            TRAINING_A,
        ),
        rule(
            "erasePerson",
            "mutation($r: ID!) { erasePerson(referralId: $r) }",
            |f, _| json!({ "r": f.spare_learner }),
            COORDINATION,
        ),
        rule(
            "exportPerson",
            "mutation($r: ID!) { exportPerson(referralId: $r) }",
            |f, _| json!({ "r": f.learner }),
            COORDINATION,
        ),
        rule(
            "correctVisit",
            "mutation($id: ID!) { correctVisit(id: $id) { id } }",
            |f, _| json!({ "id": f.installation }),
            INSTALLING_A,
        ),
        rule(
            "failVisit",
            "mutation($id: ID!) { failVisit(id: $id, reason: \"Personne\") { id } }",
            |f, _| json!({ "id": f.installation }),
            INSTALLING_A,
        ),
        rule(
            "handOverBatch",
            "mutation($p: ID!, $r: ID!) { handOverBatch(input: { pickupIds: [$p], refurbisherId: $r }) { id } }",
            |f, _| json!({ "p": f.pickup_in_storage, "r": f.refurbisher }),
            &[AgentA],
        ),
        rule(
            "inviteToSession",
            "mutation($s: ID!, $r: ID!) { inviteToSession(sessionId: $s, referralIds: [$r]) { id } }",
            |f, _| json!({ "s": f.session, "r": f.spare_learner }),
            COORDINATION,
        ),
        rule(
            "login",
            "mutation { login(email: \"nobody@example.org\", password: \"wrong-password\") { accessToken } }",
            none,
            ANYONE,
        ),
        rule(
            "logout",
            "mutation { logout(refreshToken: \"made-up\") }",
            none,
            ANYONE,
        ),
        rule(
            "markAttendance",
            "mutation($c: ID!, $m: ID!, $r: ID!) { markAttendance(cohortId: $c, moduleId: $m, marks: [{ referralId: $r, mark: PRESENT }]) }",
            |f, _| json!({ "c": f.cohort, "m": f.module, "r": f.learner }),
            TRAINING_A,
        ),
        rule(
            "moveDevice",
            "mutation($id: ID!) { moveDevice(id: $id, input: { to: IN_REFURBISHMENT }) { id } }",
            |f, _| json!({ "id": f.device }),
            WORKSHOP_A,
        ),
        rule(
            "receiveBatch",
            "mutation($id: ID!) { receiveBatch(id: $id, input: { counts: [{ category: LAPTOP, count: 1 }] }) { id } }",
            |f, _| json!({ "id": f.sent_batch }),
            &[RefurbisherA],
        ),
        rule(
            "moveDevices",
            "mutation($ids: [ID!]!) { moveDevices(ids: $ids, input: { to: INSTALLED }) { deviceId code } }",
            |f, _| json!({ "ids": [f.device] }),
            WORKSHOP_A,
        ),
        rule(
            "recordBulkRecycling",
            "mutation($b: ID!, $on: NaiveDate!) { recordBulkRecycling(batchId: $b, recycledOn: $on, input: { category: OTHER, count: 0, weightKg: 3.5 }) { id } }",
            |f, _| json!({ "b": f.received_batch, "on": programme_today() }),
            WORKSHOP_A,
        ),
        rule(
            "recordCall",
            "mutation($m: ID!, $r: ID!) { recordCall(moduleId: $m, referralId: $r, outcome: NO_ANSWER) }",
            |f, _| json!({ "m": f.module, "r": f.learner }),
            TRAINING_A,
        ),
        rule(
            "recordDeviceOutcome",
            "mutation($r: ID!) { recordDeviceOutcome(referralId: $r, outcome: DECLINED, reason: \"Ne souhaite pas\") }",
            |f, _| json!({ "r": f.waiting_learner }),
            COORDINATION,
        ),
        rule(
            "recordErasure",
            "mutation($d: ID!, $m: ID!, $on: NaiveDate!) { recordErasure(deviceId: $d, input: { mediumId: $m, method: OVERWRITE, tool: \"nwipe\", erasedOn: $on, operator: \"Atelier\", passed: true }) { id } }",
            |f, _| json!({ "d": f.device, "m": f.medium, "on": programme_today() }),
            WORKSHOP_A,
        ),
        rule(
            "recordPickup",
            "mutation($u: UUID!, $d: ID!, $at: DateTime!) { recordPickup(input: { clientUuid: $u, donorId: $d, collectedAt: $at, counts: [{ category: LAPTOP, count: 1 }], weightKg: 2 }) { id } }",
            |f, _| json!({ "u": Uuid::new_v4(), "d": f.donor, "at": chrono::Utc::now().to_rfc3339() }),
            AGENTS,
        ),
        rule(
            "requestPasswordReset",
            "mutation { requestPasswordReset(email: \"nobody@example.org\") }",
            none,
            ANYONE,
        ),
        rule(
            "resetPassword",
            "mutation { resetPassword(token: \"made-up\", newPassword: \"un-mot-de-passe-long\") }",
            none,
            ANYONE,
        ),
        rule(
            "refreshSession",
            "mutation { refreshSession(refreshToken: \"made-up\") { accessToken } }",
            none,
            ANYONE,
        ),
        rule(
            "reportLearnerProblem",
            "mutation($r: ID!) { reportLearnerProblem(referralId: $r, message: \"L'écran reste noir\") { id } }",
            |f, _| json!({ "r": f.learner }),
            TRAINING_A,
        ),
        rule(
            "reportProblem",
            "mutation($code: String!) { reportProblem(code: $code, message: \"Le wifi ne marche plus\") }",
            |f, a| json!({ "code": f.code(a) }),
            CODE_HOLDERS,
        ),
        rule(
            "requestVisitChange",
            "mutation($code: String!) { requestVisitChange(code: $code, message: \"Plutôt jeudi\") }",
            |f, a| json!({ "code": f.code(a) }),
            CODE_HOLDERS,
        ),
        rule(
            "schedulePickup",
            "mutation($d: ID!, $at: DateTime!) { schedulePickup(input: { donorId: $d, scheduledFor: $at }) { id } }",
            |f, _| json!({ "d": f.donor, "at": soon() }),
            AGENTS,
        ),
        rule(
            "setMyLanguage",
            "mutation { setMyLanguage(language: FR) { id } }",
            none,
            STAFF,
        ),
        rule(
            "removeBulkRecycling",
            "mutation($id: ID!) { removeBulkRecycling(id: $id) { id } }",
            |f, a| json!({ "id": f.bulk_recycling[usize::from(a == Coordinator)] }),
            WORKSHOP_A,
        ),
        rule(
            "setUserActive",
            "mutation($u: ID!) { setUserActive(userId: $u, active: true) { id } }",
            |f, _| json!({ "u": f.someone }),
            COORDINATION,
        ),
        Rule {
            shared: true,
            ..rule(
                "updateDonor",
                "mutation($id: ID!) { updateDonor(id: $id, input: { name: \"Cour d'appel de Chambéry\", postcode: \"73000\" }) { id } }",
                |f, _| json!({ "id": f.donor }),
                COLLECTION,
            )
        },
        rule(
            "updateOrganisation",
            "mutation($id: ID!) { updateOrganisation(id: $id, input: { name: \"Autre COLLECTOR\" }) { id } }",
            |f, _| json!({ "id": f.someone_organisation }),
            COORDINATION,
        ),
        rule(
            "updateUser",
            "mutation($u: ID!, $org: ID!) { updateUser(userId: $u, organisationId: $org, input: { displayName: \"Autre COLLECTION_AGENT\", email: \"collector@autre.example.org\", roles: [COLLECTION_AGENT] }) { id } }",
            |f, _| json!({ "u": f.someone, "org": f.someone_organisation }),
            COORDINATION,
        ),
        rule(
            "updateCohort",
            "mutation($id: ID!) { updateCohort(id: $id, name: \"Session d'hiver\", places: 12) { id } }",
            |f, _| json!({ "id": f.cohort }),
            TRAINING_A,
        ),
        rule(
            "updateModule",
            "mutation($id: ID!, $at: DateTime!) { updateModule(id: $id, startsAt: $at) { id } }",
            |f, _| json!({ "id": f.module, "at": soon() }),
            TRAINING_A,
        ),
        rule(
            "updateProgrammeSettings",
            "mutation { updateProgrammeSettings(input: { returnSharePercent: 10, completionMaxExcused: 1, completionMaxAbsent: 0, timeZone: EUROPE_PARIS, startedOn: \"2020-01-01\", course: [{ title: \"Découvrir l'ordinateur\", mandatory: true }] }) { returnSharePercent } }",
            none,
            COORDINATION,
        ),
        rule(
            "updateReferral",
            // Binta's answers as referred, the phone number written another way.
            "mutation($id: ID!) { updateReferral(id: $id, input: { prescriberKind: SOCIAL_CENTRE, firstName: \"Binta\", lastName: \"Test\", phone: \"06.11.11.11.11\", address: \"2 rue des Tests, Chambéry\", internet: HAS, devicePreference: ANY, consent: true }) { id } }",
            |f, _| json!({ "id": f.waiting_learner }),
            &[Coordinator, PrescriberA],
        ),
        rule(
            "updateSupportRequest",
            "mutation($id: ID!) { updateSupportRequest(id: $id, status: IN_PROGRESS) }",
            |f, _| json!({ "id": f.support_request }),
            INSTALLING_A,
        ),
        rule(
            "withdrawDeviceOutcome",
            "mutation($r: ID!) { withdrawDeviceOutcome(referralId: $r) }",
            |f, _| json!({ "r": f.waiting_learner }),
            COORDINATION,
        ),
    ]
}

/// The answers that mean "not for you".
fn is_refusal(code: Option<&str>) -> bool {
    matches!(
        code,
        Some("UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "TRACKING_CODE_UNKNOWN")
    )
}

/// The root fields of the schema, read from its SDL.
fn root_fields(sdl: &str, root: &str) -> Vec<String> {
    let start = sdl
        .find(&format!("type {root} {{"))
        .unwrap_or_else(|| panic!("{root} in the schema"));
    let body = &sdl[start..];
    let body = &body[..body.find("\n}").expect("end of type")];
    let mut fields = Vec::new();
    let mut in_doc = false;
    for raw in body.lines().skip(1) {
        // Fields sit one tab in; arguments spread over lines, two.
        let nested = raw.starts_with("\t\t");
        let line = raw.trim();
        if line.starts_with("\"\"\"") {
            in_doc = !(in_doc || line.len() > 3 && line.ends_with("\"\"\""));
            continue;
        }
        if in_doc || nested || line.is_empty() {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !name.is_empty() && line[name.len()..].starts_with(['(', ':']) {
            fields.push(name);
        }
    }
    fields
}

async fn login(app: &TestApp, email: &str) -> String {
    app.login_as(email).await.0
}

async fn other_organisations(
    app: &TestApp,
    coordinator: &str,
) -> Vec<(Actor, String, Value, Value)> {
    let mut made = Vec::new();
    for (actor, kind, role) in [
        (AgentB, "COLLECTOR", "COLLECTION_AGENT"),
        (RefurbisherB, "REFURBISHER", "REFURBISHER"),
        (TrainerB, "TRAINING_PROVIDER", "TRAINER"),
        (InstallerB, "INSTALLER", "INSTALLER"),
        (PrescriberB, "PRESCRIBER", "PRESCRIBER"),
    ] {
        let org = app
            .graphql(
                "mutation($kind: OrganisationKind!, $name: String!) { createOrganisation(input: { kind: $kind, name: $name }) { id } }",
                json!({ "kind": kind, "name": format!("Autre {kind}") }),
                Some(coordinator),
            )
            .await;
        let email = format!("{}@autre.example.org", kind.to_lowercase());
        let user = app
            .graphql(
                "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
                json!({ "input": {
                    "displayName": format!("Autre {role}"), "email": email, "organisationId": org.data()["createOrganisation"]["id"],
                    "password": "autre-mot-de-passe", "roles": [role],
                } }),
                Some(coordinator),
            )
            .await;
        let id = user.data()["createUser"]["id"].clone();
        let token =
            app.login(&email, "autre-mot-de-passe").await.body["data"]["login"]["accessToken"]
                .as_str()
                .expect("B signs in")
                .to_string();
        made.push((
            actor,
            token,
            id,
            org.data()["createOrganisation"]["id"].clone(),
        ));
    }
    made
}

async fn pickup(app: &TestApp, agent: &str, donor: &Value) -> Value {
    let reply = app
        .graphql(
            "mutation($u: UUID!, $d: ID!, $at: DateTime!) { recordPickup(input: { clientUuid: $u, donorId: $d, collectedAt: $at, counts: [{ category: LAPTOP, count: 2 }], weightKg: 5 }) { id } }",
            json!({ "u": Uuid::new_v4(), "d": donor, "at": chrono::Utc::now().to_rfc3339() }),
            Some(agent),
        )
        .await;
    reply.data()["recordPickup"]["id"].clone()
}

async fn hand_over(app: &TestApp, agent: &str, pickup: &Value, refurbisher: &Value) -> Value {
    let reply = app
        .graphql(
            "mutation($p: ID!, $r: ID!) { handOverBatch(input: { pickupIds: [$p], refurbisherId: $r }) { id } }",
            json!({ "p": pickup, "r": refurbisher }),
            Some(agent),
        )
        .await;
    reply.data()["handOverBatch"]["id"].clone()
}

async fn fixtures(app: &TestApp) -> (Fixtures, Vec<(Actor, Option<String>)>) {
    let w = world(app).await;
    let agent = login(app, AGENT).await;
    let refurbisher_a = login(app, crate::devices::REFURBISHER).await;
    let prescriber = login(app, PRESCRIBER).await;
    let trainer = login(app, TRAINER).await;

    let donor = app
        .graphql(
            "query { donors(search: \"cour appel\") { items { id } } }",
            json!({}),
            Some(&agent),
        )
        .await
        .data()["donors"]["items"][0]["id"]
        .clone();
    let refurbisher = app
        .graphql("query { refurbishers { id } }", json!({}), Some(&agent))
        .await
        .data()["refurbishers"][0]["id"]
        .clone();
    let first = pickup(app, &agent, &donor).await;
    let second = pickup(app, &agent, &donor).await;
    let pickup_in_storage = pickup(app, &agent, &donor).await;
    let scheduled_pickup = app
        .graphql(
            "mutation($d: ID!, $at: DateTime!) { schedulePickup(input: { donorId: $d, scheduledFor: $at }) { id } }",
            json!({ "d": donor, "at": soon() }),
            Some(&agent),
        )
        .await
        .data()["schedulePickup"]["id"]
        .clone();
    let received_batch = hand_over(app, &agent, &first, &refurbisher).await;
    app.graphql(
        "mutation($id: ID!) { receiveBatch(id: $id, input: { counts: [{ category: LAPTOP, count: 2 }] }) { id } }",
        json!({ "id": received_batch }),
        Some(&refurbisher_a),
    )
    .await
    .data();
    let mut bulk_recycling = Vec::new();
    for _ in 0..2 {
        bulk_recycling.push(
            app.graphql(
                "mutation($b: ID!, $on: NaiveDate!) { recordBulkRecycling(batchId: $b, recycledOn: $on, input: { category: SCREEN, count: 2, weightKg: 14 }) { id } }",
                json!({ "b": received_batch, "on": programme_today() }),
                Some(&refurbisher_a),
            )
            .await
            .data()["recordBulkRecycling"]["id"]
                .clone(),
        );
    }
    let sent_batch = hand_over(app, &agent, &second, &refurbisher).await;
    let device = app
        .graphql(
            "mutation($b: ID!) { createDevice(input: { kind: LAPTOP, brand: \"Dell\", serial: \"ACL-1\", source: DONATION, batchId: $b, media: [{ kind: SSD }] }) { id tag media { id } } }",
            json!({ "b": received_batch }),
            Some(&refurbisher_a),
        )
        .await
        .data()["createDevice"]
        .clone();

    let learner = completed(app, &w, "Awa", "1 rue des Tests, Chambéry", "HAS", "ANY").await;
    let waiting_learner =
        completed(app, &w, "Binta", "2 rue des Tests, Chambéry", "HAS", "ANY").await;
    let laptop = ready_device(app, &w, "LAPTOP", "A", "ACL-2").await;
    let spare_device = ready_device(app, &w, "LAPTOP", "A", "ACL-3").await;
    let accepted = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "deviceId": laptop, "referralId": learner }] }),
            Some(&w.coordinator),
        )
        .await;
    let installation = accepted.data()["acceptMatches"][0].clone();
    let support_request = app
        .graphql(
            "mutation($r: ID!) { reportLearnerProblem(referralId: $r, message: \"Le clavier\") { id } }",
            json!({ "r": learner }),
            Some(&trainer),
        )
        .await
        .data()["reportLearnerProblem"]["id"]
        .clone();
    let spare_learner = app
        .graphql(
            "mutation { createReferral(input: { prescriberKind: OTHER, firstName: \"Chloé\", lastName: \"Test\", phone: \"06 33 33 33 33\", internet: HAS, consent: true }) { id } }",
            json!({}),
            Some(&prescriber),
        )
        .await
        .data()["createReferral"]["id"]
        .clone();

    // Chloé is invited to A's information session: A's trainer decides.
    app.graphql(
        "mutation($s: ID!, $r: ID!) { inviteToSession(sessionId: $s, referralIds: [$r]) { id } }",
        json!({ "s": w.session, "r": spare_learner }),
        Some(&w.coordinator),
    )
    .await
    .data();

    let others = other_organisations(app, &w.coordinator).await;
    let someone = others[0].2.clone();
    let someone_organisation = others[0].3.clone();
    let mut tokens: Vec<(Actor, Option<String>)> = vec![
        (Anonymous, None),
        (Household, None),
        (Coordinator, Some(w.coordinator.clone())),
        (AgentA, Some(agent)),
        (RefurbisherA, Some(refurbisher_a)),
        (TrainerA, Some(w.trainer.clone())),
        (InstallerA, Some(w.installer.clone())),
        (PrescriberA, Some(w.prescriber.clone())),
    ];
    tokens.extend(
        others
            .into_iter()
            .map(|(actor, token, _, _)| (actor, Some(token))),
    );
    let fixtures = Fixtures {
        donor,
        pickup: first,
        pickup_in_storage,
        scheduled_pickup,
        received_batch,
        sent_batch,
        bulk_recycling: [bulk_recycling[0].clone(), bulk_recycling[1].clone()],
        refurbisher,
        device_tag: device["tag"].clone(),
        medium: device["media"][0]["id"].clone(),
        device: device["id"].clone(),
        spare_device,
        session: w.session.clone(),
        cohort: w.cohort.clone(),
        module: w.modules[0]["id"].clone(),
        learner,
        spare_learner,
        waiting_learner,
        tracking_code: installation["trackingCode"]
            .as_str()
            .expect("tracking code")
            .to_string(),
        installation: installation["id"].clone(),
        support_request,
        someone,
        someone_organisation,
    };
    (fixtures, tokens)
}

#[tokio::test]
async fn every_operation_is_allowed_or_refused_as_the_table_says() {
    let app = spawn_app().await;
    let rules = rules();

    // The table covers the whole schema, no more, no less.
    let sdl = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql");
    let mut in_schema: Vec<String> = ["QueryRoot", "MutationRoot"]
        .iter()
        .flat_map(|root| root_fields(&sdl, root))
        .collect();
    in_schema.sort();
    let mut in_table: Vec<String> = rules.iter().map(|r| r.field.to_string()).collect();
    in_table.sort();
    assert_eq!(in_table, in_schema, "one rule per operation of the schema");

    let (fixtures, tokens) = fixtures(&app).await;
    let private = fixtures.private_ids();
    let mut wrong = Vec::new();
    for rule in &rules {
        // Refusals first: an allowed call may change the records the next
        // callers are checked on, a refused one must not.
        let mut order: Vec<&(Actor, Option<String>)> = tokens.iter().collect();
        order.sort_by_key(|(actor, _)| rule.allowed.contains(actor));
        for (actor, token) in order {
            let reply = app
                .graphql(
                    rule.document,
                    (rule.variables)(&fixtures, *actor),
                    token.as_deref(),
                )
                .await;
            let code = reply.code();
            let allowed = rule.allowed.contains(actor);
            if allowed && is_refusal(code) {
                wrong.push(format!(
                    "{} by {actor:?}: refused with {code:?}, should be allowed",
                    rule.field
                ));
            } else if !allowed && !is_refusal(code) {
                wrong.push(format!(
                    "{} by {actor:?}: answered {}, should be refused",
                    rule.field, reply.body
                ));
            } else if allowed && is_other_organisation(*actor) && !rule.shared {
                let text = reply.body.to_string();
                if let Some(id) = private.iter().find(|id| text.contains(id.as_str())) {
                    wrong.push(format!(
                        "{} by {actor:?}: shows A's record {id}",
                        rule.field
                    ));
                }
            }
            if code == Some("BAD_REQUEST") {
                wrong.push(format!(
                    "{} by {actor:?}: the table's document is wrong: {}",
                    rule.field, reply.body
                ));
            } else if *actor == Anonymous
                && !allowed
                && !matches!(code, Some("UNAUTHENTICATED" | "TRACKING_CODE_UNKNOWN"))
            {
                wrong.push(format!(
                    "{}: anonymous must be asked to sign in, got {code:?}",
                    rule.field
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

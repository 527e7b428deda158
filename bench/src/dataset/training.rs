//! Training and equipment: residents referred by prescribers, found eligible
//! (or not), trained in cohorts of ten over eleven weekly modules, then
//! matched with a ready computer and equipped at home, each step as far as
//! it has gone by now. Every learner who enrolled got a tracking code.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use passerelle::db::entities::{cohort, cohort_module, installation, referral};
use sea_orm::{DatabaseTransaction, Set};
use shared_types::{
    Connection, DevicePreference, DeviceStatus, Gender, InstallationStatus, InternetAccess,
    MaterialCategory, PrescriberKind, ReferralStatus,
    installation::{TRACKING_ALPHABET, TRACKING_CODE_LENGTH},
    text::search_key,
};
use uuid::Uuid;

use super::{
    Rows, Scale, days,
    dice::{Dice, FIRST_NAMES, LAST_NAMES, NEIGHBOURHOODS, STREETS},
    insert_all,
    partners::Partners,
    refurbishment::PlannedDevice,
};

const PLACES_PER_COHORT: usize = 10;
const MODULES: &[&str] = &[
    "Prendre en main l'ordinateur",
    "Le clavier et la souris",
    "Fichiers et dossiers",
    "Naviguer sur internet",
    "La messagerie électronique",
    "Les démarches en ligne",
    "Se protéger des arnaques",
    "Échanger avec ses proches",
    "La visioconférence",
    "Écrire un courrier",
    "Bilan et suite du parcours",
];
/// How many tracking codes the load cycles through.
const CODES_FOR_THE_LOAD: usize = 1_000;

pub struct Learners {
    cohorts: Vec<cohort::ActiveModel>,
    modules: Vec<cohort_module::ActiveModel>,
    referrals: Vec<referral::ActiveModel>,
    /// Learners who completed the course, oldest first.
    trained: Vec<Trained>,
    tracking_codes: Vec<String>,
}

struct Trained {
    referral_id: Uuid,
    completed_at: DateTime<Utc>,
    internet: InternetAccess,
    address: String,
    name: String,
}

/// Where a referral's path leads.
#[derive(Clone, Copy, PartialEq)]
enum Path {
    Trained,
    NotEligible,
    WaitingList,
    /// Invited, never came to the information session.
    NoShow,
}

struct PlannedCohort {
    id: Uuid,
    provider: usize,
    starts_on: NaiveDate,
    members: Vec<usize>,
}

pub fn plan(partners: &Partners, scale: Scale, now: DateTime<Utc>, dice: &mut Dice) -> Learners {
    let total = scale.learners.max(1);
    let span = days(700).num_seconds();
    let referred: Vec<(DateTime<Utc>, Path)> = (0..total)
        .map(|i| {
            let at = now - days(720)
                + Duration::seconds(span * i as i64 / total as i64)
                + Duration::hours(dice.between(9, 17));
            let path = match dice.below(100) {
                0..6 => Path::NotEligible,
                6..8 => Path::WaitingList,
                8..10 => Path::NoShow,
                _ => Path::Trained,
            };
            (at, path)
        })
        .collect();

    // Cohorts of ten, filled in the order people were referred, starting
    // three weeks after the last place was taken.
    let mut cohorts: Vec<PlannedCohort> = Vec::new();
    let mut cohort_of: Vec<Option<usize>> = vec![None; total];
    for (i, (_, path)) in referred.iter().enumerate() {
        if *path != Path::Trained {
            continue;
        }
        if cohorts
            .last()
            .is_none_or(|c| c.members.len() == PLACES_PER_COHORT)
        {
            cohorts.push(PlannedCohort {
                id: dice.uuid(),
                provider: cohorts.len() % partners.training_providers.len(),
                starts_on: NaiveDate::MIN,
                members: Vec::new(),
            });
        }
        let number = cohorts.len() - 1;
        if let Some(c) = cohorts.last_mut() {
            c.members.push(i);
            cohort_of[i] = Some(number);
        }
    }
    for c in &mut cohorts {
        let last_referred = c.members.last().map_or(now, |&i| referred[i].0);
        c.starts_on = (last_referred + days(21)).date_naive();
    }

    let mut learners = Learners {
        cohorts: Vec::new(),
        modules: Vec::new(),
        referrals: Vec::with_capacity(total),
        trained: Vec::new(),
        tracking_codes: Vec::new(),
    };
    let mut codes_given = std::collections::HashSet::new();
    for (i, &(created_at, path)) in referred.iter().enumerate() {
        let cohort = cohort_of[i].map(|c| &cohorts[c]);
        let provider = &partners.training_providers
            [cohort.map_or(i % partners.training_providers.len(), |c| c.provider)];
        let prescriber = &partners.prescribers[i % partners.prescribers.len()];
        let (first_name, last_name) = (*dice.pick(FIRST_NAMES), *dice.pick(LAST_NAMES));
        let address = format!("{} {}", i + 1, dice.pick(STREETS));
        let neighbourhood = dice.below(NEIGHBOURHOODS.len() as u64) as usize;
        let internet = match dice.below(100) {
            0..65 => InternetAccess::Has,
            65..90 => InternetAccess::CanGet,
            _ => InternetAccess::None,
        };
        let invited_at = created_at + days(5);
        let decided_at = created_at + days(12);

        // How far along the path the learner is by now.
        let mut status = if now < invited_at {
            ReferralStatus::Received
        } else if now < decided_at || path == Path::NoShow {
            ReferralStatus::Invited
        } else {
            match path {
                Path::NotEligible => ReferralStatus::NotEligible,
                Path::WaitingList => ReferralStatus::WaitingList,
                _ => ReferralStatus::Eligible,
            }
        };
        let (mut enrolled_at, mut completed_at, mut dropped_out_at) = (None, None, None);
        let mut contract_signed_on = None;
        if let (Some(c), ReferralStatus::Eligible) = (cohort, status) {
            let starts = evening(c.starts_on) - Duration::hours(4);
            let enrolment = starts - days(7);
            let ends = evening(c.starts_on + days(7 * (MODULES.len() as i64 - 1)));
            if now >= enrolment {
                status = ReferralStatus::Enrolled;
                enrolled_at = Some(enrolment);
                contract_signed_on = Some(enrolment.date_naive());
            }
            if now >= ends {
                if dice.percent(10) {
                    status = ReferralStatus::DroppedOut;
                    dropped_out_at = Some(starts + days(30));
                } else {
                    status = ReferralStatus::Completed;
                    completed_at = Some(ends);
                }
            }
        }
        let decided = !matches!(status, ReferralStatus::Received | ReferralStatus::Invited);
        let eligible = decided && status != ReferralStatus::NotEligible;
        let tracking_code = enrolled_at.map(|_| {
            loop {
                let code = tracking_code(dice);
                if codes_given.insert(code.clone()) {
                    break code;
                }
            }
        });
        if let Some(code) = &tracking_code {
            learners.tracking_codes.push(code.clone());
        }
        let id = dice.uuid();
        if let Some(completed_at) = completed_at {
            learners.trained.push(Trained {
                referral_id: id,
                completed_at,
                internet,
                address: address.clone(),
                name: format!("{first_name} {last_name}"),
            });
        }
        let updated_at = [
            Some(created_at),
            decided.then_some(decided_at),
            enrolled_at,
            completed_at,
            dropped_out_at,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(created_at);
        learners.referrals.push(referral::ActiveModel {
            id: Set(id),
            programme_id: Set(partners.programme_id),
            prescriber_organisation_id: Set(prescriber.id),
            prescriber_user_id: Set(prescriber.member),
            prescriber_kind: Set(PrescriberKind::ALL[i % PrescriberKind::ALL.len()]),
            status: Set(status),
            first_name: Set(first_name.to_string()),
            last_name: Set(last_name.to_string()),
            birth_year: Set(Some(dice.between(1945, 2006) as i32)),
            gender: Set(match dice.below(100) {
                0..55 => Gender::Woman,
                55..95 => Gender::Man,
                _ => Gender::Unspecified,
            }),
            phone: Set(format!(
                "07 {:02} {:02} {:02} {:02}",
                i % 100,
                (i / 100) % 100,
                dice.below(100),
                dice.below(100)
            )),
            email: Set(dice.percent(40).then(|| format!("apprenant{i}@exemple.fr"))),
            address: Set(Some(address)),
            neighbourhood: Set(Some(NEIGHBOURHOODS[neighbourhood].to_string())),
            priority_neighbourhood: Set(neighbourhood < NEIGHBOURHOODS.len() / 2),
            languages: Set(Some("français".to_string())),
            household_adults: Set(dice.between(1, 2) as i32),
            household_children: Set(dice.between(0, 3) as i32),
            internet: Set(internet),
            accessibility_needs: Set(None),
            reason: Set(Some("Faire ses démarches en ligne seul".to_string())),
            consent_at: Set(created_at),
            info_session_id: Set(None),
            criterion_residence: Set(decided.then_some(eligible)),
            criterion_french: Set(decided.then_some(true)),
            criterion_availability: Set(decided.then_some(true)),
            criterion_motivation: Set(decided.then_some(true)),
            decision_reason: Set((status == ReferralStatus::NotEligible)
                .then(|| "Hors du territoire du programme".to_string())),
            decided_at: Set(decided.then_some(decided_at)),
            decided_by: Set(decided.then_some(provider.member)),
            cohort_id: Set(enrolled_at.and(cohort).map(|c| c.id)),
            enrolled_at: Set(enrolled_at),
            contract_signed_on: Set(contract_signed_on),
            completed_at: Set(completed_at),
            dropped_out_at: Set(dropped_out_at),
            drop_out_reason: Set(dropped_out_at.map(|_| "Reprise d'un emploi".to_string())),
            referred_at: Set(created_at),
            created_at: Set(created_at),
            updated_at: Set(updated_at),
            device_preference: Set(match dice.below(10) {
                0..6 => DevicePreference::Any,
                6..9 => DevicePreference::Laptop,
                _ => DevicePreference::Desktop,
            }),
            tracking_code: Set(tracking_code),
            // Columns added later keep their defaults.
            ..Default::default()
        });
    }

    for (n, c) in cohorts.iter().enumerate() {
        let provider = &partners.training_providers[c.provider];
        learners.cohorts.push(cohort::ActiveModel {
            id: Set(c.id),
            programme_id: Set(partners.programme_id),
            organisation_id: Set(provider.id),
            name: Set(format!("Promotion {} – {}", n + 1, provider.city)),
            places: Set(PLACES_PER_COHORT as i32),
            starts_on: Set(c.starts_on),
            ends_on: Set(c.starts_on + days(7 * (MODULES.len() as i64 - 1))),
            created_at: Set(evening(c.starts_on) - days(45)),
        });
        for (week, title) in MODULES.iter().enumerate() {
            let starts_at = evening(c.starts_on + days(7 * week as i64)) - Duration::hours(4);
            learners.modules.push(cohort_module::ActiveModel {
                id: Set(dice.uuid()),
                cohort_id: Set(c.id),
                organisation_id: Set(provider.id),
                position: Set(week as i32 + 1),
                title: Set(title.to_string()),
                place: Set(Some(format!("{}, salle 2", provider.city))),
                trainer: Set(None),
                starts_at: Set(starts_at),
                ends_at: Set(starts_at + Duration::hours(2)),
                mandatory: Set(week + 1 < MODULES.len()),
            });
        }
    }
    learners.trained.sort_by_key(|t| t.completed_at);
    learners
}

/// Matching and home visits: each trained learner with a connection at
/// home gets the next ready computer, three days after both were ready;
/// the visit is booked four days later and happens the week after. One
/// visit in thirty-three fails (nobody home) and waits to be booked again.
pub fn equip(
    partners: &Partners,
    learners: &Learners,
    devices: &mut [PlannedDevice],
    now: DateTime<Utc>,
    dice: &mut Dice,
) -> Vec<installation::ActiveModel> {
    let mut ready: Vec<usize> = (0..devices.len())
        .filter(|&i| {
            devices[i].status == DeviceStatus::Ready
                && matches!(
                    devices[i].kind,
                    MaterialCategory::Laptop | MaterialCategory::Desktop
                )
        })
        .collect();
    ready.sort_by_key(|&i| devices[i].ready_at);
    let mut ready = ready.into_iter().peekable();
    let mut installations = Vec::new();
    for learner in &learners.trained {
        // Without a connection the device would wait at home: it waits here.
        if learner.internet == InternetAccess::None {
            continue;
        }
        let Some(&next) = ready.peek() else { break };
        let device = &mut devices[next];
        let Some(ready_at) = device.ready_at else {
            continue;
        };
        let reserved_at = learner.completed_at.max(ready_at) + days(3);
        if reserved_at >= now {
            continue;
        }
        ready.next();
        let installer = &partners.installers[installations.len() % partners.installers.len()];
        let booked_at = reserved_at + days(4);
        let visit_from = reserved_at + days(10);
        let visit_to = visit_from + Duration::hours(2);
        device.moved(
            DeviceStatus::Reserved,
            reserved_at,
            partners.coordinator.member,
            None,
        );
        let status = if now < booked_at {
            InstallationStatus::Reserved
        } else {
            device.moved(
                DeviceStatus::InstallationScheduled,
                booked_at,
                installer.member,
                None,
            );
            if now < visit_to {
                InstallationStatus::Booked
            } else if dice.percent(3) {
                device.moved(
                    DeviceStatus::Reserved,
                    visit_to,
                    installer.member,
                    Some("Visite annulée : personne absente"),
                );
                InstallationStatus::Failed
            } else {
                device.moved(DeviceStatus::Installed, visit_to, installer.member, None);
                InstallationStatus::Installed
            }
        };
        let booked = status != InstallationStatus::Reserved;
        let installed = status == InstallationStatus::Installed;
        let failed = status == InstallationStatus::Failed;
        installations.push(installation::ActiveModel {
            id: Set(dice.uuid()),
            programme_id: Set(partners.programme_id),
            referral_id: Set(learner.referral_id),
            device_id: Set(device.id),
            installer_id: Set(installer.id),
            status: Set(status),
            household_key: Set(format!("address:{}", search_key(&learner.address))),
            visit_from: Set(booked.then_some(visit_from)),
            visit_to: Set(booked.then_some(visit_to)),
            device_set_up: Set(installed.then_some(true)),
            accounts_created: Set(installed.then_some(true)),
            connection: Set(installed.then_some(match learner.internet {
                InternetAccess::Has => Connection::Box,
                _ => Connection::Tethering,
            })),
            connection_tested: Set(installed.then_some(true)),
            installed_serial: Set(installed.then(|| device.serial.clone())),
            signature: Set(installed.then(|| "[[60,120,120,60,180,140,260,90]]".to_string())),
            signed_by: Set(installed.then(|| learner.name.clone())),
            unsigned_reason: Set(None),
            ended_reason: Set(None),
            failure_reason: Set(failed.then(|| "Personne absente au rendez-vous".to_string())),
            failures: Set(i32::from(failed)),
            failed_at: Set(None),
            matched_by: Set(partners.coordinator.member),
            closed_at: Set(installed.then_some(visit_to)),
            created_at: Set(reserved_at),
            updated_at: Set(if booked {
                visit_to.min(now)
            } else {
                reserved_at
            }),
        });
    }
    installations
}

/// Writes the training records; returns tracking codes for the load,
/// spread over the whole list (old and new learners alike).
pub async fn write(
    tx: &DatabaseTransaction,
    learners: Learners,
    installations: Vec<installation::ActiveModel>,
    rows: &mut Rows,
) -> Result<Vec<String>, String> {
    rows.cohorts = insert_all(tx, learners.cohorts).await?;
    rows.cohort_modules = insert_all(tx, learners.modules).await?;
    rows.learners = insert_all(tx, learners.referrals).await?;
    rows.installations = insert_all(tx, installations).await?;
    let every = (learners.tracking_codes.len() / CODES_FOR_THE_LOAD).max(1);
    Ok(learners
        .tracking_codes
        .into_iter()
        .step_by(every)
        .take(CODES_FOR_THE_LOAD)
        .collect())
}

fn evening(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(18, 0, 0).unwrap_or_default().and_utc()
}

/// A code like the server makes (`training::new_tracking_code`), drawn
/// from the dice so the dataset stays the same from run to run.
fn tracking_code(dice: &mut Dice) -> String {
    (0..TRACKING_CODE_LENGTH)
        .map(|_| *dice.pick(TRACKING_ALPHABET) as char)
        .collect()
}

//! The programme's partners: the demo organisations (each first in its
//! list, so the demo accounts see their share of the records) and partners
//! of each trade in other cities, each with one member.

use chrono::{DateTime, Utc};
use passerelle::{
    db::entities::{organisation, user, user_role},
    demo,
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use shared_types::{Language, OrganisationKind, Role};
use uuid::Uuid;

use super::{Rows, dice::CITIES, insert_all};

/// An organisation and the person who acts for it in its records.
#[derive(Debug, Clone, Copy)]
pub struct Partner {
    pub id: Uuid,
    pub member: Uuid,
    pub city: &'static str,
}

pub struct Partners {
    pub programme_id: Uuid,
    pub coordinator: Partner,
    pub collectors: Vec<Partner>,
    pub refurbishers: Vec<Partner>,
    pub training_providers: Vec<Partner>,
    pub installers: Vec<Partner>,
    pub prescribers: Vec<Partner>,
}

/// Partners of each trade beside the demo one: a programme run in twenty
/// cities by a few dozen organisations.
const MORE: &[(OrganisationKind, Role, usize, &str)] = &[
    (
        OrganisationKind::Collector,
        Role::CollectionAgent,
        4,
        "Ressourcerie de",
    ),
    (
        OrganisationKind::Refurbisher,
        Role::Refurbisher,
        4,
        "Atelier du réemploi de",
    ),
    (
        OrganisationKind::TrainingProvider,
        Role::Trainer,
        9,
        "Espace numérique de",
    ),
    (
        OrganisationKind::Installer,
        Role::Installer,
        4,
        "Médiation numérique de",
    ),
    (
        OrganisationKind::Prescriber,
        Role::Prescriber,
        9,
        "Centre social de",
    ),
];

pub async fn add(
    tx: &DatabaseTransaction,
    now: DateTime<Utc>,
    rows: &mut Rows,
) -> Result<Partners, String> {
    let demo_partner = |role: Role| async move {
        let login = demo::DEMO_LOGINS
            .iter()
            .find(|l| l.role == role)
            .ok_or(format!("no demo account with the role {role:?}"))?;
        let member = user::Entity::find()
            .filter(user::Column::Email.eq(login.email))
            .one(tx)
            .await
            .map_err(|e| e.to_string())?
            .ok_or(format!("the demo account {} is missing", login.email))?;
        let org = organisation::Entity::find_by_id(member.organisation_id)
            .one(tx)
            .await
            .map_err(|e| e.to_string())?
            .ok_or(format!("{}'s organisation is missing", login.email))?;
        Ok::<_, String>((
            org.programme_id,
            Partner {
                id: org.id,
                member: member.id,
                city: "Chambéry",
            },
        ))
    };
    let (programme_id, coordinator) = demo_partner(Role::Coordinator).await?;
    let mut partners = Partners {
        programme_id,
        coordinator,
        collectors: vec![demo_partner(Role::CollectionAgent).await?.1],
        refurbishers: vec![demo_partner(Role::Refurbisher).await?.1],
        training_providers: vec![demo_partner(Role::Trainer).await?.1],
        installers: vec![demo_partner(Role::Installer).await?.1],
        prescribers: vec![demo_partner(Role::Prescriber).await?.1],
    };

    let (mut organisations, mut members, mut roles) = (Vec::new(), Vec::new(), Vec::new());
    for &(kind, role, count, name) in MORE {
        for (n, &(city, _)) in CITIES.iter().take(count).enumerate() {
            let partner = Partner {
                id: Uuid::new_v4(),
                member: Uuid::new_v4(),
                city,
            };
            organisations.push(organisation::ActiveModel {
                id: Set(partner.id),
                programme_id: Set(programme_id),
                name: Set(format!("{name} {city}")),
                kind: Set(kind),
                phone: Set(Some(format!("04 72 {:02} 10 10", n + 10))),
                created_at: Set(now),
            });
            members.push(user::ActiveModel {
                id: Set(partner.member),
                organisation_id: Set(partner.id),
                email: Set(format!(
                    "{}-{}@bench.passerelle.fr",
                    role.as_str().to_lowercase(),
                    n + 1
                )),
                display_name: Set(format!("Équipe {city}")),
                // Not an argon2 hash: these accounts cannot sign in.
                password_hash: Set("!".to_string()),
                language: Set(Language::Fr),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            });
            roles.push(user_role::ActiveModel {
                user_id: Set(partner.member),
                role: Set(role),
            });
            match kind {
                OrganisationKind::Collector => partners.collectors.push(partner),
                OrganisationKind::Refurbisher => partners.refurbishers.push(partner),
                OrganisationKind::TrainingProvider => partners.training_providers.push(partner),
                OrganisationKind::Installer => partners.installers.push(partner),
                OrganisationKind::Prescriber => partners.prescribers.push(partner),
                // Not among MORE: the programme has one coordination.
                OrganisationKind::Coordinator => {}
            }
        }
    }
    rows.organisations = demo::DEMO_LOGINS.len() + insert_all(tx, organisations).await?;
    insert_all(tx, members).await?;
    insert_all(tx, roles).await?;
    Ok(partners)
}

//! The demo programme loaded into an empty database by the run command: one
//! organisation of each kind (named after the reference programme's partners)
//! and one person per role, so every screen can be tried at once.

use chrono::NaiveDate;
use shared_types::{DonorKind, Language, OrganisationKind, Role};

use crate::{
    db::Db,
    services::{
        donors::{self, NewDonor},
        organisations::{self, NewOrganisation},
        users::{self, NewAccount},
    },
};

/// Every demo account shares this password; it is printed at start.
pub const DEMO_PASSWORD: &str = "passerelle-demo";

pub struct DemoLogin {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub organisation: &'static str,
    pub kind: OrganisationKind,
}

pub const DEMO_LOGINS: &[DemoLogin] = &[
    DemoLogin {
        email: "coordination@demo.passerelle.fr",
        name: "Camille Martin",
        role: Role::Coordinator,
        organisation: "Grand Chambéry (démo)",
        kind: OrganisationKind::Coordinator,
    },
    DemoLogin {
        email: "collecte@demo.passerelle.fr",
        name: "Karim Benali",
        role: Role::CollectionAgent,
        organisation: "Régie Plus (démo)",
        kind: OrganisationKind::Collector,
    },
    DemoLogin {
        email: "atelier@demo.passerelle.fr",
        name: "Sophie Laurent",
        role: Role::Refurbisher,
        organisation: "TRI Rhône-Alpes (démo)",
        kind: OrganisationKind::Refurbisher,
    },
    DemoLogin {
        email: "formation@demo.passerelle.fr",
        name: "Julien Moreau",
        role: Role::Trainer,
        organisation: "Médiathèque Jean-Jacques Rousseau (démo)",
        kind: OrganisationKind::TrainingProvider,
    },
    DemoLogin {
        email: "installation@demo.passerelle.fr",
        name: "Amina Diallo",
        role: Role::Installer,
        organisation: "BLÉ (démo)",
        kind: OrganisationKind::Installer,
    },
    DemoLogin {
        email: "prescription@demo.passerelle.fr",
        name: "Nathalie Roux",
        role: Role::Prescriber,
        organisation: "France Travail Chambéry (démo)",
        kind: OrganisationKind::Prescriber,
    },
];

/// Loads the demo programme unless the database already holds accounts.
/// Returns whether it loaded anything.
pub async fn load_if_empty(db: &Db) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    if users::any_exist(db).await? {
        return Ok(false);
    }
    let coordinator_org =
        organisations::create_programme(db, "Ordi'Pratique (démo)", DEMO_LOGINS[0].organisation)
            .await?;
    // The demo's history begins before today: its sample pickups are last week's.
    {
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};

        use crate::db::entities::programme;
        if let Some(row) = programme::Entity::find_by_id(coordinator_org.programme_id)
            .one(&db.conn)
            .await?
        {
            let started = (row.created_at - chrono::Duration::days(2 * 365)).date_naive();
            let mut active: programme::ActiveModel = row.into();
            active.started_on = Set(Some(started));
            active.update(&db.conn).await?;
        }
    }
    for login in DEMO_LOGINS {
        let organisation_id = if login.kind == OrganisationKind::Coordinator {
            coordinator_org.id
        } else {
            let phone = Some("04 79 00 00 00".to_string());
            let new = NewOrganisation {
                name: login.organisation.into(),
                kind: login.kind,
                phone,
            };
            organisations::create(db, coordinator_org.programme_id, new)
                .await?
                .id
        };
        let account = NewAccount {
            organisation_id,
            email: login.email.into(),
            display_name: login.name.into(),
            password: DEMO_PASSWORD.into(),
            roles: vec![login.role],
            language: Language::Fr,
        };
        users::create(db, coordinator_org.programme_id, account).await?;
    }
    for donor in demo_donors() {
        donors::create(
            db,
            coordinator_org.programme_id,
            donor,
            donors::OnDuplicate::CreateAnyway,
        )
        .await?;
    }
    Ok(true)
}

/// Donors like the reference programme's: a law court under a framework
/// agreement, public bodies, a company, an association and a resident.
fn demo_donors() -> Vec<NewDonor> {
    let place = |address: &str, postcode: &str, city: &str| {
        (
            Some(address.to_string()),
            Some(postcode.to_string()),
            Some(city.to_string()),
        )
    };
    let donor = |kind, name: &str, contact: &str, (address, postcode, city)| NewDonor {
        kind: Some(kind),
        name: name.into(),
        contact_name: Some(contact.to_string()),
        address,
        postcode,
        city,
        ..NewDonor::default()
    };
    vec![
        NewDonor {
            agreement_reference: Some("CONV-2019-CA73".into()),
            agreement_starts_on: NaiveDate::from_ymd_opt(2019, 4, 30),
            agreement_ends_on: NaiveDate::from_ymd_opt(2027, 4, 29),
            notes: Some("Demande un certificat d'effacement des données pour chaque lot.".into()),
            ..donor(
                DonorKind::PublicBody,
                "Cour d'appel de Chambéry",
                "Service informatique",
                place("Place du Palais de Justice", "73000", "Chambéry"),
            )
        },
        donor(
            DonorKind::PublicBody,
            "CPAM de la Savoie",
            "Direction logistique",
            place("5 avenue Jean Jaurès", "73000", "Chambéry"),
        ),
        donor(
            DonorKind::PublicBody,
            "Ville de Chambéry – direction des systèmes d'information",
            "Responsable du parc",
            place(
                "Hôtel de ville, place de l'Hôtel de ville",
                "73000",
                "Chambéry",
            ),
        ),
        donor(
            DonorKind::Company,
            "ADEO Électronique",
            "Yvan Michel",
            place("ZI des Landiers", "73000", "Chambéry"),
        ),
        donor(
            DonorKind::Association,
            "Les Amis du Biollay",
            "Accueil",
            place("12 rue du Biollay", "73000", "Chambéry"),
        ),
        donor(
            DonorKind::Individual,
            "Mme Josette Perrin",
            "Josette Perrin",
            place("4 allée des Tilleuls", "73490", "La Ravoire"),
        ),
    ]
}

/// A few pickups for the demo agent, so that the lists and the stock have
/// something to show: two collected last week, one planned for tomorrow.
/// Only when the demo programme has no pickup yet.
pub async fn load_sample_pickups(db: &Db) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use chrono::{Duration, Utc};
    use sea_orm::{EntityTrait, PaginatorTrait};
    use shared_types::{MaterialCategory, pickup::MaterialCount};

    use crate::{
        db::entities::{pickup, user},
        services::pickups::{self, DonorChoice, PickupInput, PlannedPickup},
    };

    if pickup::Entity::find().count(&db.conn).await? > 0 {
        return Ok(());
    }
    let agent_email = DEMO_LOGINS
        .iter()
        .find(|l| l.role == Role::CollectionAgent)
        .map(|l| l.email)
        .unwrap_or_default();
    let Some(agent) = user::Entity::find()
        .all(&db.conn)
        .await?
        .into_iter()
        .find(|u| u.email == agent_email)
    else {
        return Ok(());
    };
    let agent = users::load_staff(db, agent.id, None).await?;
    let known = donors::list(db, &agent, None, 0, 100).await?.items;
    let donor = |name: &str| {
        known
            .iter()
            .find(|d| d.name.starts_with(name))
            .map(|d| d.id)
    };
    let count = |category, count| MaterialCount { category, count };
    let samples = [
        (
            "Cour d'appel",
            6,
            vec![
                count(MaterialCategory::Desktop, 12),
                count(MaterialCategory::Screen, 12),
                count(MaterialCategory::Printer, 2),
            ],
            148.0,
            "Service informatique",
        ),
        (
            "ADEO",
            2,
            vec![
                count(MaterialCategory::Laptop, 8),
                count(MaterialCategory::Phone, 3),
                count(MaterialCategory::Other, 10),
            ],
            21.5,
            "Yvan Michel",
        ),
    ];
    for (name, days_ago, counts, weight_kg, signer) in samples {
        let Some(donor_id) = donor(name) else {
            continue;
        };
        let input = PickupInput {
            client_uuid: uuid::Uuid::new_v4(),
            donor: Some(DonorChoice::Existing(donor_id)),
            scheduled_pickup_id: None,
            collected_at: Utc::now() - Duration::days(days_ago),
            address: None,
            counts,
            serials: Vec::new(),
            weight_kg,
            location: None,
            signature: vec![vec![
                40, 170, 90, 90, 140, 160, 200, 80, 260, 150, 330, 100, 420, 140,
            ]],
            signed_by: Some(signer.to_string()),
            notes: None,
        };
        pickups::record(db, &agent, input).await?;
    }
    if let Some(donor_id) = donor("CPAM") {
        let tomorrow = (Utc::now() + Duration::days(1))
            .date_naive()
            .and_hms_opt(9, 0, 0)
            .map(|t| t.and_utc())
            .unwrap_or_else(Utc::now);
        let planned = PlannedPickup {
            donor_id,
            scheduled_for: tomorrow,
            address: None,
            notes: Some("Quai de chargement à l'arrière du bâtiment".into()),
        };
        pickups::schedule(db, &agent, planned).await?;
    }
    Ok(())
}

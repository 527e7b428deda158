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

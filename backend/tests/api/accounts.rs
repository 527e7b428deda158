//! Coordinators manage accounts; nobody else may.

use serde_json::{Value, json};

use crate::helpers::{AGENT, COORDINATOR, PRESCRIBER, TestApp, spawn_app};

const CREATE: &str = "mutation($input: CreateUserInput!) { createUser(input: $input) { id email displayName roles active organisation { name } } }";
const ORGANISATIONS: &str = "{ organisations { id name kind } }";

async fn organisation_id(app: &TestApp, token: &str, kind: &str) -> Value {
    let reply = app.graphql(ORGANISATIONS, json!({}), Some(token)).await;
    reply.data()["organisations"]
        .as_array()
        .and_then(|list| list.iter().find(|o| o["kind"] == kind))
        .map(|o| o["id"].clone())
        .expect("demo organisation of that kind")
}

fn new_user(organisation_id: &Value, email: &str, roles: &[&str]) -> Value {
    json!({ "input": {
        "organisationId": organisation_id, "email": email, "displayName": "Léa Petit",
        "password": "un mot de passe sûr", "roles": roles
    }})
}

#[tokio::test]
async fn a_coordinator_creates_an_account_that_can_sign_in() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let collector = organisation_id(&app, &token, "COLLECTOR").await;

    let reply = app
        .graphql(
            CREATE,
            new_user(&collector, " Lea.Petit@Exemple.fr ", &["COLLECTION_AGENT"]),
            Some(&token),
        )
        .await;
    let created = &reply.data()["createUser"];
    assert_eq!(created["email"], "lea.petit@exemple.fr");
    assert_eq!(created["roles"], json!(["COLLECTION_AGENT"]));
    assert_eq!(created["organisation"]["name"], "Régie Plus (démo)");

    let login = app
        .login("lea.petit@exemple.fr", "un mot de passe sûr")
        .await;
    assert_eq!(
        login.data()["login"]["user"]["roles"],
        json!(["COLLECTION_AGENT"])
    );

    let users = app
        .graphql(
            "{ users(limit: 500) { total items { email } } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(users.data()["users"]["total"], 7);
    assert_eq!(
        users.data()["users"]["items"].as_array().map(Vec::len),
        Some(7)
    );
    let page = app
        .graphql(
            "{ users(offset: 5, limit: 5) { total items { email } } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        page.data()["users"]["items"].as_array().map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn bad_accounts_are_refused_with_a_specific_code_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let collector = organisation_id(&app, &token, "COLLECTOR").await;
    let mut short_password = new_user(&collector, "a@exemple.fr", &["COLLECTION_AGENT"]);
    short_password["input"]["password"] = json!("court");
    let mut blank_name = new_user(&collector, "b@exemple.fr", &["COLLECTION_AGENT"]);
    blank_name["input"]["displayName"] = json!("   ");
    let unknown_org = json!("00000000-0000-0000-0000-000000000000");

    let cases = [
        (
            new_user(&collector, "lea.petit", &["COLLECTION_AGENT"]),
            "INVALID_EMAIL",
        ),
        (
            new_user(&collector, COORDINATOR, &["COLLECTION_AGENT"]),
            "EMAIL_TAKEN",
        ),
        (
            new_user(
                &collector,
                "Coordination@demo.passerelle.fr",
                &["COLLECTION_AGENT"],
            ),
            "EMAIL_TAKEN",
        ),
        (short_password, "PASSWORD_TOO_SHORT"),
        (blank_name, "NAME_REQUIRED"),
        (new_user(&collector, "c@exemple.fr", &[]), "ROLE_REQUIRED"),
        (
            new_user(&collector, "d@exemple.fr", &["COORDINATOR"]),
            "ROLE_NOT_ALLOWED_FOR_ORGANISATION",
        ),
        (
            new_user(&unknown_org, "e@exemple.fr", &["COLLECTION_AGENT"]),
            "NOT_FOUND",
        ),
        (
            new_user(&json!("not-a-uuid"), "f@exemple.fr", &["COLLECTION_AGENT"]),
            "NOT_FOUND",
        ),
    ];
    for (input, code) in cases {
        let reply = app.graphql(CREATE, input.clone(), Some(&token)).await;
        assert_eq!(reply.code(), Some(code), "{input}: {}", reply.body);
    }
    let users = app
        .graphql("{ users { total } }", json!({}), Some(&token))
        .await;
    assert_eq!(users.data()["users"]["total"], 6, "no account was added");
}

#[tokio::test]
async fn only_coordinators_manage_accounts() {
    let app = spawn_app().await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let collector = organisation_id(&app, &coordinator, "COLLECTOR").await;
    let coordinator_id = app
        .graphql("{ me { id } }", json!({}), Some(&coordinator))
        .await
        .data()["me"]["id"]
        .clone();

    for email in [AGENT, PRESCRIBER] {
        let (token, _) = app.login_as(email).await;
        for (query, variables) in [
            ("{ users { total } }", json!({})),
            (ORGANISATIONS, json!({})),
            (
                CREATE,
                new_user(&collector, "x@exemple.fr", &["COLLECTION_AGENT"]),
            ),
            (
                "mutation($id: ID!) { setUserActive(userId: $id, active: false) { active } }",
                json!({ "id": coordinator_id }),
            ),
            (
                "mutation { createOrganisation(input: { name: \"X\", kind: COLLECTOR }) { id } }",
                json!({}),
            ),
        ] {
            let reply = app.graphql(query, variables, Some(&token)).await;
            assert_eq!(
                reply.code(),
                Some("FORBIDDEN"),
                "{email} {query}: {}",
                reply.body
            );
        }
    }
    for query in ["{ users { total } }", ORGANISATIONS] {
        assert_eq!(
            app.graphql(query, json!({}), None).await.code(),
            Some("UNAUTHENTICATED")
        );
    }
}

#[tokio::test]
async fn a_coordinator_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let me = app
        .graphql("{ me { id } }", json!({}), Some(&token))
        .await
        .data()["me"]["id"]
        .clone();
    let reply = app
        .graphql(
            "mutation($id: ID!) { setUserActive(userId: $id, active: false) { active } }",
            json!({ "id": me }),
            Some(&token),
        )
        .await;
    assert_eq!(reply.code(), Some("CANNOT_DEACTIVATE_SELF"));
}

#[tokio::test]
async fn the_chosen_language_is_kept_for_the_person() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(AGENT).await;
    let reply = app
        .graphql(
            "mutation { setMyLanguage(language: EN) { language } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(reply.data()["setMyLanguage"]["language"], "EN");
    let (again, _) = app.login_as(AGENT).await;
    let me = app
        .graphql("{ me { language } }", json!({}), Some(&again))
        .await;
    assert_eq!(me.data()["me"]["language"], "EN");
}

#[tokio::test]
async fn organisations_are_unique_by_name_within_the_programme() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let create = "mutation($name: String!) { createOrganisation(input: { name: $name, kind: PRESCRIBER, phone: \" 04 79 11 22 33 \" }) { name kind phone } }";
    let reply = app
        .graphql(
            create,
            json!({ "name": "  Centre social  des Hauts " }),
            Some(&token),
        )
        .await;
    assert_eq!(
        reply.data()["createOrganisation"],
        json!({ "name": "Centre social des Hauts", "kind": "PRESCRIBER", "phone": "04 79 11 22 33" })
    );
    let again = app
        .graphql(
            create,
            json!({ "name": "Centre social des Hauts" }),
            Some(&token),
        )
        .await;
    assert_eq!(again.code(), Some("ORGANISATION_NAME_TAKEN"));
}

const UPDATE: &str = "mutation($u: ID!, $org: ID!, $input: AccountChangesInput!) { updateUser(userId: $u, organisationId: $org, input: $input) { displayName email roles organisation { name } } }";

#[tokio::test]
async fn a_coordinator_corrects_an_account_and_its_roles_apply_at_the_next_request() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let collector = organisation_id(&app, &token, "COLLECTOR").await;
    let coordination = organisation_id(&app, &token, "COORDINATOR").await;
    let prescriber = organisation_id(&app, &token, "PRESCRIBER").await;
    let created = app
        .graphql(
            CREATE,
            new_user(&collector, "lea.petit@exemple.fr", &["COLLECTION_AGENT"]),
            Some(&token),
        )
        .await;
    let lea = created.data()["createUser"]["id"].clone();
    let lea_token = app
        .login("lea.petit@exemple.fr", "un mot de passe sûr")
        .await
        .data()["login"]["accessToken"]
        .as_str()
        .expect("Léa signs in")
        .to_string();

    // Léa joins the coordination's team and also installs.
    let reply = app
        .graphql(
            UPDATE,
            json!({ "u": lea, "org": coordination, "input": {
                "displayName": " Léa  Petit-Martin ", "email": "Lea.Martin@Exemple.fr",
                "roles": ["INSTALLER", "COLLECTION_AGENT"],
            } }),
            Some(&token),
        )
        .await;
    let updated = &reply.data()["updateUser"];
    assert_eq!(updated["displayName"], "Léa Petit-Martin");
    assert_eq!(updated["email"], "lea.martin@exemple.fr");
    assert_eq!(updated["roles"], json!(["COLLECTION_AGENT", "INSTALLER"]));
    let me = app
        .graphql(
            "{ me { roles organisation { kind } } }",
            json!({}),
            Some(&lea_token),
        )
        .await;
    assert_eq!(
        me.data()["me"]["roles"],
        json!(["COLLECTION_AGENT", "INSTALLER"])
    );
    assert_eq!(me.data()["me"]["organisation"]["kind"], "COORDINATOR");

    // Wrong corrections are refused with their own code and change nothing.
    for (org, input, code) in [
        (
            &prescriber,
            json!({ "displayName": "Léa", "email": "lea.martin@exemple.fr", "roles": ["REFURBISHER"] }),
            "ROLE_NOT_ALLOWED_FOR_ORGANISATION",
        ),
        (
            &coordination,
            json!({ "displayName": "Léa", "email": "lea.martin@exemple.fr", "roles": [] }),
            "ROLE_REQUIRED",
        ),
        (
            &coordination,
            json!({ "displayName": "Léa", "email": COORDINATOR, "roles": ["INSTALLER"] }),
            "EMAIL_TAKEN",
        ),
        (
            &coordination,
            json!({ "displayName": "Léa", "email": "lea@", "roles": ["INSTALLER"] }),
            "INVALID_EMAIL",
        ),
    ] {
        let reply = app
            .graphql(
                UPDATE,
                json!({ "u": lea, "org": org, "input": input }),
                Some(&token),
            )
            .await;
        assert_eq!(reply.code(), Some(code));
    }
    let me = app
        .graphql(
            "{ me { displayName email roles } }",
            json!({}),
            Some(&lea_token),
        )
        .await;
    assert_eq!(
        me.data()["me"],
        json!({ "displayName": "Léa Petit-Martin", "email": "lea.martin@exemple.fr", "roles": ["COLLECTION_AGENT", "INSTALLER"] })
    );

    // A coordinator keeps their own coordinator role.
    let my = app
        .graphql("{ me { id email displayName } }", json!({}), Some(&token))
        .await;
    let my = my.data()["me"].clone();
    let reply = app
        .graphql(
            UPDATE,
            json!({ "u": my["id"], "org": coordination, "input": {
                "displayName": my["displayName"], "email": my["email"], "roles": ["INSTALLER"],
            } }),
            Some(&token),
        )
        .await;
    assert_eq!(reply.code(), Some("CANNOT_DEMOTE_SELF"));
}

#[tokio::test]
async fn a_partner_organisation_is_renamed_but_never_onto_another() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let create = "mutation($name: String!) { createOrganisation(input: { name: $name, kind: PRESCRIBER }) { id } }";
    let made = app
        .graphql(
            create,
            json!({ "name": "Centre social du Biolay" }),
            Some(&token),
        )
        .await;
    let id = made.data()["createOrganisation"]["id"].clone();
    app.graphql(create, json!({ "name": "CCAS de Chambéry" }), Some(&token))
        .await
        .data();
    let update = "mutation($id: ID!, $name: String!, $phone: String) { updateOrganisation(id: $id, input: { name: $name, phone: $phone }) { name kind phone } }";
    let fixed = app
        .graphql(
            update,
            json!({ "id": id, "name": " Centre social du Biollay ", "phone": "04 79 00 11 22" }),
            Some(&token),
        )
        .await;
    assert_eq!(
        fixed.data()["updateOrganisation"],
        json!({ "name": "Centre social du Biollay", "kind": "PRESCRIBER", "phone": "04 79 00 11 22" })
    );
    let clash = app
        .graphql(
            update,
            json!({ "id": id, "name": "CCAS de Chambéry" }),
            Some(&token),
        )
        .await;
    assert_eq!(clash.code(), Some("ORGANISATION_NAME_TAKEN"));
    let empty = app
        .graphql(update, json!({ "id": id, "name": "  " }), Some(&token))
        .await;
    assert_eq!(empty.code(), Some("NAME_REQUIRED"));
    let phone = app
        .graphql(
            update,
            json!({ "id": id, "name": "Centre social du Biollay", "phone": "04 79" }),
            Some(&token),
        )
        .await;
    assert_eq!(phone.code(), Some("PHONE_INVALID"));
    let list = app.graphql(ORGANISATIONS, json!({}), Some(&token)).await;
    let names: Vec<&str> = list.data()["organisations"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert!(names.contains(&"Centre social du Biollay"));
    assert!(!names.contains(&"Centre social du Biolay"));
}

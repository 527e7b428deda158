//! The demo donors, and who may read them.

use serde_json::json;

use crate::helpers::{AGENT, COORDINATOR, PRESCRIBER, spawn_app};

const DONORS: &str = "query($search: String) { donors(search: $search) { total items { name kind city agreementReference agreementStartsOn } } }";

fn names(reply: &serde_json::Value) -> Vec<String> {
    reply["donors"]["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|d| d["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn agents_and_coordinators_search_donors_ignoring_accents_and_case() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let all = app.graphql(DONORS, json!({}), Some(&agent)).await;
    assert_eq!(all.data()["donors"]["total"], 6);

    let court = app
        .graphql(DONORS, json!({ "search": "COUR  appel" }), Some(&agent))
        .await;
    assert_eq!(names(court.data()), ["Cour d'appel de Chambéry"]);
    assert_eq!(court.data()["donors"]["items"][0]["kind"], "PUBLIC_BODY");
    assert_eq!(
        court.data()["donors"]["items"][0]["agreementReference"],
        "CONV-2019-CA73"
    );
    assert_eq!(
        court.data()["donors"]["items"][0]["agreementStartsOn"],
        "2019-04-30"
    );

    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let ravoire = app
        .graphql(DONORS, json!({ "search": "ravoire" }), Some(&coordinator))
        .await;
    assert_eq!(names(ravoire.data()), ["Mme Josette Perrin"]);
    let electronique = app
        .graphql(
            DONORS,
            json!({ "search": "electronique" }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(names(electronique.data()), ["ADEO Électronique"]);
    let none = app
        .graphql(DONORS, json!({ "search": "%" }), Some(&coordinator))
        .await;
    assert_eq!(
        none.data()["donors"]["total"],
        6,
        "punctuation alone filters nothing"
    );
    let nobody = app
        .graphql(DONORS, json!({ "search": "grenoble" }), Some(&coordinator))
        .await;
    assert_eq!(nobody.data()["donors"]["total"], 0);
}

#[tokio::test]
async fn people_with_no_business_with_donors_cannot_read_them() {
    let app = spawn_app().await;
    let (prescriber, _) = app.login_as(PRESCRIBER).await;
    assert_eq!(
        app.graphql(DONORS, json!({}), Some(&prescriber))
            .await
            .code(),
        Some("FORBIDDEN")
    );
    assert_eq!(
        app.graphql(DONORS, json!({}), None).await.code(),
        Some("UNAUTHENTICATED")
    );
}

const CREATE: &str = "mutation($input: DonorInput!, $confirm: Boolean! = false) { createDonor(input: $input, confirmNotDuplicate: $confirm) { id name postcode } }";

#[tokio::test]
async fn a_donor_with_the_same_name_and_postcode_is_a_possible_duplicate() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let input = json!({ "kind": "COMPANY", "name": "Menuiserie Girard", "postcode": "73 000", "city": "Chambéry" });
    let created = app
        .graphql(CREATE, json!({ "input": input }), Some(&agent))
        .await;
    let first_id = created.data()["createDonor"]["id"].clone();

    let typed_again =
        json!({ "kind": "COMPANY", "name": "menuiserie GIRARD", "postcode": "73000" });
    let warned = app
        .graphql(CREATE, json!({ "input": typed_again }), Some(&agent))
        .await;
    assert_eq!(warned.code(), Some("DONOR_POSSIBLE_DUPLICATE"));
    let found = app
        .graphql(
            "query { donorDuplicates(name: \"Menuiserie  Girard\", postcode: \"73000\") { id } }",
            json!({}),
            Some(&agent),
        )
        .await;
    assert_eq!(found.data()["donorDuplicates"][0]["id"], first_id);
    let elsewhere = json!({ "kind": "COMPANY", "name": "Menuiserie Girard", "postcode": "38000" });
    app.graphql(CREATE, json!({ "input": elsewhere }), Some(&agent))
        .await
        .data();
    let confirmed = app
        .graphql(
            CREATE,
            json!({ "input": typed_again, "confirm": true }),
            Some(&agent),
        )
        .await;
    assert_ne!(confirmed.data()["createDonor"]["id"], first_id);

    let bad_dates = json!({ "kind": "PUBLIC_BODY", "name": "Mairie", "agreementStartsOn": "2026-05-01", "agreementEndsOn": "2026-01-01" });
    let refused = app
        .graphql(CREATE, json!({ "input": bad_dates }), Some(&agent))
        .await;
    assert_eq!(refused.code(), Some("AGREEMENT_DATES_INVALID"));
    let no_kind = json!({ "name": "Sans type" });
    let refused = app
        .graphql(CREATE, json!({ "input": no_kind }), Some(&agent))
        .await;
    assert_eq!(refused.code(), Some("DONOR_KIND_REQUIRED"));

    let (prescriber, _) = app.login_as(PRESCRIBER).await;
    let forbidden = app
        .graphql(CREATE, json!({ "input": input }), Some(&prescriber))
        .await;
    assert_eq!(forbidden.code(), Some("FORBIDDEN"));

    // The first donor now has a confirmed namesake: correcting it asks again.
    const UPDATE: &str = "mutation($id: ID!, $input: DonorInput!, $confirm: Boolean! = false) { updateDonor(id: $id, input: $input, confirmNotDuplicate: $confirm) { name phone } }";
    let correction = json!({ "kind": "COMPANY", "name": "Menuiserie Girard", "postcode": "73000", "phone": "04 79 11 22 33" });
    let warned = app
        .graphql(
            UPDATE,
            json!({ "id": first_id, "input": correction }),
            Some(&agent),
        )
        .await;
    assert_eq!(warned.code(), Some("DONOR_POSSIBLE_DUPLICATE"));
    let updated = app
        .graphql(
            UPDATE,
            json!({ "id": first_id, "input": correction, "confirm": true }),
            Some(&agent),
        )
        .await;
    assert_eq!(updated.data()["updateDonor"]["phone"], "04 79 11 22 33");
}

/// Text that would be stored differently on the two databases, or read as
/// something else, is refused the same way wherever it comes from.
#[tokio::test]
async fn controls_and_direction_overrides_are_refused_and_invisible_characters_do_not_hide_a_duplicate()
 {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    for (field, bad) in [
        ("name", "Garage\u{0}Martin"),
        ("name", "Garage\u{1B}Martin"),
        ("notes", "facture-fdp\u{202E}exe.pdf"),
        ("city", "\u{2067}Albertville\u{2069}"),
    ] {
        let mut input = json!({ "kind": "COMPANY", "name": "Garage Martin", "postcode": "73200" });
        input[field] = json!(bad);
        let refused = app
            .graphql(CREATE, json!({ "input": input }), Some(&agent))
            .await;
        assert_eq!(
            refused.code(),
            Some("TEXT_CHARACTER_NOT_ALLOWED"),
            "{field}: {bad:?} {}",
            refused.body
        );
        assert_eq!(refused.status, 400);
    }
    // An escape written in the query itself is the same NUL.
    let inline = app
        .graphql(
            r#"mutation { createDonor(input: { kind: COMPANY, name: "Garage\u0000Martin" }) { id } }"#,
            json!({}),
            Some(&agent),
        )
        .await;
    assert_eq!(inline.code(), Some("TEXT_CHARACTER_NOT_ALLOWED"));

    // Lines and tabs in notes are kept; a decomposed accent is stored composed.
    let created = app
        .graphql(
            "mutation($input: DonorInput!) { createDonor(input: $input) { id name notes city } }",
            json!({ "input": { "kind": "COMPANY", "name": "Garage Martin", "postcode": "73200",
                "city": "Albertvill\u{65}\u{301}", "notes": "Quai 2\n\tporte bleue" } }),
            Some(&agent),
        )
        .await;
    let donor = &created.data()["createDonor"];
    assert_eq!(donor["city"], "Albertvillé");
    assert_eq!(donor["notes"], "Quai 2\n\tporte bleue");

    // A zero-width space or a soft hyphen inside the name is the same donor.
    for hidden in [
        "Gar\u{200B}age Martin",
        "Garage Mar\u{AD}tin",
        "\u{FEFF}Garage Martin",
    ] {
        let again = app
            .graphql(
                CREATE,
                json!({ "input": { "kind": "COMPANY", "name": hidden, "postcode": "73 200" } }),
                Some(&agent),
            )
            .await;
        assert_eq!(
            again.code(),
            Some("DONOR_POSSIBLE_DUPLICATE"),
            "{hidden:?}: {}",
            again.body
        );
    }
}

#[tokio::test]
async fn a_donor_phone_is_a_real_number_kept_as_people_read_it() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let refused = app
        .graphql(
            CREATE,
            json!({ "input": { "kind": "COMPANY", "name": "Garage Favre", "phone": "04 79 12" } }),
            Some(&agent),
        )
        .await;
    assert_eq!(refused.code(), Some("PHONE_INVALID"));
    let created = app
        .graphql(
            "mutation($input: DonorInput!) { createDonor(input: $input) { phone } }",
            json!({ "input": { "kind": "COMPANY", "name": "Garage Favre", "phone": "0479123456" } }),
            Some(&agent),
        )
        .await;
    assert_eq!(created.data()["createDonor"]["phone"], "04 79 12 34 56");
}

#[tokio::test]
async fn a_postcode_has_five_digits_and_is_stored_without_spaces() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    for wrong in ["7300", "730 000", "Chambéry"] {
        let refused = app
            .graphql(
                CREATE,
                json!({ "input": { "kind": "COMPANY", "name": "Boulangerie Rey", "postcode": wrong } }),
                Some(&agent),
            )
            .await;
        assert_eq!(refused.code(), Some("POSTCODE_INVALID"), "{wrong}");
    }
    let created = app
        .graphql(
            CREATE,
            json!({ "input": { "kind": "COMPANY", "name": "Boulangerie Rey", "postcode": "73 000" } }),
            Some(&agent),
        )
        .await;
    assert_eq!(created.data()["createDonor"]["postcode"], "73000");
}

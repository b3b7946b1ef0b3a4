//! One workspace never sees or changes another's data: every endpoint that takes an id answers
//! another workspace's object exactly as it answers a missing one.

use crate::both_databases;
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

/// Every endpoint with an id in its path, with a body where it needs one.
fn id_routes(ids: &Ids) -> Vec<(Method, String, Option<Value>)> {
    let Ids {
        list,
        item,
        creator,
        user,
        invitation,
        key,
        link,
        campaign,
        entry,
        post,
        order,
        campaign_link,
        event,
        webhook,
        delivery,
    } = ids;
    let point = json!({"captured_at": "2026-01-01T00:00:00Z", "followers": 1, "following": 1, "likes": 1, "videos": 1});
    vec![
        (Method::GET, format!("/lists/{list}"), None),
        (Method::PATCH, format!("/lists/{list}"), Some(json!({"name": "taken over"}))),
        (Method::DELETE, format!("/lists/{list}"), None),
        (Method::GET, format!("/lists/{list}/items"), None),
        (Method::POST, format!("/lists/{list}/items"), Some(json!({"handle": "intruder"}))),
        (Method::PATCH, format!("/lists/{list}/items/{item}"), Some(json!({"note": "mine now"}))),
        (Method::DELETE, format!("/lists/{list}/items/{item}"), None),
        (Method::POST, format!("/lists/{list}/items/{item}/move"), Some(json!({"version": 1, "position": 0}))),
        (Method::PUT, format!("/lists/{list}/order"), Some(json!({"version": 1, "item_ids": [item]}))),
        (Method::GET, format!("/creators/{creator}"), None),
        (Method::POST, format!("/creators/{creator}/metrics"), Some(point.clone())),
        (Method::POST, format!("/creators/{creator}/metrics/batch"), Some(json!({"points": [point]}))),
        (Method::GET, format!("/creators/{creator}/metrics"), None),
        (Method::GET, format!("/creators/{creator}/metrics.csv"), None),
        (Method::POST, format!("/creators/{creator}/refresh"), None),
        (Method::GET, format!("/creators/{creator}/videos"), None),
        (Method::GET, format!("/creators/{creator}/top-video"), None),
        (Method::GET, format!("/creators/{creator}/analytics"), None),
        (Method::GET, format!("/creators/{creator}/audience"), None),
        (
            Method::POST,
            format!("/creators/{creator}/audience"),
            Some(json!({"captured_at": "2026-01-01T00:00:00Z", "countries": {"US": 0.5}})),
        ),
        (Method::GET, format!("/creators/{creator}/connection"), None),
        (Method::POST, format!("/creators/{creator}/connection"), None),
        (Method::DELETE, format!("/creators/{creator}/connection"), None),
        (Method::DELETE, format!("/creators/{creator}/connection/business"), None),
        (Method::GET, format!("/lists/{list}/dashboard"), None),
        (Method::GET, format!("/lists/{list}/dashboard.csv"), None),
        (Method::GET, format!("/lists/{list}/share-links"), None),
        (Method::POST, format!("/lists/{list}/share-links"), Some(json!({}))),
        (Method::DELETE, format!("/lists/{list}/share-links/{link}"), None),
        (Method::PATCH, format!("/workspace/members/{user}"), Some(json!({"role": "viewer"}))),
        (Method::DELETE, format!("/workspace/members/{user}"), None),
        (Method::DELETE, format!("/workspace/invitations/{invitation}"), None),
        (Method::DELETE, format!("/api-keys/{key}"), None),
        (Method::GET, format!("/events/{event}"), None),
        (Method::POST, format!("/events/{event}/read"), None),
        (Method::GET, format!("/webhooks/{webhook}"), None),
        (Method::PATCH, format!("/webhooks/{webhook}"), Some(json!({"enabled": false, "rotate_secret": true}))),
        (Method::DELETE, format!("/webhooks/{webhook}"), None),
        (Method::GET, format!("/webhooks/{webhook}/deliveries"), None),
        (Method::POST, format!("/webhooks/{webhook}/deliveries/{delivery}/redeliver"), None),
        (Method::GET, format!("/campaigns/{campaign}"), None),
        (Method::PATCH, format!("/campaigns/{campaign}"), Some(json!({"name": "taken over"}))),
        (Method::DELETE, format!("/campaigns/{campaign}"), None),
        (Method::GET, format!("/campaigns/{campaign}/creators"), None),
        (Method::POST, format!("/campaigns/{campaign}/creators"), Some(json!({"handles": ["intruder"]}))),
        (Method::PATCH, format!("/campaigns/{campaign}/creators/{entry}"), Some(json!({"contact": "mine"}))),
        (Method::PUT, format!("/campaigns/{campaign}/creators/{entry}/stage"), Some(json!({"stage": "declined"}))),
        (
            Method::PUT,
            format!("/campaigns/{campaign}/creators/{entry}/shipment"),
            Some(json!({"shipped_on": "2026-06-01", "units": 1})),
        ),
        (Method::DELETE, format!("/campaigns/{campaign}/creators/{entry}"), None),
        (Method::GET, format!("/campaigns/{campaign}/posts"), None),
        (
            Method::POST,
            format!("/campaigns/{campaign}/posts"),
            Some(json!({"video_url": "https://www.tiktok.com/@alices.creator/video/7000000000000000002"})),
        ),
        (Method::POST, format!("/campaigns/{campaign}/posts/{post}/dismiss"), None),
        (Method::GET, format!("/campaigns/{campaign}/posts/{post}/curve"), None),
        (Method::GET, format!("/campaigns/{campaign}/orders"), None),
        (
            Method::POST,
            format!("/campaigns/{campaign}/orders"),
            Some(
                json!({"order_id": "#9", "ordered_at": "2026-06-02", "entry_id": entry, "amount": 1, "currency": "USD"}),
            ),
        ),
        (Method::DELETE, format!("/campaigns/{campaign}/orders/{order}"), None),
        (Method::GET, format!("/campaigns/{campaign}/report"), None),
        (Method::GET, format!("/campaigns/{campaign}/report.csv"), None),
        (Method::GET, format!("/campaigns/{campaign}/share-links"), None),
        (Method::POST, format!("/campaigns/{campaign}/share-links"), Some(json!({}))),
        (Method::DELETE, format!("/campaigns/{campaign}/share-links/{campaign_link}"), None),
    ]
}

/// Ids of one workspace's objects, one of each kind an endpoint can name.
struct Ids {
    list: String,
    item: String,
    creator: String,
    user: String,
    invitation: String,
    key: String,
    link: String,
    campaign: String,
    entry: String,
    post: String,
    order: String,
    campaign_link: String,
    event: String,
    webhook: String,
    delivery: String,
}

impl Ids {
    fn random() -> Self {
        let id = || Uuid::new_v4().to_string();
        Ids {
            list: id(),
            item: id(),
            creator: id(),
            user: id(),
            invitation: id(),
            key: id(),
            link: id(),
            campaign: id(),
            entry: id(),
            post: id(),
            order: id(),
            campaign_link: id(),
            event: id(),
            webhook: id(),
            delivery: id(),
        }
    }
}

/// Alice's campaign with her creator in it, a post, an order and a share link: (campaign, entry, post, order, link).
async fn alices_campaign(app: &TestApp, alice: &TestUser, creator: &str) -> (String, String, String, String, String) {
    let body = json!({"name": "Alice's seeding", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
        "product": {"name": "Shirt", "unit_cost": 10, "shipping_cost": 5, "retail_value": 40, "currency": "USD"}});
    let campaign = expect_json(app.post(&alice.token, "/campaigns", body).await, StatusCode::CREATED).await;
    let campaign = campaign["id"].as_str().unwrap().to_owned();
    let added =
        app.post(&alice.token, &format!("/campaigns/{campaign}/creators"), json!({"creator_ids": [creator]})).await;
    let entry = expect_json(added, StatusCode::OK).await["items"][0]["id"].as_str().unwrap().to_owned();
    let url = json!({"video_url": "https://www.tiktok.com/@alices.creator/video/7000000000000000001"});
    let post =
        expect_json(app.post(&alice.token, &format!("/campaigns/{campaign}/posts"), url).await, StatusCode::CREATED)
            .await;
    let order =
        json!({"order_id": "#1", "ordered_at": "2026-06-02", "entry_id": entry, "amount": 25, "currency": "USD"});
    let order =
        expect_json(app.post(&alice.token, &format!("/campaigns/{campaign}/orders"), order).await, StatusCode::CREATED)
            .await;
    let link = app.post(&alice.token, &format!("/campaigns/{campaign}/share-links"), json!({})).await;
    let link = expect_json(link, StatusCode::CREATED).await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    (campaign, entry, id(&post), id(&order), id(&link["link"]))
}

async fn snapshot_of(app: &TestApp, user: &TestUser, list: &str, creator: &str) -> (Value, Value, Value) {
    let list_json = expect_json(app.get(&user.token, &format!("/lists/{list}")).await, StatusCode::OK).await;
    let items = app.items(user, list).await;
    let history = expect_json(
        app.get(
            &user.token,
            &format!("/creators/{creator}/metrics?interval=raw&from=2025-12-01T00:00:00Z&to=2026-06-01T00:00:00Z"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    (list_json, items, history)
}

/// Alice's members, invitations, keys and share links, as she sees them.
async fn team_state(app: &TestApp, user: &TestUser, list: &str, campaign: &str) -> Vec<Value> {
    let mut state = Vec::new();
    for path in [
        "/workspace/members".to_string(),
        "/workspace/invitations".into(),
        "/api-keys".into(),
        format!("/lists/{list}/share-links"),
        format!("/campaigns/{campaign}"),
        format!("/campaigns/{campaign}/creators"),
        format!("/campaigns/{campaign}/posts"),
        format!("/campaigns/{campaign}/orders"),
        format!("/campaigns/{campaign}/share-links"),
        "/events".into(),
        "/webhooks".into(),
    ] {
        state.push(expect_json(app.get(&user.token, &path).await, StatusCode::OK).await);
    }
    state
}

both_databases! {
    async fn another_workspaces_objects_answer_like_missing_ones(app) {
        let alice = app.new_user().await;
        let bob = app.new_user().await;
        let list = app.create_list(&alice, "Alice's").await;
        let list_id = list["id"].as_str().unwrap().to_owned();
        let item = app.add_item(&alice, &list_id, "alices.creator").await;
        let item_id = item["id"].as_str().unwrap().to_owned();
        let creator_id = item["creator"]["id"].as_str().unwrap().to_owned();
        let colleague = app.new_member(&alice, "editor").await;
        let colleague_id = app.user_id(&colleague).await;
        app.invite(&alice, "invitee@example.com", "viewer").await;
        let invitations = expect_json(app.get(&alice.token, "/workspace/invitations").await, StatusCode::OK).await;
        let (key, _) = app.new_api_key(&alice, &["lists:read"]).await;
        let link = expect_json(app.post(&alice.token, &format!("/lists/{list_id}/share-links"), json!({})).await, StatusCode::CREATED).await;
        let (campaign, entry, post, order, campaign_link) = alices_campaign(&app, &alice, &creator_id).await;
        let webhook = app.store_webhook(&alice, "https://hooks.example.com/alice").await;
        let event = app.record_event(&alice, "creator.milestone", Some(&creator_id)).await;
        let delivery = app.store.webhook_deliveries(alice.workspace_id, webhook.parse().unwrap(), None, 1).await.unwrap()[0].id.to_string();
        let ids = Ids {
            list: list_id.clone(), item: item_id, creator: creator_id.clone(), user: colleague_id,
            invitation: invitations["items"][0]["id"].as_str().unwrap().to_owned(), key,
            link: link["link"]["id"].as_str().unwrap().to_owned(),
            campaign: campaign.clone(), entry, post, order, campaign_link, event, webhook, delivery,
        };
        let before = (snapshot_of(&app, &alice, &list_id, &creator_id).await, team_state(&app, &alice, &list_id, &campaign).await);

        let all = ["lists:read", "lists:write", "creators:read", "creators:write", "campaigns:read", "campaigns:write",
            "alerts:read", "alerts:write"];
        let (_, bobs_key) = app.new_api_key(&bob, &all).await;
        for (who, credential) in [("Bob's token", &bob.token), ("Bob's API key", &bobs_key)] {
            for ((method, path, body), (_, missing_path, missing_body)) in id_routes(&ids).into_iter().zip(id_routes(&Ids::random())) {
                let theirs = app.send(method.clone(), &path, Some(credential), body).await;
                let missing = app.send(method.clone(), &missing_path, Some(credential), missing_body).await;
                let (theirs_status, missing_status) = (theirs.status(), missing.status());
                let (theirs_body, missing_body) = (theirs.text().await.unwrap(), missing.text().await.unwrap());
                // A key never manages and never acts above an editor: refused before any lookup.
                let refused_before_lookup = who.ends_with("key")
                    && (theirs_body.contains("api_key_not_allowed") || theirs_body.contains(r#""code":"forbidden""#));
                if !refused_before_lookup {
                    assert_eq!(theirs_status, StatusCode::NOT_FOUND, "{method} {path} with {who}: {theirs_body}");
                }
                assert_eq!(theirs_status, missing_status, "{method} {missing_path} with {who}");
                assert_eq!(theirs_body, missing_body, "{method} {path} with {who}: identical to a missing object");
            }
        }
        let after = (snapshot_of(&app, &alice, &list_id, &creator_id).await, team_state(&app, &alice, &list_id, &campaign).await);
        assert_eq!(after, before, "Alice's data is unchanged");
        let bobs_lists = expect_json(app.get(&bob.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(bobs_lists["items"].as_array().unwrap().len(), 0);
        // Nor by listing: Bob's inbox, unread count and webhooks hold nothing of Alice's.
        for credential in [&bob.token, &bobs_key] {
            let events = expect_json(app.get(credential, "/events").await, StatusCode::OK).await;
            assert_eq!(events["items"], json!([]), "Bob's inbox is empty: {events}");
        }
        let unread = expect_json(app.get(&bob.token, "/inbox/unread-count").await, StatusCode::OK).await;
        assert_eq!(unread["unread"], 0);
        let hooks = expect_json(app.get(&bob.token, "/webhooks").await, StatusCode::OK).await;
        assert_eq!(hooks["items"], json!([]));
        let alices = expect_json(app.get(&alice.token, "/inbox/unread-count").await, StatusCode::OK).await;
        assert_eq!(alices["unread"], 1, "Bob's attempt to mark Alice's event read changed nothing");
    }

    async fn a_workspace_header_for_a_foreign_workspace_is_not_found(app) {
        let alice = app.new_user().await;
        let bob = app.new_user().await;
        let response = app.client.get(app.url("/lists")).bearer_auth(&bob.token).header("X-Workspace-Id", alice.workspace_id.to_string()).send().await.unwrap();
        expect_problem(response, StatusCode::NOT_FOUND, "not_found").await;
        let garbage = app.client.get(app.url("/lists")).bearer_auth(&bob.token).header("X-Workspace-Id", "not-a-uuid").send().await.unwrap();
        expect_problem(garbage, StatusCode::BAD_REQUEST, "invalid_workspace_header").await;
        let own = app.client.get(app.url("/lists")).bearer_auth(&bob.token).header("X-Workspace-Id", bob.workspace_id.to_string()).send().await.unwrap();
        assert_eq!(own.status(), StatusCode::OK);
    }

    async fn search_finds_only_this_workspaces_creators(app) {
        let (alice, bob) = (app.new_user().await, app.new_user().await);
        // Alice tracks one prospect and imports another's history; Bob knows neither.
        let list = app.create_list(&alice, "Prospects").await;
        app.add_item(&alice, list["id"].as_str().unwrap(), "secret.prospect").await;
        let csv = "handle,captured_at,followers,following,likes,videos\nsilent.import,2026-01-01,10,1,1,1\n";
        let imported = app.client.post(app.url("/imports/metrics")).bearer_auth(&alice.token)
            .header("content-type", "text/csv").body(csv).send().await.unwrap();
        expect_json(imported, StatusCode::OK).await;

        for q in ["s", "se", "secret", "silent", "@silent.import"] {
            let found = expect_json(app.get(&bob.token, &format!("/creators/search?q={q}")).await, StatusCode::OK).await;
            assert_eq!(found["items"].as_array().unwrap().len(), 0, "q={q}: Bob sees none of Alice's creators: {found}");
            let theirs = expect_json(app.get(&alice.token, &format!("/creators/search?q={q}")).await, StatusCode::OK).await;
            assert!(!theirs["items"].as_array().unwrap().is_empty(), "q={q}: Alice finds her own");
        }
    }
}

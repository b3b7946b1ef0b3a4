//! Members and invitations: single-use expiring links for one e-mail address, accepted with a new
//! or an existing account; roles changed and members removed; always at least one owner.

use crate::both_databases;
use crate::helpers::*;
use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;
use zzyzx::auth::tokens::new_secret;
use zzyzx::store::{NewInvitation, Role};

async fn preview(app: &TestApp, token: &str) -> reqwest::Response {
    app.send(Method::POST, "/invitations/preview", None, Some(json!({"token": token}))).await
}

fn roles_of(members: &Value) -> Vec<(String, String)> {
    members["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["email"].as_str().unwrap().to_owned(), m["role"].as_str().unwrap().to_owned()))
        .collect()
}

both_databases! {
    async fn a_new_account_joins_through_a_single_use_link(app) {
        let owner = app.new_user().await;
        let email = format!("New.Person-{}@Example.com", Uuid::new_v4().simple());
        let created = expect_json(
            app.post(&owner.token, "/workspace/invitations", json!({"email": email, "role": "editor"})).await,
            StatusCode::CREATED,
        ).await;
        let token = created["token"].as_str().unwrap().to_owned();
        assert!(token.starts_with("zzi_") && token.len() > 40, "{token}");
        assert_eq!(created["accept_path"], format!("/invite#{token}"));
        assert_eq!(created["invitation"]["email"], email.to_lowercase());

        let shown = expect_json(preview(&app, &token).await, StatusCode::OK).await;
        assert_eq!((shown["role"].as_str(), shown["status"].as_str()), (Some("editor"), Some("pending")));
        let pending = expect_json(app.get(&owner.token, "/workspace/invitations").await, StatusCode::OK).await;
        assert_eq!(pending["items"].as_array().unwrap().len(), 1);
        assert!(!pending.to_string().contains(&token), "the token is never listed");

        let body = json!({"email": email, "password": PASSWORD, "display_name": "New", "refresh_token_delivery": "body"});
        let registered = expect_json(app.send(Method::POST, "/auth/register", None, Some(body)).await, StatusCode::CREATED).await;
        let newcomer = user_from_session(email.to_lowercase(), &registered);
        let joined = expect_json(app.post(&newcomer.token, "/invitations/accept", json!({"token": token})).await, StatusCode::OK).await;
        assert_eq!(joined["id"], owner.workspace_id.to_string());
        assert_eq!(joined["role"], "editor");

        let me = expect_json(app.get(&newcomer.token, "/auth/me").await, StatusCode::OK).await;
        assert_eq!(me["workspaces"].as_array().unwrap().len(), 2, "their own workspace and the joined one");
        let list = app.send_in(Method::POST, "/lists", &newcomer.token, owner.workspace_id, Some(json!({"name": "Made by the editor"}))).await;
        expect_json(list, StatusCode::CREATED).await;
        let owners_lists = expect_json(app.get(&owner.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(owners_lists["items"][0]["name"], "Made by the editor");

        let again = app.post(&newcomer.token, "/invitations/accept", json!({"token": token})).await;
        expect_problem(again, StatusCode::CONFLICT, "invitation_used").await;
        let shown = expect_json(preview(&app, &token).await, StatusCode::OK).await;
        assert_eq!(shown["status"], "accepted");
        let pending = expect_json(app.get(&owner.token, "/workspace/invitations").await, StatusCode::OK).await;
        assert_eq!(pending["items"].as_array().unwrap().len(), 0);
    }

    async fn only_the_invited_address_can_accept_and_only_while_valid(app) {
        let owner = app.new_user().await;
        let invited = app.new_user().await;
        let stranger = app.new_user().await;
        let token = app.invite(&owner, &invited.email, "viewer").await;
        let second = app.invite(&owner, &invited.email, "editor").await;
        let taken = app.post(&stranger.token, "/invitations/accept", json!({"token": token})).await;
        expect_problem(taken, StatusCode::FORBIDDEN, "invitation_for_another_email").await;
        expect_json(app.post(&invited.token, "/invitations/accept", json!({"token": token})).await, StatusCode::OK).await;

        let member = app.post(&invited.token, "/invitations/accept", json!({"token": second})).await;
        expect_problem(member, StatusCode::CONFLICT, "already_member").await;

        let revoked = app.invite(&owner, &stranger.email, "viewer").await;
        let pending = expect_json(app.get(&owner.token, "/workspace/invitations").await, StatusCode::OK).await;
        let id = pending["items"].as_array().unwrap().iter().find(|i| i["email"] == stranger.email).unwrap()["id"].as_str().unwrap().to_owned();
        assert_eq!(app.delete(&owner.token, &format!("/workspace/invitations/{id}")).await.status(), StatusCode::NO_CONTENT);
        expect_problem(app.post(&stranger.token, "/invitations/accept", json!({"token": revoked})).await, StatusCode::NOT_FOUND, "not_found").await;
        expect_problem(preview(&app, &revoked).await, StatusCode::NOT_FOUND, "not_found").await;
        expect_problem(preview(&app, "zzi_made-up").await, StatusCode::NOT_FOUND, "not_found").await;
        expect_problem(preview(&app, "not even a token").await, StatusCode::NOT_FOUND, "not_found").await;

        let past = Utc::now() - Duration::days(8);
        let owner_id: Uuid = app.user_id(&owner).await.parse().unwrap();
        let (expired_token, hash) = new_secret("zzi_");
        app.store.create_invitation(NewInvitation {
            id: Uuid::new_v4(), workspace_id: owner.workspace_id, email: stranger.email.clone(), role: Role::Viewer,
            token_hash: hash, invited_by: owner_id, expires_at: past + Duration::days(7), now: past,
        }).await.unwrap();
        let shown = expect_json(preview(&app, &expired_token).await, StatusCode::OK).await;
        assert_eq!(shown["status"], "expired");
        let late = app.post(&stranger.token, "/invitations/accept", json!({"token": expired_token})).await;
        expect_problem(late, StatusCode::CONFLICT, "invitation_expired").await;
    }

    async fn someone_in_no_workspace_can_still_join_one(app) {
        let founder = app.new_user().await;
        let wanderer = app.new_user().await;
        // The wanderer hands their own workspace to the founder and leaves it: they belong nowhere.
        let handover = app.invite(&wanderer, &founder.email, "owner").await;
        expect_json(app.post(&founder.token, "/invitations/accept", json!({"token": handover})).await, StatusCode::OK).await;
        let wanderer_id = app.user_id(&wanderer).await;
        assert_eq!(app.delete(&wanderer.token, &format!("/workspace/members/{wanderer_id}")).await.status(), StatusCode::NO_CONTENT);
        expect_problem(app.get(&wanderer.token, "/lists").await, StatusCode::NOT_FOUND, "not_found").await;

        let token = app.invite(&founder, &wanderer.email, "viewer").await;
        let joined = expect_json(app.post(&wanderer.token, "/invitations/accept", json!({"token": token})).await, StatusCode::OK).await;
        assert_eq!(joined["id"], founder.workspace_id.to_string());
        assert_eq!(app.get(&wanderer.token, "/lists").await.status(), StatusCode::OK);

        let again = app.post(&founder.token, "/workspace/invitations", json!({"email": wanderer.email, "role": "editor"})).await;
        expect_problem(again, StatusCode::CONFLICT, "already_member").await;
    }

    async fn invitations_are_validated(app) {
        let owner = app.new_user().await;
        for body in [
            json!({"email": "not an address", "role": "viewer"}),
            json!({"email": "a@example.com", "role": "viewer", "expires_in_days": 0}),
            json!({"email": "a@example.com", "role": "viewer", "expires_in_days": 31}),
        ] {
            expect_problem(app.post(&owner.token, "/workspace/invitations", body).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        }
        let bad_role = app.post(&owner.token, "/workspace/invitations", json!({"email": "a@example.com", "role": "admin"})).await;
        expect_problem(bad_role, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let pending = expect_json(app.get(&owner.token, "/workspace/invitations").await, StatusCode::OK).await;
        assert_eq!(pending["items"].as_array().unwrap().len(), 0, "nothing was created");
    }

    async fn roles_change_and_a_workspace_keeps_an_owner(app) {
        let owner = app.new_user().await;
        let editor = app.new_member(&owner, "editor").await;
        let owner_id = app.user_id(&owner).await;
        let editor_id = app.user_id(&editor).await;

        let members = expect_json(app.get(&owner.token, "/workspace/members").await, StatusCode::OK).await;
        assert_eq!(roles_of(&members), vec![(owner.email.clone(), "owner".into()), (editor.email.clone(), "editor".into())]);

        let alone = app.patch(&owner.token, &format!("/workspace/members/{owner_id}"), json!({"role": "editor"})).await;
        expect_problem(alone, StatusCode::CONFLICT, "last_owner").await;
        expect_problem(app.delete(&owner.token, &format!("/workspace/members/{owner_id}")).await, StatusCode::CONFLICT, "last_owner").await;

        let promoted = app.patch(&owner.token, &format!("/workspace/members/{editor_id}"), json!({"role": "owner"})).await;
        assert_eq!(expect_json(promoted, StatusCode::OK).await["role"], "owner");
        // With two owners, the first may step down; then the second is the last one.
        let stepped = app.patch(&owner.token, &format!("/workspace/members/{owner_id}"), json!({"role": "viewer"})).await;
        assert_eq!(expect_json(stepped, StatusCode::OK).await["role"], "viewer");
        let denied = app.patch(&owner.token, &format!("/workspace/members/{editor_id}"), json!({"role": "viewer"})).await;
        expect_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;
        let rename = app.send_in(Method::PATCH, "/workspace", &editor.token, owner.workspace_id, Some(json!({"name": "Northwind"}))).await;
        assert_eq!(expect_json(rename, StatusCode::OK).await["name"], "Northwind");

        let unknown = app.send_in(Method::PATCH, &format!("/workspace/members/{}", Uuid::new_v4()), &editor.token, owner.workspace_id, Some(json!({"role": "viewer"}))).await;
        expect_problem(unknown, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn members_leave_or_are_removed_and_lose_access_at_once(app) {
        let owner = app.new_user().await;
        let leaver = app.new_member(&owner, "editor").await;
        let removed = app.new_member(&owner, "editor").await;
        let leaver_id = app.user_id(&leaver).await;
        let removed_id = app.user_id(&removed).await;
        let other_editor = app.new_member(&owner, "editor").await;

        let not_yours = app.send_in(Method::DELETE, &format!("/workspace/members/{removed_id}"), &other_editor.token, owner.workspace_id, None).await;
        expect_problem(not_yours, StatusCode::FORBIDDEN, "forbidden").await;
        let left = app.send_in(Method::DELETE, &format!("/workspace/members/{leaver_id}"), &leaver.token, owner.workspace_id, None).await;
        assert_eq!(left.status(), StatusCode::NO_CONTENT);
        let after = app.send_in(Method::GET, "/lists", &leaver.token, owner.workspace_id, None).await;
        expect_problem(after, StatusCode::NOT_FOUND, "not_found").await;
        assert_eq!(app.get(&leaver.token, "/lists").await.status(), StatusCode::OK, "their own workspace still works");

        // A removed member's API keys stop working too.
        expect_json(app.patch(&owner.token, &format!("/workspace/members/{removed_id}"), json!({"role": "owner"})).await, StatusCode::OK).await;
        let key = app.send_in(Method::POST, "/api-keys", &removed.token, owner.workspace_id, Some(json!({"name": "k", "scopes": ["lists:read"]}))).await;
        let secret = expect_json(key, StatusCode::CREATED).await["secret"].as_str().unwrap().to_owned();
        assert_eq!(app.get(&secret, "/lists").await.status(), StatusCode::OK);
        expect_json(app.patch(&owner.token, &format!("/workspace/members/{removed_id}"), json!({"role": "editor"})).await, StatusCode::OK).await;
        assert_eq!(app.delete(&owner.token, &format!("/workspace/members/{removed_id}")).await.status(), StatusCode::NO_CONTENT);
        expect_problem(app.get(&secret, "/lists").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let keys = expect_json(app.get(&owner.token, "/api-keys").await, StatusCode::OK).await;
        assert!(keys["items"][0]["revoked_at"].is_string(), "the key is marked revoked: {keys}");
        let members = expect_json(app.get(&owner.token, "/workspace/members").await, StatusCode::OK).await;
        assert_eq!(members["items"].as_array().unwrap().len(), 2);
    }
}

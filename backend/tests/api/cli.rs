//! The `zzyzx` binary's own commands.

use crate::helpers::{Db, fresh_database};
use chrono::Utc;
use std::process::Command;
use uuid::Uuid;
use zzyzx::store::{NewUser, connect};

fn zzyzx(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zzyzx"))
        .args(args)
        .env("ZZYZX_DATABASE_URL", database_url)
        .output()
        .expect("run zzyzx")
}

#[test]
fn openapi_prints_the_generated_document() {
    let output = zzyzx("sqlite://unused.db", &["openapi"]);
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), zzyzx::http::openapi_yaml());
}

#[tokio::test]
async fn import_is_all_or_nothing_unless_partial() {
    let (url, directory) = fresh_database(Db::Sqlite).await;
    let store = connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let workspace_id = Uuid::now_v7();
    store
        .create_user(NewUser {
            id: Uuid::now_v7(),
            email: "cli@example.com".into(),
            display_name: "CLI".into(),
            password_hash: "x".into(),
            workspace_id,
            workspace_name: "CLI".into(),
            now: Utc::now(),
        })
        .await
        .unwrap();
    let file = directory.0.join("history.csv");
    std::fs::write(&file, "handle,captured_at,followers,following,likes,videos\nclione,2026-03-01,10,1,100,2\nbad handle,2026-03-01,1,1,1,1\nclitwo,2026-03-02,20,2,200,3\n").unwrap();
    let file = file.to_str().unwrap();
    let workspace = workspace_id.to_string();

    let refused = zzyzx(&url, &["import", file, "--workspace", &workspace]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "a bad row must fail the import");
    assert!(stderr.contains("line 3"), "the bad row is named by its line: {stderr}");

    let partial = zzyzx(&url, &["import", file, "--workspace", &workspace, "--partial"]);
    assert!(partial.status.success(), "{}", String::from_utf8_lossy(&partial.stderr));
    let stderr = String::from_utf8_lossy(&partial.stderr);
    assert!(stderr.contains("imported 2 row(s); 2 new creator(s)"), "{stderr}");
}

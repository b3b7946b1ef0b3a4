//! Creator audience profiles a workspace records: entered by hand or imported from CSV. They are
//! private to the workspace and validated by the analytics rules (shares, codes, sample size).

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;
use zzyzx_analytics::{AudienceEstimate, AudienceKind, AudienceProfile};
use zzyzx_sources::AudienceCountry;

use super::{Result, ServiceError, Violation};
use crate::import::audience as csv;
use crate::store::{AudienceRow, Store};

/// Where a profile came from, as stored in its `source`.
const MANUAL: &str = "manual";
const IMPORT: &str = "import";
/// Bad rows reported back at most.
const REPORTED_ERRORS: usize = 100;

/// What an import wrote and what it refused.
pub struct AudienceImport {
    pub profiles_written: u64,
    pub rows_rejected: usize,
    /// The first rejected rows, by line.
    pub errors: Vec<Violation>,
}

fn invalid_fields(problems: Vec<(String, String)>) -> ServiceError {
    ServiceError::Invalid(problems.into_iter().map(|(pointer, detail)| Violation::body(pointer, detail)).collect())
}

/// The stored row of a creator's profile, with a new id.
pub fn row(creator_id: Uuid, profile: AudienceProfile) -> AudienceRow {
    AudienceRow {
        id: Uuid::now_v7(),
        creator_id,
        kind: profile.kind.as_str().to_owned(),
        source: profile.source,
        captured_at: profile.captured_at,
        sample_size: profile.sample_size,
        ages: sqlx::types::Json(profile.ages),
        genders: sqlx::types::Json(profile.genders),
        countries: sqlx::types::Json(profile.countries),
        languages: sqlx::types::Json(profile.languages),
        created_at: Utc::now(),
        estimate: None,
    }
}

/// The audience a source reports (countries with their counts and shares, 0–100) as a `provider`
/// profile; none when it reported no country.
pub fn reported(source: &str, countries: &[AudienceCountry], at: DateTime<Utc>) -> Option<AudienceProfile> {
    if countries.is_empty() {
        return None;
    }
    let total: f64 = countries.iter().map(|c| c.percentage.max(0.0)).sum();
    // Shares as reported, scaled down only if they add up to more than the whole.
    let scale = if total > 100.0 { total } else { 100.0 };
    let sample: i64 = countries.iter().map(|c| c.count.max(0)).sum();
    Some(AudienceProfile {
        kind: AudienceKind::Provider,
        source: source.to_owned(),
        captured_at: at,
        sample_size: (sample > 0).then_some(sample),
        ages: Default::default(),
        genders: Default::default(),
        countries: countries.iter().map(|c| (c.code.clone(), c.percentage.max(0.0) / scale)).collect(),
        languages: Default::default(),
    })
}

/// Records a profile entered by hand (its `source` becomes `manual`).
pub async fn add_manual(
    store: &dyn Store,
    workspace_id: Uuid,
    creator_id: Uuid,
    mut profile: AudienceProfile,
) -> Result<AudienceRow> {
    store.creator(workspace_id, creator_id).await?;
    if profile.captured_at > Utc::now() + Duration::minutes(5) {
        return Err(ServiceError::invalid("/captured_at", "must not be in the future"));
    }
    profile.kind = AudienceKind::Manual;
    profile.source = MANUAL.into();
    profile.validate().map_err(invalid_fields)?;
    let row = row(creator_id, profile);
    store.add_audience_profiles(workspace_id, std::slice::from_ref(&row)).await?;
    super::analytics::Analytics { store }.keep_rows_logged(&[creator_id]).await;
    Ok(row)
}

/// Records an audience zzyzx estimated from comments (kind `estimated`), under `source`.
pub async fn add_estimate(
    store: &dyn Store,
    workspace_id: Uuid,
    creator_id: Uuid,
    estimate: &AudienceEstimate,
    source: &str,
) -> Result<Option<AudienceRow>> {
    let Some(row) = estimated_row(creator_id, estimate, source, Utc::now()) else { return Ok(None) };
    super::analytics::audience_profile(&row).validate().map_err(invalid_fields)?;
    store.add_audience_profiles(workspace_id, std::slice::from_ref(&row)).await?;
    super::analytics::Analytics { store }.keep_rows_logged(&[creator_id]).await;
    Ok(Some(row))
}

/// An estimate as a profile row of kind `estimated` from `source`, with the estimate itself (its
/// sample and intervals) kept beside the shares; none when it found nothing to share.
pub fn estimated_row(
    creator_id: Uuid,
    estimate: &AudienceEstimate,
    source: &str,
    at: DateTime<Utc>,
) -> Option<AudienceRow> {
    let mut profile = estimate.to_profile(at)?;
    profile.kind = AudienceKind::Estimated;
    profile.source = source.into();
    let mut row = row(creator_id, profile);
    row.estimate = serde_json::to_value(estimate).ok().map(sqlx::types::Json);
    Some(row)
}

/// Imports profiles from CSV (see [`csv`] for the format). Creators must be known to the
/// workspace. With `partial`, good rows are written and bad ones reported; without, any bad row
/// rejects the whole file.
pub async fn import(store: &dyn Store, workspace_id: Uuid, file: &[u8], partial: bool) -> Result<AudienceImport> {
    let parsed = csv::parse_csv(file);
    let mut errors: Vec<Violation> = parsed.errors.iter().map(|e| Violation::line(e.line, &e.message)).collect();
    let handles: Vec<String> = parsed.profiles.keys().map(|(handle, _)| handle.as_ref().to_owned()).collect();
    let ids = store.known_creator_ids(workspace_id, &handles).await?;
    let mut rows = Vec::new();
    for ((handle, captured_at), parsed) in parsed.profiles {
        let Some(creator_id) = ids.get(handle.as_ref()) else {
            errors.push(Violation::line(
                parsed.line,
                format!("@{handle} is not a creator this workspace knows; add it to a list first"),
            ));
            continue;
        };
        let profile = AudienceProfile {
            kind: AudienceKind::Imported,
            source: IMPORT.into(),
            captured_at,
            sample_size: parsed.sample_size,
            ages: parsed.ages,
            genders: parsed.genders,
            countries: parsed.countries,
            languages: parsed.languages,
        };
        match profile.validate() {
            Ok(()) => rows.push(row(*creator_id, profile)),
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|(pointer, message)| Violation::line(parsed.line, format!("{pointer}: {message}"))),
            ),
        }
    }
    let rejected = errors.len();
    errors.sort_by_key(Violation::line_number);
    errors.truncate(REPORTED_ERRORS);
    if rejected > 0 && !partial {
        return Err(ServiceError::ImportRejected { errors, total: rejected });
    }
    let written = store.add_audience_profiles(workspace_id, &rows).await?;
    let mut creator_ids: Vec<Uuid> = rows.iter().map(|row| row.creator_id).collect();
    creator_ids.sort_unstable();
    creator_ids.dedup();
    super::analytics::Analytics { store }.keep_rows_logged(&creator_ids).await;
    Ok(AudienceImport { profiles_written: written, rows_rejected: rejected, errors })
}

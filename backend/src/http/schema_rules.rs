//! What the server checks beyond types, written into the OpenAPI document where utoipa's
//! attributes cannot put it: the pattern of each text format a field names (`format =
//! "text-line"`), taken from the parser that enforces it, and `x-rule` notes that say in words
//! what JSON Schema cannot (a date in the future, a common password, a reference to another
//! object). `scripts/test-schema` holds the server to both: schemathesis sends what the schema
//! allows, and the server may refuse it only at a field, parameter or body that carries an
//! `x-rule`.

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{AdditionalProperties, ArrayItems, Schema};
use utoipa::openapi::{OpenApi, RefOr};

use crate::domain::campaign;
use crate::domain::{Email, Handle, text};
use crate::services::{campaigns, discovery};

/// The `x-` extension that carries a rule in words.
pub const RULE_EXTENSION: &str = "x-rule";

/// Each text format a field may name, and the pattern of what its parser accepts.
const FORMATS: &[(&str, &str)] = &[
    ("text-line", text::LINE_PATTERN),
    ("text-block", text::BLOCK_PATTERN),
    ("non-blank", text::NON_BLANK_PATTERN),
    ("email-address", Email::PATTERN),
    ("handle", Handle::PATTERN),
    ("handle-or-blank", Handle::PATTERN_OR_BLANK),
    ("hashtag", discovery::HASHTAG_PATTERN),
    ("rule-hashtag", campaign::HASHTAG_PATTERN),
    ("keyword", campaign::KEYWORD_PATTERN),
    ("domain", campaign::DOMAIN_PATTERN),
    ("code-pattern", campaign::CODE_PATTERN_PATTERN),
    ("http-url-or-blank", campaigns::HTTP_URL_OR_BLANK_PATTERN),
    ("tiktok-video-url", campaigns::VIDEO_URL_PATTERN),
];

/// Where a rule is written.
enum At {
    /// A property of a component schema, or with `""` the schema itself.
    Field(&'static str, &'static str),
    /// A parameter of an operation (by operation id), or of every operation with `"*"`.
    Parameter(&'static str, &'static str),
    /// The request body of an operation.
    Body(&'static str),
}

const PASSWORD: &str = "Not one of the 10,000 most common passwords, nor one of them padded with digits or \
    punctuation (`password1234567`), nor only digits and punctuation, nor one short unit repeated.";
const HTTP_URL: &str = "Parses as a URL with a host, the way a browser parses it.";
const CSV: &str = "Every line is checked against the format above and reported by `line`; in `all_or_nothing` \
    mode one bad line, or an empty file, refuses the whole file.";
const HISTORY_FROM: &str = "Not after `to`; with `interval=raw`, at most 366 days before it.";
const SHARES: &str = "The shares add up to at most 1.";
const TAG_CHARACTERS: &str = "Letters (of any script), digits and `_` only.";
const WEBHOOK_URL: &str = "`https` (or `http` where the operator allows private addresses), without a user name or \
    password; its host is, or resolves only to, public addresses: not loopback, private, link-local, carrier-grade \
    NAT, multicast or reserved ones (unless the operator allows private addresses).";

/// The rules JSON Schema cannot state.
const RULES: &[(At, &str)] = &[
    (At::Field("RegisterRequest", "password"), PASSWORD),
    (At::Field("ChangePasswordRequest", "current_password"), "The password you log in with now."),
    (At::Field("ChangePasswordRequest", "new_password"), PASSWORD),
    (At::Field("CreateShareLinkRequest", "expires_at"), "In the future."),
    (At::Field("MetricPointInput", "captured_at"), "From 2016-01-01T00:00:00Z to 5 minutes past the server's clock."),
    (At::Field("AudienceInput", "captured_at"), "At most 5 minutes past the server's clock."),
    (At::Field("AudienceInput", "ages"), SHARES),
    (At::Field("AudienceInput", "genders"), SHARES),
    (At::Field("AudienceInput", "countries"), SHARES),
    (At::Field("AudienceInput", "languages"), SHARES),
    (At::Field("TargetAudience", "interests"), "In lower case."),
    (At::Field("SettingsInput", "cpm_overrides"), "One override per tier, each with `high` not below `low`."),
    (At::Field("AddItemRequest", ""), "A list holds at most 1000 creators."),
    (At::Field("CampaignInput", "ends_on"), "On or after `starts_on`."),
    (At::Field("CampaignPatch", "ends_on"), "On or after `starts_on`: the one given, or the campaign's."),
    (At::Field("CampaignInput", "landing_url"), HTTP_URL),
    (At::Field("CampaignPatch", "landing_url"), HTTP_URL),
    (At::Field("ShipmentInput", "tracking_url"), HTTP_URL),
    (At::Field("ShipmentInput", "delivered_on"), "On or after `shipped_on`."),
    (At::Field("Rules", "hashtags"), TAG_CHARACTERS),
    (At::Field("Rules", "keywords"), "At least 3 letters (of any script) or digits."),
    (
        At::Field("Rules", "link_domains"),
        "The host, without `www.`, has two labels or more and at most 253 characters.",
    ),
    (
        At::Field("AddCreators", ""),
        "Names creators: at least one of `creator_ids`, `list_id` or `handles`. A campaign holds at most 1000 creators.",
    ),
    (At::Field("AddCreators", "creator_ids"), "Creators this workspace knows; with `handles`, at most 1000 at once."),
    (At::Field("AddCreators", "list_id"), "A list of this workspace."),
    (At::Field("OrderInput", "entry_id"), "A creator (entry) of this campaign."),
    (At::Field("AttachPostRequest", "video_url"), "A video of a creator of this campaign."),
    (
        At::Field("CreateWebhookRequest", "url"),
        concat!(
            "`https` (or `http` where the operator allows private addresses), without a user name or password; its ",
            "host is, or resolves only to, public addresses: not loopback, private, link-local, carrier-grade NAT, ",
            "multicast or reserved ones (unless the operator allows private addresses). A workspace has at most 20 ",
            "endpoints."
        ),
    ),
    (At::Field("UpdateWebhookRequest", "url"), WEBHOOK_URL),
    (At::Field("AlertRulesInput", "events"), "None twice."),
    (At::Field("AlertRulesInput", "milestones"), "Each from 1 to 10,000,000,000, none twice."),
    (At::Field("AlertRulesInput", "list_ids"), "Lists of this workspace, none twice."),
    (At::Field("AlertRulesInput", "campaign_ids"), "Campaigns of this workspace, none twice."),
    (At::Parameter("hashtag_videos", "tag"), TAG_CHARACTERS),
    (
        At::Parameter("*", "cursor"),
        "Only a `next_cursor` this API returned; anything else answers 400 `invalid_cursor`.",
    ),
    (At::Parameter("get_history", "from"), HISTORY_FROM),
    (At::Parameter("get_history_csv", "from"), HISTORY_FROM),
    (At::Body("import_metrics"), CSV),
    (At::Body("import_audience"), CSV),
    (At::Body("import_orders"), CSV),
];

/// Writes the format patterns and the rules into the document. A rule whose place is gone (a
/// renamed field) panics, so the document never silently loses one.
pub fn apply(document: &mut OpenApi) {
    let components = document.components.get_or_insert_with(Default::default);
    for schema in components.schemas.values_mut() {
        add_patterns(schema);
    }
    for item in document.paths.paths.values_mut() {
        for operation in super::operations(item).into_iter().map(|(_, operation)| operation) {
            for parameter in operation.parameters.iter_mut().flatten() {
                parameter.schema.iter_mut().for_each(add_patterns);
            }
            if let Some(body) = &mut operation.request_body {
                body.content.values_mut().flat_map(|content| content.schema.as_mut()).for_each(add_patterns);
            }
        }
    }
    for (at, rule) in RULES {
        let written = match at {
            At::Field(schema, field) => write_field_rule(document, schema, field, rule),
            At::Parameter(operation_id, name) => write_parameter_rule(document, operation_id, name, rule),
            At::Body(operation_id) => with_operation(document, operation_id, |operation| {
                operation.request_body.as_mut().map(|body| note(&mut body.extensions, rule)).is_some()
            }),
        };
        assert!(written, "the OpenAPI document has no place for the rule {rule:?}");
    }
}

fn note(extensions: &mut Option<Extensions>, rule: &str) {
    extensions.get_or_insert_with(Default::default).insert(RULE_EXTENSION.into(), rule.into());
}

/// Sets the pattern of every string schema whose format is one of [`FORMATS`], throughout.
fn add_patterns(schema: &mut RefOr<Schema>) {
    let RefOr::T(schema) = schema else { return };
    match schema {
        Schema::Object(object) => {
            let format = object.format.as_ref().and_then(|f| serde_json::to_value(f).ok());
            if let Some((_, pattern)) =
                FORMATS.iter().find(|(name, _)| format.as_ref().and_then(|f| f.as_str()) == Some(name))
            {
                object.pattern = Some((*pattern).to_owned());
            }
            object.properties.values_mut().for_each(add_patterns);
            if let Some(AdditionalProperties::RefOr(values)) = object.additional_properties.as_deref_mut() {
                add_patterns(values);
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                add_patterns(items);
            }
        }
        Schema::OneOf(one_of) => one_of.items.iter_mut().for_each(add_patterns),
        Schema::AllOf(all_of) => all_of.items.iter_mut().for_each(add_patterns),
        Schema::AnyOf(any_of) => any_of.items.iter_mut().for_each(add_patterns),
        _ => {}
    }
}

fn write_field_rule(document: &mut OpenApi, schema: &str, field: &str, rule: &str) -> bool {
    let Some(RefOr::T(target)) = document.components.as_mut().and_then(|c| c.schemas.get_mut(schema)) else {
        return false;
    };
    let target = match (target, field) {
        (target, "") => target,
        (Schema::Object(object), field) => match object.properties.get_mut(field) {
            Some(RefOr::T(property)) => property,
            _ => return false,
        },
        _ => return false,
    };
    match target {
        Schema::Object(object) => note(&mut object.extensions, rule),
        Schema::Array(array) => note(&mut array.extensions, rule),
        _ => return false,
    }
    true
}

fn write_parameter_rule(document: &mut OpenApi, operation_id: &str, name: &str, rule: &str) -> bool {
    let mut written = false;
    for item in document.paths.paths.values_mut() {
        for (_, operation) in super::operations(item) {
            if operation_id != "*" && operation.operation_id.as_deref() != Some(operation_id) {
                continue;
            }
            for parameter in operation.parameters.iter_mut().flatten().filter(|p| p.name == name) {
                note(&mut parameter.extensions, rule);
                written = true;
            }
        }
    }
    written
}

fn with_operation(document: &mut OpenApi, operation_id: &str, write: impl Fn(&mut Operation) -> bool) -> bool {
    document
        .paths
        .paths
        .values_mut()
        .flat_map(|item| super::operations(item).into_iter().map(|(_, operation)| operation))
        .find(|operation| operation.operation_id.as_deref() == Some(operation_id))
        .is_some_and(write)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The formats OpenAPI and JSON Schema define, which need no pattern of ours.
    const STANDARD_FORMATS: &[&str] = &["int32", "int64", "float", "double", "date", "date-time", "uuid", "password"];

    fn formats_without_patterns(node: &serde_json::Value, found: &mut Vec<String>) {
        match node {
            serde_json::Value::Object(object) => {
                if let Some(format) = object.get("format").and_then(|f| f.as_str())
                    && !STANDARD_FORMATS.contains(&format)
                    && !object.contains_key("pattern")
                {
                    found.push(format.to_owned());
                }
                object.values().for_each(|value| formats_without_patterns(value, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| formats_without_patterns(item, found)),
            _ => {}
        }
    }

    #[test]
    fn every_pattern_compiles_and_every_format_of_ours_has_one() {
        for (format, pattern) in FORMATS {
            assert!(regex::Regex::new(pattern).is_ok(), "the pattern of {format} does not compile");
        }
        let document = serde_json::to_value(crate::http::openapi()).expect("the document serialises");
        let mut found = Vec::new();
        formats_without_patterns(&document, &mut found);
        assert!(found.is_empty(), "formats no pattern stands for (add them to FORMATS): {found:?}");
    }
}

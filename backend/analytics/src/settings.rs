//! A workspace's analytic settings: the viral multiple, the rising ceiling, CPM overrides and the assumptions behind
//! the return estimate. Missing fields take their defaults when deserialised; `validate` reports every problem at once
//! as (JSON pointer, message) pairs, ready for a 422 body.

use crate::pricing::Tier;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Problems found by a `validate`: (JSON pointer such as `/viral_multiple`, message).
pub type ValidationErrors = Vec<(String, String)>;

/// Analytic settings of a workspace.
///
/// A field left out of a request takes its default. (Defaults are set per field, not for the
/// whole struct, so the schema carries no object-valued default: code generators choke on those.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Settings {
    /// A video is viral at this multiple of the creator's median views or more (analytics.md §4.1: ViralVault's
    /// Creator Score 500 = 5×). Also the outlier test of the rising badge (§7 allows 3–5×). Default 5; an invalid
    /// value (not a finite number above 1) is read as 5, see [`Settings::effective_viral_multiple`].
    #[serde(default = "default_viral_multiple")]
    #[schema(default = 5.0, required = true, exclusive_minimum = 1.0, maximum = 1000.0)]
    pub viral_multiple: f64,
    /// Creators with this many followers or more are never "rising" (they have risen). Default 1,000,000 (the mega tier).
    #[serde(default = "default_rising_follower_ceiling")]
    #[schema(default = 1_000_000, required = true, minimum = 1)]
    pub rising_follower_ceiling: i64,
    /// CPM ranges that replace the defaults for a tier (§6.4); at most one per tier.
    #[serde(default)]
    #[schema(required = true)]
    pub cpm_overrides: Vec<CpmOverride>,
    /// Assumptions of the return estimate.
    #[serde(default)]
    #[schema(required = true)]
    pub returns: ReturnAssumptions,
}

fn default_viral_multiple() -> f64 {
    Settings::default().viral_multiple
}

fn default_rising_follower_ceiling() -> i64 {
    Settings::default().rising_follower_ceiling
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            viral_multiple: 5.0,
            rising_follower_ceiling: 1_000_000,
            cpm_overrides: Vec::new(),
            returns: ReturnAssumptions::default(),
        }
    }
}

/// A workspace's own CPM range for one tier, in the workspace currency per 1,000 views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CpmOverride {
    /// Not repeated: one override per tier.
    pub tier: Tier,
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub low: f64,
    /// Not below `low`.
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub high: f64,
}

/// What the brand assumes about a gifted post: the costs of sending the product and how viewers turn into orders.
///
/// The defaults are placeholders for a small consumer brand (proposal; no source in analytics.md prescribes them): the
/// output marks each assumption that is still at its default so nobody mistakes it for the brand's own number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReturnAssumptions {
    /// What the gifted product costs the brand. Default 20.
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub product_cost: f64,
    /// Shipping it to the creator. Default 5.
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub shipping_cost: f64,
    /// Share of viewers who click through to the shop, 0..=1. Default 0.01 (1%).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub click_through_rate: f64,
    /// Share of clicks that become an order, 0..=1. Default 0.02 (2%).
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub conversion_rate: f64,
    /// Revenue of an average order; without it no revenue is estimated. Default unset.
    #[schema(exclusive_minimum = 0.0, maximum = 1_000_000_000.0)]
    pub average_order_value: Option<f64>,
    /// ISO 4217 code of every amount, including CPM overrides. Default "USD", the currency of the published rate cards.
    #[schema(pattern = "^[A-Z]{3}$", example = "USD")]
    pub currency: String,
}

impl Default for ReturnAssumptions {
    fn default() -> Self {
        Self {
            product_cost: 20.0,
            shipping_cost: 5.0,
            click_through_rate: 0.01,
            conversion_rate: 0.02,
            average_order_value: None,
            currency: "USD".to_owned(),
        }
    }
}

/// Largest viral multiple accepted; beyond it nothing would ever count as viral.
pub const MAX_VIRAL_MULTIPLE: f64 = 1_000.0;
/// Largest money amount accepted (per item or per 1,000 views); larger values are typos.
pub const MAX_AMOUNT: f64 = 1_000_000_000.0;

impl Settings {
    /// Every problem with these settings, or `Ok` when there is none.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut fail = |pointer: &str, message: &str| errors.push((pointer.to_owned(), message.to_owned()));
        if !(self.viral_multiple.is_finite() && self.viral_multiple > 1.0 && self.viral_multiple <= MAX_VIRAL_MULTIPLE)
        {
            fail("/viral_multiple", "must be a number above 1 and at most 1000");
        }
        if self.rising_follower_ceiling <= 0 {
            fail("/rising_follower_ceiling", "must be a positive number of followers");
        }
        for (i, o) in self.cpm_overrides.iter().enumerate() {
            if !is_amount(o.low) {
                fail(&format!("/cpm_overrides/{i}/low"), "must be a number from 0 to 1000000000");
            }
            if !is_amount(o.high) {
                fail(&format!("/cpm_overrides/{i}/high"), "must be a number from 0 to 1000000000");
            } else if is_amount(o.low) && o.high < o.low {
                fail(&format!("/cpm_overrides/{i}/high"), "must not be below low");
            }
            if self.cpm_overrides[..i].iter().any(|earlier| earlier.tier == o.tier) {
                fail(&format!("/cpm_overrides/{i}/tier"), "must not repeat a tier");
            }
        }
        let r = &self.returns;
        for (field, value) in [("product_cost", r.product_cost), ("shipping_cost", r.shipping_cost)] {
            if !is_amount(value) {
                fail(&format!("/returns/{field}"), "must be a number from 0 to 1000000000");
            }
        }
        for (field, value) in [("click_through_rate", r.click_through_rate), ("conversion_rate", r.conversion_rate)] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                fail(&format!("/returns/{field}"), "must be a share from 0 to 1 (0.01 is 1%)");
            }
        }
        if let Some(aov) = r.average_order_value
            && !(is_amount(aov) && aov > 0.0)
        {
            fail("/returns/average_order_value", "must be a positive number up to 1000000000");
        }
        if !(r.currency.len() == 3 && r.currency.bytes().all(|b| b.is_ascii_uppercase())) {
            fail("/returns/currency", "must be an ISO 4217 code of three capital letters, like \"USD\"");
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The viral multiple in force: the setting, or the default 5 when the setting is not a finite number above 1
    /// (settings are validated on input; this keeps unvalidated ones from producing NaN or "everything is viral").
    pub fn effective_viral_multiple(&self) -> f64 {
        let v = self.viral_multiple;
        if v.is_finite() && v > 1.0 { v } else { Settings::default().viral_multiple }
    }

    /// The workspace's CPM range for `tier`, if it set one.
    pub fn cpm_override(&self, tier: Tier) -> Option<&CpmOverride> {
        self.cpm_overrides.iter().find(|o| o.tier == tier)
    }
}

fn is_amount(x: f64) -> bool {
    x.is_finite() && (0.0..=MAX_AMOUNT).contains(&x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_fill_missing_fields() {
        assert_eq!(Settings::default().validate(), Ok(()));
        let parsed: Settings =
            serde_json::from_str(r#"{"viral_multiple": 3, "returns": {"currency": "EUR"}}"#).unwrap();
        assert_eq!(parsed.viral_multiple, 3.0);
        assert_eq!(parsed.rising_follower_ceiling, 1_000_000);
        assert_eq!(parsed.returns.click_through_rate, 0.01);
        assert_eq!(parsed.returns.currency, "EUR");
    }

    #[test]
    fn every_problem_is_reported_with_its_pointer() {
        let settings = Settings {
            viral_multiple: f64::NAN,
            rising_follower_ceiling: 0,
            cpm_overrides: vec![
                CpmOverride { tier: Tier::Micro, low: 9.0, high: 4.0 },
                CpmOverride { tier: Tier::Micro, low: -1.0, high: 4.0 },
            ],
            returns: ReturnAssumptions {
                product_cost: -1.0,
                shipping_cost: f64::INFINITY,
                click_through_rate: 1.5,
                conversion_rate: -0.1,
                average_order_value: Some(0.0),
                currency: "usd".to_owned(),
            },
        };
        let pointers: Vec<String> = settings.validate().unwrap_err().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            pointers,
            [
                "/viral_multiple",
                "/rising_follower_ceiling",
                "/cpm_overrides/0/high",
                "/cpm_overrides/1/low",
                "/cpm_overrides/1/tier",
                "/returns/product_cost",
                "/returns/shipping_cost",
                "/returns/click_through_rate",
                "/returns/conversion_rate",
                "/returns/average_order_value",
                "/returns/currency",
            ]
        );
    }
}

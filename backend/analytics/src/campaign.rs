//! What a seeding campaign returned: its cost, its posts' reach, the orders they brought, and the
//! rates the brand assumed before it, measured. Amounts in another currency than the campaign's
//! are reported beside the totals and never summed into them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

use crate::measure::{
    CAMPAIGN_AOV, CAMPAIGN_COST_PER_ORDER, CAMPAIGN_COST_PER_POST, CAMPAIGN_CPE, CAMPAIGN_CPM, CAMPAIGN_CTR,
    CAMPAIGN_CVR, CAMPAIGN_DAYS_TO_POST, CAMPAIGN_POST_RATE, CAMPAIGN_ROAS, Measure, Unavailable,
};
use crate::settings::ReturnAssumptions;
use crate::videos::median;

/// Posts behind a proposed rate, at least.
pub const MIN_POSTS_FOR_PROPOSAL: usize = 3;
/// Views behind a proposed rate, at least.
pub const MIN_VIEWS_FOR_PROPOSAL: i64 = 1000;
/// Orders behind a proposed conversion rate or order value, at least.
pub const MIN_ORDERS_FOR_PROPOSAL: usize = 5;

/// What the campaign pays per creator, in `currency`.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignCosts {
    pub unit_cost: f64,
    pub shipping_cost: f64,
    /// Per creator who agreed; an entry's own fee wins.
    pub fee: Option<f64>,
    pub currency: String,
}

/// The latest stats of one campaign post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PostStats {
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderAmount {
    pub amount: f64,
    pub currency: String,
}

/// One creator of the campaign.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryInput {
    /// The creator agreed to take part (a fee is owed), and took no exit since.
    pub agreed: bool,
    pub shipped_on: Option<NaiveDate>,
    pub units: i32,
    /// The shipment's own cost, instead of the campaign's shipping cost.
    pub shipment_cost: Option<f64>,
    pub fee: Option<f64>,
    pub first_post_at: Option<DateTime<Utc>>,
    /// Posts not dismissed; a post not fetched yet counts with zero stats.
    pub posts: Vec<PostStats>,
    pub orders: Vec<OrderAmount>,
    /// Shop visits from the creator's link, where the brand entered them.
    pub clicks: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CostBreakdown {
    /// Unit cost × units shipped.
    pub product: f64,
    pub shipping: f64,
    pub fees: f64,
    pub total: f64,
}

/// Orders and revenue in a currency other than the campaign's.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CurrencyTotal {
    pub currency: String,
    pub orders: usize,
    pub revenue: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CampaignTotals {
    pub creators: usize,
    /// Creators with a shipment.
    pub shipped: usize,
    /// Creators with at least one post.
    pub posted: usize,
    pub posts: usize,
    pub cost: CostBreakdown,
    pub views: i64,
    /// Likes + comments + shares of the posts.
    pub engagements: i64,
    /// Orders in the campaign's currency.
    pub orders: usize,
    /// Revenue in the campaign's currency.
    pub revenue: f64,
    /// `campaign.post_rate.v1`.
    pub post_rate: Measure<f64>,
    /// `campaign.days_to_post.median.v1`.
    pub median_days_to_post: Measure<f64>,
    /// `campaign.cost_per_post.v1`.
    pub cost_per_post: Measure<f64>,
    /// `campaign.cpm.v1`.
    pub cost_per_thousand_views: Measure<f64>,
    /// `campaign.cpe.v1`.
    pub cost_per_engagement: Measure<f64>,
    /// `campaign.cost_per_order.v1`.
    pub cost_per_order: Measure<f64>,
    /// `campaign.roas.v1`.
    pub roas: Measure<f64>,
    /// Orders in other currencies, never summed into `revenue`.
    pub other_currencies: Vec<CurrencyTotal>,
}

/// One creator's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EntryOutcome {
    pub cost: f64,
    pub posts: usize,
    pub views: i64,
    pub engagements: i64,
    /// In the campaign's currency.
    pub orders: usize,
    /// In the campaign's currency.
    pub revenue: f64,
    /// `campaign.cpm.v1` for this creator.
    pub cost_per_thousand_views: Measure<f64>,
    /// `campaign.roas.v1` for this creator.
    pub roas: Measure<f64>,
}

/// A rate the workspace assumes, and what the campaign measured.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Proposal {
    /// The workspace's value now (null when unset, or set in another currency).
    pub current: Option<f64>,
    pub proposed: Measure<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Proposals {
    /// `campaign.click_through_rate.v1`, a share 0..1.
    pub click_through_rate: Proposal,
    /// `campaign.conversion_rate.v1`, a share 0..1.
    pub conversion_rate: Proposal,
    /// `campaign.average_order_value.v1`, in the campaign's currency.
    pub average_order_value: Proposal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CampaignOutcome {
    pub totals: CampaignTotals,
    /// In the order of the input.
    pub entries: Vec<EntryOutcome>,
    pub proposals: Proposals,
}

struct Tally {
    cost: CostBreakdown,
    posts: usize,
    views: i64,
    engagements: i64,
    orders: usize,
    revenue: f64,
}

fn tally(costs: &CampaignCosts, entry: &EntryInput) -> Tally {
    let shipped = entry.shipped_on.is_some();
    let product = if shipped { costs.unit_cost * f64::from(entry.units.max(1)) } else { 0.0 };
    let shipping = if shipped { entry.shipment_cost.unwrap_or(costs.shipping_cost) } else { 0.0 };
    let fees = if entry.agreed { entry.fee.or(costs.fee).unwrap_or(0.0) } else { 0.0 };
    let own: Vec<&OrderAmount> = entry.orders.iter().filter(|o| o.currency == costs.currency).collect();
    Tally {
        cost: CostBreakdown { product, shipping, fees, total: product + shipping + fees },
        posts: entry.posts.len(),
        views: entry.posts.iter().map(|p| p.views).fold(0, i64::saturating_add),
        engagements: entry.posts.iter().map(|p| p.likes + p.comments + p.shares).fold(0, i64::saturating_add),
        orders: own.len(),
        revenue: total(own.iter().map(|o| o.amount)),
    }
}

/// The sum of amounts, 0 (not −0, as `Iterator::sum` gives) when there are none.
fn total(amounts: impl Iterator<Item = f64>) -> f64 {
    amounts.fold(0.0, |sum, amount| sum + amount)
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

/// The campaign's outcome from its creators, against the workspace's assumptions.
pub fn outcome(costs: &CampaignCosts, entries: &[EntryInput], assumptions: &ReturnAssumptions) -> CampaignOutcome {
    let tallies: Vec<Tally> = entries.iter().map(|e| tally(costs, e)).collect();
    let sum = |f: fn(&Tally) -> f64| total(tallies.iter().map(f));
    let cost = CostBreakdown {
        product: sum(|t| t.cost.product),
        shipping: sum(|t| t.cost.shipping),
        fees: sum(|t| t.cost.fees),
        total: sum(|t| t.cost.total),
    };
    let posts: usize = tallies.iter().map(|t| t.posts).sum();
    let views = tallies.iter().map(|t| t.views).fold(0, i64::saturating_add);
    let engagements = tallies.iter().map(|t| t.engagements).fold(0, i64::saturating_add);
    let orders: usize = tallies.iter().map(|t| t.orders).sum();
    let revenue = sum(|t| t.revenue);
    let shipped = entries.iter().filter(|e| e.shipped_on.is_some()).count();
    let posted = entries.iter().filter(|e| !e.posts.is_empty()).count();
    let posted_of_shipped = entries.iter().filter(|e| e.shipped_on.is_some() && !e.posts.is_empty()).count();
    let days_to_post: Vec<f64> = entries
        .iter()
        .filter_map(|e| Some((e.first_post_at?.date_naive() - e.shipped_on?).num_days().max(0) as f64))
        .collect();

    let mut other: BTreeMap<&str, CurrencyTotal> = BTreeMap::new();
    for order in entries.iter().flat_map(|e| &e.orders).filter(|o| o.currency != costs.currency) {
        let total = other.entry(&order.currency).or_insert_with(|| CurrencyTotal {
            currency: order.currency.clone(),
            orders: 0,
            revenue: 0.0,
        });
        total.orders += 1;
        total.revenue += order.amount;
    }

    let totals = CampaignTotals {
        creators: entries.len(),
        shipped,
        posted,
        posts,
        views,
        engagements,
        orders,
        revenue,
        post_rate: Measure::float(
            &CAMPAIGN_POST_RATE,
            ratio(posted_of_shipped as f64 * 100.0, shipped as f64),
            shipped,
            Unavailable::ZeroBase,
        ),
        median_days_to_post: Measure::float(
            &CAMPAIGN_DAYS_TO_POST,
            median(days_to_post.clone()),
            days_to_post.len(),
            Unavailable::NotEnoughData,
        ),
        cost_per_post: Measure::float(
            &CAMPAIGN_COST_PER_POST,
            ratio(cost.total, posts as f64),
            posts,
            Unavailable::ZeroBase,
        ),
        cost_per_thousand_views: Measure::float(
            &CAMPAIGN_CPM,
            ratio(cost.total * 1000.0, views as f64),
            posts,
            Unavailable::ZeroBase,
        ),
        cost_per_engagement: Measure::float(
            &CAMPAIGN_CPE,
            ratio(cost.total, engagements as f64),
            posts,
            Unavailable::ZeroBase,
        ),
        cost_per_order: Measure::float(
            &CAMPAIGN_COST_PER_ORDER,
            ratio(cost.total, orders as f64),
            orders,
            Unavailable::ZeroBase,
        ),
        roas: Measure::float(&CAMPAIGN_ROAS, ratio(revenue, cost.total), orders, Unavailable::ZeroBase),
        cost,
        other_currencies: other.into_values().collect(),
    };

    let outcomes = tallies
        .iter()
        .map(|t| EntryOutcome {
            cost: t.cost.total,
            posts: t.posts,
            views: t.views,
            engagements: t.engagements,
            orders: t.orders,
            revenue: t.revenue,
            cost_per_thousand_views: Measure::float(
                &CAMPAIGN_CPM,
                ratio(t.cost.total * 1000.0, t.views as f64),
                t.posts,
                Unavailable::ZeroBase,
            ),
            roas: Measure::float(&CAMPAIGN_ROAS, ratio(t.revenue, t.cost.total), t.orders, Unavailable::ZeroBase),
        })
        .collect();

    CampaignOutcome { proposals: proposals(costs, entries, &tallies, assumptions), totals, entries: outcomes }
}

fn proposals(
    costs: &CampaignCosts,
    entries: &[EntryInput],
    tallies: &[Tally],
    assumptions: &ReturnAssumptions,
) -> Proposals {
    let posts: usize = tallies.iter().map(|t| t.posts).sum();
    let views: i64 = tallies.iter().map(|t| t.views).sum();
    let orders: usize = tallies.iter().map(|t| t.orders).sum();
    let revenue = total(tallies.iter().map(|t| t.revenue));
    let reach_enough = posts >= MIN_POSTS_FOR_PROPOSAL && views >= MIN_VIEWS_FOR_PROPOSAL;
    let gate = |value: Option<f64>, enough: bool| if enough { value } else { None };

    // Creators with clicks entered: their views, clicks and orders.
    let clicked: Vec<(&EntryInput, &Tally)> =
        entries.iter().zip(tallies).filter(|(e, t)| e.clicks.is_some() && t.posts > 0).collect();
    let clicks: i64 = clicked.iter().filter_map(|(e, _)| e.clicks).sum();
    let clicked_views: i64 = clicked.iter().map(|(_, t)| t.views).sum();
    let clicked_orders: usize = clicked.iter().map(|(_, t)| t.orders).sum();
    let clicked_posts: usize = clicked.iter().map(|(_, t)| t.posts).sum();
    let ctr_enough = clicked_posts >= MIN_POSTS_FOR_PROPOSAL && clicked_views >= MIN_VIEWS_FOR_PROPOSAL;
    let click_through_rate = Measure::float(
        &CAMPAIGN_CTR,
        gate(ratio(clicks as f64, clicked_views as f64), ctr_enough),
        clicked_posts,
        Unavailable::NotEnoughData,
    );

    let conversion = if clicks > 0 && ctr_enough {
        gate(ratio(clicked_orders as f64, clicks as f64), clicked_orders >= MIN_ORDERS_FOR_PROPOSAL)
    } else {
        let per_view = ratio(orders as f64, views as f64);
        gate(
            per_view.and_then(|r| ratio(r, assumptions.click_through_rate)),
            reach_enough && orders >= MIN_ORDERS_FOR_PROPOSAL,
        )
    };
    let conversion_rate =
        Measure::float(&CAMPAIGN_CVR, conversion.map(|r| r.min(1.0)), orders, Unavailable::NotEnoughData);
    let average_order_value = Measure::float(
        &CAMPAIGN_AOV,
        gate(ratio(revenue, orders as f64), orders >= MIN_ORDERS_FOR_PROPOSAL),
        orders,
        Unavailable::NotEnoughData,
    );
    let same_currency = assumptions.currency == costs.currency;
    Proposals {
        click_through_rate: Proposal { current: Some(assumptions.click_through_rate), proposed: click_through_rate },
        conversion_rate: Proposal { current: Some(assumptions.conversion_rate), proposed: conversion_rate },
        average_order_value: Proposal {
            current: assumptions.average_order_value.filter(|_| same_currency),
            proposed: average_order_value,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn costs() -> CampaignCosts {
        CampaignCosts { unit_cost: 20.0, shipping_cost: 5.0, fee: Some(50.0), currency: "USD".into() }
    }

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn at(d: &str) -> DateTime<Utc> {
        format!("{d}T12:00:00Z").parse().unwrap()
    }

    fn post(views: i64) -> PostStats {
        PostStats { views, likes: views / 10, comments: views / 100, shares: views / 100 }
    }

    fn usd(amount: f64) -> OrderAmount {
        OrderAmount { amount, currency: "USD".into() }
    }

    fn shipped(first_post: Option<&str>, posts: Vec<PostStats>, orders: Vec<OrderAmount>) -> EntryInput {
        EntryInput {
            agreed: true,
            shipped_on: Some(day("2026-06-01")),
            units: 1,
            first_post_at: first_post.map(at),
            posts,
            orders,
            ..EntryInput::default()
        }
    }

    #[test]
    fn costs_post_rate_reach_and_returns_add_up() {
        let entries = vec![
            shipped(Some("2026-06-05"), vec![post(10_000), post(2_000)], vec![usd(40.0), usd(60.0)]),
            shipped(Some("2026-06-11"), vec![post(8_000)], vec![usd(50.0)]),
            EntryInput { units: 2, shipment_cost: Some(9.0), fee: Some(0.0), ..shipped(None, vec![], vec![]) },
            EntryInput { agreed: false, ..EntryInput::default() },
        ];
        let o = outcome(&costs(), &entries, &ReturnAssumptions::default());
        let t = &o.totals;
        assert_eq!((t.creators, t.shipped, t.posted, t.posts), (4, 3, 2, 3));
        assert_eq!(t.cost, CostBreakdown { product: 80.0, shipping: 19.0, fees: 100.0, total: 199.0 });
        assert_eq!(t.views, 20_000);
        assert_eq!(t.engagements, 1_200 + 240 + 960);
        assert_eq!((t.orders, t.revenue), (3, 150.0));
        assert!((t.post_rate.value.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(t.median_days_to_post.value, Some(7.0), "4 and 10 days");
        assert!((t.cost_per_post.value.unwrap() - 199.0 / 3.0).abs() < 1e-9);
        assert!((t.cost_per_thousand_views.value.unwrap() - 9.95).abs() < 1e-9);
        assert!((t.cost_per_order.value.unwrap() - 199.0 / 3.0).abs() < 1e-9);
        assert!((t.roas.value.unwrap() - 150.0 / 199.0).abs() < 1e-9);
        assert_eq!(o.entries[0].cost, 75.0);
        assert_eq!(o.entries[2].cost, 49.0, "two units, its own shipping, no fee");
        assert_eq!(o.entries[3].cost, 0.0);
        assert!(o.entries[3].revenue.is_sign_positive(), "no revenue is 0, never −0 (\"-$0.00\")");
        assert_eq!(o.entries[3].roas.unavailable, Some(Unavailable::ZeroBase));
    }

    #[test]
    fn other_currencies_are_listed_and_never_summed() {
        let eur = OrderAmount { amount: 70.0, currency: "EUR".into() };
        let entries = vec![shipped(Some("2026-06-02"), vec![post(1_000)], vec![usd(30.0), eur.clone(), eur])];
        let t = outcome(&costs(), &entries, &ReturnAssumptions::default()).totals;
        assert_eq!((t.orders, t.revenue), (1, 30.0));
        assert_eq!(t.other_currencies, vec![CurrencyTotal { currency: "EUR".into(), orders: 2, revenue: 140.0 }]);
    }

    #[test]
    fn nothing_shipped_or_posted_says_why_instead_of_guessing() {
        let t = outcome(&costs(), &[], &ReturnAssumptions::default());
        for m in [&t.totals.post_rate, &t.totals.cost_per_post, &t.totals.cost_per_thousand_views, &t.totals.roas] {
            assert_eq!((m.value, m.unavailable), (None, Some(Unavailable::ZeroBase)));
        }
        assert_eq!(t.totals.median_days_to_post.unavailable, Some(Unavailable::NotEnoughData));
        assert_eq!(t.proposals.conversion_rate.proposed.unavailable, Some(Unavailable::NotEnoughData));
    }

    #[test]
    fn proposals_need_a_sample_and_use_clicks_where_entered() {
        let orders = |n: usize| (0..n).map(|_| usd(40.0)).collect::<Vec<_>>();
        let small = vec![shipped(Some("2026-06-03"), vec![post(50_000)], orders(9))];
        let p = outcome(&costs(), &small, &ReturnAssumptions::default()).proposals;
        assert_eq!(p.conversion_rate.proposed.unavailable, Some(Unavailable::NotEnoughData), "one post");
        assert_eq!(p.average_order_value.proposed.value, Some(40.0), "nine orders are enough for an order value");

        let mut entries: Vec<EntryInput> =
            (0..3).map(|_| shipped(Some("2026-06-03"), vec![post(10_000)], orders(2))).collect();
        let assumptions = ReturnAssumptions::default();
        let p = outcome(&costs(), &entries, &assumptions).proposals;
        assert_eq!(p.click_through_rate.proposed.unavailable, Some(Unavailable::NotEnoughData), "no clicks entered");
        // 6 orders ÷ 30,000 views ÷ the assumed 1% click-through.
        assert!((p.conversion_rate.proposed.value.unwrap() - 0.02).abs() < 1e-12);
        assert_eq!(p.conversion_rate.current, Some(0.02));

        for entry in &mut entries {
            entry.clicks = Some(150);
        }
        let p = outcome(&costs(), &entries, &assumptions).proposals;
        assert!((p.click_through_rate.proposed.value.unwrap() - 0.015).abs() < 1e-12);
        assert!((p.conversion_rate.proposed.value.unwrap() - 6.0 / 450.0).abs() < 1e-12);
        assert_eq!(p.conversion_rate.proposed.formula, "campaign.conversion_rate.v1");
    }
}

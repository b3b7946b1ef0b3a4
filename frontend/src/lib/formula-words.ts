// What each analytics formula means, in the words of a marketer rather than a statistician. The
// server's own formula text (with its Σ and t-values) stays one click away under "How is this
// computed?"; these sentences lead. Keyed by the formula's stable id.

const PLAIN_WORDS: Record<string, string> = {
  'growth.abs.v1': 'The latest count minus the count at the start of the window.',
  'growth.pct.v1': 'The change as a share of the count at the start of the window.',
  'growth.daily_gain.v1': 'The change divided by the number of days it took.',
  'growth.acceleration.v1':
    'The last 7 days’ daily gain against the last 30 days’. Above 1× means growth is speeding up.',
  'projection.linear.v1': 'The average daily gain of the last 30 days, carried forward.',
  'projection.weighted.v1': 'The average daily gain of the last 60 days, recent days counting most, carried forward.',
  'projection.band80.v1':
    'How much the daily numbers wobble around a straight line; it sets the shaded band, where the count should land 8 times in 10.',
  'projection.milestone.v1': 'Days until the next round number at the current daily gain.',
  'engagement.views.median.v1':
    'How many viewers like, comment or share a typical video: the middle value of the last 30 videos.',
  'engagement.views.total.v1':
    'All likes, comments and shares of the last 30 videos against all their views; big videos weigh most.',
  'engagement.views.mean_of_rates.v1': 'The average of each of the last 30 videos’ own engagement.',
  'engagement.followers.median.v1': 'Likes, comments and shares of a typical recent video, per follower.',
  'engagement.video.v1': 'This video’s likes, comments and shares per view.',
  'views.median.v1': 'The views of a typical recent video (the middle of the last 30): what the next one can expect.',
  'outlier.multiple.v1': 'How many times the creator’s typical views this video got.',
  'outlier.views_per_follower.v1':
    'Views per follower: above 1 means the video reached beyond the creator’s followers.',
  'rising.v1': 'Growth is speeding up, a recent video did far better than usual, and the creator is not big yet.',
  'price.cpm_range.v1': 'Expected views × what brands typically pay per 1,000 views (CPM) for creators of this size.',
  'price.cpv.v1': 'The fair price divided by the expected views.',
  'price.cpe.v1': 'The fair price divided by the expected likes, comments and shares.',
  'price.per_thousand_target_followers.v1': 'The fair price per 1,000 followers who are in your target audience.',
  'returns.clicks.v1': 'Expected views × the share of viewers who visit your shop.',
  'returns.orders.v1': 'Expected shop visits × the share of visitors who order.',
  'returns.cost_per_order.v1': 'What the gift (and any fee) costs, divided by the expected orders.',
  'returns.revenue.v1': 'Expected orders × your average order value.',
  'returns.revenue_per_cost.v1': 'Expected revenue divided by what the gift costs.',
  'authenticity.follower_step.v1': 'A one-day jump in followers far above the creator’s usual daily change.',
  'authenticity.following_spike.v1': 'A one-day jump in accounts followed far above the creator’s usual change.',
  'fit.audience.v1': 'How much of the creator’s audience matches your target audience, from 0 to 100.',
  'fit.content.v1':
    'How often the creator’s recent videos come from your target countries or use your target hashtags, from 0 to 100.',
  'fit.content.region.v1': 'The share of recent videos posted from one of your target countries.',
  'fit.content.interest.v1': 'The share of recent videos using one of your target hashtags.',
  'campaign.post_rate.v1': 'Of the creators you shipped the product to, the share who posted about it.',
  'campaign.days_to_post.median.v1':
    'How long a typical creator took from receiving the shipment to their first post: the middle value.',
  'campaign.cost_per_post.v1': 'What the campaign cost (product, shipping and fees) divided by its posts.',
  'campaign.cpm.v1': 'What the campaign cost for every 1,000 views of its posts.',
  'campaign.cpe.v1': 'What the campaign cost for each like, comment or share of its posts.',
  'campaign.cost_per_order.v1': 'What the campaign cost divided by the orders credited to it.',
  'campaign.roas.v1':
    'Revenue from the orders credited to the campaign for each unit of money it cost (revenue, not profit).',
  'campaign.click_through_rate.v1':
    'The shop visits you entered for the creators, per view of their posts: the share of viewers who clicked.',
  'campaign.conversion_rate.v1': 'Orders per shop visit: the share of visitors who ordered.',
  'campaign.average_order_value.v1': 'Revenue divided by orders, in the campaign’s currency.',
};

/** The formula `id` in plain words; a formula this app does not know yet reads as the server words it. */
export function plainWords(id: string, serverText: string): string {
  return PLAIN_WORDS[id] ?? serverText;
}

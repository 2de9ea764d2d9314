package io.tierserve.policy.tier;

/**
 * One family's best plan for a tier, as the {@code tiers} report lists it beside the served one.
 *
 * @param plannedBy the family whose candidates the plan was drawn from (a {@link PolicyFamily#MIX}
 *     plan may consist of one family's rules)
 * @param plan what that plan is and achieved
 * @param served whether it is the plan the tier serves
 */
public record FamilyPlan(PolicyFamily plannedBy, TierResolution plan, boolean served) {}

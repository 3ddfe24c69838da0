using Alliance.ServiceDefaults.Time;

namespace Alliance.Reporting.OrganizationLife;

/// <summary>A committee, general branch or branch that organization-life rules may bind.</summary>
public sealed record BranchFacts(Guid OrganizationId, Guid SubsidiaryId, string Kind, string Name);

/// <summary>A rule with the period it is looked at in.</summary>
public sealed record RulePeriod(MeetingRuleView Rule, MeetingPeriod Period);

/// <summary>Where one rule stands for one organization in its period.</summary>
public sealed record BranchRuleState(RulePeriod Rule, ComplianceState State, int HeldCount);

/// <summary>
/// Organization life as reporting sees it (ADR 37), with the activity service's own period arithmetic
/// (<see cref="MeetingPeriod"/>): a rule binds the organizations of its kind in its subsidiary (every subsidiary for a
/// group rule) unless retired; it is looked at in its period containing the day asked for; held when an activity of one of
/// its types was held with the organization as a host within the period; otherwise due until the period's last day
/// (group calendar), then overdue. An organization that ended (dissolved or merged) is bound by nothing.
/// </summary>
public static class ComplianceRule
{
    public static readonly string[] BoundKinds = ["committee", "general-branch", "branch"];

    /// <summary>The rules in force with their period containing <paramref name="on"/>; a rule of a period reporting does not know is left out.</summary>
    public static IReadOnlyList<RulePeriod> PeriodsOn(IEnumerable<MeetingRuleView> rules, DateOnly on) =>
        rules.Where(r => !r.Retired)
            .Select(r => PeriodLengths.FromName(r.Period) is { } length ? new RulePeriod(r, MeetingPeriod.Containing(length, on)) : null)
            .OfType<RulePeriod>()
            .OrderBy(r => Array.IndexOf(BoundKinds, r.Rule.OrganizationKind)).ThenBy(r => r.Period.Length).ThenBy(r => r.Rule.NameZh, StringComparer.Ordinal)
            .ThenBy(r => r.Rule.RuleId).ToList();

    public static bool Binds(MeetingRuleView rule, BranchFacts organization) =>
        !rule.Retired && rule.OrganizationKind == organization.Kind && (rule.SubsidiaryId is null || rule.SubsidiaryId == organization.SubsidiaryId);

    /// <param name="held">How many counting activities each (organization, rule) held in the rule's period.</param>
    public static IReadOnlyList<BranchRuleState> StatesOf(BranchFacts organization, IReadOnlyList<RulePeriod> rules,
        IReadOnlyDictionary<(Guid Organization, Guid Rule), int> held, DateOnly today) =>
        rules.Where(r => Binds(r.Rule, organization)).Select(r =>
        {
            var count = held.GetValueOrDefault((organization.OrganizationId, r.Rule.RuleId));
            return new BranchRuleState(r, r.Period.StateOn(today, count > 0), count);
        }).ToList();
}

using Alliance.ServiceDefaults.Time;
using System.Globalization;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Alliance.Contracts.Events;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

internal static class OrganizationLifeMapping
{
    /// <summary>The rule as it stands, whole; a group rule carries the empty tenant (it belongs to no subsidiary).</summary>
    public static MeetingRuleCreated Created(MeetingRule r, DateTimeOffset now) => new(Guid.CreateVersion7(now), r.SubsidiaryId ?? Guid.Empty, now,
        r.Id, r.SubsidiaryId, r.OrganizationKind.Name(), r.NameZh, r.NameEn, r.Period.Name(), [.. r.ActivityTypeIds], r.Retired, r.Version);

    public static MeetingRuleRevised Revised(MeetingRule r, DateTimeOffset now) => new(Guid.CreateVersion7(now), r.SubsidiaryId ?? Guid.Empty, now,
        r.Id, r.SubsidiaryId, r.OrganizationKind.Name(), r.NameZh, r.NameEn, r.Period.Name(), [.. r.ActivityTypeIds], r.Retired, r.Version);

    public static C.MeetingRule ToContract(this MeetingRule r)
    {
        var rule = new C.MeetingRule
        {
            Id = r.Id.ToString(), SubsidiaryId = r.SubsidiaryId?.ToString() ?? "", OrganizationKind = r.OrganizationKind.Name(),
            NameZh = r.NameZh, NameEn = r.NameEn, Period = r.Period.Name(), RemindDaysBefore = r.RemindDaysBefore, Retired = r.Retired,
            Version = r.Version, UpdatedAt = Timestamp.FromDateTimeOffset(r.UpdatedAt), UpdatedBy = r.UpdatedBy,
        };
        rule.ActivityTypeIds.AddRange(r.ActivityTypeIds.Select(id => id.ToString()));
        return rule;
    }

    public static C.OrganizationBoard ToContract(this OrganizationCompliance o, DateOnly today)
    {
        var board = new C.OrganizationBoard
        {
            OrganizationId = o.Organization.Id.ToString(), Name = o.Organization.Name, SubsidiaryId = o.Organization.SubsidiaryId.ToString(),
            OrganizationKind = o.Organization.Kind?.Name() ?? "", Today = Day(today),
            Due = o.Count(ComplianceState.Due), Done = o.Count(ComplianceState.Done), Overdue = o.Count(ComplianceState.Overdue),
        };
        board.Rules.AddRange(o.Rules.Select(r =>
        {
            var state = new C.RuleState
            {
                RuleId = r.Rule.Id.ToString(), NameZh = r.Rule.NameZh, NameEn = r.Rule.NameEn, Period = r.Rule.Period.Name(),
                PeriodKey = r.Period.Key, FirstDay = Day(r.Period.FirstDay), DueOn = Day(r.Period.DueOn), State = r.State.Name(), HeldCount = r.HeldCount,
            };
            if (r.LastHeldAt is { } last) state.LastHeldAt = Timestamp.FromDateTimeOffset(last);
            return state;
        }));
        return board;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A board's day: yyyy-MM-dd, or yyyy-MM for the first of that month; today when empty.</summary>
    public static DateOnly BoardDay(FieldErrors errors, string field, string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value)) return today;
        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return month;
        errors.Add(field, "must be a day (yyyy-MM-dd) or a month (yyyy-MM).");
        return today;
    }
}

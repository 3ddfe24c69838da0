using Alliance.ServiceDefaults.Time;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.Collections;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.OrganizationLife;

/// <summary>What creating and revising a rule check alike: the kind, period, types (known ones) and the reminder lead.</summary>
internal static class MeetingRuleRequests
{
    public static (PartyOrganizationKind Kind, PeriodLength Period, List<Guid> Types) Check(FieldErrors errors,
        string kind, string nameZh, string nameEn, string period, RepeatedField<string> typeIds, int remindDaysBefore)
    {
        errors.Required("nameZh", nameZh, MeetingRule.MaxNameLength).Required("nameEn", nameEn, MeetingRule.MaxNameLength);
        var parsedKind = PartyOrganizationKinds.FromName(kind);
        if (parsedKind is null) errors.Add("organizationKind", "must be committee, general-branch or branch.");
        var parsedPeriod = PeriodLengths.FromName(period);
        if (parsedPeriod is null) errors.Add("period", "must be monthly, quarterly, half-yearly or yearly.");
        var types = new List<Guid>();
        if (typeIds.Count == 0) errors.Add("activityTypeIds", "name at least one activity type that counts as holding the meeting.");
        else if (typeIds.Count > MeetingRule.MaxTypes) errors.Add("activityTypeIds", $"at most {MeetingRule.MaxTypes} activity types.");
        foreach (var id in typeIds)
        {
            if (Guid.TryParse(id, out var type)) types.Add(type);
            else errors.Add("activityTypeIds", $"'{id}' is not a valid id.");
        }
        if (remindDaysBefore is < 0 or > MeetingRule.MaxRemindDaysBefore)
            errors.Add("remindDaysBefore", $"must be between 0 and {MeetingRule.MaxRemindDaysBefore} days.");
        return (parsedKind ?? default, parsedPeriod ?? default, types);
    }

    /// <summary>NOT_FOUND on activityTypeIds when one is unknown.</summary>
    public static async Task EnsureTypesExistAsync(ActivityDbContext db, List<Guid> types, CancellationToken ct)
    {
        var known = await db.ActivityTypes.AsNoTracking().Where(t => types.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        var unknown = types.Except(known).ToList();
        if (unknown.Count > 0)
            throw FieldErrors.Single("activityTypeIds", $"No activity type {string.Join(", ", unknown)}.", Grpc.Core.StatusCode.NotFound);
    }
}

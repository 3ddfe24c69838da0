using Alliance.Contracts.Activity.V1;

namespace Alliance.Gateway.Activities;

/// <summary>A host as a client names it: exactly one of a party organization of the group, or a member unit of the alliance served.</summary>
public sealed record HostBody(Guid? OrganizationId, Guid? MemberUnitId);

/// <summary>A venue as a client names it: exactly one of a service center (booked) or an address.</summary>
public sealed record VenueBody(Guid? ServiceCenterId, string? Address);

/// <summary>An activity's details, given whole on scheduling and on revision (then with the version last read).</summary>
public sealed record ActivityBody(string? Title, Guid? TypeId, List<HostBody?>? Hosts, Guid? AllianceId, Guid? PairingId,
    string? StartsAt, string? EndsAt, VenueBody? Venue, string? Agenda, long? ExpectedVersion);

public sealed record HeldBody(string? OutcomeNotes, long? ExpectedVersion);
public sealed record OutcomeBody(string? OutcomeNotes, long? ExpectedVersion);
public sealed record CancelBody(string? Reason, long? ExpectedVersion);

public sealed record ActivityHostDto(Guid? OrganizationId, Guid? SubsidiaryId, Guid? MemberUnitId, string Name, bool External);
public sealed record ActivityVenueDto(Guid? ServiceCenterId, string? Name, string Address);

public sealed record ActivityDto(Guid Id, string Title, Guid TypeId, string TypeCode, string TypeNameZh, string TypeNameEn, string Measure,
    IReadOnlyList<ActivityHostDto> Hosts, Guid? AllianceId, string? AllianceName, Guid? PairingId, string? PairingTitle,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, ActivityVenueDto Venue, string? Agenda, string? OutcomeNotes, string Status,
    string? CancelReason, DateTimeOffset? HeldAt, DateTimeOffset? CancelledAt, Guid SubsidiaryId,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange)
{
    public static ActivityDto From(Activity a) => new(Guid.Parse(a.Id), a.Title, Guid.Parse(a.TypeId), a.TypeCode, a.TypeNameZh, a.TypeNameEn,
        Measures.Name(a.Measure),
        a.Hosts.Select(h => new ActivityHostDto(OptionalId(h.HasOrganizationId, h.OrganizationId), OptionalId(h.HasSubsidiaryId, h.SubsidiaryId),
            OptionalId(h.HasMemberUnitId, h.MemberUnitId), h.Name, h.External)).ToList(),
        a.HasAllianceId ? Guid.Parse(a.AllianceId) : null, Blank(a.AllianceName), a.HasPairingId ? Guid.Parse(a.PairingId) : null, Blank(a.PairingTitle),
        ActivityTimes.InGroupTime(a.StartsAt.ToDateTimeOffset()), ActivityTimes.InGroupTime(a.EndsAt.ToDateTimeOffset()),
        new ActivityVenueDto(OptionalId(a.Venue.HasServiceCenterId, a.Venue.ServiceCenterId), Blank(a.Venue.Name), a.Venue.Address),
        Blank(a.Agenda), Blank(a.OutcomeNotes), Statuses.Name(a.Status), Blank(a.CancelReason),
        a.HeldAt is null ? null : ActivityTimes.InGroupTime(a.HeldAt.ToDateTimeOffset()),
        a.CancelledAt is null ? null : ActivityTimes.InGroupTime(a.CancelledAt.ToDateTimeOffset()),
        Guid.Parse(a.SubsidiaryId), ActivityTimes.InGroupTime(a.CreatedAt.ToDateTimeOffset()), a.CreatedBy,
        ActivityTimes.InGroupTime(a.UpdatedAt.ToDateTimeOffset()), a.UpdatedBy, a.Version, a.CanChange);

    static Guid? OptionalId(bool has, string value) => has ? Guid.Parse(value) : null;
    static string? Blank(string value) => value.Length == 0 ? null : value;
}

public sealed record FieldChangeDto(string Field, string OldValue, string NewValue);
public sealed record ActivityChangeDto(Guid Id, string Kind, long Version, DateTimeOffset ChangedAt, string ChangedBy, string ChangedByRole,
    IReadOnlyList<FieldChangeDto> Changes)
{
    public static ActivityChangeDto From(ActivityChange c) => new(Guid.Parse(c.Id), c.Kind, c.Version,
        ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()), c.ChangedBy, c.ChangedByRole,
        c.Changes.Select(f => new FieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList());
}

public sealed record ActivityTypeDto(Guid Id, string Code, string NameZh, string NameEn, string Measure, bool Retired, bool BuiltIn, long Version)
{
    public static ActivityTypeDto From(ActivityType t) =>
        new(Guid.Parse(t.Id), t.Code, t.NameZh, t.NameEn, Measures.Name(t.Measure), t.Retired, t.BuiltIn, t.Version);
}

public sealed record CreateActivityTypeBody(string? Code, string? NameZh, string? NameEn, string? Measure);
public sealed record ReviseActivityTypeBody(string? NameZh, string? NameEn, string? Measure, bool? Retired, long? ExpectedVersion);

/// <summary>The six joint measures by their API names.</summary>
public static class Measures
{
    public static readonly IReadOnlyDictionary<string, JointMeasure> ByName = new Dictionary<string, JointMeasure>
    {
        ["study"] = JointMeasure.Study,
        ["organization"] = JointMeasure.Organization,
        ["work"] = JointMeasure.Work,
        ["performance"] = JointMeasure.Performance,
        ["responsibility"] = JointMeasure.Responsibility,
        ["integrity"] = JointMeasure.Integrity,
    };

    public static string Name(JointMeasure measure) => ByName.FirstOrDefault(p => p.Value == measure).Key ?? "unspecified";

    /// <summary>The measure named by <paramref name="value"/>, or a field error (required when <paramref name="required"/>).</summary>
    public static JointMeasure Parse(Dictionary<string, string[]> errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = [$"is required: one of {string.Join(", ", ByName.Keys)}."];
            return JointMeasure.Unspecified;
        }
        if (ByName.TryGetValue(value.Trim().ToLowerInvariant(), out var measure)) return measure;
        errors[field] = [$"must be one of: {string.Join(", ", ByName.Keys)}."];
        return JointMeasure.Unspecified;
    }
}

/// <summary>Activity statuses by their API names.</summary>
public static class Statuses
{
    public static readonly IReadOnlyDictionary<string, ActivityStatus> ByName = new Dictionary<string, ActivityStatus>
    {
        ["planned"] = ActivityStatus.Planned,
        ["held"] = ActivityStatus.Held,
        ["cancelled"] = ActivityStatus.Cancelled,
    };

    public static string Name(ActivityStatus status) => ByName.FirstOrDefault(p => p.Value == status).Key ?? "unspecified";
}

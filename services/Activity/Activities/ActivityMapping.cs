using Alliance.Activity.ActivityTypes;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>An activity as the contract and the events state it.</summary>
internal static class ActivityMapping
{
    public static C.Activity ToContract(this Activity a, ActivityType? type, bool canChange)
    {
        var result = new C.Activity
        {
            Id = a.Id.ToString(),
            Title = a.Title,
            TypeId = a.TypeId.ToString(),
            TypeCode = a.TypeCode,
            TypeNameZh = type?.NameZh ?? a.TypeCode,
            TypeNameEn = type?.NameEn ?? a.TypeCode,
            Measure = a.Measure.ToContract(),
            AllianceName = a.AllianceName ?? "",
            PairingTitle = a.PairingTitle ?? "",
            StartsAt = Timestamp.FromDateTimeOffset(a.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(a.EndsAt),
            Venue = new C.ActivityVenue { Name = a.VenueName ?? "", Address = a.VenueAddress },
            Agenda = a.Agenda ?? "",
            OutcomeNotes = a.OutcomeNotes ?? "",
            Status = a.Status switch
            {
                ActivityStatus.Planned => C.ActivityStatus.Planned,
                ActivityStatus.Held => C.ActivityStatus.Held,
                _ => C.ActivityStatus.Cancelled,
            },
            CancelReason = a.CancelReason ?? "",
            SubsidiaryId = a.SubsidiaryId.ToString(),
            CreatedAt = Timestamp.FromDateTimeOffset(a.CreatedAt),
            CreatedBy = a.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(a.UpdatedAt),
            UpdatedBy = a.UpdatedBy,
            Version = a.Version,
            CanChange = canChange,
        };
        if (a.AllianceId is { } alliance) result.AllianceId = alliance.ToString();
        if (a.PairingId is { } pairing) result.PairingId = pairing.ToString();
        if (a.ServiceCenterId is { } center) result.Venue.ServiceCenterId = center.ToString();
        if (a.HeldAt is { } held) result.HeldAt = Timestamp.FromDateTimeOffset(held);
        if (a.CancelledAt is { } cancelled) result.CancelledAt = Timestamp.FromDateTimeOffset(cancelled);
        result.Hosts.AddRange(a.Hosts.OrderBy(h => h.Position).Select(h =>
        {
            var host = new C.ActivityHost { Name = h.Name, External = h.External };
            if (h.OrganizationId is { } o) host.OrganizationId = o.ToString();
            if (h.SubsidiaryId is { } s) host.SubsidiaryId = s.ToString();
            if (h.MemberUnitId is { } m) host.MemberUnitId = m.ToString();
            return host;
        }));
        return result;
    }

    public static C.JointMeasure ToContract(this JointMeasure measure) => measure switch
    {
        JointMeasure.Study => C.JointMeasure.Study,
        JointMeasure.Organization => C.JointMeasure.Organization,
        JointMeasure.Work => C.JointMeasure.Work,
        JointMeasure.Performance => C.JointMeasure.Performance,
        JointMeasure.Responsibility => C.JointMeasure.Responsibility,
        _ => C.JointMeasure.Integrity,
    };

    public static JointMeasure? FromContract(this C.JointMeasure measure) => measure switch
    {
        C.JointMeasure.Study => JointMeasure.Study,
        C.JointMeasure.Organization => JointMeasure.Organization,
        C.JointMeasure.Work => JointMeasure.Work,
        C.JointMeasure.Performance => JointMeasure.Performance,
        C.JointMeasure.Responsibility => JointMeasure.Responsibility,
        C.JointMeasure.Integrity => JointMeasure.Integrity,
        _ => null,
    };

    static List<ActivityHostRef> HostRefs(Activity a) =>
        a.Hosts.OrderBy(h => h.Position).Select(h => new ActivityHostRef(h.OrganizationId, h.SubsidiaryId, h.MemberUnitId, h.Name, h.External)).ToList();

    public static ActivityScheduled Scheduled(Activity a, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, a.Title, a.TypeId, a.TypeCode, a.Measure.Name(), a.AllianceId, a.PairingId, HostRefs(a), a.StartsAt, a.EndsAt, a.ServiceCenterId);

    public static ActivityRevised Revised(Activity a, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, a.Title, a.TypeId, a.TypeCode, a.Measure.Name(), a.AllianceId, a.PairingId, HostRefs(a), a.StartsAt, a.EndsAt, a.ServiceCenterId);

    public static ActivityHeld Held(Activity a, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, a.TypeId, a.TypeCode, a.Measure.Name(), a.AllianceId, a.PairingId, HostRefs(a), a.StartsAt, a.EndsAt);

    public static ActivityCancelled Cancelled(Activity a, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, a.TypeId, a.Measure.Name(), a.AllianceId, a.PairingId, HostRefs(a), a.StartsAt, a.CancelReason ?? "");
}

using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.HostRotations;

/// <summary>
/// Who sees and changes a rotation, and how it reads: every caller who sees the alliance (the organization service
/// answers for the caller, ADR 27) reads it; planners of the alliance's lead subsidiary, or the group, change it. Each
/// month shows the activities of the alliance its host hosted that month (group calendar) and a state.
/// </summary>
public sealed class HostRotationReading(ActivityDbContext db, IOrganizationDirectory directory, TimeProvider clock)
{
    public async Task<AllianceFacts> VisibleAllianceAsync(CallerScope caller, string allianceId, CancellationToken ct) =>
        await directory.FindAllianceAsync(caller, Guid.Parse(allianceId), ct)
            ?? throw ServiceDefaults.Validation.FieldErrors.Single("allianceId", "The alliance was not found.", StatusCode.NotFound);

    public static bool MayChange(CallerScope caller, AllianceFacts alliance) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == alliance.LeadSubsidiaryId);

    public async Task<C.HostRotation> ToContractAsync(CallerScope caller, AllianceFacts alliance, int year, HostRotation? rotation, CancellationToken ct)
    {
        var result = new C.HostRotation { AllianceId = alliance.Id.ToString(), Year = year, Exists = rotation is not null, CanChange = MayChange(caller, alliance) };
        if (rotation is null) return result;
        result.UpdatedBy = rotation.UpdatedBy;
        result.UpdatedAt = Timestamp.FromDateTimeOffset(rotation.UpdatedAt);
        result.Version = rotation.Version;

        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, GroupCalendar.Offset).ToUniversalTime();
        var activities = await db.Activities.AsNoTracking().Include(a => a.Hosts)
            .Where(a => a.AllianceId == alliance.Id && a.StartsAt >= start && a.StartsAt < start.AddYears(1))
            .OrderBy(a => a.StartsAt).AsSplitQuery().ToListAsync(ct);
        var today = clock.GroupToday();
        foreach (var slot in rotation.Slots.OrderBy(s => s.Month))
        {
            var produced = activities.Where(a => GroupCalendar.DayOf(a.StartsAt).Month == slot.Month && a.Hosts.Any(h => Hosts(slot, h))).ToList();
            var contract = new C.HostRotationSlot
            {
                Month = slot.Month, MemberUnitId = slot.MemberUnitId.ToString(), Name = slot.Name, External = slot.External, Note = slot.Note,
                State = StateOf(year, slot.Month, produced, today),
            };
            contract.Activities.AddRange(produced.Select(a => new C.ProducedActivity
            {
                Id = a.Id.ToString(), Title = a.Title, StartsAt = Timestamp.FromDateTimeOffset(a.StartsAt), Status = a.Status.ToString().ToLowerInvariant(),
            }));
            result.Slots.Add(contract);
        }
        return result;
    }

    /// <summary>An internal unit hosts as its organization, an external one as its member unit.</summary>
    static bool Hosts(HostRotationSlot slot, ActivityHost host) =>
        slot.OrganizationId is { } organization ? host.OrganizationId == organization : host.MemberUnitId == slot.MemberUnitId;

    public static string StateOf(int year, int month, IReadOnlyList<Activities.Activity> produced, DateOnly today)
    {
        if (produced.Any(a => a.Status == ActivityStatus.Held)) return "held";
        if (produced.Any(a => a.Status == ActivityStatus.Planned)) return "planned";
        var first = new DateOnly(year, month, 1);
        if (today >= first.AddMonths(1)) return "missed";
        return today >= first ? "due" : "upcoming";
    }
}

using System.Globalization;
using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>
/// Records a decision item within a joint meeting: owner and supervising units taken from the alliance's member units
/// (asked of the organization service as the caller), due date and plan checked; with its first history entry, the client
/// request id and <c>DecisionItemRecorded</c> in one SaveChanges.
/// </summary>
public sealed class RecordDecisionItem(ActivityDbContext db, MeetingAccess access, IOrganizationDirectory directory, TimeProvider clock,
    SupervisionSettings settings)
{
    public async Task<C.DecisionItem> HandleAsync(C.RecordDecisionItemRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = Validate(request);
        errors.ThrowIfAny();
        caller.EnsureMayPlan("record a decision item");
        var ct = context.CancellationToken;
        var meeting = await access.FindMeetingAsync(caller, Guid.Parse(request.MeetingId), track: false, ct);
        MeetingAccess.EnsureMayChange(caller, meeting);
        var requestKey = ClientRequests.KeyFor("record-decision-item", caller.TenantId, request.ClientRequestId);
        var now = clock.GetUtcNow().ToUniversalTime();
        var dueSoonDays = await settings.ForAsync(meeting.AllianceId, ct);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadAsync(earlier, caller, now, dueSoonDays, ct);

        var alliance = await directory.FindAllianceAsync(caller, meeting.AllianceId, ct)
            ?? throw FieldErrors.Single("meetingId", "The meeting's alliance is no longer visible to you.", StatusCode.NotFound);
        var d = request.Details;
        var owner = Unit(alliance, d.OwnerMemberUnitId, "ownerMemberUnitId");
        var supervisor = Unit(alliance, d.SupervisorMemberUnitId, "supervisorMemberUnitId");
        var plan = new DecisionItemPlan(d.Title, d.AcceptanceCriteria, owner, d.OwnerPerson, Date(d.DueOn),
            d.Milestones.Select(m => (m.Title, Date(m.DueOn))).ToList(), supervisor);
        DecisionItem item;
        try
        {
            item = DecisionItem.Record(meeting, plan, dueSoonDays, new Actor(caller.UserId ?? "unknown", caller.Role), now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.Add(item);
        db.AddRange(item.Entries);
        db.RememberClientRequest(requestKey, item.Id, now);
        db.AddIntegrationEvent(DecisionItemMapping.Recorded(item, now));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner) return await LoadAsync(winner, caller, now, dueSoonDays, ct);
        return item.ToContract(caller, GroupCalendar.DayOf(now), dueSoonDays);
    }

    async Task<C.DecisionItem> LoadAsync(Guid id, CallerScope caller, DateTimeOffset now, int dueSoonDays, CancellationToken ct) =>
        (await db.DecisionItems.AsNoTracking().SingleAsync(i => i.Id == id, ct)).ToContract(caller, GroupCalendar.DayOf(now), dueSoonDays);

    static UnitRef Unit(AllianceFacts alliance, string id, string field)
    {
        var unit = alliance.Members.FirstOrDefault(m => m.Id == Guid.Parse(id) && m.Current)
            ?? throw FieldErrors.Single(field, "is not a current member unit of the meeting's alliance.", StatusCode.NotFound);
        return new UnitRef(unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name);
    }

    static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    static bool IsDate(string value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    static FieldErrors Validate(C.RecordDecisionItemRequest request)
    {
        var errors = new FieldErrors().Id("meetingId", request.MeetingId);
        var d = request.Details;
        if (d is null) return errors.Add("details", "is required.");
        errors.Required("title", d.Title, DecisionItem.MaxTitleLength)
            .Required("acceptanceCriteria", d.AcceptanceCriteria, DecisionItem.MaxCriteriaLength)
            .Id("ownerMemberUnitId", d.OwnerMemberUnitId)
            .Id("supervisorMemberUnitId", d.SupervisorMemberUnitId)
            .Optional("ownerPerson", d.OwnerPerson, DecisionItem.MaxPersonLength);
        if (!IsDate(d.DueOn)) errors.Add("dueOn", "must be a date as yyyy-MM-dd.");
        if (d.Milestones.Count > DecisionItem.MaxMilestones) errors.Add("milestones", $"must be at most {DecisionItem.MaxMilestones}.");
        for (var i = 0; i < d.Milestones.Count; i++)
        {
            errors.Required($"milestones[{i}].title", d.Milestones[i].Title, DecisionItem.MaxTitleLength);
            if (!IsDate(d.Milestones[i].DueOn)) errors.Add($"milestones[{i}].dueOn", "must be a date as yyyy-MM-dd.");
        }
        return errors;
    }
}

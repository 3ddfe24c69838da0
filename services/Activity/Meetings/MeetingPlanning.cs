using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>
/// Turns the details a client sends on recording and revision into a <see cref="MeetingPlan"/>: checks the fields, asks
/// the organization service as the caller for the alliance (ADR 27) and takes the attendees from its member units, checks
/// the linked activity, and that the caller may record for the alliance.
/// </summary>
public sealed class MeetingPlanning(ActivityDbContext db, IOrganizationDirectory directory)
{
    public async Task<MeetingPlan> PlanAsync(CallerScope caller, C.MeetingDetails? details, CancellationToken ct)
    {
        Validate(details).ThrowIfAny();
        var d = details!;
        var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(d.AllianceId), ct)
            ?? throw FieldErrors.Single("allianceId", "No alliance with that id that you take part in.", StatusCode.NotFound);
        MeetingAccess.EnsureMayRecordFor(caller, alliance);
        var attendees = new List<MeetingAttendee>();
        for (var i = 0; i < d.Attendees.Count; i++)
        {
            var a = d.Attendees[i];
            var unit = alliance.Members.FirstOrDefault(m => m.Id == Guid.Parse(a.MemberUnitId))
                ?? throw FieldErrors.Single($"attendees[{i}].memberUnitId", "is not a member unit of the alliance.", StatusCode.NotFound);
            attendees.Add(new MeetingAttendee(unit.Id, unit.OrganizationId, unit.SubsidiaryId, unit.Name,
                a.People.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList()));
        }
        Guid? activityId = null;
        if (d.ActivityId.Length > 0)
        {
            activityId = Guid.Parse(d.ActivityId);
            var activity = await db.Activities.AsNoTracking().Where(x => x.Id == activityId).Select(x => new { x.AllianceId }).SingleOrDefaultAsync(ct);
            if (activity is null || activity.AllianceId != alliance.Id)
                throw FieldErrors.Single("activityId", "No activity of this alliance with that id.", StatusCode.NotFound);
        }
        return new MeetingPlan(d.Title, alliance, d.StartsAt.ToDateTimeOffset(), d.Place, d.Minutes, attendees, activityId);
    }

    static FieldErrors Validate(C.MeetingDetails? d)
    {
        var errors = new FieldErrors();
        if (d is null) return errors.Add("details", "is required.");
        errors.Required("title", d.Title, JointMeeting.MaxTitleLength)
            .Id("allianceId", d.AllianceId)
            .Required("place", d.Place, JointMeeting.MaxPlaceLength)
            .Optional("minutes", d.Minutes, JointMeeting.MaxMinutesLength)
            .Id("activityId", d.ActivityId, required: false);
        if (d.StartsAt is null) errors.Add("startsAt", "is required.");
        if (d.Attendees.Count < 2) errors.Add("attendees", "A joint meeting has at least two attending units.");
        else if (d.Attendees.Count > JointMeeting.MaxAttendees) errors.Add("attendees", $"must name at most {JointMeeting.MaxAttendees} units.");
        for (var i = 0; i < d.Attendees.Count; i++)
        {
            errors.Id($"attendees[{i}].memberUnitId", d.Attendees[i].MemberUnitId);
            if (d.Attendees[i].People.Count > JointMeeting.MaxPeoplePerUnit)
                errors.Add($"attendees[{i}].people", $"must name at most {JointMeeting.MaxPeoplePerUnit} people.");
            else if (d.Attendees[i].People.Any(p => p.Trim().Length > JointMeeting.MaxPersonLength))
                errors.Add($"attendees[{i}].people", $"names must be at most {JointMeeting.MaxPersonLength} characters.");
        }
        return errors;
    }
}

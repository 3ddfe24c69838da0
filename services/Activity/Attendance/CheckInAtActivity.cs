using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>
/// Checks the signed-in user in at an activity they see, inside its window: with the venue's code, or as an invited
/// person (directly, or through their party organization). One check-in per user and per person: a second one (also a
/// concurrent one, which loses on the unique index) returns the first and writes nothing. Each new check-in is saved
/// with <c>ParticipantCheckedIn</c>. A partner checks in as themselves (no person, no subsidiary): with the code, or
/// without one when their unit is invited; the check-in names them and their unit, and counts for that unit. A user whose
/// sign-in name is linked to a person (ADR 39) checks in as that person and may name no other.
/// </summary>
public sealed class CheckInAtActivity(ActivityDbContext db, ActivityAccess access, IOrganizationDirectory directory, PartnerUnits partners,
    IOptions<AttendanceOptions> options, TimeProvider clock)
{
    public async Task<C.CheckInResult> HandleAsync(C.CheckInRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("activityId", request.ActivityId).Id("personId", request.PersonId, required: false);
        var withCode = request.Code.Trim().Length > 0;
        if (withCode && !CheckInCodes.IsWellFormed(request.Code.Trim())) errors.Add("code", "must be the six digits shown at the venue.");
        if (caller.IsPartner && request.PersonId.Length > 0) errors.Add("personId", "must be empty: a partner checks in as themselves.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        ActivityAccess.EnsureMayCheckIn(caller, activity);
        var userName = caller.UserId!;
        var now = clock.GetUtcNow().ToUniversalTime();
        var settings = options.Value;
        try
        {
            CheckInWindow.Ensure(activity, now, settings);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }

        var partner = await partners.OfAsync(caller, ct);
        if (caller.IsPartner && partner is null) throw ActivityAccess.NotFound();

        // A user linked to a person (ADR 39) is that person; others name the person they are, or use the code.
        var person = partner is null ? await directory.MyPersonAsync(caller, ct) : null;
        if (person is not null && request.PersonId.Length > 0 && Guid.Parse(request.PersonId) != person.Id)
            throw FieldErrors.Single("personId", $"must be yours: your sign-in name is linked to {person.Name}.", StatusCode.PermissionDenied);
        if (person is null && request.PersonId.Length > 0)
            person = await directory.FindPersonAsync(caller, Guid.Parse(request.PersonId), ct)
                ?? throw FieldErrors.Single("personId", "No person with that id that you may name.", StatusCode.NotFound);
        if (!withCode && person is null && partner is null)
            throw FieldErrors.Single("code", "is required, unless you check in as an invited person (personId).");
        if (await EarlierAsync(activity.Id, userName, person?.Id, ct) is { } earlier)
            return new C.CheckInResult { CheckIn = earlier.ToContract(), AlreadyCheckedIn = true };

        var invitations = await db.Set<Participant>().AsNoTracking().Where(p => p.ActivityId == activity.Id && p.WithdrawnAt == null).ToListAsync(ct);
        if (withCode)
        {
            var secret = await db.Set<CheckInSecret>().AsNoTracking().Where(s => s.ActivityId == activity.Id).Select(s => s.Secret).SingleOrDefaultAsync(ct);
            var match = secret is null ? CodeMatch.Wrong : CheckInCodes.Match(secret, request.Code.Trim(), now, settings.CodeStepSeconds, settings.CodeGraceSteps);
            if (match == CodeMatch.Stale) throw FieldErrors.Single("code", "has expired: enter the code shown at the venue now.", StatusCode.FailedPrecondition);
            if (match == CodeMatch.Wrong) throw FieldErrors.Single("code", "is not the code shown at the venue.", StatusCode.FailedPrecondition);
        }
        else if (partner is not null)
        {
            if (!ActivityAccess.IsInvited(partner, invitations))
                throw FieldErrors.Single("code", "is required: your unit is not invited to the activity, so check in with the code shown at the venue.", StatusCode.FailedPrecondition);
        }
        else if (!invitations.Any(p => p.PersonId == person!.Id || (p.Kind != ParticipantKind.Person && p.OrganizationId is not null && p.OrganizationId == person.OrganizationId)))
        {
            throw FieldErrors.Single("personId", "is not invited to the activity: check in with the code shown at the venue.", StatusCode.FailedPrecondition);
        }

        // The person's party organization; without a person, the invited organization of the user's subsidiary.
        var organization = person?.OrganizationId is { } own
            ? invitations.FirstOrDefault(p => p.OrganizationId == own && p.Kind != ParticipantKind.Person) is { } invited
                ? (Id: (Guid?)own, Name: invited.Name)
                : (Id: own, Name: (await directory.FindOrganizationAsync(caller, own, ct))?.Name ?? "")
            : invitations.FirstOrDefault(p => p.Kind != ParticipantKind.Person && p.OrganizationId is not null && p.SubsidiaryId == caller.TenantId) is { } ofSubsidiary
                ? (Id: ofSubsidiary.OrganizationId, Name: ofSubsidiary.Name)
                : (Id: null, Name: "");
        var checkIn = partner is not null
            ? CheckIn.Record(activity.Id, userName, null, partner.DisplayName, null, partner.UnitName, null, withCode ? CheckInMethod.Code : CheckInMethod.Self, now)
            : CheckIn.Record(activity.Id, userName, person?.Id, person?.Name ?? userName, organization.Id, organization.Name,
                person?.SubsidiaryId ?? caller.TenantId, withCode ? CheckInMethod.Code : CheckInMethod.Self, now);
        db.Add(checkIn);
        db.AddIntegrationEvent(AttendanceMapping.CheckedIn(activity, checkIn));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ClientRequests.IsViolation(ex, Npgsql.PostgresErrorCodes.UniqueViolation))
        {
            db.ChangeTracker.Clear();
            var winner = await EarlierAsync(activity.Id, userName, person?.Id, ct)
                ?? throw new RpcException(new Status(StatusCode.Aborted, "A concurrent check-in conflicted; retry."));
            return new C.CheckInResult { CheckIn = winner.ToContract(), AlreadyCheckedIn = true };
        }
        return new C.CheckInResult { CheckIn = checkIn.ToContract() };
    }

    Task<CheckIn?> EarlierAsync(Guid activityId, string userName, Guid? personId, CancellationToken ct) =>
        db.Set<CheckIn>().AsNoTracking().Where(c => c.ActivityId == activityId && (c.UserName == userName || (personId != null && c.PersonId == personId)))
            .OrderBy(c => c.CheckedInAt).FirstOrDefaultAsync(ct);
}

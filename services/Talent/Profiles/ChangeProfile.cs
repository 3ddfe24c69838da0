using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Profiles;

/// <summary>
/// Changes what only the talent service holds of a person (skills, certificates, education, positions, birth year), with
/// its audit entry and <c>ProfileChanged</c> in one SaveChanges; a change that changes nothing writes nothing.
/// </summary>
public sealed class ChangeProfile(TalentDbContext db, ProfileAccess access, TimeProvider clock)
{
    public async Task<C.Profile> HandleAsync(C.ChangeProfileRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("personId", request.PersonId)
            .Texts("skills", request.Skills, 50, 100).Texts("certificates", request.Certificates, 50, 100).Texts("positions", request.Positions, 30, 200)
            .Optional("education", request.Education, 500);
        if (request.EducationLevel.Length > 0 && !Profile.EducationLevels.Contains(request.EducationLevel))
            errors.Add("educationLevel", $"must be one of {string.Join(", ", Profile.EducationLevels)}.");
        var now = clock.GetUtcNow().ToUniversalTime();
        if (request.BirthYear != 0 && (request.BirthYear < 1900 || request.BirthYear > now.Year))
            errors.Add("birthYear", $"must be between 1900 and {now.Year}.");
        errors.ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var scope = await access.ScopeAsync(caller, ct);
        var profile = await access.FindAsync(scope, Guid.Parse(request.PersonId), track: true, ct);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, profile.Version, "profile");
        var changes = profile.Change(new Profile.Details(request.Skills, request.Certificates, Requests.Blank(request.EducationLevel),
            Requests.Blank(request.Education), request.Positions, request.BirthYear == 0 ? null : request.BirthYear), now);
        if (changes.Count == 0) return profile.ToContract(canChange: true);
        db.ProfileChanges.Add(new ProfileChange(profile.PersonId, profile.Version, changes, Actor.Of(caller), now));
        db.AddIntegrationEvent(ProfileMapping.Changed(profile, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("profile");
        }
        return profile.ToContract(canChange: true);
    }
}

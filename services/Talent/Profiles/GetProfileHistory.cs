using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Profiles;

/// <summary>Who changed a profile's skills, certificates, education and positions, when, and what, newest first.</summary>
public sealed class GetProfileHistory(TalentDbContext db, ProfileAccess access)
{
    public async Task<C.ProfileHistory> HandleAsync(C.GetProfileHistoryRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("personId", request.PersonId).ThrowIfAny();
        var ct = context.CancellationToken;
        var scope = await access.ScopeAsync(CallerScope.From(context), ct);
        var profile = await access.FindAsync(scope, Guid.Parse(request.PersonId), track: false, ct);
        var entries = await db.ProfileChanges.AsNoTracking().Where(c => c.PersonId == profile.PersonId)
            .OrderByDescending(c => c.Version).ToListAsync(ct);
        var history = new C.ProfileHistory();
        history.Changes.AddRange(entries.Select(e =>
        {
            var item = new C.ProfileHistoryEntry
            {
                Id = e.Id.ToString(), Version = e.Version, ChangedAt = Timestamp.FromDateTimeOffset(e.ChangedAt),
                ChangedBy = e.ChangedBy, ChangedByRole = e.ChangedByRole,
            };
            item.Changes.AddRange(e.ReadChanges().Select(f => new C.ProfileFieldChange { Field = f.Field, OldValue = f.OldValue, NewValue = f.NewValue }));
            return item;
        }));
        return history;
    }
}

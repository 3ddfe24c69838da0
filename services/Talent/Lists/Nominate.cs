using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Alliance.Talent.Profiles;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>
/// A unit nominates one of its own people: the person must be in the nominator's profile scope (a secretary: their
/// organization's subtree; a subsidiary admin: their subsidiary), of the list's subsidiary if it has one, meet its
/// filters, and not be on the list already. The entry, its first history line, the client request id and
/// <c>ListEntryChanged</c> are saved together.
/// </summary>
public sealed class Nominate(TalentDbContext db, DynamicListAccess lists, ProfileAccess profiles, TimeProvider clock)
{
    public async Task<C.ListEntry> HandleAsync(C.NominateRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("listId", request.ListId).Id("personId", request.PersonId).Required("reason", request.Reason, 1000).ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await lists.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        var key = ClientRequests.KeyFor("nominate", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(key, ct) is { } earlier) return await LoadAsync(earlier, ct);
        var scope = await profiles.ScopeAsync(caller, ct);
        var person = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == Guid.Parse(request.PersonId), ct);
        if (person is null || !scope.Covers(person))
            throw FieldErrors.Single("personId", "No such person among the people you may nominate.", StatusCode.NotFound);
        if (list.SubsidiaryId is { } only && person.SubsidiaryId != only)
            throw FieldErrors.Single("personId", "The list is another subsidiary's; it takes that subsidiary's people only.", StatusCode.FailedPrecondition);
        var now = clock.GetUtcNow().ToUniversalTime();
        if (list.Unmet(person, now.Year) is { } unmet) throw FieldErrors.Single("personId", unmet, StatusCode.FailedPrecondition);
        var entry = ListEntry.Nominate(list.Id, person, request.Reason.Trim(), Actor.Of(caller), now);
        db.ListEntries.Add(entry);
        db.EntryChanges.AddRange(entry.Changes);
        db.RememberClientRequest(key, entry.Id, now);
        db.AddIntegrationEvent(DynamicListMapping.Changed(entry, list.Kind, "nominated", now));
        var winner = await db.SaveCreateAsync(key, ct, () => FieldErrors.Single("personId",
            $"{person.Name} is on {list.NameEn} already (nominated, reviewed or listed).", StatusCode.FailedPrecondition));
        if (winner is { } id) return await LoadAsync(id, ct);
        return entry.ToContract();
    }

    async Task<C.ListEntry> LoadAsync(Guid id, CancellationToken ct) => (await db.ListEntries.AsNoTracking().SingleAsync(e => e.Id == id, ct)).ToContract();
}

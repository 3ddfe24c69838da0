using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>
/// The steps every decision on an entry shares: check the request, load the list and the entry in the caller's sight,
/// check the caller may decide for the entry's unit and the version, apply the decision, and save it with its history
/// line and <c>ListEntryChanged</c> in one transaction. Listing holds a lock on the list and unit for the transaction, so
/// two placements at once cannot both pass the size limit.
/// </summary>
public sealed class EntryChangeFlow(TalentDbContext db, DynamicListAccess access, TimeProvider clock)
{
    public delegate Task Decision(TalentList list, ListEntry entry, Actor by, DateTimeOffset now, CancellationToken ct);

    public async Task<C.ListEntry> DecideAsync(C.EntryDecisionRequest request, ServerCallContext context, Decision decide,
        bool reasonRequired = false, bool lockUnit = false)
    {
        var errors = new FieldErrors().Id("listId", request.ListId).Id("entryId", request.EntryId).Optional("reason", request.Reason, 1000);
        if (reasonRequired && string.IsNullOrWhiteSpace(request.Reason)) errors.Add("reason", "is required.");
        errors.ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await access.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        var entryId = Guid.Parse(request.EntryId);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var entry = await access.VisibleEntries(caller, list.Id).SingleOrDefaultAsync(e => e.Id == entryId, ct) ?? throw DynamicListAccess.EntryNotFound();
            DynamicListAccess.EnsureMayDecide(caller, entry.SubsidiaryId);
            Requests.EnsureExpectedVersion(request.ExpectedVersion, entry.Version, "entry");
            if (lockUnit)
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({list.Id.ToString() + entry.SubsidiaryId}, 0))", ct);
            var now = clock.GetUtcNow().ToUniversalTime();
            try
            {
                await decide(list, entry, Actor.Of(caller), now, ct);
            }
            catch (TalentRuleException ex)
            {
                throw ex.ToRpc();
            }
            db.EntryChanges.AddRange(entry.Changes);
            foreach (var change in entry.Changes) db.AddIntegrationEvent(DynamicListMapping.Changed(entry, list.Kind, change.Change, now));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Requests.Stale("entry");
            }
            await tx.CommitAsync(ct);
            return entry.ToContract();
        });
    }
}

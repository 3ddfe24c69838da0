using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>An entry's full history, oldest first: who, when, what, and why.</summary>
public sealed class GetEntryHistory(TalentDbContext db, DynamicListAccess access)
{
    public async Task<C.EntryHistory> HandleAsync(C.GetEntryHistoryRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("listId", request.ListId).Id("entryId", request.EntryId).ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await access.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        var entryId = Guid.Parse(request.EntryId);
        if (!await access.VisibleEntries(caller, list.Id).AnyAsync(e => e.Id == entryId, ct)) throw DynamicListAccess.EntryNotFound();
        var changes = await db.EntryChanges.AsNoTracking().Where(c => c.EntryId == entryId).OrderBy(c => c.Version).ToListAsync(ct);
        var history = new C.EntryHistory();
        history.Items.AddRange(changes.Select(c => new C.EntryHistoryItem
        {
            Id = c.Id.ToString(), Change = c.Change, Reason = c.Reason, ChangedAt = Timestamp.FromDateTimeOffset(c.ChangedAt),
            ChangedBy = c.ChangedBy, ChangedByRole = c.ChangedByRole, Version = c.Version,
        }));
        return history;
    }
}

using Alliance.Talent.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Lists a reviewed entry, within the list's size limit per unit (FAILED_PRECONDITION at the limit).</summary>
public sealed class PlaceOnList(EntryChangeFlow flow, TalentDbContext db)
{
    public Task<C.ListEntry> HandleAsync(C.EntryDecisionRequest request, ServerCallContext context) =>
        flow.DecideAsync(request, context, async (list, entry, by, now, ct) =>
        {
            var listed = await db.ListEntries.CountAsync(e => e.ListId == list.Id && e.SubsidiaryId == entry.SubsidiaryId && e.State == ListEntry.Listed, ct);
            entry.Place(list, listed, by, now);
        }, lockUnit: true);
}

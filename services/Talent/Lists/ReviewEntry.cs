using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Marks a nominated entry reviewed: the unit's nomination was checked.</summary>
public sealed class ReviewEntry(EntryChangeFlow flow)
{
    public Task<C.ListEntry> HandleAsync(C.EntryDecisionRequest request, ServerCallContext context) =>
        flow.DecideAsync(request, context, (_, entry, by, now, _) =>
        {
            entry.Review(by, now);
            return Task.CompletedTask;
        });
}

using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Removes a listed entry, with a reason (also how a re-evaluation removes one).</summary>
public sealed class RemoveEntry(EntryChangeFlow flow)
{
    public Task<C.ListEntry> HandleAsync(C.EntryDecisionRequest request, ServerCallContext context) =>
        flow.DecideAsync(request, context, (_, entry, by, now, _) =>
        {
            entry.Remove(request.Reason.Trim(), by, now);
            return Task.CompletedTask;
        }, reasonRequired: true);
}

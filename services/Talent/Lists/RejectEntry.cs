using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Rejects a nominated or reviewed entry, with a reason.</summary>
public sealed class RejectEntry(EntryChangeFlow flow)
{
    public Task<C.ListEntry> HandleAsync(C.EntryDecisionRequest request, ServerCallContext context) =>
        flow.DecideAsync(request, context, (_, entry, by, now, _) =>
        {
            entry.Reject(request.Reason.Trim(), by, now);
            return Task.CompletedTask;
        }, reasonRequired: true);
}

using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Confirms a listed entry in the re-evaluation it awaits (a reason is optional).</summary>
public sealed class ConfirmEntry(EntryChangeFlow flow)
{
    public Task<C.ListEntry> HandleAsync(C.EntryDecisionRequest request, ServerCallContext context) =>
        flow.DecideAsync(request, context, (_, entry, by, now, _) =>
        {
            entry.Confirm(request.Reason.Trim(), by, now);
            return Task.CompletedTask;
        });
}

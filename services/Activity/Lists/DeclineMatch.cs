using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>Declines a proposed match with a reason, with <c>MatchDeclined</c>; the problem stays open for other offers.</summary>
public sealed class DeclineMatch(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db)
{
    public async Task<C.ResourceMatch> HandleAsync(C.DecideMatchRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).Required("reason", request.Reason, ResourceMatch.MaxReasonLength).ThrowIfAny();
        var ct = context.CancellationToken;
        var (match, problem, offer) = await MatchDecisions.FindAsync(db, access, caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayDecide(caller, await access.PartnerAsync(caller, ct), problem, offer);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, match.Version, "match");
        await flow.ChangeAsync("match", () =>
        {
            var now = flow.Now();
            match.Decline(request.Reason, ListChangeFlow.ActorOf(caller), now);
            db.AddIntegrationEvent(ListMapping.Declined(match, problem, offer, now));
        }, ct);
        return match.ToContract(problem, offer, canDecide: true);
    }
}

using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// Accepts a proposed match: the problem is matched, the offer's capacity taken (used up when none is left), with
/// <c>MatchAccepted</c> and <c>ProblemStateChanged</c> in the same transaction.
/// </summary>
public sealed class AcceptMatch(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db)
{
    public async Task<C.ResourceMatch> HandleAsync(C.DecideMatchRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var (match, problem, offer) = await MatchDecisions.FindAsync(db, access, caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayDecide(caller, await access.PartnerAsync(caller, ct), problem, offer);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, match.Version, "match");
        await flow.ChangeAsync("match", () =>
        {
            var now = flow.Now();
            var from = problem.State;
            match.Accept(problem, offer, ListChangeFlow.ActorOf(caller), now);
            db.AddRange(problem.Changes);
            db.AddRange(offer.Changes);
            db.AddIntegrationEvent(ListMapping.Accepted(match, problem, offer, now));
            db.AddIntegrationEvent(ListMapping.StateChanged(problem, from, now));
        }, ct);
        return match.ToContract(problem, offer, canDecide: true);
    }
}

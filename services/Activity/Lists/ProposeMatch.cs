using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// Proposes a match of an open problem with one of its candidate offers, scored and explained as ranking would, with
/// <c>MatchProposed</c>; one live (proposed or accepted) match per problem and offer; idempotent under its client request id.
/// </summary>
public sealed class ProposeMatch(ActivityDbContext db, ListAccess access, AllianceGraph graph, ListChangeFlow flow)
{
    public async Task<C.ResourceMatch> HandleAsync(C.ProposeMatchRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("problemId", request.ProblemId).Id("offerId", request.OfferId)
            .Optional("note", request.Note, ResourceMatch.MaxNoteLength).ThrowIfAny();
        var ct = context.CancellationToken;
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.ProblemId), track: false, ct);
        var key = ClientRequests.KeyFor("propose-match", caller.TenantId, request.ClientRequestId is { Length: > 0 } id ? $"{caller.UserId}:{id}" : null);
        if (await flow.EarlierAsync(key, ct) is { } earlier) return await MatchDecisions.LoadAsync(db, access, caller, earlier, ct);
        var offer = await access.OffersFor(problem, caller).AsNoTracking().SingleOrDefaultAsync(o => o.Id == Guid.Parse(request.OfferId), ct)
            ?? throw FieldErrors.Single("offerId", "is not an offer of the problem's alliance or of the group.", StatusCode.NotFound);
        var partner = await access.PartnerAsync(caller, ct);
        ListAccess.EnsureMayDecide(caller, partner, problem, offer);
        if (await db.Set<ResourceMatch>().AnyAsync(m => m.ProblemId == problem.Id && m.OfferId == offer.Id
                && (m.State == MatchState.Proposed || m.State == MatchState.Accepted), ct))
            throw FieldErrors.Single("offerId", "is already proposed or accepted for this problem.", StatusCode.AlreadyExists);
        var today = ResourceOffer.Today(flow.Now());
        var near = await graph.NeighbourhoodAsync(caller, problem.UnitKey, ct);
        var score = MatchScoring.Score(problem.ForMatching(), offer.ForMatching(), near, today);
        var now = flow.Now();
        ResourceMatch? match = null;
        var winner = await flow.CreateAsync(key, () =>
        {
            match = ResourceMatch.Propose(problem, offer, score, request.Note, ListChangeFlow.ActorOf(caller), now);
            db.Add(match);
            db.AddIntegrationEvent(ListMapping.Proposed(match, problem, offer, now));
            return match.Id;
        }, ct);
        if (winner is { } w) return await MatchDecisions.LoadAsync(db, access, caller, w, ct);
        return match!.ToContract(problem, offer, canDecide: true);
    }
}

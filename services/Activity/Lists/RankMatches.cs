using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// The offers that best answer a problem, ranked by <see cref="MatchScoring"/> with every part explained: candidates
/// filtered in SQL (<see cref="MatchCandidates"/>), scored in memory, the top N answered with their offers.
/// </summary>
public sealed class RankMatches(ListAccess access, MatchCandidates candidates, AllianceGraph graph, ListChangeFlow flow)
{
    public const int DefaultTop = 10;
    public const int MaxTop = 50;

    public async Task<C.RankedMatches> HandleAsync(C.RankMatchesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("problemId", request.ProblemId);
        if (request.Top < 0 || request.Top > MaxTop) errors.Add("top", $"must be from 1 to {MaxTop}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.ProblemId), track: false, ct);
        var today = ResourceOffer.Today(flow.Now());
        var offers = await candidates.OfAsync(problem, caller, today, ct);
        var near = await graph.NeighbourhoodAsync(caller, problem.UnitKey, ct);
        var ranked = MatchScoring.Rank(problem.ForMatching(), offers, near, today, request.Top == 0 ? DefaultTop : request.Top);
        var ids = ranked.Select(r => r.OfferId).ToArray();
        var byId = await access.OffersFor(problem, caller).AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var response = new C.RankedMatches { ProblemId = problem.Id.ToString(), Candidates = offers.Count };
        response.Items.AddRange(ranked.Select(r =>
        {
            var item = new C.RankedMatch { Offer = byId[r.OfferId].ToContract(canChange: false), Score = r.Total };
            item.Parts.AddRange(r.Parts.Select(p => p.ToContract()));
            return item;
        }));
        return response;
    }
}

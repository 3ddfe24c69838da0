using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>A match with its problem and offer, loaded for a decision or an answer; NOT_FOUND when the caller may not see its problem.</summary>
internal sealed record MatchWithParties(ResourceMatch Match, Problem Problem, ResourceOffer Offer);

internal static class MatchDecisions
{
    public static async Task<MatchWithParties> FindAsync(ActivityDbContext db, ListAccess access, CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var matches = track ? db.Set<ResourceMatch>() : db.Set<ResourceMatch>().AsNoTracking();
        var match = await matches.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw ListAccess.NotFound("match");
        Problem problem;
        try
        {
            problem = await access.FindProblemAsync(caller, match.ProblemId, track, ct);
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            throw ListAccess.NotFound("match");
        }
        var offers = track ? db.Set<ResourceOffer>() : db.Set<ResourceOffer>().AsNoTracking();
        var offer = await offers.SingleAsync(o => o.Id == match.OfferId, ct);
        return new MatchWithParties(match, problem, offer);
    }

    public static async Task<C.ResourceMatch> LoadAsync(ActivityDbContext db, ListAccess access, CallerScope caller, Guid id, CancellationToken ct)
    {
        var (match, problem, offer) = await FindAsync(db, access, caller, id, track: false, ct);
        return match.ToContract(problem, offer, ListAccess.MayDecide(caller, await access.PartnerAsync(caller, ct), problem, offer));
    }
}

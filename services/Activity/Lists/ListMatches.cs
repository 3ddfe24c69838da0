using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>A problem's matches, newest first, for whoever sees the problem.</summary>
public sealed class ListMatches(ListAccess access, Data.ActivityDbContext db)
{
    public async Task<C.ListMatchesResponse> HandleAsync(C.ListMatchesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("problemId", request.ProblemId).ThrowIfAny();
        var ct = context.CancellationToken;
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.ProblemId), track: false, ct);
        var matches = await db.Set<ResourceMatch>().AsNoTracking().Where(m => m.ProblemId == problem.Id)
            .OrderByDescending(m => m.ProposedAt).ThenBy(m => m.Id).Take(200).ToListAsync(ct);
        var offerIds = matches.Select(m => m.OfferId).Distinct().ToArray();
        var offers = await db.Set<ResourceOffer>().AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var partner = await access.PartnerAsync(caller, ct);
        var response = new C.ListMatchesResponse();
        response.Items.AddRange(matches.Select(m => m.ToContract(problem, offers[m.OfferId], ListAccess.MayDecide(caller, partner, problem, offers[m.OfferId]))));
        return response;
    }
}

using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using MembershipPeriod = Alliance.Organization.People.MembershipPeriod;
using MembershipStatus = Alliance.Organization.People.MembershipStatus;

namespace Alliance.Organization.Organizations;

/// <summary>The active organizations of a subtree by kind, and its current members.</summary>
public sealed class GetSubtreeCounts(OrganizationDbContext db, PartyTree tree)
{
    public async Task<SubtreeCounts> HandleAsync(GetSubtreeCountsRequest request, ServerCallContext context)
    {
        var root = await tree.FindReadableAsync(request.Id, context);
        var ct = context.CancellationToken;
        var prefix = root.Path + PartyOrganization.PathSeparator + "%";
        var subtree = db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == root.SubsidiaryId &&
            o.Status == OrganizationStatus.Active && (o.Id == root.Id || EF.Functions.Like(o.Path, prefix)));
        var byKind = await subtree.GroupBy(o => o.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var members = await db.Set<MembershipPeriod>().AsNoTracking()
            .CountAsync(m => m.To == null && m.Status != MembershipStatus.TransferredOut && subtree.Any(o => o.Id == m.OrganizationId), ct);
        int Of(OrganizationKind kind) => byKind.Where(k => k.Kind == kind).Sum(k => k.Count);
        return new SubtreeCounts
        {
            Organizations = byKind.Sum(k => k.Count),
            Committees = Of(OrganizationKind.Committee),
            GeneralBranches = Of(OrganizationKind.GeneralBranch),
            Branches = Of(OrganizationKind.Branch),
            Groups = Of(OrganizationKind.Group),
            Members = members,
        };
    }
}

using Alliance.Activity.Common;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>
/// The board over a subsidiary, or over an organization's subtree: every organization holding organization life with its
/// rules' states, computed in one statement for all (<see cref="Compliance"/>), worst first (most overdue, then most due,
/// then tree order), filtered by state or name, a page at a time, with totals over all.
/// </summary>
public sealed class ListOrganizationBoards(IOrganizationDirectory directory, Compliance compliance, TimeProvider clock)
{
    public async Task<C.ListOrganizationBoardsResponse> HandleAsync(C.ListOrganizationBoardsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var today = clock.GroupToday();
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId)
            .Id("organizationId", request.HasOrganizationId ? request.OrganizationId : null, required: false);
        var day = OrganizationLifeMapping.BoardDay(errors, "on", request.On, today);
        var state = ComplianceStates.FromName(request.State);
        if (!string.IsNullOrWhiteSpace(request.State) && state is null) errors.Add("state", "must be due, done or overdue.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var subsidiary = Guid.Parse(request.SubsidiaryId);
        OrganizationLifeAccess.EnsureMaySeeSubsidiary(caller, subsidiary);
        Guid? root = null;
        if (request.HasOrganizationId && !string.IsNullOrWhiteSpace(request.OrganizationId))
        {
            var organization = await directory.FindOrganizationAsync(caller, Guid.Parse(request.OrganizationId), ct);
            if (organization is null || organization.SubsidiaryId != subsidiary)
                throw FieldErrors.Single("organizationId", "No such organization in the subsidiary.", StatusCode.NotFound);
            root = organization.Id;
        }
        var organizations = await directory.OrganizationsOfAsync(caller, subsidiary, root, ct);
        var order = organizations.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var all = (await compliance.OfAsync(organizations, r => MeetingPeriod.Containing(r.Period, day), today, ct))
            .Where(o => o.Rules.Count > 0).ToList();
        var response = new C.ListOrganizationBoardsResponse
        {
            Today = OrganizationLifeMapping.Day(today), Organizations = all.Count,
            Due = all.Sum(o => o.Count(ComplianceState.Due)), Done = all.Sum(o => o.Count(ComplianceState.Done)),
            Overdue = all.Sum(o => o.Count(ComplianceState.Overdue)),
        };
        IEnumerable<OrganizationCompliance> shown = all;
        if (state is { } only) shown = shown.Where(o => o.Count(only) > 0);
        if (Requests.Blank(request.Search) is { } search) shown = shown.Where(o => o.Organization.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
        var sorted = shown.OrderByDescending(o => o.Count(ComplianceState.Overdue)).ThenByDescending(o => o.Count(ComplianceState.Due))
            .ThenBy(o => order[o.Organization.Id]).ToList();
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        response.Total = sorted.Count;
        response.Items.AddRange(sorted.Skip((page - 1) * pageSize).Take(pageSize).Select(o => o.ToContract(today)));
        return response;
    }
}

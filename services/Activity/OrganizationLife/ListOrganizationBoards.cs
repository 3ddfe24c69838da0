using Alliance.Activity.Common;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>
/// The board over a subsidiary, or over an organization's subtree: every organization holding organization life with its
/// rules' states, computed in one statement for all (<see cref="Compliance"/>) and cached whole (<see cref="BoardCache"/>), worst first (most overdue, then most due,
/// then tree order), filtered by state or name, a page at a time, with totals over all.
/// </summary>
public sealed class ListOrganizationBoards(IOrganizationDirectory directory, Compliance compliance, BoardCache boards, TimeProvider clock)
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
        // The whole board, worst first, is cached (ADR 44); the filters and the page are taken from it.
        var board = await boards.GetOrComputeAsync($"org-life:{subsidiary}:{root}:{day:yyyy-MM-dd}:{today:yyyy-MM-dd}",
            C.ListOrganizationBoardsResponse.Parser, () => WholeBoardAsync(caller, subsidiary, root, day, today, ct));
        var response = new C.ListOrganizationBoardsResponse
        {
            Today = board.Today, Organizations = board.Organizations, Due = board.Due, Done = board.Done, Overdue = board.Overdue,
        };
        IEnumerable<C.OrganizationBoard> shown = board.Items;
        if (state is { } only) shown = shown.Where(o => only switch
        {
            ComplianceState.Due => o.Due > 0,
            ComplianceState.Done => o.Done > 0,
            _ => o.Overdue > 0,
        });
        if (Requests.Blank(request.Search) is { } search) shown = shown.Where(o => o.Name.Contains(search, StringComparison.OrdinalIgnoreCase));
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var matching = shown.ToList();
        response.Total = matching.Count;
        response.Items.AddRange(matching.Skip((page - 1) * pageSize).Take(pageSize));
        return response;
    }

    /// <summary>Every organization of the subsidiary (or subtree) that holds organization life, worst first, with the totals.</summary>
    async Task<C.ListOrganizationBoardsResponse> WholeBoardAsync(CallerScope caller, Guid subsidiary, Guid? root, DateOnly day, DateOnly today, CancellationToken ct)
    {
        var organizations = await directory.OrganizationsOfAsync(caller, subsidiary, root, ct);
        var order = organizations.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var all = (await compliance.OfAsync(organizations, r => MeetingPeriod.Containing(r.Period, day), today, ct))
            .Where(o => o.Rules.Count > 0).ToList();
        var board = new C.ListOrganizationBoardsResponse
        {
            Today = OrganizationLifeMapping.Day(today), Organizations = all.Count, Total = all.Count,
            Due = all.Sum(o => o.Count(ComplianceState.Due)), Done = all.Sum(o => o.Count(ComplianceState.Done)),
            Overdue = all.Sum(o => o.Count(ComplianceState.Overdue)),
        };
        board.Items.AddRange(all.OrderByDescending(o => o.Count(ComplianceState.Overdue)).ThenByDescending(o => o.Count(ComplianceState.Due))
            .ThenBy(o => order[o.Organization.Id]).Select(o => o.ToContract(today)));
        return board;
    }
}

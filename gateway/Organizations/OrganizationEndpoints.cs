using Alliance.Gateway.Errors;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;
using Organization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Gateway.Organizations;

/// <summary>An organization; <c>status</c> is active, dissolved or merged; dates are yyyy-MM-dd in the group's calendar.</summary>
public sealed record OrganizationDto(Guid Id, Guid SubsidiaryId, Guid? ParentId, string Name, string Kind, string Path, DateTimeOffset CreatedAt, long Version,
    string Status, int Depth, string CreatedOn, string LastChangedOn, string? EndedOn, Guid? MergedIntoId)
{
    public static OrganizationDto From(Organization o) => new(Guid.Parse(o.Id), Guid.Parse(o.SubsidiaryId),
        o.HasParentId ? Guid.Parse(o.ParentId) : null, o.Name, Kinds.ToName(o.Kind), o.Path, o.CreatedAt.ToDateTimeOffset(), o.Version,
        OrganizationHistoryDtos.StatusName(o.Status), o.Depth, o.CreatedOn, o.LastChangedOn, o.HasEndedOn ? o.EndedOn : null,
        o.HasMergedIntoId ? Guid.Parse(o.MergedIntoId) : null);
}

public sealed record CreateOrganizationBody(Guid? SubsidiaryId, Guid? ParentId, string? Name, string? Kind, string? EffectiveOn = null);
public sealed record MoveOrganizationBody(Guid? NewParentId, long? ExpectedVersion, string? EffectiveOn = null);

/// <summary>The kinds as the API spells them: committee 党委, general-branch 党总支, branch 党支部, group 党小组.</summary>
public static class Kinds
{
    static readonly Dictionary<string, OrganizationKind> ByName = new()
    {
        ["committee"] = OrganizationKind.Committee,
        ["general-branch"] = OrganizationKind.GeneralBranch,
        ["branch"] = OrganizationKind.Branch,
        ["group"] = OrganizationKind.Group,
    };

    public static bool TryParse(string? name, out OrganizationKind kind) => ByName.TryGetValue(name?.Trim().ToLowerInvariant() ?? "", out kind);
    public static string ToName(OrganizationKind kind) => ByName.FirstOrDefault(p => p.Value == kind).Key ?? "unspecified";
    public static string Names => string.Join(", ", ByName.Keys);
}

public static class OrganizationEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/subsidiaries/{subsidiaryId:guid}/organizations", async (Guid subsidiaryId, Guid? parentId, int? page, int? pageSize, string? search,
            Guid? subtreeOf, bool? includeEnded, string? asOf, HttpContext http, OrganizationService.OrganizationServiceClient client, CancellationToken ct) =>
        {
            if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
            if (asOf is not null)
            {
                // The tree of a past day: every organization that existed then, with its name and parent of that day (not paged).
                var errors = new Dictionary<string, string[]>();
                OrganizationHistoryDtos.Date(errors, "asOf", asOf, required: true);
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                var past = await client.GetTreeAsOfAsync(new GetTreeAsOfRequest { SubsidiaryId = subsidiaryId.ToString(), AsOf = asOf.Trim() }, cancellationToken: ct);
                return Results.Ok(new PagedList<OrganizationDto>(past.Items.Select(OrganizationDto.From).ToList(), past.Total, 1, Math.Max(past.Total, 1)));
            }
            var (p, size) = Paging.Normalize(page, pageSize);
            var request = new ListOrganizationsRequest
            {
                SubsidiaryId = subsidiaryId.ToString(), Page = p, PageSize = size, Search = search ?? "", IncludeEnded = includeEnded ?? false,
            };
            if (parentId is { } parent) request.ParentId = parent.ToString();
            if (subtreeOf is { } root) request.SubtreeOf = root.ToString();
            var result = await client.ListOrganizationsAsync(request, cancellationToken: ct);
            return Results.Ok(new PagedList<OrganizationDto>(result.Items.Select(OrganizationDto.From).ToList(), result.Total, p, size));
        }).WithTags("Organizations").WithName("ListOrganizations");

        var group = api.MapGroup("/organizations").WithTags("Organizations");

        group.MapGet("/{id:guid}", async (Guid id, OrganizationService.OrganizationServiceClient client, CancellationToken ct) =>
            Results.Ok(OrganizationDto.From(await client.GetOrganizationAsync(new GetOrganizationRequest { Id = id.ToString() }, cancellationToken: ct))))
            .WithName("GetOrganization");

        group.MapPost("/", async (CreateOrganizationBody body, HttpContext http, OrganizationService.OrganizationServiceClient client, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.SubsidiaryId is null) errors["subsidiaryId"] = ["is required."];
            Validate.Text(errors, "name", body.Name, MaxNameLength);
            if (!Kinds.TryParse(body.Kind, out var kind)) errors["kind"] = [$"must be one of: {Kinds.Names}."];
            OrganizationHistoryDtos.Date(errors, "effectiveOn", body.EffectiveOn, required: false);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            if (!Caller.From(http.User).CanAccess(body.SubsidiaryId!.Value))
                return Problems.SubsidiaryNotFound();
            var request = new CreateOrganizationRequest
            {
                SubsidiaryId = body.SubsidiaryId.Value.ToString(),
                Name = body.Name!.Trim(),
                Kind = kind,
                ClientRequestId = Validate.IdempotencyKey(http),
                EffectiveOn = body.EffectiveOn?.Trim() ?? "",
            };
            if (body.ParentId is { } parent) request.ParentId = parent.ToString();
            var created = await client.CreateOrganizationAsync(request, cancellationToken: ct);
            return Results.Created($"/api/v1/organizations/{created.Id}", OrganizationDto.From(created));
        }).RequireAuthorization(Policies.Admin).WithName("CreateOrganization");

        group.MapPost("/{id:guid}/move", async (Guid id, MoveOrganizationBody body, OrganizationService.OrganizationServiceClient client, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.NewParentId is null) errors["newParentId"] = ["is required."];
            OrganizationHistoryDtos.Date(errors, "effectiveOn", body.EffectiveOn, required: false);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var moved = await client.MoveOrganizationAsync(new MoveOrganizationRequest
            {
                Id = id.ToString(),
                NewParentId = body.NewParentId!.Value.ToString(),
                ExpectedVersion = body.ExpectedVersion ?? 0,
                EffectiveOn = body.EffectiveOn?.Trim() ?? "",
            }, cancellationToken: ct);
            return Results.Ok(OrganizationDto.From(moved));
        }).RequireAuthorization(Policies.Admin).WithName("MoveOrganization");

        group.MapOrganizationHistoryEndpoints();
        return api;
    }
}

using Alliance.Gateway.Errors;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Clients;
using Organization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Gateway.Organizations;

public sealed record OrganizationDto(Guid Id, Guid SubsidiaryId, Guid? ParentId, string Name, string Kind, string Path, DateTimeOffset CreatedAt, long Version)
{
    public static OrganizationDto From(Organization o) => new(Guid.Parse(o.Id), Guid.Parse(o.SubsidiaryId),
        o.HasParentId ? Guid.Parse(o.ParentId) : null, o.Name, Kinds.ToName(o.Kind), o.Path, o.CreatedAt.ToDateTimeOffset(), o.Version);
}

public sealed record CreateOrganizationBody(Guid? SubsidiaryId, Guid? ParentId, string? Name, string? Kind);
public sealed record MoveOrganizationBody(Guid? NewParentId, long? ExpectedVersion);

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
        api.MapGet("/subsidiaries/{subsidiaryId:guid}/organizations", async (Guid subsidiaryId, Guid? parentId, Guid? withinId, int? page, int? pageSize, string? search,
            HttpContext http, OrganizationClient client, CancellationToken ct) =>
        {
            if (!Caller.From(http.User).CanAccess(subsidiaryId)) return Problems.SubsidiaryNotFound();
            var (p, size) = Paging.Normalize(page, pageSize);
            var request = new ListOrganizationsRequest { SubsidiaryId = subsidiaryId.ToString(), Page = p, PageSize = size, Search = search ?? "" };
            if (parentId is { } parent) request.ParentId = parent.ToString();
            if (withinId is { } within) request.WithinId = within.ToString();
            var result = await client.ListOrganizationsAsync(request, ct);
            return Results.Ok(new PagedList<OrganizationDto>(result.Items.Select(OrganizationDto.From).ToList(), result.Total, p, size));
        }).WithTags("Organizations").WithName("ListOrganizations");

        var group = api.MapGroup("/organizations").WithTags("Organizations");

        group.MapGet("/{id:guid}", async (Guid id, OrganizationClient client, CancellationToken ct) =>
            Results.Ok(OrganizationDto.From(await client.GetOrganizationAsync(new GetOrganizationRequest { Id = id.ToString() }, ct))))
            .WithName("GetOrganization");

        group.MapPost("/", async (CreateOrganizationBody body, HttpContext http, OrganizationClient client, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.SubsidiaryId is null) errors["subsidiaryId"] = ["is required."];
            Validate.Text(errors, "name", body.Name, MaxNameLength);
            if (!Kinds.TryParse(body.Kind, out var kind)) errors["kind"] = [$"must be one of: {Kinds.Names}."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            if (!Caller.From(http.User).CanAccess(body.SubsidiaryId!.Value))
                return Problems.SubsidiaryNotFound();
            var request = new CreateOrganizationRequest
            {
                SubsidiaryId = body.SubsidiaryId.Value.ToString(),
                Name = body.Name!.Trim(),
                Kind = kind,
                ClientRequestId = Validate.IdempotencyKey(http),
            };
            if (body.ParentId is { } parent) request.ParentId = parent.ToString();
            var created = await client.CreateOrganizationAsync(request, ct);
            return Results.Created($"/api/v1/organizations/{created.Id}", OrganizationDto.From(created));
        }).RequireAuthorization(Policies.Admin).WithName("CreateOrganization");

        group.MapPost("/{id:guid}/move", async (Guid id, MoveOrganizationBody body, OrganizationClient client, CancellationToken ct) =>
        {
            if (body.NewParentId is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["newParentId"] = ["is required."] });
            var moved = await client.MoveOrganizationAsync(new MoveOrganizationRequest
            {
                Id = id.ToString(),
                NewParentId = body.NewParentId.Value.ToString(),
                ExpectedVersion = body.ExpectedVersion ?? 0,
            }, ct);
            return Results.Ok(OrganizationDto.From(moved));
        }).RequireAuthorization(Policies.Admin).WithName("MoveOrganization");

        return api;
    }
}

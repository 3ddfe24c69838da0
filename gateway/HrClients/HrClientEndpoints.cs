using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.HrClients;

public sealed record HrClientDto(Guid Id, string Name, Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static HrClientDto From(HrClient c) => new(Guid.Parse(c.Id), c.Name, Guid.Parse(c.SubsidiaryId), c.CreatedAt.ToDateTimeOffset(),
        c.CreatedBy, c.RevokedAt?.ToDateTimeOffset());
}

/// <summary>The one answer that carries the secret: it is not stored and cannot be read again.</summary>
public sealed record CreatedHrClientDto(Guid Id, string Name, Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy, string Secret);

public sealed record CreateHrClientBody(string? Name, Guid? SubsidiaryId);

/// <summary>
/// /api/v1/hr-clients: the credentials HR systems use for SCIM (/scim/v2). A group admin manages any subsidiary's, a
/// subsidiary admin only their own. The secret is returned once by the create call.
/// </summary>
public static class HrClientEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapHrClientEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hr-clients").WithTags("HR clients").RequireAuthorization(Policies.Admin);

        group.MapGet("/", async (Guid? subsidiaryId, bool? includeRevoked, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
        {
            var result = await client.ListHrClientsAsync(new ListHrClientsRequest
            {
                SubsidiaryId = subsidiaryId?.ToString() ?? "", IncludeRevoked = includeRevoked ?? false,
            }, cancellationToken: ct);
            var items = result.Items.Select(HrClientDto.From).ToList();
            return Results.Ok(new PagedList<HrClientDto>(items, items.Count, 1, Math.Max(items.Count, 1)));
        }).WithName("ListHrClients");

        group.MapPost("/", async (CreateHrClientBody body, HttpContext http, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
        {
            var caller = Caller.From(http.User);
            var subsidiaryId = body.SubsidiaryId ?? caller.SubsidiaryId;
            var errors = new Dictionary<string, string[]>();
            Validate.Text(errors, "name", body.Name, MaxNameLength);
            if (subsidiaryId is null) errors["subsidiaryId"] = ["is required."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var created = await client.CreateHrClientAsync(new CreateHrClientRequest { Name = body.Name!.Trim(), SubsidiaryId = subsidiaryId!.Value.ToString() }, cancellationToken: ct);
            var dto = HrClientDto.From(created.Client);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/api/v1/hr-clients/{dto.Id}", new CreatedHrClientDto(dto.Id, dto.Name, dto.SubsidiaryId, dto.CreatedAt, dto.CreatedBy, created.Secret));
        }).WithName("CreateHrClient");

        group.MapPost("/{id:guid}/revoke", async (Guid id, HrSyncService.HrSyncServiceClient client, CancellationToken ct) =>
            Results.Ok(HrClientDto.From(await client.RevokeHrClientAsync(new RevokeHrClientRequest { Id = id.ToString() }, cancellationToken: ct))))
            .WithName("RevokeHrClient");

        return api;
    }
}

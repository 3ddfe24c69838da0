using System.Text.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.HrConnectors;

public sealed record HrConnectorDto(Guid Id, Guid SubsidiaryId, string Name, JsonNode? Definition, bool HasSecret, int IntervalSeconds, bool Enabled,
    string? Cursor, DateTimeOffset NextRunAt, DateTimeOffset? LastRunAt, string? LastRunStatus, string? LastRunError, int LastRunCreated,
    int LastRunUpdated, int LastRunDeactivated, int LastRunPages, long Version, DateTimeOffset CreatedAt)
{
    public static HrConnectorDto From(HrConnector c) => new(Guid.Parse(c.Id), Guid.Parse(c.SubsidiaryId), c.Name, JsonNode.Parse(c.DefinitionJson),
        c.HasSecret, c.IntervalSeconds, c.Enabled, c.Cursor.Length == 0 ? null : c.Cursor, c.NextRunAt.ToDateTimeOffset(), c.LastRunAt?.ToDateTimeOffset(),
        c.LastRunStatus.Length == 0 ? null : c.LastRunStatus, c.LastRunError.Length == 0 ? null : c.LastRunError, c.LastRunCreated, c.LastRunUpdated,
        c.LastRunDeactivated, c.LastRunPages, c.Version, c.CreatedAt.ToDateTimeOffset());
}

/// <summary>Create and update: the definition is a JSON object (see docs/api.md); the secret is write-only (null on update keeps it, "" removes it).</summary>
public sealed record HrConnectorBody(Guid? SubsidiaryId, string? Name, JsonElement? Definition, string? Secret, int? IntervalSeconds, bool? Enabled, long? ExpectedVersion);

public sealed record HrConnectorVersionBody(long? ExpectedVersion);

/// <summary>
/// /api/v1/hr-connectors: pull connectors to HR systems' REST APIs. A group admin manages any subsidiary's, a
/// subsidiary admin only their own; another subsidiary's connector is 404.
/// </summary>
public static class HrConnectorEndpoints
{
    public const int MaxNameLength = 100;
    public const int DefaultIntervalSeconds = 3600;

    public static RouteGroupBuilder MapHrConnectorEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hr-connectors").WithTags("HR connectors").RequireAuthorization(Policies.Admin);

        group.MapGet("/", ListHrConnectorsAsync).WithName("ListHrConnectors");
        group.MapGet("/{id:guid}", GetHrConnectorAsync).WithName("GetHrConnector");
        group.MapPost("/", CreateHrConnectorAsync).WithName("CreateHrConnector");
        group.MapPut("/{id:guid}", UpdateHrConnectorAsync).WithName("UpdateHrConnector");
        group.MapPost("/{id:guid}/enable", EnableHrConnectorAsync).WithName("EnableHrConnector");
        group.MapPost("/{id:guid}/disable", DisableHrConnectorAsync).WithName("DisableHrConnector");
        group.MapPost("/{id:guid}/run", RunHrConnectorNowAsync).WithName("RunHrConnectorNow");

        return api;
    }

    public static async Task<IResult> ListHrConnectorsAsync(Guid? subsidiaryId, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct)
    {
        var result = await client.ListHrConnectorsAsync(new ListHrConnectorsRequest { SubsidiaryId = subsidiaryId?.ToString() ?? "" }, cancellationToken: ct);
        var items = result.Items.Select(HrConnectorDto.From).ToList();
        return Results.Ok(new PagedList<HrConnectorDto>(items, items.Count, 1, Math.Max(items.Count, 1)));
    }

    public static async Task<IResult> GetHrConnectorAsync(Guid id, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct) =>
        Results.Ok(HrConnectorDto.From(await client.GetHrConnectorAsync(new HrConnectorIdRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> CreateHrConnectorAsync(HrConnectorBody body, HttpContext http, HrConnectorService.HrConnectorServiceClient client,
        CancellationToken ct)
    {
        var subsidiaryId = body.SubsidiaryId ?? Caller.From(http.User).SubsidiaryId;
        var errors = Check(body);
        if (subsidiaryId is null) errors["subsidiaryId"] = ["is required."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.CreateHrConnectorAsync(new CreateHrConnectorRequest
        {
            SubsidiaryId = subsidiaryId!.Value.ToString(), Name = body.Name!.Trim(), DefinitionJson = body.Definition!.Value.GetRawText(),
            Secret = body.Secret ?? "", IntervalSeconds = body.IntervalSeconds ?? DefaultIntervalSeconds, Enabled = body.Enabled ?? true,
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/hr-connectors/{created.Id}", HrConnectorDto.From(created));
    }

    public static async Task<IResult> UpdateHrConnectorAsync(Guid id, HrConnectorBody body, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct)
    {
        var errors = Check(body);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new UpdateHrConnectorRequest
        {
            Id = id.ToString(), Name = body.Name!.Trim(), DefinitionJson = body.Definition!.Value.GetRawText(),
            IntervalSeconds = body.IntervalSeconds ?? DefaultIntervalSeconds, ExpectedVersion = body.ExpectedVersion ?? 0,
        };
        if (body.Secret is not null) request.Secret = body.Secret;
        return Results.Ok(HrConnectorDto.From(await client.UpdateHrConnectorAsync(request, cancellationToken: ct)));
    }

    public static Task<IResult> EnableHrConnectorAsync(Guid id, HrConnectorVersionBody? body, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct) =>
        SetEnabled(id, true, body, client, ct);

    public static Task<IResult> DisableHrConnectorAsync(Guid id, HrConnectorVersionBody? body, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct) =>
        SetEnabled(id, false, body, client, ct);

    public static async Task<IResult> RunHrConnectorNowAsync(Guid id, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct) =>
        Results.Ok(HrConnectorDto.From(await client.RunHrConnectorNowAsync(new HrConnectorIdRequest { Id = id.ToString() }, cancellationToken: ct)));

    static async Task<IResult> SetEnabled(Guid id, bool enabled, HrConnectorVersionBody? body, HrConnectorService.HrConnectorServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Version(errors, body?.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(HrConnectorDto.From(await client.SetHrConnectorEnabledAsync(new SetHrConnectorEnabledRequest
        {
            Id = id.ToString(), Enabled = enabled, ExpectedVersion = body?.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    static Dictionary<string, string[]> Check(HrConnectorBody body)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "name", body.Name, MaxNameLength);
        if (body.Definition is not { ValueKind: JsonValueKind.Object }) errors["definition"] = ["is required and must be a JSON object."];
        if (body.IntervalSeconds is < 60 or > 7 * 24 * 3600) errors["intervalSeconds"] = ["must be between 60 and 604800 seconds."];
        return errors;
    }
}

using Grpc.Core;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;

namespace Alliance.Gateway.Scim;

/// <summary>
/// The SCIM 2.0 service provider (RFC 7643 / 7644) under /scim/v2, for HR systems: Users (core and enterprise
/// extension) and Groups (departments), discovery, filters, paging, PATCH and ETags. Authenticated only by an HR
/// client secret (<see cref="HrClientAuthenticationHandler"/>); each client sees its own subsidiary's records only.
/// </summary>
public static class ScimEndpoints
{
    public const string MediaType = "application/scim+json";
    public const int DefaultCount = 100;
    public const int MaxCount = 500;
    const int PatchAttempts = 8;

    public static WebApplication MapScimEndpoints(this WebApplication app)
    {
        var scim = app.MapGroup("/scim/v2").RequireAuthorization(HrClientAuthenticationHandler.PolicyName)
            .AddEndpointFilter(HandleErrors).ExcludeFromDescription();

        scim.MapGet("/ServiceProviderConfig", GetServiceProviderConfig);
        scim.MapGet("/ResourceTypes", ListResourceTypes);
        scim.MapGet("/ResourceTypes/{name}", GetResourceType);
        scim.MapGet("/Schemas", ListSchemas);
        scim.MapGet("/Schemas/{id}", GetSchema);

        MapUsers(scim);
        MapGroups(scim);
        scim.Map("/{**rest}", NoScimEndpoint);
        app.Map("/scim/{**rest}", OutsideScimBase).ExcludeFromDescription();
        return app;
    }

    static void MapUsers(RouteGroupBuilder scim)
    {
        scim.MapGet("/Users", ListUsersAsync);
        scim.MapPost("/Users", CreateUserAsync);
        scim.MapGet("/Users/{id}", GetUserAsync);
        scim.MapPut("/Users/{id}", ReplaceUserAsync);
        scim.MapPatch("/Users/{id}", PatchUserAsync);
        scim.MapDelete("/Users/{id}", DeleteUserAsync);
    }

    static void MapGroups(RouteGroupBuilder scim)
    {
        scim.MapGet("/Groups", ListGroupsAsync);
        scim.MapPost("/Groups", CreateGroupAsync);
        scim.MapGet("/Groups/{id}", GetGroupAsync);
        scim.MapPut("/Groups/{id}", ReplaceGroupAsync);
        scim.MapPatch("/Groups/{id}", PatchGroupAsync);
        scim.MapDelete("/Groups/{id}", DeleteGroupAsync);
    }

    public static IResult GetServiceProviderConfig(HttpContext http) =>
        Json(ScimDiscovery.ServiceProviderConfig(BaseUrl(http)));

    public static IResult ListResourceTypes(HttpContext http) =>
        Json(ScimResources.ListResponse(ScimDiscovery.ResourceTypeNames.Select(n => ScimDiscovery.ResourceType(n, BaseUrl(http))), 2, 1));

    public static IResult GetResourceType(string name, HttpContext http) =>
        ScimDiscovery.ResourceTypeNames.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } found
            ? Json(ScimDiscovery.ResourceType(found, BaseUrl(http)))
            : throw new ScimException(404, null, $"No resource type \"{name}\".");

    public static IResult ListSchemas(HttpContext http) =>
        Json(ScimResources.ListResponse(ScimDiscovery.SchemaIds.Select(id => ScimDiscovery.Schema(id, BaseUrl(http))!), ScimDiscovery.SchemaIds.Length, 1));

    public static IResult GetSchema(string id, HttpContext http) =>
        ScimDiscovery.Schema(id, BaseUrl(http)) is { } schema ? Json(schema) : throw new ScimException(404, null, $"No schema \"{id}\".");

    public static IResult NoScimEndpoint(string? rest) => Error(new ScimException(404, null, $"No SCIM endpoint /scim/v2/{rest}."));

    public static IResult OutsideScimBase(string? rest) => Error(new ScimException(404, null, $"No SCIM endpoint /scim/{rest}; the base is /scim/v2."));

    public static async Task<IResult> ListUsersAsync(HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var (request, startIndex) = ListRequest(http);
        var result = await hr.ListHrUsersAsync(request, cancellationToken: ct);
        var (attributes, excluded) = Projection(http);
        return Json(ScimResources.ListResponse(result.Items.Select(u => ScimResources.Project(ScimResources.ToJson(u, BaseUrl(http)), attributes, excluded)), result.Total, startIndex));
    }

    public static async Task<IResult> CreateUserAsync(HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var write = ScimResources.ToWrite(await ReadAsync(http));
        var created = await hr.CreateHrUserAsync(write, cancellationToken: ct);
        var json = ScimResources.ToJson(created, BaseUrl(http));
        return Json(json, 201, ScimResources.ETag(created.Version), json["meta"]!["location"]!.GetValue<string>());
    }

    public static async Task<IResult> GetUserAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var user = await hr.GetHrUserAsync(new GetHrResourceRequest { Id = id }, cancellationToken: ct);
        if (NotModified(http, user.Version)) return Results.StatusCode(304);
        var (attributes, excluded) = Projection(http);
        return Json(ScimResources.Project(ScimResources.ToJson(user, BaseUrl(http)), attributes, excluded), 200, ScimResources.ETag(user.Version));
    }

    public static async Task<IResult> ReplaceUserAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var write = ScimResources.ToWrite(await ReadAsync(http));
        write.Id = id;
        write.ExpectedVersion = ScimResources.IfMatch(http.Request.Headers.IfMatch);
        var updated = await hr.ReplaceHrUserAsync(write, cancellationToken: ct);
        return Json(ScimResources.ToJson(updated, BaseUrl(http)), 200, ScimResources.ETag(updated.Version));
    }

    public static async Task<IResult> PatchUserAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var ifMatch = ScimResources.IfMatch(http.Request.Headers.IfMatch);
        var operations = ScimPatch.ReadOperations(await ReadAsync(http));
        // Read, patch, write with the version read: a concurrent change makes the write fail and the patch is applied again on the new state.
        for (var attempt = 1; ; attempt++)
        {
            var current = await hr.GetHrUserAsync(new GetHrResourceRequest { Id = id }, cancellationToken: ct);
            if (ifMatch != 0 && current.Version != ifMatch) throw PreconditionFailed();
            var json = ScimResources.ToJson(current, BaseUrl(http));
            ScimPatch.Apply(json, operations);
            var write = ScimResources.ToWrite(json);
            write.Id = id;
            write.ExpectedVersion = current.Version;
            // The meta read back is Alliance's; a patch's HR time is the time of the request (the service's clock).
            write.HrUpdatedAt = null;
            try
            {
                var updated = await hr.ReplaceHrUserAsync(write, cancellationToken: ct);
                return Json(ScimResources.ToJson(updated, BaseUrl(http)), 200, ScimResources.ETag(updated.Version));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted && ifMatch == 0 && attempt < PatchAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
    }

    public static async Task<IResult> DeleteUserAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        await hr.DeleteHrUserAsync(new DeleteHrResourceRequest { Id = id, ExpectedVersion = ScimResources.IfMatch(http.Request.Headers.IfMatch) }, cancellationToken: ct);
        return Results.NoContent();
    }

    public static async Task<IResult> ListGroupsAsync(HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var (request, startIndex) = ListRequest(http);
        var (attributes, excluded) = Projection(http);
        request.WithoutMembers = WithoutMembers(attributes, excluded);
        var result = await hr.ListHrGroupsAsync(request, cancellationToken: ct);
        return Json(ScimResources.ListResponse(result.Items.Select(g =>
            ScimResources.Project(ScimResources.ToJson(g, BaseUrl(http), !request.WithoutMembers), attributes, excluded)), result.Total, startIndex));
    }

    public static async Task<IResult> CreateGroupAsync(HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var created = await hr.CreateHrGroupAsync(ScimResources.ToGroupWrite(await ReadAsync(http)), cancellationToken: ct);
        var json = ScimResources.ToJson(created, BaseUrl(http));
        return Json(json, 201, ScimResources.ETag(created.Version), json["meta"]!["location"]!.GetValue<string>());
    }

    public static async Task<IResult> GetGroupAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var group = await hr.GetHrGroupAsync(new GetHrResourceRequest { Id = id }, cancellationToken: ct);
        if (NotModified(http, group.Version)) return Results.StatusCode(304);
        var (attributes, excluded) = Projection(http);
        return Json(ScimResources.Project(ScimResources.ToJson(group, BaseUrl(http), !WithoutMembers(attributes, excluded)), attributes, excluded),
            200, ScimResources.ETag(group.Version));
    }

    public static async Task<IResult> ReplaceGroupAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var write = ScimResources.ToGroupWrite(await ReadAsync(http));
        write.Id = id;
        write.ExpectedVersion = ScimResources.IfMatch(http.Request.Headers.IfMatch);
        var updated = await hr.ReplaceHrGroupAsync(write, cancellationToken: ct);
        return Json(ScimResources.ToJson(updated, BaseUrl(http)), 200, ScimResources.ETag(updated.Version));
    }

    public static async Task<IResult> PatchGroupAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        var operations = ScimPatch.ReadOperations(await ReadAsync(http));
        var request = ScimGroupPatch.Translate(id, operations);
        request.ExpectedVersion = ScimResources.IfMatch(http.Request.Headers.IfMatch);
        var updated = await hr.PatchHrGroupAsync(request, cancellationToken: ct);
        return Json(ScimResources.ToJson(updated, BaseUrl(http)), 200, ScimResources.ETag(updated.Version));
    }

    public static async Task<IResult> DeleteGroupAsync(string id, HttpContext http, HrSyncService.HrSyncServiceClient hr, CancellationToken ct)
    {
        await hr.DeleteHrGroupAsync(new DeleteHrResourceRequest { Id = id, ExpectedVersion = ScimResources.IfMatch(http.Request.Headers.IfMatch) }, cancellationToken: ct);
        return Results.NoContent();
    }

    static bool WithoutMembers(string? attributes, string? excluded) =>
        (excluded?.Split(',').Any(a => a.Trim().Equals("members", StringComparison.OrdinalIgnoreCase)) ?? false)
        || attributes is { Length: > 0 } && !attributes.Split(',').Any(a => a.Trim().StartsWith("members", StringComparison.OrdinalIgnoreCase));

    static (string? Attributes, string? Excluded) Projection(HttpContext http) =>
        (http.Request.Query["attributes"].ToString(), http.Request.Query["excludedAttributes"].ToString());

    /// <summary>filter, startIndex (1-based, default 1) and count (default 100, at most 500) of a list request.</summary>
    static (ListHrResourcesRequest Request, int StartIndex) ListRequest(HttpContext http)
    {
        var query = http.Request.Query;
        var startIndex = Integer(query["startIndex"].ToString(), "startIndex") ?? 1;
        var count = Integer(query["count"].ToString(), "count") ?? DefaultCount;
        startIndex = Math.Max(1, startIndex);
        count = Math.Clamp(count, 0, MaxCount);
        var request = new ListHrResourcesRequest { StartIndex = startIndex, Count = count };
        var filter = query["filter"].ToString();
        if (!string.IsNullOrWhiteSpace(filter)) request.Filter = ScimFilterContract.ToContract(ScimFilterParser.Parse(filter));
        return (request, startIndex);
    }

    static int? Integer(string text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw ScimException.BadRequest(ScimType.InvalidValue, $"{name} must be an integer.");

    static bool NotModified(HttpContext http, long version) =>
        http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } tag && tag.Split(',').Any(t => t.Trim() == ScimResources.ETag(version));

    static async Task<JsonNode?> ReadAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw ScimException.BadRequest(ScimType.InvalidSyntax, $"The body is not valid JSON: {ex.Message}");
        }
    }

    static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}/scim/v2";

    static ScimException PreconditionFailed() => new(412, null, "The resource was changed since the given ETag; read it again.");

    static async ValueTask<object?> HandleErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ScimException ex)
        {
            return Error(ex);
        }
        catch (RpcException ex)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScimEndpoints));
            var error = FromRpc(ex, context.HttpContext.Request.Headers.IfMatch.Count > 0);
            if (error.Status >= 500) logger.LogWarning(ex, "A SCIM call failed on {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return Error(error);
        }
        catch (BadHttpRequestException ex)
        {
            return Error(new ScimException(ex.StatusCode, ScimType.InvalidSyntax, ex.Message));
        }
    }

    /// <summary>A service's status as a SCIM error: field errors become the detail; a filter error is invalidFilter, a uniqueness one 409 uniqueness.</summary>
    public static ScimException FromRpc(RpcException ex, bool ifMatchGiven)
    {
        var fields = FieldErrors.From(ex);
        var detail = fields.Count > 0 ? string.Join(" ", fields.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")) : ex.Status.Detail;
        return ex.StatusCode switch
        {
            StatusCode.InvalidArgument when fields.ContainsKey("filter") => new(400, ScimType.InvalidFilter, string.Join(" ", fields["filter"])),
            StatusCode.InvalidArgument or StatusCode.OutOfRange => new(400, ScimType.InvalidValue, detail),
            StatusCode.AlreadyExists => new(409, ScimType.Uniqueness, detail),
            StatusCode.NotFound => new(404, null, detail),
            StatusCode.Aborted when ifMatchGiven => PreconditionFailed(),
            StatusCode.Aborted or StatusCode.FailedPrecondition => new(409, null, detail),
            StatusCode.PermissionDenied => new(403, null, detail),
            StatusCode.Unauthenticated => new(401, null, detail),
            StatusCode.ResourceExhausted => new(429, null, detail),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new(503, null, "The service is unavailable; try again."),
            _ => new(500, null, "The request could not be completed."),
        };
    }

    static IResult Json(JsonObject body, int status = 200, string? etag = null, string? location = null) => new ScimResult(body, status, etag, location);

    static IResult Error(ScimException ex) => new ScimResult(ex.ToJson(), ex.Status, null, null);

    public static async Task WriteAsync(HttpResponse response, JsonObject body, int status)
    {
        response.StatusCode = status;
        response.ContentType = MediaType;
        await response.WriteAsync(body.ToJsonString(), response.HttpContext.RequestAborted);
    }

    sealed class ScimResult(JsonObject body, int status, string? etag, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            if (etag is not null) http.Response.Headers.ETag = etag;
            if (location is not null) http.Response.Headers.Location = location;
            return WriteAsync(http.Response, body, status);
        }
    }
}

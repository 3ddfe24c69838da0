using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Activities;

/// <summary>Activity types under the six joint measures: everyone reads the catalogue, group administrators extend it.</summary>
public static class ActivityTypeEndpoints
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 50;

    public static RouteGroupBuilder MapActivityTypeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/activity-types").WithTags("Activities");
        group.MapGet("/", ListActivityTypesAsync).AllowPartners().WithName("ListActivityTypes");
        group.MapPost("/", CreateActivityTypeAsync).RequireAuthorization(Policies.GroupAdmin).WithName("CreateActivityType");
        group.MapPut("/{id:guid}", ReviseActivityTypeAsync).RequireAuthorization(Policies.GroupAdmin).WithName("ReviseActivityType");
        return api;
    }

    public static async Task<IResult> ListActivityTypesAsync(bool? includeRetired, ActivityTypeService.ActivityTypeServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.ListActivityTypesAsync(new ListActivityTypesRequest { IncludeRetired = includeRetired ?? false }, cancellationToken: ct))
            .Items.Select(ActivityTypeDto.From).ToList());

    public static async Task<IResult> CreateActivityTypeAsync(CreateActivityTypeBody body, HttpContext http, ActivityTypeService.ActivityTypeServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "code", body.Code, MaxCodeLength);
        Validate.Text(errors, "nameZh", body.NameZh, MaxNameLength);
        Validate.Text(errors, "nameEn", body.NameEn, MaxNameLength);
        var measure = Measures.Parse(errors, "measure", body.Measure, required: true);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.CreateActivityTypeAsync(new CreateActivityTypeRequest
        {
            Code = body.Code!.Trim(), NameZh = body.NameZh!.Trim(), NameEn = body.NameEn!.Trim(), Measure = measure,
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/activity-types/{created.Id}", ActivityTypeDto.From(created));
    }

    public static async Task<IResult> ReviseActivityTypeAsync(Guid id, ReviseActivityTypeBody body, ActivityTypeService.ActivityTypeServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "nameZh", body.NameZh, MaxNameLength);
        Validate.Text(errors, "nameEn", body.NameEn, MaxNameLength);
        var measure = Measures.Parse(errors, "measure", body.Measure, required: true);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ActivityTypeDto.From(await client.ReviseActivityTypeAsync(new ReviseActivityTypeRequest
        {
            Id = id.ToString(), NameZh = body.NameZh!.Trim(), NameEn = body.NameEn!.Trim(), Measure = measure, Retired = body.Retired ?? false,
            ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }
}

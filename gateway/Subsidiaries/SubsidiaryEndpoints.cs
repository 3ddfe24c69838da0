using Alliance.Gateway.Errors;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Subsidiaries;

public sealed record SubsidiaryDto(Guid Id, string Code, string Name, DateTimeOffset CreatedAt)
{
    public static SubsidiaryDto From(Subsidiary s) => new(Guid.Parse(s.Id), s.Code, s.Name, s.CreatedAt.ToDateTimeOffset());
}

public sealed record RegisterSubsidiaryBody(string? Code, string? Name);

public static class SubsidiaryEndpoints
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapSubsidiaryEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subsidiaries").WithTags("Subsidiaries");

        group.MapGet("/", async (int? page, int? pageSize, string? search, SubsidiaryService.SubsidiaryServiceClient client, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var result = await client.ListSubsidiariesAsync(new ListSubsidiariesRequest { Page = p, PageSize = size, Search = search ?? "" }, cancellationToken: ct);
            return Results.Ok(new PagedList<SubsidiaryDto>(result.Items.Select(SubsidiaryDto.From).ToList(), result.Total, p, size));
        }).WithName("ListSubsidiaries");

        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, SubsidiaryService.SubsidiaryServiceClient client, CancellationToken ct) =>
        {
            if (!Caller.From(http.User).CanAccess(id)) return Problems.SubsidiaryNotFound();
            return Results.Ok(SubsidiaryDto.From(await client.GetSubsidiaryAsync(new GetSubsidiaryRequest { Id = id.ToString() }, cancellationToken: ct)));
        }).WithName("GetSubsidiary");

        group.MapPost("/", async (RegisterSubsidiaryBody body, HttpContext http, SubsidiaryService.SubsidiaryServiceClient client, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            Validate.Text(errors, "code", body.Code, MaxCodeLength);
            Validate.Text(errors, "name", body.Name, MaxNameLength);
            if (body.Code is { } code && !string.IsNullOrWhiteSpace(code) && !code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                errors["code"] = ["may contain only letters, digits, '-' and '_'."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var created = await client.RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest
            {
                Code = body.Code!.Trim(),
                Name = body.Name!.Trim(),
                ClientRequestId = Validate.IdempotencyKey(http),
            }, cancellationToken: ct);
            return Results.Created($"/api/v1/subsidiaries/{created.Id}", SubsidiaryDto.From(created));
        }).RequireAuthorization(Policies.GroupAdmin).WithName("RegisterSubsidiary");

        return api;
    }
}

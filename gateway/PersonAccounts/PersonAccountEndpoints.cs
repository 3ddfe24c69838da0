using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.PersonAccounts;

public sealed record PersonAccountDto(Guid Id, string UserName, Guid PersonId, string PersonName, Guid SubsidiaryId,
    string LinkedBy, DateTimeOffset LinkedAt, DateTimeOffset? UnlinkedAt, string? UnlinkedBy)
{
    public static PersonAccountDto From(PersonAccount a) => new(Guid.Parse(a.Id), a.UserName, Guid.Parse(a.PersonId), a.PersonName,
        Guid.Parse(a.SubsidiaryId), a.LinkedBy, a.LinkedAt.ToDateTimeOffset(), a.UnlinkedAt?.ToDateTimeOffset(), a.UnlinkedBy is "" ? null : a.UnlinkedBy);
}

public sealed record MyPersonDto(Guid PersonId, string Name, Guid SubsidiaryId, Guid? OrganizationId, string? OrganizationName, string UserName)
{
    public static MyPersonDto From(MyPerson p) => new(Guid.Parse(p.PersonId), p.Name, Guid.Parse(p.SubsidiaryId),
        p.OrganizationId is "" ? null : Guid.Parse(p.OrganizationId), p.OrganizationName is "" ? null : p.OrganizationName, p.UserName);
}

public sealed record LinkPersonAccountBody(Guid? PersonId, string? UserName);
public sealed record PersonAccountListQuery(int? Page, int? PageSize, Guid? SubsidiaryId, Guid? PersonId, string? Search, bool? IncludeUnlinked);

/// <summary>
/// Sign-in names linked to people (ADR 39): administrators link a user name to a person of their subsidiary and unlink it;
/// every internal user reads which person they are (<c>/me/person</c>).
/// </summary>
public static class PersonAccountEndpoints
{
    public const int MaxUserNameLength = 64;

    public static RouteGroupBuilder MapPersonAccountEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/person-accounts").WithTags("Person accounts");
        group.MapGet("/", ListPersonAccountsAsync).RequireAuthorization(Policies.Admin).WithName("ListPersonAccounts");
        group.MapPost("/", LinkPersonAccountAsync).RequireAuthorization(Policies.Admin).WithName("LinkPersonAccount");
        group.MapPost("/{id:guid}/unlink", UnlinkPersonAccountAsync).RequireAuthorization(Policies.Admin).WithName("UnlinkPersonAccount");
        api.MapGet("/me/person", GetMyPersonAsync).WithTags("Person accounts").WithName("GetMyPerson");
        return api;
    }

    public static async Task<IResult> ListPersonAccountsAsync([AsParameters] PersonAccountListQuery query,
        PersonAccountService.PersonAccountServiceClient client, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListPersonAccountsAsync(new ListPersonAccountsRequest
        {
            Page = page, PageSize = size, SubsidiaryId = query.SubsidiaryId?.ToString() ?? "", PersonId = query.PersonId?.ToString() ?? "",
            Search = query.Search?.Trim() ?? "", IncludeUnlinked = query.IncludeUnlinked ?? false,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<PersonAccountDto>(result.Items.Select(PersonAccountDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> LinkPersonAccountAsync(LinkPersonAccountBody body, HttpContext http,
        PersonAccountService.PersonAccountServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.PersonId is null) errors["personId"] = ["is required."];
        Validate.Text(errors, "userName", body.UserName, MaxUserNameLength);
        if (body.UserName is { } userName && !string.IsNullOrWhiteSpace(userName) && userName.Trim().Any(char.IsWhiteSpace))
            errors["userName"] = ["must not contain spaces."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var linked = await client.LinkPersonAccountAsync(new LinkPersonAccountRequest
        {
            PersonId = body.PersonId!.Value.ToString(), UserName = body.UserName!.Trim(), ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/person-accounts/{linked.Id}", PersonAccountDto.From(linked));
    }

    public static async Task<IResult> UnlinkPersonAccountAsync(Guid id, PersonAccountService.PersonAccountServiceClient client, CancellationToken ct) =>
        Results.Ok(PersonAccountDto.From(await client.UnlinkPersonAccountAsync(new UnlinkPersonAccountRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetMyPersonAsync(PersonAccountService.PersonAccountServiceClient client, CancellationToken ct) =>
        Results.Ok(MyPersonDto.From(await client.GetMyPersonAsync(new GetMyPersonRequest(), cancellationToken: ct)));
}

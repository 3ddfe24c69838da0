using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Partners;

public sealed record PartnerAccountDto(Guid Id, string UserName, string DisplayName, string UnitKind, string UnitName, string Phone,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevokeReason, IReadOnlyList<Guid> AllianceIds)
{
    public static PartnerAccountDto From(PartnerAccount a) => new(Guid.Parse(a.Id), a.UserName, a.DisplayName, Units.ToName(a.UnitKind), a.UnitName, a.Phone,
        a.CreatedBy, a.CreatedAt.ToDateTimeOffset(), a.RevokedAt?.ToDateTimeOffset(), a.RevokedBy is "" ? null : a.RevokedBy,
        a.RevokeReason is "" ? null : a.RevokeReason, a.AllianceIds.Select(Guid.Parse).ToList());
}

/// <summary>Who the account is for: a person of an external member unit of the alliance, signing in as <c>userName</c>.</summary>
public sealed record CreatePartnerAccountBody(Guid? AllianceId, Guid? MemberUnitId, string? UserName, string? DisplayName, string? Phone);
public sealed record RevokePartnerAccountBody(string? Reason);
public sealed record PartnerAccountListQuery(int? Page, int? PageSize, Guid? AllianceId, string? Search, bool? IncludeRevoked);

/// <summary>
/// Accounts of partners (people of alliances' external units, role <c>partner</c>): administrators of an alliance's lead
/// subsidiary give and revoke them; a partner reads their own, with the alliances it reaches.
/// </summary>
public static class PartnerAccountEndpoints
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 50;
    public const int MaxPhoneLength = 30;
    public const int MaxReasonLength = 200;

    public static RouteGroupBuilder MapPartnerAccountEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partner-accounts").WithTags("Partner accounts");
        group.MapGet("/", ListPartnerAccountsAsync).RequireAuthorization(Policies.Admin).WithName("ListPartnerAccounts");
        group.MapGet("/me", GetMyPartnerAccountAsync).AllowPartners().WithName("GetMyPartnerAccount");
        group.MapPost("/", CreatePartnerAccountAsync).RequireAuthorization(Policies.Admin).WithName("CreatePartnerAccount");
        group.MapPost("/{id:guid}/revoke", RevokePartnerAccountAsync).RequireAuthorization(Policies.Admin).WithName("RevokePartnerAccount");
        return api;
    }

    public static async Task<IResult> ListPartnerAccountsAsync([AsParameters] PartnerAccountListQuery query,
        PartnerAccountService.PartnerAccountServiceClient client, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListPartnerAccountsAsync(new ListPartnerAccountsRequest
        {
            Page = page, PageSize = size, AllianceId = query.AllianceId?.ToString() ?? "", Search = query.Search?.Trim() ?? "",
            IncludeRevoked = query.IncludeRevoked ?? false,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<PartnerAccountDto>(result.Items.Select(PartnerAccountDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> GetMyPartnerAccountAsync(PartnerAccountService.PartnerAccountServiceClient client, CancellationToken ct) =>
        Results.Ok(PartnerAccountDto.From(await client.GetMyPartnerAccountAsync(new GetMyPartnerAccountRequest(), cancellationToken: ct)));

    public static async Task<IResult> CreatePartnerAccountAsync(CreatePartnerAccountBody body, HttpContext http,
        PartnerAccountService.PartnerAccountServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        if (body.MemberUnitId is null) errors["memberUnitId"] = ["is required."];
        Validate.Text(errors, "userName", body.UserName, MaxUserNameLength);
        if (body.UserName is { } userName && !string.IsNullOrWhiteSpace(userName) && userName.Trim().Any(char.IsWhiteSpace))
            errors["userName"] = ["must not contain spaces."];
        Validate.Text(errors, "displayName", body.DisplayName, MaxDisplayNameLength);
        Units.Optional(errors, "phone", body.Phone, MaxPhoneLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.CreatePartnerAccountAsync(new CreatePartnerAccountRequest
        {
            AllianceId = body.AllianceId!.Value.ToString(), MemberUnitId = body.MemberUnitId!.Value.ToString(), UserName = body.UserName!.Trim(),
            DisplayName = body.DisplayName!.Trim(), Phone = body.Phone?.Trim() ?? "", ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/partner-accounts/{created.Id}", PartnerAccountDto.From(created));
    }

    public static async Task<IResult> RevokePartnerAccountAsync(Guid id, RevokePartnerAccountBody body,
        PartnerAccountService.PartnerAccountServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "reason", body.Reason, MaxReasonLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(PartnerAccountDto.From(await client.RevokePartnerAccountAsync(
            new RevokePartnerAccountRequest { Id = id.ToString(), Reason = body.Reason!.Trim() }, cancellationToken: ct)));
    }
}

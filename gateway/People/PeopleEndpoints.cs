using Alliance.Gateway.Errors;
using System.Globalization;
using System.Text.RegularExpressions;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.People;

public sealed record MembershipPeriodDto(Guid OrganizationId, string Status, string From, string? To)
{
    public static MembershipPeriodDto Of(MembershipPeriod m) =>
        new(Guid.Parse(m.OrganizationId), PeopleNames.ToName(m.Status), m.From, m.HasTo ? m.To : null);
}

public sealed record OrganizationRoleDto(Guid Id, Guid OrganizationId, string Role, string StartsOn, string? EndsOn)
{
    public static OrganizationRoleDto From(OrganizationRole r) =>
        new(Guid.Parse(r.Id), Guid.Parse(r.OrganizationId), PeopleNames.ToName(r.Role), r.StartsOn, r.HasEndsOn ? r.EndsOn : null);
}

/// <summary>A person as the API shows them; <c>idNumber</c> and <c>phone</c> are masked unless <c>personalDataRevealed</c>.</summary>
public sealed record PersonDto(Guid Id, Guid SubsidiaryId, string Name, string Kind, string? EmployeeNumber, string? IdNumber, string? Phone,
    bool PersonalDataRevealed, string? ManagementPost, bool CrossAppointed, MembershipPeriodDto? Membership,
    IReadOnlyList<MembershipPeriodDto> MembershipHistory, IReadOnlyList<OrganizationRoleDto> Roles, DateTimeOffset CreatedAt, long Version)
{
    public static PersonDto From(Person p) => new(Guid.Parse(p.Id), Guid.Parse(p.SubsidiaryId), p.Name, PeopleNames.ToName(p.Kind),
        Blank(p.EmployeeNumber), Blank(p.IdNumber), Blank(p.Phone), p.PersonalDataRevealed, Blank(p.ManagementPost), p.CrossAppointed,
        p.Membership is { } m ? MembershipPeriodDto.Of(m) : null,
        p.MembershipHistory.Select(MembershipPeriodDto.Of).ToList(), p.Roles.Select(OrganizationRoleDto.From).ToList(),
        p.CreatedAt.ToDateTimeOffset(), p.Version);

    static string? Blank(string value) => value.Length == 0 ? null : value;
}

public sealed record RegisterPersonBody(Guid? SubsidiaryId, string? Name, string? Kind, string? EmployeeNumber, string? IdNumber, string? Phone, string? ManagementPost);
/// <summary>Absent fields stay as they are; an empty string clears an optional one.</summary>
public sealed record UpdatePersonBody(string? Name, string? EmployeeNumber, string? IdNumber, string? Phone, string? ManagementPost, long? ExpectedVersion);
public sealed record JoinPartyBody(Guid? OrganizationId, string? JoinedOn, string? Status, long? ExpectedVersion);
public sealed record TransferMemberBody(Guid? ToOrganizationId, string? TransferredOn, long? ExpectedVersion);
public sealed record ChangeMemberStatusBody(string? Status, string? ChangedOn, long? ExpectedVersion);
public sealed record AssignRoleBody(Guid? OrganizationId, string? Role, string? StartsOn, string? EndsOn, long? ExpectedVersion);
public sealed record EndRoleBody(string? EndsOn, long? ExpectedVersion);

/// <summary>Kinds, statuses and roles as the API spells them.</summary>
public static class PeopleNames
{
    public static readonly Dictionary<string, PersonKind> Kinds = new() { ["employee"] = PersonKind.Employee, ["external"] = PersonKind.External };
    public static readonly Dictionary<string, MembershipStatus> Statuses = new()
    {
        ["probationary"] = MembershipStatus.Probationary,
        ["full"] = MembershipStatus.Full,
        ["transferred-out"] = MembershipStatus.TransferredOut,
    };
    public static readonly Dictionary<string, OrganizationRoleKind> RoleKinds = new()
    {
        ["secretary"] = OrganizationRoleKind.Secretary,
        ["deputy-secretary"] = OrganizationRoleKind.DeputySecretary,
        ["committee-member"] = OrganizationRoleKind.CommitteeMember,
    };

    public static string ToName(PersonKind kind) => Kinds.FirstOrDefault(p => p.Value == kind).Key ?? "unspecified";
    public static string ToName(MembershipStatus status) => Statuses.FirstOrDefault(p => p.Value == status).Key ?? "unspecified";
    public static string ToName(OrganizationRoleKind role) => RoleKinds.FirstOrDefault(p => p.Value == role).Key ?? "unspecified";

    public static bool TryParse<T>(Dictionary<string, T> names, string? value, out T parsed) =>
        names.TryGetValue(value?.Trim().ToLowerInvariant() ?? "", out parsed!);
}

public static partial class PeopleEndpoints
{
    public const int MaxNameLength = 50;
    public const int MaxEmployeeNumberLength = 40;
    public const int MaxManagementPostLength = 100;
    public static readonly string[] SortOrders = ["name", "-name", "createdAt", "-createdAt"];

    static IResult NotFound(string what) => Problems.NotFound(what);

    public static RouteGroupBuilder MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/subsidiaries/{subsidiaryId:guid}/people", ListPeopleAsync).WithTags("People").WithName("ListPeople");

        var group = api.MapGroup("/people").WithTags("People");

        group.MapGet("/{id:guid}", GetPersonAsync).WithName("GetPerson");
        group.MapPost("/", RegisterPersonAsync).RequireAuthorization(Policies.Admin).WithName("RegisterPerson");
        group.MapPatch("/{id:guid}", UpdatePersonAsync).RequireAuthorization(Policies.Admin).WithName("UpdatePerson");
        group.MapPost("/{id:guid}/membership", JoinPartyAsync).RequireAuthorization(Policies.Admin).WithName("JoinParty");
        group.MapPost("/{id:guid}/transfers", TransferMemberAsync).RequireAuthorization(Policies.Admin).WithName("TransferMember");
        group.MapPost("/{id:guid}/membership/status", ChangeMemberStatusAsync).RequireAuthorization(Policies.Admin).WithName("ChangeMemberStatus");
        group.MapPost("/{id:guid}/roles", AssignRoleAsync).RequireAuthorization(Policies.Admin).WithName("AssignRole");
        group.MapPost("/{id:guid}/roles/{roleId:guid}/end", EndRoleAsync).RequireAuthorization(Policies.Admin).WithName("EndRole");

        return api;
    }

    public static async Task<IResult> ListPeopleAsync(Guid subsidiaryId, int? page, int? pageSize, string? search, string? kind, string? organizationId, string? status,
        string? sort, HttpContext http, PeopleService.PeopleServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var k = PersonKind.Unspecified;
        var s = MembershipStatus.Unspecified;
        if (kind is not null && !PeopleNames.TryParse(PeopleNames.Kinds, kind, out k)) errors["kind"] = [$"must be one of: {string.Join(", ", PeopleNames.Kinds.Keys)}."];
        if (status is not null && !PeopleNames.TryParse(PeopleNames.Statuses, status, out s)) errors["status"] = [$"must be one of: {string.Join(", ", PeopleNames.Statuses.Keys)}."];
        if (organizationId is not null && !Guid.TryParse(organizationId, out _)) errors["organizationId"] = ["is not a valid id."];
        if (sort is not null && !SortOrders.Contains(sort)) errors["sort"] = [$"must be one of: {string.Join(", ", SortOrders)}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        if (!Caller.From(http.User).CanAccess(subsidiaryId)) return NotFound("The subsidiary");
        var (p, size) = Paging.Normalize(page, pageSize);
        var request = new ListPeopleRequest { SubsidiaryId = subsidiaryId.ToString(), Page = p, PageSize = size, Search = search ?? "", Kind = k, Status = s, Sort = sort ?? "" };
        if (organizationId is not null) request.OrganizationId = organizationId;
        var result = await client.ListPeopleAsync(request, cancellationToken: ct);
        return Results.Ok(new PagedList<PersonDto>(result.Items.Select(PersonDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetPersonAsync(Guid id, HttpContext http, PeopleService.PeopleServiceClient client, CancellationToken ct) =>
        WithETag(http, await client.GetPersonAsync(new GetPersonRequest { Id = id.ToString() }, cancellationToken: ct));

    public static async Task<IResult> RegisterPersonAsync(RegisterPersonBody body, HttpContext http, PeopleService.PeopleServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.SubsidiaryId is null) errors["subsidiaryId"] = ["is required."];
        Validate.Text(errors, "name", body.Name, MaxNameLength);
        if (!PeopleNames.TryParse(PeopleNames.Kinds, body.Kind, out var kind)) errors["kind"] = [$"must be one of: {string.Join(", ", PeopleNames.Kinds.Keys)}."];
        Optional(errors, "employeeNumber", body.EmployeeNumber, MaxEmployeeNumberLength);
        Optional(errors, "managementPost", body.ManagementPost, MaxManagementPostLength);
        PersonalData(errors, body.IdNumber, body.Phone);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        if (!Caller.From(http.User).CanAccess(body.SubsidiaryId!.Value)) return NotFound("The subsidiary");
        var created = await client.RegisterPersonAsync(new RegisterPersonRequest
        {
            SubsidiaryId = body.SubsidiaryId.Value.ToString(),
            Name = body.Name!.Trim(),
            Kind = kind,
            EmployeeNumber = body.EmployeeNumber?.Trim() ?? "",
            IdNumber = body.IdNumber?.Trim() ?? "",
            Phone = body.Phone?.Trim() ?? "",
            ManagementPost = body.ManagementPost?.Trim() ?? "",
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        http.Response.Headers.ETag = ETag(created.Version);
        return Results.Created($"/api/v1/people/{created.Id}", PersonDto.From(created));
    }

    public static async Task<IResult> UpdatePersonAsync(Guid id, UpdatePersonBody body, HttpContext http, PeopleService.PeopleServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Name is not null) Validate.Text(errors, "name", body.Name, MaxNameLength);
        Optional(errors, "employeeNumber", body.EmployeeNumber, MaxEmployeeNumberLength);
        Optional(errors, "managementPost", body.ManagementPost, MaxManagementPostLength);
        PersonalData(errors, body.IdNumber, body.Phone);
        var version = ExpectedVersion(http, body.ExpectedVersion, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new UpdatePersonRequest { Id = id.ToString(), ExpectedVersion = version };
        if (body.Name is not null) request.Name = body.Name.Trim();
        if (body.EmployeeNumber is not null) request.EmployeeNumber = body.EmployeeNumber.Trim();
        if (body.IdNumber is not null) request.IdNumber = body.IdNumber.Trim();
        if (body.Phone is not null) request.Phone = body.Phone.Trim();
        if (body.ManagementPost is not null) request.ManagementPost = body.ManagementPost.Trim();
        return WithETag(http, await client.UpdatePersonAsync(request, cancellationToken: ct));
    }

    public static async Task<IResult> JoinPartyAsync(Guid id, JoinPartyBody body, HttpContext http, PeopleService.PeopleServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.OrganizationId is null) errors["organizationId"] = ["is required."];
        Date(errors, "joinedOn", body.JoinedOn);
        if (!PeopleNames.TryParse(PeopleNames.Statuses, body.Status, out var status) || status == MembershipStatus.TransferredOut)
            errors["status"] = ["must be probationary or full."];
        var version = ExpectedVersion(http, body.ExpectedVersion, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return WithETag(http, await client.JoinPartyAsync(new JoinPartyRequest
        {
            PersonId = id.ToString(), OrganizationId = body.OrganizationId!.Value.ToString(), JoinedOn = body.JoinedOn!.Trim(), Status = status, ExpectedVersion = version,
        }, cancellationToken: ct));
    }

    public static async Task<IResult> TransferMemberAsync(Guid id, TransferMemberBody body, HttpContext http, PeopleService.PeopleServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ToOrganizationId is null) errors["toOrganizationId"] = ["is required."];
        Date(errors, "transferredOn", body.TransferredOn);
        var version = ExpectedVersion(http, body.ExpectedVersion, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return WithETag(http, await client.TransferMemberAsync(new TransferMemberRequest
        {
            PersonId = id.ToString(), ToOrganizationId = body.ToOrganizationId!.Value.ToString(), TransferredOn = body.TransferredOn!.Trim(), ExpectedVersion = version,
        }, cancellationToken: ct));
    }

    public static async Task<IResult> ChangeMemberStatusAsync(Guid id, ChangeMemberStatusBody body, HttpContext http, PeopleService.PeopleServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PeopleNames.TryParse(PeopleNames.Statuses, body.Status, out var status)) errors["status"] = [$"must be one of: {string.Join(", ", PeopleNames.Statuses.Keys)}."];
        Date(errors, "changedOn", body.ChangedOn);
        var version = ExpectedVersion(http, body.ExpectedVersion, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return WithETag(http, await client.ChangeMemberStatusAsync(new ChangeMemberStatusRequest
        {
            PersonId = id.ToString(), Status = status, ChangedOn = body.ChangedOn!.Trim(), ExpectedVersion = version,
        }, cancellationToken: ct));
    }

    public static async Task<IResult> AssignRoleAsync(Guid id, AssignRoleBody body, HttpContext http, PeopleService.PeopleServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.OrganizationId is null) errors["organizationId"] = ["is required."];
        if (!PeopleNames.TryParse(PeopleNames.RoleKinds, body.Role, out var role)) errors["role"] = [$"must be one of: {string.Join(", ", PeopleNames.RoleKinds.Keys)}."];
        var starts = Date(errors, "startsOn", body.StartsOn);
        var ends = string.IsNullOrWhiteSpace(body.EndsOn) ? null : Date(errors, "endsOn", body.EndsOn);
        if (starts is not null && ends is not null && ends < starts) errors["endsOn"] = ["cannot be before startsOn."];
        var version = ExpectedVersion(http, body.ExpectedVersion, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new AssignRoleRequest
        {
            PersonId = id.ToString(), OrganizationId = body.OrganizationId!.Value.ToString(), Role = role, StartsOn = body.StartsOn!.Trim(), ExpectedVersion = version,
        };
        if (ends is not null) request.EndsOn = body.EndsOn!.Trim();
        var person = await client.AssignRoleAsync(request, cancellationToken: ct);
        http.Response.Headers.ETag = ETag(person.Version);
        return Results.Created($"/api/v1/people/{person.Id}", PersonDto.From(person));
    }

    public static async Task<IResult> EndRoleAsync(Guid id, Guid roleId, EndRoleBody body, HttpContext http, PeopleService.PeopleServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Date(errors, "endsOn", body.EndsOn);
        var version = ExpectedVersion(http, body.ExpectedVersion, errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return WithETag(http, await client.EndRoleAsync(new EndRoleRequest
        {
            PersonId = id.ToString(), RoleId = roleId.ToString(), EndsOn = body.EndsOn!.Trim(), ExpectedVersion = version,
        }, cancellationToken: ct));
    }

    static IResult WithETag(HttpContext http, Person person)
    {
        http.Response.Headers.ETag = ETag(person.Version);
        return Results.Ok(PersonDto.From(person));
    }

    static string ETag(long version) => $"\"{version}\"";

    /// <summary>The version the client edits from: <c>If-Match: "7"</c>, or <c>expectedVersion</c> in the body; 0 when neither (no check).</summary>
    static long ExpectedVersion(HttpContext http, long? fromBody, Dictionary<string, string[]> errors)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return fromBody ?? 0;
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            if (fromBody is { } body && body != version) errors["expectedVersion"] = ["differs from the If-Match header."];
            return version;
        }
        errors["If-Match"] = ["must be the ETag of the person, e.g. \"3\"."];
        return 0;
    }

    static DateOnly? Date(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors[field] = ["is required."]; return null; }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[field] = ["must be a date as yyyy-MM-dd."];
        return null;
    }

    static void Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors[field] = [$"must be at most {maxLength} characters."];
    }

    /// <summary>Shapes only; the service also checks the ID number's check character.</summary>
    static void PersonalData(Dictionary<string, string[]> errors, string? idNumber, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(idNumber) && !IdNumberShape().IsMatch(idNumber.Trim()))
            errors["idNumber"] = ["must be an 18-character resident ID number."];
        if (!string.IsNullOrWhiteSpace(phone) && !PhoneShape().IsMatch(phone.Trim()))
            errors["phone"] = ["must be an 11-digit mobile number."];
    }

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdNumberShape();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex PhoneShape();
}

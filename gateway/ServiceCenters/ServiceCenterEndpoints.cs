using System.Globalization;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.ServiceCenters;

public sealed record ServiceCenterShareDto(Guid AllianceId, string AllianceName, string SharedFrom, string? SharedUntil)
{
    public static ServiceCenterShareDto From(ServiceCenterShare s) =>
        new(Guid.Parse(s.AllianceId), s.AllianceName, s.SharedFrom, s.HasSharedUntil ? s.SharedUntil : null);
}

public sealed record ServiceCenterDto(Guid Id, string Name, string Address, int Capacity, Guid OwnerOrganizationId, string OwnerName,
    Guid SubsidiaryId, string? ContactName, string? ContactPhone, string? OpeningHours, string? Facilities, string Status,
    string? ClosedOn, string? CloseReason, IReadOnlyList<ServiceCenterShareDto> Shares, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ServiceCenterDto From(ServiceCenter c) => new(Guid.Parse(c.Id), c.Name, c.Address, c.Capacity,
        Guid.Parse(c.OwnerOrganizationId), c.OwnerName, Guid.Parse(c.SubsidiaryId), Blank(c.ContactName), Blank(c.ContactPhone),
        Blank(c.OpeningHours), Blank(c.Facilities), ServiceCenterEndpoints.StatusName(c.Status), c.HasClosedOn ? c.ClosedOn : null,
        Blank(c.CloseReason), c.Shares.Select(ServiceCenterShareDto.From).ToList(), c.CreatedAt.ToDateTimeOffset(), c.UpdatedAt.ToDateTimeOffset(), c.Version);

    static string? Blank(string value) => value.Length == 0 ? null : value;
}

public sealed record OpenServiceCenterBody(Guid? OwnerOrganizationId, string? Name, string? Address, int? Capacity,
    string? ContactName, string? ContactPhone, string? OpeningHours, string? Facilities);
public sealed record ReviseServiceCenterBody(string? Name, string? Address, int? Capacity,
    string? ContactName, string? ContactPhone, string? OpeningHours, string? Facilities, long? ExpectedVersion);
public sealed record CloseServiceCenterBody(string? ClosedOn, string? Reason, long? ExpectedVersion);
public sealed record ShareServiceCenterBody(Guid? AllianceId, string? SharedFrom, string? SharedUntil, long? ExpectedVersion);
public sealed record StopSharingBody(string? SharedUntil, long? ExpectedVersion);

/// <summary>Service centers (党群服务中心): venues with an address and a capacity, owned by a party organization, shared with alliances.</summary>
public static class ServiceCenterEndpoints
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;
    public const int MaxCapacity = 100_000;
    public const int MaxContactLength = 50;
    public const int MaxOpeningHoursLength = 200;
    public const int MaxFacilitiesLength = 2_000;
    public const int MaxReasonLength = 500;
    public static readonly string[] Sorts = ["name", "-name", "capacity", "-capacity", "created", "-created"];

    static readonly Dictionary<string, ServiceCenterStatus> Statuses = new()
    {
        ["open"] = ServiceCenterStatus.Open,
        ["closed"] = ServiceCenterStatus.Closed,
    };

    public static string StatusName(ServiceCenterStatus status) => Statuses.FirstOrDefault(p => p.Value == status).Key ?? "unspecified";

    public static RouteGroupBuilder MapServiceCenterEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/service-centers").WithTags("Service centers");

        group.MapGet("/", ListServiceCentersAsync).WithName("ListServiceCenters");
        group.MapGet("/{id:guid}", GetServiceCenterAsync).WithName("GetServiceCenter");
        group.MapPost("/", OpenServiceCenterAsync).RequireAuthorization(Policies.Admin).WithName("OpenServiceCenter");
        group.MapPut("/{id:guid}", ReviseServiceCenterAsync).RequireAuthorization(Policies.Admin).WithName("ReviseServiceCenter");
        group.MapPost("/{id:guid}/close", CloseServiceCenterAsync).RequireAuthorization(Policies.Admin).WithName("CloseServiceCenter");
        group.MapPost("/{id:guid}/shares", ShareServiceCenterWithAllianceAsync).RequireAuthorization(Policies.Admin).WithName("ShareServiceCenterWithAlliance");
        group.MapPost("/{id:guid}/shares/{allianceId:guid}/stop", StopSharingServiceCenterAsync).RequireAuthorization(Policies.Admin).WithName("StopSharingServiceCenter");

        return api;
    }

    public static async Task<IResult> ListServiceCentersAsync(int? page, int? pageSize, string? search, Guid? subsidiaryId, Guid? ownerOrganizationId, Guid? allianceId,
        string? status, int? minCapacity, string? sort, ServiceCenterService.ServiceCenterServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, sort, Sorts);
        var statusFilter = ServiceCenterStatus.Unspecified;
        if (!string.IsNullOrWhiteSpace(status) && !Statuses.TryGetValue(status.Trim().ToLowerInvariant(), out statusFilter))
            errors["status"] = [$"must be one of: {string.Join(", ", Statuses.Keys)}."];
        if (minCapacity is < 0) errors["minCapacity"] = ["must not be negative."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListServiceCentersAsync(new ListServiceCentersRequest
        {
            Page = p, PageSize = size, Search = search?.Trim() ?? "", SubsidiaryId = subsidiaryId?.ToString() ?? "",
            OwnerOrganizationId = ownerOrganizationId?.ToString() ?? "", AllianceId = allianceId?.ToString() ?? "",
            Status = statusFilter, MinCapacity = minCapacity ?? 0, Sort = sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<ServiceCenterDto>(result.Items.Select(ServiceCenterDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetServiceCenterAsync(Guid id, ServiceCenterService.ServiceCenterServiceClient client, CancellationToken ct) =>
        Results.Ok(ServiceCenterDto.From(await client.GetServiceCenterAsync(new GetServiceCenterRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> OpenServiceCenterAsync(OpenServiceCenterBody body, HttpContext http, ServiceCenterService.ServiceCenterServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.OwnerOrganizationId is null) errors["ownerOrganizationId"] = ["is required."];
        CheckDetails(errors, body.Name, body.Address, body.Capacity, body.ContactName, body.ContactPhone, body.OpeningHours, body.Facilities);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.OpenServiceCenterAsync(new OpenServiceCenterRequest
        {
            OwnerOrganizationId = body.OwnerOrganizationId!.Value.ToString(),
            Details = Details(body.Name, body.Address, body.Capacity, body.ContactName, body.ContactPhone, body.OpeningHours, body.Facilities),
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/service-centers/{created.Id}", ServiceCenterDto.From(created));
    }

    public static async Task<IResult> ReviseServiceCenterAsync(Guid id, ReviseServiceCenterBody body, ServiceCenterService.ServiceCenterServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckDetails(errors, body.Name, body.Address, body.Capacity, body.ContactName, body.ContactPhone, body.OpeningHours, body.Facilities);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ServiceCenterDto.From(await client.ReviseServiceCenterAsync(new ReviseServiceCenterRequest
        {
            Id = id.ToString(),
            Details = Details(body.Name, body.Address, body.Capacity, body.ContactName, body.ContactPhone, body.OpeningHours, body.Facilities),
            ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> CloseServiceCenterAsync(Guid id, CloseServiceCenterBody body, ServiceCenterService.ServiceCenterServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Date(errors, "closedOn", body.ClosedOn);
        Units.Optional(errors, "reason", body.Reason, MaxReasonLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ServiceCenterDto.From(await client.CloseServiceCenterAsync(new CloseServiceCenterRequest
        {
            Id = id.ToString(), ClosedOn = body.ClosedOn!.Trim(), Reason = body.Reason?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> ShareServiceCenterWithAllianceAsync(Guid id, ShareServiceCenterBody body, ServiceCenterService.ServiceCenterServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        Units.Date(errors, "sharedFrom", body.SharedFrom);
        if (!string.IsNullOrWhiteSpace(body.SharedUntil))
        {
            Units.Date(errors, "sharedUntil", body.SharedUntil);
            if (!errors.ContainsKey("sharedFrom") && !errors.ContainsKey("sharedUntil") && ParseDate(body.SharedUntil) < ParseDate(body.SharedFrom!))
                errors["sharedUntil"] = ["must not be before the first shared day."];
        }
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ServiceCenterDto.From(await client.ShareWithAllianceAsync(new ShareWithAllianceRequest
        {
            Id = id.ToString(), AllianceId = body.AllianceId!.Value.ToString(), SharedFrom = body.SharedFrom!.Trim(),
            SharedUntil = body.SharedUntil?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> StopSharingServiceCenterAsync(Guid id, Guid allianceId, StopSharingBody body,
        ServiceCenterService.ServiceCenterServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Date(errors, "sharedUntil", body.SharedUntil);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ServiceCenterDto.From(await client.StopSharingAsync(new StopSharingRequest
        {
            Id = id.ToString(), AllianceId = allianceId.ToString(), SharedUntil = body.SharedUntil!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    static DateOnly ParseDate(string value) => DateOnly.ParseExact(value.Trim(), Units.DateFormat, CultureInfo.InvariantCulture);

    static void CheckDetails(Dictionary<string, string[]> errors, string? name, string? address, int? capacity,
        string? contactName, string? contactPhone, string? openingHours, string? facilities)
    {
        Validate.Text(errors, "name", name, MaxNameLength);
        Validate.Text(errors, "address", address, MaxAddressLength);
        if (capacity is not (>= 1 and <= MaxCapacity)) errors["capacity"] = [$"must be between 1 and {MaxCapacity}."];
        Units.Optional(errors, "contactName", contactName, MaxContactLength);
        Units.Optional(errors, "contactPhone", contactPhone, MaxContactLength);
        Units.Optional(errors, "openingHours", openingHours, MaxOpeningHoursLength);
        Units.Optional(errors, "facilities", facilities, MaxFacilitiesLength);
    }

    /// <summary>Call only after <see cref="CheckDetails"/> found no errors.</summary>
    static ServiceCenterDetails Details(string? name, string? address, int? capacity, string? contactName, string? contactPhone,
        string? openingHours, string? facilities) => new()
    {
        Name = name!.Trim(), Address = address!.Trim(), Capacity = capacity!.Value, ContactName = contactName?.Trim() ?? "",
        ContactPhone = contactPhone?.Trim() ?? "", OpeningHours = openingHours?.Trim() ?? "", Facilities = facilities?.Trim() ?? "",
    };
}

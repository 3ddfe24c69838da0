using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc;

namespace Alliance.Gateway.Activities;

/// <summary>The list's query string: paging, search, period (days of the group's calendar, inclusive), filters and sort.</summary>
public sealed record ActivityListQuery(int? Page, int? PageSize, string? Search, string? From, string? To, Guid? AllianceId, Guid? PairingId,
    Guid? TypeId, string? Measure, Guid? HostOrganizationId, Guid? ServiceCenterId, string? Status, string? Sort);

/// <summary>
/// Joint activities (联学, 共同过党日, ...): scheduled with hosts, the alliance or pairing served, a time and a venue
/// (a booked service center or an address), then held or cancelled. The activity service decides who sees and changes what.
/// </summary>
public static class ActivityEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxAgendaLength = 4_000;
    public const int MaxOutcomeLength = 8_000;
    public const int MaxAddressLength = 200;
    public const int MaxReasonLength = 500;
    public const int MaxHosts = 20;
    static readonly TimeSpan MaxDuration = TimeSpan.FromDays(14);
    static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(2 * 366);
    public static readonly string[] Sorts = ["starts", "-starts", "title", "-title", "created", "-created"];

    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/activities").WithTags("Activities");
        group.MapGet("/", ListActivitiesAsync).AllowPartners().WithName("ListActivities");
        group.MapGet("/{id:guid}", GetActivityAsync).AllowPartners().WithName("GetActivity");
        group.MapGet("/{id:guid}/history", GetActivityHistoryAsync).WithName("GetActivityHistory");
        group.MapPost("/", ScheduleActivityAsync).RequireAuthorization(Policies.Planner).WithName("ScheduleActivity");
        group.MapPut("/{id:guid}", ReviseActivityAsync).RequireAuthorization(Policies.Planner).WithName("ReviseActivity");
        group.MapPost("/{id:guid}/held", RecordHeldAsync).RequireAuthorization(Policies.Planner).WithName("RecordActivityHeld");
        group.MapPut("/{id:guid}/outcome", ReviseOutcomeAsync).RequireAuthorization(Policies.Planner).WithName("ReviseActivityOutcome");
        group.MapPost("/{id:guid}/cancel", CancelActivityAsync).RequireAuthorization(Policies.Planner).WithName("CancelActivity");
        return api;
    }

    public static async Task<IResult> ListActivitiesAsync([AsParameters] ActivityListQuery query, ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var request = ListRequest(errors, query, page, size);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var result = await client.ListActivitiesAsync(request, cancellationToken: ct);
        return Results.Ok(new PagedList<ActivityDto>(result.Items.Select(ActivityDto.From).ToList(), result.Total, page, size));
    }

    /// <summary>The list's filters checked and turned into a request (the list and its export share them); used only when no error was added.</summary>
    internal static ListActivitiesRequest ListRequest(Dictionary<string, string[]> errors, ActivityListQuery query, int page, int size)
    {
        Units.Sort(errors, query.Sort, Sorts);
        var from = Day(errors, "from", query.From);
        var to = Day(errors, "to", query.To);
        if (from is not null && to is not null && to < from) errors["to"] = ["must not be before from."];
        var measure = Measures.Parse(errors, "measure", query.Measure, required: false);
        var status = ActivityStatus.Unspecified;
        if (!string.IsNullOrWhiteSpace(query.Status) && !Statuses.ByName.TryGetValue(query.Status.Trim().ToLowerInvariant(), out status))
            errors["status"] = [$"must be one of: {string.Join(", ", Statuses.ByName.Keys)}."];
        var request = new ListActivitiesRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", AllianceId = Text(query.AllianceId), PairingId = Text(query.PairingId),
            TypeId = Text(query.TypeId), Measure = measure, HostOrganizationId = Text(query.HostOrganizationId),
            ServiceCenterId = Text(query.ServiceCenterId), Status = status, Sort = query.Sort?.Trim() ?? "",
        };
        // The period is whole days of the group's calendar: from the first day's start to the end of the last.
        if (from is { } f) request.From = Timestamp.FromDateTimeOffset(ActivityTimes.StartOfDay(f));
        if (to is { } t) request.To = Timestamp.FromDateTimeOffset(ActivityTimes.StartOfDay(t.AddDays(1)));
        return request;
    }

    public static async Task<IResult> GetActivityAsync(Guid id, ActivityService.ActivityServiceClient client, CancellationToken ct) =>
        Results.Ok(ActivityDto.From(await client.GetActivityAsync(new GetActivityRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetActivityHistoryAsync(Guid id, ActivityService.ActivityServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetActivityHistoryAsync(new GetActivityHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(ActivityChangeDto.From).ToList());

    public static async Task<IResult> ScheduleActivityAsync(ActivityBody body, HttpContext http, ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        if (body.ExpectedVersion is not null) errors["expectedVersion"] = ["is not taken when scheduling."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details, ClientRequestId = Validate.IdempotencyKey(http) },
            cancellationToken: ct);
        return Results.Created($"/api/v1/activities/{created.Id}", ActivityDto.From(created));
    }

    public static async Task<IResult> ReviseActivityAsync(Guid id, ActivityBody body, ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ActivityDto.From(await client.ReviseActivityAsync(new ReviseActivityRequest
        {
            Id = id.ToString(), Details = details, ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> RecordHeldAsync(Guid id, HeldBody body, ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Optional(errors, "outcomeNotes", body.OutcomeNotes, MaxOutcomeLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ActivityDto.From(await client.RecordActivityHeldAsync(new RecordActivityHeldRequest
        {
            Id = id.ToString(), OutcomeNotes = body.OutcomeNotes?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> ReviseOutcomeAsync(Guid id, OutcomeBody body, ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Optional(errors, "outcomeNotes", body.OutcomeNotes, MaxOutcomeLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ActivityDto.From(await client.ReviseActivityOutcomeAsync(new ReviseActivityOutcomeRequest
        {
            Id = id.ToString(), OutcomeNotes = body.OutcomeNotes?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> CancelActivityAsync(Guid id, CancelBody body, ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "reason", body.Reason, MaxReasonLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ActivityDto.From(await client.CancelActivityAsync(new CancelActivityRequest
        {
            Id = id.ToString(), Reason = body.Reason!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    /// <summary>Checks the details at the edge and builds them; the result is only used when no error was added.</summary>
    static ActivityDetails Details(Dictionary<string, string[]> errors, ActivityBody body)
    {
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        if (body.TypeId is null) errors["typeId"] = ["is required."];
        Units.Optional(errors, "agenda", body.Agenda, MaxAgendaLength);
        if (body.AllianceId is not null && body.PairingId is not null) errors["pairingId"] = ["An activity serves an alliance or a pairing, not both."];
        var details = new ActivityDetails
        {
            Title = body.Title?.Trim() ?? "", TypeId = Text(body.TypeId), AllianceId = Text(body.AllianceId), PairingId = Text(body.PairingId),
            Agenda = body.Agenda?.Trim() ?? "",
        };

        var hosts = body.Hosts ?? [];
        if (hosts.Count == 0) errors["hosts"] = ["must name at least one host."];
        else if (hosts.Count > MaxHosts) errors["hosts"] = [$"must name at most {MaxHosts} hosts."];
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            if (host is null || host.OrganizationId is null == host.MemberUnitId is null)
                errors[$"hosts[{i}]"] = ["must name either an organizationId or a memberUnitId."];
            else if (host.MemberUnitId is not null && body.AllianceId is null)
                errors[$"hosts[{i}].memberUnitId"] = ["names a member unit of an alliance: give the allianceId it belongs to."];
            else
                details.Hosts.Add(host.OrganizationId is { } o ? new HostRef { OrganizationId = o.ToString() } : new HostRef { MemberUnitId = host.MemberUnitId!.Value.ToString() });
        }

        var starts = ActivityTimes.Instant(errors, "startsAt", body.StartsAt);
        var ends = ActivityTimes.Instant(errors, "endsAt", body.EndsAt);
        if (starts is { } s && ends is { } e)
        {
            // The activity service's rules (ActivityTimes), checked here too so a client gets them all at once.
            if (e <= s) errors["endsAt"] = ["must be after the start."];
            else if (e - s > MaxDuration) errors["endsAt"] = [$"must be at most {MaxDuration.TotalDays:0} days after the start."];
            if (s - DateTimeOffset.UtcNow > MaxLeadTime) errors["startsAt"] = ["must be at most two years ahead."];
            details.StartsAt = Timestamp.FromDateTimeOffset(s);
            details.EndsAt = Timestamp.FromDateTimeOffset(e);
        }

        var venue = body.Venue;
        if (venue is null || venue.ServiceCenterId is null == string.IsNullOrWhiteSpace(venue.Address))
            errors["venue"] = ["must name either a serviceCenterId or an address."];
        else if (venue.ServiceCenterId is { } center)
            details.Venue = new VenueRef { ServiceCenterId = center.ToString() };
        else if (venue.Address!.Trim().Length > MaxAddressLength)
            errors["venue.address"] = [$"must be at most {MaxAddressLength} characters."];
        else
            details.Venue = new VenueRef { Address = venue.Address.Trim() };
        return details;
    }

    static DateOnly? Day(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), Units.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = [$"must be a date as {Units.DateFormat}."];
        return null;
    }

    static string Text(Guid? id) => id?.ToString() ?? "";
}

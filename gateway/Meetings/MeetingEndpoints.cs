using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Supervision;
using Google.Protobuf.WellKnownTypes;

namespace Alliance.Gateway.Meetings;

/// <summary>
/// Joint meetings (联席会议) of an alliance and the decision items recorded at them. The activity service decides who sees
/// and changes what (its MeetingAccess).
/// </summary>
public static class MeetingEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 200;
    public const int MaxMinutesLength = 20_000;
    public const int MaxAttendees = 60;
    public const int MaxPeoplePerUnit = 30;
    public const int MaxPersonLength = 50;
    public static readonly string[] Sorts = ["starts", "-starts", "title", "-title"];

    public static RouteGroupBuilder MapMeetingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/meetings").WithTags("Joint meetings");
        group.MapGet("/", ListMeetingsAsync).AllowPartners().WithName("ListMeetings");
        group.MapGet("/{id:guid}", GetMeetingAsync).AllowPartners().WithName("GetMeeting");
        group.MapGet("/{id:guid}/history", GetMeetingHistoryAsync).WithName("GetMeetingHistory");
        group.MapPost("/", RecordMeetingAsync).RequireAuthorization(Policies.Planner).WithName("RecordMeeting");
        group.MapPut("/{id:guid}", ReviseMeetingAsync).RequireAuthorization(Policies.Planner).WithName("ReviseMeeting");
        group.MapGet("/{id:guid}/decision-items", DecisionItemEndpoints.ListMeetingItemsAsync).AllowPartners().WithName("ListMeetingDecisionItems");
        group.MapPost("/{id:guid}/decision-items", DecisionItemEndpoints.RecordDecisionItemAsync).RequireAuthorization(Policies.Planner)
            .WithName("RecordDecisionItem");
        return api;
    }

    public static async Task<IResult> ListMeetingsAsync([AsParameters] MeetingListQuery query, MeetingService.MeetingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, Sorts);
        var from = Day(errors, "from", query.From);
        var to = Day(errors, "to", query.To);
        if (from is not null && to is not null && to < from) errors["to"] = ["must not be before from."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var request = new ListMeetingsRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "",
            Sort = query.Sort?.Trim() ?? "",
        };
        if (from is { } f) request.From = Timestamp.FromDateTimeOffset(ActivityTimes.StartOfDay(f));
        if (to is { } t) request.To = Timestamp.FromDateTimeOffset(ActivityTimes.StartOfDay(t.AddDays(1)));
        var result = await client.ListMeetingsAsync(request, cancellationToken: ct);
        return Results.Ok(new PagedList<MeetingDto>(result.Items.Select(MeetingDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> GetMeetingAsync(Guid id, MeetingService.MeetingServiceClient client, CancellationToken ct) =>
        Results.Ok(MeetingDto.From(await client.GetMeetingAsync(new GetMeetingRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetMeetingHistoryAsync(Guid id, MeetingService.MeetingServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetMeetingHistoryAsync(new GetMeetingHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(c => new ActivityChangeDto(Guid.Parse(c.Id), c.Kind, c.Version, ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()),
                c.ChangedBy, c.ChangedByRole, c.Changes.Select(f => new FieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList())).ToList());

    public static async Task<IResult> RecordMeetingAsync(MeetingBody body, HttpContext http, MeetingService.MeetingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        if (body.ExpectedVersion is not null) errors["expectedVersion"] = ["is not taken when recording."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.RecordMeetingAsync(new RecordMeetingRequest { Details = details, ClientRequestId = Validate.IdempotencyKey(http) },
            cancellationToken: ct);
        return Results.Created($"/api/v1/meetings/{created.Id}", MeetingDto.From(created));
    }

    public static async Task<IResult> ReviseMeetingAsync(Guid id, MeetingBody body, MeetingService.MeetingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(MeetingDto.From(await client.ReviseMeetingAsync(new ReviseMeetingRequest
        {
            Id = id.ToString(), Details = details, ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    static MeetingDetails Details(Dictionary<string, string[]> errors, MeetingBody body)
    {
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Validate.Text(errors, "place", body.Place, MaxPlaceLength);
        Units.Optional(errors, "minutes", body.Minutes, MaxMinutesLength);
        if (body.AllianceId is null) errors["allianceId"] = ["is required."];
        var details = new MeetingDetails
        {
            Title = body.Title?.Trim() ?? "", AllianceId = body.AllianceId?.ToString() ?? "", Place = body.Place?.Trim() ?? "",
            Minutes = body.Minutes?.Trim() ?? "", ActivityId = body.ActivityId?.ToString() ?? "",
        };
        if (ActivityTimes.Instant(errors, "startsAt", body.StartsAt) is { } starts) details.StartsAt = Timestamp.FromDateTimeOffset(starts);
        var attendees = body.Attendees ?? [];
        if (attendees.Count < 2) errors["attendees"] = ["A joint meeting has at least two attending units."];
        else if (attendees.Count > MaxAttendees) errors["attendees"] = [$"must name at most {MaxAttendees} units."];
        else if (attendees.Where(a => a?.MemberUnitId is not null).GroupBy(a => a!.MemberUnitId).Any(g => g.Count() > 1))
            errors["attendees"] = ["names a unit twice."];
        for (var i = 0; i < attendees.Count; i++)
        {
            var a = attendees[i];
            if (a?.MemberUnitId is null)
            {
                errors[$"attendees[{i}].memberUnitId"] = ["is required."];
                continue;
            }
            var people = (a.People ?? []).Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).ToList();
            if (people.Count > MaxPeoplePerUnit) errors[$"attendees[{i}].people"] = [$"must name at most {MaxPeoplePerUnit} people."];
            else if (people.Any(p => p.Length > MaxPersonLength)) errors[$"attendees[{i}].people"] = [$"names must be at most {MaxPersonLength} characters."];
            var attendee = new AttendeeRef { MemberUnitId = a.MemberUnitId.Value.ToString() };
            attendee.People.AddRange(people);
            details.Attendees.Add(attendee);
        }
        return details;
    }

    internal static DateOnly? Day(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), Units.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = [$"must be a date as {Units.DateFormat}."];
        return null;
    }
}

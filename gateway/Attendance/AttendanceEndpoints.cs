using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Exports;
using Microsoft.AspNetCore.Mvc;

namespace Alliance.Gateway.Attendance;

/// <summary>
/// Who is invited to an activity and who came: invitations (by those who change the activity), the venue's rotating
/// check-in code (shown to them), check-in (by everyone who sees the activity), attendance per activity and per person,
/// and the attendance export. The activity service decides who sees and does what (ADR 32).
/// </summary>
public static class AttendanceEndpoints
{
    public static RouteGroupBuilder MapAttendanceEndpoints(this RouteGroupBuilder api)
    {
        var activities = api.MapGroup("/activities/{id:guid}").WithTags("Attendance");
        activities.MapGet("/participants", ListParticipantsAsync).WithName("ListParticipants");
        activities.MapPost("/participants", InviteAsync).RequireAuthorization(Policies.Planner).WithName("InviteParticipant");
        activities.MapDelete("/participants/{participantId:guid}", WithdrawAsync).RequireAuthorization(Policies.Planner).WithName("WithdrawInvitation");
        activities.MapGet("/check-in-code", GetCheckInCodeAsync).RequireAuthorization(Policies.Planner).WithName("GetCheckInCode");
        activities.MapPost("/check-in", CheckInAsync).RequireRateLimiting(RateLimits.CheckIn).AllowPartners().WithName("CheckIn");
        activities.MapGet("/check-ins", ListCheckInsAsync).WithName("ListCheckIns");
        activities.MapGet("/attendance", GetAttendanceAsync).WithName("GetActivityAttendance");
        activities.MapGet("/attendance/export", ExportAttendanceAsync).WithName("ExportActivityAttendance");
        api.MapGet("/people/{personId:guid}/attendance", GetPersonAttendanceAsync).WithTags("Attendance").WithName("GetPersonAttendance");
        return api;
    }

    public static async Task<IResult> ListParticipantsAsync(Guid id, int? page, int? pageSize, bool? includeWithdrawn,
        AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListParticipantsAsync(new ListParticipantsRequest
        {
            ActivityId = id.ToString(), Page = p, PageSize = size, IncludeWithdrawn = includeWithdrawn ?? false,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<ParticipantDto>(result.Items.Select(ParticipantDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> InviteAsync(Guid id, InviteBody body, AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        var named = new[] { body.OrganizationId, body.MemberUnitId, body.PersonId }.Count(x => x is not null);
        if (named != 1) return Results.ValidationProblem(new Dictionary<string, string[]> { ["invitee"] = ["must name exactly one of organizationId, memberUnitId and personId."] });
        var request = new InviteParticipantRequest { ActivityId = id.ToString() };
        if (body.OrganizationId is { } o) request.OrganizationId = o.ToString();
        else if (body.MemberUnitId is { } m) request.MemberUnitId = m.ToString();
        else request.PersonId = body.PersonId!.Value.ToString();
        var participant = await client.InviteParticipantAsync(request, cancellationToken: ct);
        return Results.Created($"/api/v1/activities/{id}/participants/{participant.Id}", ParticipantDto.From(participant));
    }

    public static async Task<IResult> WithdrawAsync(Guid id, Guid participantId, AttendanceService.AttendanceServiceClient client, CancellationToken ct) =>
        Results.Ok(ParticipantDto.From(await client.WithdrawInvitationAsync(
            new WithdrawInvitationRequest { ActivityId = id.ToString(), ParticipantId = participantId.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetCheckInCodeAsync(Guid id, HttpContext http, AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(CheckInCodeDto.From(await client.GetCheckInCodeAsync(new GetCheckInCodeRequest { ActivityId = id.ToString() }, cancellationToken: ct)));
    }

    /// <summary>A partner checks in as themselves: with the code, or without one when their unit is invited (the service decides).</summary>
    public static async Task<IResult> CheckInAsync(Guid id, CheckInBody body, HttpContext http, AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        var code = body.Code?.Trim() ?? "";
        var partner = Caller.From(http.User).IsPartner;
        if (code.Length > 0 && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["must be the six digits shown at the venue."] });
        if (partner && body.PersonId is not null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = ["must be empty: a partner checks in as themselves."] });
        // Without a code or a person the service decides: a user linked to a person (ADR 39) checks in as them.
        var result = await client.CheckInAsync(new CheckInRequest { ActivityId = id.ToString(), Code = code, PersonId = body.PersonId?.ToString() ?? "" }, cancellationToken: ct);
        var dto = new CheckInResultDto(CheckInDto.From(result.CheckIn), result.AlreadyCheckedIn);
        return result.AlreadyCheckedIn ? Results.Ok(dto) : Results.Created($"/api/v1/activities/{id}/check-ins/{result.CheckIn.Id}", dto);
    }

    public static async Task<IResult> ListCheckInsAsync(Guid id, int? page, int? pageSize, AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListCheckInsAsync(new ListCheckInsRequest { ActivityId = id.ToString(), Page = p, PageSize = size }, cancellationToken: ct);
        return Results.Ok(new PagedList<CheckInDto>(result.Items.Select(CheckInDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetAttendanceAsync(Guid id, AttendanceService.AttendanceServiceClient client, CancellationToken ct) =>
        Results.Ok(ActivityAttendanceDto.From(await client.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> GetPersonAttendanceAsync(Guid personId, int? page, int? pageSize, AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.GetPersonAttendanceAsync(new GetPersonAttendanceRequest { PersonId = personId.ToString(), Page = p, PageSize = size }, cancellationToken: ct);
        return Results.Ok(new PersonAttendanceDto(Guid.Parse(result.PersonId), result.Name, result.Attended,
            result.Items.Select(i => new PersonAttendanceEntryDto(ActivityDto.From(i.Activity), i.Invited, i.CheckIn is null ? null : CheckInDto.From(i.CheckIn))).ToList(),
            result.Total, p, size));
    }

    /// <summary>
    /// The activity's check-ins as XLSX or CSV (headers in Chinese, or English with lang=en-US), read a page at a time.
    /// The first page is read before anything is written, so a refusal (not found, bad id) is still a problem response.
    /// </summary>
    public static async Task<IResult> ExportAttendanceAsync(Guid id, string? format, string? lang, HttpContext http,
        AttendanceService.AttendanceServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var chosen = TableExport.ParseFormat(errors, format);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var attendance = await client.GetActivityAttendanceAsync(new GetActivityAttendanceRequest { ActivityId = id.ToString() }, cancellationToken: ct);
        var first = await client.ListCheckInsAsync(new ListCheckInsRequest { ActivityId = id.ToString(), Page = 1, PageSize = Paging.MaxSize }, cancellationToken: ct);
        var english = ExportText.IsEnglish(lang);
        string[] headers = english
            ? ["Name", "User", "Organization", "Method", "Checked in at"]
            : ["姓名", "用户", "组织", "签到方式", "签到时间"];
        async IAsyncEnumerable<IReadOnlyList<string>> Rows()
        {
            var page = first;
            for (var n = 1; ; n++)
            {
                foreach (var c in page.Items)
                    yield return [c.Name, c.UserName, c.OrganizationName, ExportText.Method(c.Method, english), ExportText.Time(c.CheckedInAt.ToDateTimeOffset())];
                if (page.Items.Count < Paging.MaxSize) yield break;
                page = await client.ListCheckInsAsync(new ListCheckInsRequest { ActivityId = id.ToString(), Page = n + 1, PageSize = Paging.MaxSize }, cancellationToken: ct);
            }
        }
        var title = attendance.Activity.Title;
        await TableExport.WriteAsync(http.Response, chosen!.Value, $"{(english ? "attendance" : "签到")}-{ExportText.FileSafe(title)}", english ? "Attendance" : "签到",
            headers, Rows(), ct);
        return Results.Empty;
    }
}

using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Bulletins;

public sealed record GenerateBody(Guid? AllianceId, string? Month);
public sealed record SectionBody(string? Section, string? TextZh, string? TextEn, List<Guid>? EntryIds);
public sealed record ReviseBody(string? TitleZh, string? TitleEn, string? LeadZh, string? LeadEn, List<SectionBody?>? Sections, long? ExpectedVersion);
public sealed record StepBody(string? Reason, long? ExpectedVersion);
public sealed record NominationBody(Guid? AllianceId, string? Month, Guid? PersonId, Guid? OrganizationId, string? ReasonZh, string? ReasonEn);
public sealed record NominationReviewBody(string? Note, long? ExpectedVersion);
public sealed record BulletinQuery(int? Page, int? PageSize, Guid? AllianceId, bool? GroupOnly, string? Month, string? State);
public sealed record NominationQuery(int? Page, int? PageSize, Guid? AllianceId, string? Month, string? State);

/// <summary>
/// The monthly bulletin (攻坚战报, ADR 42) and its nominations: generate a month's draft, revise it, submit, approve or
/// send back, publish; the archive; the printable page (HTML) and the stored PDF in either language. The activity
/// service decides who may do what (409 for a step the bulletin's state refuses, e.g. any change once published). None
/// of it is open to partners.
/// </summary>
public static class BulletinEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxLeadLength = 4_000;
    public const int MaxSectionTextLength = 8_000;
    public const int MaxReasonLength = 500;
    public const int MaxNominationReasonLength = 1_000;
    static readonly string[] Sections = ["milestones", "problems-resolved", "activities", "nominations"];
    static readonly string[] States = ["draft", "in-review", "approved", "published"];
    static readonly string[] Languages = ["zh-CN", "en-US"];

    public static RouteGroupBuilder MapBulletinEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/bulletins").WithTags("Bulletins");
        group.MapGet("/", ListBulletinsAsync).WithName("ListBulletins");
        group.MapPost("/", GenerateAsync).RequireAuthorization(Policies.Planner).WithName("GenerateBulletin");
        group.MapGet("/{id:guid}", GetBulletinAsync).WithName("GetBulletin");
        group.MapPut("/{id:guid}", ReviseAsync).RequireAuthorization(Policies.Planner).WithName("ReviseBulletin");
        group.MapGet("/{id:guid}/history", GetHistoryAsync).WithName("GetBulletinHistory");
        group.MapPost("/{id:guid}/submit", SubmitAsync).RequireAuthorization(Policies.Planner).WithName("SubmitBulletin");
        group.MapPost("/{id:guid}/approve", ApproveAsync).RequireAuthorization(Policies.Admin).WithName("ApproveBulletin");
        group.MapPost("/{id:guid}/return", ReturnAsync).RequireAuthorization(Policies.Admin).WithName("ReturnBulletin");
        group.MapPost("/{id:guid}/publish", PublishAsync).RequireAuthorization(Policies.Planner).WithName("PublishBulletin");
        group.MapGet("/{id:guid}/html", HtmlAsync).WithName("GetBulletinPage");
        group.MapGet("/{id:guid}/pdf", PdfAsync).WithName("GetBulletinPdf");
        var nominations = api.MapGroup("/nominations").WithTags("Bulletins");
        nominations.MapGet("/", ListNominationsAsync).WithName("ListNominations");
        nominations.MapPost("/", NominateAsync).RequireAuthorization(Policies.Planner).WithName("Nominate");
        nominations.MapPost("/{id:guid}/accept", AcceptAsync).RequireAuthorization(Policies.Admin).WithName("AcceptNomination");
        nominations.MapPost("/{id:guid}/reject", RejectAsync).RequireAuthorization(Policies.Admin).WithName("RejectNomination");
        return api;
    }

    public static async Task<IResult> ListBulletinsAsync([AsParameters] BulletinQuery query, BulletinService.BulletinServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Month is { } m && !IsMonth(m)) errors["month"] = ["must be a month as yyyy-MM."];
        if (query.State is { } s && !States.Contains(s)) errors["state"] = [$"must be one of: {string.Join(", ", States)}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListBulletinsAsync(new ListBulletinsRequest
        {
            Page = page, PageSize = size, AllianceId = query.AllianceId?.ToString() ?? "", GroupOnly = query.GroupOnly ?? false,
            Month = query.Month ?? "", State = query.State ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<object>(result.Items.Select(Summary).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> GenerateAsync(GenerateBody body, HttpContext http, BulletinService.BulletinServiceClient client, CancellationToken ct)
    {
        if (!IsMonth(body.Month)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["is required, a month as yyyy-MM."] });
        var created = await client.GenerateBulletinAsync(new GenerateBulletinRequest
        {
            AllianceId = body.AllianceId?.ToString() ?? "", Month = body.Month!.Trim(), ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/bulletins/{created.Id}", Document(created));
    }

    public static async Task<IResult> GetBulletinAsync(Guid id, BulletinService.BulletinServiceClient client, CancellationToken ct) =>
        Results.Ok(Document(await client.GetBulletinAsync(new GetBulletinRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ReviseAsync(Guid id, ReviseBody body, BulletinService.BulletinServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "titleZh", body.TitleZh, MaxTitleLength);
        Validate.Text(errors, "titleEn", body.TitleEn, MaxTitleLength);
        Validate.Text(errors, "leadZh", body.LeadZh, MaxLeadLength);
        Validate.Text(errors, "leadEn", body.LeadEn, MaxLeadLength);
        var sections = body.Sections ?? [];
        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            if (s is null || s.Section is null || !Sections.Contains(s.Section)) errors[$"sections[{i}].section"] = [$"must be one of: {string.Join(", ", Sections)}."];
            if (s?.TextZh is { Length: > MaxSectionTextLength }) errors[$"sections[{i}].textZh"] = [$"must be at most {MaxSectionTextLength} characters."];
            if (s?.TextEn is { Length: > MaxSectionTextLength }) errors[$"sections[{i}].textEn"] = [$"must be at most {MaxSectionTextLength} characters."];
        }
        if (body.ExpectedVersion is < 0) errors["expectedVersion"] = ["must not be negative."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ReviseBulletinRequest
        {
            Id = id.ToString(), TitleZh = body.TitleZh!.Trim(), TitleEn = body.TitleEn!.Trim(), LeadZh = body.LeadZh!.Trim(), LeadEn = body.LeadEn!.Trim(),
            ExpectedVersion = body.ExpectedVersion ?? 0,
        };
        request.Sections.AddRange(sections.Select(s => new SectionRevision
        {
            Section = s!.Section!, TextZh = s.TextZh?.Trim() ?? "", TextEn = s.TextEn?.Trim() ?? "", EntryIds = { (s.EntryIds ?? []).Select(e => e.ToString()) },
        }));
        return Results.Ok(Document(await client.ReviseBulletinAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> GetHistoryAsync(Guid id, BulletinService.BulletinServiceClient client, CancellationToken ct)
    {
        var history = await client.GetBulletinHistoryAsync(new GetBulletinRequest { Id = id.ToString() }, cancellationToken: ct);
        return Results.Ok(history.Changes.Select(c => new
        {
            Id = Guid.Parse(c.Id), c.Kind, c.Version, ChangedAt = Activities.ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()), c.ChangedBy, c.ChangedByRole,
            Changes = c.Changes.Select(f => new { f.Field, f.OldValue, f.NewValue }),
        }).ToList());
    }

    public static Task<IResult> SubmitAsync(Guid id, StepBody body, BulletinService.BulletinServiceClient client, CancellationToken ct) =>
        StepAsync(id, body, false, r => client.SubmitBulletinAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> ApproveAsync(Guid id, StepBody body, BulletinService.BulletinServiceClient client, CancellationToken ct) =>
        StepAsync(id, body, false, r => client.ApproveBulletinAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> ReturnAsync(Guid id, StepBody body, BulletinService.BulletinServiceClient client, CancellationToken ct) =>
        StepAsync(id, body, true, r => client.ReturnBulletinAsync(r, cancellationToken: ct).ResponseAsync);

    public static Task<IResult> PublishAsync(Guid id, StepBody body, BulletinService.BulletinServiceClient client, CancellationToken ct) =>
        StepAsync(id, body, false, r => client.PublishBulletinAsync(r, cancellationToken: ct).ResponseAsync);

    static async Task<IResult> StepAsync(Guid id, StepBody body, bool needsReason, Func<BulletinStepRequest, Task<BulletinDocument>> step)
    {
        var errors = new Dictionary<string, string[]>();
        if (needsReason) Validate.Text(errors, "reason", body.Reason, MaxReasonLength);
        if (body.ExpectedVersion is < 0) errors["expectedVersion"] = ["must not be negative."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(Document(await step(new BulletinStepRequest { Id = id.ToString(), Reason = body.Reason?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0 })));
    }

    /// <summary>The printable page in the language asked for (lang=zh-CN, the default, or en-US), served as a sandboxed HTML document.</summary>
    public static async Task<IResult> HtmlAsync(Guid id, string? lang, HttpContext http, BulletinService.BulletinServiceClient client, CancellationToken ct)
    {
        if (lang is not null && !Languages.Contains(lang)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = ["must be zh-CN or en-US."] });
        var page = await client.RenderBulletinAsync(new RenderBulletinRequest { Id = id.ToString(), Language = lang ?? "zh-CN" }, cancellationToken: ct);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-modals allow-popups";
        return Results.Bytes(page.Content.ToByteArray(), page.ContentType);
    }

    /// <summary>The PDF printed and stored when the bulletin was published, as a download.</summary>
    public static async Task<IResult> PdfAsync(Guid id, string? lang, BulletinService.BulletinServiceClient client, CancellationToken ct)
    {
        if (lang is not null && !Languages.Contains(lang)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = ["must be zh-CN or en-US."] });
        var pdf = await client.RenderBulletinAsync(new RenderBulletinRequest { Id = id.ToString(), Language = lang ?? "zh-CN", Pdf = true }, cancellationToken: ct);
        return Results.File(pdf.Content.ToByteArray(), pdf.ContentType, pdf.FileName);
    }

    public static async Task<IResult> ListNominationsAsync([AsParameters] NominationQuery query, NominationService.NominationServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Month is { } m && !IsMonth(m)) errors["month"] = ["must be a month as yyyy-MM."];
        if (query.State is { } s && s is not ("proposed" or "accepted" or "rejected")) errors["state"] = ["must be one of: proposed, accepted, rejected."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListNominationsAsync(new ListNominationsRequest
        {
            Page = page, PageSize = size, AllianceId = query.AllianceId?.ToString() ?? "", Month = query.Month ?? "", State = query.State ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<object>(result.Items.Select(Nominee).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> NominateAsync(NominationBody body, HttpContext http, NominationService.NominationServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsMonth(body.Month)) errors["month"] = ["is required, a month as yyyy-MM."];
        if ((body.PersonId is null) == (body.OrganizationId is null)) errors["nominee"] = ["name either personId or organizationId."];
        Validate.Text(errors, "reasonZh", body.ReasonZh, MaxNominationReasonLength);
        if (body.ReasonEn is { } en && en.Trim().Length > MaxNominationReasonLength) errors["reasonEn"] = [$"must be at most {MaxNominationReasonLength} characters."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.NominateAsync(new NominateRequest
        {
            AllianceId = body.AllianceId?.ToString() ?? "", Month = body.Month!.Trim(), PersonId = body.PersonId?.ToString() ?? "",
            OrganizationId = body.OrganizationId?.ToString() ?? "", ReasonZh = body.ReasonZh!.Trim(), ReasonEn = body.ReasonEn?.Trim() ?? "",
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/nominations/{created.Id}", Nominee(created));
    }

    public static Task<IResult> AcceptAsync(Guid id, NominationReviewBody body, NominationService.NominationServiceClient client, CancellationToken ct) =>
        ReviewAsync(id, body, true, client, ct);

    public static Task<IResult> RejectAsync(Guid id, NominationReviewBody body, NominationService.NominationServiceClient client, CancellationToken ct) =>
        ReviewAsync(id, body, false, client, ct);

    static async Task<IResult> ReviewAsync(Guid id, NominationReviewBody body, bool accept, NominationService.NominationServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Note is { } note && note.Trim().Length > MaxReasonLength) errors["note"] = [$"must be at most {MaxReasonLength} characters."];
        if (body.ExpectedVersion is < 0) errors["expectedVersion"] = ["must not be negative."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(Nominee(await client.ReviewNominationAsync(new ReviewNominationRequest
        {
            Id = id.ToString(), Accept = accept, Note = body.Note?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    static bool IsMonth(string? value) =>
        DateOnly.TryParseExact((value ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    static string? Blank(string value) => value.Length == 0 ? null : value;

    static object Entry(BulletinEntryItem e) => new
    {
        e.Section, SourceId = Guid.Parse(e.SourceId), OccurredAt = Activities.ActivityTimes.InGroupTime(e.OccurredAt.ToDateTimeOffset()), e.TitleZh, e.TitleEn,
        DetailZh = Blank(e.DetailZh), DetailEn = Blank(e.DetailEn), OrganizationId = Blank(e.OrganizationId), Measure = e.HasMeasure ? e.Measure : (double?)null, Unit = Blank(e.Unit),
    };

    static object Document(BulletinDocument d) => new
    {
        Id = Guid.Parse(d.Id), AllianceId = Blank(d.AllianceId), d.ScopeName, d.Month, d.State, d.TitleZh, d.TitleEn, d.LeadZh, d.LeadEn,
        Sections = d.Sections.Select(s => new { s.Section, s.TextZh, s.TextEn, Entries = s.Entries.Select(Entry) }),
        Generated = d.Generated.Select(Entry), SubmittedBy = Blank(d.SubmittedBy), ReviewedBy = Blank(d.ReviewedBy), ReturnReason = Blank(d.ReturnReason),
        PublishedAt = d.PublishedAt is null ? (DateTimeOffset?)null : Activities.ActivityTimes.InGroupTime(d.PublishedAt.ToDateTimeOffset()),
        PublishedBy = Blank(d.PublishedBy), d.Version, d.MayEdit, d.MayReview, d.CreatedBy,
    };

    static object Summary(BulletinSummary s) => new
    {
        Id = Guid.Parse(s.Id), AllianceId = Blank(s.AllianceId), s.ScopeName, s.Month, s.State, s.TitleZh, s.TitleEn,
        PublishedAt = s.PublishedAt is null ? (DateTimeOffset?)null : Activities.ActivityTimes.InGroupTime(s.PublishedAt.ToDateTimeOffset()), s.Version,
    };

    static object Nominee(Nomination n) => new
    {
        Id = Guid.Parse(n.Id), AllianceId = Blank(n.AllianceId), n.Month, n.Kind, NomineeId = Guid.Parse(n.NomineeId), n.NomineeName, n.ReasonZh, n.ReasonEn,
        n.State, ReviewNote = Blank(n.ReviewNote), n.NominatedBy, n.ReviewedBy, n.Version, n.MayReview,
    };
}

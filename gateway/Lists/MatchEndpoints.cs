using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Lists;

/// <summary>A proposed match (对接) accepted or declined, and an accepted one followed to resolved with its outcome and evidence.</summary>
public static class MatchEndpoints
{
    public const int MaxOutcomeLength = 4_000;
    public const int MaxLinks = 10;
    public const int MaxLinkLength = 500;
    public const int MaxAttachments = 20;

    public static RouteGroupBuilder MapMatchEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/matches").WithTags("Problem list").RequireAuthorization(Policies.ItemOwner);
        group.MapPost("/{id:guid}/accept", AcceptAsync).AllowPartners().WithName("AcceptMatch");
        group.MapPost("/{id:guid}/decline", DeclineAsync).AllowPartners().WithName("DeclineMatch");
        group.MapPost("/{id:guid}/resolve", ResolveAsync).AllowPartners().WithName("ResolveMatch");
        return api;
    }

    public static async Task<IResult> AcceptAsync(Guid id, VersionBody body, MatchService.MatchServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(MatchDto.From(await client.AcceptMatchAsync(new DecideMatchRequest { Id = id.ToString(), ExpectedVersion = body.ExpectedVersion ?? 0 },
            cancellationToken: ct)));
    }

    public static async Task<IResult> DeclineAsync(Guid id, DeclineMatchBody body, MatchService.MatchServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "reason", body.Reason, ProblemEndpoints.MaxReasonLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(MatchDto.From(await client.DeclineMatchAsync(new DecideMatchRequest
        {
            Id = id.ToString(), Reason = body.Reason!.Trim(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> ResolveAsync(Guid id, ResolveMatchBody body, MatchService.MatchServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "outcome", body.Outcome, MaxOutcomeLength);
        Units.Version(errors, body.ExpectedVersion);
        var links = body.EvidenceLinks ?? [];
        if (links.Count > MaxLinks) errors["evidenceLinks"] = [$"must be at most {MaxLinks}."];
        for (var i = 0; i < links.Count; i++)
            if (!Uri.TryCreate(links[i]?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || links[i]!.Length > MaxLinkLength)
                errors[$"evidenceLinks[{i}]"] = [$"must be an http(s) address of at most {MaxLinkLength} characters."];
        var attachments = body.EvidenceAttachmentIds ?? [];
        if (attachments.Count > MaxAttachments) errors["evidenceAttachmentIds"] = [$"must be at most {MaxAttachments}."];
        for (var i = 0; i < attachments.Count; i++) if (attachments[i] is null) errors[$"evidenceAttachmentIds[{i}]"] = ["must be an id."];
        if (attachments.Count > 0 && body.EvidenceActivityId is null) errors["evidenceActivityId"] = ["is required with attachments: they are the activity's."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ResolveMatchRequest
        {
            Id = id.ToString(), Outcome = body.Outcome!.Trim(), EvidenceActivityId = body.EvidenceActivityId?.ToString() ?? "",
            ExpectedVersion = body.ExpectedVersion ?? 0,
        };
        request.EvidenceAttachmentIds.AddRange(attachments.Select(a => a!.Value.ToString()));
        request.EvidenceLinks.AddRange(links.Select(l => l!.Trim()));
        return Results.Ok(MatchDto.From(await client.ResolveMatchAsync(request, cancellationToken: ct)));
    }
}

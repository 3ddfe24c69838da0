using System.Globalization;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Organizations;

public sealed record RenameOrganizationBody(string? Name, string? EffectiveOn, long? ExpectedVersion);
public sealed record MergeOrganizationBody(Guid? TargetId, string? EffectiveOn, long? ExpectedVersion);
public sealed record DissolveOrganizationBody(string? EffectiveOn, long? ExpectedVersion);

/// <summary>One change of an organization: kind is created, renamed, moved, merged (into mergedIntoId), dissolved or absorbed (mergedFromId).</summary>
public sealed record OrganizationChangeDto(Guid Id, Guid OrganizationId, string Kind, string EffectiveOn, string? OldName, string? NewName,
    Guid? OldParentId, Guid? NewParentId, Guid? MergedIntoId, Guid? MergedFromId, DateTimeOffset RecordedAt, string? RecordedBy)
{
    public static OrganizationChangeDto From(OrganizationChange c) => new(Guid.Parse(c.Id), Guid.Parse(c.OrganizationId),
        OrganizationHistoryDtos.ChangeName(c.Kind), c.EffectiveOn, c.HasOldName ? c.OldName : null, c.HasNewName ? c.NewName : null,
        OptionalId(c.HasOldParentId, c.OldParentId), OptionalId(c.HasNewParentId, c.NewParentId), OptionalId(c.HasMergedIntoId, c.MergedIntoId),
        OptionalId(c.HasMergedFromId, c.MergedFromId), c.RecordedAt.ToDateTimeOffset(), c.RecordedBy.Length == 0 ? null : c.RecordedBy);

    static Guid? OptionalId(bool has, string value) => has ? Guid.Parse(value) : null;
}

public sealed record SubtreeCountsDto(int Organizations, int Committees, int GeneralBranches, int Branches, int Groups, int Members);

public static class OrganizationHistoryDtos
{
    public static string StatusName(OrganizationStatus status) => status switch
    {
        OrganizationStatus.Dissolved => "dissolved",
        OrganizationStatus.Merged => "merged",
        _ => "active",
    };

    public static string ChangeName(OrganizationChangeKind kind) => kind switch
    {
        OrganizationChangeKind.Created => "created",
        OrganizationChangeKind.Renamed => "renamed",
        OrganizationChangeKind.Moved => "moved",
        OrganizationChangeKind.Merged => "merged",
        OrganizationChangeKind.Dissolved => "dissolved",
        OrganizationChangeKind.Absorbed => "absorbed",
        _ => "unspecified",
    };

    /// <summary>Checks a yyyy-MM-dd date; an optional one may be absent (the service then takes today, China time).</summary>
    public static void Date(Dictionary<string, string[]> errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = ["is required."];
            return;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors[field] = ["must be a date as yyyy-MM-dd."];
    }
}

/// <summary>Effective-dated changes of the party tree and the queries over its history (docs/api.md, "Organization history").</summary>
public static class OrganizationHistoryEndpoints
{
    public static RouteGroupBuilder MapOrganizationHistoryEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/rename", RenameOrganizationAsync).RequireAuthorization(Policies.Admin).WithName("RenameOrganization");
        group.MapPost("/{id:guid}/merge", MergeOrganizationAsync).RequireAuthorization(Policies.Admin).WithName("MergeOrganization");
        group.MapPost("/{id:guid}/dissolve", DissolveOrganizationAsync).RequireAuthorization(Policies.Admin).WithName("DissolveOrganization");
        group.MapGet("/{id:guid}/history", GetOrganizationHistoryAsync).WithName("GetOrganizationHistory");
        group.MapGet("/{id:guid}/path", GetOrganizationPathAsync).WithName("GetOrganizationPath");
        group.MapGet("/{id:guid}/counts", GetSubtreeCountsAsync).WithName("GetSubtreeCounts");

        return group;
    }

    public static async Task<IResult> RenameOrganizationAsync(Guid id, RenameOrganizationBody body, OrganizationService.OrganizationServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Validate.Text(errors, "name", body.Name, OrganizationEndpoints.MaxNameLength);
        OrganizationHistoryDtos.Date(errors, "effectiveOn", body.EffectiveOn, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(OrganizationDto.From(await client.RenameOrganizationAsync(new RenameOrganizationRequest
        {
            Id = id.ToString(), Name = body.Name!.Trim(), EffectiveOn = body.EffectiveOn?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> MergeOrganizationAsync(Guid id, MergeOrganizationBody body, OrganizationService.OrganizationServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.TargetId is null) errors["targetId"] = ["is required."];
        else if (body.TargetId == id) errors["targetId"] = ["cannot be the organization itself."];
        OrganizationHistoryDtos.Date(errors, "effectiveOn", body.EffectiveOn, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(OrganizationDto.From(await client.MergeOrganizationAsync(new MergeOrganizationRequest
        {
            Id = id.ToString(), TargetId = body.TargetId!.Value.ToString(), EffectiveOn = body.EffectiveOn?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> DissolveOrganizationAsync(Guid id, DissolveOrganizationBody body, OrganizationService.OrganizationServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        OrganizationHistoryDtos.Date(errors, "effectiveOn", body.EffectiveOn, required: false);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(OrganizationDto.From(await client.DissolveOrganizationAsync(new DissolveOrganizationRequest
        {
            Id = id.ToString(), EffectiveOn = body.EffectiveOn?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> GetOrganizationHistoryAsync(Guid id, OrganizationService.OrganizationServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetOrganizationHistoryAsync(new GetOrganizationHistoryRequest { Id = id.ToString() }, cancellationToken: ct))
            .Changes.Select(OrganizationChangeDto.From).ToList());

    public static async Task<IResult> GetOrganizationPathAsync(Guid id, OrganizationService.OrganizationServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetOrganizationPathAsync(new GetOrganizationPathRequest { Id = id.ToString() }, cancellationToken: ct))
            .Items.Select(OrganizationDto.From).ToList());

    public static async Task<IResult> GetSubtreeCountsAsync(Guid id, OrganizationService.OrganizationServiceClient client, CancellationToken ct)
    {
        var c = await client.GetSubtreeCountsAsync(new GetSubtreeCountsRequest { Id = id.ToString() }, cancellationToken: ct);
        return Results.Ok(new SubtreeCountsDto(c.Organizations, c.Committees, c.GeneralBranches, c.Branches, c.Groups, c.Members));
    }
}

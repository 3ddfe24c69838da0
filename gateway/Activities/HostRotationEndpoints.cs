using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Auth;
using Google.Protobuf.WellKnownTypes;

namespace Alliance.Gateway.Activities;

public sealed record ProducedActivityDto(Guid Id, string Title, DateTimeOffset StartsAt, string Status);
public sealed record HostRotationSlotDto(int Month, Guid MemberUnitId, string Name, bool External, string Note, string State, IReadOnlyList<ProducedActivityDto> Activities);
public sealed record HostRotationDto(Guid AllianceId, int Year, bool Exists, bool CanChange, IReadOnlyList<HostRotationSlotDto> Slots, string? UpdatedBy,
    DateTimeOffset? UpdatedAt, long Version)
{
    public static HostRotationDto From(HostRotation r) => new(Guid.Parse(r.AllianceId), r.Year, r.Exists, r.CanChange,
        r.Slots.Select(s => new HostRotationSlotDto(s.Month, Guid.Parse(s.MemberUnitId), s.Name, s.External, s.Note, s.State,
            s.Activities.Select(a => new ProducedActivityDto(Guid.Parse(a.Id), a.Title, a.StartsAt.ToDateTimeOffset(), a.Status)).ToList())).ToList(),
        r.UpdatedBy is "" ? null : r.UpdatedBy, r.UpdatedAt?.ToDateTimeOffset(), r.Version);
}

public sealed record HostRotationSlotBody(int? Month, Guid? MemberUnitId, string? Note);
public sealed record HostRotationBody(List<HostRotationSlotBody>? Slots, long? ExpectedVersion);

/// <summary>
/// An alliance's rotating host (活动轮办) for a year: which member unit hosts which month, and what each produced. Read by
/// everyone who sees the alliance, partners too; set by planners of the lead subsidiary. The activity service decides.
/// </summary>
public static class HostRotationEndpoints
{
    public const int MaxNoteLength = 200;

    public static RouteGroupBuilder MapHostRotationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alliances/{allianceId:guid}/host-rotation").WithTags("Activities");
        group.MapGet("/{year:int}", GetHostRotationAsync).AllowPartners().WithName("GetHostRotation");
        group.MapPut("/{year:int}", SetHostRotationAsync).RequireAuthorization(Policies.Planner).WithName("SetHostRotation");
        return api;
    }

    public static async Task<IResult> GetHostRotationAsync(Guid allianceId, int year, HostRotationService.HostRotationServiceClient client, CancellationToken ct) =>
        Results.Ok(HostRotationDto.From(await client.GetHostRotationAsync(new GetHostRotationRequest { AllianceId = allianceId.ToString(), Year = year }, cancellationToken: ct)));

    public static async Task<IResult> SetHostRotationAsync(Guid allianceId, int year, HostRotationBody body, HostRotationService.HostRotationServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var slots = body.Slots ?? [];
        if (slots.Count > 12) errors["slots"] = ["must name at most twelve months."];
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i] is null) { errors[$"slots[{i}]"] = ["is required."]; continue; }
            if (slots[i].Month is null) errors[$"slots[{i}].month"] = ["is required."];
            if (slots[i].MemberUnitId is null) errors[$"slots[{i}].memberUnitId"] = ["is required."];
            Alliances.Units.Optional(errors, $"slots[{i}].note", slots[i].Note, MaxNoteLength);
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new SetHostRotationRequest { AllianceId = allianceId.ToString(), Year = year, ExpectedVersion = body.ExpectedVersion ?? 0 };
        request.Slots.AddRange(slots.Select(s => new HostRotationSlotInput { Month = s.Month!.Value, MemberUnitId = s.MemberUnitId!.Value.ToString(), Note = s.Note?.Trim() ?? "" }));
        return Results.Ok(HostRotationDto.From(await client.SetHostRotationAsync(request, cancellationToken: ct)));
    }
}

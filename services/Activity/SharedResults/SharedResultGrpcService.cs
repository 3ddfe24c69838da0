using Alliance.Activity.Projects;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.SharedResults;

/// <summary>Shared results over gRPC; each call is its use case's handler. No method is open to partners (ADR 41).</summary>
public sealed class SharedResultGrpcService : C.SharedResultService.SharedResultServiceBase
{
    public override Task<C.SharedResult> ShareResult(C.ShareResultRequest request, ServerCallContext context) =>
        Handler<ShareResult>(context).HandleAsync(request, context);

    public override Task<C.SharedResult> GetSharedResult(C.GetSharedResultRequest request, ServerCallContext context) =>
        Handler<ReadSharedResults>(context).GetAsync(request, context);

    public override Task<C.ListSharedResultsResponse> ListSharedResults(C.ListSharedResultsRequest request, ServerCallContext context) =>
        Handler<ReadSharedResults>(context).ListAsync(request, context);

    public override Task<C.SharedResult> RecordReuse(C.RecordReuseRequest request, ServerCallContext context) =>
        Handler<RecordReuse>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<ShareResult>();
        services.AddScoped<ReadSharedResults>();
        services.AddScoped<RecordReuse>();
    }
}

internal static class SharedResultMapping
{
    public static C.SharedResult ToContract(this SharedResult r, bool canRecordReuse, bool withReuses = true)
    {
        var result = new C.SharedResult
        {
            Id = r.Id.ToString(), AllianceId = r.AllianceId.ToString(), AllianceName = r.AllianceName, MemberUnitId = r.MemberUnitId.ToString(),
            UnitName = r.UnitName, Kind = r.Kind, Title = r.Title, Description = r.Description ?? "", SharedOn = ProjectMapping.Day(r.SharedOn),
            SubsidiaryId = r.SubsidiaryId.ToString(), ReuseCount = r.ReuseCount, PublishedAt = Timestamp.FromDateTimeOffset(r.PublishedAt),
            PublishedBy = r.PublishedBy, CanRecordReuse = canRecordReuse,
        };
        if (withReuses)
            result.Reuses.AddRange(r.Reuses.OrderBy(x => x.ReusedOn).ThenBy(x => x.Id).Select(x => new C.ResultReuse
            {
                Id = x.Id.ToString(), MemberUnitId = x.MemberUnitId.ToString(), UnitName = x.UnitName, ReusedOn = ProjectMapping.Day(x.ReusedOn), How = x.How,
                RecordedBy = x.RecordedBy, RecordedAt = Timestamp.FromDateTimeOffset(x.RecordedAt),
            }));
        return result;
    }

    public static ResultShared Shared(SharedResult r, DateTimeOffset now) => new(Guid.CreateVersion7(now), r.SubsidiaryId, now,
        r.Id, r.AllianceId, r.MemberUnitId, r.OrganizationId, r.Kind, r.Title, r.SharedOn);

    public static ResultReused Reused(SharedResult r, ResultReuse reuse, Guid tenant, DateTimeOffset now) => new(Guid.CreateVersion7(now), tenant, now,
        r.Id, reuse.Id, r.AllianceId, reuse.MemberUnitId, reuse.OrganizationId, reuse.ReusedOn, r.ReuseCount);
}

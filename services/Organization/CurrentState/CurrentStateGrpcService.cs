using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static Alliance.ServiceDefaults.Messaging.CurrentStateEvents;
using MembershipPeriod = Alliance.Organization.People.MembershipPeriod;
using MembershipStatus = Alliance.Organization.People.MembershipStatus;
using Person = Alliance.Organization.People.Person;
using Kind = Alliance.Organization.Organizations.OrganizationKind;
using OrganizationStatus = Alliance.Organization.Organizations.OrganizationStatus;

namespace Alliance.Organization.CurrentState;

/// <summary>
/// The organization service's current state for reporting's read models: streamed as events for a read model to be
/// filled from (ADR 26; one repeatable-read snapshot gives both the events already in it, from the outbox, and the state
/// events), and counted for tools/Reconcile.
/// </summary>
public sealed class CurrentStateGrpcService(OrganizationDbContext db) : Contracts.Organization.V1.CurrentState.CurrentStateBase
{
    const int EventsPerChunk = 500;

    public override async Task StreamCurrentState(StreamCurrentStateRequest request, IServerStreamWriter<CurrentStateChunk> responseStream, ServerCallContext context)
    {
        CallerScope.From(context).EnsureGroupAdmin("read the current state");
        var since = request.DispatchedSince?.ToDateTimeOffset()
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "dispatched_since is required."));
        var ct = context.CancellationToken;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var chunk = new CurrentStateChunk();
        await foreach (var (messageType, eventId) in IncludedAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), since, ct))
        {
            chunk.Included.Add(new IncludedEvent { MessageType = messageType, EventId = eventId.ToString() });
            if (chunk.Included.Count >= EventsPerChunk * 4) chunk = await FlushAsync(responseStream, chunk);
        }
        await foreach (var evt in StateEvents.ReadAsync(db, ct))
        {
            var (messageType, json) = Write(evt);
            chunk.Events.Add(new StateEvent { MessageType = messageType, Json = json });
            if (chunk.Events.Count >= EventsPerChunk) chunk = await FlushAsync(responseStream, chunk);
        }
        if (chunk.Included.Count + chunk.Events.Count > 0) await responseStream.WriteAsync(chunk, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The source side of tools/Reconcile: per subsidiary, the current organizations by kind and the current members by
    /// status, counted as reporting's read models count them from the events.
    /// </summary>
    public override async Task<ReconciliationCounts> GetReconciliationCounts(GetReconciliationCountsRequest request, ServerCallContext context)
    {
        CallerScope.From(context).EnsureGroupAdmin("reconcile the read models");
        var ct = context.CancellationToken;
        // One snapshot for all three counts.
        await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var subsidiaries = await db.Subsidiaries.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active)
            .GroupBy(o => new { o.SubsidiaryId, o.Kind }).Select(g => new { g.Key.SubsidiaryId, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
        var members = await (
            from m in db.Set<MembershipPeriod>().AsNoTracking()
            join p in db.Set<Person>().AsNoTracking() on m.PersonId equals p.Id
            where m.To == null && (m.Status == MembershipStatus.Full || m.Status == MembershipStatus.Probationary)
            group m by new { p.SubsidiaryId, m.Status } into g
            select new { g.Key.SubsidiaryId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        await tx.CommitAsync(ct);

        int OrganizationCount(Guid subsidiary, Kind? kind) =>
            organizations.Where(o => o.SubsidiaryId == subsidiary && (kind is null || o.Kind == kind)).Sum(o => o.Count);
        int MemberCount(Guid subsidiary, MembershipStatus status) =>
            members.Where(m => m.SubsidiaryId == subsidiary && m.Status == status).Sum(m => m.Count);
        var response = new ReconciliationCounts();
        response.Subsidiaries.AddRange(subsidiaries.Select(s => new SubsidiaryReconciliationCounts
        {
            SubsidiaryId = s.Id.ToString(),
            Name = s.Name,
            Organizations = OrganizationCount(s.Id, null),
            Committees = OrganizationCount(s.Id, Kind.Committee),
            GeneralBranches = OrganizationCount(s.Id, Kind.GeneralBranch),
            Branches = OrganizationCount(s.Id, Kind.Branch),
            Groups = OrganizationCount(s.Id, Kind.Group),
            FullMembers = MemberCount(s.Id, MembershipStatus.Full),
            ProbationaryMembers = MemberCount(s.Id, MembershipStatus.Probationary),
        }));
        return response;
    }

    static async Task<CurrentStateChunk> FlushAsync(IServerStreamWriter<CurrentStateChunk> stream, CurrentStateChunk chunk)
    {
        await stream.WriteAsync(chunk);
        return new CurrentStateChunk();
    }
}

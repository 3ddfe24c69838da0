using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Alliance.ServiceDefaults.Messaging;
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
    public override Task StreamCurrentState(StreamCurrentStateRequest request, IServerStreamWriter<CurrentStateChunk> responseStream, ServerCallContext context)
    {
        CallerScope.From(context).EnsureGroupAdmin("read the current state");
        return CurrentStateStream.WriteAsync(db, request, responseStream, () => StateEvents.ReadAsync(db, context.CancellationToken), context.CancellationToken);
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
}

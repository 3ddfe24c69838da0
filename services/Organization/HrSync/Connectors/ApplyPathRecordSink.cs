using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using AppliedRecord = Alliance.Organization.HrSync.HrEmployeeRecord;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// Hands pulled records to the one HR apply path (<see cref="HrEmployeeSync"/>), as SCIM and file imports do: HR's own
/// timestamps decide (an older record is stale, a repeat changes nothing), and deactivating a holder of party roles
/// raises a conflict instead of dropping the roles. A page is one transaction with a savepoint per record, so a bad record
/// is counted as an error and the others apply; its outcomes count into the connector's sync run of the day (the
/// source given to <see cref="ApplyAsync"/>). A record without HR's time is taken as of the pull.
/// </summary>
public sealed class ApplyPathRecordSink(OrganizationDbContext db, TimeProvider clock) : IHrRecordSink
{
    public async Task<HrApplyResult> ApplyAsync(Guid subsidiaryId, string source, IReadOnlyList<HrEmployeeRecord> records, CancellationToken ct)
    {
        var ledger = new HrSyncRunLedger(db, clock);
        var runId = await ledger.DailyRunAsync(subsidiaryId, source, ct);
        var sync = new HrEmployeeSync(db, clock);
        var pulledAt = clock.GetUtcNow();
        var outcomes = new List<HrApplyOutcome>(records.Count);
        var errors = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            await transaction.CreateSavepointAsync("hr_record", ct);
            try
            {
                var applied = await sync.ApplyEmployeeAsync(subsidiaryId,
                    new AppliedRecord(r.EmployeeNumber, r.ExternalId, r.Name, r.Department, r.Position, r.Active, (r.HrUpdatedAt ?? pulledAt).ToUniversalTime()), runId, ct);
                await db.SaveChangesAsync(ct);
                await transaction.ReleaseSavepointAsync("hr_record", ct);
                outcomes.Add(applied.Outcome);
            }
            catch (Exception ex) when (ex is RpcException or DbUpdateException && !ct.IsCancellationRequested)
            {
                await transaction.RollbackToSavepointAsync("hr_record", ct);
                outcomes.Add(HrApplyOutcome.Error);
                errors.Add($"record {i + 1} ({r.EmployeeNumber ?? r.ExternalId}): {(ex is RpcException rpc ? rpc.Status.Detail : "it clashes with another record")}");
            }
            db.ChangeTracker.Clear();
        }
        await ledger.CountAsync(runId, outcomes, errors, ct);
        await transaction.CommitAsync(ct);
        int Of(HrApplyOutcome outcome) => outcomes.Count(o => o == outcome);
        return new HrApplyResult(Of(HrApplyOutcome.Created), Of(HrApplyOutcome.Updated),
            Of(HrApplyOutcome.Deactivated) + Of(HrApplyOutcome.Conflict), Of(HrApplyOutcome.Unchanged) + Of(HrApplyOutcome.Stale));
    }
}

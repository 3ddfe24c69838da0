using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using static Alliance.Organization.HrSync.Users.HrUsers;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>
/// The apply path for batches of records (from pull connectors and scripts) and file imports, on the call's context: a
/// batch checked against its run, its records applied one by one in one transaction with a savepoint each, and the run's
/// counters and result rows recorded in the same transaction.
/// </summary>
public sealed class HrApplyPath(OrganizationDbContext db, TimeProvider clock)
{
    public const int MaxRecordsPerBatch = 1000;

    /// <summary>The batch's subsidiary, checked with the caller, and its run: running unless a dry run, which records in none.</summary>
    public async Task<(Guid Subsidiary, Guid? Run)> BatchAsync(string subsidiary, string syncRunId, bool dryRun, int count, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("subsidiaryId", subsidiary).Id("syncRunId", syncRunId, required: !dryRun);
        if (count > MaxRecordsPerBatch) errors.Add("records", $"at most {MaxRecordsPerBatch} per call.");
        errors.ThrowIfAny();
        var subsidiaryId = Guid.Parse(subsidiary);
        AuthorizeSync(context, subsidiaryId);
        if (!Guid.TryParse(syncRunId, out var runId)) return (subsidiaryId, null);
        var run = await db.Set<HrSyncRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.SubsidiaryId == subsidiaryId, context.CancellationToken)
            ?? throw FieldErrors.Single("syncRunId", "The sync run was not found.", StatusCode.NotFound);
        if (!run.IsRunning && !dryRun) throw FieldErrors.Single("syncRunId", "The sync run is finished.", StatusCode.FailedPrecondition);
        return (subsidiaryId, dryRun ? null : runId);
    }

    /// <summary>Departments: HR groups upserted by code (externalId), else by name; members are left as they are.</summary>
    public Task<C.ApplyHrEmployeesResponse> ApplyDepartmentsAsync(Guid subsidiaryId, Guid? runId, bool dryRun, IEnumerable<C.HrDepartmentRecord> records, ServerCallContext context) =>
        ApplyBatchAsync(subsidiaryId, runId, dryRun, records, async (record, ct) =>
        {
            var code = string.IsNullOrWhiteSpace(record.Code) ? null : record.Code.Trim();
            var errors = new FieldErrors().Required("name", record.Name, HrGroup.MaxDisplayNameLength);
            if (code is { Length: > HrUser.MaxTextLength }) errors.Add("code", $"must be at most {HrUser.MaxTextLength} characters.");
            errors.ThrowIfAny();
            var name = record.Name.Trim();
            var group = code is not null
                ? await db.Set<HrGroup>().FirstOrDefaultAsync(g => g.SubsidiaryId == subsidiaryId && g.ExternalId == code, ct)
                : await db.Set<HrGroup>().FirstOrDefaultAsync(g => g.SubsidiaryId == subsidiaryId && g.DisplayName == name, ct);
            var now = clock.GetUtcNow();
            HrApplyOutcome outcome;
            if (group is null)
            {
                db.Add(HrGroup.Create(subsidiaryId, name, code, now));
                outcome = HrApplyOutcome.Created;
            }
            else if (group.DisplayName == name) outcome = HrApplyOutcome.Unchanged;
            else
            {
                group.Rename(name);
                group.Touch(now);
                outcome = HrApplyOutcome.Updated;
            }
            return Result(record.RowNumber, outcome, null, null, group?.Id, null, code, name);
        }, r => Result(r.RowNumber, HrApplyOutcome.Error, null, null, null, null, r.HasCode ? r.Code : null, r.Name), context);

    /// <summary>
    /// A batch in one transaction, each record under its own savepoint; a dry run rolls the whole transaction back, so it
    /// writes nothing. Otherwise the run's counters and rows are recorded and the run answered with the results.
    /// </summary>
    public async Task<C.ApplyHrEmployeesResponse> ApplyBatchAsync<T>(Guid subsidiaryId, Guid? runId, bool dryRun, IEnumerable<T> records,
        Func<T, CancellationToken, Task<C.HrRecordResult>> apply, Func<T, C.HrRecordResult> failed, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var response = new C.ApplyHrEmployeesResponse();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        response.Results.AddRange(await ApplyRecordsOneByOneAsync(db, records, apply, failed, ct));
        if (dryRun)
        {
            await transaction.RollbackAsync(ct);
            return response;
        }
        await RecordResultsAsync(db, runId!.Value, response.Results, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        response.Run = ToContract(await db.Set<HrSyncRun>().AsNoTracking().SingleAsync(r => r.Id == runId, ct), clock);
        return response;
    }

    /// <summary>Each record in the open transaction under its own savepoint: a bad record is reported (outcome "error") and the others apply.</summary>
    public static async Task<List<C.HrRecordResult>> ApplyRecordsOneByOneAsync<T>(OrganizationDbContext db, IEnumerable<T> records, Func<T, CancellationToken, Task<C.HrRecordResult>> apply,
        Func<T, C.HrRecordResult> failed, CancellationToken ct)
    {
        var results = new List<C.HrRecordResult>();
        foreach (var record in records)
        {
            await db.Database.CurrentTransaction!.CreateSavepointAsync("hr_record", ct);
            C.HrRecordResult result;
            try
            {
                result = await apply(record, ct);
                await db.SaveChangesAsync(ct);
                await db.Database.CurrentTransaction!.ReleaseSavepointAsync("hr_record", ct);
            }
            catch (Exception ex) when (ex is RpcException or DbUpdateException && !ct.IsCancellationRequested)
            {
                await db.Database.CurrentTransaction!.RollbackToSavepointAsync("hr_record", ct);
                result = Failed(failed(record), ex);
            }
            db.ChangeTracker.Clear();
            results.Add(result);
        }
        return results;
    }

    /// <summary>An employee record through the one apply path (<paramref name="sync"/>); a row the file could not read is refused with its error.</summary>
    public Func<C.HrEmployeeRecord, CancellationToken, Task<C.HrRecordResult>> ApplyEmployee(Guid subsidiaryId, Guid? runId,
        Dictionary<int, (string Field, string Message)> rowErrors, HrEmployeeSync sync) => async (record, ct) =>
    {
        if (rowErrors.TryGetValue(record.RowNumber, out var error)) throw FieldErrors.Single(error.Field, error.Message);
        var time = record.HrUpdatedAt?.ToDateTimeOffset() ?? clock.GetUtcNow();
        var result = await sync.ApplyEmployeeAsync(subsidiaryId, new HrEmployeeRecord(O(record.HasEmployeeNumber, record.EmployeeNumber),
            O(record.HasExternalId, record.ExternalId), O(record.HasName, record.Name), O(record.HasDepartment, record.Department),
            O(record.HasPosition, record.Position), record.Active, time), runId, ct);
        return Result(record.RowNumber, result.Outcome, result.Message, result.User?.PersonId, result.User?.Id,
            record.HasEmployeeNumber ? record.EmployeeNumber : null, record.HasExternalId ? record.ExternalId : null, record.HasName ? record.Name : null);
    };

    public static C.HrRecordResult FailedEmployee(C.HrEmployeeRecord r) => Result(r.RowNumber, HrApplyOutcome.Error, null, null, null,
        r.HasEmployeeNumber ? r.EmployeeNumber : null, r.HasExternalId ? r.ExternalId : null, r.HasName ? r.Name : null);

    public static C.HrRecordResult Failed(C.HrRecordResult result, Exception ex)
    {
        result.Message = ex is RpcException rpc ? Describe(rpc) : "The record could not be saved (it clashes with another record).";
        return result;
    }

    /// <summary>The run's counters and its rows (up to the run's bound), in the batch's transaction.</summary>
    /// <param name="storedBefore">The run's rows already stored, when the caller knows (a file's earlier batches); else counted.</param>
    public async Task RecordResultsAsync(OrganizationDbContext db, Guid runId, IReadOnlyCollection<C.HrRecordResult> results, CancellationToken ct, int? storedBefore = null)
    {
        var ledger = new HrSyncRunLedger(db, clock);
        var outcomes = results.Select(r => System.Enum.Parse<HrApplyOutcome>(r.Outcome, ignoreCase: true)).ToList();
        await ledger.CountAsync(runId, outcomes, results.Where(r => r.Outcome == "error").Select(r => $"row {r.RowNumber}: {r.Message}").ToList(), ct);
        var stored = storedBefore ?? await db.Set<HrSyncRunRow>().CountAsync(r => r.RunId == runId, ct);
        var rows = results.Take(Math.Max(0, HrSyncRunRow.MaxRowsPerRun - stored)).Select(r => new HrSyncRunRow
        {
            RunId = runId, RowNumber = r.RowNumber, EmployeeNumber = Cap(r.HasEmployeeNumber ? r.EmployeeNumber : null, People.Person.MaxEmployeeNumberLength),
            ExternalId = Cap(r.HasExternalId ? r.ExternalId : null, HrUser.MaxTextLength), Name = Cap(r.HasName ? r.Name : null, HrUser.MaxTextLength),
            Outcome = r.Outcome, Message = Cap(r.Message, HrSyncRun.MaxErrorLength),
        }).ToList();
        try
        {
            // COPY, untracked: a row clashing with one already stored fails the COPY as it would the INSERT (unique key run + row).
            await db.CopyAsync(rows, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw FieldErrors.Single("records", "A row number was already applied in this run.", StatusCode.AlreadyExists);
        }
        db.ChangeTracker.Clear();
    }

    static string Describe(RpcException ex)
    {
        var violations = FieldErrors.From(ex);
        return violations.Count > 0 ? string.Join("; ", violations.Select(v => $"{v.Key}: {string.Join(" ", v.Value)}")) : ex.Status.Detail;
    }

    static string? Cap(string? value, int max) => value is null ? null : value.Length > max ? value[..max] : value;
}

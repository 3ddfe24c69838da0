using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Memory;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Alliance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Alliance.Organization.Alliances.UnitRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync;

/// <summary>
/// The apply path for file imports and pull connectors, sync runs and HR conflicts. Callers: an administrator of the
/// subsidiary or an HR client of it; another subsidiary's runs and conflicts are NOT_FOUND.
/// </summary>
public sealed partial class HrSyncGrpcService
{
    public const int MaxRecordsPerBatch = 1000;
    const int MaxRowsPage = 5000;

    public override async Task<C.HrSyncRun> StartHrSyncRun(C.StartHrSyncRunRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).Required("source", request.Source, HrSyncRun.MaxSourceLength).ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        var who = AuthorizeSync(context, subsidiaryId);
        var ct = context.CancellationToken;
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        if (request.Source.Trim().Equals(HrSyncRun.ScimSource, StringComparison.OrdinalIgnoreCase))
            throw FieldErrors.Single("source", "\"scim\" is the source of the SCIM writes' daily runs.");
        var run = HrSyncRun.Start(subsidiaryId, request.Source, request.Total, who, clock.GetUtcNow());
        db.Add(run);
        await db.SaveChangesAsync(ct);
        return ToContract(run);
    }

    /// <summary>
    /// A batch of employee records, in one transaction with a savepoint per record: a bad record is reported (outcome
    /// "error") and the others apply. A dry run rolls the whole transaction back, so it writes nothing.
    /// </summary>
    public override async Task<C.ApplyHrEmployeesResponse> ApplyHrEmployees(C.ApplyHrEmployeesRequest request, ServerCallContext context)
    {
        var (subsidiaryId, runId) = await BatchAsync(request.SubsidiaryId, request.SyncRunId, request.DryRun, request.Records.Count, context);
        return await ApplyEmployeesAsync(subsidiaryId, runId, request.DryRun, request.Records, [], context);
    }

    Task<C.ApplyHrEmployeesResponse> ApplyEmployeesAsync(Guid subsidiaryId, Guid? runId, bool dryRun, IEnumerable<C.HrEmployeeRecord> records,
        Dictionary<int, (string Field, string Message)> rowErrors, ServerCallContext context) =>
        ApplyBatchAsync(subsidiaryId, runId, dryRun, records, ApplyEmployee(subsidiaryId, runId, rowErrors, new HrEmployeeSync(db, clock)), FailedEmployee, context);

    const int FileBatch = 500;

    /// <summary>
    /// A file: read, then applied in batches of 500 rows into a run whose counters grow with each batch. A dry run
    /// applies the whole file in one transaction that is rolled back, so later rows see earlier ones as a real import would.
    /// </summary>
    public override async Task<C.ImportHrFileResponse> ImportHrFile(C.ImportHrFileRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId);
        if (request.Kind is { Length: > 0 } k && k is not ("employees" or "departments")) errors.Add("kind", "must be employees or departments.");
        if (request.FileName.Length > 200) errors.Add("fileName", "must be at most 200 characters.");
        errors.ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        var who = AuthorizeSync(context, subsidiaryId);
        var ct = context.CancellationToken;
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct)) throw new RpcException(new Status(StatusCode.NotFound, "The subsidiary was not found."));
        IReadOnlyList<HrImportRow> rows;
        try { rows = HrImportFile.Read(request.File.Memory); } // a CSV is read in place, not copied
        catch (HrImportFileException e) { throw FieldErrors.Single("file", e.Message); }
        request.File = ByteString.Empty; // read: the file's bytes (tens of MB) need not live through the import
        var kind = request.Kind switch
        {
            "employees" => HrImportKind.Employees,
            "departments" => HrImportKind.Departments,
            _ => HrImportFile.DetectKind(rows),
        };
        var fileTime = clock.GetUtcNow();  // a multipart upload carries no file time: the upload's time stands for it
        var response = new C.ImportHrFileResponse { Kind = kind == HrImportKind.Employees ? "employees" : "departments" };
        Guid? runId = null;
        if (!request.DryRun)
        {
            var source = "file:" + (string.IsNullOrWhiteSpace(request.FileName) ? response.Kind : request.FileName.Trim());
            var run = HrSyncRun.Start(subsidiaryId, source.Length > HrSyncRun.MaxSourceLength ? source[..HrSyncRun.MaxSourceLength] : source, rows.Count, who, fileTime);
            db.Add(run);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            runId = run.Id;
        }
        try
        {
            if (kind == HrImportKind.Employees)
                await ImportEmployeesAsync(subsidiaryId, runId, request.DryRun, rows, fileTime, response, context);
            else
            {
                foreach (var batch in rows.Chunk(request.DryRun ? int.MaxValue : FileBatch))
                {
                    var departments = new C.ApplyHrDepartmentsRequest();
                    departments.Records.AddRange(batch.Select(row =>
                    {
                        var record = new C.HrDepartmentRecord { RowNumber = row.RowNumber, Name = row[HrImportFile.Name] ?? row[HrImportFile.Department] ?? "" };
                        if (row[HrImportFile.Code] is { } code) record.Code = code;
                        return record;
                    }));
                    var applied = await ApplyDepartmentsAsync(subsidiaryId, runId, request.DryRun, departments.Records, context);
                    Report(response, applied.Results);
                }
            }
        }
        catch (Exception e) when (runId is not null && e is not OperationCanceledException)
        {
            await FinishAsync(runId.Value, failed: true, e is RpcException rpc ? rpc.Status.Detail : "The import stopped on an unexpected error.", ct);
            throw;
        }
        if (runId is { } id) response.Run = ToContract(await FinishAsync(id, failed: false, null, ct));
        if (rows.Count >= GiveMemoryBackAfterRows)
        {
            // A file this size left the GC's budgets sized for it (hundreds of MB): give them back now, as the idle
            // trimmer would once the service is idle, in case the next import follows at once (ADR 19).
            rows = [];
            IdleMemoryTrimmer.Trim();
        }
        return response;
    }

    /// <summary>An import of at least this many rows gives its memory back when it ends.</summary>
    const int GiveMemoryBackAfterRows = 50_000;

    /// <summary>Rows a file import's answer carries; all of them are counted, and kept with the run for results.csv.</summary>
    public const int MaxResultsInAnswer = 10_000;

    static void Report(C.ImportHrFileResponse response, IEnumerable<C.HrRecordResult> results)
    {
        foreach (var result in results)
        {
            response.Counts[result.Outcome] = response.Counts.GetValueOrDefault(result.Outcome) + 1;
            if (response.Results.Count < MaxResultsInAnswer) response.Results.Add(result);
            else response.ResultsTruncated = true;
        }
    }

    Func<C.HrEmployeeRecord, CancellationToken, Task<C.HrRecordResult>> ApplyEmployee(Guid subsidiaryId, Guid? runId,
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

    static C.HrRecordResult FailedEmployee(C.HrEmployeeRecord r) => Result(r.RowNumber, HrApplyOutcome.Error, null, null, null,
        r.HasEmployeeNumber ? r.EmployeeNumber : null, r.HasExternalId ? r.ExternalId : null, r.HasName ? r.Name : null);

    async Task<HrSyncRun> FinishAsync(Guid runId, bool failed, string? error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var run = await db.Set<HrSyncRun>().SingleAsync(r => r.Id == runId, ct);
        run.Finish(failed, error, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        return run;
    }

    /// <summary>Departments: HR groups upserted by code (externalId), else by name; members are left as they are.</summary>
    public override async Task<C.ApplyHrEmployeesResponse> ApplyHrDepartments(C.ApplyHrDepartmentsRequest request, ServerCallContext context)
    {
        var (subsidiaryId, runId) = await BatchAsync(request.SubsidiaryId, request.SyncRunId, request.DryRun, request.Records.Count, context);
        return await ApplyDepartmentsAsync(subsidiaryId, runId, request.DryRun, request.Records, context);
    }

    Task<C.ApplyHrEmployeesResponse> ApplyDepartmentsAsync(Guid subsidiaryId, Guid? runId, bool dryRun, IEnumerable<C.HrDepartmentRecord> records, ServerCallContext context) =>
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

    async Task<(Guid Subsidiary, Guid? Run)> BatchAsync(string subsidiary, string syncRunId, bool dryRun, int count, ServerCallContext context)
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

    async Task<C.ApplyHrEmployeesResponse> ApplyBatchAsync<T>(Guid subsidiaryId, Guid? runId, bool dryRun, IEnumerable<T> records,
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
        response.Run = ToContract(await db.Set<HrSyncRun>().AsNoTracking().SingleAsync(r => r.Id == runId, ct));
        return response;
    }

    /// <summary>Each record in the open transaction under its own savepoint: a bad record is reported (outcome "error") and the others apply.</summary>
    async Task<List<C.HrRecordResult>> ApplyRecordsOneByOneAsync<T>(OrganizationDbContext db, IEnumerable<T> records, Func<T, CancellationToken, Task<C.HrRecordResult>> apply,
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

    static C.HrRecordResult Failed(C.HrRecordResult result, Exception ex)
    {
        result.Message = ex is RpcException rpc ? Describe(rpc) : "The record could not be saved (it clashes with another record).";
        return result;
    }

    /// <summary>The run's counters and its rows (up to the run's bound), in the batch's transaction.</summary>
    /// <param name="storedBefore">The run's rows already stored, when the caller knows (a file's earlier batches); else counted.</param>
    async Task RecordResultsAsync(OrganizationDbContext db, Guid runId, IReadOnlyCollection<C.HrRecordResult> results, CancellationToken ct, int? storedBefore = null)
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

    static C.HrRecordResult Result(int row, HrApplyOutcome outcome, string? message, Guid? personId, Guid? userId, string? number, string? externalId, string? name)
    {
        var result = new C.HrRecordResult { RowNumber = row, Outcome = outcome.ToName(), Message = message ?? "", PersonId = personId?.ToString() ?? "", HrUserId = userId?.ToString() ?? "" };
        if (number is not null) result.EmployeeNumber = number;
        if (externalId is not null) result.ExternalId = externalId;
        if (name is not null) result.Name = name;
        return result;
    }

    public override async Task<C.HrSyncRun> FinishHrSyncRun(C.FinishHrSyncRunRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var run = await FindRunAsync(request.Id, context, tracked: true);
        if (run.Day is not null) throw FieldErrors.Single("id", "A daily SCIM run is not finished.", StatusCode.FailedPrecondition);
        run.Finish(request.Failed, string.IsNullOrWhiteSpace(request.Error) ? null : request.Error.Trim(), clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw Stale("sync run"); }
        return ToContract(run);
    }

    public override async Task<C.HrSyncRun> GetHrSyncRun(C.GetHrSyncRunRequest request, ServerCallContext context) =>
        ToContract(await FindRunAsync(request.Id, context, tracked: false));

    public override async Task<C.ListHrSyncRunsResponse> ListHrSyncRuns(C.ListHrSyncRunsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (request.Status is { Length: > 0 } s && s is not ("running" or "succeeded" or "failed")) errors.Add("status", "must be running, succeeded or failed.");
        errors.ThrowIfAny();
        var query = db.Set<HrSyncRun>().AsNoTracking().Where(RunScope(context, request.SubsidiaryId));
        if (request.Status is { Length: > 0 } status) query = query.Where(r => r.Status == status);
        var (page, size) = Page(request.Page, request.PageSize);
        var ct = context.CancellationToken;
        var response = new C.ListHrSyncRunsResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange((await query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct)).Select(ToContract));
        return response;
    }

    public override async Task<C.ListHrSyncRunRowsResponse> ListHrSyncRunRows(C.ListHrSyncRunRowsRequest request, ServerCallContext context)
    {
        var run = await FindRunAsync(request.RunId, context, tracked: false);
        var size = request.PageSize <= 0 ? MaxRowsPage : Math.Min(request.PageSize, MaxRowsPage);
        var rows = await db.Set<HrSyncRunRow>().AsNoTracking().Where(r => r.RunId == run.Id && r.RowNumber > request.AfterRowNumber)
            .OrderBy(r => r.RowNumber).Take(size).ToListAsync(context.CancellationToken);
        var response = new C.ListHrSyncRunRowsResponse();
        response.Rows.AddRange(rows.Select(r => Result(r.RowNumber, System.Enum.Parse<HrApplyOutcome>(r.Outcome, true), r.Message, null, null, r.EmployeeNumber, r.ExternalId, r.Name)));
        return response;
    }

    async Task<HrSyncRun> FindRunAsync(string id, ServerCallContext context, bool tracked)
    {
        if (!Guid.TryParse(id, out var runId)) throw new RpcException(new Status(StatusCode.NotFound, "The sync run was not found."));
        var runs = tracked ? db.Set<HrSyncRun>() : db.Set<HrSyncRun>().AsNoTracking();
        var run = await runs.Where(RunScope(context, "")).SingleOrDefaultAsync(r => r.Id == runId, context.CancellationToken);
        return run ?? throw new RpcException(new Status(StatusCode.NotFound, "The sync run was not found."));
    }

    System.Linq.Expressions.Expression<Func<HrSyncRun, bool>> RunScope(ServerCallContext context, string subsidiary)
    {
        var (all, tenant) = SyncSight(context);
        Guid? wanted = Guid.TryParse(subsidiary, out var s) ? s : null;
        return r => (all || r.SubsidiaryId == tenant) && (wanted == null || r.SubsidiaryId == wanted);
    }

    // ---- conflicts ----

    public override async Task<C.ListHrConflictsResponse> ListHrConflicts(C.ListHrConflictsRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (request.Status is { Length: > 0 } s && s is not ("open" or "resolved")) errors.Add("status", "must be open or resolved.");
        errors.ThrowIfAny();
        var (all, tenant) = SyncSight(context);
        var query = db.Set<HrConflict>().AsNoTracking().Where(c => all || c.SubsidiaryId == tenant);
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiaryId)) query = query.Where(c => c.SubsidiaryId == subsidiaryId);
        if (request.Status == "open") query = query.Where(c => !c.Resolved);
        else if (request.Status == "resolved") query = query.Where(c => c.Resolved);
        var (page, size) = Page(request.Page, request.PageSize);
        var ct = context.CancellationToken;
        var response = new C.ListHrConflictsResponse { Total = await query.CountAsync(ct) };
        response.Items.AddRange((await query.OrderByDescending(c => c.RaisedAt).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct)).Select(ToContract));
        return response;
    }

    public override async Task<C.HrConflict> GetHrConflict(C.GetHrConflictRequest request, ServerCallContext context) =>
        ToContract(await FindConflictAsync(request.Id, context, tracked: false));

    /// <summary>Resolves an open conflict with a note. Ending roles is done before through the People commands (EndRole), never here.</summary>
    public override async Task<C.HrConflict> ResolveHrConflict(C.ResolveHrConflictRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("id", request.Id).Required("note", request.Note, HrConflict.MaxNoteLength).ThrowIfAny();
        var caller = CallerScope.From(context);
        caller.EnsureAdmin("resolve an HR conflict");
        var conflict = await FindConflictAsync(request.Id, context, tracked: true);
        EnsureExpectedVersion(request.ExpectedVersion, conflict.Version, "HR conflict");
        if (conflict.Resolved) throw FieldErrors.Single("id", "The conflict is already resolved.", StatusCode.FailedPrecondition);
        var now = clock.GetUtcNow();
        var by = caller.UserId ?? caller.Role;
        conflict.Resolve(request.Note, by, now);
        db.AddIntegrationEvent(new HrConflictResolved(Guid.CreateVersion7(), conflict.SubsidiaryId, now, conflict.Id, conflict.PersonId, conflict.ResolutionNote!, by));
        try { await db.SaveChangesAsync(context.CancellationToken); }
        catch (DbUpdateConcurrencyException) { throw Stale("HR conflict"); }
        return ToContract(conflict);
    }

    async Task<HrConflict> FindConflictAsync(string id, ServerCallContext context, bool tracked)
    {
        var (all, tenant) = SyncSight(context);
        if (!Guid.TryParse(id, out var conflictId)) throw new RpcException(new Status(StatusCode.NotFound, "The conflict was not found."));
        var conflicts = tracked ? db.Set<HrConflict>() : db.Set<HrConflict>().AsNoTracking();
        return await conflicts.SingleOrDefaultAsync(c => c.Id == conflictId && (all || c.SubsidiaryId == tenant), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The conflict was not found."));
    }

    // ---- who may ----

    /// <summary>An HR client of the subsidiary or an administrator who may reach it; answers who, for the run's record.</summary>
    static string AuthorizeSync(ServerCallContext context, Guid subsidiaryId)
    {
        if (context.UserRole == Roles.HrClient)
        {
            if (!Guid.TryParse(context.TenantId, out var tenant) || tenant != subsidiaryId)
                throw new RpcException(new Status(StatusCode.NotFound, "The subsidiary was not found."));
            return "hr-client";
        }
        var caller = CallerScope.From(context);
        caller.EnsureAdmin("synchronise HR data");
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        return caller.UserId ?? caller.Role;
    }

    /// <summary>Every subsidiary (group admin), or the caller's own (subsidiary admin, HR client).</summary>
    static (bool All, Guid? Tenant) SyncSight(ServerCallContext context)
    {
        if (context.UserRole == Roles.HrClient)
            return Guid.TryParse(context.TenantId, out var t) ? (false, t) : throw new RpcException(new Status(StatusCode.PermissionDenied, "The HR client carries no subsidiary."));
        var caller = CallerScope.From(context);
        caller.EnsureAdmin("see HR synchronisation");
        return (caller.IsGroupAdmin, caller.TenantId);
    }

    static (int Page, int Size) Page(int page, int size) => (Math.Max(1, page), size <= 0 ? 20 : Math.Min(size, 200));

    C.HrSyncRun ToContract(HrSyncRun r)
    {
        var end = r.FinishedAt ?? clock.GetUtcNow();
        var result = new C.HrSyncRun
        {
            Id = r.Id.ToString(), SubsidiaryId = r.SubsidiaryId.ToString(), Source = r.Source, StartedAt = Timestamp.FromDateTimeOffset(r.StartedAt),
            Status = r.Status, Total = r.Total, Processed = r.Processed, Created = r.Created, Updated = r.Updated, Deactivated = r.Deactivated,
            Unchanged = r.Unchanged, Stale = r.Stale, Conflicts = r.Conflicts, Errors = r.Errors,
            DurationMs = (long)Math.Max(0, (end - r.StartedAt).TotalMilliseconds), StartedBy = r.StartedBy,
        };
        if (r.FinishedAt is { } f) result.FinishedAt = Timestamp.FromDateTimeOffset(f);
        result.ErrorMessages.AddRange(r.ErrorMessages);
        return result;
    }

    static C.HrConflict ToContract(HrConflict c)
    {
        var result = new C.HrConflict
        {
            Id = c.Id.ToString(), SubsidiaryId = c.SubsidiaryId.ToString(), PersonId = c.PersonId.ToString(), PersonName = c.PersonName,
            Kind = c.Kind, Details = c.Details, RaisedAt = Timestamp.FromDateTimeOffset(c.RaisedAt), Status = c.Resolved ? "resolved" : "open", Version = c.Version,
        };
        result.RoleIds.AddRange(c.RoleIds.Select(id => id.ToString()));
        if (c.SyncRunId is { } run) result.SyncRunId = run.ToString();
        if (c.ResolutionNote is { } note) result.ResolutionNote = note;
        if (c.ResolvedBy is { } by) result.ResolvedBy = by;
        if (c.ResolvedAt is { } at) result.ResolvedAt = Timestamp.FromDateTimeOffset(at);
        return result;
    }
}

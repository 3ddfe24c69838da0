using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Messaging;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Alliance.Organization.HrSync.Runs.HrApplyPath;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>A file's employees: in batches, each prepared in memory and then written with COPY, two batches in flight.</summary>
public sealed class HrEmployeeFileImport(OrganizationDbContext db, TimeProvider clock, IServiceScopeFactory scopes, ILogger<HrEmployeeFileImport> logger,
    HrApplyPath path)
{
    const int EmployeeFileBatch = 2000;

    /// <summary>An import refreshes the tables' statistics once it has added this many people, and again each time it has doubled them.</summary>
    const int AnalyzeAfterAdding = 10_000;

    /// <summary>
    /// A batch ready to be written: its records, the results the apply path gave them, on <see cref="Db"/> what it changes
    /// (tracked), and what it adds encoded for COPY (<see cref="Copies"/>: people, HR users, conflicts, then its events as a
    /// few outbox rows). No results: preparing it failed on the database, and it is applied record by record instead.
    /// </summary>
    sealed record PreparedBatch(OrganizationDbContext Db, int Start, List<C.HrEmployeeRecord> Records, Dictionary<int, (string, string)> RowErrors,
        List<C.HrRecordResult>? Results, IReadOnlyList<EncodedRows>? Copies);

    /// <summary>
    /// A file's employees, in batches of 2,000 through the one apply path with set lookups (<see cref="HrBatchLookups"/>)
    /// and COPY for what the batch adds (<see cref="EntityCopy"/>). Each batch commits on its own with its results and
    /// counts, and while one batch is written the next is prepared on a second DbContext (ADR 19); a dry run keeps the
    /// whole file in one transaction that is rolled back, one batch after the other, so later rows see earlier ones.
    /// A batch that shares a key with the one before it is prepared only once that one is written. A batch the database
    /// refuses (a row clashing with a concurrent write, or a stored row changed since it was read: every update carries
    /// the row's version) is applied again row by row with a savepoint per row, so only the clashing rows fail.
    /// </summary>
    public async Task ImportAsync(Guid subsidiaryId, Guid? runId, bool dryRun, IReadOnlyList<HrImportRow> rows, DateTimeOffset fileTime,
        C.ImportHrFileResponse response, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var phases = new ImportPhases();
        var starts = Enumerable.Range(0, (rows.Count + EmployeeFileBatch - 1) / EmployeeFileBatch).Select(b => b * EmployeeFileBatch).ToList();
        if (dryRun)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var start in starts)
            {
                var batch = await PrepareEmployeeBatchAsync(db, subsidiaryId, null, rows, start, fileTime, phases, ct);
                ImportHrFile.Report(response, await WriteEmployeeBatchAsync(batch, subsidiaryId, null, phases, ct));
            }
            await transaction.RollbackAsync(ct);
            logger.LogInformation("HR import of {Rows} employees (dry run): {Phases}", rows.Count, phases);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        OrganizationDbContext[] contexts = [db, scope.ServiceProvider.GetRequiredService<OrganizationDbContext>()];
        int added = 0, analyzeAt = AnalyzeAfterAdding;
        var analyze = false;
        var prepared = starts.Count == 0 ? null : await PrepareEmployeeBatchAsync(contexts[0], subsidiaryId, runId, rows, 0, fileTime, phases, ct);
        var keys = starts.Count == 0 ? [] : Keys(rows, 0);
        for (var b = 0; b < starts.Count; b++)
        {
            var on = contexts[(b + 1) % 2];
            var start = b + 1 < starts.Count ? starts[b + 1] : -1;
            // The next batch is prepared now, against the database as it was before this one, unless a record of it has a
            // key (employee number, externalId) of this one: then after this one is written, so it finds what this adds.
            var nextKeys = start < 0 ? [] : Keys(rows, start);
            var dependent = nextKeys.Overlaps(keys);
            keys = nextKeys;
            var analyzeFirst = analyze && start >= 0;
            if (analyzeFirst) analyze = false;
            var next = start < 0 || dependent ? null : Task.Run(() => PrepareEmployeeBatchAsync(on, subsidiaryId, runId, rows, start, fileTime, phases, ct, analyzeFirst), ct);
            List<C.HrRecordResult> results;
            try
            {
                results = await WriteEmployeeBatchAsync(prepared!, subsidiaryId, runId, phases, ct);
                if ((added += results.Count(r => r.Outcome == "created")) >= analyzeAt)
                {
                    // The planner's statistics lag behind a load this size: without them it looked up a batch's employee
                    // numbers through the userName index, scanning the subsidiary's HR users once per batch (seconds each).
                    // They are gathered by the next batch prepared, beside the next write rather than before it.
                    analyze = true;
                    analyzeAt = 2 * added;
                }
            }
            catch when (next is not null)
            {
                // The other context is still preparing: let it finish before the scope that owns it is disposed.
                try { await next; } catch { /* the write's failure is the one reported */ }
                throw;
            }
            ImportHrFile.Report(response, results);
            if (next is not null) prepared = await next;
            else if (dependent) prepared = await PrepareEmployeeBatchAsync(on, subsidiaryId, runId, rows, start, fileTime, phases, ct, analyzeFirst);
        }
        logger.LogInformation("HR import of {Rows} employees: {Phases}", rows.Count, phases);
    }

    /// <summary>The employee numbers and externalIds of the batch starting at <paramref name="start"/>, as its records carry them.</summary>
    static HashSet<string> Keys(IReadOnlyList<HrImportRow> rows, int start)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < Math.Min(rows.Count, start + EmployeeFileBatch); i++)
        {
            if (rows[i][HrImportFile.EmployeeNumber] is { } number && !string.IsNullOrWhiteSpace(number)) keys.Add("n:" + number.Trim());
            if (rows[i][HrImportFile.ExternalId] is { } externalId && !string.IsNullOrWhiteSpace(externalId)) keys.Add("x:" + externalId.Trim());
        }
        return keys;
    }

    /// <summary>The batch's records, looked up in a few set queries and applied in memory on <paramref name="on"/>; nothing is written yet.</summary>
    async Task<PreparedBatch> PrepareEmployeeBatchAsync(OrganizationDbContext on, Guid subsidiaryId, Guid? runId, IReadOnlyList<HrImportRow> rows,
        int start, DateTimeOffset fileTime, ImportPhases phases, CancellationToken ct, bool analyzeFirst = false)
    {
        if (analyzeFirst)
            using (phases.Time(ImportPhase.Lookups)) await on.Database.ExecuteSqlRawAsync("ANALYZE hr_users, people", ct);
        var rowErrors = new Dictionary<int, (string, string)>();
        var records = new List<C.HrEmployeeRecord>(Math.Min(EmployeeFileBatch, rows.Count - start));
        using (phases.Time(ImportPhase.Read))
            for (var i = start; i < Math.Min(rows.Count, start + EmployeeFileBatch); i++) records.Add(EmployeeRecord(rows[i], fileTime, rowErrors));

        static string? Trimmed(bool has, string value) => has && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        HrBatchLookups lookups;
        try
        {
            using (phases.Time(ImportPhase.Lookups))
                lookups = await HrBatchLookups.LoadAsync(on, subsidiaryId,
                    records.Select(r => Trimmed(r.HasEmployeeNumber, r.EmployeeNumber)).OfType<string>().ToList(),
                    records.Select(r => Trimmed(r.HasExternalId, r.ExternalId)).OfType<string>().ToList(), ct);
        }
        catch (PostgresException) when (!ct.IsCancellationRequested)
        {
            return new PreparedBatch(on, start, records, rowErrors, null, null);
        }

        using var timing = phases.Time(ImportPhase.Apply);
        var apply = path.ApplyEmployee(subsidiaryId, runId, rowErrors, new HrEmployeeSync(on, clock, lookups));
        var results = new List<C.HrRecordResult>(records.Count);
        // Thousands of tracked rows: changes are detected once for the batch, after its last record, and SaveChanges
        // does not scan them again (automatic detection stays off until the batch is written).
        on.ChangeTracker.AutoDetectChangesEnabled = false;
        // Its events go as a few outbox rows, one EventBatch per type (ADR 19), not two rows per employee.
        using var events = on.BatchIntegrationEvents();
        IReadOnlyList<EncodedRows> copies;
        try
        {
            foreach (var record in records)
            {
                // The apply path checks a record before it changes anything: a refused record leaves nothing behind.
                try { results.Add(await apply(record, ct)); }
                catch (RpcException ex) { results.Add(Failed(FailedEmployee(record), ex)); }
            }
            on.ChangeTracker.DetectChanges();
            events.Flush();
            // What the batch adds is untracked (HrBatchLookups keeps it), encoded here while the previous batch is being
            // written: one COPY per table, parents first, then its events' outbox rows.
            copies = [on.Encode(lookups.NewPeople), on.Encode(lookups.NewUsers), on.Encode(lookups.NewConflicts), on.EncodeAdded(typeof(OutboxMessage))];
        }
        catch
        {
            // The import stops: the context is left as the run's finish (or another batch) needs it.
            on.ChangeTracker.AutoDetectChangesEnabled = true;
            on.ChangeTracker.Clear();
            throw;
        }
        return new PreparedBatch(on, start, records, rowErrors, results, copies);
    }

    /// <summary>
    /// The prepared batch in one transaction (or the dry run's): one COPY per table for what it adds and one SaveChanges
    /// for what it changes, else record by record; then the run's counters and result rows, and commit.
    /// </summary>
    async Task<List<C.HrRecordResult>> WriteEmployeeBatchAsync(PreparedBatch batch, Guid subsidiaryId, Guid? runId, ImportPhases phases, CancellationToken ct)
    {
        var on = batch.Db;
        await using var transaction = on.Database.CurrentTransaction is null ? await on.Database.BeginTransactionAsync(ct) : null;
        // A batch's commit does not wait for its WAL to reach the disk: the run's finish commits synchronously after the
        // last batch, which flushes every batch before it, and the answer waits for that. If PostgreSQL stops before,
        // the latest batches are lost together with their counters, results and events, and the run stays unfinished.
        if (transaction is not null) await on.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
        List<C.HrRecordResult> results;
        try
        {
            if (batch is { Results: { } prepared, Copies: { } copies })
            {
                await on.Database.CurrentTransaction!.CreateSavepointAsync("hr_batch", ct);
                try
                {
                    using (phases.Time(ImportPhase.Copy))
                        foreach (var copy in copies) await copy.WriteAsync(on, ct);
                    using (phases.Time(ImportPhase.Save)) await on.SaveChangesAsync(ct);
                    await on.Database.CurrentTransaction!.ReleaseSavepointAsync("hr_batch", ct);
                    results = prepared;
                }
                catch (Exception ex) when (ex is DbUpdateException or PostgresException && !ct.IsCancellationRequested)
                {
                    await on.Database.CurrentTransaction!.RollbackToSavepointAsync("hr_batch", ct);
                    results = await RecordByRecordAsync();
                }
            }
            else results = await RecordByRecordAsync(); // preparing it failed on the database
        }
        finally
        {
            on.ChangeTracker.AutoDetectChangesEnabled = true;
            on.ChangeTracker.Clear();
        }

        // What the batch prepared is dropped (nothing of it was kept) and each record applied under its own savepoint.
        async Task<List<C.HrRecordResult>> RecordByRecordAsync()
        {
            on.ChangeTracker.Clear();
            on.ChangeTracker.AutoDetectChangesEnabled = true;
            using (phases.Time(ImportPhase.OneByOne))
                return await ApplyRecordsOneByOneAsync(on, batch.Records, path.ApplyEmployee(subsidiaryId, runId, batch.RowErrors, new HrEmployeeSync(on, clock)), FailedEmployee, ct);
        }

        if (runId is { } run)
            using (phases.Time(ImportPhase.Results)) await path.RecordResultsAsync(on, run, results, ct, storedBefore: batch.Start);
        if (transaction is not null)
            using (phases.Time(ImportPhase.Commit)) await transaction.CommitAsync(ct);
        return results;
    }

    /// <summary>A file row as a record; a status or time it cannot read makes the row an error (reported, not applied).</summary>
    static C.HrEmployeeRecord EmployeeRecord(HrImportRow row, DateTimeOffset fileTime, Dictionary<int, (string, string)> rowErrors)
    {
        var record = new C.HrEmployeeRecord { RowNumber = row.RowNumber };
        if (row[HrImportFile.EmployeeNumber] is { } number) record.EmployeeNumber = number;
        if (row[HrImportFile.ExternalId] is { } externalId) record.ExternalId = externalId;
        if (row[HrImportFile.Name] is { } name) record.Name = name;
        if (row.Has(HrImportFile.Department)) record.Department = row[HrImportFile.Department] ?? "";
        if (row.Has(HrImportFile.Position)) record.Position = row[HrImportFile.Position] ?? "";
        var active = HrImportFile.ParseStatus(row[HrImportFile.Status]);
        if (active is null) rowErrors[row.RowNumber] = ("status", $"\"{row[HrImportFile.Status]}\" is not a status (active/inactive, 在职/离职).");
        record.Active = active ?? true;
        var time = HrImportFile.ParseTime(row[HrImportFile.UpdatedAt]);
        if (time is null && row[HrImportFile.UpdatedAt] is { } bad) rowErrors[row.RowNumber] = ("updatedAt", $"\"{bad}\" is not a date and time.");
        record.HrUpdatedAt = Timestamp.FromDateTimeOffset(time ?? fileTime);
        return record;
    }
}

using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Memory;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncAccess;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>
/// A file: read, then applied in batches of 500 rows into a run whose counters grow with each batch. A dry run
/// applies the whole file in one transaction that is rolled back, so later rows see earlier ones as a real import would.
/// A file of employees goes through <see cref="HrEmployeeFileImport"/>.
/// </summary>
public sealed class ImportHrFile(OrganizationDbContext db, TimeProvider clock, HrApplyPath path, HrEmployeeFileImport employees)
{
    const int FileBatch = 500;

    /// <summary>An import of at least this many rows gives its memory back when it ends.</summary>
    const int GiveMemoryBackAfterRows = 50_000;

    /// <summary>Rows a file import's answer carries; all of them are counted, and kept with the run for results.csv.</summary>
    public const int MaxResultsInAnswer = 10_000;

    public async Task<C.ImportHrFileResponse> HandleAsync(C.ImportHrFileRequest request, ServerCallContext context)
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
                await employees.ImportAsync(subsidiaryId, runId, request.DryRun, rows, fileTime, response, context);
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
                    var applied = await path.ApplyDepartmentsAsync(subsidiaryId, runId, request.DryRun, departments.Records, context);
                    Report(response, applied.Results);
                }
            }
        }
        catch (Exception e) when (runId is not null && e is not OperationCanceledException)
        {
            await FinishAsync(runId.Value, failed: true, e is RpcException rpc ? rpc.Status.Detail : "The import stopped on an unexpected error.", ct);
            throw;
        }
        if (runId is { } id) response.Run = ToContract(await FinishAsync(id, failed: false, null, ct), clock);
        if (rows.Count >= GiveMemoryBackAfterRows)
        {
            // A file this size left the GC's budgets sized for it (hundreds of MB): give them back now, as the idle
            // trimmer would once the service is idle, in case the next import follows at once (ADR 19).
            rows = [];
            IdleMemoryTrimmer.Trim();
        }
        return response;
    }

    /// <summary>Counts a batch's results in the answer, which carries the first <see cref="MaxResultsInAnswer"/> of them.</summary>
    public static void Report(C.ImportHrFileResponse response, IEnumerable<C.HrRecordResult> results)
    {
        foreach (var result in results)
        {
            response.Counts[result.Outcome] = response.Counts.GetValueOrDefault(result.Outcome) + 1;
            if (response.Results.Count < MaxResultsInAnswer) response.Results.Add(result);
            else response.ResultsTruncated = true;
        }
    }

    async Task<HrSyncRun> FinishAsync(Guid runId, bool failed, string? error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var run = await db.Set<HrSyncRun>().SingleAsync(r => r.Id == runId, ct);
        run.Finish(failed, error, clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        return run;
    }
}

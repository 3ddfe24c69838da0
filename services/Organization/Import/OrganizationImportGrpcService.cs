using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Common.ClientRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.Import;

/// <summary>
/// alliance.organization.v1.OrganizationImportService: preview and apply a CSV of a subsidiary's party tree.
/// Imports of one subsidiary run one at a time (a transaction-scoped advisory lock), so two concurrent imports of
/// the same file cannot both create its rows.
/// </summary>
public sealed class OrganizationImportGrpcService(OrganizationDbContext db, TimeProvider clock) : Alliance.Contracts.Organization.V1.OrganizationImportService.OrganizationImportServiceBase
{
    /// <summary>How many row errors a refused apply lists as field errors; the preview lists them all.</summary>
    const int MaxListedErrors = 50;

    public override async Task<C.TreeImportResult> PreviewTreeImport(C.TreeImportRequest request, ServerCallContext context)
    {
        var (subsidiaryId, rows) = Admit(request, context);
        var ct = context.CancellationToken;
        await EnsureSubsidiaryAsync(subsidiaryId, ct);
        var existing = await db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId).ToListAsync(ct);
        var plan = OrganizationTreeImportPlan.For(subsidiaryId, rows, existing, clock.GetUtcNow());
        return ToContract(subsidiaryId, plan, importId: null);
    }

    public override async Task<C.TreeImportResult> ApplyTreeImport(C.TreeImportRequest request, ServerCallContext context)
    {
        var (subsidiaryId, rows) = Admit(request, context);
        var ct = context.CancellationToken;
        var requestKey = ClientRequestKey("apply-tree-import", subsidiaryId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await FirstResultAsync(earlier, ct);
        await EnsureSubsidiaryAsync(subsidiaryId, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({LockKey(subsidiaryId)})", ct);
        var existing = await db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var plan = OrganizationTreeImportPlan.For(subsidiaryId, rows, existing, now);
        if (plan.HasErrors && !request.SkipInvalid) throw Refused(plan);

        var importedBy = context.UserId is { Length: > OrganizationTreeImport.MaxImportedByLength } user ? user[..OrganizationTreeImport.MaxImportedByLength] : context.UserId;
        var import = OrganizationTreeImport.Record(Guid.CreateVersion7(now), subsidiaryId, importedBy, plan, now);
        var result = ToContract(subsidiaryId, plan, import.Id);
        import.KeepResult(result.ToByteArray());
        db.Add(import);
        // Parents first: the plan lists new organizations in the order their paths were built.
        foreach (var row in plan.ToCreate)
        {
            var organization = row.Organization!;
            db.Organizations.Add(organization);
            db.AddIntegrationEvent(new OrganizationCreated(Guid.CreateVersion7(now), subsidiaryId, organization.CreatedAt,
                organization.Id, organization.ParentId, organization.Name, organization.Kind.ToEventName()));
        }
        db.AddIntegrationEvent(new OrganizationTreeImported(Guid.CreateVersion7(now), subsidiaryId, now,
            import.Id, import.TotalRows, import.Created, import.AlreadyExisting, import.Skipped));
        db.RememberClientRequest(requestKey, import.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner)
            return await FirstResultAsync(winner, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Checks the request and the caller, and reads the file; every failure here is the caller's to fix.</summary>
    static (Guid SubsidiaryId, IReadOnlyList<TreeImportRow> Rows) Admit(C.TreeImportRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        if (caller.Role is not (Roles.GroupAdmin or Roles.SubsidiaryAdmin))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only an administrator may import an organization tree."));
        try
        {
            return (subsidiaryId, OrganizationTreeCsv.Read(request.Csv.Span));
        }
        catch (TreeImportFileException ex)
        {
            throw FieldErrors.Single("file", ex.Message);
        }
    }

    async Task EnsureSubsidiaryAsync(Guid subsidiaryId, CancellationToken ct)
    {
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
    }

    async Task<C.TreeImportResult> FirstResultAsync(Guid importId, CancellationToken ct)
    {
        var bytes = await db.Set<OrganizationTreeImport>().AsNoTracking().Where(i => i.Id == importId).Select(i => i.Result).SingleAsync(ct);
        return C.TreeImportResult.Parser.ParseFrom(bytes);
    }

    static long LockKey(Guid subsidiaryId) => BitConverter.ToInt64(subsidiaryId.ToByteArray(), 8);

    static RpcException Refused(OrganizationTreeImportPlan plan)
    {
        var errors = new FieldErrors();
        foreach (var row in plan.Rows.Where(r => r.Outcome == RowOutcome.Error).Take(MaxListedErrors))
            errors.Add($"rows[{row.Row.Line}].{row.Column}", row.Message!);
        var rpc = errors.ToException(StatusCode.FailedPrecondition);
        var summary = $"{plan.ErrorCount} row(s) of the file have errors; nothing was imported. Fix them, or import with skipInvalid to skip them and their descendants.";
        return new RpcException(new Status(StatusCode.FailedPrecondition, summary), rpc.Trailers);
    }

    public static string KindName(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Committee => "committee",
        OrganizationKind.GeneralBranch => "general-branch",
        OrganizationKind.Branch => "branch",
        _ => "group",
    };

    static C.TreeImportResult ToContract(Guid subsidiaryId, OrganizationTreeImportPlan plan, Guid? importId)
    {
        var result = new C.TreeImportResult
        {
            SubsidiaryId = subsidiaryId.ToString(),
            Applied = importId is not null,
            TotalRows = plan.Rows.Count,
            CreateCount = plan.CreateCount,
            ExistsCount = plan.ExistsCount,
            ErrorCount = plan.ErrorCount,
        };
        if (importId is { } id) result.ImportId = id.ToString();
        result.Rows.AddRange(plan.Rows.Select(r =>
        {
            var row = new C.TreeImportRow
            {
                Line = r.Row.Line,
                Code = r.Row.Code,
                Name = r.Row.Name,
                Kind = r.Kind is { } kind ? KindName(kind) : r.Row.Kind,
                Parent = r.Parent,
                Outcome = r.Outcome switch
                {
                    RowOutcome.Create => C.TreeImportOutcome.Create,
                    RowOutcome.Exists => C.TreeImportOutcome.Exists,
                    _ => C.TreeImportOutcome.Error,
                },
                Column = r.Column ?? "",
                Message = r.Message ?? "",
                Reason = r.Error?.Reason ?? "",
                RelatedLine = r.Error?.RelatedLine ?? 0,
            };
            // A preview's new ids are thrown away, so only existing ones (and, applied, the created ones) are shown.
            if (r.Organization is { } o && (importId is not null || r.Outcome == RowOutcome.Exists)) row.OrganizationId = o.Id.ToString();
            return row;
        }));
        return result;
    }
}

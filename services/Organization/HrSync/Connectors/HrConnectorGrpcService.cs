using Alliance.Organization.Data;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.Alliances.UnitRequests;
using static Alliance.Organization.Common.ClientRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>alliance.organization.v1.HrConnectorService: HR pull connectors, for a group admin or the subsidiary's admin.</summary>
public sealed class HrConnectorGrpcService(OrganizationDbContext db, TimeProvider clock, PersonalDataProtector protector, HrConnectorScheduler scheduler,
    IHostApplicationLifetime lifetime) : Alliance.Contracts.Organization.V1.HrConnectorService.HrConnectorServiceBase
{
    public const int MaxSecretLength = 2000;
    public const int MaxDefinitionLength = 20_000;

    public override async Task<C.ListHrConnectorsResponse> ListHrConnectors(C.ListHrConnectorsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false).ThrowIfAny();
        caller.EnsureAdmin("see HR connectors");
        var query = db.Set<HrConnectorRegistration>().AsNoTracking();
        if (!caller.IsGroupAdmin) query = query.Where(c => c.SubsidiaryId == caller.TenantId);
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiaryId)) query = query.Where(c => c.SubsidiaryId == subsidiaryId);
        var items = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(500).ToListAsync(context.CancellationToken);
        var response = new C.ListHrConnectorsResponse();
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    public override async Task<C.HrConnector> GetHrConnector(C.HrConnectorIdRequest request, ServerCallContext context) =>
        ToContract(await FindAsync(CallerScope.From(context), request.Id, tracked: false, context.CancellationToken));

    public override async Task<C.HrConnector> CreateHrConnector(C.CreateHrConnectorRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId).Required("name", request.Name, HrConnectorRegistration.MaxNameLength);
        var definition = ValidateCommon(errors, request.DefinitionJson, request.Secret, request.IntervalSeconds);
        errors.ThrowIfAny();
        caller.EnsureAdmin("create an HR connector");
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;
        var requestKey = ClientRequestKey("CreateHrConnector", subsidiaryId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return ToContract(await LoadAsync(earlier, ct));
        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        if (await db.Set<HrConnectorRegistration>().AnyAsync(c => c.SubsidiaryId == subsidiaryId && c.Name == request.Name.Trim(), ct))
            throw NameTaken();
        var now = clock.GetUtcNow();
        var connector = HrConnectorRegistration.Create(subsidiaryId, request.Name, definition!, Encrypt(request.Secret), request.IntervalSeconds, request.Enabled, now);
        db.Add(connector);
        db.RememberClientRequest(requestKey, connector.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct, NameTaken) is { } winner) return ToContract(await LoadAsync(winner, ct));
        return ToContract(connector);
    }

    public override async Task<C.HrConnector> UpdateHrConnector(C.UpdateHrConnectorRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Required("name", request.Name, HrConnectorRegistration.MaxNameLength);
        var definition = ValidateCommon(errors, request.DefinitionJson, request.HasSecret ? request.Secret : null, request.IntervalSeconds);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var connector = await FindAsync(caller, request.Id, tracked: true, ct);
        EnsureVersion(connector, request.ExpectedVersion);
        if (await db.Set<HrConnectorRegistration>().AnyAsync(c => c.SubsidiaryId == connector.SubsidiaryId && c.Name == request.Name.Trim() && c.Id != connector.Id, ct))
            throw NameTaken();
        connector.Change(request.Name, definition!, request.HasSecret ? Encrypt(request.Secret) : null, keepSecret: !request.HasSecret, request.IntervalSeconds);
        await SaveAsync(ct);
        return ToContract(connector);
    }

    public override async Task<C.HrConnector> SetHrConnectorEnabled(C.SetHrConnectorEnabledRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var connector = await FindAsync(CallerScope.From(context), request.Id, tracked: true, ct);
        EnsureVersion(connector, request.ExpectedVersion);
        connector.SetEnabled(request.Enabled, clock.GetUtcNow());
        await SaveAsync(ct);
        return ToContract(connector);
    }

    public override async Task<C.HrConnector> RunHrConnectorNow(C.HrConnectorIdRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var connector = await FindAsync(CallerScope.From(context), request.Id, tracked: false, ct);
        if (!connector.Enabled) throw FieldErrors.Single("enabled", "The connector is disabled; enable it first.", StatusCode.FailedPrecondition);
        // Due now for whoever takes the lock first: this call, or the scheduler of another replica.
        await db.Set<HrConnectorRegistration>().Where(c => c.Id == connector.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextRunAt, clock.GetUtcNow()), ct);
        // The run is not tied to the call: a caller that gives up does not cut a run short (it stops only with the service).
        await scheduler.RunAsync(connector.Id, lifetime.ApplicationStopping, waitForLock: true);
        return ToContract(await LoadAsync(connector.Id, ct));
    }

    // ---- helpers ----

    static ConnectorDefinition? ValidateCommon(FieldErrors errors, string definitionJson, string? secret, int intervalSeconds)
    {
        if (intervalSeconds is < HrConnectorRegistration.MinIntervalSeconds or > HrConnectorRegistration.MaxIntervalSeconds)
            errors.Add("intervalSeconds", $"Must be between {HrConnectorRegistration.MinIntervalSeconds} and {HrConnectorRegistration.MaxIntervalSeconds}.");
        if (secret is { Length: > MaxSecretLength }) errors.Add("secret", $"Must be at most {MaxSecretLength} characters.");
        if (string.IsNullOrWhiteSpace(definitionJson)) { errors.Add("definition", "Is required."); return null; }
        if (definitionJson.Length > MaxDefinitionLength) { errors.Add("definition", $"Must be at most {MaxDefinitionLength} characters."); return null; }
        ConnectorDefinition definition;
        try { definition = ConnectorDefinition.FromJson(definitionJson); }
        catch (System.Text.Json.JsonException e) { errors.Add("definition", "Is not a valid definition: " + e.Message); return null; }
        foreach (var (field, messages) in definition.Validate()) errors.Add(field, messages[0]);
        return definition;
    }

    byte[]? Encrypt(string? secret) => string.IsNullOrEmpty(secret) ? null : protector.Encrypt(secret);

    async Task<HrConnectorRegistration> FindAsync(CallerScope caller, string id, bool tracked, CancellationToken ct)
    {
        caller.EnsureAdmin("manage HR connectors");
        if (!Guid.TryParse(id, out var connectorId)) throw NotFound();
        var query = tracked ? db.Set<HrConnectorRegistration>() : db.Set<HrConnectorRegistration>().AsNoTracking();
        var connector = await query.SingleOrDefaultAsync(c => c.Id == connectorId, ct);
        // Another subsidiary's connector is not found, not forbidden: its existence is not the caller's business.
        if (connector is null || !caller.CanAccess(connector.SubsidiaryId)) throw NotFound();
        return connector;
    }

    Task<HrConnectorRegistration> LoadAsync(Guid id, CancellationToken ct) =>
        db.Set<HrConnectorRegistration>().AsNoTracking().SingleAsync(c => c.Id == id, ct);

    static void EnsureVersion(HrConnectorRegistration connector, long expected)
    {
        if (expected != 0 && expected != connector.Version) throw Stale();
    }

    async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw Stale(); }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex)) { throw NameTaken(); }
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The HR connector was not found."));
    static RpcException Stale() => new(new Status(StatusCode.Aborted, "The HR connector was changed by someone else; reload and try again."));
    static RpcException NameTaken() => FieldErrors.Single("name", "Another HR connector of the subsidiary has this name.", StatusCode.AlreadyExists);

    static C.HrConnector ToContract(HrConnectorRegistration c)
    {
        var contract = new C.HrConnector
        {
            Id = c.Id.ToString(), SubsidiaryId = c.SubsidiaryId.ToString(), Name = c.Name, DefinitionJson = c.DefinitionJson,
            HasSecret = c.SecretCipher is not null, IntervalSeconds = c.IntervalSeconds, Enabled = c.Enabled, Cursor = c.Cursor ?? "",
            NextRunAt = Timestamp.FromDateTimeOffset(c.NextRunAt), LastRunStatus = c.LastRunStatus ?? "", LastRunError = c.LastRunError ?? "",
            LastRunCreated = c.LastRunCreated, LastRunUpdated = c.LastRunUpdated, LastRunDeactivated = c.LastRunDeactivated,
            LastRunPages = c.LastRunPages, Version = c.Version, CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt),
        };
        if (c.LastRunAt is { } at) contract.LastRunAt = Timestamp.FromDateTimeOffset(at);
        return contract;
    }
}

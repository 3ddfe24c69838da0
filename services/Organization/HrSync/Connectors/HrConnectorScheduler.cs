using Alliance.ServiceDefaults.Data;
using Alliance.Organization.Data;
using Alliance.Organization.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// Runs due connectors (enabled, <c>next_run_at</c> passed) every <c>HrConnectors:PollSeconds</c> (default 15). Each run
/// holds a PostgreSQL session advisory lock keyed on the connector id on a connection of its own for the whole run, and
/// re-reads the connector after taking it, so across replicas a connector runs once at a time and a run another replica
/// just finished is not repeated. Pages are pulled from the stored cursor and handed to <see cref="IHrRecordSink"/>; the
/// cursor is saved only after a page applied (a crash re-pulls that page: at-least-once, applying twice is harmless).
/// </summary>
public sealed class HrConnectorScheduler(IServiceScopeFactory scopes, ServiceDatabase<OrganizationDbContext> database, IHttpClientFactory httpClients, PersonalDataProtector protector,
    TimeProvider clock, IConfiguration configuration, ILogger<HrConnectorScheduler> logger) : BackgroundService
{
    public const string HttpClientName = "hr-connectors";
    public const int MaxPagesPerRun = 1000;
    const long LockNamespace = 0x4852_434F_4E4E_0000; // "HRCONN"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("HrConnectors:PollSeconds", 15)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunDueAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { logger.LogWarning(e, "HR connector scheduling failed; trying again."); }
            try { await Task.Delay(poll, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Runs every connector due now (those another replica holds are skipped); the number this call ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        // Asked without the DbContext (the partial index on next_run_at WHERE enabled answers it): a service with no
        // connector due builds no EF Core model for it (docs/adr/0018).
        var due = new List<Guid>();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await using var query = new NpgsqlCommand(
                "SELECT id FROM hr_connectors WHERE enabled AND next_run_at <= $1 ORDER BY next_run_at LIMIT 50", connection)
                { Parameters = { new() { Value = clock.GetUtcNow() } } };
            await using var reader = await query.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) due.Add(reader.GetGuid(0));
        }
        var ran = 0;
        foreach (var id in due)
            if (await RunAsync(id, ct)) ran++;
        return ran;
    }

    /// <summary>The lock key: the connector id folded to 64 bits under a fixed namespace.</summary>
    public static long LockKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return LockNamespace ^ BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    /// <summary>
    /// Runs the connector if it is still due and no one else is running it; false when it did not run. With
    /// <paramref name="waitForLock"/> (run now) it waits for another replica's run to end instead of giving up.
    /// </summary>
    public async Task<bool> RunAsync(Guid id, CancellationToken ct, bool waitForLock = false)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        await using var lockConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockConnection.OpenAsync(ct);
        var key = LockKey(id);
        await using (var take = new NpgsqlCommand(waitForLock ? "SELECT true FROM pg_advisory_lock($1)" : "SELECT pg_try_advisory_lock($1)", lockConnection)
            { Parameters = { new() { Value = key } }, CommandTimeout = 0 })
            if (!(bool)(await take.ExecuteScalarAsync(ct))!) return false;
        try
        {
            var connector = await db.Set<HrConnectorRegistration>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
            var now = clock.GetUtcNow();
            if (connector is null || !connector.Enabled || connector.NextRunAt > now) return false;
            await RunLockedAsync(db, connector, now, ct);
            return true;
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", lockConnection) { Parameters = { new() { Value = key } } };
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    async Task RunLockedAsync(OrganizationDbContext db, HrConnectorRegistration connector, DateTimeOffset now, CancellationToken ct)
    {
        connector.Started(now);
        await SaveRunStateAsync(db, connector, ct);
        string? error = null;
        try
        {
            var definition = connector.Definition;
            var secret = connector.SecretCipher is { } cipher ? protector.Decrypt(cipher) : null;
            var source = new GenericRestConnector(connector.Name, definition, secret, httpClients.CreateClient(HttpClientName));
            var cursor = connector.Cursor;
            for (var page = 0; page < MaxPagesPerRun; page++)
            {
                var pulled = await source.PullAsync(cursor, ct);
                HrApplyResult result;
                await using (var applyScope = scopes.CreateAsyncScope())
                    result = await applyScope.ServiceProvider.GetRequiredService<IHrRecordSink>()
                        .ApplyAsync(connector.SubsidiaryId, "connector-" + connector.Id.ToString("N")[..12], pulled.Records, ct);
                connector.PageApplied(pulled.NextCursor, result);
                await SaveRunStateAsync(db, connector, ct);
                if (!pulled.HasMore) break;
                cursor = pulled.NextCursor;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            error = "The run was cancelled (the service is stopping); the next run continues from the cursor.";
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            error = e is HrConnectorException or HttpRequestException or TaskCanceledException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning(e, "HR connector {Connector} ({Id}) failed.", connector.Name, connector.Id);
        }
        connector.Finished(error);
        await SaveRunStateAsync(db, connector, CancellationToken.None);
    }

    /// <summary>Only the run's columns, without the version: an admin's edit during a run does not conflict with it.</summary>
    static Task SaveRunStateAsync(OrganizationDbContext db, HrConnectorRegistration c, CancellationToken ct) =>
        db.Set<HrConnectorRegistration>().Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Cursor, c.Cursor)
            .SetProperty(x => x.NextRunAt, c.NextRunAt)
            .SetProperty(x => x.LastRunAt, c.LastRunAt)
            .SetProperty(x => x.LastRunStatus, c.LastRunStatus)
            .SetProperty(x => x.LastRunError, c.LastRunError)
            .SetProperty(x => x.LastRunCreated, c.LastRunCreated)
            .SetProperty(x => x.LastRunUpdated, c.LastRunUpdated)
            .SetProperty(x => x.LastRunDeactivated, c.LastRunDeactivated)
            .SetProperty(x => x.LastRunPages, c.LastRunPages), ct);
}

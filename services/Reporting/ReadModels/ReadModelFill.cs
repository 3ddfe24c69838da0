using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.Reporting.ReadModels;

/// <summary>
/// Fills reporting's read models from the sources' current state (the organization service, and the activity service
/// where it is configured) when they are new or empty (the database holds no <see cref="ReadModelBuild"/> of the current
/// version), before the bus starts consuming (ADR 26):
/// <list type="number">
/// <item>under an advisory lock, so one replica fills while the other waits, and then finds it done;</item>
/// <item>declares reporting's queues and purges them: whatever they held is in the state read next;</item>
/// <item>streams one snapshot of each source in turn: the events it already holds that may still arrive are marked
/// processed in the inbox, and the state events go through the consumers' own projections into emptied tables;</item>
/// <item>commits all of it in one transaction, with the build row. A failure rolls it all back and tries again.</item>
/// </list>
/// Without the organization service configured (a reporting host alone in a test), the read models follow the events only.
/// </summary>
public sealed class ReadModelFill(IServiceProvider services, IConfiguration configuration, ILogger<ReadModelFill> logger) : IHostedService
{
    const long LockKey = 0x5245_4144_4d4f_444c; // "READMODL"
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(5); // clock skew between the purge here and the source's dispatched_at

    public static bool SourceConfigured(IConfiguration configuration) => Configured(configuration, ResourceNames.Organization);

    /// <summary>The services whose state the read models are filled from: the organization service first (it must be
    /// configured for any fill), then the activity service where it is.</summary>
    public static IReadOnlyList<string> Sources(IConfiguration configuration) =>
        SourceConfigured(configuration) ? [ResourceNames.Organization, .. Configured(configuration, ResourceNames.Activity) ? [ResourceNames.Activity] : Array.Empty<string>()] : [];

    static bool Configured(IConfiguration configuration, string service) =>
        configuration.GetSection($"services:{service}").AsEnumerable().Any(e => !string.IsNullOrEmpty(e.Value));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!SourceConfigured(configuration))
        {
            logger.LogInformation("No organization service configured: the read models follow the events only.");
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FillIfNeededAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(attempt, 5))));
                logger.LogWarning(e, "Filling the read models failed (attempt {Attempt}); trying again in {Delay} s", attempt, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task FillIfNeededAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            var build = await db.Set<ReadModelBuild>().AsNoTracking().SingleOrDefaultAsync(ct);
            if (build?.Version == ReadModelBuild.CurrentVersion) return;
            logger.LogInformation("Read models at version {Stored}, this build needs {Current}: filling them from {Sources}",
                build?.Version.ToString() ?? "none", ReadModelBuild.CurrentVersion, string.Join(" and ", Sources(configuration)));
            var purgedAt = DateTimeOffset.UtcNow;
            await ConsumerQueues.DeclareAndPurgeAsync(scope.ServiceProvider, ResourceNames.Reporting, ct);
            var filled = await FillAsync(scope.ServiceProvider, db, purgedAt - Margin, ct);
            logger.LogInformation("Read models filled from {StateEvents} state events; {Included} events already in that state will be skipped",
                filled.StateEvents, filled.IncludedEvents);
            await scope.ServiceProvider.GetRequiredService<DashboardCache>().InvalidateAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    const string MarkProcessed = "INSERT INTO \"" + MessagingModelExtensions.InboxTable + "\" (message_id, consumer, processed_at) " +
        "SELECT id, consumer, now() FROM unnest(@ids, @consumers) AS i(id, consumer) ON CONFLICT DO NOTHING";

    async Task<ReadModelBuild> FillAsync(IServiceProvider scoped, ReportingDbContext db, DateTimeOffset dispatchedSince, CancellationToken ct)
    {
        var projections = ReportingConsumers.All.Select(t => (IStateProjection)scoped.GetRequiredService(t)).ToDictionary(p => p.EventType);
        var metadata = new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, ResourceNames.Reporting } };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tables = db.Model.GetEntityTypes()
            .Where(e => e.ClrType != typeof(ReadModelBuild) && e.ClrType != typeof(OutboxMessage) && e.ClrType != typeof(InboxMessage))
            .Select(e => $"\"{e.GetTableName()}\"").Distinct();
        var truncate = $"TRUNCATE {string.Join(", ", tables)}"; // table names from the model
        await db.Database.ExecuteSqlRawAsync(truncate, ct);

        var build = new ReadModelBuild { Version = ReadModelBuild.CurrentVersion };
        var perType = new SortedDictionary<string, long>();
        var clients = scoped.GetRequiredService<GrpcClientFactory>();
        foreach (var source in Sources(configuration))
        {
            var client = clients.CreateClient<CurrentState.CurrentStateClient>(source);
            using var call = client.StreamCurrentState(new StreamCurrentStateRequest { DispatchedSince = Timestamp.FromDateTimeOffset(dispatchedSince) },
                metadata, DateTime.UtcNow.AddMinutes(30), ct);
            await foreach (var chunk in call.ResponseStream.ReadAllAsync(ct))
            {
                if (chunk.Included.Count > 0)
                {
                    // Marked processed for the consumer of their type, so the queued copy of an event already in the state does nothing.
                    var rows = chunk.Included
                        .Select(i => (Id: Guid.Parse(i.EventId), Projection: CurrentStateEvents.TypeOf(i.MessageType) is { } type ? projections.GetValueOrDefault(type) : null))
                        .Where(r => r.Projection is not null).ToArray();
                    Guid[] ids = [.. rows.Select(r => r.Id)];
                    string[] consumers = [.. rows.Select(r => r.Projection!.InboxName)];
                    await db.Database.ExecuteSqlRawAsync(MarkProcessed, [new NpgsqlParameter("ids", ids), new NpgsqlParameter("consumers", consumers)], ct);
                    build.IncludedEvents += rows.Length;
                }
                foreach (var group in chunk.Events.Select(e => CurrentStateEvents.Read(e.MessageType, e.Json)).GroupBy(e => e.GetType()))
                {
                    if (!projections.TryGetValue(group.Key, out var projection)) continue; // a source event no read model here uses
                    await projection.ApplyStateAsync([.. group], ct);
                    build.StateEvents += group.Count();
                    perType[group.Key.Name] = perType.GetValueOrDefault(group.Key.Name) + group.Count();
                }
                await db.SaveChangesAsync(ct);
            }
        }

        logger.LogInformation("State events applied: {PerType}", string.Join(", ", perType.Select(p => $"{p.Key} {p.Value}")));
        build.FilledAt = DateTimeOffset.UtcNow;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO read_model_builds (id, version, filled_at, state_events, included_events)
            VALUES (1, {build.Version}, {build.FilledAt}, {build.StateEvents}, {build.IncludedEvents})
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, filled_at = EXCLUDED.filled_at,
                state_events = EXCLUDED.state_events, included_events = EXCLUDED.included_events
            """, ct);
        await tx.CommitAsync(ct);
        return build;
    }
}

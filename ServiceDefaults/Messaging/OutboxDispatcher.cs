using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Alliance.ServiceDefaults.Data;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// Publishes the outbox rows of one DbContext type. Each worker claims a batch of due rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (so replicas and workers never take the same row), publishes the whole batch on one
/// confirmed RabbitMQ channel as MassTransit envelopes (<see cref="OutboxPublisher"/>) and waits for the broker's
/// confirms, then marks the confirmed rows in one UPDATE and commits. Rows of one type go together as an
/// <see cref="Alliance.Contracts.Events.EventBatch{TEvent}"/> of up to <see cref="OutboxOptions.EventsPerMessage"/>
/// events; a lone row goes as itself with MessageId = EventId (ADR 16), and so does a row that holds a batch already
/// (<see cref="IntegrationEventBatch"/>, ADR 19). Each message is published in the trace its first row was written in
/// (<see cref="OutboxTracing"/>).
/// A row that fails, or that the broker returned for want of a queue (ADR 24), is retried later, forever, with exponential
/// back-off and jitter. A crash between publish and
/// commit leaves the rows undispatched: they are published again and the consumers' inbox absorbs the duplicates.
/// All state is in the table, so a restarted or additional replica simply carries on.
/// </summary>
public sealed class OutboxDispatcher<TDbContext> : BackgroundService where TDbContext : DbContext
{
    const int CleanupChunk = 10_000;
    readonly ServiceDatabase<TDbContext> _database;
    readonly OutboxPublisher _publisher;
    readonly IOutboxPublishObserver[] _observers;
    readonly OutboxSignal<TDbContext> _signal;
    readonly OutboxOptions _options;
    readonly ILogger _logger;
    const string Table = MessagingModelExtensions.QuotedOutboxTable;

    public OutboxDispatcher(ServiceDatabase<TDbContext> database, IBus bus, IConfiguration configuration, OutboxSignal<TDbContext> signal,
        IEnumerable<IOutboxPublishObserver> observers, IOptions<MessagingOptions> options, Alliance.Contracts.Events.EventSubscriptions subscriptions,
        ILogger<OutboxDispatcher<TDbContext>> logger)
    {
        _database = database;
        _signal = signal;
        _observers = observers.ToArray();
        _options = options.Value.Outbox;
        _logger = logger;
        var broker = configuration.GetConnectionString(Alliance.Contracts.ResourceNames.Bus)
            ?? throw new InvalidOperationException($"The outbox needs ConnectionStrings:{Alliance.Contracts.ResourceNames.Bus}.");
        _publisher = new OutboxPublisher(new Uri(broker), $"alliance-outbox-{typeof(TDbContext).Name}", bus, subscriptions, logger);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _publisher.DisposeAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var tasks = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => RunWorkerAsync(stoppingToken)).ToList();
        tasks.Add(RunCleanupAsync(stoppingToken));
        await Task.WhenAll(tasks);
    }

    async Task RunWorkerAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchBatchAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable or the batch's transaction was lost: the rows stay due, try again after the poll.
                _logger.LogWarning(ex, "Outbox dispatch for {DbContext} failed; retrying", typeof(TDbContext).Name);
            }
            if (claimed >= _options.BatchSize)
            {
                _signal.Notify(); // more may be waiting: let a peer worker start on the next batch too
                continue;
            }
            try { await _signal.WaitAsync(_options.PollInterval, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims, publishes and marks one batch; returns the number of rows claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var conn = await _database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        var rows = new List<Row>(_options.BatchSize);
        await using (var claim = new NpgsqlCommand(
            $"SELECT id, message_type, body, attempts, trace_parent, trace_state FROM {Table} WHERE dispatched_at IS NULL AND next_attempt_at <= now() " +
            "ORDER BY next_attempt_at LIMIT @limit FOR UPDATE SKIP LOCKED", conn, tx))
        {
            claim.Parameters.AddWithValue("limit", _options.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add(new Row(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        if (rows.Count == 0)
        {
            await tx.CommitAsync(ct);
            return 0;
        }

        // Envelopes are built before publishing starts: the rows of one type go together, up to EventsPerMessage in one
        // EventBatch (a lone row as itself); rows that cannot be sent (unknown type) fail with their envelope.
        var errors = new string?[rows.Count];
        var returned = new bool[rows.Count]; // the broker had no queue for them: warned about once per type by the publisher
        var outgoing = new List<OutboxPublisher.Outgoing>(rows.Count);
        var members = new List<int[]>(rows.Count); // the rows in each envelope
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].MessageType))
        {
            // A row that holds an EventBatch already (IntegrationEventBatch) goes as it is, alone.
            var perMessage = MessageTypes.IsBatch(group.Key) ? 1 : Math.Max(1, _options.EventsPerMessage);
            foreach (var chunk in group.Chunk(perMessage))
            {
                try
                {
                    var message = chunk.Length == 1
                        ? _publisher.Prepare(rows[chunk[0]].Id, group.Key, rows[chunk[0]].Body)
                        : _publisher.PrepareBatch(Guid.CreateVersion7(), group.Key, [.. chunk.Select(i => rows[i].Body)]);
                    outgoing.Add(message with { Trace = OutboxTracing.Of(chunk.Select(i => (rows[i].TraceParent, rows[i].TraceState))) });
                    members.Add(chunk);
                }
                catch (Exception ex)
                {
                    foreach (var i in chunk) errors[i] = $"{ex.GetType().Name}: {ex.Message}";
                }
            }
        }
        if (outgoing.Count > 0)
        {
            using var publishing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            publishing.CancelAfter(_options.PublishTimeout);
            Func<int, CancellationToken, ValueTask>? beforeEach = _observers.Length == 0 ? null : async (j, token) =>
            {
                foreach (var i in members[j])
                    foreach (var observer in _observers) await observer.PrePublishAsync(rows[i].Id, rows[i].MessageType, token);
            };
            var results = await _publisher.PublishAsync(outgoing, beforeEach, publishing.Token);
            for (var j = 0; j < results.Length; j++)
                foreach (var i in members[j]) (errors[i], returned[i]) = (results[j].Error, results[j].Returned);
        }

        // What was confirmed is marked even while stopping: marking it later would only publish it twice.
        var published = rows.Where((_, i) => errors[i] is null).Select(r => r.Id).ToArray();
        if (published.Length > 0)
        {
            await using var mark = new NpgsqlCommand(
                $"UPDATE {Table} SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY(@ids)", conn, tx);
            mark.Parameters.AddWithValue("ids", published);
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
        }
        var failed = Enumerable.Range(0, rows.Count).Where(i => errors[i] is not null).ToArray();
        if (failed.Length > 0 && !ct.IsCancellationRequested)
        {
            // Cancelled by shutdown is not a failure: those rows stay due for the next dispatcher.
            await using var retry = new NpgsqlCommand(
                $"UPDATE {Table} AS o SET attempts = o.attempts + 1, next_attempt_at = now() + f.delay_ms * interval '1 millisecond', last_error = f.error " +
                "FROM unnest(@ids, @delays, @errors) AS f(id, delay_ms, error) WHERE o.id = f.id", conn, tx);
            retry.Parameters.AddWithValue("ids", failed.Select(i => rows[i].Id).ToArray());
            retry.Parameters.AddWithValue("delays", failed.Select(i => RetryDelay(rows[i].Attempts + 1).TotalMilliseconds).ToArray());
            retry.Parameters.AddWithValue("errors", failed.Select(i => Truncate(errors[i]!, 2000)).ToArray());
            await retry.ExecuteNonQueryAsync(CancellationToken.None);
            var unexpected = failed.Where(i => !returned[i]).ToArray();
            if (unexpected.Length > 0)
                _logger.LogWarning("Outbox: {Failed} of {Claimed} events could not be published and will be retried; first error: {Error}",
                    unexpected.Length, rows.Count, errors[unexpected[0]]);
        }
        await tx.CommitAsync(CancellationToken.None);
        return rows.Count;
    }

    /// <summary>min * 2^(attempt-1), capped, with "equal jitter" (half fixed, half random) so replicas spread out.</summary>
    TimeSpan RetryDelay(int attempt)
    {
        var exponential = _options.RetryMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, _options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    async Task RunCleanupAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await _database.OpenConnectionAsync(ct);
                await using var delete = new NpgsqlCommand(
                    $"DELETE FROM {Table} WHERE id IN (SELECT id FROM {Table} WHERE dispatched_at < now() - @retention LIMIT {CleanupChunk})", conn);
                delete.Parameters.AddWithValue("retention", _options.Retention);
                while (await delete.ExecuteNonQueryAsync(ct) == CleanupChunk) { }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Outbox clean-up for {DbContext} failed", typeof(TDbContext).Name);
            }
            try { await Task.Delay(_options.CleanupInterval, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    readonly record struct Row(Guid Id, string MessageType, string Body, int Attempts, string? TraceParent, string? TraceState);
}

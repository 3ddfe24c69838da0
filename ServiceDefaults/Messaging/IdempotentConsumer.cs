using System.Collections.Concurrent;
using Alliance.Contracts.Events;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effect and inbox row commit in one transaction on the service's DbContext, so a redelivered or
/// republished message (same MessageId) changes nothing. The inbox row is inserted first with ON CONFLICT DO NOTHING:
/// when two replicas get the same message at once, the second insert waits for the first transaction and then sees
/// the row (or, if the first rolled back, takes over), so no message takes effect twice.
/// <para>
/// Messages being consumed at the same time (up to the endpoint's concurrency) share transactions: the first of them
/// becomes the batch's leader and, on its own DbContext, inserts the inbox rows of the whole batch in one statement,
/// runs the handler of each message that is new, saves their tracked changes in one SaveChanges, and commits once;
/// each message is acknowledged only after that commit. If anything in the batch fails, it is rolled
/// back and every message of it runs alone in its own transaction as before, so a failing message faults (retries,
/// error queue) by itself.
/// </para>
/// <para>
/// A consumer whose effect converges on replay (<see cref="ConvergesOnReplay"/>) keeps no inbox rows at all.
/// </para>
/// </summary>
public abstract class IdempotentConsumer<TDbContext, TMessage> : IConsumer<TMessage>, IConsumer<EventBatch<TMessage>>, IStateProjection
    where TDbContext : DbContext
    where TMessage : class, IIntegrationEvent
{
    /// <summary>At most this many messages consumed at the same time share one transaction.</summary>
    const int MaxBatch = 100;

    /// <summary>At most this many events of one EventBatch share one transaction (an import's batch row holds up to 1,000).</summary>
    const int MaxEventsPerTransaction = IntegrationEventBatch.MaxEventsPerRow;

    /// <summary>Batches committing at the same time per consumer and database, so handlers overlap with commits.</summary>
    const int MaxLeaders = 2;

    /// <summary>A leader hands over after this many batches, so its own message is acknowledged without waiting for a quiet moment.</summary>
    const int MaxBatchesPerLeader = 4;

    static readonly ConcurrentDictionary<(string Consumer, string? Database), Batcher> Batchers = new();

    readonly TDbContext _db;
    string? _insertSql;

    protected IdempotentConsumer(TDbContext db) => _db = db;

    /// <summary>The name this consumer's inbox rows are kept under; stable across renames if overridden.</summary>
    protected virtual string ConsumerName => GetType().FullName ?? GetType().Name;

    /// <summary>
    /// True when the effect converges whatever the deliveries: applying a message again, or an older one after a newer,
    /// leaves the same state (an upsert that keeps each row's latest event by its time, say). Such a consumer keeps no
    /// inbox rows (ADR 21): an import's 300,000 events would otherwise be 300,000 inbox rows written for nothing.
    /// Messages twice in one batch still count once, and everything else (transactions shared, faults one by one) is
    /// the same.
    /// </summary>
    protected virtual bool ConvergesOnReplay => false;

    /// <summary>Applies the message's effect through <paramref name="db"/> (and nothing else of it: it may be shared by
    /// several messages in one transaction); SaveChanges and commit follow.</summary>
    protected abstract Task HandleAsync(TMessage message, TDbContext db, CancellationToken ct);

    /// <summary>
    /// Applies the effects of several new messages that share a transaction, in their order; by default
    /// <see cref="HandleAsync(TMessage, TDbContext, CancellationToken)"/> for each. A consumer whose effect is one row per
    /// message overrides it with one set-based statement (an import's EventBatch of a thousand events, ADR 19).
    /// </summary>
    protected virtual async Task HandleAsync(IReadOnlyList<TMessage> messages, TDbContext db, CancellationToken ct)
    {
        foreach (var message in messages) await HandleAsync(message, db, ct);
    }

    /// <summary>Runs once the effect has committed, and only when this delivery applied it (e.g. to invalidate a cache).</summary>
    protected virtual Task AfterCommitAsync(TMessage message, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// After the events of an EventBatch that committed together and were applied by this delivery; by default
    /// <see cref="AfterCommitAsync(TMessage, CancellationToken)"/> for each, every one even when one of them fails.
    /// </summary>
    protected virtual async Task AfterCommitAsync(IReadOnlyList<TMessage> messages, CancellationToken ct)
    {
        List<Exception>? failures = null;
        foreach (var message in messages)
        {
            try { await AfterCommitAsync(message, ct); }
            catch (Exception e) when (!ct.IsCancellationRequested) { (failures ??= []).Add(e); }
        }
        if (failures is not null) throw new AggregateException(failures);
    }

    Type IStateProjection.EventType => typeof(TMessage);

    string IStateProjection.InboxName => ConsumerName;

    Task IStateProjection.ApplyStateAsync(IReadOnlyList<IIntegrationEvent> events, CancellationToken ct) =>
        HandleAsync([.. events.Cast<TMessage>()], _db, ct);

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var ct = context.CancellationToken;
        var batcher = Batchers.GetOrAdd((ConsumerName, _db.Database.GetConnectionString()), static _ => new Batcher());
        Outcome outcome;
        do
        {
            var item = new Item(messageId, context.Message, ct);
            batcher.Queue.Enqueue(item);
            await batcher.LeadWhileNeededAsync(this);
            outcome = await item.Outcome.Task;
        } while (outcome == Outcome.Lead); // handed the lead: queue again and take it
        var applied = outcome switch
        {
            Outcome.Applied => true,
            Outcome.AlreadyProcessed => false,
            _ => await ConsumeAloneAsync(messageId, context.Message, ct),
        };
        if (applied) await AfterCommitAsync(context.Message, ct);
    }

    /// <summary>
    /// Events the outbox sent together (<see cref="EventBatch{TEvent}"/>): they share one transaction, up to
    /// <see cref="MaxEventsPerTransaction"/> at a time, each taken once by its EventId. If that transaction fails, each event is tried
    /// in its own; an event that fails there too is sent back alone to this consumer's queue, where it retries and
    /// reaches the error queue by itself, and the others of its batch stay applied. A transient database failure
    /// (the database unreachable) fails the whole message instead, to be retried as one.
    /// </summary>
    public async Task Consume(ConsumeContext<EventBatch<TMessage>> context)
    {
        var ct = context.CancellationToken;
        var refused = new List<TMessage>();
        var afterCommitFailures = new List<Exception>();
        foreach (var chunk in context.Message.Events.Chunk(MaxEventsPerTransaction))
        {
            var batch = chunk.Select(e => new Item(e.EventId, e, ct)).ToList();
            await RunBatchAsync(batch);
            var applied = new List<TMessage>(batch.Count);
            foreach (var item in batch)
            {
                var outcome = await item.Outcome.Task;
                if (outcome == Outcome.Applied) applied.Add(item.Message);
                else if (outcome == Outcome.Alone)
                {
                    try
                    {
                        if (await ConsumeAloneAsync(item.MessageId, item.Message, ct)) applied.Add(item.Message);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested && !IsTransient(e))
                    {
                        refused.Add(item.Message);
                    }
                }
            }
            if (applied.Count == 0) continue;
            // Every applied event gets its after-commit step, even when one of them fails.
            try { await AfterCommitAsync(applied, ct); }
            catch (AggregateException e) { afterCommitFailures.AddRange(e.InnerExceptions); }
            catch (Exception e) when (!ct.IsCancellationRequested) { afterCommitFailures.Add(e); }
        }
        if (refused.Count > 0)
        {
            // Alone, with its own MessageId, to this queue only: its retries and its error queue entry are its own.
            var queue = await context.GetSendEndpoint(context.ReceiveContext.InputAddress);
            foreach (var message in refused)
                await queue.Send(message, send => send.MessageId = message.EventId, ct);
        }
        // Faulted as a single message's would be: logged by the retry, and a retry finds every event already taken.
        if (afterCommitFailures.Count > 0)
            throw new AggregateException($"{afterCommitFailures.Count} applied events of a batch failed after their commit", afterCommitFailures);
    }

    /// <summary>The database could not be reached or timed out: nothing about the event itself.</summary>
    static bool IsTransient(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is NpgsqlException { IsTransient: true } or TimeoutException) return true;
        return false;
    }

    /// <summary>One message in its own transaction; true when this delivery applied it.</summary>
    async Task<bool> ConsumeAloneAsync(Guid messageId, TMessage message, CancellationToken ct)
    {
        _insertSql ??= $"INSERT INTO {MessagingModelExtensions.QuotedInboxTable} (message_id, consumer, processed_at) " +
                       "VALUES ({0}, {1}, now()) ON CONFLICT DO NOTHING";
        var applied = false;
        var strategy = _db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            applied = false;
            _db.ChangeTracker.Clear();
            await using var tx = await _db.Database.BeginTransactionAsync(ct);
            var inserted = ConvergesOnReplay ? 1 : await _db.Database.ExecuteSqlRawAsync(_insertSql, [messageId, ConsumerName], ct);
            if (inserted == 0)
            {
                await tx.RollbackAsync(ct); // already processed: nothing else to commit, the message is acknowledged
                return;
            }
            await HandleAsync(message, _db, ct);
            await _db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            applied = true;
        });
        return applied;
    }

    /// <summary>
    /// Runs the batch on this consumer's DbContext and handler (the leader's, for messages other deliveries queued: they
    /// are instances of the same consumer); completes every item's outcome, whatever happens.
    /// </summary>
    async Task RunBatchAsync(List<Item> batch)
    {
        var ct = batch[0].CancellationToken;
        var table = MessagingModelExtensions.QuotedInboxTable;
        Outcome[] outcomes = [];
        try
        {
            var strategy = _db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                _db.ChangeTracker.Clear();
                await using var tx = await _db.Database.BeginTransactionAsync(ct);
                // In id order, so two replicas' batches lock the same inbox keys in the same order.
                var ids = batch.Select(i => i.MessageId).Distinct().Order().ToArray();
                var fresh = new HashSet<Guid>();
                if (ConvergesOnReplay) fresh.UnionWith(ids); // no inbox rows: the effect itself converges
                else
                {
                    await using var insert = new NpgsqlCommand(
                        $"INSERT INTO {table} (message_id, consumer, processed_at) SELECT unnest(@ids), @consumer, now() " +
                        "ON CONFLICT DO NOTHING RETURNING message_id",
                        (NpgsqlConnection)_db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
                    insert.Parameters.AddWithValue("ids", ids);
                    insert.Parameters.AddWithValue("consumer", ConsumerName);
                    await using var reader = await insert.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct)) fresh.Add(reader.GetGuid(0));
                }
                outcomes = new Outcome[batch.Count];
                var messages = new List<TMessage>(batch.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    // A message twice in one batch: its first copy applies it, the second is already processed.
                    if (!fresh.Remove(batch[i].MessageId)) { outcomes[i] = Outcome.AlreadyProcessed; continue; }
                    messages.Add(batch[i].Message);
                    outcomes[i] = Outcome.Applied;
                }
                if (messages.Count > 0) await HandleAsync(messages, _db, ct);
                await _db.SaveChangesAsync(ct); // the tracked effects of the whole batch in one round trip
                await tx.CommitAsync(ct);
            });
        }
        catch (Exception)
        {
            // Rolled back: each message is tried on its own, where its own failure (if any) faults only it.
            outcomes = [.. batch.Select(_ => Outcome.Alone)];
        }
        finally
        {
            _db.ChangeTracker.Clear();
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Outcome.TrySetResult(outcomes.Length == batch.Count ? outcomes[i] : Outcome.Alone);
    }

    enum Outcome { Applied, AlreadyProcessed, Alone, Lead }

    sealed record Item(Guid MessageId, TMessage Message, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<Outcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The messages of one consumer and database waiting to be committed, and who is committing them.</summary>
    sealed class Batcher
    {
        public readonly ConcurrentQueue<Item> Queue = new();
        int _leaders;

        /// <summary>Becomes a leader if one is wanted and commits batches until nothing waits, or hands over.</summary>
        public async Task LeadWhileNeededAsync(IdempotentConsumer<TDbContext, TMessage> consumer)
        {
            while (!Queue.IsEmpty)
            {
                var leaders = Volatile.Read(ref _leaders);
                if (leaders >= MaxLeaders) return; // a running leader looks at the queue again before it stops
                if (Interlocked.CompareExchange(ref _leaders, leaders + 1, leaders) != leaders) continue;
                var handOver = false;
                try
                {
                    for (var led = 0; ; led++)
                    {
                        if (led == MaxBatchesPerLeader) { handOver = true; break; }
                        var batch = new List<Item>(Math.Min(MaxBatch, Queue.Count + 1));
                        while (batch.Count < MaxBatch && Queue.TryDequeue(out var item)) batch.Add(item);
                        if (batch.Count == 0) break;
                        await consumer.RunBatchAsync(batch);
                    }
                }
                finally { Interlocked.Decrement(ref _leaders); }
                if (handOver)
                {
                    // A waiting message's consumer takes the lead; if none waits, the queue is empty and nothing is owed.
                    if (Queue.TryDequeue(out var next)) next.Outcome.TrySetResult(Outcome.Lead);
                    return;
                }
                // Loop: an item may have arrived between the last empty look and the decrement, when every leader was busy.
            }
        }
    }
}

using Alliance.Contracts.Events;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// A consumer whose effect and inbox row commit in one transaction on the service's DbContext, so a redelivered or
/// republished message (same MessageId) changes nothing. The inbox row is inserted first with ON CONFLICT DO NOTHING:
/// when two replicas get the same message at once, the second insert waits for the first transaction and then sees
/// the row (or, if the first rolled back, takes over), so the handler never runs twice for one message.
/// </summary>
public abstract class IdempotentConsumer<TDbContext, TMessage> : IConsumer<TMessage>
    where TDbContext : DbContext
    where TMessage : class, IIntegrationEvent
{
    readonly TDbContext _db;
    string? _insertSql;

    protected IdempotentConsumer(TDbContext db) => _db = db;

    /// <summary>The name this consumer's inbox rows are kept under; stable across renames if overridden.</summary>
    protected virtual string ConsumerName => GetType().FullName ?? GetType().Name;

    /// <summary>Applies the message's effect through <paramref name="db"/>; SaveChanges and commit follow.</summary>
    protected abstract Task HandleAsync(TMessage message, TDbContext db, CancellationToken ct);

    /// <summary>Runs once the effect has committed, and only when this delivery applied it (e.g. to invalidate a cache).</summary>
    protected virtual Task AfterCommitAsync(TMessage message, CancellationToken ct) => Task.CompletedTask;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var consumer = ConsumerName;
        var ct = context.CancellationToken;
        _insertSql ??= $"INSERT INTO {_db.Model.QuotedTableName(typeof(InboxMessage))} (message_id, consumer, processed_at) " +
                       "VALUES ({0}, {1}, now()) ON CONFLICT DO NOTHING";

        var applied = false;
        var strategy = _db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            _db.ChangeTracker.Clear();
            await using var tx = await _db.Database.BeginTransactionAsync(ct);
            var inserted = await _db.Database.ExecuteSqlRawAsync(_insertSql, [messageId, consumer], ct);
            if (inserted == 0)
            {
                await tx.RollbackAsync(ct); // already processed: nothing else to commit, the message is acknowledged
                return;
            }
            await HandleAsync(context.Message, _db, ct);
            await _db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            applied = true;
        });
        if (applied) await AfterCommitAsync(context.Message, ct);
    }
}

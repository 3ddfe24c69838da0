using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>Wakes the dispatcher of one DbContext type when outbox rows were committed, so it need not wait for the poll.</summary>
public sealed class OutboxSignal<TDbContext> where TDbContext : DbContext
{
    // At most one pending wake-up: signals while the dispatcher is busy collapse into one extra look.
    readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        if (_pending.CurrentCount > 0) return;
        try { _pending.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);
}

/// <summary>
/// Signals the dispatcher after a SaveChanges that wrote outbox rows has committed: at once when SaveChanges ran
/// its own transaction, at commit when the caller's transaction surrounds it.
/// </summary>
internal sealed class OutboxSaveChangesInterceptor<TDbContext>(OutboxSignal<TDbContext> signal)
    : SaveChangesInterceptor, IDbTransactionInterceptor where TDbContext : DbContext
{
    static readonly object Marker = new();
    readonly ConditionalWeakTable<DbContext, object> _pendingCommit = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void Note(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
            if (entry.State == EntityState.Added) { _pendingCommit.AddOrUpdate(context, Marker); return; }
    }

    void Saved(DbContext? context)
    {
        if (context is null || !_pendingCommit.TryGetValue(context, out _)) return;
        if (context.Database.CurrentTransaction is null)
        {
            _pendingCommit.Remove(context);
            signal.Notify();
        }
    }

    void Committed(DbContext? context)
    {
        if (context is not null && _pendingCommit.Remove(context)) signal.Notify();
    }

    void RolledBack(DbContext? context)
    {
        if (context is not null) _pendingCommit.Remove(context);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}

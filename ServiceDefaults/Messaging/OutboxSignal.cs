using Microsoft.EntityFrameworkCore;
using Alliance.ServiceDefaults.Data;

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

/// <summary>Signals the dispatcher after a SaveChanges that wrote outbox rows has committed.</summary>
internal sealed class OutboxSaveChangesInterceptor<TDbContext>(OutboxSignal<TDbContext> signal) : AfterCommitInterceptor where TDbContext : DbContext
{
    protected override bool Concerns(DbContext context) =>
        context.ChangeTracker.Entries<OutboxMessage>().Any(entry => entry.State == EntityState.Added);

    protected override Task CommittedAsync()
    {
        signal.Notify();
        return Task.CompletedTask;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// Acts once a SaveChanges that wrote what <see cref="Concerns"/> picks has committed: at once when SaveChanges ran its
/// own transaction, at commit when the caller's transaction surrounds it, never after a rollback. The outbox wakes its
/// dispatcher so; the activity service drops its cached boards so.
/// </summary>
public abstract class AfterCommitInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    static readonly object Marker = new();
    readonly ConditionalWeakTable<DbContext, object> _pendingCommit = new();

    /// <summary>Whether the changes about to be saved are ones to act on (the change tracker before the save).</summary>
    protected abstract bool Concerns(DbContext context);

    /// <summary>The act after the commit; awaited on the asynchronous paths, not on the synchronous ones.</summary>
    protected abstract Task CommittedAsync();

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
        if (SavedOutsideTransaction(eventData.Context)) _ = CommittedAsync();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (SavedOutsideTransaction(eventData.Context)) await CommittedAsync();
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _pendingCommit.Remove(context)) _ = CommittedAsync();
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pendingCommit.Remove(context)) await CommittedAsync();
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    void Note(DbContext? context)
    {
        if (context is not null && Concerns(context)) _pendingCommit.AddOrUpdate(context, Marker);
    }

    bool SavedOutsideTransaction(DbContext? context)
    {
        if (context is null || !_pendingCommit.TryGetValue(context, out _) || context.Database.CurrentTransaction is not null) return false;
        _pendingCommit.Remove(context);
        return true;
    }

    void RolledBack(DbContext? context)
    {
        if (context is not null) _pendingCommit.Remove(context);
    }
}

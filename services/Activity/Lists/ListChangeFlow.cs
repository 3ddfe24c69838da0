using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Lists;

/// <summary>
/// The steps the lists' writes share: who acts and when, a create remembered under its client request id (a retry
/// answers the first result), and a change applied and saved with its audit entries and events in one transaction (a
/// broken rule answered on its field, a concurrent change as stale).
/// </summary>
public sealed class ListChangeFlow(ActivityDbContext db, TimeProvider clock)
{
    public DateTimeOffset Now() => clock.GetUtcNow().ToUniversalTime();

    public static Actor ActorOf(CallerScope caller) => new(caller.UserId ?? "unknown", caller.Role);

    /// <summary>What an earlier request with the same client request id created, if any.</summary>
    public Task<Guid?> EarlierAsync(string? requestKey, CancellationToken ct) => db.FindClientRequestAsync(requestKey, ct);

    /// <summary>Builds and saves a create. Returns null when saved, or the id a concurrent retry of the same request created.</summary>
    public async Task<Guid?> CreateAsync(string? requestKey, Func<Guid> create, CancellationToken ct)
    {
        var id = Apply(create);
        db.RememberClientRequest(requestKey, id, Now());
        return await db.SaveCreateAsync(requestKey, ct);
    }

    /// <summary>Applies a change to tracked entities and saves it; <paramref name="what"/> names the record in a stale answer.</summary>
    public async Task ChangeAsync(string what, Action change, CancellationToken ct)
    {
        Apply(() => { change(); return 0; });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale(what);
        }
    }

    static T Apply<T>(Func<T> change)
    {
        try
        {
            return change();
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
    }
}

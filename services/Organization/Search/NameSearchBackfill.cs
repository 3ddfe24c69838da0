using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Data;
using Alliance.Organization.Data;
using Alliance.Organization.People;
using Alliance.Organization.ServiceCenters;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.Search;

/// <summary>
/// At start (after migrations): fills the key of rows stored without one (before the column existed, or while the pinyin
/// table was missing), a batch at a time, loading the table only then; otherwise the table loads with the first name
/// written, so an idle service does not hold it. A missing Unihan file is warned about (search then matches characters only).
/// </summary>
public sealed class NameSearchBackfill(IServiceProvider services, ILogger<NameSearchBackfill> logger) : IHostedService
{
    public const int BatchSize = 500;

    public async Task StartAsync(CancellationToken ct)
    {
        if (!File.Exists(PinyinTable.DefaultPath))
        {
            logger.LogWarning("Pinyin search is off, names match by characters only: {Path} not found (package unicode-data)", PinyinTable.DefaultPath);
            return;
        }
        if (!await AnyKeyMissingAsync(ct)) return;
        var table = PinyinTable.Shared;
        if (!table.IsLoaded)
        {
            logger.LogWarning("Pinyin search is off, names match by characters only: {Reason}", table.LoadError);
            return;
        }
        logger.LogInformation("Pinyin table loaded: {Count} characters", table.Count);
        var organizations = 0;
        var people = 0;
        var centers = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
            var orgBatch = await db.Organizations.Where(o => o.NameSearch == null).OrderBy(o => o.Id).Take(BatchSize).ToListAsync(ct);
            var peopleBatch = await db.Set<Person>().Where(p => p.NameSearch == null).OrderBy(p => p.Id).Take(BatchSize).ToListAsync(ct);
            var centerBatch = await db.Set<ServiceCenter>().Where(c => c.NameSearch == null).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (orgBatch.Count == 0 && peopleBatch.Count == 0 && centerBatch.Count == 0) break;
            // Only the key changes: not a change of the aggregate, so no version bump and no event.
            foreach (var o in orgBatch) o.SetNameSearch(NameSearchKey.For(o.Name, table));
            foreach (var p in peopleBatch) p.SetNameSearch(NameSearchKey.For(p.Name, table));
            foreach (var c in centerBatch) c.SetNameSearch(NameSearchKey.For(c.Name, table));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // a row changed meanwhile (and got its key from that write); read the batch again
            }
            (organizations, people, centers) = (organizations + orgBatch.Count, people + peopleBatch.Count, centers + centerBatch.Count);
        }
        if (organizations + people + centers > 0)
            logger.LogInformation("Pinyin keys filled for {Organizations} organizations, {People} people and {ServiceCenters} service centers",
                organizations, people, centers);
    }

    /// <summary>Asked without the DbContext: a start with every key in place builds no EF Core model and loads no table.</summary>
    Task<bool> AnyKeyMissingAsync(CancellationToken ct) =>
        services.GetRequiredService<ServiceDatabase<OrganizationDbContext>>().ScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM party_organizations WHERE name_search IS NULL)
                OR EXISTS (SELECT 1 FROM people WHERE name_search IS NULL)
                OR EXISTS (SELECT 1 FROM service_centers WHERE name_search IS NULL)
            """, ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

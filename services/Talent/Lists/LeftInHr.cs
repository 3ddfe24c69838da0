using Alliance.Talent.Data;
using Alliance.Talent.Profiles;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Lists;

/// <summary>Someone who left in HR is flagged on every list they are on (open entries), with a history line and an event each; never removed.</summary>
public static class LeftInHr
{
    public static async Task FlagEntriesAsync(TalentDbContext db, Profile person, DateTimeOffset at, CancellationToken ct)
    {
        var entries = await db.ListEntries
            .Where(e => e.PersonId == person.PersonId && (e.State == ListEntry.Nominated || e.State == ListEntry.Reviewed || e.State == ListEntry.Listed))
            .ToListAsync(ct);
        if (entries.Count == 0) return;
        var ids = entries.Select(e => e.ListId).Distinct().ToList();
        var kinds = await db.TalentLists.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Kind, ct);
        foreach (var entry in entries)
        {
            if (!entry.FlagLeftInHr(at)) continue;
            db.EntryChanges.AddRange(entry.Changes);
            db.AddIntegrationEvent(DynamicListMapping.Changed(entry, kinds[entry.ListId], entry.Changes[^1].Change, at));
        }
    }
}

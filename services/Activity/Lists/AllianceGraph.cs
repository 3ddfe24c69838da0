using Alliance.ServiceDefaults.Security;
using Microsoft.Extensions.Caching.Memory;

namespace Alliance.Activity.Lists;

/// <summary>
/// The alliance graph as matching needs it: which units share an alliance with a unit. Built from the alliances the caller
/// sees in the organization service (their current member units, by <see cref="MatchScoring.UnitKey"/>) and kept for a
/// short while per caller's subsidiary and role, so ranking does not ask the organization service every time. Pairings
/// are not in it yet: the organization service answers pairings by id only (ADR 40).
/// </summary>
public sealed class AllianceGraph(IOrganizationDirectory directory, IMemoryCache cache)
{
    static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(2);

    public async Task<UnitNeighbourhood> NeighbourhoodAsync(CallerScope caller, string unitKey, CancellationToken ct)
    {
        var alliances = await AlliancesAsync(caller, ct);
        var near = alliances.Where(members => members.Contains(unitKey)).SelectMany(members => members).ToHashSet();
        near.Remove(unitKey);
        return new UnitNeighbourhood(near);
    }

    async Task<IReadOnlyList<HashSet<string>>> AlliancesAsync(CallerScope caller, CancellationToken ct)
    {
        var key = $"lists:alliance-graph:{caller.Role}:{caller.TenantId?.ToString() ?? caller.UserId}";
        if (cache.TryGetValue(key, out IReadOnlyList<HashSet<string>>? known) && known is not null) return known;
        var ids = await directory.AlliancesOfAsync(caller, ct);
        var alliances = new List<HashSet<string>>();
        foreach (var id in ids)
        {
            if (await directory.FindAllianceAsync(caller, id, ct) is not { } alliance) continue;
            alliances.Add(alliance.Members.Where(m => m.Current).Select(m => MatchScoring.UnitKey(m.OrganizationId, m.Name)).ToHashSet());
        }
        cache.Set(key, (IReadOnlyList<HashSet<string>>)alliances, KeptFor);
        return alliances;
    }
}

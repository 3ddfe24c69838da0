using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Lists;

/// <summary>
/// The offers a problem is matched against, filtered in SQL: its alliance's and the group's (a partner's problem: its
/// alliance's only), available, of a kind that answers its category, and not over before today. When there are more than
/// <see cref="MaxScored"/>, those sharing a tag with the problem come first (GIN index on tags). Only the columns the
/// scoring reads are loaded.
/// </summary>
public sealed class MatchCandidates(ListAccess access)
{
    public const int MaxScored = 5_000;

    public async Task<IReadOnlyList<MatchOffer>> OfAsync(Problem problem, Alliance.ServiceDefaults.Security.CallerScope caller, DateOnly today,
        CancellationToken ct, Guid? only = null)
    {
        var kinds = ListVocabulary.KindsFor(problem.Category).ToArray();
        var tags = problem.Tags.ToArray();
        var query = access.OffersFor(problem, caller).AsNoTracking()
            .Where(o => o.State == OfferState.Available && kinds.Contains(o.Kind) && (o.AvailableUntil == null || o.AvailableUntil >= today));
        if (only is { } id) query = query.Where(o => o.Id == id);
        var rows = await query
            .OrderByDescending(o => o.Tags.Any(t => tags.Contains(t))).ThenByDescending(o => o.CreatedAt)
            .Take(MaxScored)
            .Select(o => new { o.Id, o.AllianceId, o.UnitKey, o.Kind, o.Tags, o.PeopleJson, o.Capacity, o.Used, o.WindowsJson })
            .ToListAsync(ct);
        return rows.Select(o => new MatchOffer(o.Id, o.AllianceId, o.UnitKey, o.Kind, o.Tags,
            System.Text.Json.JsonSerializer.Deserialize<List<OfferedPerson>>(o.PeopleJson, System.Text.Json.JsonSerializerOptions.Web) ?? [],
            o.Capacity, o.Used,
            System.Text.Json.JsonSerializer.Deserialize<List<AvailabilityWindow>>(o.WindowsJson, System.Text.Json.JsonSerializerOptions.Web) ?? [])).ToList();
    }
}

using System.Globalization;

namespace Alliance.Activity.Lists;

/// <summary>A problem as the matcher reads it. UnitKey names the posting unit across alliances (<see cref="MatchScoring.UnitKey"/>).</summary>
public sealed record MatchProblem(Guid Id, Guid AllianceId, string UnitKey, ProblemCategory Category, IReadOnlyList<string> Tags,
    string Title, string Need, DateOnly? WantedBy);

/// <summary>A window in which an offer can be used, both days included.</summary>
public sealed record AvailabilityWindow(DateOnly From, DateOnly To);

/// <summary>A person offered with an offer: a person of the organization service (id) or a name, with skills as tags.</summary>
public sealed record OfferedPerson(Guid? PersonId, string Name, IReadOnlyList<string> Skills);

/// <summary>An offer as the matcher reads it. AllianceId is null for an offer to the whole group; Capacity null when none is stated.</summary>
public sealed record MatchOffer(Guid Id, Guid? AllianceId, string UnitKey, ResourceKind Kind, IReadOnlyList<string> Tags,
    IReadOnlyList<OfferedPerson> People, decimal? Capacity, int Used, IReadOnlyList<AvailabilityWindow> Windows);

/// <summary>One named part of a score, with its points and the reason in both languages.</summary>
public sealed record ScorePart(string Name, double Points, string Zh, string En);

public sealed record MatchScore(Guid OfferId, double Total, IReadOnlyList<ScorePart> Parts);

/// <summary>
/// How near two units are in the alliance graph, beyond the problem's own alliance: the units (by <see cref="MatchScoring.UnitKey"/>)
/// that share another alliance with the problem's unit or are paired with it.
/// </summary>
public sealed record UnitNeighbourhood(IReadOnlySet<string> Near)
{
    public static readonly UnitNeighbourhood None = new(new HashSet<string>());
}

/// <summary>
/// Scores a resource offer for a problem as a sum of named parts, each explained in words (ADR 40): the fit of the
/// offer's kind to the problem's category, the tags they share, the skills of the people offered against the problem's
/// tags and text, the distance of the two units in the alliance graph, the capacity left, and whether the offer is
/// available before the wanted-by date. Pure: the caller filters the candidates (same alliance or group-wide,
/// available, a kind that fits) and ranks the top N.
/// </summary>
public static class MatchScoring
{
    public const double FitWeight = 0.35;
    public const double TagWeight = 0.25;
    public const double SkillWeight = 0.15;
    public const double SameAlliance = 0.15;
    public const double NearUnit = 0.08;
    public const double CapacityWeight = 0.05;
    public const double AvailabilityWeight = 0.05;

    /// <summary>How a unit is named across alliances: its organization inside the group, else its name (an external unit).</summary>
    public static string UnitKey(Guid? organizationId, string name) =>
        organizationId is { } o ? "org:" + o : "ext:" + name.Trim().ToLowerInvariant();

    public static IReadOnlyList<MatchScore> Rank(MatchProblem problem, IEnumerable<MatchOffer> offers, UnitNeighbourhood near, DateOnly today, int top) =>
        offers.Select(o => Score(problem, o, near, today)).Where(s => s.Total > 0)
            .OrderByDescending(s => s.Total).ThenBy(s => s.OfferId).Take(top).ToList();

    public static MatchScore Score(MatchProblem problem, MatchOffer offer, UnitNeighbourhood near, DateOnly today)
    {
        var parts = new List<ScorePart> { Fit(problem, offer) };
        if (parts[0].Points <= 0) return new MatchScore(offer.Id, 0, parts);
        parts.Add(Tags(problem, offer));
        parts.Add(Skills(problem, offer));
        parts.Add(Distance(problem, offer, near));
        parts.Add(CapacityLeft(offer));
        parts.Add(Availability(problem, offer, today));
        return new MatchScore(offer.Id, Math.Round(parts.Sum(p => p.Points), 4), parts);
    }

    static ScorePart Fit(MatchProblem problem, MatchOffer offer)
    {
        var fit = ListVocabulary.Fit(problem.Category, offer.Kind);
        var (cz, ce) = ListVocabulary.Label(problem.Category);
        var (kz, ke) = ListVocabulary.Label(offer.Kind);
        var points = FitWeight * fit;
        return fit switch
        {
            >= 1 => new("fit", points, $"类别相符：{cz} ↔ {kz} {Signed(points)}", $"category fits: {ce} ↔ {ke} {Signed(points)}"),
            > 0 => new("fit", points, $"类别相近：{cz} ↔ {kz} {Signed(points)}", $"category is related: {ce} ↔ {ke} {Signed(points)}"),
            _ => new("fit", 0, $"类别不符：{cz} ↔ {kz}", $"category does not fit: {ce} ↔ {ke}"),
        };
    }

    /// <summary>Shared tags count whole; an offer's tag that the problem's title or need names counts half.</summary>
    static ScorePart Tags(MatchProblem problem, MatchOffer offer)
    {
        var problemTags = new HashSet<string>(problem.Tags, StringComparer.OrdinalIgnoreCase);
        var text = problem.Title + " " + problem.Need;
        var shared = offer.Tags.Where(problemTags.Contains).ToList();
        var named = offer.Tags.Where(t => !problemTags.Contains(t) && text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
        var wanted = Math.Max(1, Math.Min(problemTags.Count, 3));
        var points = TagWeight * Math.Min(1, (shared.Count + 0.5 * named.Count) / wanted);
        if (shared.Count == 0 && named.Count == 0) return new("tags", 0, "无共同标签 +0", "no shared tags +0");
        var list = string.Join("、", shared.Concat(named));
        return new("tags", points, $"共同标签：{list} {Signed(points)}", $"shared tags: {string.Join(", ", shared.Concat(named))} {Signed(points)}");
    }

    static ScorePart Skills(MatchProblem problem, MatchOffer offer)
    {
        if (offer.People.Count == 0) return new("skills", 0, "未提供人员 +0", "no people offered +0");
        var problemTags = new HashSet<string>(problem.Tags, StringComparer.OrdinalIgnoreCase);
        var text = problem.Title + " " + problem.Need;
        var matched = offer.People.SelectMany(p => p.Skills)
            .Where(s => problemTags.Contains(s) || text.Contains(s, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (matched.Count == 0) return new("skills", 0, "人员技能与需求无关 +0", "skills of the people offered do not meet the need +0");
        var points = SkillWeight * Math.Min(1, matched.Count / 2.0);
        return new("skills", points, $"人员技能对口：{string.Join("、", matched)} {Signed(points)}",
            $"skills of the people offered meet the need: {string.Join(", ", matched)} {Signed(points)}");
    }

    static ScorePart Distance(MatchProblem problem, MatchOffer offer, UnitNeighbourhood near)
    {
        if (offer.UnitKey == problem.UnitKey) return new("distance", 0, "本单位自己的资源 +0", "the unit's own offer +0");
        if (offer.AllianceId == problem.AllianceId)
            return new("distance", SameAlliance, $"同一联盟 {Signed(SameAlliance)}", $"same alliance {Signed(SameAlliance)}");
        if (near.Near.Contains(offer.UnitKey))
            return new("distance", NearUnit, $"双方结对或同在另一联盟 {Signed(NearUnit)}", $"the units are paired or share another alliance {Signed(NearUnit)}");
        return new("distance", 0, "仅同属集团 +0", "only the same group +0");
    }

    static ScorePart CapacityLeft(MatchOffer offer)
    {
        if (offer.Capacity is not { } capacity) return new("capacity", CapacityWeight, $"未限定容量 {Signed(CapacityWeight)}", $"no capacity limit stated {Signed(CapacityWeight)}");
        var left = capacity - offer.Used;
        if (left <= 0) return new("capacity", 0, "容量已用完 +0", "no capacity left +0");
        var text = left.ToString("0.##", CultureInfo.InvariantCulture);
        return new("capacity", CapacityWeight, $"尚余容量 {text} {Signed(CapacityWeight)}", $"capacity left: {text} {Signed(CapacityWeight)}");
    }

    /// <summary>Available before the wanted-by date: a window that holds a day from today to that date (any day from today without one).</summary>
    static ScorePart Availability(MatchProblem problem, MatchOffer offer, DateOnly today)
    {
        if (offer.Windows.Count == 0)
        {
            const double half = AvailabilityWeight / 2;
            return new("availability", half, $"时间可商定 {Signed(half)}", $"time by arrangement {Signed(half)}");
        }
        var until = problem.WantedBy ?? DateOnly.MaxValue;
        var covers = offer.Windows.Any(w => w.From <= until && w.To >= today);
        if (covers)
            return problem.WantedBy is { } by
                ? new("availability", AvailabilityWeight, $"在期望日期 {by:yyyy-MM-dd} 前可用 {Signed(AvailabilityWeight)}", $"available before the wanted-by date {by:yyyy-MM-dd} {Signed(AvailabilityWeight)}")
                : new("availability", AvailabilityWeight, $"近期可用 {Signed(AvailabilityWeight)}", $"available from now {Signed(AvailabilityWeight)}");
        return new("availability", 0, "期望日期前不可用 +0", "not available before the wanted-by date +0");
    }

    static string Signed(double points) => "+" + points.ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alliance.Activity.Lists;

namespace Alliance.Activity.Tests.Lists;

/// <summary>
/// The labelled set of tests/data/matching/labelled.json read as the matcher's inputs, and the matcher's figures on it:
/// each problem ranked against the pool the way the service filters candidates (its alliance's and the group's offers,
/// available, of a kind that fits, not over), precision@3 and hit@3 against the offers labelled correct.
/// </summary>
public sealed class LabelledMatchingSet
{
    public sealed record Problem(string Id, MatchProblem Input, IReadOnlySet<string> Correct, int Judged);
    public sealed record Offer(string Id, MatchOffer Input, string State, DateOnly? Until);

    public DateOnly AsOf { get; }
    public IReadOnlyList<Problem> Problems { get; }
    public IReadOnlyList<Offer> Offers { get; }

    LabelledMatchingSet(DateOnly asOf, IReadOnlyList<Problem> problems, IReadOnlyList<Offer> offers) =>
        (AsOf, Problems, Offers) = (asOf, problems, offers);

    public static string PathOf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "data", "matching", "labelled.json");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("tests/data/matching/labelled.json not found above " + AppContext.BaseDirectory);
    }

    public static LabelledMatchingSet Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf()));
        var root = doc.RootElement;
        var asOf = DateOnly.Parse(root.GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var offers = root.GetProperty("offers").EnumerateArray().Select(o =>
        {
            var windows = o.GetProperty("windows").EnumerateArray()
                .Select(w => new AvailabilityWindow(Day(w.GetProperty("from")), Day(w.GetProperty("to")))).ToList();
            var people = o.GetProperty("people").EnumerateArray()
                .Select(p => new OfferedPerson(null, p.GetProperty("name").GetString()!, Strings(p.GetProperty("skills")))).ToList();
            var alliance = o.GetProperty("alliance").ValueKind == JsonValueKind.Null ? (Guid?)null : AllianceId(o.GetProperty("alliance").GetString()!);
            var capacity = o.GetProperty("capacity").ValueKind == JsonValueKind.Null ? (decimal?)null : o.GetProperty("capacity").GetDecimal();
            var input = new MatchOffer(IdOf(o.GetProperty("id").GetString()!), alliance, o.GetProperty("unit").GetString()!,
                ListVocabulary.Kind(o.GetProperty("kind").GetString())!.Value, Strings(o.GetProperty("tags")), people, capacity, 0, windows);
            return new Offer(o.GetProperty("id").GetString()!, input, o.GetProperty("state").GetString()!,
                windows.Count == 0 ? null : windows.Max(w => w.To));
        }).ToList();
        var problems = root.GetProperty("problems").EnumerateArray().Select(p => new Problem(
            p.GetProperty("id").GetString()!,
            new MatchProblem(IdOf(p.GetProperty("id").GetString()!), AllianceId(p.GetProperty("alliance").GetString()!), p.GetProperty("unit").GetString()!,
                ListVocabulary.Category(p.GetProperty("category").GetString())!.Value, Strings(p.GetProperty("tags")),
                p.GetProperty("title").GetString()!, p.GetProperty("need").GetString()!, Day(p.GetProperty("wantedBy"))),
            Strings(p.GetProperty("correct")).ToHashSet(),
            p.GetProperty("correct").GetArrayLength() + p.GetProperty("judgedWrong").GetArrayLength())).ToList();
        return new LabelledMatchingSet(asOf, problems, offers);
    }

    /// <summary>The offers the service would score for the problem (<see cref="MatchCandidates"/>'s filter).</summary>
    public IEnumerable<MatchOffer> CandidatesOf(MatchProblem problem)
    {
        var kinds = ListVocabulary.KindsFor(problem.Category);
        return Offers.Where(o => o.State == "available" && kinds.Contains(o.Input.Kind) && (o.Until is null || o.Until >= AsOf)
                && (o.Input.AllianceId is null || o.Input.AllianceId == problem.AllianceId))
            .Select(o => o.Input);
    }

    public sealed record Figures(int Problems, int LabelledPairs, double PrecisionAt3, double HitAt3);

    /// <param name="labels">The offers counted correct for a problem; its own labels unless given.</param>
    public Figures Evaluate(Func<Problem, IReadOnlySet<string>>? labels = null)
    {
        labels ??= p => p.Correct;
        var names = Offers.ToDictionary(o => o.Input.Id, o => o.Id);
        double precision = 0, hits = 0;
        foreach (var problem in Problems)
        {
            var top = MatchScoring.Rank(problem.Input, CandidatesOf(problem.Input), UnitNeighbourhood.None, AsOf, 3);
            var wanted = labels(problem);
            var correct = top.Count(s => wanted.Contains(names[s.OfferId]));
            precision += correct / 3.0;
            if (correct > 0) hits++;
        }
        return new Figures(Problems.Count, Problems.Sum(p => p.Judged), precision / Problems.Count, hits / Problems.Count);
    }

    /// <summary>The problems whose top 3 holds a wrong offer: the problem, then each of its top 3 marked correct (+) or not (-).</summary>
    public IEnumerable<string> Misses()
    {
        var names = Offers.ToDictionary(o => o.Input.Id, o => o.Id);
        foreach (var problem in Problems)
        {
            var top = MatchScoring.Rank(problem.Input, CandidatesOf(problem.Input), UnitNeighbourhood.None, AsOf, 3);
            if (top.All(s => problem.Correct.Contains(names[s.OfferId]))) continue;
            yield return $"{problem.Id}: " + string.Join(", ", top.Select(s => $"{(problem.Correct.Contains(names[s.OfferId]) ? "+" : "-")}{names[s.OfferId]} {s.Total:0.00}"));
        }
    }

    static DateOnly Day(JsonElement e) => DateOnly.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    static List<string> Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToList();

    static Guid IdOf(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes(name)));

    static Guid AllianceId(string key) => IdOf("alliance:" + key);
}

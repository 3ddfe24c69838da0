using System.Globalization;

namespace Alliance.Activity.Projects;

/// <summary>A term of a fixed set with its name in both languages.</summary>
public sealed record Term(string Code, string Zh, string En);

/// <summary>The fixed categories of tackling projects (攻坚项目).</summary>
public static class ProjectCategories
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("major-engineering", "重大工程", "Major engineering"),
        new("business-growth", "业务发展", "Business growth"),
        new("livelihood", "民生服务", "People's livelihood"),
        new("innovation", "科技创新", "Innovation"),
        new("grassroots-governance", "基层治理", "Grassroots governance"),
        new("party-building", "党建引领", "Party building"),
    ];

    public static bool IsKnown(string code) => All.Any(t => t.Code == code);
}

/// <summary>
/// The fixed units of outcome measures: an outcome is a number in one of these, never free text. Counting units take whole
/// numbers that are not negative; days ahead of schedule may be negative (a delay); a percentage lies between 0 and 100.
/// </summary>
public static class MeasureUnits
{
    public const string DaysAhead = "days-ahead";
    public const string Cny = "cny";
    public const string PeopleServed = "people-served";
    public const string Households = "households";
    public const string Items = "items";
    public const string Hours = "hours";
    public const string Enterprises = "enterprises";
    public const string Percent = "percent";

    public static readonly IReadOnlyList<Term> All =
    [
        new(DaysAhead, "天（提前工期）", "days ahead of schedule"),
        new(Cny, "元", "CNY"),
        new(PeopleServed, "人次（服务）", "people served"),
        new(Households, "户", "households"),
        new(Items, "件", "items"),
        new(Hours, "小时", "hours"),
        new(Enterprises, "家企业", "enterprises"),
        new(Percent, "%", "percent"),
    ];

    static readonly string[] Counts = [PeopleServed, Households, Items, Enterprises];

    public static bool IsKnown(string code) => All.Any(t => t.Code == code);

    /// <summary>Why <paramref name="value"/> cannot be a measure in <paramref name="unit"/>; null when it can.</summary>
    public static string? Problem(string unit, decimal value)
    {
        if (!IsKnown(unit)) return $"must be one of: {string.Join(", ", All.Select(t => t.Code))}.";
        if (Counts.Contains(unit) && value != decimal.Truncate(value)) return $"{unit} counts whole numbers.";
        if (unit != DaysAhead && value < 0) return $"{unit} cannot be negative.";
        if (unit == Percent && value > 100) return "a percentage is at most 100.";
        return null;
    }

    public static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && Math.Abs(value) < 1_000_000_000_000m;
}

/// <summary>A tackling project's status and the moves between them.</summary>
public static class ProjectStatus
{
    public const string Planned = "planned";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Suspended = "suspended";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Planned, InProgress, Completed, Suspended, Cancelled];

    static readonly Dictionary<string, string[]> Moves = new()
    {
        [Planned] = [InProgress, Cancelled],
        [InProgress] = [Completed, Suspended, Cancelled],
        [Suspended] = [InProgress, Cancelled],
        [Completed] = [],
        [Cancelled] = [],
    };

    public static bool MayMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to);

    public static bool IsOpen(string status) => status is Planned or InProgress or Suspended;
}

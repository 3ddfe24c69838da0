namespace Alliance.Activity.Lists;

/// <summary>What a problem (问题) needs, a fixed set the console shows in both languages.</summary>
public enum ProblemCategory { Venue, Expertise, Equipment, Funding, Channels, Training, Services }

/// <summary>What a resource offer (资源) gives: the kinds the articles name (阵地, 专家, 设备, 资金, 渠道, 培训名额).</summary>
public enum ResourceKind { Venue, Experts, Equipment, Funding, Channels, TrainingPlaces }

public enum ProblemUrgency { Low, Normal, High, Urgent }

public enum ProblemState { Open, Matched, Resolved, Withdrawn }

public enum OfferState { Available, UsedUp, Withdrawn }

public enum OfferScope { Alliance, Group }

public enum MatchState { Proposed, Accepted, Declined, Resolved }

/// <summary>The names of the lists' words as stored and sent (kebab-case), and their labels in both languages.</summary>
public static class ListVocabulary
{
    public static string Name(ProblemCategory c) => c switch
    {
        ProblemCategory.Venue => "venue",
        ProblemCategory.Expertise => "expertise",
        ProblemCategory.Equipment => "equipment",
        ProblemCategory.Funding => "funding",
        ProblemCategory.Channels => "channels",
        ProblemCategory.Training => "training",
        _ => "services",
    };

    public static string Name(ResourceKind k) => k switch
    {
        ResourceKind.Venue => "venue",
        ResourceKind.Experts => "experts",
        ResourceKind.Equipment => "equipment",
        ResourceKind.Funding => "funding",
        ResourceKind.Channels => "channels",
        _ => "training-places",
    };

    public static string Name(ProblemUrgency u) => u.ToString().ToLowerInvariant();
    public static string Name(ProblemState s) => s.ToString().ToLowerInvariant();
    public static string Name(MatchState s) => s.ToString().ToLowerInvariant();
    public static string Name(OfferScope s) => s.ToString().ToLowerInvariant();
    public static string Name(OfferState s) => s switch { OfferState.Available => "available", OfferState.UsedUp => "used-up", _ => "withdrawn" };

    public static ProblemCategory? Category(string? name) => Enum.GetValues<ProblemCategory>().Cast<ProblemCategory?>().FirstOrDefault(c => Name(c!.Value) == name?.Trim());
    public static ResourceKind? Kind(string? name) => Enum.GetValues<ResourceKind>().Cast<ResourceKind?>().FirstOrDefault(k => Name(k!.Value) == name?.Trim());
    public static ProblemUrgency? Urgency(string? name) => Enum.GetValues<ProblemUrgency>().Cast<ProblemUrgency?>().FirstOrDefault(u => Name(u!.Value) == name?.Trim());
    public static ProblemState? ProblemStateNamed(string? name) => Enum.GetValues<ProblemState>().Cast<ProblemState?>().FirstOrDefault(s => Name(s!.Value) == name?.Trim());
    public static OfferState? OfferStateNamed(string? name) => Enum.GetValues<OfferState>().Cast<OfferState?>().FirstOrDefault(s => Name(s!.Value) == name?.Trim());
    public static MatchState? MatchStateNamed(string? name) => Enum.GetValues<MatchState>().Cast<MatchState?>().FirstOrDefault(s => Name(s!.Value) == name?.Trim());

    public static (string Zh, string En) Label(ProblemCategory c) => c switch
    {
        ProblemCategory.Venue => ("场地阵地", "venue"),
        ProblemCategory.Expertise => ("专家技术", "expertise"),
        ProblemCategory.Equipment => ("设备物资", "equipment"),
        ProblemCategory.Funding => ("资金", "funding"),
        ProblemCategory.Channels => ("渠道市场", "channels"),
        ProblemCategory.Training => ("培训学习", "training"),
        _ => ("民生服务", "services for residents"),
    };

    public static (string Zh, string En) Label(ResourceKind k) => k switch
    {
        ResourceKind.Venue => ("场地阵地", "venue"),
        ResourceKind.Experts => ("专家服务", "experts"),
        ResourceKind.Equipment => ("设备", "equipment"),
        ResourceKind.Funding => ("资金", "funding"),
        ResourceKind.Channels => ("渠道", "channels"),
        _ => ("培训名额", "training places"),
    };

    /// <summary>
    /// How well a kind of resource answers a category of need: 1 the kind made for it, 0.5 a kind that often serves it
    /// (experts teach, a venue hosts a training or a service day, equipment and funding stand in for each other in part),
    /// 0 otherwise. The candidates of a problem are the offers of a kind with a fit above 0.
    /// </summary>
    public static double Fit(ProblemCategory category, ResourceKind kind) => (category, kind) switch
    {
        (ProblemCategory.Venue, ResourceKind.Venue) => 1,
        (ProblemCategory.Expertise, ResourceKind.Experts) => 1,
        (ProblemCategory.Equipment, ResourceKind.Equipment) => 1,
        (ProblemCategory.Funding, ResourceKind.Funding) => 1,
        (ProblemCategory.Channels, ResourceKind.Channels) => 1,
        (ProblemCategory.Training, ResourceKind.TrainingPlaces) => 1,
        (ProblemCategory.Services, ResourceKind.Experts) => 1,
        (ProblemCategory.Training, ResourceKind.Experts) => 0.5,
        (ProblemCategory.Training, ResourceKind.Venue) => 0.5,
        (ProblemCategory.Services, ResourceKind.Venue) => 0.5,
        (ProblemCategory.Services, ResourceKind.Equipment) => 0.5,
        (ProblemCategory.Expertise, ResourceKind.TrainingPlaces) => 0.5,
        (ProblemCategory.Equipment, ResourceKind.Funding) => 0.5,
        (ProblemCategory.Channels, ResourceKind.Experts) => 0.5,
        _ => 0,
    };

    /// <summary>The kinds that can answer <paramref name="category"/> at all (fit above 0).</summary>
    public static IReadOnlyList<ResourceKind> KindsFor(ProblemCategory category) =>
        Enum.GetValues<ResourceKind>().Where(k => Fit(category, k) > 0).ToList();

    /// <summary>Tags as kept: trimmed, lower case, no duplicates, in the order given.</summary>
    public static List<string> Tags(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
}

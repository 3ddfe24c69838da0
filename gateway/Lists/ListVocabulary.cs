namespace Alliance.Gateway.Lists;

/// <summary>The words of the lists as the API takes them (the activity service checks them again) and their labels for exports.</summary>
public static class ListWords
{
    public static readonly string[] Categories = ["venue", "expertise", "equipment", "funding", "channels", "training", "services"];
    public static readonly string[] Kinds = ["venue", "experts", "equipment", "funding", "channels", "training-places"];
    public static readonly string[] Urgencies = ["low", "normal", "high", "urgent"];
    public static readonly string[] ProblemStates = ["open", "matched", "resolved", "withdrawn"];
    public static readonly string[] OfferStates = ["available", "used-up", "withdrawn"];
    public static readonly string[] Scopes = ["alliance", "group"];

    public static string KindLabel(string kind, bool english) => (kind, english) switch
    {
        ("venue", false) => "场地阵地",
        ("experts", false) => "专家服务",
        ("equipment", false) => "设备",
        ("funding", false) => "资金",
        ("channels", false) => "渠道",
        ("training-places", false) => "培训名额",
        ("training-places", true) => "training places",
        _ => kind,
    };

    public static void OneOf(Dictionary<string, string[]> errors, string field, string? value, string[] allowed, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = ["is required."];
            return;
        }
        if (!allowed.Contains(value.Trim())) errors[field] = [$"must be one of: {string.Join(", ", allowed)}."];
    }
}

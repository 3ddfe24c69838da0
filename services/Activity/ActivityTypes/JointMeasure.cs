namespace Alliance.Activity.ActivityTypes;

/// <summary>
/// The six joint measures of the "136" model (DOMAIN.md): 理论联学, 组织联建, 工作联动, 业绩联创, 责任联担, 底线联守.
/// Stored and published by their lower-case names.
/// </summary>
public enum JointMeasure { Study, Organization, Work, Performance, Responsibility, Integrity }

public static class JointMeasures
{
    public static string Name(this JointMeasure measure) => measure.ToString().ToLowerInvariant();

    public static JointMeasure? FromName(string? name) =>
        Enum.TryParse<JointMeasure>(name, ignoreCase: true, out var measure) && Enum.IsDefined(measure) && !int.TryParse(name, out _) ? measure : null;
}

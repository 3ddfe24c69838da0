namespace Alliance.Organization.Alliances;

/// <summary>The kinds of unit outside the group that join alliances and pairings.</summary>
public enum ExternalUnitKind { GovernmentOffice, Bank, Community, School, Enterprise }

/// <summary>A unit outside the group (government office, bank, community, school, enterprise) and who to talk to there.</summary>
public sealed record ExternalUnit(ExternalUnitKind Kind, string Name, string ContactName, string ContactPhone)
{
    public const int MaxNameLength = 100;
    public const int MaxContactLength = 50;
}

/// <summary>A rule of alliances or pairings was broken; names the request field it is about.</summary>
public sealed class AllianceRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

namespace Alliance.Reporting.Tests.StartOrder;

/// <summary>
/// The tests that load the whole demo group run one at a time: on two cores, three loads at once (each copying thousands
/// of people while other services migrate their databases) made new PostgreSQL connections wait past their timeout.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoGroupCollection
{
    public const string Name = "Demo group loads";
}

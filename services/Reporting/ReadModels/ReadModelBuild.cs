namespace Alliance.Reporting.ReadModels;

/// <summary>
/// The version of reporting's read models that the database holds, and when and from how many events it was filled from
/// the source's current state (ADR 26). One row.
/// </summary>
public sealed class ReadModelBuild
{
    /// <summary>
    /// The read models' version in this build of reporting. Raise it with a change that existing rows cannot follow by
    /// events alone (a new read model, a new consumer of past events, a projection that changed): at the next start the
    /// read models are filled again from the source's current state.
    /// </summary>
    public const int CurrentVersion = 3; // 2: activity_views and activity_host_views, filled from the activity service too;
                                         // 3: attendance, meeting rules, decision items, organization kinds (ADR 37)

    public int Id { get; set; } = 1;
    public int Version { get; set; }
    public DateTimeOffset FilledAt { get; set; }
    public long StateEvents { get; set; }
    public long IncludedEvents { get; set; }
}

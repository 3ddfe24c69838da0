namespace Alliance.Organization.HrSync.Connectors;

/// <summary>One employee as an HR system's API lists it, mapped to Alliance's fields, with HR's own change time.</summary>
public sealed record HrEmployeeRecord(
    string? EmployeeNumber, string? ExternalId, string Name, string? Department, string? Position, bool Active, DateTimeOffset? HrUpdatedAt);

/// <summary>One page pulled from an HR system: its records, the cursor to continue from, and whether more pages follow now.</summary>
public sealed record HrPullPage(IReadOnlyList<HrEmployeeRecord> Records, string? NextCursor, bool HasMore);

/// <summary>
/// A pull connector to an HR system's API. <see cref="PullAsync"/> is incremental: given the cursor the last applied
/// page ended with (null: from the start), it returns the next page of changed employees and the cursor after it.
/// </summary>
public interface IHrConnector
{
    string Name { get; }

    Task<HrPullPage> PullAsync(string? cursor, CancellationToken ct);
}

/// <summary>Where pulled records go. Applying the same page twice must be harmless (at-least-once delivery).</summary>
public interface IHrRecordSink
{
    Task<HrApplyResult> ApplyAsync(Guid subsidiaryId, string source, IReadOnlyList<HrEmployeeRecord> records, CancellationToken ct);
}

public sealed record HrApplyResult(int Created, int Updated, int Deactivated, int Unchanged)
{
    public static readonly HrApplyResult None = new(0, 0, 0, 0);
    public HrApplyResult Plus(HrApplyResult other) =>
        new(Created + other.Created, Updated + other.Updated, Deactivated + other.Deactivated, Unchanged + other.Unchanged);
}

namespace Alliance.Organization.PersonAccounts;

/// <summary>
/// A sign-in name linked to a person of a subsidiary: the identity provider's token names the user, this says which
/// person the user is. At most one active link per user name and one per person (unique indexes); unlinking keeps the row
/// with who unlinked it, and the name or the person may then be linked again.
/// </summary>
public sealed class PersonAccount
{
    public const int MaxUserNameLength = 64;

    public Guid Id { get; private set; }
    public string UserName { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string LinkedBy { get; private set; } = "";
    public DateTimeOffset LinkedAt { get; private set; }
    public DateTimeOffset? UnlinkedAt { get; private set; }
    public string? UnlinkedBy { get; private set; }

    private PersonAccount() { }

    public bool IsActive => UnlinkedAt is null;

    public static PersonAccount Link(string userName, Guid personId, Guid subsidiaryId, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), UserName = userName.Trim(), PersonId = personId, SubsidiaryId = subsidiaryId,
        LinkedBy = by, LinkedAt = now,
    };

    /// <returns>false when it was unlinked already (the first unlinking stands).</returns>
    public bool Unlink(string by, DateTimeOffset now)
    {
        if (!IsActive) return false;
        (UnlinkedAt, UnlinkedBy) = (now, by);
        return true;
    }
}

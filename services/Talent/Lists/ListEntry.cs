namespace Alliance.Talent.Lists;

/// <summary>
/// A person's entry on a dynamic list, for their unit (their subsidiary): nominated → reviewed → listed, or rejected;
/// listed → removed with a reason. A re-evaluation marks listed entries as awaiting it until each is confirmed or removed;
/// when it closes, those left are flagged <see cref="NotReevaluated"/>. HR's "left" flags the entry (<see cref="LeftInHr"/>)
/// and leaves its state alone. Every change appends an <see cref="EntryChange"/> (collected in <see cref="Changes"/> until saved).
/// </summary>
public sealed class ListEntry
{
    public const string Nominated = "nominated", Reviewed = "reviewed", Listed = "listed", Rejected = "rejected", Removed = "removed";

    public Guid Id { get; private set; }
    public Guid ListId { get; private set; }
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public Guid SubsidiaryId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public bool IsPartyMember { get; private set; }
    public string State { get; private set; } = Nominated;
    public string Reason { get; private set; } = "";
    public bool LeftInHr { get; private set; }
    public bool NotReevaluated { get; private set; }
    public Guid? AwaitingReevaluationId { get; private set; }
    public DateTimeOffset NominatedAt { get; private set; }
    public string NominatedBy { get; private set; } = "";
    public DateTimeOffset? ListedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public long Version { get; private set; }

    public List<EntryChange> Changes { get; } = [];

    ListEntry() { }

    public bool IsOpen => State is Nominated or Reviewed or Listed;

    public static ListEntry Nominate(Guid listId, Profiles.Profile person, string reason, Actor by, DateTimeOffset now)
    {
        var entry = new ListEntry
        {
            Id = Guid.CreateVersion7(now), ListId = listId, PersonId = person.PersonId, PersonName = person.Name, SubsidiaryId = person.SubsidiaryId,
            OrganizationId = person.OrganizationId, IsPartyMember = person.IsPartyMember, LeftInHr = person.LeftInHr,
            Reason = reason, NominatedAt = now, NominatedBy = by.UserName,
        };
        entry.Record("nominated", reason, by, now);
        return entry;
    }

    public void Review(Actor by, DateTimeOffset now)
    {
        Expect(Nominated, "reviewed");
        State = Reviewed;
        Record("reviewed", "", by, now);
    }

    /// <summary>Lists a reviewed entry; <paramref name="listedInUnit"/> is how many of the unit are listed now.</summary>
    public void Place(TalentList list, int listedInUnit, Actor by, DateTimeOffset now)
    {
        Expect(Reviewed, "listed");
        if (list.SizeLimitPerUnit is { } limit && listedInUnit >= limit)
            throw new TalentRuleException("entryId",
                $"The unit already has {listedInUnit} people listed on {list.NameEn} ({list.NameZh}), its limit of {limit}; remove someone first.");
        State = Listed;
        ListedAt = now;
        Record("listed", "", by, now);
    }

    public void Reject(string reason, Actor by, DateTimeOffset now)
    {
        if (State is not (Nominated or Reviewed)) throw Wrong("rejected");
        State = Rejected;
        Reason = reason;
        EndedAt = now;
        Record("rejected", reason, by, now);
    }

    public void Remove(string reason, Actor by, DateTimeOffset now)
    {
        Expect(Listed, "removed");
        State = Removed;
        Reason = reason;
        EndedAt = now;
        AwaitingReevaluationId = null;
        Record("removed", reason, by, now);
    }

    /// <summary>Confirms a listed entry in the re-evaluation it awaits.</summary>
    public void Confirm(string reason, Actor by, DateTimeOffset now)
    {
        Expect(Listed, "confirmed");
        if (AwaitingReevaluationId is null) throw new TalentRuleException("entryId", "The entry awaits no re-evaluation; open one for the list first.");
        AwaitingReevaluationId = null;
        NotReevaluated = false;
        Record("confirmed", reason, by, now);
    }

    public void AwaitReevaluation(Guid reevaluationId) => AwaitingReevaluationId = reevaluationId;

    public void FlagNotReevaluated(Actor by, DateTimeOffset now)
    {
        AwaitingReevaluationId = null;
        NotReevaluated = true;
        Record("flagged-not-reevaluated", "", by, now);
    }

    /// <summary>HR says the person left; true when this is news for the entry.</summary>
    public bool FlagLeftInHr(DateTimeOffset now)
    {
        if (LeftInHr) return false;
        LeftInHr = true;
        Record("flagged-left-in-hr", "", new Actor("hr", "system"), now);
        return true;
    }

    void Expect(string state, string change)
    {
        if (State != state) throw Wrong(change);
    }

    TalentRuleException Wrong(string change) => new("entryId", $"A {State} entry cannot be {change}.");

    void Record(string change, string reason, Actor by, DateTimeOffset now)
    {
        Version++;
        Changes.Add(new EntryChange(Id, Version, change, reason, by, now));
    }
}

/// <summary>An entry's history, append-only: who, when, what, and the reason.</summary>
public sealed class EntryChange
{
    public Guid Id { get; private set; }
    public Guid EntryId { get; private set; }
    public long Version { get; private set; }
    public string Change { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string ChangedByRole { get; private set; } = "";

    EntryChange() { }

    public EntryChange(Guid entryId, long version, string change, string reason, Actor by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        EntryId = entryId;
        Version = version;
        Change = change;
        Reason = reason;
        ChangedAt = now;
        ChangedBy = by.UserName;
        ChangedByRole = by.Role;
    }
}

/// <summary>A period's re-evaluation of a list, for every unit or one subsidiary's.</summary>
public sealed class Reevaluation
{
    public Guid Id { get; private set; }
    public Guid ListId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public string Period { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Entries { get; private set; }
    public int Flagged { get; private set; }

    Reevaluation() { }

    public static Reevaluation Open(Guid listId, Guid? subsidiaryId, string period, int entries, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ListId = listId, SubsidiaryId = subsidiaryId, Period = period.Trim(), OpenedAt = now, OpenedBy = by.UserName, Entries = entries,
    };

    public void Close(int flagged, DateTimeOffset now)
    {
        ClosedAt = now;
        Flagged = flagged;
    }
}

using Alliance.Organization.Alliances;
using Alliance.ServiceDefaults.Search;

namespace Alliance.Organization.ServiceCenters;

public enum ServiceCenterStatus { Open, Closed }

/// <summary>What describes a venue and may be revised: its name, where it is, how many it seats, and who to call.</summary>
public sealed record ServiceCenterDetails(string Name, string Address, int Capacity, string? ContactName, string? ContactPhone,
    string? OpeningHours, string? Facilities)
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;
    public const int MaxCapacity = 100_000;
    public const int MaxContactLength = 50;
    public const int MaxOpeningHoursLength = 200;
    public const int MaxFacilitiesLength = 2_000;

    internal ServiceCenterDetails Trimmed() => new(Name.Trim(), Address.Trim(), Capacity, Blank(ContactName), Blank(ContactPhone),
        Blank(OpeningHours), Blank(Facilities));

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A period in which a service center is shared with an alliance: from a day, until a day (inclusive) or open-ended.
/// Stopping sets the last day; the row stays, so the history of sharing stays readable.
/// </summary>
public sealed class ServiceCenterShare
{
    public Guid Id { get; private set; }
    public Guid ServiceCenterId { get; private set; }
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public DateOnly SharedFrom { get; private set; }
    public DateOnly? SharedUntil { get; private set; }

    private ServiceCenterShare() { }

    internal static ServiceCenterShare Start(Guid serviceCenterId, Guid allianceId, string allianceName, DateOnly from, DateOnly? until, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), ServiceCenterId = serviceCenterId, AllianceId = allianceId, AllianceName = allianceName, SharedFrom = from, SharedUntil = until };

    /// <summary>Still shared on <paramref name="day"/> or later: no last day, or a last day not yet past.</summary>
    public bool IsOpenOn(DateOnly day) => SharedUntil is not { } until || until >= day;

    /// <summary>Whether the period from <paramref name="from"/> until <paramref name="until"/> (open-ended when null) shares a day with this one.</summary>
    public bool OverlapsWith(DateOnly from, DateOnly? until) =>
        (SharedUntil is not { } mine || mine >= from) && (until is not { } theirs || theirs >= SharedFrom);

    internal void StopOn(DateOnly lastDay) => SharedUntil = lastDay;
}

/// <summary>
/// A party-and-people service center (党群服务中心, 阵地): a venue of a party organization of the group (its owner,
/// whose subsidiary owns the record) with an address and a capacity, shared with alliances the subsidiary takes part
/// in. Closing keeps the record. Every change bumps <see cref="Version"/>.
/// </summary>
public sealed class ServiceCenter
{
    public const int MaxCloseReasonLength = 500;

    readonly List<ServiceCenterShare> _shares = [];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Pinyin alternatives of <see cref="Name"/> (<see cref="NameSearchKey"/>); null until computed.</summary>
    public string? NameSearch { get; private set; }
    public string Address { get; private set; } = "";
    public int Capacity { get; private set; }
    public Guid OwnerOrganizationId { get; private set; }
    public string OwnerName { get; private set; } = "";
    public Guid SubsidiaryId { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public string? OpeningHours { get; private set; }
    public string? Facilities { get; private set; }
    public ServiceCenterStatus Status { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? CloseReason { get; private set; }
    public IReadOnlyList<ServiceCenterShare> Shares => _shares;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }

    private ServiceCenter() { }

    /// <exception cref="AllianceRuleException">when the capacity is out of range.</exception>
    public static ServiceCenter Open(ServiceCenterDetails details, Guid ownerOrganizationId, Guid subsidiaryId, string ownerName, DateTimeOffset now)
    {
        var center = new ServiceCenter
        {
            Id = Guid.CreateVersion7(now),
            OwnerOrganizationId = ownerOrganizationId,
            SubsidiaryId = subsidiaryId,
            OwnerName = ownerName.Trim(),
            Status = ServiceCenterStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        center.Apply(details);
        return center;
    }

    public bool IsOpen => Status == ServiceCenterStatus.Open;

    /// <summary>The alliances it is shared with on <paramref name="day"/> or later.</summary>
    public IEnumerable<ServiceCenterShare> SharesOpenOn(DateOnly day) => _shares.Where(s => s.IsOpenOn(day));

    /// <exception cref="AllianceRuleException">when closed, or the capacity is out of range.</exception>
    public void Revise(ServiceCenterDetails details, DateTimeOffset now)
    {
        EnsureOpen();
        Apply(details);
        Touch(now);
    }

    /// <summary>
    /// Closes the venue: sharing still running ends on the closing day; sharing planned to start after it never
    /// happens and is dropped.
    /// </summary>
    /// <returns>The sharing periods that were ended or dropped.</returns>
    /// <exception cref="AllianceRuleException">when already closed.</exception>
    public IReadOnlyList<ServiceCenterShare> Close(DateOnly closedOn, string? reason, DateTimeOffset now)
    {
        EnsureOpen();
        var ended = SharesOpenOn(closedOn).ToList();
        foreach (var share in ended)
        {
            if (share.SharedFrom > closedOn) _shares.Remove(share);
            else share.StopOn(closedOn);
        }
        Status = ServiceCenterStatus.Closed;
        ClosedOn = closedOn;
        CloseReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Touch(now);
        return ended;
    }

    /// <summary>
    /// Shares the venue with an alliance from <paramref name="from"/>, until <paramref name="until"/> (inclusive) or
    /// open-ended. The caller checks that the alliance is one the owner's subsidiary takes part in.
    /// </summary>
    /// <exception cref="AllianceRuleException">when closed, the dates are inverted, or a sharing with the alliance overlaps.</exception>
    public ServiceCenterShare ShareWith(Guid allianceId, string allianceName, DateOnly from, DateOnly? until, DateTimeOffset now)
    {
        EnsureOpen();
        if (until is { } last && last < from) throw new AllianceRuleException("sharedUntil", "must not be before the first shared day.");
        if (_shares.Any(s => s.AllianceId == allianceId && s.OverlapsWith(from, until)))
            throw new AllianceRuleException("allianceId", "The service center is already shared with this alliance for part of that time.");
        var share = ServiceCenterShare.Start(Id, allianceId, allianceName.Trim(), from, until, now);
        _shares.Add(share);
        Touch(now);
        return share;
    }

    /// <summary>Ends the sharing with an alliance: <paramref name="lastDay"/> is its last shared day.</summary>
    /// <exception cref="AllianceRuleException">when closed, no sharing with the alliance runs on that day or later, or it would end before it started.</exception>
    public ServiceCenterShare StopSharing(Guid allianceId, DateOnly lastDay, DateTimeOffset now)
    {
        EnsureOpen();
        var share = _shares.Where(s => s.AllianceId == allianceId && s.IsOpenOn(lastDay)).OrderBy(s => s.SharedFrom).FirstOrDefault()
            ?? throw new AllianceRuleException("allianceId", "The service center is not shared with this alliance on or after that day.");
        if (lastDay < share.SharedFrom) throw new AllianceRuleException("sharedUntil", $"must not be before the sharing started ({share.SharedFrom:yyyy-MM-dd}).");
        share.StopOn(lastDay);
        Touch(now);
        return share;
    }

    /// <summary>Only the key changes: not a change of the aggregate, so no version bump and no event.</summary>
    public void SetNameSearch(string? key) => NameSearch = key;

    void Apply(ServiceCenterDetails details)
    {
        if (details.Capacity is < 1 or > ServiceCenterDetails.MaxCapacity)
            throw new AllianceRuleException("capacity", $"must be between 1 and {ServiceCenterDetails.MaxCapacity}.");
        var d = details.Trimmed();
        if (d.Name.Length == 0) throw new AllianceRuleException("name", "is required.");
        if (d.Address.Length == 0) throw new AllianceRuleException("address", "is required.");
        if (d.Name != Name || NameSearch is null) NameSearch = NameSearchKey.For(d.Name);
        (Name, Address, Capacity, ContactName, ContactPhone, OpeningHours, Facilities) =
            (d.Name, d.Address, d.Capacity, d.ContactName, d.ContactPhone, d.OpeningHours, d.Facilities);
    }

    void EnsureOpen()
    {
        if (!IsOpen) throw new AllianceRuleException("id", "The service center is closed.");
    }

    void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

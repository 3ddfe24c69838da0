using System.Globalization;
using System.Text.Json;
using Alliance.ServiceDefaults.Time;
using Grpc.Core;

namespace Alliance.Activity.Lists;

/// <summary>What an offer says, already checked at the edge.</summary>
public sealed record OfferText(ResourceKind Kind, string Title, string Description, IReadOnlyList<string> Tags, decimal? Capacity, string? CapacityUnit,
    IReadOnlyList<AvailabilityWindow> Windows, IReadOnlyList<OfferedPerson> People);

/// <summary>
/// An offer of the resource list (资源清单): a venue, experts, equipment, funding, channels or training places that a
/// member unit offers to an alliance, or an organization of the group to the whole group. Available until its capacity is
/// used up by accepted matches or it is withdrawn. The people offered are people of the organization service (by id) or
/// names with their skills as tags, until the talent service holds skills (ADR 40).
/// </summary>
public sealed class ResourceOffer
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxUnitLength = 20;
    public const int MaxWindows = 12;
    public const int MaxPeople = 20;
    public const int MaxPersonLength = 50;

    readonly List<ResourceOfferChange> _changes = [];

    public Guid Id { get; private set; }
    public OfferScope Scope { get; private set; }
    public Guid? AllianceId { get; private set; }
    public string? AllianceName { get; private set; }
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public Guid? LeadSubsidiaryId { get; private set; }
    public Guid? MemberUnitId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? SubsidiaryId { get; private set; }
    public string UnitName { get; private set; } = "";
    public string UnitKey { get; private set; } = "";
    public ResourceKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<string> Tags { get; private set; } = [];
    public decimal? Capacity { get; private set; }
    public string? CapacityUnit { get; private set; }
    public int Used { get; private set; }
    public string WindowsJson { get; private set; } = "[]";
    /// <summary>The first and last day of its windows (null when it states none: by arrangement), for the catalogue's filter.</summary>
    public DateOnly? AvailableFrom { get; private set; }
    public DateOnly? AvailableUntil { get; private set; }
    public string PeopleJson { get; private set; } = "[]";
    public OfferState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    public IReadOnlyList<ResourceOfferChange> Changes => _changes;
    public IReadOnlyList<AvailabilityWindow> Windows => JsonSerializer.Deserialize<List<AvailabilityWindow>>(WindowsJson, JsonSerializerOptions.Web) ?? [];
    public IReadOnlyList<OfferedPerson> People => JsonSerializer.Deserialize<List<OfferedPerson>>(PeopleJson, JsonSerializerOptions.Web) ?? [];

    /// <summary>The subsidiary the offer's events are counted for: its unit's, or the alliance lead's for an external unit.</summary>
    public Guid TenantId => SubsidiaryId ?? LeadSubsidiaryId ?? Guid.Empty;

    private ResourceOffer() { }

    /// <param name="alliance">The alliance offered to; null for an offer to the whole group.</param>
    public static ResourceOffer Offer(Common.AllianceFacts? alliance, PostingUnit unit, OfferText text, Actor by, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var offer = new ResourceOffer
        {
            Id = Guid.CreateVersion7(now), Scope = alliance is null ? OfferScope.Group : OfferScope.Alliance,
            AllianceId = alliance?.Id, AllianceName = alliance?.Name, LeadSubsidiaryId = alliance?.LeadSubsidiaryId,
            VisibleSubsidiaryIds = alliance is null ? [] : ListAccess.SubsidiariesOf(alliance),
            MemberUnitId = unit.MemberUnitId, OrganizationId = unit.OrganizationId, SubsidiaryId = unit.SubsidiaryId, UnitName = unit.Name,
            UnitKey = unit.Key, State = OfferState.Available, CreatedAt = now, CreatedBy = by.UserName,
        };
        offer.Apply(text);
        offer.Touch("offered", new Dictionary<string, string>(), by, now);
        return offer;
    }

    public bool Revise(OfferText text, Actor by, DateTimeOffset now)
    {
        if (State == OfferState.Withdrawn) throw new ActivityRuleException("state", "A withdrawn offer is not changed any more.");
        var before = Describe();
        Apply(text);
        if (State == OfferState.UsedUp && (Capacity is null || Used < Capacity)) State = OfferState.Available;
        else if (State == OfferState.Available && Capacity is { } c && Used >= c) State = OfferState.UsedUp;
        return Touch("revised", before, by, now.ToUniversalTime());
    }

    public void Withdraw(Actor by, DateTimeOffset now)
    {
        if (State == OfferState.Withdrawn) throw new ActivityRuleException("state", "The offer is already withdrawn.");
        var before = Describe();
        State = OfferState.Withdrawn;
        Touch("withdrawn", before, by, now.ToUniversalTime());
    }

    /// <summary>An accepted match takes one of its capacity; used up when none is left.</summary>
    public void Take(Actor by, DateTimeOffset now)
    {
        if (State != OfferState.Available)
            throw new ActivityRuleException("state", $"The offer is {ListVocabulary.Name(State)}; it takes no more matches.");
        var before = Describe();
        Used++;
        if (Capacity is { } c && Used >= c) State = OfferState.UsedUp;
        Touch("taken", before, by, now.ToUniversalTime());
    }

    /// <summary>Whether it can be used on some day from <paramref name="from"/> to <paramref name="to"/> (always, without windows).</summary>
    public bool AvailableIn(DateOnly from, DateOnly to) => Windows is { Count: > 0 } w ? w.Any(x => x.From <= to && x.To >= from) : true;

    void Apply(OfferText text)
    {
        for (var i = 0; i < text.Windows.Count; i++)
            if (text.Windows[i].To < text.Windows[i].From)
                throw new ActivityRuleException($"windows[{i}].to", "must not be before from.", StatusCode.InvalidArgument);
        Kind = text.Kind;
        Title = text.Title.Trim();
        Description = text.Description.Trim();
        Tags = ListVocabulary.Tags(text.Tags);
        Capacity = text.Capacity;
        CapacityUnit = Requests.Blank(text.CapacityUnit);
        var windows = text.Windows.OrderBy(w => w.From).ToList();
        WindowsJson = JsonSerializer.Serialize(windows, JsonSerializerOptions.Web);
        AvailableFrom = windows.Count == 0 ? null : windows.Min(w => w.From);
        AvailableUntil = windows.Count == 0 ? null : windows.Max(w => w.To);
        PeopleJson = JsonSerializer.Serialize(text.People.Select(p => p with { Name = p.Name.Trim(), Skills = ListVocabulary.Tags(p.Skills) }).ToList(),
            JsonSerializerOptions.Web);
    }

    bool Touch(string kind, IReadOnlyDictionary<string, string> before, Actor by, DateTimeOffset now)
    {
        var after = Describe();
        var changed = after.Keys.Where(k => before.GetValueOrDefault(k, "") != after[k])
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k, ""), after[k])).ToList();
        if (changed.Count == 0 && Version > 0) return false;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _changes.Add(ResourceOfferChange.Of(this, kind, changed, by, now));
        return true;
    }

    IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["kind"] = ListVocabulary.Name(Kind),
        ["title"] = Title,
        ["description"] = Description,
        ["tags"] = string.Join(", ", Tags),
        ["capacity"] = Capacity is { } c ? $"{c.ToString("0.##", CultureInfo.InvariantCulture)} {CapacityUnit}".Trim() : "",
        ["used"] = Used.ToString(CultureInfo.InvariantCulture),
        ["windows"] = string.Join("; ", Windows.Select(w => $"{w.From:yyyy-MM-dd}..{w.To:yyyy-MM-dd}")),
        ["people"] = string.Join("; ", People.Select(p => p.Skills.Count == 0 ? p.Name : $"{p.Name} ({string.Join(", ", p.Skills)})")),
        ["state"] = ListVocabulary.Name(State),
    };

    public MatchOffer ForMatching() => new(Id, AllianceId, UnitKey, Kind, Tags, People, Capacity, Used, Windows);

    public static DateOnly Today(DateTimeOffset now) => GroupCalendar.DayOf(now);
}

/// <summary>An entry of an offer's audit log: offered, revised, taken by a match, withdrawn.</summary>
public sealed class ResourceOfferChange : FieldAuditEntry
{
    public Guid OfferId { get; private set; }

    private ResourceOfferChange() { }

    ResourceOfferChange(ResourceOffer offer, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, offer.Version, changes, by, now) => OfferId = offer.Id;

    internal static ResourceOfferChange Of(ResourceOffer offer, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now) =>
        new(offer, kind, changes, by, now);
}

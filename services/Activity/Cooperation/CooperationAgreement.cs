using System.Text.Json;
using Alliance.Activity.Projects;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.Cooperation;

/// <summary>A member unit of the alliance that is a party to an agreement, as the organization service named it then.</summary>
public sealed record AgreementParty(Guid MemberUnitId, Guid? OrganizationId, Guid? SubsidiaryId, string Name)
{
    public bool External => OrganizationId is null;
}

/// <summary>A cooperation agreement's status and the moves between them.</summary>
public static class AgreementStatus
{
    public const string Negotiating = "negotiating";
    public const string Signed = "signed";
    public const string InExecution = "in-execution";
    public const string Completed = "completed";
    public const string Terminated = "terminated";

    public static readonly IReadOnlyList<string> All = [Negotiating, Signed, InExecution, Completed, Terminated];

    static readonly Dictionary<string, string[]> Moves = new()
    {
        [Negotiating] = [Signed, Terminated],
        [Signed] = [InExecution, Completed, Terminated],
        [InExecution] = [Completed, Terminated],
        [Completed] = [],
        [Terminated] = [],
    };

    public static bool MayMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>Signed, in execution and completed agreements have been signed (and carry the day).</summary>
    public static bool IsSigned(string status) => status is Signed or InExecution or Completed;
}

/// <summary>
/// A cooperation agreement (合作项目) between two or more member units of an alliance: who, what, when signed, an optional
/// value (an amount in a measure unit), and a status; counted per alliance. Owned by the registering caller's subsidiary.
/// </summary>
public sealed class CooperationAgreement
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 4000;
    public const int MaxParties = 30;

    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Content { get; private set; }
    public string PartiesJson { get; private set; } = "[]";
    public List<Guid> MemberUnitIds { get; private set; } = [];
    public DateOnly? SignedOn { get; private set; }
    public decimal? ValueAmount { get; private set; }
    public string? ValueUnit { get; private set; }
    public string Status { get; private set; } = AgreementStatus.Negotiating;
    public Guid SubsidiaryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    readonly List<AgreementChange> _changes = [];
    public IReadOnlyList<AgreementChange> Changes => _changes;

    public IReadOnlyList<AgreementParty> Parties => JsonSerializer.Deserialize<List<AgreementParty>>(PartiesJson, JsonSerializerOptions.Web) ?? [];

    private CooperationAgreement() { }

    /// <exception cref="ActivityRuleException">when the agreement breaks a rule.</exception>
    public static CooperationAgreement Create(Guid allianceId, string allianceName, string title, string? content, IReadOnlyList<AgreementParty> parties,
        string status, DateOnly? signedOn, decimal? valueAmount, string? valueUnit, Guid owner, DateOnly today, Actor by, DateTimeOffset now)
    {
        if (parties.Count < 2) throw new ActivityRuleException("memberUnitIds", "An agreement is between at least two member units.", StatusCode.InvalidArgument);
        if (parties.Count > MaxParties) throw new ActivityRuleException("memberUnitIds", $"must name at most {MaxParties} units.", StatusCode.InvalidArgument);
        if (parties.Select(p => p.MemberUnitId).Distinct().Count() != parties.Count)
            throw new ActivityRuleException("memberUnitIds", "names a unit twice.", StatusCode.InvalidArgument);
        if (status is not (AgreementStatus.Negotiating or AgreementStatus.Signed))
            throw new ActivityRuleException("status", "A new agreement is negotiating or signed.", StatusCode.InvalidArgument);
        if (valueAmount is { } amount)
        {
            if (valueUnit is null) throw new ActivityRuleException("valueUnit", "is required with an amount.", StatusCode.InvalidArgument);
            if (MeasureUnits.Problem(valueUnit, amount) is { } problem)
                throw new ActivityRuleException(MeasureUnits.IsKnown(valueUnit) ? "valueAmount" : "valueUnit", problem, StatusCode.InvalidArgument);
        }
        else if (valueUnit is not null) throw new ActivityRuleException("valueAmount", "is required with a unit.", StatusCode.InvalidArgument);
        var agreement = new CooperationAgreement
        {
            Id = Guid.CreateVersion7(now), AllianceId = allianceId, AllianceName = allianceName, Title = title.Trim(), Content = Requests.Blank(content),
            PartiesJson = JsonSerializer.Serialize(parties, JsonSerializerOptions.Web), MemberUnitIds = [.. parties.Select(p => p.MemberUnitId)],
            ValueAmount = valueAmount, ValueUnit = valueUnit, SubsidiaryId = owner, CreatedAt = now, CreatedBy = by.UserName,
        };
        agreement.Sign(status, signedOn, today);
        agreement.Touch("created", new Dictionary<string, string>(), by, now);
        return agreement;
    }

    /// <exception cref="ActivityRuleException">FAILED_PRECONDITION for a move the status does not allow.</exception>
    public void ChangeStatus(string status, DateOnly? signedOn, DateOnly today, Actor by, DateTimeOffset now)
    {
        if (!AgreementStatus.All.Contains(status))
            throw new ActivityRuleException("status", $"must be one of: {string.Join(", ", AgreementStatus.All)}.", StatusCode.InvalidArgument);
        if (!AgreementStatus.MayMove(Status, status)) throw new ActivityRuleException("status", $"A {Status} agreement cannot become {status}.");
        var before = Describe();
        if (status == AgreementStatus.Signed) Sign(status, signedOn ?? SignedOn, today);
        else
        {
            if (signedOn is not null) throw new ActivityRuleException("signedOn", "is given only when signing.", StatusCode.InvalidArgument);
            Status = status;
        }
        Touch("status-changed", before, by, now);
    }

    void Sign(string status, DateOnly? signedOn, DateOnly today)
    {
        if (status == AgreementStatus.Signed)
        {
            if (signedOn is null) throw new ActivityRuleException("signedOn", "is required to sign an agreement.", StatusCode.InvalidArgument);
            if (signedOn > today) throw new ActivityRuleException("signedOn", "cannot be in the future.", StatusCode.InvalidArgument);
        }
        else if (signedOn is not null) throw new ActivityRuleException("signedOn", "is given once the agreement is signed.", StatusCode.InvalidArgument);
        Status = status;
        SignedOn = signedOn;
    }

    void Touch(string kind, IReadOnlyDictionary<string, string> before, Actor by, DateTimeOffset now)
    {
        var after = Describe();
        var changed = after.Keys.Where(k => before.GetValueOrDefault(k, "") != after[k])
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k, ""), after[k])).ToList();
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _changes.Add(new AgreementChange(this, kind, changed, by, now));
    }

    IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["title"] = Title,
        ["content"] = Content ?? "",
        ["parties"] = string.Join("；", Parties.Select(p => p.Name)),
        ["signedOn"] = SignedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["value"] = ValueAmount is { } v ? $"{MeasureUnits.Format(v)} {ValueUnit}" : "",
        ["status"] = Status,
    };
}

/// <summary>An entry of a cooperation agreement's audit log.</summary>
public sealed class AgreementChange : FieldAuditEntry
{
    public Guid AgreementId { get; private set; }

    private AgreementChange() { }

    internal AgreementChange(CooperationAgreement agreement, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, agreement.Version, changes, by, now) => AgreementId = agreement.Id;
}

public sealed class CooperationAgreementConfiguration : IEntityTypeConfiguration<CooperationAgreement>
{
    public void Configure(EntityTypeBuilder<CooperationAgreement> e)
    {
        e.ToTable("cooperation_agreements");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(CooperationAgreement.MaxTitleLength).IsRequired();
        e.Property(x => x.Content).HasColumnName("content").HasMaxLength(CooperationAgreement.MaxContentLength);
        e.Property(x => x.PartiesJson).HasColumnName("parties").HasColumnType("jsonb");
        e.Property(x => x.MemberUnitIds).HasColumnName("member_unit_ids");
        e.Property(x => x.SignedOn).HasColumnName("signed_on");
        e.Property(x => x.ValueAmount).HasColumnName("value_amount").HasPrecision(18, 4);
        e.Property(x => x.ValueUnit).HasColumnName("value_unit").HasMaxLength(20);
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.Ignore(x => x.Parties);
        e.Ignore(x => x.Changes);
        e.HasIndex(x => new { x.AllianceId, x.Status });
        e.HasIndex(x => x.SubsidiaryId);
    }
}

public sealed class AgreementChangeConfiguration : IEntityTypeConfiguration<AgreementChange>
{
    public void Configure(EntityTypeBuilder<AgreementChange> e) =>
        e.IsAuditLogOf<AgreementChange, CooperationAgreement>("cooperation_agreement_changes", x => x.AgreementId, "agreement_id");
}

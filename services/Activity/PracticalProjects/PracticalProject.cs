using Alliance.Activity.Projects;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.PracticalProjects;

/// <summary>The fixed kinds of beneficiaries of practical projects.</summary>
public static class BeneficiaryKinds
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("residents", "社区居民", "Residents"),
        new("elderly", "老年人", "Elderly people"),
        new("children", "少年儿童", "Children"),
        new("students", "学生", "Students"),
        new("workers", "职工", "Workers"),
        new("enterprises", "企业", "Enterprises"),
        new("patients", "患者", "Patients"),
        new("others", "其他群体", "Others"),
    ];

    public static bool IsKnown(string code) => All.Any(k => k.Code == code);
}

/// <summary>
/// A practical project (办实事) a member unit did and registered for its alliance, published to the alliance on
/// registration: what, for whom (a kind and a description) and how many, on which day. Owned by the unit's subsidiary
/// (the lead's for a unit outside the group); a record of what was done, so it is not revised.
/// </summary>
public sealed class PracticalProject
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxBeneficiariesLength = 500;
    public const int MaxBeneficiaryCount = 10_000_000;

    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public Guid MemberUnitId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public string UnitName { get; private set; } = "";
    public Guid SubsidiaryId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string BeneficiaryKind { get; private set; } = "";
    public string Beneficiaries { get; private set; } = "";
    public int BeneficiaryCount { get; private set; }
    public DateOnly DoneOn { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";

    private PracticalProject() { }

    /// <exception cref="ActivityRuleException">when it breaks a rule.</exception>
    public static PracticalProject Register(AllianceFacts alliance, MemberUnitFacts unit, string title, string? description, string beneficiaryKind,
        string beneficiaries, int beneficiaryCount, DateOnly doneOn, DateOnly today, Actor by, DateTimeOffset now)
    {
        if (!BeneficiaryKinds.IsKnown(beneficiaryKind))
            throw new ActivityRuleException("beneficiaryKind", $"must be one of: {string.Join(", ", BeneficiaryKinds.All.Select(k => k.Code))}.", StatusCode.InvalidArgument);
        if (beneficiaryCount is < 1 or > MaxBeneficiaryCount)
            throw new ActivityRuleException("beneficiaryCount", $"must be between 1 and {MaxBeneficiaryCount}.", StatusCode.InvalidArgument);
        if (doneOn > today) throw new ActivityRuleException("doneOn", "cannot be in the future: register what was done.", StatusCode.InvalidArgument);
        return new PracticalProject
        {
            Id = Guid.CreateVersion7(now), AllianceId = alliance.Id, AllianceName = alliance.Name, MemberUnitId = unit.Id, OrganizationId = unit.OrganizationId,
            UnitName = unit.Name, SubsidiaryId = JointWorkAccess.OwnerOf(unit, alliance), Title = title.Trim(), Description = Requests.Blank(description),
            BeneficiaryKind = beneficiaryKind, Beneficiaries = beneficiaries.Trim(), BeneficiaryCount = beneficiaryCount, DoneOn = doneOn,
            PublishedAt = now, PublishedBy = by.UserName,
        };
    }
}

public sealed class PracticalProjectConfiguration : IEntityTypeConfiguration<PracticalProject>
{
    public void Configure(EntityTypeBuilder<PracticalProject> e)
    {
        e.ToTable("practical_projects");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(PracticalProject.MaxTitleLength).IsRequired();
        e.Property(x => x.Description).HasColumnName("description").HasMaxLength(PracticalProject.MaxDescriptionLength);
        e.Property(x => x.BeneficiaryKind).HasColumnName("beneficiary_kind").HasMaxLength(20).IsRequired();
        e.Property(x => x.Beneficiaries).HasColumnName("beneficiaries").HasMaxLength(PracticalProject.MaxBeneficiariesLength).IsRequired();
        e.Property(x => x.BeneficiaryCount).HasColumnName("beneficiary_count");
        e.Property(x => x.DoneOn).HasColumnName("done_on");
        e.Property(x => x.PublishedAt).HasColumnName("published_at");
        e.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(200);
        e.HasIndex(x => new { x.AllianceId, x.DoneOn });
        e.HasIndex(x => x.SubsidiaryId);
    }
}

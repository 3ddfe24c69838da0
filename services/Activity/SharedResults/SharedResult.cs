using Alliance.Activity.Projects;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Alliance.Activity.SharedResults;

/// <summary>The fixed kinds of shared results.</summary>
public static class ResultKinds
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("method", "工作方法", "Method"),
        new("course", "课程", "Course"),
        new("venue", "阵地共享", "Venue arrangement"),
        new("mechanism", "工作机制", "Mechanism"),
        new("case", "典型案例", "Case"),
        new("tool", "工具", "Tool"),
    ];

    public static bool IsKnown(string code) => All.Any(k => k.Code == code);
}

/// <summary>
/// A result (成果) a member unit shares with its alliance — a method, a course, a venue arrangement — and the member
/// units that reused it (who, when, how). Owned by the sharing unit's subsidiary (the lead's for a unit outside the group);
/// a unit does not reuse its own result, and records one reuse per result.
/// </summary>
public sealed class SharedResult
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxReuses = 500;

    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public Guid MemberUnitId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public string UnitName { get; private set; } = "";
    public Guid SubsidiaryId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public DateOnly SharedOn { get; private set; }
    public int ReuseCount { get; private set; }
    public List<ResultReuse> Reuses { get; private set; } = [];
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public long Version { get; private set; }

    private SharedResult() { }

    public static SharedResult Share(AllianceFacts alliance, MemberUnitFacts unit, string kind, string title, string? description, DateOnly sharedOn,
        DateOnly today, Actor by, DateTimeOffset now)
    {
        if (!ResultKinds.IsKnown(kind)) throw new ActivityRuleException("kind", $"must be one of: {string.Join(", ", ResultKinds.All.Select(k => k.Code))}.", StatusCode.InvalidArgument);
        if (sharedOn > today) throw new ActivityRuleException("sharedOn", "cannot be in the future.", StatusCode.InvalidArgument);
        return new SharedResult
        {
            Id = Guid.CreateVersion7(now), AllianceId = alliance.Id, AllianceName = alliance.Name, MemberUnitId = unit.Id, OrganizationId = unit.OrganizationId,
            UnitName = unit.Name, SubsidiaryId = JointWorkAccess.OwnerOf(unit, alliance), Kind = kind, Title = title.Trim(), Description = Requests.Blank(description),
            SharedOn = sharedOn, PublishedAt = now, PublishedBy = by.UserName, Version = 1,
        };
    }

    /// <exception cref="ActivityRuleException">when the unit is the sharer, reused it already, or the day is before sharing or in the future.</exception>
    public ResultReuse RecordReuse(MemberUnitFacts unit, DateOnly reusedOn, string how, DateOnly today, Actor by, DateTimeOffset now)
    {
        if (unit.Id == MemberUnitId) throw new ActivityRuleException("memberUnitId", "The sharing unit does not reuse its own result.", StatusCode.InvalidArgument);
        if (Reuses.Any(r => r.MemberUnitId == unit.Id)) throw new ActivityRuleException("memberUnitId", "The unit's reuse is recorded already.");
        if (Reuses.Count >= MaxReuses) throw new ActivityRuleException("memberUnitId", $"A result records at most {MaxReuses} reuses.");
        if (reusedOn < SharedOn) throw new ActivityRuleException("reusedOn", "cannot be before the result was shared.", StatusCode.InvalidArgument);
        if (reusedOn > today) throw new ActivityRuleException("reusedOn", "cannot be in the future.", StatusCode.InvalidArgument);
        var reuse = new ResultReuse(Id, unit, reusedOn, how.Trim(), by.UserName, now);
        Reuses.Add(reuse);
        ReuseCount = Reuses.Count;
        Version++;
        return reuse;
    }
}

/// <summary>A member unit's reuse of a shared result: when and how, and who recorded it.</summary>
public sealed class ResultReuse
{
    public const int MaxHowLength = 1000;

    public Guid Id { get; private set; }
    public Guid ResultId { get; private set; }
    public Guid MemberUnitId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public string UnitName { get; private set; } = "";
    public DateOnly ReusedOn { get; private set; }
    public string How { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    private ResultReuse() { }

    internal ResultReuse(Guid resultId, MemberUnitFacts unit, DateOnly reusedOn, string how, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ResultId = resultId;
        MemberUnitId = unit.Id;
        OrganizationId = unit.OrganizationId;
        UnitName = unit.Name;
        ReusedOn = reusedOn;
        How = how;
        RecordedBy = by;
        RecordedAt = now;
    }
}

public sealed class SharedResultConfiguration : IEntityTypeConfiguration<SharedResult>
{
    public void Configure(EntityTypeBuilder<SharedResult> e)
    {
        e.ToTable("shared_results");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.AllianceId).HasColumnName("alliance_id");
        e.Property(x => x.AllianceName).HasColumnName("alliance_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.SubsidiaryId).HasColumnName("subsidiary_id");
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20).IsRequired();
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(SharedResult.MaxTitleLength).IsRequired();
        e.Property(x => x.Description).HasColumnName("description").HasMaxLength(SharedResult.MaxDescriptionLength);
        e.Property(x => x.SharedOn).HasColumnName("shared_on");
        e.Property(x => x.ReuseCount).HasColumnName("reuse_count");
        e.Property(x => x.PublishedAt).HasColumnName("published_at");
        e.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        e.HasMany(x => x.Reuses).WithOne().HasForeignKey(r => r.ResultId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.AllianceId, x.SharedOn });
        e.HasIndex(x => x.SubsidiaryId);
    }
}

public sealed class ResultReuseConfiguration : IEntityTypeConfiguration<ResultReuse>
{
    public void Configure(EntityTypeBuilder<ResultReuse> e)
    {
        e.ToTable("result_reuses");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.ResultId).HasColumnName("result_id");
        e.Property(x => x.MemberUnitId).HasColumnName("member_unit_id");
        e.Property(x => x.OrganizationId).HasColumnName("organization_id");
        e.Property(x => x.UnitName).HasColumnName("unit_name").HasMaxLength(200).IsRequired();
        e.Property(x => x.ReusedOn).HasColumnName("reused_on");
        e.Property(x => x.How).HasColumnName("how").HasMaxLength(ResultReuse.MaxHowLength).IsRequired();
        e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(200);
        e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        // One reuse per unit and result, also against two concurrent recordings.
        e.HasIndex(x => new { x.ResultId, x.MemberUnitId }).IsUnique();
    }
}

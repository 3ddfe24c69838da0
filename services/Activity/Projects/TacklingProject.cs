using System.Text.Json;
using Alliance.Activity.Common;
using Grpc.Core;

namespace Alliance.Activity.Projects;

/// <summary>A member of a project's team: a person of the group (PersonId) or the contact of a partner unit of the alliance (MemberUnitId).</summary>
public sealed record TeamMember(Guid? PersonId, Guid? MemberUnitId, string Name, string UnitName)
{
    public bool External => MemberUnitId is not null;
}

/// <summary>What a project is created or revised with, already checked against the organization service.</summary>
public sealed record ProjectPlan(string Title, string? Description, string Category, int Year, OrganizationFacts Organization,
    AllianceFacts? Alliance, PersonFacts? Leader, IReadOnlyList<TeamMember> Team);

/// <summary>
/// A tackling project (攻坚项目): a yearly project of an alliance (or of an organization of the group alone) in a fixed
/// category, owned by an organization, with a team from several units, milestones with evidence, a status and typed
/// outcome measures, linked to the activities and problems that served it. Progress is milestones reached over
/// milestones; a milestone not reached by its planned day is overdue while the project is open. Problem ids are plain ids
/// without a foreign key: the problem list is a feature of its own (ADR 41).
/// </summary>
public sealed class TacklingProject
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxTeam = 50;
    public const int MaxMilestones = 50;
    public const int MaxOutcomes = 50;
    public const int MaxLinks = 50;
    public const int MaxNameLength = 100;
    public const int MinYear = 2000, MaxYear = 2100;

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string Category { get; private set; } = "";
    public int Year { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public Guid SubsidiaryId { get; private set; }
    public Guid? AllianceId { get; private set; }
    public string AllianceName { get; private set; } = "";
    public Guid? LeaderPersonId { get; private set; }
    public string LeaderName { get; private set; } = "";
    /// <summary>The team as JSON (jsonb); read it with <see cref="Team"/>.</summary>
    public string TeamJson { get; private set; } = "[]";
    public string Status { get; private set; } = ProjectStatus.Planned;
    /// <summary>The group's calendar day the project was completed on (the bulletin's month), null until then.</summary>
    public DateOnly? CompletedOn { get; private set; }
    public List<Guid> ActivityIds { get; private set; } = [];
    public List<Guid> ProblemIds { get; private set; } = [];
    public List<ProjectMilestone> Milestones { get; private set; } = [];
    public List<ProjectOutcome> Outcomes { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public long Version { get; private set; }

    readonly List<ProjectChange> _changes = [];

    /// <summary>The audit entries this instance added (not loaded from the database).</summary>
    public IReadOnlyList<ProjectChange> Changes => _changes;

    public IReadOnlyList<TeamMember> Team => JsonSerializer.Deserialize<List<TeamMember>>(TeamJson, JsonSerializerOptions.Web) ?? [];

    private TacklingProject() { }

    /// <exception cref="ActivityRuleException">when the plan breaks a rule.</exception>
    public static TacklingProject Create(ProjectPlan plan, Actor by, DateTimeOffset now)
    {
        var project = new TacklingProject { Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = by.UserName };
        project.Apply(plan);
        project.Touch("created", new Dictionary<string, string>(), by, now);
        return project;
    }

    /// <returns>False when the plan changes nothing.</returns>
    public bool Revise(ProjectPlan plan, Actor by, DateTimeOffset now)
    {
        EnsureOpen("revise");
        var before = Describe();
        Apply(plan);
        return Touch("revised", before, by, now);
    }

    void Apply(ProjectPlan plan)
    {
        if (!ProjectCategories.IsKnown(plan.Category))
            throw new ActivityRuleException("category", $"must be one of: {string.Join(", ", ProjectCategories.All.Select(c => c.Code))}.", StatusCode.InvalidArgument);
        if (plan.Year is < MinYear or > MaxYear)
            throw new ActivityRuleException("year", $"must be between {MinYear} and {MaxYear}.", StatusCode.InvalidArgument);
        if (plan.Team.Count > MaxTeam) throw new ActivityRuleException("team", $"must name at most {MaxTeam} members.", StatusCode.InvalidArgument);
        if (plan.Team.Where(t => t.PersonId is not null).GroupBy(t => t.PersonId).Any(g => g.Count() > 1))
            throw new ActivityRuleException("team", "names a person twice.", StatusCode.InvalidArgument);
        if (plan.Team.Any(t => t.External) && plan.Alliance is null)
            throw new ActivityRuleException("team", "External members come from the partner units of the project's alliance; name the alliance.", StatusCode.InvalidArgument);
        Title = plan.Title.Trim();
        Description = Requests.Blank(plan.Description);
        Category = plan.Category;
        Year = plan.Year;
        OrganizationId = plan.Organization.Id;
        OrganizationName = plan.Organization.Name;
        SubsidiaryId = plan.Organization.SubsidiaryId;
        AllianceId = plan.Alliance?.Id;
        AllianceName = plan.Alliance?.Name ?? "";
        LeaderPersonId = plan.Leader?.Id;
        LeaderName = plan.Leader?.Name ?? "";
        TeamJson = JsonSerializer.Serialize(plan.Team, JsonSerializerOptions.Web);
    }

    /// <exception cref="ActivityRuleException">FAILED_PRECONDITION for a move the status does not allow.</exception>
    public void ChangeStatus(string status, string? reason, Actor by, DateTimeOffset now)
    {
        if (!ProjectStatus.All.Contains(status))
            throw new ActivityRuleException("status", $"must be one of: {string.Join(", ", ProjectStatus.All)}.", StatusCode.InvalidArgument);
        if (!ProjectStatus.MayMove(Status, status))
            throw new ActivityRuleException("status", $"A {Status} project cannot become {status}.");
        if (status == ProjectStatus.Completed && Milestones.Any(m => m.ReachedOn is null))
            throw new ActivityRuleException("status", "Every milestone must be reached before the project is completed.");
        var before = Describe();
        Status = status;
        CompletedOn = status == ProjectStatus.Completed ? Alliance.ServiceDefaults.Time.GroupCalendar.DayOf(now) : null;
        Touch("status-changed", before, by, now, reason);
    }

    public ProjectMilestone AddMilestone(string title, DateOnly plannedOn, Actor by, DateTimeOffset now)
    {
        EnsureOpen("plan milestones of");
        if (Milestones.Count >= MaxMilestones) throw new ActivityRuleException("title", $"A project has at most {MaxMilestones} milestones.");
        if (plannedOn.Year < Year - 1 || plannedOn.Year > Year + 5)
            throw new ActivityRuleException("plannedOn", $"must lie near the project's year {Year}.", StatusCode.InvalidArgument);
        var before = Describe();
        var milestone = ProjectMilestone.Plan(Id, title.Trim(), plannedOn, Milestones.Count, now);
        Milestones.Add(milestone);
        Touch("milestone-added", before, by, now);
        return milestone;
    }

    /// <exception cref="ActivityRuleException">when the milestone was reached already, or the project is not in progress.</exception>
    public ProjectMilestone ReachMilestone(Guid milestoneId, DateOnly reachedOn, DateOnly today, Actor by, DateTimeOffset now)
    {
        var milestone = Milestones.FirstOrDefault(m => m.Id == milestoneId)
            ?? throw new ActivityRuleException("milestoneId", "The project has no such milestone.", StatusCode.NotFound);
        if (Status != ProjectStatus.InProgress) throw new ActivityRuleException("milestoneId", $"Milestones are reached while the project is in progress; it is {Status}.");
        if (milestone.ReachedOn is not null) throw new ActivityRuleException("milestoneId", "The milestone was reached already.");
        if (reachedOn > today) throw new ActivityRuleException("reachedOn", "cannot be in the future.", StatusCode.InvalidArgument);
        var before = Describe();
        milestone.Reach(reachedOn);
        Touch("milestone-reached", before, by, now);
        return milestone;
    }

    public ProjectOutcome RecordOutcome(string label, string unit, decimal value, decimal? baseline, decimal? target, DateOnly recordedOn, DateOnly today,
        Actor by, DateTimeOffset now)
    {
        if (Status == ProjectStatus.Cancelled) throw new ActivityRuleException("value", "A cancelled project records no outcomes.");
        if (Outcomes.Count >= MaxOutcomes) throw new ActivityRuleException("label", $"A project has at most {MaxOutcomes} outcome measures.");
        if (MeasureUnits.Problem(unit, value) is { } problem) throw new ActivityRuleException(MeasureUnits.IsKnown(unit) ? "value" : "unit", problem, StatusCode.InvalidArgument);
        if (baseline is { } b && MeasureUnits.Problem(unit, b) is { } bad) throw new ActivityRuleException("baseline", bad, StatusCode.InvalidArgument);
        if (target is { } t && MeasureUnits.Problem(unit, t) is { } wrong) throw new ActivityRuleException("target", wrong, StatusCode.InvalidArgument);
        if (recordedOn > today) throw new ActivityRuleException("recordedOn", "cannot be in the future.", StatusCode.InvalidArgument);
        var before = Describe();
        var outcome = ProjectOutcome.Record(Id, label.Trim(), unit, value, baseline, target, recordedOn, by.UserName, now);
        Outcomes.Add(outcome);
        Touch("outcome-recorded", before, by, now);
        return outcome;
    }

    public bool SetLinks(IReadOnlyList<Guid> activityIds, IReadOnlyList<Guid> problemIds, Actor by, DateTimeOffset now)
    {
        if (activityIds.Count > MaxLinks || problemIds.Count > MaxLinks)
            throw new ActivityRuleException(activityIds.Count > MaxLinks ? "activityIds" : "problemIds", $"must be at most {MaxLinks}.", StatusCode.InvalidArgument);
        var before = Describe();
        ActivityIds = [.. activityIds.Distinct()];
        ProblemIds = [.. problemIds.Distinct()];
        return Touch("links-set", before, by, now);
    }

    public int MilestonesReached => Milestones.Count(m => m.ReachedOn is not null);

    /// <summary>Milestones reached over milestones; 0 for a project without milestones.</summary>
    public double Progress => Milestones.Count == 0 ? 0 : Math.Round((double)MilestonesReached / Milestones.Count, 4);

    /// <summary>A milestone not reached by its planned day, while the project is open (a closed project has no overdue milestones).</summary>
    public bool IsOverdue(ProjectMilestone milestone, DateOnly today) =>
        ProjectStatus.IsOpen(Status) && milestone.ReachedOn is null && milestone.PlannedOn < today;

    public int OverdueMilestones(DateOnly today) => Milestones.Count(m => IsOverdue(m, today));

    void EnsureOpen(string action)
    {
        if (!ProjectStatus.IsOpen(Status)) throw new ActivityRuleException("status", $"A {Status} project is closed; you cannot {action} it.");
    }

    bool Touch(string kind, IReadOnlyDictionary<string, string> before, Actor by, DateTimeOffset now, string? reason = null)
    {
        var after = Describe();
        var changed = after.Keys.Union(before.Keys)
            .Where(k => before.GetValueOrDefault(k, "") != after.GetValueOrDefault(k, ""))
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k, ""), after.GetValueOrDefault(k, "")))
            .ToList();
        if (reason is not null) changed.Add(new FieldChange("reason", "", reason));
        if (changed.Count == 0 && Version > 0) return false;
        Version++;
        UpdatedAt = now;
        UpdatedBy = by.UserName;
        _changes.Add(new ProjectChange(this, kind, changed, by, now));
        return true;
    }

    /// <summary>The audited fields as text, as a person reads them.</summary>
    IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["title"] = Title,
        ["description"] = Description ?? "",
        ["category"] = Category,
        ["year"] = Year == 0 ? "" : Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["organization"] = OrganizationName,
        ["alliance"] = AllianceName,
        ["leader"] = LeaderName,
        ["team"] = string.Join("；", Team.Select(t => t.UnitName.Length == 0 ? t.Name : $"{t.Name}（{t.UnitName}）")),
        ["status"] = Status,
        ["milestones"] = string.Join("；", Milestones.OrderBy(m => m.Position).Select(m => $"{m.Title} {m.PlannedOn:yyyy-MM-dd}" + (m.ReachedOn is { } r ? $" ✓{r:yyyy-MM-dd}" : ""))),
        ["outcomes"] = string.Join("；", Outcomes.OrderBy(o => o.RecordedAt).Select(o => $"{o.Label} {MeasureUnits.Format(o.Value)} {o.Unit}")),
        ["activityIds"] = string.Join(",", ActivityIds),
        ["problemIds"] = string.Join(",", ProblemIds),
    };
}

/// <summary>A milestone of a tackling project: planned for a day, reached on a day, with evidence files.</summary>
public sealed class ProjectMilestone
{
    public const int MaxTitleLength = 200;

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly PlannedOn { get; private set; }
    public DateOnly? ReachedOn { get; private set; }
    public int Position { get; private set; }

    private ProjectMilestone() { }

    internal static ProjectMilestone Plan(Guid projectId, string title, DateOnly plannedOn, int position, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), ProjectId = projectId, Title = title, PlannedOn = plannedOn, Position = position };

    internal void Reach(DateOnly on) => ReachedOn = on;
}

/// <summary>A typed outcome measure of a tackling project: a value in a fixed unit, with its baseline and target where they apply.</summary>
public sealed class ProjectOutcome
{
    public const int MaxLabelLength = 100;

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Label { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public decimal Value { get; private set; }
    public decimal? Baseline { get; private set; }
    public decimal? Target { get; private set; }
    public DateOnly RecordedOn { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    private ProjectOutcome() { }

    internal static ProjectOutcome Record(Guid projectId, string label, string unit, decimal value, decimal? baseline, decimal? target,
        DateOnly recordedOn, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ProjectId = projectId, Label = label, Unit = unit, Value = value, Baseline = baseline, Target = target,
        RecordedOn = recordedOn, RecordedBy = by, RecordedAt = now,
    };
}

/// <summary>An entry of a tackling project's audit log.</summary>
public sealed class ProjectChange : FieldAuditEntry
{
    public Guid ProjectId { get; private set; }

    private ProjectChange() { }

    internal ProjectChange(TacklingProject project, string kind, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, project.Version, changes, by, now) => ProjectId = project.Id;
}

/// <summary>A file kept as evidence that a milestone was reached (the activity attachments' file rules, ADR 36).</summary>
public sealed class MilestoneEvidence
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid MilestoneId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public byte[] Content { get; private set; } = [];
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }

    private MilestoneEvidence() { }

    public static MilestoneEvidence Create(Guid projectId, Guid milestoneId, string fileName, string contentType, byte[] content, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), ProjectId = projectId, MilestoneId = milestoneId, FileName = fileName, ContentType = contentType,
        SizeBytes = content.Length, Content = content, UploadedBy = by, UploadedAt = now,
    };
}

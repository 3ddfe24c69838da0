namespace Alliance.Organization.Alliances;

/// <summary>
/// A party-building alliance (党建联盟): a lead unit (牵头单位) of the group, member units inside or outside the group,
/// a plan, an optional temporary branch (联盟临时党支部) and a rotating secretary (轮值书记) schedule.
/// Every change bumps <see cref="Version"/>, the concurrency token of the whole aggregate.
/// </summary>
public sealed class PartyAlliance
{
    public const int MaxNameLength = 100;
    public const int MaxThemeLength = 100;
    public const int MaxPlanLength = 20_000;
    public const int MaxPeriodMonths = 24;
    public const int UpcomingPeriods = 6;

    readonly List<AllianceMemberUnit> _members = [];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Theme { get; private set; } = "";
    public string Plan { get; private set; } = "";
    public Guid LeadOrganizationId { get; private set; }
    public Guid LeadSubsidiaryId { get; private set; }
    public Guid LeadMemberUnitId { get; private set; }
    public DateOnly FormedOn { get; private set; }
    public IReadOnlyList<AllianceMemberUnit> Members => _members;
    public Guid? TemporaryBranchOrganizationId { get; private set; }
    public List<Guid> TemporaryBranchUnitIds { get; private set; } = [];
    public List<Guid> RotationOrder { get; private set; } = [];
    public DateOnly? RotationStartsOn { get; private set; }
    public int RotationPeriodMonths { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; private set; }

    private PartyAlliance() { }

    public static PartyAlliance Form(string name, string theme, string plan, Guid leadOrganizationId, Guid leadSubsidiaryId,
        string leadName, DateOnly formedOn, DateTimeOffset now)
    {
        var alliance = new PartyAlliance
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Theme = theme.Trim(),
            Plan = plan.Trim(),
            LeadOrganizationId = leadOrganizationId,
            LeadSubsidiaryId = leadSubsidiaryId,
            FormedOn = formedOn,
            CreatedAt = now,
            Version = 1,
        };
        var lead = AllianceMemberUnit.Internal(alliance.Id, leadOrganizationId, leadSubsidiaryId, leadName, formedOn, now);
        alliance._members.Add(lead);
        alliance.LeadMemberUnitId = lead.Id;
        return alliance;
    }

    public IEnumerable<AllianceMemberUnit> CurrentMembers => _members.Where(m => m.IsCurrent);

    /// <summary>The subsidiaries whose people may see this alliance: the lead's and every current internal member's.</summary>
    public IEnumerable<Guid> VisibleTo() =>
        CurrentMembers.Where(m => m.SubsidiaryId is not null).Select(m => m.SubsidiaryId!.Value).Append(LeadSubsidiaryId).Distinct();

    public void Revise(string name, string theme, string plan)
    {
        Name = name.Trim();
        Theme = theme.Trim();
        Plan = plan.Trim();
        Version++;
    }

    /// <exception cref="AllianceRuleException">when the organization is already a current member or the date precedes formation.</exception>
    public AllianceMemberUnit JoinInternal(Guid organizationId, Guid subsidiaryId, string name, DateOnly joinedOn, DateTimeOffset now)
    {
        if (CurrentMembers.Any(m => m.OrganizationId == organizationId))
            throw new AllianceRuleException("unit.organizationId", "The organization is already a member unit of this alliance.");
        return Add(AllianceMemberUnit.Internal(Id, organizationId, subsidiaryId, name.Trim(), joinedOn, now));
    }

    /// <exception cref="AllianceRuleException">when an external unit of that kind and name is already a current member, or the date precedes formation.</exception>
    public AllianceMemberUnit JoinExternal(ExternalUnit unit, DateOnly joinedOn, DateTimeOffset now)
    {
        var trimmed = unit with { Name = unit.Name.Trim(), ContactName = unit.ContactName.Trim(), ContactPhone = unit.ContactPhone.Trim() };
        if (CurrentMembers.Any(m => m.External is { } e && e.Kind == trimmed.Kind && string.Equals(e.Name, trimmed.Name, StringComparison.OrdinalIgnoreCase)))
            throw new AllianceRuleException("unit.external.name", "An external unit of that kind and name is already a member unit of this alliance.");
        return Add(AllianceMemberUnit.ForExternal(Id, trimmed, joinedOn, now));
    }

    AllianceMemberUnit Add(AllianceMemberUnit member)
    {
        if (member.JoinedOn < FormedOn)
            throw new AllianceRuleException("joinedOn", $"A unit cannot join before the alliance was formed ({FormedOn:yyyy-MM-dd}).");
        _members.Add(member);
        Version++;
        return member;
    }

    /// <summary>The unit leaves; it drops out of the temporary branch and is skipped by the rotation from then on.</summary>
    /// <exception cref="AllianceRuleException">for the lead unit, a unit that already left, or a date before it joined.</exception>
    public AllianceMemberUnit Leave(Guid memberUnitId, DateOnly leftOn)
    {
        var member = _members.SingleOrDefault(m => m.Id == memberUnitId)
            ?? throw new AllianceRuleException("memberUnitId", "No such member unit in this alliance.");
        if (member.Id == LeadMemberUnitId)
            throw new AllianceRuleException("memberUnitId", "The lead unit cannot leave the alliance it leads.");
        if (!member.IsCurrent)
            throw new AllianceRuleException("memberUnitId", "The unit has already left the alliance.");
        if (leftOn < member.JoinedOn)
            throw new AllianceRuleException("leftOn", "A unit cannot leave before it joined.");
        member.Leave(leftOn);
        TemporaryBranchUnitIds = TemporaryBranchUnitIds.Where(id => id != memberUnitId).ToList();
        Version++;
        return member;
    }

    /// <summary>A temporary branch draws its members from several current member units.</summary>
    /// <exception cref="AllianceRuleException">when fewer than two units, a repeat, or a unit that is not a current member.</exception>
    public void FormTemporaryBranch(Guid organizationId, IReadOnlyList<Guid> memberUnitIds)
    {
        if (memberUnitIds.Distinct().Count() != memberUnitIds.Count)
            throw new AllianceRuleException("memberUnitIds", "A member unit is listed twice.");
        if (memberUnitIds.Count < 2)
            throw new AllianceRuleException("memberUnitIds", "A temporary branch draws on at least two member units.");
        EnsureCurrentMembers("memberUnitIds", memberUnitIds);
        TemporaryBranchOrganizationId = organizationId;
        TemporaryBranchUnitIds = memberUnitIds.ToList();
        Version++;
    }

    /// <summary>Sets who chairs in turn: the units in <paramref name="order"/>, one period of <paramref name="periodMonths"/> each, from <paramref name="startsOn"/>.</summary>
    /// <exception cref="AllianceRuleException">for an empty order, a repeat, a unit that is not a current member, or a period out of range.</exception>
    public void ScheduleRotation(IReadOnlyList<Guid> order, DateOnly startsOn, int periodMonths)
    {
        if (order.Count == 0) throw new AllianceRuleException("order", "Name at least one member unit to chair.");
        if (order.Distinct().Count() != order.Count) throw new AllianceRuleException("order", "A member unit is listed twice.");
        if (periodMonths is < 1 or > MaxPeriodMonths)
            throw new AllianceRuleException("periodMonths", $"must be between 1 and {MaxPeriodMonths}.");
        EnsureCurrentMembers("order", order);
        RotationOrder = order.ToList();
        RotationStartsOn = startsOn;
        RotationPeriodMonths = periodMonths;
        Version++;
    }

    void EnsureCurrentMembers(string field, IEnumerable<Guid> ids)
    {
        var current = CurrentMembers.Select(m => m.Id).ToHashSet();
        if (ids.FirstOrDefault(id => !current.Contains(id)) is var missing && missing != Guid.Empty)
            throw new AllianceRuleException(field, $"{missing} is not a current member unit of this alliance.");
    }

    /// <summary>
    /// The chair of each period from the first one up to <paramref name="count"/> periods: units take their turn in
    /// the scheduled order; a unit that has left by the time a period starts is skipped, and the turn passes on. When
    /// every unit in the order has left, the schedule has run out.
    /// </summary>
    public IReadOnlyList<RotationPeriod> RotationPeriods(int count)
    {
        var result = new List<RotationPeriod>();
        if (RotationStartsOn is not { } start || RotationOrder.Count == 0) return result;
        var turn = -1;
        for (var k = 0; k < count; k++)
        {
            var starts = start.AddMonths(k * RotationPeriodMonths);
            var ends = start.AddMonths((k + 1) * RotationPeriodMonths);
            Guid? chair = null;
            for (var tries = 0; tries < RotationOrder.Count; tries++)
            {
                var candidate = RotationOrder[(turn + 1 + tries) % RotationOrder.Count];
                if (_members.SingleOrDefault(m => m.Id == candidate) is { } unit && !unit.HasLeftBy(starts))
                {
                    turn = (turn + 1 + tries) % RotationOrder.Count;
                    chair = candidate;
                    break;
                }
            }
            if (chair is null) break; // nobody in the order is still a member: the schedule has run out
            result.Add(new RotationPeriod(chair.Value, starts, ends));
        }
        return result;
    }

    /// <summary>The index of the period that contains <paramref name="day"/>; -1 before the schedule starts.</summary>
    public int PeriodIndexOn(DateOnly day)
    {
        if (RotationStartsOn is not { } start || RotationPeriodMonths == 0 || day < start) return -1;
        var months = (day.Year - start.Year) * 12 + day.Month - start.Month;
        if (start.AddMonths(months) > day) months--;
        return months / RotationPeriodMonths;
    }

    /// <summary>Who chairs on <paramref name="day"/>, who is next in turn, and the periods from the current one on.</summary>
    public RotationOutlook RotationOn(DateOnly day)
    {
        var index = PeriodIndexOn(day);
        var periods = RotationPeriods(Math.Max(index, 0) + UpcomingPeriods + 1);
        RotationPeriod? At(int i) => i >= 0 && i < periods.Count ? periods[i] : null;
        return new RotationOutlook(At(index), At(index + 1), periods.Skip(Math.Max(index, 0)).Take(UpcomingPeriods).ToList());
    }
}

/// <summary>One period of the rotating secretary schedule: which member unit chairs, from StartsOn until EndsOn (exclusive).</summary>
public sealed record RotationPeriod(Guid MemberUnitId, DateOnly StartsOn, DateOnly EndsOn);

public sealed record RotationOutlook(RotationPeriod? Current, RotationPeriod? Next, IReadOnlyList<RotationPeriod> Upcoming);

using Alliance.ServiceDefaults.Search;

namespace Alliance.Organization.People;

/// <summary>
/// A person of a subsidiary: an employee or an external person, with their party membership (as periods, so transfers
/// and status changes keep their history) and their roles in organizations. One aggregate with one
/// <see cref="Version"/>: every change bumps it, so two edits from the same version cannot both win.
/// ID and phone numbers are held encrypted (see <see cref="PersonalDataProtector"/>); this type never sees them in clear.
/// </summary>
public sealed class Person
{
    public const int MaxNameLength = 50;
    public const int MaxEmployeeNumberLength = 40;
    public const int MaxManagementPostLength = 100;

    readonly List<MembershipPeriod> _memberships = [];
    readonly List<OrganizationRole> _roles = [];

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Pinyin alternatives of <see cref="Name"/> (<see cref="NameSearchKey"/>); null until computed.</summary>
    public string? NameSearch { get; private set; }
    public PersonKind Kind { get; private set; }
    public string? EmployeeNumber { get; private set; }
    public byte[]? IdNumberCipher { get; private set; }
    /// <summary>A keyed hash of the ID number, so a duplicate can be found without decrypting every row.</summary>
    public string? IdNumberHash { get; private set; }
    public byte[]? PhoneCipher { get; private set; }
    /// <summary>The management (HR) post the person also holds, if any: the basis of cross-appointment.</summary>
    public string? ManagementPost { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }

    /// <summary>Oldest first; the current period (if any) is the one without an end.</summary>
    public IReadOnlyList<MembershipPeriod> Memberships => _memberships;
    public IReadOnlyList<OrganizationRole> Roles => _roles;

    public MembershipPeriod? CurrentMembership => _memberships.SingleOrDefault(m => m.To is null);
    public bool IsMember => CurrentMembership is { Status: not MembershipStatus.TransferredOut };

    private Person() { }

    public static Person Register(Guid subsidiaryId, string name, PersonKind kind, string? employeeNumber, string? managementPost, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubsidiaryId = subsidiaryId,
        Name = name.Trim(),
        NameSearch = NameSearchKey.For(name.Trim()),
        Kind = kind,
        EmployeeNumber = Blank(employeeNumber),
        ManagementPost = Blank(managementPost),
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    public void Rename(string name) => NameSearch = NameSearchKey.For(Name = name.Trim());
    /// <summary>Sets the pinyin key of a row stored before the key existed (startup backfill).</summary>
    public void SetNameSearch(string? key) => NameSearch = key;
    public void SetEmployeeNumber(string? employeeNumber) => EmployeeNumber = Blank(employeeNumber);
    public void SetManagementPost(string? post) => ManagementPost = Blank(post);
    public void SetIdNumber(byte[]? cipher, string? hash) => (IdNumberCipher, IdNumberHash) = (cipher, hash);
    public void SetPhone(byte[]? cipher) => PhoneCipher = cipher;

    /// <summary>Marks one change of the aggregate; call once per command.</summary>
    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Holds a current secretary or deputy secretary role and a management post (双向进入、交叉任职).</summary>
    public bool IsCrossAppointed(DateOnly today) => ManagementPost is not null &&
        _roles.Any(r => r.Role is OrganizationRoleKind.Secretary or OrganizationRoleKind.DeputySecretary && r.IsActiveOn(today));

    /// <exception cref="PeopleRuleException">when already a member, or the status is not probationary or full.</exception>
    public MembershipPeriod Join(Guid organizationId, DateOnly joinedOn, MembershipStatus status, DateOnly today)
    {
        if (status is not (MembershipStatus.Probationary or MembershipStatus.Full))
            throw new PeopleRuleException("status", "A person joins as probationary or full member.");
        if (joinedOn > today) throw new PeopleRuleException("joinedOn", "cannot be in the future.");
        var current = CurrentMembership;
        if (current is { Status: not MembershipStatus.TransferredOut })
            throw new PeopleRuleException("organizationId", "The person is already a member; transfer them instead.");
        if (current is not null)
        {
            EnsureNotBefore(current, joinedOn, "joinedOn");
            current.Close(joinedOn);
        }
        var period = MembershipPeriod.Open(Id, organizationId, status, joinedOn);
        _memberships.Add(period);
        return period;
    }

    /// <summary>Closes the current period and opens one in the other organization with the same status; returns the organization left.</summary>
    /// <exception cref="PeopleRuleException">when not a member, the same organization, or a date before the current period.</exception>
    public Guid Transfer(Guid toOrganizationId, DateOnly transferredOn, DateOnly today)
    {
        var current = RequireMember("toOrganizationId");
        if (current.OrganizationId == toOrganizationId)
            throw new PeopleRuleException("toOrganizationId", "The member is already in this organization.");
        if (transferredOn > today) throw new PeopleRuleException("transferredOn", "cannot be in the future.");
        EnsureNotBefore(current, transferredOn, "transferredOn");
        current.Close(transferredOn);
        _memberships.Add(MembershipPeriod.Open(Id, toOrganizationId, current.Status, transferredOn));
        return current.OrganizationId;
    }

    /// <summary>Probationary to full (转正), or either to transferred out (转出); returns the old status.</summary>
    /// <exception cref="PeopleRuleException">when not a member or the change is not allowed.</exception>
    public MembershipStatus ChangeStatus(MembershipStatus status, DateOnly changedOn, DateOnly today)
    {
        var current = RequireMember("status");
        var allowed = (current.Status, status) is (MembershipStatus.Probationary, MembershipStatus.Full)
            or (_, MembershipStatus.TransferredOut);
        if (!allowed)
            throw new PeopleRuleException("status", $"A {current.Status.ToName()} member cannot become {status.ToName()}.");
        if (changedOn > today) throw new PeopleRuleException("changedOn", "cannot be in the future.");
        EnsureNotBefore(current, changedOn, "changedOn");
        current.Close(changedOn);
        _memberships.Add(MembershipPeriod.Open(Id, current.OrganizationId, status, changedOn));
        // Roles do not outlive the membership they rest on.
        if (status == MembershipStatus.TransferredOut)
            foreach (var role in _roles.Where(r => r.EndsOn is null || r.EndsOn > changedOn)) role.EndOn(Max(changedOn, role.StartsOn));
        return current.Status;
    }

    /// <exception cref="PeopleRuleException">when not a member, the dates are out of order, or the same role overlaps in that organization.</exception>
    public OrganizationRole AssignRole(Guid organizationId, OrganizationRoleKind role, DateOnly startsOn, DateOnly? endsOn)
    {
        RequireMember("organizationId");
        if (endsOn is { } end && end < startsOn) throw new PeopleRuleException("endsOn", "cannot be before startsOn.");
        var assigned = OrganizationRole.Create(Id, organizationId, role, startsOn, endsOn);
        if (_roles.Any(r => r.OrganizationId == organizationId && r.Role == role && r.Overlaps(assigned)))
            throw new PeopleRuleException("startsOn", $"The person already holds this role in the organization in that period.");
        _roles.Add(assigned);
        return assigned;
    }

    /// <exception cref="PeopleRuleException">when the role is unknown, already ended, or would end before it starts.</exception>
    public OrganizationRole EndRole(Guid roleId, DateOnly endsOn)
    {
        var role = _roles.SingleOrDefault(r => r.Id == roleId) ?? throw new PeopleRuleException("roleId", "The person holds no such role.");
        if (role.EndsOn is { } ended && ended <= endsOn) throw new PeopleRuleException("roleId", $"The role already ends on {ended:yyyy-MM-dd}.");
        if (endsOn < role.StartsOn) throw new PeopleRuleException("endsOn", "cannot be before the role starts.");
        role.EndOn(endsOn);
        return role;
    }

    MembershipPeriod RequireMember(string field) => IsMember ? CurrentMembership!
        : throw new PeopleRuleException(field, "The person is not a current party member.");

    static void EnsureNotBefore(MembershipPeriod current, DateOnly date, string field)
    {
        if (date < current.From) throw new PeopleRuleException(field, $"cannot be before the current membership period began ({current.From:yyyy-MM-dd}).");
    }

    static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One period of party membership: in one organization, with one status, from a date until the next change.</summary>
public sealed class MembershipPeriod
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public MembershipStatus Status { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly? To { get; private set; }

    private MembershipPeriod() { }

    internal static MembershipPeriod Open(Guid personId, Guid organizationId, MembershipStatus status, DateOnly from) =>
        new() { Id = Guid.CreateVersion7(), PersonId = personId, OrganizationId = organizationId, Status = status, From = from };

    internal void Close(DateOnly to) => To = to;
}

/// <summary>A role of a person in an organization (书记, 副书记, 委员) from a start date to an optional end date (inclusive).</summary>
public sealed class OrganizationRole
{
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public OrganizationRoleKind Role { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }

    private OrganizationRole() { }

    internal static OrganizationRole Create(Guid personId, Guid organizationId, OrganizationRoleKind role, DateOnly startsOn, DateOnly? endsOn) =>
        new() { Id = Guid.CreateVersion7(), PersonId = personId, OrganizationId = organizationId, Role = role, StartsOn = startsOn, EndsOn = endsOn };

    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || day <= EndsOn);

    public bool Overlaps(OrganizationRole other) =>
        StartsOn <= (other.EndsOn ?? DateOnly.MaxValue) && other.StartsOn <= (EndsOn ?? DateOnly.MaxValue);

    internal void EndOn(DateOnly endsOn) => EndsOn = endsOn;
}

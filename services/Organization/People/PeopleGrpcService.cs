using static Alliance.Organization.Common.ClientRequests;
using System.Globalization;
using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ContractPerson = Alliance.Contracts.Organization.V1.Person;
using ContractPersonKind = Alliance.Contracts.Organization.V1.PersonKind;
using ContractStatus = Alliance.Contracts.Organization.V1.MembershipStatus;
using ContractRoleKind = Alliance.Contracts.Organization.V1.OrganizationRoleKind;
using ContractPeriod = Alliance.Contracts.Organization.V1.MembershipPeriod;
using ContractRole = Alliance.Contracts.Organization.V1.OrganizationRole;

namespace Alliance.Organization.People;

/// <summary>
/// alliance.organization.v1.PeopleService: people, party membership and roles. Every change loads the person, applies
/// the rule on the aggregate, checks the expected version, and saves the change and its event in one transaction.
/// </summary>
public sealed class PeopleGrpcService(OrganizationDbContext db, TimeProvider clock, PersonalDataProtector protector) : Alliance.Contracts.Organization.V1.PeopleService.PeopleServiceBase
{
    const int DefaultPageSize = 20;
    const int MaxPageSize = 200;
    const string StaleMessage = "The person was changed by someone else; reload and try again.";
    public static readonly string[] SortOrders = ["name", "-name", "createdAt", "-createdAt"];

    DateOnly Today => clock.GroupToday();

    public override async Task<ContractPerson> RegisterPerson(RegisterPersonRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Required("name", request.Name, Person.MaxNameLength);
        var kind = FromContract(request.Kind);
        if (kind is null) errors.Add("kind", "must be employee or external.");
        Optional(errors, "employeeNumber", request.EmployeeNumber, Person.MaxEmployeeNumberLength);
        Optional(errors, "managementPost", request.ManagementPost, Person.MaxManagementPostLength);
        ValidatePersonalData(errors, request.IdNumber, request.Phone);
        errors.ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;

        var requestKey = string.IsNullOrWhiteSpace(request.ClientRequestId) ? null
            : ClientRequest.KeyFor("register-person", subsidiaryId, request.ClientRequestId);
        if (requestKey is not null && await db.FindClientRequestAsync(requestKey, ct) is { } earlier)
            return ToContract(await LoadAsync(earlier, tracked: false, ct), caller);

        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);

        var now = clock.GetUtcNow();
        var person = Person.Register(subsidiaryId, request.Name, kind!.Value, request.EmployeeNumber, request.ManagementPost, now);
        await SetPersonalDataAsync(person, request.IdNumber, request.Phone, ct);
        db.Set<Person>().Add(person);
        db.RememberClientRequest(requestKey, person.Id, now);
        db.AddIntegrationEvent(new PersonRegistered(Guid.CreateVersion7(), subsidiaryId, now,
            person.Id, person.Name, person.Kind.ToName(), person.ManagementPost is not null));
        if (await db.SaveCreateAsync(requestKey, ct, DuplicateIdNumber) is { } winner)
            return ToContract(await LoadAsync(winner, tracked: false, ct), caller);
        return ToContract(person, caller);
    }

    public override async Task<ContractPerson> GetPerson(GetPersonRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var person = await FindInScopeAsync(Guid.Parse(request.Id), caller, tracked: false, context.CancellationToken);
        return ToContract(person, caller);
    }

    public override async Task<ListPeopleResponse> ListPeople(ListPeopleRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("organizationId", request.HasOrganizationId ? request.OrganizationId : null, required: false);
        if (!string.IsNullOrEmpty(request.Sort) && !SortOrders.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", SortOrders)}.");
        errors.ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var page = Math.Max(request.Page, 1);
        var pageSize = request.PageSize <= 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);

        var query = db.Set<Person>().AsNoTracking().Where(p => p.SubsidiaryId == subsidiaryId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            // Part of the name, or of its pinyin or initials ("zs" finds 张三).
            var name = Like.Containing(request.Search.Trim());
            var pinyin = NameSearchKey.Normalize(request.Search) is { } key ? Like.Containing(key) : null;
            query = pinyin is null
                ? query.Where(p => EF.Functions.Like(p.Name, name, Like.Escape))
                : query.Where(p => EF.Functions.Like(p.Name, name, Like.Escape) || EF.Functions.Like(p.NameSearch!, pinyin, Like.Escape));
        }
        if (FromContract(request.Kind) is { } kind) query = query.Where(p => p.Kind == kind);
        if (request.HasOrganizationId && !string.IsNullOrWhiteSpace(request.OrganizationId))
        {
            var organizationId = Guid.Parse(request.OrganizationId);
            query = query.Where(p => p.Memberships.Any(m => m.To == null && m.OrganizationId == organizationId && m.Status != MembershipStatus.TransferredOut));
        }
        if (FromContract(request.Status) is { } status) query = query.Where(p => p.Memberships.Any(m => m.To == null && m.Status == status));
        query = request.Sort switch
        {
            "-name" => query.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            "createdAt" => query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            "-createdAt" => query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
            _ => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
        };
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize)
            .Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery().ToListAsync(ct);
        var response = new ListPeopleResponse { Total = total };
        response.Items.AddRange(items.Select(p => ToContract(p, caller)));
        return response;
    }

    public override async Task<ContractPerson> UpdatePerson(UpdatePersonRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        if (request.HasName) errors.Required("name", request.Name, Person.MaxNameLength);
        if (request.HasEmployeeNumber) Optional(errors, "employeeNumber", request.EmployeeNumber, Person.MaxEmployeeNumberLength);
        if (request.HasManagementPost) Optional(errors, "managementPost", request.ManagementPost, Person.MaxManagementPostLength);
        ValidatePersonalData(errors, request.HasIdNumber ? request.IdNumber : null, request.HasPhone ? request.Phone : null);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await FindForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct);

        if (request.HasName) person.Rename(request.Name);
        if (request.HasEmployeeNumber) person.SetEmployeeNumber(request.EmployeeNumber);
        if (request.HasManagementPost) person.SetManagementPost(request.ManagementPost);
        if (request.HasIdNumber || request.HasPhone)
            await SetPersonalDataAsync(person, request.HasIdNumber ? request.IdNumber : null, request.HasPhone ? request.Phone : null, ct,
                keepIdNumber: !request.HasIdNumber, keepPhone: !request.HasPhone);
        var now = clock.GetUtcNow();
        person.Touch(now);
        db.AddIntegrationEvent(new PersonUpdated(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, person.Name, person.ManagementPost is not null));
        await SaveChangeAsync(ct);
        return ToContract(person, caller);
    }

    public override async Task<ContractPerson> JoinParty(JoinPartyRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("personId", request.PersonId).Id("organizationId", request.OrganizationId);
        var joinedOn = Date(errors, "joinedOn", request.JoinedOn);
        var status = FromContract(request.Status);
        if (status is not (MembershipStatus.Probationary or MembershipStatus.Full)) errors.Add("status", "must be probationary or full.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await FindForChangeAsync(Guid.Parse(request.PersonId), request.ExpectedVersion, caller, ct);
        var organization = await FindOrganizationAsync(Guid.Parse(request.OrganizationId), person, "organizationId", ct);

        Apply(() => person.Join(organization.Id, joinedOn!.Value, status!.Value, Today));
        var now = clock.GetUtcNow();
        person.Touch(now);
        db.AddIntegrationEvent(new MemberJoined(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, organization.Id, status!.Value.ToName(), joinedOn!.Value));
        await SaveChangeAsync(ct);
        return ToContract(person, caller);
    }

    public override async Task<ContractPerson> TransferMember(TransferMemberRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("personId", request.PersonId).Id("toOrganizationId", request.ToOrganizationId);
        var transferredOn = Date(errors, "transferredOn", request.TransferredOn);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await FindForChangeAsync(Guid.Parse(request.PersonId), request.ExpectedVersion, caller, ct);
        var organization = await FindOrganizationAsync(Guid.Parse(request.ToOrganizationId), person, "toOrganizationId", ct);

        var from = Apply(() => person.Transfer(organization.Id, transferredOn!.Value, Today));
        var now = clock.GetUtcNow();
        person.Touch(now);
        db.AddIntegrationEvent(new MemberTransferred(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, from, organization.Id, transferredOn!.Value));
        await SaveChangeAsync(ct);
        return ToContract(person, caller);
    }

    public override async Task<ContractPerson> ChangeMemberStatus(ChangeMemberStatusRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("personId", request.PersonId);
        var changedOn = Date(errors, "changedOn", request.ChangedOn);
        var status = FromContract(request.Status);
        if (status is null) errors.Add("status", "must be probationary, full or transferred-out.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await FindForChangeAsync(Guid.Parse(request.PersonId), request.ExpectedVersion, caller, ct);

        var endsBefore = person.Roles.ToDictionary(r => r.Id, r => r.EndsOn);
        var old = Apply(() => person.ChangeStatus(status!.Value, changedOn!.Value, Today));
        var now = clock.GetUtcNow();
        person.Touch(now);
        db.AddIntegrationEvent(new MemberStatusChanged(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id,
            person.CurrentMembership!.OrganizationId, old.ToName(), status!.Value.ToName(), changedOn!.Value));
        // A transfer out ends the person's roles; each ending is announced like an EndRole.
        foreach (var ended in person.Roles.Where(r => r.EndsOn != endsBefore[r.Id]))
            db.AddIntegrationEvent(new RoleEnded(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, ended.Id, ended.OrganizationId, ended.Role.ToName(), ended.EndsOn!.Value));
        await SaveChangeAsync(ct);
        return ToContract(person, caller);
    }

    public override async Task<ContractPerson> AssignRole(AssignRoleRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("personId", request.PersonId).Id("organizationId", request.OrganizationId);
        var role = FromContract(request.Role);
        if (role is null) errors.Add("role", "must be secretary, deputy-secretary or committee-member.");
        var startsOn = Date(errors, "startsOn", request.StartsOn);
        DateOnly? endsOn = request.HasEndsOn && !string.IsNullOrWhiteSpace(request.EndsOn) ? Date(errors, "endsOn", request.EndsOn) : null;
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await FindForChangeAsync(Guid.Parse(request.PersonId), request.ExpectedVersion, caller, ct);
        var organization = await FindOrganizationAsync(Guid.Parse(request.OrganizationId), person, "organizationId", ct);

        var assigned = Apply(() => person.AssignRole(organization.Id, role!.Value, startsOn!.Value, endsOn));
        if (role == OrganizationRoleKind.Secretary && await AnotherSecretaryOverlapsAsync(assigned, ct))
            throw SecretaryOverlaps();
        var now = clock.GetUtcNow();
        person.Touch(now);
        db.AddIntegrationEvent(new RoleAssigned(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, assigned.Id, organization.Id,
            assigned.Role.ToName(), assigned.StartsOn, assigned.EndsOn));
        await SaveChangeAsync(ct);
        return ToContract(person, caller);
    }

    public override async Task<ContractPerson> EndRole(EndRoleRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("personId", request.PersonId).Id("roleId", request.RoleId);
        var endsOn = Date(errors, "endsOn", request.EndsOn);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await FindForChangeAsync(Guid.Parse(request.PersonId), request.ExpectedVersion, caller, ct);
        var roleId = Guid.Parse(request.RoleId);
        if (person.Roles.All(r => r.Id != roleId)) throw FieldErrors.Single("roleId", "The person holds no such role.", StatusCode.NotFound);

        var ended = Apply(() => person.EndRole(roleId, endsOn!.Value));
        var now = clock.GetUtcNow();
        person.Touch(now);
        db.AddIntegrationEvent(new RoleEnded(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, ended.Id, ended.OrganizationId, ended.Role.ToName(), endsOn!.Value));
        await SaveChangeAsync(ct);
        return ToContract(person, caller);
    }

    // ---- loading and saving

    Task<Person> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = db.Set<Person>().Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).SingleAsync(p => p.Id == id, ct);
    }

    /// <summary>The person, if it exists and the caller may see it; another subsidiary's person is reported as not found.</summary>
    async Task<Person> FindInScopeAsync(Guid id, CallerScope caller, bool tracked, CancellationToken ct)
    {
        var query = db.Set<Person>().Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery();
        var person = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null || !caller.CanAccess(person.SubsidiaryId)) throw new RpcException(new Status(StatusCode.NotFound, "The person was not found."));
        return person;
    }

    async Task<Person> FindForChangeAsync(Guid id, long expectedVersion, CallerScope caller, CancellationToken ct)
    {
        var person = await FindInScopeAsync(id, caller, tracked: true, ct);
        if (expectedVersion != 0 && expectedVersion != person.Version) throw new RpcException(new Status(StatusCode.Aborted, StaleMessage));
        return person;
    }

    /// <summary>An organization of the person's own subsidiary; others are reported as not found.</summary>
    async Task<PartyOrganization> FindOrganizationAsync(Guid id, Person person, string field, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || organization.SubsidiaryId != person.SubsidiaryId)
            throw FieldErrors.Single(field, "The organization was not found in the person's subsidiary.", StatusCode.NotFound);
        // A dissolved or merged organization takes no members or roles.
        if (!organization.IsActive)
            throw FieldErrors.Single(field, $"The organization was {organization.Status.ToName()} on {organization.EndedOn:yyyy-MM-dd} and takes no members.", StatusCode.FailedPrecondition);
        return organization;
    }

    async Task<bool> AnotherSecretaryOverlapsAsync(OrganizationRole assigned, CancellationToken ct)
    {
        var end = assigned.EndsOn ?? DateOnly.MaxValue;
        return await db.Set<OrganizationRole>().AsNoTracking().AnyAsync(r =>
            r.OrganizationId == assigned.OrganizationId && r.Role == OrganizationRoleKind.Secretary && r.PersonId != assigned.PersonId &&
            r.StartsOn <= end && (r.EndsOn == null || r.EndsOn >= assigned.StartsOn), ct);
    }

    async Task SaveChangeAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(StatusCode.Aborted, StaleMessage));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation } pg
                                           && pg.ConstraintName == OrganizationRoleMapping.OneSecretaryConstraint)
        {
            // Two requests passed the check above at once; the constraint let one in.
            throw SecretaryOverlaps();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex, PersonMapping.IdNumberIndex))
        {
            throw DuplicateIdNumber();
        }
    }

    async Task SetPersonalDataAsync(Person person, string? idNumber, string? phone, CancellationToken ct, bool keepIdNumber = false, bool keepPhone = false)
    {
        if (!keepIdNumber)
        {
            if (string.IsNullOrWhiteSpace(idNumber)) person.SetIdNumber(null, null);
            else
            {
                var normalized = PersonalData.NormalizeIdNumber(idNumber);
                var hash = protector.Hash(normalized);
                if (await db.Set<Person>().AnyAsync(p => p.SubsidiaryId == person.SubsidiaryId && p.IdNumberHash == hash && p.Id != person.Id, ct))
                    throw DuplicateIdNumber();
                person.SetIdNumber(protector.Encrypt(normalized), hash);
            }
        }
        if (!keepPhone)
            person.SetPhone(string.IsNullOrWhiteSpace(phone) ? null : protector.Encrypt(PersonalData.NormalizePhone(phone)));
    }

    static RpcException SecretaryOverlaps() =>
        FieldErrors.Single("role", "The organization already has a secretary in that period; end that role first.", StatusCode.FailedPrecondition);

    static RpcException DuplicateIdNumber() =>
        FieldErrors.Single("idNumber", "A person with this ID number is already registered in the subsidiary.", StatusCode.AlreadyExists);

    // ---- validation

    static T Apply<T>(Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (PeopleRuleException ex)
        {
            throw FieldErrors.Single(ex.Field, ex.Message, StatusCode.FailedPrecondition);
        }
    }

    static void Optional(FieldErrors errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors.Add(field, $"must be at most {maxLength} characters.");
    }

    static void ValidatePersonalData(FieldErrors errors, string? idNumber, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(idNumber) && !PersonalData.IsValidIdNumber(PersonalData.NormalizeIdNumber(idNumber)))
            errors.Add("idNumber", "must be an 18-character resident ID number with a valid check character.");
        if (!string.IsNullOrWhiteSpace(phone) && !PersonalData.IsValidPhone(PersonalData.NormalizePhone(phone)))
            errors.Add("phone", "must be an 11-digit mobile number.");
    }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    static DateOnly? Date(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(field, "is required."); return null; }
        var date = ParseDate(value);
        if (date is null) errors.Add(field, "must be a date as yyyy-MM-dd.");
        return date;
    }

    static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- contract mapping

    /// <summary>Personal data in clear for a group admin, or a subsidiary admin of the person's subsidiary; masked for everyone else.</summary>
    static bool MayReveal(CallerScope caller, Person person) =>
        caller.IsGroupAdmin || (caller.Role == Roles.SubsidiaryAdmin && caller.TenantId == person.SubsidiaryId);

    ContractPerson ToContract(Person p, CallerScope caller)
    {
        var reveal = MayReveal(caller, p);
        string Show(byte[]? cipher, Func<string, string> mask) =>
            cipher is null ? "" : reveal ? protector.Decrypt(cipher) : mask(protector.Decrypt(cipher));
        var result = new ContractPerson
        {
            Id = p.Id.ToString(),
            SubsidiaryId = p.SubsidiaryId.ToString(),
            Name = p.Name,
            Kind = ToContract(p.Kind),
            EmployeeNumber = p.EmployeeNumber ?? "",
            IdNumber = Show(p.IdNumberCipher, PersonalData.MaskIdNumber),
            Phone = Show(p.PhoneCipher, PersonalData.MaskPhone),
            PersonalDataRevealed = reveal,
            ManagementPost = p.ManagementPost ?? "",
            CrossAppointed = p.IsCrossAppointed(Today),
            CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
            Version = p.Version,
        };
        var history = p.Memberships.OrderBy(m => m.From).ThenBy(m => m.To is null).ThenBy(m => m.Id).Select(ToContract).ToList();
        result.MembershipHistory.AddRange(history);
        if (p.CurrentMembership is { } current) result.Membership = ToContract(current);
        result.Roles.AddRange(p.Roles.OrderBy(r => r.StartsOn).ThenBy(r => r.Id).Select(r =>
        {
            var role = new ContractRole { Id = r.Id.ToString(), OrganizationId = r.OrganizationId.ToString(), Role = ToContract(r.Role), StartsOn = Format(r.StartsOn) };
            if (r.EndsOn is { } end) role.EndsOn = Format(end);
            return role;
        }));
        return result;
    }

    static ContractPeriod ToContract(MembershipPeriod m)
    {
        var period = new ContractPeriod { OrganizationId = m.OrganizationId.ToString(), Status = ToContract(m.Status), From = Format(m.From) };
        if (m.To is { } to) period.To = Format(to);
        return period;
    }

    static PersonKind? FromContract(ContractPersonKind kind) => kind switch
    {
        ContractPersonKind.Employee => PersonKind.Employee,
        ContractPersonKind.External => PersonKind.External,
        _ => null,
    };

    static ContractPersonKind ToContract(PersonKind kind) => kind switch
    {
        PersonKind.Employee => ContractPersonKind.Employee,
        PersonKind.External => ContractPersonKind.External,
        _ => ContractPersonKind.Unspecified,
    };

    static MembershipStatus? FromContract(ContractStatus status) => status switch
    {
        ContractStatus.Probationary => MembershipStatus.Probationary,
        ContractStatus.Full => MembershipStatus.Full,
        ContractStatus.TransferredOut => MembershipStatus.TransferredOut,
        _ => null,
    };

    static ContractStatus ToContract(MembershipStatus status) => status switch
    {
        MembershipStatus.Probationary => ContractStatus.Probationary,
        MembershipStatus.Full => ContractStatus.Full,
        MembershipStatus.TransferredOut => ContractStatus.TransferredOut,
        _ => ContractStatus.Unspecified,
    };

    static OrganizationRoleKind? FromContract(ContractRoleKind role) => role switch
    {
        ContractRoleKind.Secretary => OrganizationRoleKind.Secretary,
        ContractRoleKind.DeputySecretary => OrganizationRoleKind.DeputySecretary,
        ContractRoleKind.CommitteeMember => OrganizationRoleKind.CommitteeMember,
        _ => null,
    };

    static ContractRoleKind ToContract(OrganizationRoleKind role) => role switch
    {
        OrganizationRoleKind.Secretary => ContractRoleKind.Secretary,
        OrganizationRoleKind.DeputySecretary => ContractRoleKind.DeputySecretary,
        OrganizationRoleKind.CommitteeMember => ContractRoleKind.CommitteeMember,
        _ => ContractRoleKind.Unspecified,
    };
}

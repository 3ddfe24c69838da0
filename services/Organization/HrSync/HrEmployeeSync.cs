using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.HrSync;

/// <summary>What one HR record did: its outcome, the HR user and person it reached, and a message for errors and conflicts.</summary>
public sealed record HrApplyResult(HrApplyOutcome Outcome, HrUser? User, string? Message = null);

/// <summary>
/// The one apply path of HR employment data: SCIM writes, file rows and pull connectors all end here. It converges by
/// HR's timestamps (<see cref="HrTimestamps"/>), keeps the person's HR-owned fields in step, writes the HR events, and
/// when an employee who holds party roles is deactivated, applies the deactivation, keeps the roles and raises an
/// <see cref="HrConflict"/>. It adds to the context; the caller saves.
/// </summary>
public sealed class HrEmployeeSync(OrganizationDbContext db, TimeProvider clock, IHrApplyLookups? lookups = null)
{
    readonly IHrApplyLookups _find = lookups ?? new HrDatabaseLookups(db);

    /// <summary>
    /// Applies <paramref name="employment"/> to <paramref name="user"/> (null: a new HR user, matched to a person by
    /// employee number, else the externalId of an earlier HR record, else a new employee person).
    /// </summary>
    public async Task<HrApplyResult> ApplyAsync(Guid tenant, HrUser? user, HrEmployment employment, DateTimeOffset hrUpdatedAt, Guid? syncRunId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (user is null)
        {
            var (matched, created) = await MatchPersonAsync(tenant, employment, now, ct);
            user = HrUser.Create(tenant, matched.Id, employment, now);
            user.StampHrTime(hrUpdatedAt);
            _find.Add(user);
            SyncPerson(matched, user, created, now);
            db.AddIntegrationEvent(new PersonSyncedFromHr(Guid.CreateVersion7(), tenant, now, matched.Id, user.Id, matched.Name,
                user.EmployeeNumber, user.Department, user.Title, user.Active, created));
            if (user.Active) return new HrApplyResult(HrApplyOutcome.Created, user);
            db.AddIntegrationEvent(new PersonLeftInHr(Guid.CreateVersion7(), tenant, now, matched.Id, user.Id, "deactivated"));
            var raised = created ? null : await RaiseConflictAsync(tenant, matched, syncRunId, now, ct);
            return raised is null ? new HrApplyResult(HrApplyOutcome.Created, user) : new HrApplyResult(HrApplyOutcome.Conflict, user, raised);
        }

        if (HrTimestamps.IsStale(user.HrUpdatedAt, hrUpdatedAt)) return new HrApplyResult(HrApplyOutcome.Stale, user);
        if (user.Employment.SameAs(employment) && user.ScimJson == employment.ScimJson)
        {
            if (HrTimestamps.Latest(user.HrUpdatedAt, hrUpdatedAt) != user.HrUpdatedAt)
            {
                _find.Changing(user);
                user.StampHrTime(hrUpdatedAt);
            }
            return new HrApplyResult(HrApplyOutcome.Unchanged, user);
        }

        var (wasActive, oldDepartment) = (user.Active, user.Department);
        _find.Changing(user);
        user.Apply(employment, now);
        user.StampHrTime(hrUpdatedAt);
        _find.Added(user); // seen under its new number and externalId by the batch's later records
        var person = await _find.PersonAsync(user.PersonId, ct);
        SyncPerson(person, user, created: false, now);
        db.AddIntegrationEvent(new PersonSyncedFromHr(Guid.CreateVersion7(), tenant, now, person.Id, user.Id, person.Name,
            user.EmployeeNumber, user.Department, user.Title, user.Active, false));
        if (!string.Equals(oldDepartment, user.Department, StringComparison.Ordinal))
            db.AddIntegrationEvent(new DepartmentChangedInHr(Guid.CreateVersion7(), tenant, now, person.Id, user.Id, oldDepartment, user.Department));
        if (!wasActive || user.Active) return new HrApplyResult(HrApplyOutcome.Updated, user);

        db.AddIntegrationEvent(new PersonLeftInHr(Guid.CreateVersion7(), tenant, now, person.Id, user.Id, "deactivated"));
        var conflict = await RaiseConflictAsync(tenant, person, syncRunId, now, ct);
        return conflict is null ? new HrApplyResult(HrApplyOutcome.Deactivated, user) : new HrApplyResult(HrApplyOutcome.Conflict, user, conflict);
    }

    /// <summary>
    /// A record from a file or a pull connector: matched to the stored HR user by employee number, else externalId; the
    /// fields it does not carry (emails, SCIM attributes) are kept. Throws InvalidArgument (field errors) for a bad record.
    /// </summary>
    public async Task<HrApplyResult> ApplyEmployeeAsync(Guid tenant, HrEmployeeRecord record, Guid? syncRunId, CancellationToken ct)
    {
        var number = Blank(record.EmployeeNumber);
        var externalId = Blank(record.ExternalId);
        var errors = new FieldErrors();
        if (number is null && externalId is null) errors.Add("employeeNumber", "an employee number or an externalId is required.");
        Max(errors, "employeeNumber", number, Person.MaxEmployeeNumberLength);
        Max(errors, "externalId", externalId, HrUser.MaxTextLength);
        Max(errors, "name", record.Name, Person.MaxNameLength);
        Max(errors, "department", record.Department, HrUser.MaxTextLength);
        Max(errors, "position", record.Position, HrUser.MaxTextLength);

        HrUser? user = null;
        if (number is not null) user = await _find.UserByEmployeeNumberAsync(tenant, number, ct);
        if (user is null && externalId is not null) user = await _find.UserByExternalIdAsync(tenant, externalId, ct);
        if (user is null && Blank(record.Name) is null) errors.Add("name", "is required for a new employee.");
        errors.ThrowIfAny();

        HrEmployment employment;
        if (user is null)
        {
            var userName = number ?? externalId!;
            var key = userName.ToLowerInvariant();
            if (await _find.UserNameTakenAsync(tenant, key, ct))
                throw FieldErrors.Single("employeeNumber", "Another HR user already has this value as its userName.", StatusCode.AlreadyExists);
            employment = new HrEmployment(userName, externalId, number, record.Active, Blank(record.Name), null, null,
                Blank(record.Position), Blank(record.Department), null, null, [], "{}");
        }
        else
        {
            var stored = user.Employment;
            employment = stored with
            {
                EmployeeNumber = number ?? stored.EmployeeNumber, ExternalId = externalId ?? stored.ExternalId, Active = record.Active,
                DisplayName = Blank(record.Name) ?? stored.DisplayName,
                Title = record.Position is null ? stored.Title : Blank(record.Position),
                Department = record.Department is null ? stored.Department : Blank(record.Department),
            };
        }
        return await ApplyAsync(tenant, user, employment, record.HrUpdatedAt, syncRunId, ct);
    }

    /// <summary>
    /// The person holds current or coming secretary, deputy secretary or committee member roles: they are kept and a
    /// conflict is raised (one open conflict per person and kind; a later deactivation adds none). Returns its details.
    /// Contacts of external alliance units are names and phones of people outside the group, not people, so they are
    /// not detected; talent lists belong to the talent service, which consumes PersonLeftInHr.
    /// </summary>
    async Task<string?> RaiseConflictAsync(Guid tenant, Person person, Guid? syncRunId, DateTimeOffset now, CancellationToken ct)
    {
        var today = clock.GroupToday();
        var roles = await _find.CurrentRolesAsync(person.Id, today, ct);
        if (roles.Count == 0) return null;
        var details = string.Join("; ", roles.Select(r => $"{r.Role.ToName()} @ {r.Organization}"));
        if (await _find.HasOpenRoleConflictAsync(person.Id, ct)) return details;
        var conflict = HrConflict.Raise(tenant, person.Id, person.Name, HrConflict.PartyRoleKind, details, roles.Select(r => r.Id).ToArray(), syncRunId, now);
        _find.Add(conflict);
        db.AddIntegrationEvent(new HrConflictRaised(Guid.CreateVersion7(), tenant, now, conflict.Id, person.Id, conflict.Kind, conflict.RoleIds, syncRunId));
        return details;
    }

    /// <summary>By employee number among the subsidiary's people, else by the externalId of an earlier HR record, else a new employee.</summary>
    async Task<(Person Person, bool Created)> MatchPersonAsync(Guid tenant, HrEmployment employment, DateTimeOffset now, CancellationToken ct)
    {
        var number = employment.EmployeeNumber is { Length: > 0 } n ? n.Trim() : null;
        var externalId = employment.ExternalId is { Length: > 0 } x ? x.Trim() : null;
        var (person, by) = await _find.MatchPersonAsync(tenant, number, externalId, ct);
        if (person is not null)
        {
            if (await _find.PersonHasUserAsync(person.Id, ct))
                throw FieldErrors.Single(by == HrMatchedBy.EmployeeNumber ? "employeeNumber" : "externalId",
                    "Another HR user is already matched to the person with this value.", StatusCode.AlreadyExists);
            return (person, false);
        }
        person = Person.Register(tenant, employment.PersonName(), PersonKind.Employee, employment.EmployeeNumber, null, now);
        _find.Add(person);
        db.AddIntegrationEvent(new PersonRegistered(Guid.CreateVersion7(), tenant, now, person.Id, person.Name, person.Kind.ToName(), false));
        return (person, true);
    }

    /// <summary>HR owns the name and employee number; nothing else of the person changes.</summary>
    void SyncPerson(Person person, HrUser user, bool created, DateTimeOffset now)
    {
        if (created) return;
        var name = user.Employment.PersonName();
        var renamed = person.Name != name;
        var renumbered = user.EmployeeNumber is not null && person.EmployeeNumber != user.EmployeeNumber;
        if (!renamed && !renumbered) return;
        _find.Changing(person);
        if (renamed) person.Rename(name);
        if (renumbered) person.SetEmployeeNumber(user.EmployeeNumber);
        _find.Added(person); // seen under its new employee number
        person.Touch(now);
        db.AddIntegrationEvent(new PersonUpdated(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, person.Name, person.ManagementPost is not null));
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static void Max(FieldErrors errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors.Add(field, $"must be at most {max} characters.");
    }
}

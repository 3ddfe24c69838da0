using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.HrSync.Connectors;

/// <summary>
/// The interim sink: applies pulled records as HR users (the same table and matching SCIM uses), one transaction a
/// page. An HR user is found by externalId, else employee number, among the subsidiary's HR users; a new one is matched
/// to a person by employee number or registers a new employee. Name, employee number, department, position and active
/// are HR's; a change raises the same events as SCIM (PersonSyncedFromHr, PersonLeftInHr, PersonRegistered,
/// PersonUpdated). Re-applying a page finds nothing to change. HR's own timestamps are not compared here (no stale or
/// conflict detection): that is the shared apply path's job, which replaces this binding when it lands.
/// </summary>
public sealed class HrUserRecordSink(OrganizationDbContext db, TimeProvider clock) : IHrRecordSink
{
    public async Task<HrApplyResult> ApplyAsync(Guid subsidiaryId, string source, IReadOnlyList<HrEmployeeRecord> records, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int created = 0, updated = 0, deactivated = 0, unchanged = 0;
        var seen = new Dictionary<string, HrUser>();
        foreach (var record in records)
        {
            var key = record.ExternalId ?? "#" + record.EmployeeNumber;
            var user = seen.GetValueOrDefault(key) ?? await FindAsync(subsidiaryId, record, ct);
            if (user is null)
            {
                if (!record.Active) { unchanged++; continue; }
                var employment = Employment(source, record, null);
                var (person, personCreated) = await MatchPersonAsync(subsidiaryId, employment, now, ct);
                user = HrUser.Create(subsidiaryId, person.Id, employment, now);
                db.Add(user);
                if (!personCreated) SyncPerson(person, user, now);
                db.AddIntegrationEvent(new PersonSyncedFromHr(Guid.CreateVersion7(), subsidiaryId, now, person.Id, user.Id, person.Name,
                    user.EmployeeNumber, user.Department, user.Title, user.Active, personCreated));
                created++;
            }
            else
            {
                var employment = Employment(source, record, user);
                if (employment == user.Employment with { Emails = employment.Emails }) { unchanged++; seen[key] = user; continue; }
                var wasActive = user.Active;
                user.Apply(employment, now);
                var person = await db.Set<Person>().SingleAsync(p => p.Id == user.PersonId, ct);
                SyncPerson(person, user, now);
                db.AddIntegrationEvent(new PersonSyncedFromHr(Guid.CreateVersion7(), subsidiaryId, now, person.Id, user.Id, person.Name,
                    user.EmployeeNumber, user.Department, user.Title, user.Active, false));
                if (wasActive && !user.Active)
                {
                    db.AddIntegrationEvent(new PersonLeftInHr(Guid.CreateVersion7(), subsidiaryId, now, person.Id, user.Id, "deactivated"));
                    deactivated++;
                }
                else updated++;
            }
            seen[key] = user;
        }
        await db.SaveChangesAsync(ct);
        return new HrApplyResult(created, updated, deactivated, unchanged);
    }

    async Task<HrUser?> FindAsync(Guid tenant, HrEmployeeRecord record, CancellationToken ct)
    {
        if (record.ExternalId is { } externalId)
            return await db.Set<HrUser>().Where(u => u.SubsidiaryId == tenant && u.ExternalId == externalId)
                .OrderByDescending(u => u.LastModified).FirstOrDefaultAsync(ct);
        return await db.Set<HrUser>().Where(u => u.SubsidiaryId == tenant && u.EmployeeNumber == record.EmployeeNumber)
            .OrderByDescending(u => u.LastModified).FirstOrDefaultAsync(ct);
    }

    /// <summary>The record over what the HR user already has (emails, family/given names and the SCIM document stay).</summary>
    static HrEmployment Employment(string source, HrEmployeeRecord r, HrUser? existing)
    {
        var userName = existing?.UserName ?? $"{source}:{r.ExternalId ?? r.EmployeeNumber}";
        if (userName.Length > HrUser.MaxUserNameLength) userName = userName[..HrUser.MaxUserNameLength];
        var name = r.Name.Length > HrUser.MaxTextLength ? r.Name[..HrUser.MaxTextLength] : r.Name;
        var baseline = existing?.Employment ?? new HrEmployment(userName, null, null, true, null, null, null, null, null, null, null, [], "{}");
        return baseline with
        {
            UserName = userName, ExternalId = r.ExternalId ?? baseline.ExternalId, EmployeeNumber = Cap(r.EmployeeNumber, Person.MaxEmployeeNumberLength) ?? baseline.EmployeeNumber,
            Active = r.Active, DisplayName = name, Title = Cap(r.Position, HrUser.MaxTextLength), Department = Cap(r.Department, HrUser.MaxTextLength),
        };
    }

    static string? Cap(string? value, int max) => value is null ? null : value.Length > max ? value[..max] : value;

    async Task<(Person Person, bool Created)> MatchPersonAsync(Guid tenant, HrEmployment employment, DateTimeOffset now, CancellationToken ct)
    {
        if (employment.EmployeeNumber is { } number)
        {
            var person = await db.Set<Person>().Where(p => p.SubsidiaryId == tenant && p.EmployeeNumber == number)
                .Where(p => !db.Set<HrUser>().Any(u => u.PersonId == p.Id))
                .OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
            if (person is not null) return (person, false);
        }
        var registered = Person.Register(tenant, employment.PersonName(), PersonKind.Employee, employment.EmployeeNumber, null, now);
        db.Add(registered);
        db.AddIntegrationEvent(new PersonRegistered(Guid.CreateVersion7(), tenant, now, registered.Id, registered.Name, registered.Kind.ToName(), false));
        return (registered, true);
    }

    void SyncPerson(Person person, HrUser user, DateTimeOffset now)
    {
        var name = user.Employment.PersonName();
        var changed = false;
        if (person.Name != name) { person.Rename(name); changed = true; }
        if (user.EmployeeNumber is not null && person.EmployeeNumber != user.EmployeeNumber) { person.SetEmployeeNumber(user.EmployeeNumber); changed = true; }
        if (!changed) return;
        person.Touch(now);
        db.AddIntegrationEvent(new PersonUpdated(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, person.Name, person.ManagementPost is not null));
    }
}

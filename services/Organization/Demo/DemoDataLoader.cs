using Alliance.ServiceDefaults.Data;
using System.Diagnostics;
using Alliance.Contracts.Events;
using Alliance.Organization.Alliances;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.Organization.Pairings;
using Alliance.Organization.People;
using Alliance.Organization.ServiceCenters;
using Alliance.Organization.Subsidiaries;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.Demo;

/// <summary>
/// Loads the demo group from <see cref="DemoDataFile"/> (written by <c>tools/DemoData</c>) when <c>DemoData:Enabled</c>
/// is true and the database has no subsidiary yet. Everything goes through the domain (tree rules, membership and role
/// rules, alliance and pairing rules), personal data is encrypted as on any write, and every change writes its event to
/// the outbox, so reporting counts the demo group like any other. All of it is one transaction, saved in chunks:
/// loaded completely or not at all. `./run.sh --no-demo-data` turns it off; <c>DemoData:Path</c> points at another file.
/// </summary>
public sealed class DemoDataLoader(IServiceProvider services, IConfiguration configuration, TimeProvider clock,
    PersonalDataProtector protector, ILogger<DemoDataLoader> logger) : IHostedService
{
    /// <summary>People per SaveChanges: each person is about five rows (person, membership, roles, events).</summary>
    const int PeoplePerChunk = 250;

    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        // A database with data (every start after the first) is left as it is, without reading the file at all.
        // Asked without the DbContext: a start that loads nothing builds no EF Core model (docs/adr/0018).
        if (await services.GetRequiredService<ServiceDatabase<OrganizationDbContext>>().ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM subsidiaries)", ct)) return;
        var path = configuration["DemoData:Path"] is { Length: > 0 } configured ? configured : DemoDataFile.DefaultPath;
        await LoadAsync(await DemoDataFile.ReadAsync(path, ct), ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Applies <paramref name="data"/> unless the database already holds a subsidiary; true when it loaded.</summary>
    public async Task<bool> LoadAsync(DemoDataFile data, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        if (await db.Subsidiaries.AnyAsync(ct)) return false;

        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var today = GroupCalendar.DayOf(now);
        // The file's dates are as of its reference date; move them so that the data is as fresh today.
        var shift = today.DayNumber - data.ReferenceDate.DayNumber;
        DateOnly Day(DateOnly day) => day.AddDays(shift);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organizations = new Dictionary<string, PartyOrganization>();
        var people = 0;
        foreach (var demo in data.Subsidiaries)
        {
            var subsidiary = Subsidiary.Register(demo.Code, demo.Name, now);
            db.Subsidiaries.Add(subsidiary);
            db.AddIntegrationEvent(new SubsidiaryRegistered(Guid.CreateVersion7(), subsidiary.Id, now, subsidiary.Id, subsidiary.Code, subsidiary.Name));
            foreach (var o in demo.Organizations)
            {
                var organization = PartyOrganization.Create(subsidiary.Id, o.Parent is null ? null : organizations[o.Parent], o.Name, o.Kind, now);
                organizations.Add(o.Code, organization);
                db.Organizations.Add(organization);
                db.AddIntegrationEvent(new OrganizationCreated(Guid.CreateVersion7(), subsidiary.Id, now,
                    organization.Id, organization.ParentId, organization.Name, organization.Kind.ToEventName()));
            }
            await SaveChunkAsync(db, ct);

            foreach (var chunk in demo.People.Chunk(PeoplePerChunk))
            {
                foreach (var p in chunk) AddPerson(db, subsidiary.Id, p, organizations, Day, today, now);
                await SaveChunkAsync(db, ct);
                people += chunk.Length;
            }
        }

        var alliances = data.Alliances.ToDictionary(a => a.Code, a => AddAlliance(db, a, organizations, Day, now));
        await SaveChunkAsync(db, ct);
        foreach (var p in data.Pairings) AddPairing(db, p, organizations, Day, now);
        await SaveChunkAsync(db, ct);

        foreach (var c in data.ServiceCenters) AddServiceCenter(db, c, organizations, alliances, data.Alliances, Day, now);
        await SaveChunkAsync(db, ct);

        await transaction.CommitAsync(ct);
        logger.LogInformation(
            "Loaded demo data in {Elapsed} ms: {Subsidiaries} subsidiaries, {Organizations} organizations, {People} people, {Alliances} alliances, {Pairings} pairings, {Centers} service centers",
            watch.ElapsedMilliseconds, data.Subsidiaries.Count, organizations.Count, people, data.Alliances.Count, data.Pairings.Count, data.ServiceCenters.Count);
        return true;
    }

    /// <summary>Saves what is tracked and forgets it, so the change tracker stays small over thousands of people.</summary>
    static async Task SaveChunkAsync(OrganizationDbContext db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>As RegisterPerson, JoinParty and AssignRole would: one Touch and one event per command.</summary>
    void AddPerson(OrganizationDbContext db, Guid subsidiaryId, DemoPerson p, Dictionary<string, PartyOrganization> organizations,
        Func<DateOnly, DateOnly> day, DateOnly today, DateTimeOffset now)
    {
        var person = Person.Register(subsidiaryId, p.Name, p.Kind, p.EmployeeNumber, p.ManagementPost, now);
        if (p.IdNumber is { } idNumber)
        {
            var normalized = PersonalData.NormalizeIdNumber(idNumber);
            person.SetIdNumber(protector.Encrypt(normalized), protector.Hash(normalized));
        }
        if (p.Phone is { } phone) person.SetPhone(protector.Encrypt(PersonalData.NormalizePhone(phone)));
        db.Set<Person>().Add(person);
        db.AddIntegrationEvent(new PersonRegistered(Guid.CreateVersion7(), subsidiaryId, now,
            person.Id, person.Name, person.Kind.ToName(), person.ManagementPost is not null));

        var home = organizations[p.Membership.Organization];
        var joinedOn = day(p.Membership.JoinedOn);
        person.Join(home.Id, joinedOn, p.Membership.Status, today);
        person.Touch(now);
        db.AddIntegrationEvent(new MemberJoined(Guid.CreateVersion7(), subsidiaryId, now, person.Id, home.Id, p.Membership.Status.ToName(), joinedOn));

        foreach (var r in p.Roles)
        {
            var organization = organizations[r.Organization];
            var role = person.AssignRole(organization.Id, r.Role, day(r.StartsOn), null);
            person.Touch(now);
            db.AddIntegrationEvent(new RoleAssigned(Guid.CreateVersion7(), subsidiaryId, now, person.Id, role.Id, organization.Id,
                role.Role.ToName(), role.StartsOn, role.EndsOn));
        }
    }

    /// <summary>As FormAlliance, JoinAlliance, FormTemporaryBranch and ScheduleRotation would.</summary>
    /// <summary>A center of its owner's subsidiary, shared from the day each alliance was formed (the file only names
    /// alliances the owner's subsidiary takes part in, as the service requires).</summary>
    static void AddServiceCenter(OrganizationDbContext db, DemoServiceCenter c, Dictionary<string, PartyOrganization> organizations,
        Dictionary<string, PartyAlliance> alliances, IReadOnlyList<DemoAlliance> demoAlliances, Func<DateOnly, DateOnly> day, DateTimeOffset now)
    {
        var owner = organizations[c.Owner];
        var center = ServiceCenter.Open(new ServiceCenterDetails(c.Name, c.Address, c.Capacity, null, null, null, null),
            owner.Id, owner.SubsidiaryId, owner.Name, now);
        db.Add(center);
        db.AddIntegrationEvent(new ServiceCenterOpened(Guid.CreateVersion7(), center.SubsidiaryId, now,
            center.Id, owner.Id, center.Name, center.Address, center.Capacity));
        foreach (var code in c.SharedAlliances)
        {
            var alliance = alliances[code];
            var share = center.ShareWith(alliance.Id, alliance.Name, day(demoAlliances.Single(a => a.Code == code).FormedOn), null, now);
            db.AddIntegrationEvent(new ServiceCenterSharedWithAlliance(Guid.CreateVersion7(), center.SubsidiaryId, now,
                center.Id, alliance.Id, share.SharedFrom, share.SharedUntil));
        }
    }

    static PartyAlliance AddAlliance(OrganizationDbContext db, DemoAlliance a, Dictionary<string, PartyOrganization> organizations,
        Func<DateOnly, DateOnly> day, DateTimeOffset now)
    {
        var lead = organizations[a.Lead];
        var alliance = PartyAlliance.Form(a.Name, a.Theme, a.Plan, lead.Id, lead.SubsidiaryId, lead.Name, day(a.FormedOn), now);
        db.Add(alliance);
        db.AddIntegrationEvent(new AllianceFormed(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, now,
            alliance.Id, alliance.Name, alliance.Theme, lead.Id, alliance.LeadMemberUnitId, lead.Name));

        var units = new Dictionary<string, Guid> { [a.Lead] = alliance.LeadMemberUnitId };
        foreach (var m in a.Members.Where(m => m.Key != a.Lead))
        {
            AllianceMemberUnit member;
            if (m.Organization is { } code)
            {
                var organization = organizations[code];
                member = alliance.JoinInternal(organization.Id, organization.SubsidiaryId, organization.Name, day(m.JoinedOn), now);
            }
            else
            {
                var e = m.External!;
                member = alliance.JoinExternal(new ExternalUnit(e.Kind, e.Name, e.ContactName, e.ContactPhone), day(m.JoinedOn), now);
            }
            units.Add(m.Key, member.Id);
            db.AddIntegrationEvent(new UnitJoinedAlliance(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, now,
                alliance.Id, member.Id, member.OrganizationId, member.SubsidiaryId, member.Name, member.JoinedOn));
        }

        var branch = organizations[a.TemporaryBranch];
        if (branch.Kind != OrganizationKind.Branch || branch.SubsidiaryId != alliance.LeadSubsidiaryId)
            throw new InvalidDataException($"{a.Name}: the temporary branch must be a branch of the lead's subsidiary.");
        var branchUnits = a.TemporaryBranchUnits.Select(k => units[k]).ToList();
        alliance.FormTemporaryBranch(branch.Id, branchUnits);
        db.AddIntegrationEvent(new TemporaryBranchFormed(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, now, alliance.Id, branch.Id, branchUnits));

        var order = a.RotationOrder.Select(k => units[k]).ToList();
        alliance.ScheduleRotation(order, day(a.RotationStartsOn), a.RotationPeriodMonths);
        db.AddIntegrationEvent(new RotationScheduled(Guid.CreateVersion7(), alliance.LeadSubsidiaryId, now,
            alliance.Id, order, alliance.RotationStartsOn!.Value, alliance.RotationPeriodMonths));
        return alliance;
    }

    /// <summary>As SignPairing, RenewPairing and EndPairing would.</summary>
    static void AddPairing(OrganizationDbContext db, DemoPairing p, Dictionary<string, PartyOrganization> organizations,
        Func<DateOnly, DateOnly> day, DateTimeOffset now)
    {
        PairingParty Party(string code)
        {
            var organization = organizations[code];
            return PairingParty.Internal(organization.Id, organization.SubsidiaryId, organization.Name);
        }
        AgreementTerms Terms(DemoAgreement t) => new(t.Title, t.Obligations, day(t.SignedOn), day(t.ExpiresOn), null);

        var first = Party(p.First);
        var second = Party(p.Second);
        var pairing = Pairing.Sign(first, second, Terms(p.Agreements[0]), now);
        db.Add(pairing);
        db.AddIntegrationEvent(new PairingSigned(Guid.CreateVersion7(), pairing.TenantId, now,
            pairing.Id, first.OrganizationId, second.OrganizationId, pairing.Title, pairing.SignedOn, pairing.ExpiresOn));
        foreach (var renewal in p.Agreements.Skip(1))
        {
            var agreement = pairing.Renew(Terms(renewal), now);
            db.AddIntegrationEvent(new PairingRenewed(Guid.CreateVersion7(), pairing.TenantId, now,
                pairing.Id, agreement.Sequence, agreement.Title, agreement.SignedOn, agreement.ExpiresOn));
        }
        if (p.EndedOn is { } endedOn)
        {
            pairing.End(day(endedOn), p.EndReason ?? "");
            db.AddIntegrationEvent(new PairingEnded(Guid.CreateVersion7(), pairing.TenantId, now, pairing.Id, pairing.EndedOn!.Value, pairing.EndReason ?? ""));
        }
    }
}

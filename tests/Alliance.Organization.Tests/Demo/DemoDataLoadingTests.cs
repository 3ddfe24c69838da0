using System.Diagnostics;
using Alliance.Contracts;
using Alliance.Organization.Alliances;
using Alliance.Organization.Data;
using Alliance.Organization.Demo;
using Alliance.Organization.Pairings;
using Alliance.Organization.People;
using Alliance.Organization.ServiceCenters;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Alliance.Organization.Tests.Demo;

/// <summary>The organization service loads the demo file at start into a real PostgreSQL: everything once, through the domain, with its events.</summary>
public class DemoDataLoadingTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly Dictionary<string, string?> _configuration = new();
    ServiceHost? _host;

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("organization");
        _configuration["DemoData:Enabled"] = "true";
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    async Task RestartAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        var watch = Stopwatch.StartNew();
        _host = await ServiceHost.StartAsync(_configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
        output.WriteLine($"service started (with demo data loading) in {watch.ElapsedMilliseconds} ms");
    }

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<Counts> CountAsync() => InDatabase(async db => new Counts(
        await db.Subsidiaries.CountAsync(),
        await db.Organizations.CountAsync(),
        await db.Set<Person>().CountAsync(),
        await db.Set<MembershipPeriod>().CountAsync(),
        await db.Set<OrganizationRole>().CountAsync(),
        await db.Set<PartyAlliance>().CountAsync(),
        await db.Set<AllianceMemberUnit>().CountAsync(),
        await db.Set<Pairing>().CountAsync(),
        await db.Set<PairingAgreement>().CountAsync(),
        await db.Set<ServiceCenter>().CountAsync(),
        await db.Set<ServiceCenterShare>().CountAsync(),
        await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync()));

    sealed record Counts(int Subsidiaries, int Organizations, int People, int Memberships, int Roles, int Alliances, int MemberUnits,
        int Pairings, int Agreements, int Centers, int Shares, int Events);

    [Fact]
    public async Task Loading_twice_creates_everything_once_with_one_event_per_change()
    {
        var data = await DemoDataFile.ReadAsync(DemoDataFile.DefaultPath);
        var people = data.Subsidiaries.SelectMany(s => s.People).ToList();
        var roles = people.Sum(p => p.Roles.Count);
        var organizations = data.Subsidiaries.Sum(s => s.Organizations.Count);
        var units = data.Alliances.Sum(a => a.Members.Count);
        var agreements = data.Pairings.Sum(p => p.Agreements.Count);
        var shares = data.ServiceCenters.Sum(c => c.SharedAlliances.Count);
        // registered + joined + each role; subsidiary + organization; formed + joined + branch + rotation; signed + renewed + ended.
        var events = people.Count * 2 + roles + data.Subsidiaries.Count + organizations
            + data.Alliances.Sum(a => a.Members.Count + 2) + agreements + data.Pairings.Count(p => p.EndedOn != null)
            + data.ServiceCenters.Count + shares;

        await RestartAsync();
        var first = await CountAsync();
        await RestartAsync();
        var second = await CountAsync();

        first.Should().Be(new Counts(2, organizations, people.Count, people.Count, roles, 3, units, 44, agreements, 12, shares, events));
        first.Organizations.Should().Be(105 + data.Subsidiaries.Single(s => s.Code == "LGG").Organizations.Count);
        first.People.Should().Be(1_750 + data.Subsidiaries.Single(s => s.Code == "LGG").People.Count);
        second.Should().Be(first);
    }

    [Fact]
    public async Task Loaded_people_have_search_keys_and_encrypted_personal_data_and_dates_are_as_fresh_as_today()
    {
        var data = await DemoDataFile.ReadAsync(DemoDataFile.DefaultPath);
        var sample = data.Subsidiaries[0].People[0];

        await RestartAsync();
        var stored = await InDatabase(db => db.Set<Person>().Include(p => p.Memberships).SingleAsync(p => p.EmployeeNumber == sample.EmployeeNumber));
        var protector = _host!.Services.GetRequiredService<PersonalDataProtector>();

        stored.Name.Should().Be(sample.Name);
        stored.NameSearch.Should().NotBeNullOrEmpty();
        stored.IdNumberCipher.Should().NotBeNull();
        System.Text.Encoding.UTF8.GetString(stored.IdNumberCipher!).Should().NotContain(sample.IdNumber!);
        protector.Decrypt(stored.IdNumberCipher!).Should().Be(sample.IdNumber);
        protector.Decrypt(stored.PhoneCipher!).Should().Be(sample.Phone);
        stored.IdNumberHash.Should().Be(protector.Hash(sample.IdNumber!));

        // Every date moved by the days between the file's reference date and today (China Standard Time).
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var shift = stored.Memberships.Single().From.DayNumber - sample.Membership.JoinedOn.DayNumber;
        shift.Should().BeInRange(today.DayNumber - data.ReferenceDate.DayNumber - 1, today.DayNumber - data.ReferenceDate.DayNumber);
        var expiring = await InDatabase(db => db.Set<Pairing>().CountAsync(p => p.EndedOn == null && p.ExpiresOn >= today && p.ExpiresOn <= today.AddDays(30)));
        expiring.Should().Be(data.Pairings.Count(p => p.EndedOn == null && p.Agreements[^1].ExpiresOn.AddDays(shift) >= today
            && p.Agreements[^1].ExpiresOn.AddDays(shift) <= today.AddDays(30))).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task Run_once_beside_the_service_it_loads_everything_and_exits_0_and_a_second_run_adds_nothing()
    {
        string[] args = [$"--ConnectionStrings:{ResourceNames.Databases.Organization}={_configuration[$"ConnectionStrings:{ResourceNames.Databases.Organization}"]}",
            "--DemoData:Enabled=true", $"--{DemoDataRun.LoadAndExitKey}=true", "--environment=Development"];
        DemoDataRun.IsRequested(args).Should().BeTrue();
        DemoDataRun.IsRequested([]).Should().BeFalse();

        (await DemoDataRun.RunAsync(args)).Should().Be(0, "it migrated the new database and loaded the file");
        _configuration["DemoData:Enabled"] = "false"; // the service beside it loads nothing itself
        await RestartAsync();
        var first = await CountAsync();
        (await DemoDataRun.RunAsync(args)).Should().Be(0, "the data is there");
        var second = await CountAsync();

        first.Subsidiaries.Should().Be(2);
        first.People.Should().BeGreaterThan(1_750);
        first.Events.Should().BeGreaterThan(first.People * 2, "its events wait in the outbox for the service's dispatcher");
        second.Should().Be(first);
    }

    [Fact]
    public async Task Run_once_with_a_database_that_does_not_answer_it_exits_1()
    {
        var port = Alliance.Testing.Servers.FreePort.Next();
        string[] args = [$"--ConnectionStrings:{ResourceNames.Databases.Organization}=Host=127.0.0.1;Port={port};Username=postgres;Timeout=2",
            "--DemoData:Enabled=true", $"--{DemoDataRun.LoadAndExitKey}=true", "--environment=Development"];

        (await DemoDataRun.RunAsync(args)).Should().Be(1);
    }

    [Fact]
    public async Task Nothing_is_loaded_when_the_database_already_holds_a_subsidiary()
    {
        _configuration["DemoData:Enabled"] = "false";
        await RestartAsync();
        await InDatabase(async db =>
        {
            db.Subsidiaries.Add(Subsidiaries.Subsidiary.Register("OWN", "自有企业", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        _configuration["DemoData:Enabled"] = "true";
        await RestartAsync();

        (await CountAsync()).Should().Be(new Counts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        // The file is not even read then (every start after the first keeps the file's data out of the process): a path
        // to no file starts as well.
        _configuration["DemoData:Path"] = Path.Combine(Path.GetTempPath(), "no-such-demo-" + Guid.NewGuid().ToString("N") + ".json.gz");
        await RestartAsync();
        (await CountAsync()).Subsidiaries.Should().Be(1);
    }
}

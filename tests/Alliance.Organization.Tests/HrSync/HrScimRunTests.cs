using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.Organization.Tests.Persistence;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Run = Alliance.Organization.HrSync.HrSyncRun;

namespace Alliance.Organization.Tests.HrSync;

/// <summary>
/// SCIM writes count into the HR client's sync run of the group day (the run's id is remembered after its first write),
/// on a real PostgreSQL database, with a clock the test moves.
/// </summary>
public class HrScimRunTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 5, 10, 3, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        var configuration = await new Dictionary<string, string?>().AddOwnServersAsync("hrscimrun");
        _host = await ServiceHost.StartAsync(configuration,
            b => { b.AddApplicationServices(); b.Services.AddSingleton<TimeProvider>(_clock); }, a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, string? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, "tester" } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant);
        return new CallOptions(metadata);
    }

    static HrUserWrite Employee(string userName) => new()
    {
        UserName = userName, ExternalId = "x-" + userName, EmployeeNumber = "N-" + userName, Active = true, DisplayName = "李四",
        Department = "财务部", ScimJson = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}",
    };

    async Task<List<Run>> ScimRunsAsync(Guid subsidiary)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        return await db.Set<Run>().AsNoTracking().Where(r => r.SubsidiaryId == subsidiary && r.Source == Run.ScimSource).OrderBy(r => r.Day).ToListAsync();
    }

    async Task<int> CountAsync(string sql, Guid subsidiary)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        return await db.Database.SqlQueryRaw<int>(sql, subsidiary).SingleAsync();
    }

    [Fact]
    public async Task Creates_of_a_day_count_into_one_run_the_next_day_starts_another_and_a_taken_userName_writes_nothing()
    {
        var subsidiary = await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = "RUN1", Name = "运行企业" }, As(Roles.GroupAdmin)).ResponseAsync;
        var tenant = Guid.Parse(subsidiary.Id);
        var hr = As(Roles.HrClient, subsidiary.Id);

        for (var i = 0; i < 3; i++) await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(Employee($"day1-{i}"), hr).ResponseAsync;
        var first = (await ScimRunsAsync(tenant)).Should().ContainSingle().Subject;
        first.Day.Should().Be(new DateOnly(2026, 5, 10));
        (first.Processed, first.Created).Should().Be((3, 3));

        // The same userName in another case: the unique index refuses it, and neither a person nor an event is written.
        var people = await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", tenant);
        var events = await CountAsync("SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE body::text LIKE '%' || {0}::text || '%'", tenant);
        var taken = Employee("DAY1-0");
        taken.EmployeeNumber = "N-other";
        taken.ExternalId = "x-other";
        var refused = await FluentActions.Awaiting(() => _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(taken, hr).ResponseAsync).Should().ThrowAsync<RpcException>();
        refused.Which.StatusCode.Should().Be(StatusCode.AlreadyExists);
        refused.Which.Status.Detail.Should().Contain("userName");
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM people WHERE subsidiary_id = {0}", tenant)).Should().Be(people);
        (await CountAsync("SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE body::text LIKE '%' || {0}::text || '%'", tenant)).Should().Be(events);

        // A group day later (Asia/Shanghai): a run of its own; the first keeps its counts.
        _clock.Now = _clock.Now.AddDays(1);
        await _host.Client<HrSyncService.HrSyncServiceClient>().CreateHrUserAsync(Employee("day2-0"), hr).ResponseAsync;
        var runs = await ScimRunsAsync(tenant);
        runs.Select(r => (r.Day, r.Processed, r.Created)).Should().Equal((new DateOnly(2026, 5, 10), 3, 3), (new DateOnly(2026, 5, 11), 1, 1));
    }
}

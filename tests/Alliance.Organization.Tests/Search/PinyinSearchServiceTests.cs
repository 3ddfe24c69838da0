using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Tests.Search;

/// <summary>Listing organizations and people by pinyin and initials, over gRPC against a real PostgreSQL database.</summary>
public class PinyinSearchServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly Dictionary<string, string?> _configuration = new();

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("pinyin");
        _host = await StartAsync();
    }

    Task<ServiceHost> StartAsync() => ServiceHost.StartAsync(_configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static readonly CallOptions GroupAdmin = new(new Metadata { { AllianceMetadata.UserRole, Roles.GroupAdmin }, { AllianceMetadata.UserId, "tester" } });

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    async Task<string> SubsidiaryAsync(string code) => (await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, GroupAdmin).ResponseAsync).Id;

    Task<ContractOrganization> OrganizationAsync(string subsidiaryId, string name, OrganizationKind kind, string? parentId = null)
    {
        var request = new CreateOrganizationRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = kind };
        if (parentId is not null) request.ParentId = parentId;
        return _host.Client<OrganizationService.OrganizationServiceClient>().CreateOrganizationAsync(request, GroupAdmin).ResponseAsync;
    }

    Task<Person> PersonAsync(string subsidiaryId, string name) => _host.Client<PeopleService.PeopleServiceClient>().RegisterPersonAsync(new RegisterPersonRequest { SubsidiaryId = subsidiaryId, Name = name, Kind = PersonKind.Employee }, GroupAdmin).ResponseAsync;

    async Task<string[]> OrganizationsFound(string subsidiaryId, string search) =>
        (await _host.Client<OrganizationService.OrganizationServiceClient>().ListOrganizationsAsync(new ListOrganizationsRequest { SubsidiaryId = subsidiaryId, Search = search, PageSize = 50 }, GroupAdmin).ResponseAsync).Items.Select(o => o.Name).Order().ToArray();

    async Task<string[]> PeopleFound(string subsidiaryId, string search) =>
        (await _host.Client<PeopleService.PeopleServiceClient>().ListPeopleAsync(new ListPeopleRequest { SubsidiaryId = subsidiaryId, Search = search, PageSize = 50 }, GroupAdmin).ResponseAsync).Items.Select(p => p.Name).Order().ToArray();

    async Task<string> TreeAsync(string code)
    {
        var subsidiary = await SubsidiaryAsync(code);
        var committee = await OrganizationAsync(subsidiary, "集团党委", OrganizationKind.Committee);
        await OrganizationAsync(subsidiary, "第一党支部", OrganizationKind.Branch, committee.Id);
        await OrganizationAsync(subsidiary, "第二党支部", OrganizationKind.Branch, committee.Id);
        await OrganizationAsync(subsidiary, "银行业务党支部", OrganizationKind.Branch, committee.Id);
        return subsidiary;
    }

    [Fact]
    public async Task Organizations_are_found_by_characters_full_pinyin_and_initials()
    {
        var subsidiary = await TreeAsync("PY1");

        (await OrganizationsFound(subsidiary, "第一")).Should().Equal("第一党支部");
        (await OrganizationsFound(subsidiary, "dydzb")).Should().Equal("第一党支部");
        (await OrganizationsFound(subsidiary, "diyidangzhibu")).Should().Equal("第一党支部");
        (await OrganizationsFound(subsidiary, "Di Yi Dang")).Should().Equal("第一党支部");
        (await OrganizationsFound(subsidiary, "dzb")).Should().Equal("第一党支部", "第二党支部", "银行业务党支部");
        (await OrganizationsFound(subsidiary, "jtdw")).Should().Equal("集团党委");
    }

    [Fact]
    public async Task A_polyphonic_character_is_found_by_its_other_reading()
    {
        var subsidiary = await TreeAsync("PY2");

        (await OrganizationsFound(subsidiary, "yinhang")).Should().Equal("银行业务党支部");
        (await OrganizationsFound(subsidiary, "yhyw")).Should().Equal("银行业务党支部");
        // The customary reading of 行 is kept too.
        (await OrganizationsFound(subsidiary, "yinxing")).Should().Equal("银行业务党支部");
    }

    [Fact]
    public async Task People_are_found_by_characters_full_pinyin_and_initials_also_after_a_rename()
    {
        var subsidiary = await SubsidiaryAsync("PY3");
        var zhang = await PersonAsync(subsidiary, "张三");
        await PersonAsync(subsidiary, "李四");
        await PersonAsync(subsidiary, "长孙无忌");

        (await PeopleFound(subsidiary, "张")).Should().Equal("张三");
        (await PeopleFound(subsidiary, "zhangsan")).Should().Equal("张三");
        (await PeopleFound(subsidiary, "zhang san")).Should().Equal("张三");
        (await PeopleFound(subsidiary, "ZS")).Should().Equal("张三", "长孙无忌"); // part of the initials, as part of a name: zs(wj)
        (await PeopleFound(subsidiary, "ls")).Should().Equal("李四");
        (await PeopleFound(subsidiary, "zhangsun")).Should().Equal("长孙无忌");
        (await PeopleFound(subsidiary, "cswj")).Should().Equal("长孙无忌");
        (await PeopleFound(subsidiary, "zhang")).Should().Equal("张三", "长孙无忌");
        await PersonAsync(subsidiary, "A_B 100%");
        (await PeopleFound(subsidiary, "%")).Should().Equal("A_B 100%"); // LIKE wildcards in the search are literal
        (await PeopleFound(subsidiary, "_")).Should().Equal("A_B 100%");
        (await PeopleFound(subsidiary, "0%")).Should().Equal("A_B 100%");
        (await PeopleFound(subsidiary, "ab100")).Should().Equal("A_B 100%");

        await _host.Client<PeopleService.PeopleServiceClient>().UpdatePersonAsync(new UpdatePersonRequest { Id = zhang.Id, Name = "王五" }, GroupAdmin).ResponseAsync;

        (await PeopleFound(subsidiary, "zhangsan")).Should().BeEmpty();
        (await PeopleFound(subsidiary, "zs")).Should().Equal("长孙无忌");
        (await PeopleFound(subsidiary, "ww")).Should().Equal("王五");
    }

    [Fact]
    public async Task Rows_stored_without_a_key_get_one_from_the_backfill_at_the_next_start()
    {
        var subsidiary = await TreeAsync("PY4");
        await PersonAsync(subsidiary, "张三");
        await InDatabase(db => db.Database.ExecuteSqlRawAsync("UPDATE party_organizations SET name_search = NULL; UPDATE people SET name_search = NULL"));
        (await OrganizationsFound(subsidiary, "dydzb")).Should().BeEmpty("the key is gone");

        await _host.DisposeAsync();
        _host = await StartAsync();

        (await InDatabase(db => db.Organizations.CountAsync(o => o.NameSearch == null))).Should().Be(0);
        (await OrganizationsFound(subsidiary, "dydzb")).Should().Equal("第一党支部");
        (await PeopleFound(subsidiary, "zs")).Should().Equal("张三");
    }
}

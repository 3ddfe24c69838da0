using System.Text;
using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.Organization.Import;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Organization.Tests.Import;

/// <summary>OrganizationImportService as it runs, over gRPC, against a real PostgreSQL database and RabbitMQ.</summary>
public class TreeImportServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;

    const string Tree = "code,name,kind,parentCode\n" +
                        "C,集团党委,党委,\n" +
                        "G,机关党总支,党总支,C\n" +
                        "B,第一党支部,党支部,G\n" +
                        "P,第一党小组,党小组,B\n";

    public async Task InitializeAsync()
    {
        var configuration = await new Dictionary<string, string?>().AddOwnServersAsync("organization");
        _host = await ServiceHost.StartAsync(configuration, b => b.AddApplicationServices(), a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, string? tenant = null)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, "importer" } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant);
        // As the gateway gives import calls: a file of 10,000 rows takes longer than the default deadline on a busy machine.
        return new CallOptions(metadata, DateTime.UtcNow.AddSeconds(60));
    }

    Task<TreeImportResult> PreviewAsync(string subsidiaryId, string csv, CallOptions? options = null) =>
        _host.Client<OrganizationImportService.OrganizationImportServiceClient>().PreviewTreeImportAsync(new TreeImportRequest { SubsidiaryId = subsidiaryId, Csv = ByteString.CopyFromUtf8(csv) }, options ?? As(Roles.GroupAdmin)).ResponseAsync;

    Task<TreeImportResult> ApplyAsync(string subsidiaryId, string csv, string requestId = "", bool skipInvalid = false, CallOptions? options = null) =>
        _host.Client<OrganizationImportService.OrganizationImportServiceClient>().ApplyTreeImportAsync(new TreeImportRequest { SubsidiaryId = subsidiaryId, Csv = ByteString.CopyFromUtf8(csv), ClientRequestId = requestId, SkipInvalid = skipInvalid }, options ?? As(Roles.GroupAdmin)).ResponseAsync;

    async Task<string> RegisterAsync(string code) =>
        (await _host.Client<SubsidiaryService.SubsidiaryServiceClient>().RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = code, Name = "企业" + code }, As(Roles.GroupAdmin)).ResponseAsync).Id;

    async Task<T> InDatabase<T>(Func<OrganizationDbContext, Task<T>> read)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrganizationDbContext>());
    }

    Task<List<Alliance.Organization.Organizations.PartyOrganization>> OrganizationsOf(string subsidiaryId) =>
        InDatabase(db => db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == Guid.Parse(subsidiaryId)).OrderBy(o => o.Depth).ToListAsync());

    Task<List<string>> EventsOf(string subsidiaryId) => InDatabase(db => db.Database
        .SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body::text LIKE {0}", $"%{subsidiaryId}%").ToListAsync());

    Task<int> Count(string table) => InDatabase(db => table switch
    {
        "outbox_messages" => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages").SingleAsync(),
        "client_requests" => db.ClientRequests.CountAsync(),
        "organization_tree_imports" => db.Set<OrganizationTreeImport>().CountAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    });

    [Fact]
    public async Task A_preview_writes_nothing_and_an_apply_creates_the_tree_with_paths_depths_and_events()
    {
        var subsidiary = await RegisterAsync("IMP1");
        var eventsBefore = (await EventsOf(subsidiary)).Count;

        var preview = await PreviewAsync(subsidiary, Tree);

        preview.Applied.Should().BeFalse();
        preview.CreateCount.Should().Be(4);
        preview.Rows.Select(r => r.Outcome).Should().AllBeEquivalentTo(TreeImportOutcome.Create);
        (await OrganizationsOf(subsidiary)).Should().BeEmpty();
        (await EventsOf(subsidiary)).Should().HaveCount(eventsBefore);

        var applied = await ApplyAsync(subsidiary, Tree);

        applied.Applied.Should().BeTrue();
        applied.CreateCount.Should().Be(4);
        var stored = await OrganizationsOf(subsidiary);
        stored.Select(o => o.Name).Should().Equal("集团党委", "机关党总支", "第一党支部", "第一党小组");
        stored.Select(o => o.Depth).Should().Equal(0, 1, 2, 3);
        stored[3].Path.Should().Be(string.Join('/', stored.Select(o => o.Id)));
        stored.Skip(1).Select(o => o.ParentId).Should().Equal(stored.SkipLast(1).Select(o => (Guid?)o.Id));
        applied.Rows.Select(r => r.OrganizationId).Should().Equal(stored.Select(o => o.Id.ToString()));
        var events = await EventsOf(subsidiary);
        events.Count(e => e.Contains(nameof(Contracts.Events.OrganizationCreated))).Should().Be(4);
        events.Should().ContainSingle(e => e.Contains(nameof(Contracts.Events.OrganizationTreeImported)));
    }

    [Fact]
    public async Task A_file_with_an_error_is_refused_with_the_row_and_column_and_nothing_is_written()
    {
        var subsidiary = await RegisterAsync("IMP2");
        var outboxBefore = await Count("outbox_messages");
        const string csv = "code,name,kind,parentCode\nC,集团党委,党委,\nX,坏行,党校,C\nB,第一党支部,党支部,C\n";

        var act = () => ApplyAsync(subsidiary, csv);

        var refused = (await act.Should().ThrowAsync<RpcException>()).Which;
        refused.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(refused).Should().ContainKey("rows[3].kind");
        (await OrganizationsOf(subsidiary)).Should().BeEmpty();
        (await Count("outbox_messages")).Should().Be(outboxBefore);
        (await InDatabase(db => db.Set<OrganizationTreeImport>().CountAsync(i => i.SubsidiaryId == Guid.Parse(subsidiary)))).Should().Be(0);
    }

    [Fact]
    public async Task With_skip_invalid_the_valid_rows_are_created_and_a_bad_row_and_its_descendants_are_skipped()
    {
        var subsidiary = await RegisterAsync("IMP3");
        const string csv = "code,name,kind,parentCode\nC,集团党委,党委,\nX,坏行,党校,C\nY,坏行之下,党支部,X\nB,第一党支部,党支部,C\n";

        var result = await ApplyAsync(subsidiary, csv, skipInvalid: true);

        result.CreateCount.Should().Be(2);
        result.ErrorCount.Should().Be(2);
        result.Rows.Where(r => r.Outcome == TreeImportOutcome.Error).Select(r => r.Line).Should().Equal(3, 4);
        (await OrganizationsOf(subsidiary)).Select(o => o.Name).Should().BeEquivalentTo("集团党委", "第一党支部");
        var stored = await InDatabase(db => db.Set<OrganizationTreeImport>().SingleAsync(i => i.SubsidiaryId == Guid.Parse(subsidiary)));
        (stored.Created, stored.Skipped, stored.ImportedBy).Should().Be((2, 2, "importer"));
    }

    [Fact]
    public async Task A_retried_apply_returns_the_first_result_and_a_new_import_of_the_same_file_creates_nothing()
    {
        var subsidiary = await RegisterAsync("IMP4");

        var first = await ApplyAsync(subsidiary, Tree, requestId: "upload-1");
        var retried = await ApplyAsync(subsidiary, Tree, requestId: "upload-1");
        var again = await ApplyAsync(subsidiary, Tree, requestId: "upload-2");

        retried.Should().Be(first);
        (await OrganizationsOf(subsidiary)).Should().HaveCount(4);
        again.ImportId.Should().NotBe(first.ImportId);
        again.CreateCount.Should().Be(0);
        again.ExistsCount.Should().Be(4);
        again.Rows.Select(r => r.OrganizationId).Should().Equal(first.Rows.Select(r => r.OrganizationId));
        (await EventsOf(subsidiary)).Count(e => e.Contains(nameof(Contracts.Events.OrganizationCreated))).Should().Be(4);
    }

    [Fact]
    public async Task A_database_failure_in_the_middle_of_an_import_leaves_nothing_behind()
    {
        var subsidiary = await RegisterAsync("IMP5");
        // A real failure from PostgreSQL on the third of four inserts.
        await InDatabase(db => db.Database.ExecuteSqlRawAsync("""
            CREATE OR REPLACE FUNCTION fail_on_trigger_name() RETURNS trigger AS $$
            BEGIN IF NEW.name = '触发失败' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER fail_on_trigger_name BEFORE INSERT ON party_organizations FOR EACH ROW EXECUTE FUNCTION fail_on_trigger_name();
            """));
        var outboxBefore = await Count("outbox_messages");
        var requestsBefore = await Count("client_requests");
        const string csv = "code,name,kind,parentCode\nC,集团党委,党委,\nG,机关党总支,党总支,C\nB,触发失败,党支部,G\nP,第一党小组,党小组,B\n";

        var act = () => ApplyAsync(subsidiary, csv, requestId: "fails");

        await act.Should().ThrowAsync<RpcException>();
        (await OrganizationsOf(subsidiary)).Should().BeEmpty();
        (await Count("outbox_messages")).Should().Be(outboxBefore);
        (await Count("client_requests")).Should().Be(requestsBefore);
        (await Count("organization_tree_imports")).Should().Be(0);
    }

    [Fact]
    public async Task Another_subsidiarys_admin_and_a_secretary_may_not_import()
    {
        var subsidiary = await RegisterAsync("IMP6");
        var other = await RegisterAsync("IMP7");

        var otherAdmin = () => PreviewAsync(subsidiary, Tree, As(Roles.SubsidiaryAdmin, other));
        var secretary = () => ApplyAsync(subsidiary, Tree, options: As(Roles.Secretary, subsidiary));
        var ownAdmin = await PreviewAsync(subsidiary, Tree, As(Roles.SubsidiaryAdmin, subsidiary));

        (await otherAdmin.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await secretary.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        ownAdmin.CreateCount.Should().Be(4);
    }

    [Fact]
    public async Task A_bad_file_is_INVALID_ARGUMENT_on_the_file_field()
    {
        var subsidiary = await RegisterAsync("IMP8");

        var act = () => PreviewAsync(subsidiary, "code,name\nA,甲\n");

        var error = (await act.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        FieldErrors.From(error)["file"].Single().Should().Contain("kind");
    }

    [Fact]
    public async Task A_file_of_the_maximum_row_count_previews_and_applies_in_one_piece()
    {
        var subsidiary = await RegisterAsync("IMPX");
        var csv = new StringBuilder("code,name,kind,parentCode\nC,集团党委,党委,\n");
        for (var g = 1; g <= 99; g++)
        {
            csv.Append($"G{g},第{g}党总支,党总支,C\n");
            for (var b = 1; b <= 100; b++) csv.Append($"G{g}B{b},第{b}党支部,党支部,G{g}\n");
        }
        var text = csv.ToString();

        var preview = await PreviewAsync(subsidiary, text);
        var applied = await ApplyAsync(subsidiary, text);

        preview.TotalRows.Should().Be(OrganizationTreeCsv.MaxRows);
        preview.CreateCount.Should().Be(OrganizationTreeCsv.MaxRows);
        applied.CreateCount.Should().Be(OrganizationTreeCsv.MaxRows);
        (await OrganizationsOf(subsidiary)).Should().HaveCount(OrganizationTreeCsv.MaxRows)
            .And.Contain(o => o.Name == "第100党支部" && o.Depth == 2);
        (await EventsOf(subsidiary)).Count(e => e.Contains(nameof(Contracts.Events.OrganizationCreated))).Should().Be(OrganizationTreeCsv.MaxRows);
    }

    [Fact]
    public async Task Rows_attach_under_an_existing_organization_by_path()
    {
        var subsidiary = await RegisterAsync("IMP9");
        await ApplyAsync(subsidiary, Tree);

        var result = await ApplyAsync(subsidiary, "code,name,kind,parentPath\nB2,第二党支部,党支部,集团党委/机关党总支\n");

        var stored = await OrganizationsOf(subsidiary);
        var general = stored.Single(o => o.Name == "机关党总支");
        var created = stored.Single(o => o.Id == Guid.Parse(result.Rows.Single().OrganizationId));
        created.ParentId.Should().Be(general.Id);
        created.Depth.Should().Be(2);
    }
}

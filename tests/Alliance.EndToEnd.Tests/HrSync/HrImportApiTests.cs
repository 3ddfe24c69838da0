using Alliance.Testing;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

namespace Alliance.EndToEnd.Tests.HrSync;

/// <summary>HR file imports, sync runs and HR conflicts through the gateway against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class HrImportApiTests(StackFixture stack)
{
    public sealed record RowResult(int RowNumber, string Outcome, string? Message, string? EmployeeNumber, string? ExternalId, string? Name, Guid? PersonId);
    public sealed record Run(Guid Id, Guid SubsidiaryId, string Source, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status, int Total,
        int Processed, int Created, int Updated, int Deactivated, int Unchanged, int Stale, int Conflicts, int Errors, List<string> ErrorMessages, long DurationMs);
    public sealed record ImportResult(string Kind, bool DryRun, Dictionary<string, int> Counts, List<RowResult> Rows, Run? Run);
    public sealed record Conflict(Guid Id, Guid PersonId, string PersonName, string Kind, string Details, List<Guid> RoleIds, string Status, string? ResolutionNote, long Version);

    static async Task<(int Status, ImportResult? Result, HttpResponseMessage Response)> UploadAsync(HttpClient admin, Guid subsidiaryId, byte[] bytes, string fileName, bool preview, string? kind = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        var response = await admin.PostAsync($"/api/v1/subsidiaries/{subsidiaryId}/hr-imports{(preview ? "/preview" : "")}", form);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ImportResult>() : null, response);
    }

    static async Task<int> CountAsync(HttpClient admin, Guid subsidiaryId) => (await admin.ListPeopleAsync(subsidiaryId)).Total;

    [Fact]
    public async Task A_preview_writes_nothing_and_an_import_applies_good_rows_reports_the_bad_and_its_results_download()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("人事导入企业");
        var csv = "工号,姓名,部门,岗位,状态,更新时间\r\nG1,周一,研发部,工程师,在职,2026-03-01 09:00\r\nG2,周二,市场部,经理,在职,\r\nG3,=周三,研发部,,休假中,\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(csv);

        var (status, preview, _) = await UploadAsync(admin, subsidiary.Id, gbk, "花名册.csv", preview: true);
        status.Should().Be(200);
        preview!.DryRun.Should().BeTrue();
        preview.Rows.Select(r => r.Outcome).Should().Equal("created", "created", "error");
        (preview.Counts["created"], preview.Counts["error"]).Should().Be((2, 1));
        (await CountAsync(admin, subsidiary.Id)).Should().Be(0, "a preview writes nothing");
        (await admin.GetFromJsonAsync<PagedList<Run>>($"/api/v1/hr-sync-runs?subsidiaryId={subsidiary.Id}"))!.Total.Should().Be(0);

        var (_, applied, _) = await UploadAsync(admin, subsidiary.Id, gbk, "花名册.csv", preview: false);
        applied!.Rows.Select(r => r.Outcome).Should().Equal("created", "created", "error");
        applied.Rows[2].Message.Should().Contain("status");
        (await CountAsync(admin, subsidiary.Id)).Should().Be(2);
        var run = await admin.GetFromJsonAsync<Run>($"/api/v1/hr-sync-runs/{applied.Run!.Id}");
        (run!.Status, run.Source, run.Created, run.Errors, run.Processed, run.Total).Should().Be(("succeeded", "file:花名册.csv", 2, 1, 3, 3));
        var listed = await admin.GetFromJsonAsync<PagedList<Run>>($"/api/v1/hr-sync-runs?subsidiaryId={subsidiary.Id}");
        listed!.Items.Should().ContainSingle(r => r.Id == run.Id);

        var download = await admin.GetAsync($"/api/v1/hr-sync-runs/{run.Id}/results.csv");
        download.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("row,outcome,employeeNumber,externalId,name,message");
        lines[1].Should().StartWith("2,created,G1,,周一");
        lines[3].Should().StartWith("4,error,G3,,'=周三", "a cell that a spreadsheet would run as a formula is defused");

        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        (await secretary.GetAsync("/api/v1/hr-sync-runs")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_xlsx_file_imports_and_bad_uploads_are_problems_with_field_errors()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("人事表格企业");
        var xlsx = Workbooks.Xlsx(["employeeNumber", "name", "department", "status"], ["X1", "吴一", "研发部", "active"], ["X2", "吴二", "研发部", "inactive"]);
        var (_, applied, _) = await UploadAsync(admin, subsidiary.Id, xlsx, "staff.xlsx", preview: false, kind: "employees");
        applied!.Rows.Select(r => r.Outcome).Should().Equal("created", "created");
        (await CountAsync(admin, subsidiary.Id)).Should().Be(2);

        var (pdf, _, response) = await UploadAsync(admin, subsidiary.Id, [1, 2, 3], "staff.pdf", preview: true);
        pdf.Should().Be(400);
        (await response.ProblemAsync(400)).Errors!.Should().ContainKey("file");
        var (garbage, _, garbageResponse) = await UploadAsync(admin, subsidiary.Id, Encoding.UTF8.GetBytes("a,b\n1,2\n"), "x.csv", preview: true);
        garbage.Should().Be(400);
        (await garbageResponse.ProblemAsync(400)).Errors!["file"].Single().Should().Contain("header");
        var (badKind, _, _) = await UploadAsync(admin, subsidiary.Id, xlsx, "staff.xlsx", preview: true, kind: "cars");
        badKind.Should().Be(400);
    }

    [Fact]
    public async Task SCIM_deactivating_a_secretary_raises_a_conflict_that_an_admin_resolves_ending_the_role()
    {
        var (subsidiary, scim, _) = await stack.ScimClientAsync();
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "人事冲突支部");
        var registered = await admin.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = subsidiary.Id, name = "郑书记", kind = "employee", employeeNumber = "SEC-1" });
        await EnsureAsync(registered, 201);
        var person = (await registered.Content.ReadFromJsonAsync<Person>())!;
        await admin.JoinAsync(person.Id, branch.Id);
        await admin.AssignRoleAsync(person.Id, branch.Id, "secretary");

        var user = await scim.CreateUserAsync(NewUser("zheng", employeeNumber: "SEC-1", displayName: "郑书记"));
        user["active"] = false;
        await scim.SendAsync(HttpMethod.Put, $"/Users/{user["id"]}", user).ExpectAsync(200);

        var open = await admin.GetFromJsonAsync<PagedList<Conflict>>($"/api/v1/hr-conflicts?subsidiaryId={subsidiary.Id}&status=open");
        var conflict = open!.Items.Should().ContainSingle().Subject;
        (conflict.PersonId, conflict.Kind).Should().Be((person.Id, "party-role"));
        conflict.Details.Should().Contain("人事冲突支部");
        (await admin.GetPersonAsync(person.Id)).Roles.Single().EndsOn.Should().BeNull("HR never drops a party role");
        var runs = await admin.GetFromJsonAsync<PagedList<Run>>($"/api/v1/hr-sync-runs?subsidiaryId={subsidiary.Id}");
        var daily = runs!.Items.Should().ContainSingle(r => r.Source == "scim").Subject;
        (daily.Created, daily.Conflicts).Should().Be((1, 1));

        var blank = await admin.PostAsJsonAsync($"/api/v1/hr-conflicts/{conflict.Id}/resolve", new { note = "" });
        (await blank.ProblemAsync(400)).Errors!.Should().ContainKey("note");
        var resolved = await admin.PostAsJsonAsync($"/api/v1/hr-conflicts/{conflict.Id}/resolve", new { note = "已离职，免去书记职务", endRoles = true, endsOn = "2026-03-31" });
        await EnsureAsync(resolved, 200);
        (await resolved.Content.ReadFromJsonAsync<Conflict>())!.Status.Should().Be("resolved");
        (await admin.GetPersonAsync(person.Id)).Roles.Single().EndsOn.Should().Be("2026-03-31");
        (await admin.GetFromJsonAsync<PagedList<Conflict>>($"/api/v1/hr-conflicts?subsidiaryId={subsidiary.Id}&status=open"))!.Total.Should().Be(0);
        var again = await admin.PostAsJsonAsync($"/api/v1/hr-conflicts/{conflict.Id}/resolve", new { note = "再次" });
        again.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_SCIM_replace_older_than_the_stored_record_by_meta_lastModified_is_ignored()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var user = NewUser("order", department: "一部");
        user["meta"] = new JsonObject { ["lastModified"] = "2026-03-02T10:00:00Z" };
        var created = await scim.CreateUserAsync(user);
        var older = NewUser("order", department: "旧部门");
        older["meta"] = new JsonObject { ["lastModified"] = "2026-03-01T10:00:00Z" };
        var answer = await scim.SendAsync(HttpMethod.Put, $"/Users/{created["id"]}", older).ExpectAsync(200);
        answer[Enterprise]!["department"]!.GetValue<string>().Should().Be("一部");
        var newer = NewUser("order", department: "二部");
        newer["meta"] = new JsonObject { ["lastModified"] = "2026-03-03T10:00:00Z" };
        (await scim.SendAsync(HttpMethod.Put, $"/Users/{created["id"]}", newer).ExpectAsync(200))[Enterprise]!["department"]!.GetValue<string>().Should().Be("二部");
    }

}

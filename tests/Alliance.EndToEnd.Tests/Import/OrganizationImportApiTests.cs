using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.Import;

/// <summary>The organization-tree import through the gateway, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class OrganizationImportApiTests(StackFixture stack)
{
    public sealed record ImportRow(int Line, string Code, string Name, string Kind, string Parent, string Outcome, string? Column, string? Reason, int? RelatedLine, string? Message, Guid? OrganizationId);
    public sealed record ImportTotals(int Rows, int Create, int Exists, int Errors);
    public sealed record ImportResult(Guid SubsidiaryId, bool Applied, Guid? ImportId, ImportTotals Totals, List<ImportRow> Rows);

    const string Tree = "code,name,kind,parentCode\n" +
                        "C,集团党委,党委,\n" +
                        "G,机关党总支,党总支,C\n" +
                        "B,第一党支部,党支部,G\n" +
                        "P,第一党小组,党小组,B\n";

    static string Imports(Guid subsidiaryId) => $"/api/v1/subsidiaries/{subsidiaryId}/organization-imports";

    static MultipartFormDataContent Upload(string csv, string fileName = "tree.csv", string contentType = "text/csv") =>
        Upload(Encoding.UTF8.GetBytes(csv), fileName, contentType);

    static MultipartFormDataContent Upload(byte[] bytes, string fileName = "tree.csv", string contentType = "text/csv")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    static async Task<ImportResult> ResultAsync(HttpResponseMessage response)
    {
        await EnsureAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<ImportResult>())!;
    }

    [Fact]
    public async Task A_preview_writes_nothing_and_the_apply_creates_the_tree()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var preview = await ResultAsync(await admin.PostAsync($"{Imports(subsidiary.Id)}/preview", Upload(Tree)));

        preview.Applied.Should().BeFalse();
        preview.Totals.Should().Be(new ImportTotals(4, 4, 0, 0));
        preview.Rows.Select(r => (r.Line, r.Outcome)).Should().Equal((2, "create"), (3, "create"), (4, "create"), (5, "create"));
        preview.Rows.Select(r => r.Kind).Should().Equal("committee", "general-branch", "branch", "group");
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(0);

        var applied = await ResultAsync(await admin.PostAsync(Imports(subsidiary.Id), Upload(Tree)));

        applied.Applied.Should().BeTrue();
        applied.ImportId.Should().NotBeNull();
        var tree = (await admin.ListOrganizationsAsync(subsidiary.Id)).Items;
        tree.Select(o => o.Name).Should().Equal("集团党委", "机关党总支", "第一党支部", "第一党小组");
        tree.Select(o => o.Id).Should().Equal(applied.Rows.Select(r => r.OrganizationId!.Value));
        tree[3].Path.Should().Be(string.Join('/', tree.Select(o => o.Id)));
    }

    [Fact]
    public async Task A_text_csv_body_works_too_and_an_Idempotency_Key_makes_a_retry_return_the_first_result()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        HttpRequestMessage Apply()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Imports(subsidiary.Id)) { Content = new StringContent(Tree, Encoding.UTF8, "text/csv") };
            request.Headers.Add("Idempotency-Key", "tree-upload-1");
            return request;
        }

        var first = await ResultAsync(await admin.SendAsync(Apply()));
        var retried = await ResultAsync(await admin.SendAsync(Apply()));
        var reimported = await ResultAsync(await admin.PostAsync(Imports(subsidiary.Id), Upload(Tree)));

        retried.ImportId.Should().Be(first.ImportId);
        retried.Totals.Create.Should().Be(4);
        reimported.Totals.Should().Be(new ImportTotals(4, 0, 4, 0));
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(4);
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_refused_unless_skipInvalid_and_then_the_row_and_its_descendants_are_skipped()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        const string csv = "code,name,kind,parentCode\nC,集团党委,党委,\nX,坏行,党校,C\nY,坏行之下,党支部,X\nB,第一党支部,党支部,C\n";

        var preview = await ResultAsync(await admin.PostAsync($"{Imports(subsidiary.Id)}/preview", Upload(csv)));
        var refused = await (await admin.PostAsync(Imports(subsidiary.Id), Upload(csv))).ProblemAsync(409);
        var nothing = await admin.ListOrganizationsAsync(subsidiary.Id);
        var applied = await ResultAsync(await admin.PostAsync($"{Imports(subsidiary.Id)}?skipInvalid=true", Upload(csv)));

        var bad = preview.Rows.Single(r => r.Line == 3);
        (bad.Outcome, bad.Column).Should().Be(("error", "kind"));
        bad.Message.Should().Contain("党校");
        bad.Reason.Should().Be("kind-unknown");
        var below = preview.Rows.Single(r => r.Line == 4);
        (below.Outcome, below.Reason, below.RelatedLine).Should().Be(("error", "parent-row-invalid", 3));
        refused.Errors.Should().ContainKey("rows[3].kind");
        nothing.Total.Should().Be(0);
        applied.Totals.Should().Be(new ImportTotals(4, 2, 0, 2));
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Items.Select(o => o.Name).Should().BeEquivalentTo("集团党委", "第一党支部");
    }

    [Theory]
    [InlineData("", "tree.csv", "empty")]
    [InlineData("code,name\nA,甲\n", "tree.csv", "kind")]
    [InlineData("code,name,kind\nA,甲,党委\n", "tree.xlsx", "CSV")]
    public async Task A_bad_file_is_a_problem_with_a_field_error_on_file(string csv, string fileName, string messagePart)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var problem = await (await admin.PostAsync($"{Imports(subsidiary.Id)}/preview", Upload(csv, fileName,
            fileName.EndsWith(".csv") ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))).ProblemAsync(400);

        problem.Errors.Should().ContainKey("file");
        string.Join(" ", problem.Errors!["file"]).Should().Contain(messagePart);
    }

    [Fact]
    public async Task A_too_big_file_and_a_request_without_a_file_are_problems_on_file()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var big = Encoding.UTF8.GetBytes("code,name,kind\n" + string.Concat(Enumerable.Repeat("C,集团党委,党委\n", 200_000)));

        var tooBig = await (await admin.PostAsync($"{Imports(subsidiary.Id)}/preview", Upload(big))).ProblemAsync(400);
        var noFile = await (await admin.PostAsync($"{Imports(subsidiary.Id)}/preview",
            new MultipartFormDataContent { { new StringContent("x"), "other" } })).ProblemAsync(400);
        var json = await (await admin.PostAsJsonAsync($"{Imports(subsidiary.Id)}/preview", new { csv = Tree })).ProblemAsync(400);

        string.Join(" ", tooBig.Errors!["file"]).Should().Contain("2 MB");
        noFile.Errors.Should().ContainKey("file");
        json.Errors.Should().ContainKey("file");
    }

    [Fact]
    public async Task Another_subsidiarys_admin_gets_404_and_a_secretary_403_and_nothing_is_written()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync();
        var other = await groupAdmin.CreateSubsidiaryAsync();
        var otherAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, other.Id);
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var ownAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id);

        (await otherAdmin.PostAsync(Imports(subsidiary.Id), Upload(Tree))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherAdmin.PostAsync($"{Imports(subsidiary.Id)}/preview", Upload(Tree))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await secretary.PostAsync(Imports(subsidiary.Id), Upload(Tree))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await groupAdmin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(0);

        (await ResultAsync(await ownAdmin.PostAsync(Imports(subsidiary.Id), Upload(Tree)))).Totals.Create.Should().Be(4);
    }

    [Fact]
    public async Task The_template_is_a_UTF8_CSV_that_previews_without_errors()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var response = await stack.Anonymous().GetAsync("/api/v1/organization-imports/template.csv");
        await EnsureAsync(response, 200);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var preview = await ResultAsync(await admin.PostAsync($"{Imports(subsidiary.Id)}/preview", Upload(bytes)));

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble());
        preview.Totals.Errors.Should().Be(0);
        preview.Totals.Create.Should().Be(preview.Totals.Rows).And.BeGreaterThan(0);
    }
}

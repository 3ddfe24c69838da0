using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>Attachments of an activity through the gateway: what is taken, how it is served back, who may do what.</summary>
[Collection(StackCollection.Name)]
public class AttachmentTests(StackFixture stack) : ConsoleBrowserTest
{
    sealed record Attachment(Guid Id, Guid ActivityId, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

    static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    static MultipartFormDataContent File(byte[] content, string name, string declaredType = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    [Fact]
    public async Task A_planner_attaches_a_pdf_that_readers_download_as_a_file_and_markup_or_oversized_files_are_refused()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var activity = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], allianceId: s.Alliance.Id, title: NewCode("附件")));
        var planner = await stack.SignedInAsync(Roles.Secretary, s.A);
        var path = $"/api/v1/activities/{activity.Id}/attachments";

        var html = await (await planner.PostAsync(path, File(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "议程.pdf", "application/pdf"))).ProblemAsync(400);
        html.Errors!.Should().ContainKey("file");
        (await (await planner.PostAsync(path, File(new byte[11 * 1024 * 1024], "big.pdf"))).ProblemAsync(400)).Errors!.Should().ContainKey("file");
        (await (await planner.PostAsync(path, File([], "empty.pdf"))).ProblemAsync(400)).Errors!.Should().ContainKey("file");
        (await (await planner.PostAsJsonAsync(path, new { file = "x" })).ProblemAsync(400)).Errors!.Should().ContainKey("file");
        (await (await planner.GetAsync(path)).ReadAsync<List<Attachment>>(200)).Should().BeEmpty("no refused upload was stored");

        var created = await (await planner.PostAsync(path, File(Pdf, "C:\\会议\\议程.pdf", "text/html"))).ReadAsync<Attachment>(201);
        created.FileName.Should().Be("议程.pdf");
        created.ContentType.Should().Be("application/pdf", "the type is the content's, not the declared one");
        created.SizeBytes.Should().Be(Pdf.Length);

        var reader = await stack.SignedInAsync(Roles.Member, s.B);
        (await (await reader.GetAsync(path)).ReadAsync<List<Attachment>>(200)).Should().ContainSingle().Which.Id.Should().Be(created.Id);
        var download = await reader.GetAsync($"{path}/{created.Id}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("议程.pdf");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        download.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("sandbox");

        (await reader.PostAsync(path, File(Pdf, "a.pdf"))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a member reads only");
        (await reader.DeleteAsync($"{path}/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var outsider = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.C);
        (await outsider.GetAsync($"{path}/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.PostAsync(path, File(Pdf, "a.pdf"))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await planner.DeleteAsync($"{path}/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await planner.DeleteAsync($"{path}/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"{path}/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_planner_uploads_an_attachment_on_the_activity_page()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var activity = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], title: NewCode("附件页面")));
        var file = Path.Combine(Path.GetTempPath(), $"会议议程-{Guid.NewGuid():N}.pdf");
        await System.IO.File.WriteAllBytesAsync(file, Pdf);

        var page = await NewPageAsync();
        await ScenarioAsync(page, "activity-attachment", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("附件管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/activities/{activity.Id}").ToString());

            await page.GetByTestId("attachments-empty").WaitForAsync();
            await page.GetByTestId("attachment-file").SetInputFilesAsync(file);
            await page.GetByTestId("attachment-upload").ClickAsync();
            var row = page.GetByTestId("attachment-row");
            await row.WaitForAsync();
            (await row.InnerTextAsync()).Should().Contain(Path.GetFileName(file)).And.Contain("附件管理员");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("attachment-download").ClickAsync());
            download.SuggestedFilename.Should().Be(Path.GetFileName(file));
        });
        System.IO.File.Delete(file);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.TacklingProjects.ProjectApi;

namespace Alliance.EndToEnd.Tests.TacklingProjects;

/// <summary>Tackling projects, agreements, practical projects and shared results through the gateway, against the whole stack.</summary>
[Collection(StackCollection.Name)]
public class ProjectApiTests(StackFixture stack)
{
    [Fact]
    public async Task A_project_runs_from_creation_through_milestones_evidence_outcomes_and_links_to_completion()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, _, _, bank) = await admin.ProjectSettingAsync();
        var secretary = await stack.SignedInAsync(Roles.Secretary, s.A, "港务李书记");
        var key = Guid.NewGuid().ToString();
        var project = await secretary.CreateProjectAsync(ProjectBody(s, bank), key);
        (await secretary.CreateProjectAsync(ProjectBody(s, bank, project.Title), key)).Id.Should().Be(project.Id, "a retried create returns the first");

        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/projects/{project.Id}/milestones", new { title = "桩基完成", plannedOn = "2026-03-31" }), 201);
        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/projects/{project.Id}/status", new { status = "in-progress" }), 200);
        project = await secretary.GetProjectAsync(project.Id);
        var milestone = project.Milestones.Single();
        milestone.Overdue.Should().BeTrue();
        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/projects/{project.Id}/milestones/{milestone.Id}/reached", new { reachedOn = "2026-03-20" }), 200);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n验收报告\n%%EOF"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "验收报告.pdf");
        var evidence = await (await secretary.PostAsync($"/api/v1/projects/{project.Id}/milestones/{milestone.Id}/evidence", form)).ReadAsync<Evidence>(201);
        var download = await secretary.GetAsync($"/api/v1/projects/{project.Id}/evidence/{evidence.Id}");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/projects/{project.Id}/outcomes",
            new { label = "工期提前", unit = "days-ahead", value = 270, target = 180 }), 201);
        await EnsureAsync(await secretary.PutAsJsonAsync($"/api/v1/projects/{project.Id}/links", new { activityIds = Array.Empty<Guid>(), problemIds = new[] { Guid.NewGuid() } }), 200);
        await EnsureAsync(await secretary.PostAsJsonAsync($"/api/v1/projects/{project.Id}/status", new { status = "completed" }), 200);

        project = await secretary.GetProjectAsync(project.Id);
        project.Status.Should().Be("completed");
        project.Progress.Should().Be(1);
        project.Milestones.Single().Evidence.Should().ContainSingle().Which.FileName.Should().Be("验收报告.pdf");
        project.Outcomes.Should().ContainSingle().Which.Should().Match<Outcome>(o => o.Value == 270 && o.Unit == "days-ahead" && o.Target == 180);
        project.ProblemIds.Should().ContainSingle();
        project.Team.Should().ContainSingle().Which.Name.Should().Be("赵经理");
        var history = await (await secretary.GetAsync($"/api/v1/projects/{project.Id}/history")).ReadAsync<List<Activities.ActivityApi.Change>>(200);
        history.Select(h => h.Kind).Should().Equal("created", "milestone-added", "status-changed", "milestone-reached", "outcome-recorded", "links-set", "status-changed");
        var list = await (await secretary.GetAsync($"/api/v1/projects?allianceId={s.Alliance.Id}&status=completed&category=major-engineering&year=2026"))
            .ReadAsync<PagedList<Project>>(200);
        list.Items.Should().ContainSingle().Which.Id.Should().Be(project.Id);
    }

    [Fact]
    public async Task Agreements_practical_projects_and_shared_results_are_registered_counted_and_reused()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, unitA, unitB, bank) = await admin.ProjectSettingAsync();
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var secretaryB = await stack.SignedInAsync(Roles.Secretary, s.B);

        var signed = await (await secretaryA.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitA, bank, "signed"))).ReadAsync<CooperationAgreement>(201);
        var talks = await (await secretaryA.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitA, bank))).ReadAsync<CooperationAgreement>(201);
        await EnsureAsync(await secretaryA.PostAsJsonAsync($"/api/v1/cooperation-agreements/{signed.Id}/status", new { status = "in-execution" }), 200);
        var counts = await (await secretaryB.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/cooperation-agreements/counts")).ReadAsync<AgreementCounts>(200);
        counts.Total.Should().Be(2);
        counts.ByStatus["in-execution"].Should().Be(1);
        counts.ByStatus["negotiating"].Should().Be(1);
        talks.Parties.Select(p => p.Name).Should().HaveCount(2);

        var practical = await (await secretaryB.PostAsJsonAsync("/api/v1/practical-projects", new
        {
            allianceId = s.Alliance.Id, memberUnitId = unitB, title = "为职工开设夜校", beneficiaryKind = "workers", beneficiaries = "园区一线职工",
            beneficiaryCount = 320, doneOn = "2026-06-10",
        })).ReadAsync<PracticalProject>(201);
        var page = await (await secretaryA.GetAsync($"/api/v1/practical-projects?allianceId={s.Alliance.Id}")).ReadAsync<PracticalPage>(200);
        page.Items.Should().ContainSingle().Which.Id.Should().Be(practical.Id);
        page.BeneficiaryTotal.Should().Be(320);

        var result = await (await secretaryA.PostAsJsonAsync("/api/v1/shared-results", new
        {
            allianceId = s.Alliance.Id, memberUnitId = unitA, kind = "method", title = "“党建+安全生产”工作法", sharedOn = "2026-06-01",
        })).ReadAsync<SharedResult>(201);
        var reused = await (await secretaryB.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { memberUnitId = unitB, reusedOn = "2026-06-12", how = "两个项目部推广" }))
            .ReadAsync<SharedResult>(201);
        reused.ReuseCount.Should().Be(1);
        (await (await secretaryB.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { memberUnitId = unitB, reusedOn = "2026-06-12", how = "再次" }))
            .ProblemAsync(409)).Errors!.Keys.Should().Contain("memberUnitId");
    }
}

using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.TacklingProjects.ProjectApi;

namespace Alliance.EndToEnd.Tests.TacklingProjects;

/// <summary>Bad input on every endpoint of projects, agreements, practical projects and shared results: problem details naming the fields (never a 500), and nothing written.</summary>
[Collection(StackCollection.Name)]
public class ProjectBadInputTests(StackFixture stack)
{
    [Fact]
    public async Task Bad_projects_milestones_outcomes_statuses_and_links_are_refused_on_their_fields_and_write_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, unitA, _, bank) = await admin.ProjectSettingAsync();

        (await (await admin.PostAsJsonAsync("/api/v1/projects", new { })).ProblemAsync(400)).Errors.Should().ContainKeys("title", "category", "year", "organizationId");
        (await (await admin.PostAsJsonAsync("/api/v1/projects", new
        {
            title = new string('x', 201), category = "sports", year = 1800, organizationId = s.CommitteeA,
            team = new object[] { new { }, new { personId = Guid.NewGuid(), memberUnitId = bank }, new { memberUnitId = bank } },
        })).ProblemAsync(400)).Errors.Should().ContainKeys("title", "category", "year", "team[0]", "team[1]", "team[2].contactName");
        var unknownOrganization = ProjectBody(s, bank);
        unknownOrganization["organizationId"] = Guid.NewGuid();
        (await (await admin.PostAsJsonAsync("/api/v1/projects", unknownOrganization)).ProblemAsync(404)).Errors!.Keys.Should().Equal("organizationId");
        var internalAsPartner = ProjectBody(s, bank);
        internalAsPartner["team"] = new object[] { new { memberUnitId = unitA, contactName = "张三" } };
        (await (await admin.PostAsJsonAsync("/api/v1/projects", internalAsPartner)).ProblemAsync(400)).Errors!.Keys.Should().Equal("team[0].memberUnitId");
        (await (await admin.GetAsync($"/api/v1/projects?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Project>>(200)).Total.Should().Be(0);
        (await (await admin.GetAsync("/api/v1/projects?sort=size&status=done&category=x&year=3000")).ProblemAsync(400)).Errors.Should()
            .ContainKeys("sort", "status", "category", "year");

        var project = await admin.CreateProjectAsync(ProjectBody(s, bank));
        var path = $"/api/v1/projects/{project.Id}";
        (await (await admin.PutAsJsonAsync(path, new { expectedVersion = 0 })).ProblemAsync(400)).Errors.Should().ContainKeys("title", "expectedVersion");
        (await (await admin.PostAsJsonAsync($"{path}/status", new { status = "finished" })).ProblemAsync(400)).Errors.Should().ContainKey("status");
        (await (await admin.PostAsJsonAsync($"{path}/status", new { status = "cancelled" })).ProblemAsync(400)).Errors.Should().ContainKey("reason");
        (await (await admin.PostAsJsonAsync($"{path}/status", new { status = "completed" })).ProblemAsync(409)).Errors.Should().ContainKey("status");
        (await (await admin.PostAsJsonAsync($"{path}/milestones", new { title = "", plannedOn = "31/03/2026" })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("title", "plannedOn");
        (await (await admin.PostAsJsonAsync($"{path}/milestones/{Guid.NewGuid()}/reached", new { reachedOn = "2026-13-01" })).ProblemAsync(400)).Errors.Should()
            .ContainKey("reachedOn");
        (await (await admin.PostAsJsonAsync($"{path}/milestones/{Guid.NewGuid()}/reached", new { reachedOn = "2026-01-01" })).ProblemAsync(404)).Errors.Should()
            .ContainKey("milestoneId");
        (await (await admin.PostAsJsonAsync($"{path}/outcomes", new { label = "", unit = "kilometres" })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("label", "unit", "value");
        (await (await admin.PostAsJsonAsync($"{path}/outcomes", new { label = "服务群众", unit = "people-served", value = 10.5 })).ProblemAsync(400)).Errors.Should()
            .ContainKey("value");
        (await (await admin.PostAsJsonAsync($"{path}/outcomes", new { label = "完成率", unit = "percent", value = 50, target = 120 })).ProblemAsync(400)).Errors.Should()
            .ContainKey("target");
        (await (await admin.PutAsJsonAsync($"{path}/links", new { activityIds = new Guid?[] { null }, problemIds = Enumerable.Range(0, 51).Select(_ => Guid.NewGuid()) }))
            .ProblemAsync(400)).Errors.Should().ContainKeys("activityIds[0]", "problemIds");
        (await (await admin.PutAsJsonAsync($"{path}/links", new { activityIds = new[] { Guid.NewGuid() } })).ProblemAsync(404)).Errors.Should().ContainKey("activityIds[0]");
        (await (await admin.PostAsJsonAsync($"{path}/status", new { status = "in-progress", expectedVersion = 7 })).ProblemAsync(409)).Should().NotBeNull();
        using var empty = new MultipartFormDataContent();
        empty.Add(new ByteArrayContent("<script>alert(1)</script>"u8.ToArray()), "file", "x.html");
        (await (await admin.PostAsync($"{path}/milestones/{Guid.NewGuid()}/evidence", empty)).ProblemAsync(400)).Errors.Should().ContainKey("file");
        (await (await admin.GetAsync($"{path}/evidence/{Guid.NewGuid()}")).ProblemAsync(404)).Should().NotBeNull();
        (await (await admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}")).ProblemAsync(404)).Should().NotBeNull();

        var stored = await admin.GetProjectAsync(project.Id);
        stored.Version.Should().Be(1);
        stored.Status.Should().Be("planned");
        stored.Milestones.Should().BeEmpty();
        stored.Outcomes.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_agreements_practical_projects_results_and_reuses_are_refused_on_their_fields_and_write_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, unitA, unitB, bank) = await admin.ProjectSettingAsync();

        (await (await admin.PostAsJsonAsync("/api/v1/cooperation-agreements", new { })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("allianceId", "title", "memberUnitIds");
        (await (await admin.PostAsJsonAsync("/api/v1/cooperation-agreements", new
        {
            allianceId = s.Alliance.Id, title = "x", memberUnitIds = new[] { unitA, unitA }, status = "signed", valueAmount = 5,
        })).ProblemAsync(400)).Errors.Should().ContainKeys("memberUnitIds", "signedOn", "valueUnit");
        var unknownUnit = AgreementBody(s, unitA, Guid.NewGuid());
        (await (await admin.PostAsJsonAsync("/api/v1/cooperation-agreements", unknownUnit)).ProblemAsync(404)).Errors!.Keys.Should().Equal("memberUnitIds[1]");
        var future = AgreementBody(s, unitA, bank, "signed");
        future["signedOn"] = "2099-01-01";
        (await (await admin.PostAsJsonAsync("/api/v1/cooperation-agreements", future)).ProblemAsync(400)).Errors!.Keys.Should().Equal("signedOn");
        (await (await admin.GetAsync("/api/v1/cooperation-agreements?status=won&sort=x")).ProblemAsync(400)).Errors.Should().ContainKeys("status", "sort");
        var agreement = await (await admin.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitA, bank))).ReadAsync<CooperationAgreement>(201);
        (await (await admin.PostAsJsonAsync($"/api/v1/cooperation-agreements/{agreement.Id}/status", new { status = "done" })).ProblemAsync(400)).Errors.Should().ContainKey("status");
        (await (await admin.PostAsJsonAsync($"/api/v1/cooperation-agreements/{agreement.Id}/status", new { status = "completed" })).ProblemAsync(409)).Errors.Should().ContainKey("status");
        (await (await admin.PostAsJsonAsync($"/api/v1/cooperation-agreements/{agreement.Id}/status", new { status = "signed" })).ProblemAsync(400)).Errors.Should().ContainKey("signedOn");
        (await (await admin.GetAsync($"/api/v1/alliances/{Guid.NewGuid()}/cooperation-agreements/counts")).ProblemAsync(404)).Should().NotBeNull();
        (await (await admin.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/cooperation-agreements/counts")).ReadAsync<AgreementCounts>(200)).Total.Should().Be(1);

        (await (await admin.PostAsJsonAsync("/api/v1/practical-projects", new { })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("allianceId", "memberUnitId", "title", "beneficiaryKind", "beneficiaries", "beneficiaryCount", "doneOn");
        (await (await admin.PostAsJsonAsync("/api/v1/practical-projects", new
        {
            allianceId = s.Alliance.Id, memberUnitId = unitB, title = "夜校", beneficiaryKind = "aliens", beneficiaries = "职工", beneficiaryCount = 0, doneOn = "2026/06/10",
        })).ProblemAsync(400)).Errors.Should().ContainKeys("beneficiaryKind", "beneficiaryCount", "doneOn");
        (await (await admin.PostAsJsonAsync("/api/v1/practical-projects", new
        {
            allianceId = s.Alliance.Id, memberUnitId = unitB, title = "夜校", beneficiaryKind = "workers", beneficiaries = "职工", beneficiaryCount = 3, doneOn = "2099-06-10",
        })).ProblemAsync(400)).Errors!.Keys.Should().Equal("doneOn");
        (await (await admin.GetAsync("/api/v1/practical-projects?beneficiaryKind=x&sort=y")).ProblemAsync(400)).Errors.Should().ContainKeys("beneficiaryKind", "sort");
        (await (await admin.GetAsync($"/api/v1/practical-projects?allianceId={s.Alliance.Id}")).ReadAsync<PracticalPage>(200)).Total.Should().Be(0);
        (await (await admin.GetAsync($"/api/v1/practical-projects/{Guid.NewGuid()}")).ProblemAsync(404)).Should().NotBeNull();

        (await (await admin.PostAsJsonAsync("/api/v1/shared-results", new { })).ProblemAsync(400)).Errors.Should()
            .ContainKeys("allianceId", "memberUnitId", "kind", "title");
        (await (await admin.PostAsJsonAsync("/api/v1/shared-results", new { allianceId = s.Alliance.Id, memberUnitId = Guid.NewGuid(), kind = "method", title = "x" }))
            .ProblemAsync(404)).Errors!.Keys.Should().Equal("memberUnitId");
        (await (await admin.GetAsync("/api/v1/shared-results?kind=x&sort=y")).ProblemAsync(400)).Errors.Should().ContainKeys("kind", "sort");
        var result = await (await admin.PostAsJsonAsync("/api/v1/shared-results", new { allianceId = s.Alliance.Id, memberUnitId = unitA, kind = "course", title = "安全课程", sharedOn = "2026-06-01" }))
            .ReadAsync<SharedResult>(201);
        (await (await admin.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { })).ProblemAsync(400)).Errors.Should().ContainKeys("memberUnitId", "reusedOn", "how");
        (await (await admin.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { memberUnitId = unitA, reusedOn = "2026-06-02", how = "自用" }))
            .ProblemAsync(400)).Errors!.Keys.Should().Equal("memberUnitId");
        (await (await admin.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { memberUnitId = unitB, reusedOn = "2026-05-01", how = "早于发布" }))
            .ProblemAsync(400)).Errors!.Keys.Should().Equal("reusedOn");
        (await (await admin.PostAsJsonAsync($"/api/v1/shared-results/{Guid.NewGuid()}/reuses", new { memberUnitId = unitB, reusedOn = "2026-06-02", how = "x" }))
            .ProblemAsync(404)).Should().NotBeNull();
        (await (await admin.GetAsync($"/api/v1/shared-results/{result.Id}")).ReadAsync<SharedResult>(200)).ReuseCount.Should().Be(0);
    }
}

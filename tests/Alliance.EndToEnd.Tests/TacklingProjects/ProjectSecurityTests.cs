using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.TacklingProjects.ProjectApi;

namespace Alliance.EndToEnd.Tests.TacklingProjects;

/// <summary>
/// Who sees and changes joint work, for every role in the lead's subsidiary (A, the owner), a member's (B) and outside
/// (C), and for a partner: A and B read (A's planners change, B's do not); members only read; C learns nothing; partners
/// are refused at the gateway.
/// </summary>
[Collection(StackCollection.Name)]
public class ProjectSecurityTests(StackFixture stack)
{
    [Theory]
    [InlineData(Roles.SubsidiaryAdmin)]
    [InlineData(Roles.Secretary)]
    [InlineData(Roles.Member)]
    public async Task Each_role_reads_its_alliances_joint_work_and_only_the_owners_planners_change_it(string role)
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, unitA, unitB, bank) = await admin.ProjectSettingAsync();
        var project = await admin.CreateProjectAsync(ProjectBody(s, bank));
        var agreement = await (await admin.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitA, bank))).ReadAsync<CooperationAgreement>(201);
        var result = await (await admin.PostAsJsonAsync("/api/v1/shared-results", new { allianceId = s.Alliance.Id, memberUnitId = unitA, kind = "method", title = "工作法" }))
            .ReadAsync<SharedResult>(201);
        var planner = role != Roles.Member;
        var inA = await stack.SignedInAsync(role, s.A);
        var inB = await stack.SignedInAsync(role, s.B);
        var inC = await stack.SignedInAsync(role, s.C);
        var denied = HttpStatusCode.Forbidden;

        (await inA.GetProjectAsync(project.Id)).CanChange.Should().Be(planner);
        (await inB.GetProjectAsync(project.Id)).CanChange.Should().BeFalse();
        (await (await inB.GetAsync($"/api/v1/cooperation-agreements/{agreement.Id}")).ReadAsync<CooperationAgreement>(200)).CanChange.Should().BeFalse();
        (await (await inB.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/cooperation-agreements/counts")).ReadAsync<AgreementCounts>(200)).Total.Should().Be(1);
        (await inC.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/projects/{project.Id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/cooperation-agreements/{agreement.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/shared-results/{result.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await inC.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/cooperation-agreements/counts")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await inC.GetAsync($"/api/v1/projects?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Project>>(200)).Total.Should().Be(0);
        (await (await inC.GetAsync($"/api/v1/cooperation-agreements?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<CooperationAgreement>>(200)).Total.Should().Be(0);
        (await (await inC.GetAsync($"/api/v1/shared-results?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<SharedResult>>(200)).Total.Should().Be(0);

        (await inB.PostAsJsonAsync($"/api/v1/projects/{project.Id}/milestones", new { title = "乙添加", plannedOn = "2026-09-30" }))
            .StatusCode.Should().Be(denied, "only the owning subsidiary's planners change it");
        (await inB.PostAsJsonAsync($"/api/v1/cooperation-agreements/{agreement.Id}/status", new { status = "terminated" })).StatusCode.Should().Be(denied);
        (await inC.PostAsJsonAsync($"/api/v1/projects/{project.Id}/status", new { status = "in-progress" }))
            .StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : denied);
        (await inA.PostAsJsonAsync($"/api/v1/projects/{project.Id}/milestones", new { title = "甲添加", plannedOn = "2026-09-30" }))
            .StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inB.PostAsJsonAsync("/api/v1/projects", ProjectBody(s, bank))).StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : denied,
            "B may not name A's organization as the owner");
        (await inB.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitB, bank))).StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inC.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitA, bank))).StatusCode.Should().Be(planner ? HttpStatusCode.NotFound : denied);
        (await inB.PostAsJsonAsync("/api/v1/practical-projects", new
        {
            allianceId = s.Alliance.Id, memberUnitId = unitA, title = "代甲登记", beneficiaryKind = "workers", beneficiaries = "职工", beneficiaryCount = 3, doneOn = "2026-06-01",
        })).StatusCode.Should().Be(denied, "B registers only for its own units");
        (await inB.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { memberUnitId = unitB, reusedOn = MeetingsDay(), how = "推广" }))
            .StatusCode.Should().Be(planner ? HttpStatusCode.Created : denied);
        (await inB.PostAsJsonAsync($"/api/v1/shared-results/{result.Id}/reuses", new { memberUnitId = bank, reusedOn = MeetingsDay(), how = "代银行" }))
            .StatusCode.Should().Be(denied, "a unit outside the group is recorded by the alliance's lead");
        (await admin.GetProjectAsync(project.Id)).Milestones.Should().HaveCount(planner ? 1 : 0);
    }

    [Fact]
    public async Task A_partner_is_refused_every_joint_work_endpoint()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (s, unitA, _, bank) = await admin.ProjectSettingAsync();
        var project = await admin.CreateProjectAsync(ProjectBody(s, bank));
        var partner = await stack.SignedInAsync(Roles.Partner, userName: NewCode("partner"));

        foreach (var path in new[] { "/api/v1/projects", $"/api/v1/projects/{project.Id}", $"/api/v1/projects/{project.Id}/history", "/api/v1/cooperation-agreements",
            $"/api/v1/alliances/{s.Alliance.Id}/cooperation-agreements/counts", "/api/v1/practical-projects", "/api/v1/shared-results" })
            (await partner.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        (await partner.PostAsJsonAsync("/api/v1/projects", ProjectBody(s, bank))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.PostAsJsonAsync("/api/v1/cooperation-agreements", AgreementBody(s, unitA, bank))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    static string MeetingsDay() => Meetings.MeetingApi.Day(0);
}

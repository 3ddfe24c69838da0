using System.Net.Http.Json;
using Alliance.AppHost;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public class SliceTests(StackFixture stack)
{
    [Fact]
    public async Task A_subsidiary_and_its_organizations_created_over_REST_appear_on_the_group_dashboard()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var before = (await admin.GetFromJsonAsync<GroupDashboard>("/api/v1/dashboard"))!;

        var subsidiary = await admin.CreateSubsidiaryAsync("浦东发展集团");
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "集团党委");
        var general = await admin.CreateOrganizationAsync(subsidiary.Id, "general-branch", committee.Id, "工程板块党总支");
        await admin.CreateOrganizationAsync(subsidiary.Id, "branch", general.Id, "第一党支部");

        var after = await EventuallyAsync(
            async () => (await admin.GetFromJsonAsync<GroupDashboard>("/api/v1/dashboard"))!,
            d => d.PerSubsidiary.Any(s => s.SubsidiaryId == subsidiary.Id && s.Organizations == 3));

        after.Subsidiaries.Should().Be(before.Subsidiaries + 1);
        after.Organizations.Should().Be(before.Organizations + 3);
        var counts = after.PerSubsidiary.Single(s => s.SubsidiaryId == subsidiary.Id);
        counts.Should().BeEquivalentTo(new SubsidiaryCounts(subsidiary.Id, "浦东发展集团", 3, 1, 1, 1, 0));
    }

    [Fact]
    public async Task Reporting_runs_two_replicas_and_counts_every_organization_exactly_once()
    {
        AllianceAppModel.ReportingInstances.Should().HaveCount(2);
        foreach (var instance in AllianceAppModel.ReportingInstances)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var healthy = await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(instance, bound.Token);
            healthy.Snapshot.HealthStatus.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        }

        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var committee = await admin.CreateOrganizationAsync(subsidiary.Id, "committee");
        var creates = Enumerable.Range(0, 30).Select(i => admin.CreateOrganizationAsync(subsidiary.Id, "branch", committee.Id, $"第{i}党支部"));
        await Task.WhenAll(creates);

        var counts = await EventuallyAsync(
            async () => (await admin.GetFromJsonAsync<SubsidiaryCounts>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}"))!,
            c => c.Organizations >= 31);
        counts.Organizations.Should().Be(31);
        counts.Branches.Should().Be(30);
        counts.Committees.Should().Be(1);
    }

    [Fact]
    public async Task A_create_repeated_with_the_same_idempotency_key_creates_one_organization()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var key = Guid.NewGuid().ToString();
        async Task<Organization> Create()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations")
            {
                Content = JsonContent.Create(new { subsidiaryId = subsidiary.Id, name = "重复提交党委", kind = "committee" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await admin.SendAsync(request);
            await EnsureAsync(response, 201);
            return (await response.Content.ReadFromJsonAsync<Organization>())!;
        }

        var first = await Create();
        var second = await Create();

        second.Id.Should().Be(first.Id);
        (await admin.ListOrganizationsAsync(subsidiary.Id)).Total.Should().Be(1);
    }

    [Fact]
    public async Task Moving_an_organization_carries_its_subtree_along()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var a = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "甲党委");
        var b = await admin.CreateOrganizationAsync(subsidiary.Id, "committee", name: "乙党委");
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", a.Id, "支部");
        var group = await admin.CreateOrganizationAsync(subsidiary.Id, "group", branch.Id, "小组");

        var response = await admin.PostAsJsonAsync($"/api/v1/organizations/{branch.Id}/move", new { newParentId = b.Id, expectedVersion = branch.Version });
        await EnsureAsync(response, 200);

        var moved = (await admin.GetFromJsonAsync<Organization>($"/api/v1/organizations/{group.Id}"))!;
        moved.Path.Should().Be($"{b.Id}/{branch.Id}/{group.Id}");
    }

    [Fact]
    public async Task A_user_with_a_Chinese_name_reaches_every_service()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin, userName: "张三");
        (await admin.GetAsync("/api/v1/dashboard")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await admin.GetAsync("/api/v1/subsidiaries")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var me = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/me"))!;
        me["userName"]!.GetValue<string>().Should().Be("张三");
    }

    [Fact]
    public async Task The_gateway_publishes_its_OpenAPI_document_and_health()
    {
        var client = stack.Anonymous();
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        openApi.Should().Contain("/api/v1/subsidiaries").And.Contain("/api/v1/dashboard");
        (await client.GetAsync("/health")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await client.GetAsync("/alive")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}

using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.OrganizationLife.OrganizationLifeApi;

namespace Alliance.EndToEnd.Tests.OrganizationLife;

/// <summary>Organization life and notifications through the gateway on the whole stack: boards from held activities, rules, the inbox, channels.</summary>
[Collection(StackCollection.Name)]
public class OrganizationLifeApiTests(StackFixture stack)
{
    [Fact]
    public async Task A_held_members_assembly_is_done_on_the_branch_board_and_counted_on_the_subtree_board()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee, branch) = await admin.BranchAsync("组织生活企业" + NewCode("O")[..6]);

        await admin.HoldAsync(branch.Id, BranchAssembly);

        var board = await admin.BoardAsync(branch.Id);
        board.Rules.Single(r => r.NameZh == "支部党员大会").Should().Match<RuleState>(r => r.State == "done" && r.HeldCount == 1 && r.Period == "quarterly");
        board.Rules.Single(r => r.NameZh == "支委会").State.Should().Be("due");
        board.Rules.Should().HaveCount(4);
        var boards = await (await admin.GetAsync($"/api/v1/organization-life/boards?subsidiaryId={subsidiary.Id}&organizationId={committee.Id}")).ReadAsync<Boards>(200);
        boards.Organizations.Should().Be(2, "the committee and its branch");
        boards.Done.Should().Be(1);
        boards.Items.Select(i => i.OrganizationId).Should().BeEquivalentTo([committee.Id, branch.Id]);
        var previousYear = await admin.BoardAsync(branch.Id, on: $"{DateTime.UtcNow.Year - 1}-12");
        previousYear.Rules.Should().OnlyContain(r => r.State == "overdue" && r.PeriodKey.StartsWith($"{DateTime.UtcNow.Year - 1}"));
    }

    [Fact]
    public async Task A_rule_is_created_once_per_idempotency_key_revised_against_its_version_and_audited()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin, userName: "规则管理员");
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var body = new { subsidiaryId = subsidiary.Id, organizationKind = "branch", nameZh = "主题党日", nameEn = "Party day", period = "monthly",
            activityTypeIds = new[] { Activities.ActivityApi.PartyDay }, remindDaysBefore = 3 };
        async Task<MeetingRule> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organization-life/rules") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "rule-" + subsidiary.Id);
            return await (await admin.SendAsync(request)).ReadAsync<MeetingRule>(201);
        }

        var first = await CreateAsync();
        (await CreateAsync()).Id.Should().Be(first.Id);
        var revised = await (await admin.PutAsJsonAsync($"/api/v1/organization-life/rules/{first.Id}", new
        {
            organizationKind = "branch", nameZh = "主题党日", nameEn = "Party day", period = "quarterly", activityTypeIds = new[] { Activities.ActivityApi.PartyDay },
            remindDaysBefore = 7, retired = true, expectedVersion = 1,
        })).ReadAsync<MeetingRule>(200);
        (revised.Version, revised.Period, revised.Retired).Should().Be((2L, "quarterly", true));
        (await admin.PutAsJsonAsync($"/api/v1/organization-life/rules/{first.Id}", new
        {
            organizationKind = "branch", nameZh = "x", nameEn = "x", period = "monthly", activityTypeIds = new[] { Activities.ActivityApi.PartyDay }, remindDaysBefore = 1, expectedVersion = 1,
        })).StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        var history = await (await admin.GetAsync($"/api/v1/organization-life/rules/{first.Id}/history")).ReadAsync<List<System.Text.Json.JsonElement>>(200);
        history.Select(c => c.GetProperty("changedBy").GetString()).Should().Equal("规则管理员", "规则管理员");
        var rules = await (await admin.GetAsync("/api/v1/organization-life/rules?includeRetired=true")).ReadAsync<List<MeetingRule>>(200);
        rules.Should().Contain(r => r.Id == first.Id);
        (await (await admin.GetAsync("/api/v1/organization-life/rules")).ReadAsync<List<MeetingRule>>(200)).Should().NotContain(r => r.Id == first.Id);
    }

    [Fact]
    public async Task The_inbox_counts_unread_per_user_and_a_channel_never_shows_its_secret()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id, "收件书记");
        var subsidiaryAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id, "收件管理员");
        var first = await stack.PlaceNotificationAsync(subsidiary.Id, null, "reminder", "支委会待召开");
        await stack.PlaceNotificationAsync(subsidiary.Id, null, "overdue", "党小组会已逾期");

        (await secretary.UnreadAsync()).Should().Be(2);
        (await (await secretary.PostAsync($"/api/v1/notifications/{first}/read", null)).ReadAsync<UnreadCount>(200)).Unread.Should().Be(1);
        (await subsidiaryAdmin.UnreadAsync()).Should().Be(2);
        var list = await (await secretary.GetAsync("/api/v1/notifications")).ReadAsync<Notifications>(200);
        list.Items.Select(n => (n.Title, n.Read)).Should().BeEquivalentTo([("支委会待召开", true), ("党小组会已逾期", false)]);
        (await (await subsidiaryAdmin.PostAsync("/api/v1/notifications/read-all", null)).ReadAsync<UnreadCount>(200)).Unread.Should().Be(0);

        var channel = await (await subsidiaryAdmin.PostAsJsonAsync("/api/v1/notification-channels", new
        {
            subsidiaryId = subsidiary.Id, kind = "dingtalk", name = "钉钉群", target = "https://oapi.dingtalk.com/robot/send?access_token=TOKEN-1", secret = "SEC-1",
        })).ReadAsync<Channel>(201);
        var raw = await (await subsidiaryAdmin.GetAsync($"/api/v1/notification-channels?subsidiaryId={subsidiary.Id}")).Content.ReadAsStringAsync();
        raw.Should().NotContain("SEC-1").And.NotContain("TOKEN-1").And.Contain("access_token=***");
        channel.HasSecret.Should().BeTrue();
        var deliveries = await (await subsidiaryAdmin.GetAsync("/api/v1/notification-deliveries")).ReadAsync<PagedList<Delivery>>(200);
        deliveries.Items.Should().BeEmpty("the notifications were posted before the channel existed");
    }
}

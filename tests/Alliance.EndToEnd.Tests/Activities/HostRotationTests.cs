using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;

namespace Alliance.EndToEnd.Tests.Activities;

/// <summary>The rotating host (活动轮办) through the gateway and on the alliance page.</summary>
[Collection(StackCollection.Name)]
public class HostRotationTests(StackFixture stack) : ConsoleBrowserTest
{
    sealed record ProducedActivity(Guid Id, string Title, DateTimeOffset StartsAt, string Status);
    sealed record Slot(int Month, Guid MemberUnitId, string Name, bool External, string Note, string State, List<ProducedActivity> Activities);
    sealed record HostRotation(Guid AllianceId, int Year, bool Exists, bool CanChange, List<Slot> Slots, string? UpdatedBy, DateTimeOffset? UpdatedAt, long Version);

    [Fact]
    public async Task The_lead_sets_the_year_members_read_it_with_what_each_host_produced_and_bad_input_writes_nothing()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var bank = s.Alliance.Members.Single(m => m.OrganizationId is null).Id;
        var leadAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        var memberOfB = await stack.SignedInAsync(Roles.Member, s.B);
        var path = $"/api/v1/alliances/{s.Alliance.Id}/host-rotation/2026";

        var none = await (await memberOfB.GetAsync(path)).ReadAsync<HostRotation>(200);
        none.Exists.Should().BeFalse();
        (await (await leadAdmin.PutAsJsonAsync(path, new { slots = new[] { new { month = 13, memberUnitId = unitA } } })).ProblemAsync(400))
            .Errors!.Should().ContainKey("slots[0].month");
        (await (await leadAdmin.PutAsJsonAsync(path, new { slots = new[] { new { month = 1, memberUnitId = Guid.NewGuid() } } })).ProblemAsync(409))
            .Errors!.Should().ContainKey("slots[0].memberUnitId");
        (await (await leadAdmin.PutAsJsonAsync(path, new { slots = new object[] { new { month = 1 } } })).ProblemAsync(400))
            .Errors!.Should().ContainKey("slots[0].memberUnitId");
        (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.B)).PutAsJsonAsync(path, new { slots = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await memberOfB.PutAsJsonAsync(path, new { slots = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await stack.SignedInAsync(Roles.Member, s.C)).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await memberOfB.GetAsync(path)).ReadAsync<HostRotation>(200)).Exists.Should().BeFalse("no refused request wrote a rotation");

        var set = await (await leadAdmin.PutAsJsonAsync(path, new
        {
            slots = new object[] { new { month = 3, memberUnitId = unitA, note = "春季联学" }, new { month = 5, memberUnitId = unitB }, new { month = 6, memberUnitId = bank } },
        })).ReadAsync<HostRotation>(200);
        set.Version.Should().Be(1);
        var held = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], allianceId: s.Alliance.Id, startsAt: "2026-03-12T09:00", endsAt: "2026-03-12T11:00"));
        (await groupAdmin.PostAsJsonAsync($"/api/v1/activities/{held.Id}/held", new { expectedVersion = held.Version })).EnsureSuccessStatusCode();
        (await leadAdmin.PutAsJsonAsync(path, new { slots = Array.Empty<object>(), expectedVersion = 7 })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var read = await (await memberOfB.GetAsync(path)).ReadAsync<HostRotation>(200);
        read.CanChange.Should().BeFalse();
        read.Slots.Select(x => (x.Month, x.State)).Should().Equal((3, "held"), (5, "missed"), (6, "missed"));
        read.Slots[0].Activities.Should().ContainSingle().Which.Id.Should().Be(held.Id);
        read.Slots[0].Note.Should().Be("春季联学");
        read.Slots[2].External.Should().BeTrue();
        read.UpdatedBy.Should().Be(Roles.SubsidiaryAdmin);
    }

    [Fact]
    public async Task A_planner_sets_the_rotating_host_on_the_alliance_page()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB);
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

        var page = await NewPageAsync();
        await ScenarioAsync(page, "host-rotation", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("轮办管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("dashboard-subsidiaries").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/alliances/{s.Alliance.Id}").ToString());

            await page.Locator("[data-testid=rotation-row][data-month='12']").WaitForAsync();
            (await page.GetByTestId("rotation-row").CountAsync()).Should().Be(12);
            await page.Locator("[data-testid=rotation-unit][data-month='12']").SelectOptionAsync(unitB.Id.ToString());
            await page.Locator("[data-testid=rotation-note][data-month='12']").FillAsync("年终联学");
            await page.GetByTestId("rotation-save").ClickAsync();
            await page.GetByTestId("success-banner").WaitForAsync();
            var december = page.Locator("[data-testid=rotation-row][data-month='12']");
            (await december.Locator("[data-testid=rotation-state]").InnerTextAsync()).Should().BeOneOf("未开始", "本月待办");
        });
        var stored = await (await groupAdmin.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/host-rotation/{year}")).ReadAsync<HostRotation>(200);
        stored.Slots.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Month = 12, MemberUnitId = unitB.Id, Note = "年终联学" });
    }
}

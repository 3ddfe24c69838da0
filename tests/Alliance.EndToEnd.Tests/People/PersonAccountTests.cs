using System.Net.Http.Json;
using Alliance.Contracts;
using Microsoft.Playwright;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Attendance.AttendanceApi;

namespace Alliance.EndToEnd.Tests.People;

/// <summary>
/// Sign-in names linked to people through the gateway (ADR 39): an administrator links and unlinks, the user reads which
/// person they are at /me/person, other roles and subsidiaries are refused, bad input is a problem on its field; and the
/// person page's form in the console.
/// </summary>
[Collection(StackCollection.Name)]
public class PersonAccountTests(StackFixture stack) : ConsoleBrowserTest
{
    sealed record PersonAccount(Guid Id, string UserName, Guid PersonId, string PersonName, Guid SubsidiaryId, string LinkedBy, DateTimeOffset LinkedAt, DateTimeOffset? UnlinkedAt);
    sealed record MyPerson(Guid PersonId, string Name, Guid SubsidiaryId, Guid? OrganizationId, string? OrganizationName, string UserName);

    [Fact]
    public async Task An_admin_links_a_user_name_the_user_reads_their_person_and_others_are_refused()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync();
        var other = await groupAdmin.CreateSubsidiaryAsync();
        var branch = await groupAdmin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "账号支部");
        var person = await groupAdmin.RegisterPersonAsync(subsidiary.Id, "孙丽");
        await groupAdmin.JoinAsync(person.Id, branch.Id);
        var admin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id);
        var userName = NewCode("sunli").ToLowerInvariant();

        var user = await stack.SignedInAsync(Roles.Member, subsidiary.Id, userName);
        (await (await user.GetAsync("/api/v1/me/person")).ProblemAsync(404)).Detail.Should().Contain("not linked");
        (await (await (await stack.SignedInAsync(Roles.Secretary, subsidiary.Id)).PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName }))
            .ProblemAsync(403)).Status.Should().Be(403);
        (await (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, other.Id)).PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName }))
            .ProblemAsync(404)).Errors.Should().ContainKey("personId");

        var created = await admin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName });
        await EnsureAsync(created, 201);
        var account = (await created.Content.ReadFromJsonAsync<PersonAccount>())!;
        (account.PersonName, account.SubsidiaryId).Should().Be(("孙丽", subsidiary.Id));

        var me = (await (await user.GetAsync("/api/v1/me/person")).Content.ReadFromJsonAsync<MyPerson>())!;
        (me.PersonId, me.OrganizationId, me.OrganizationName, me.UserName).Should().Be((person.Id, branch.Id, "账号支部", userName));
        (await (await stack.SignedInAsync(Roles.Member, other.Id, userName)).GetAsync("/api/v1/me/person")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        var listed = (await (await admin.GetAsync($"/api/v1/person-accounts?subsidiaryId={subsidiary.Id}&search=孙")).Content.ReadFromJsonAsync<PagedList<PersonAccount>>())!;
        listed.Items.Should().ContainSingle().Which.Id.Should().Be(account.Id);
        await EnsureAsync(await admin.PostAsync($"/api/v1/person-accounts/{account.Id}/unlink", null), 200);
        (await (await admin.PostAsync($"/api/v1/person-accounts/{account.Id}/unlink", null)).ProblemAsync(409)).Status.Should().Be(409);
        (await user.GetAsync("/api/v1/me/person")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_on_its_field_and_links_nothing()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync();
        var person = await groupAdmin.RegisterPersonAsync(subsidiary.Id, "周强");
        var other = await groupAdmin.RegisterPersonAsync(subsidiary.Id, "吴敏");
        var userName = NewCode("zq").ToLowerInvariant();

        (await (await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { userName })).ProblemAsync(400)).Errors.Should().ContainKey("personId");
        (await (await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName = "has space" })).ProblemAsync(400)).Errors.Should().ContainKey("userName");
        (await (await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName = new string('a', 65) })).ProblemAsync(400)).Errors.Should().ContainKey("userName");
        (await (await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = Guid.NewGuid(), userName })).ProblemAsync(404)).Errors.Should().ContainKey("personId");
        (await (await groupAdmin.PostAsync($"/api/v1/person-accounts/{Guid.NewGuid()}/unlink", null)).ProblemAsync(404)).Status.Should().Be(404);
        await EnsureAsync(await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName }), 201);
        (await (await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = other.Id, userName })).ProblemAsync(409)).Errors.Should().ContainKey("userName");

        var listed = (await (await groupAdmin.GetAsync($"/api/v1/person-accounts?subsidiaryId={subsidiary.Id}")).Content.ReadFromJsonAsync<PagedList<PersonAccount>>())!;
        listed.Items.Should().ContainSingle().Which.PersonId.Should().Be(person.Id);
    }

    [Fact]
    public async Task On_the_person_page_an_admin_links_a_sign_in_name_and_unlinks_it()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync("账号企业" + Guid.NewGuid().ToString("N")[..4]);
        var person = await admin.RegisterPersonAsync(subsidiary.Id, "郑华");
        var userName = NewCode("zhenghua").ToLowerInvariant();

        var page = await NewPageAsync();
        await ScenarioAsync(page, "person-account", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("group-admin");
            await page.GetByTestId("username-input").FillAsync("人事管理员");
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("current-role").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/people/{person.Id}").ToString());
            await page.GetByTestId("person-account-form").WaitForAsync();

            await page.GetByTestId("person-account-input").FillAsync("has space");
            await page.GetByTestId("person-account-link").ClickAsync();
            await page.GetByTestId("userName-error").WaitForAsync();

            await page.GetByTestId("person-account-input").FillAsync(userName);
            await page.GetByTestId("person-account-link").ClickAsync();
            await Assertions.Expect(page.GetByTestId("person-account-user-name")).ToContainTextAsync(userName);

            await page.GetByTestId("person-account-unlink").ClickAsync();
            await page.GetByTestId("person-account-form").WaitForAsync();
        });
        var me = await (await stack.SignedInAsync(Roles.Member, subsidiary.Id, userName)).GetAsync("/api/v1/me/person");
        me.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "the page unlinked it");
    }

    [Fact]
    public async Task A_linked_member_checks_in_as_themselves_from_the_activity_page_without_a_code()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync();
        var branch = await groupAdmin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "签到支部");
        var person = await groupAdmin.RegisterPersonAsync(subsidiary.Id, "钱进");
        await groupAdmin.JoinAsync(person.Id, branch.Id);
        var other = await groupAdmin.RegisterPersonAsync(subsidiary.Id, "孙退");
        await groupAdmin.JoinAsync(other.Id, branch.Id);
        var userName = NewCode("qianjin").ToLowerInvariant();
        await EnsureAsync(await groupAdmin.PostAsJsonAsync("/api/v1/person-accounts", new { personId = person.Id, userName }), 201);
        var secretary = await stack.SignedInAsync(Roles.Secretary, subsidiary.Id);
        var activity = await secretary.ScheduleAsync(Now([branch.Id]));
        await secretary.InviteAsync(activity.Id, new { organizationId = branch.Id });
        var member = await stack.SignedInAsync(Roles.Member, subsidiary.Id, userName);

        // Through the API: naming someone else is refused; through the page: the button checks them in as themselves.
        (await (await member.CheckInAsync(activity.Id, null, other.Id)).ProblemAsync(403)).Errors!["personId"].Single().Should().Contain("钱进");
        var page = await NewPageAsync();
        await ScenarioAsync(page, "check-in-as-me", async () =>
        {
            await page.GotoAsync(stack.Gateway.ToString());
            await page.GetByTestId("role-select").SelectOptionAsync("member");
            await page.GetByTestId("subsidiary-id-input").FillAsync(subsidiary.Id.ToString());
            await page.GetByTestId("username-input").FillAsync(userName);
            await page.GetByTestId("signin-button").ClickAsync();
            await page.GetByTestId("current-role").WaitForAsync();
            await page.GotoAsync(new Uri(stack.Gateway, $"/activities/{activity.Id}").ToString());
            await Assertions.Expect(page.GetByTestId("check-in-as-me")).ToContainTextAsync("钱进");
            await page.GetByTestId("check-in-as-me").ClickAsync();
            await page.GetByTestId("check-in-result").GetByTestId("success-banner").WaitForAsync();
        });
        var checkIns = await (await secretary.GetAsync($"/api/v1/activities/{activity.Id}/check-ins")).Content.ReadFromJsonAsync<PagedList<CheckIn>>();
        checkIns!.Items.Should().ContainSingle().Which.Should().Match<CheckIn>(c => c.PersonId == person.Id && c.Name == "钱进" && c.OrganizationId == branch.Id);
    }
}

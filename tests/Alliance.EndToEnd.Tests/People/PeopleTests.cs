using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;

namespace Alliance.EndToEnd.Tests.People;

/// <summary>People over REST: membership history, concurrency, idempotency, listing, personal data and tenant isolation.</summary>
[Collection(StackCollection.Name)]
public class PeopleTests(StackFixture stack)
{
    [Fact]
    public async Task A_member_joins_transfers_becomes_full_and_the_history_shows_each_step()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var first = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "第一支部");
        var second = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "第二支部");
        var person = await admin.RegisterPersonAsync(subsidiary.Id, "张三");

        await admin.JoinAsync(person.Id, first.Id, "probationary", "2024-07-01");
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/people/{person.Id}/transfers", new { toOrganizationId = second.Id, transferredOn = "2025-02-01" }), 200);
        await EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/people/{person.Id}/membership/status", new { status = "full", changedOn = "2025-07-01" }), 200);

        var stored = await admin.GetPersonAsync(person.Id);
        stored.MembershipHistory.Should().Equal(
            new MembershipPeriod(first.Id, "probationary", "2024-07-01", "2025-02-01"),
            new MembershipPeriod(second.Id, "probationary", "2025-02-01", "2025-07-01"),
            new MembershipPeriod(second.Id, "full", "2025-07-01", null));
        stored.Membership.Should().Be(new MembershipPeriod(second.Id, "full", "2025-07-01", null));
        (await admin.ListPeopleAsync(subsidiary.Id, $"&organizationId={second.Id}")).Items.Select(p => p.Id).Should().Equal(person.Id);
        (await admin.ListPeopleAsync(subsidiary.Id, $"&organizationId={first.Id}")).Total.Should().Be(0);
    }

    [Fact]
    public async Task Two_edits_from_the_same_ETag_one_wins_and_the_other_is_a_409()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var person = await admin.RegisterPersonAsync(subsidiary.Id, "原名");
        var etag = (await admin.GetAsync($"/api/v1/people/{person.Id}")).Headers.ETag!.Tag;

        async Task<HttpResponseMessage> Rename(string name)
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{person.Id}") { Content = JsonContent.Create(new { name }) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return await admin.SendAsync(request);
        }
        var responses = await Task.WhenAll(Rename("甲"), Rename("乙"));

        responses.Select(r => (int)r.StatusCode).Should().BeEquivalentTo([200, 409]);
        await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ProblemAsync(409);
        var winner = await responses.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<Person>();
        var stored = await admin.GetPersonAsync(person.Id);
        stored.Name.Should().Be(winner!.Name);
        stored.Version.Should().Be(person.Version + 1);
    }

    [Fact]
    public async Task A_stale_expectedVersion_in_the_body_is_a_409()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch");
        var person = await admin.RegisterPersonAsync(subsidiary.Id);
        await EnsureAsync(await admin.PatchAsJsonAsync($"/api/v1/people/{person.Id}", new { managementPost = "经理", expectedVersion = person.Version }), 200);

        var stale = await admin.PostAsJsonAsync($"/api/v1/people/{person.Id}/membership",
            new { organizationId = branch.Id, joinedOn = "2020-01-01", status = "full", expectedVersion = person.Version });

        await stale.ProblemAsync(409);
        (await admin.GetPersonAsync(person.Id)).Membership.Should().BeNull();
    }

    [Fact]
    public async Task A_registration_repeated_with_the_same_Idempotency_Key_creates_one_person()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var key = Guid.NewGuid().ToString();

        async Task<Person> Register()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people") { Content = JsonContent.Create(new { subsidiaryId = subsidiary.Id, name = "李四", kind = "external" }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await admin.SendAsync(request);
            await EnsureAsync(response, 201);
            return (await response.Content.ReadFromJsonAsync<Person>())!;
        }
        var first = await Register();
        var second = await Register();

        second.Id.Should().Be(first.Id);
        (await admin.ListPeopleAsync(subsidiary.Id)).Total.Should().Be(1);
    }

    [Fact]
    public async Task People_are_searched_by_name_filtered_by_kind_and_status_sorted_and_paged()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch");
        var a = await admin.RegisterPersonAsync(subsidiary.Id, "陈一");
        await admin.RegisterPersonAsync(subsidiary.Id, "陈二", kind: "external");
        await admin.RegisterPersonAsync(subsidiary.Id, "周三");
        await admin.JoinAsync(a.Id, branch.Id, "probationary");

        var chens = await admin.GetFromJsonAsync<PagedList<Person>>($"/api/v1/subsidiaries/{subsidiary.Id}/people?search=陈&sort=-createdAt&page=2&pageSize=1");
        (await admin.ListPeopleAsync(subsidiary.Id, "&kind=external")).Items.Select(p => p.Name).Should().Equal("陈二");
        (await admin.ListPeopleAsync(subsidiary.Id, "&status=probationary")).Items.Select(p => p.Name).Should().Equal("陈一");

        chens!.Total.Should().Be(2);
        chens.Page.Should().Be(2);
        chens.Items.Select(p => p.Name).Should().Equal("陈一");
    }

    [Fact]
    public async Task Personal_data_is_masked_for_members_and_shown_to_the_subsidiary_admin()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync();
        var idNumber = NewIdNumber();
        var person = await groupAdmin.RegisterPersonAsync(subsidiary.Id, idNumber: idNumber, phone: "13912345678");
        var member = await stack.SignedInAsync(Roles.Member, subsidiary.Id);
        var subsidiaryAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, subsidiary.Id);

        var masked = await member.GetPersonAsync(person.Id);
        var listed = (await member.ListPeopleAsync(subsidiary.Id)).Items.Single();
        var clear = await subsidiaryAdmin.GetPersonAsync(person.Id);

        masked.IdNumber.Should().Be($"{idNumber[..4]}**********{idNumber[^4..]}");
        masked.Phone.Should().Be("139****5678");
        masked.PersonalDataRevealed.Should().BeFalse();
        listed.Phone.Should().Be("139****5678");
        clear.IdNumber.Should().Be(idNumber);
        clear.Phone.Should().Be("13912345678");
    }

    [Fact]
    public async Task A_subsidiary_admin_of_A_can_neither_see_nor_change_Bs_people()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var a = await groupAdmin.CreateSubsidiaryAsync("甲企业");
        var b = await groupAdmin.CreateSubsidiaryAsync("乙企业");
        var aBranch = await groupAdmin.CreateOrganizationAsync(a.Id, "branch");
        var bBranch = await groupAdmin.CreateOrganizationAsync(b.Id, "branch");
        var bPerson = await groupAdmin.JoinAsync((await groupAdmin.RegisterPersonAsync(b.Id, "乙方党员")).Id, bBranch.Id);
        var adminOfA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, a.Id);
        var aPerson = await adminOfA.RegisterPersonAsync(a.Id, "甲方人员");

        (await adminOfA.GetAsync($"/api/v1/people/{bPerson.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.GetAsync($"/api/v1/subsidiaries/{b.Id}/people")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = b.Id, name = "渗透", kind = "external" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.PatchAsJsonAsync($"/api/v1/people/{bPerson.Id}", new { name = "改名" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.PostAsJsonAsync($"/api/v1/people/{bPerson.Id}/transfers", new { toOrganizationId = aBranch.Id, transferredOn = "2024-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminOfA.PostAsJsonAsync($"/api/v1/people/{bPerson.Id}/roles", new { organizationId = bBranch.Id, role = "secretary", startsOn = "2024-01-01" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        // Nor by pulling B's organization into A's person.
        (await adminOfA.PostAsJsonAsync($"/api/v1/people/{aPerson.Id}/membership", new { organizationId = bBranch.Id, joinedOn = "2024-01-01", status = "full" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await groupAdmin.GetPersonAsync(bPerson.Id)).Should().BeEquivalentTo(bPerson, o => o.ComparingByMembers<Person>());
        (await groupAdmin.ListPeopleAsync(b.Id)).Total.Should().Be(1);
    }

    [Fact]
    public async Task A_member_may_read_people_but_not_register_or_change_them()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var a = await groupAdmin.CreateSubsidiaryAsync();
        var person = await groupAdmin.RegisterPersonAsync(a.Id);
        var member = await stack.SignedInAsync(Roles.Member, a.Id);

        (await member.GetAsync($"/api/v1/subsidiaries/{a.Id}/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = a.Id, name = "人", kind = "employee" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await member.PatchAsJsonAsync($"/api/v1/people/{person.Id}", new { name = "改名" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await groupAdmin.GetPersonAsync(person.Id)).Name.Should().Be(person.Name);
    }

    [Fact]
    public async Task A_secretary_with_a_management_post_is_cross_appointed_until_the_role_ends()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch");
        var person = await admin.RegisterPersonAsync(subsidiary.Id, "王书记", managementPost: "副总经理");
        await admin.JoinAsync(person.Id, branch.Id);

        var secretary = await admin.AssignRoleAsync(person.Id, branch.Id, "secretary", "2024-01-01");
        var ended = await admin.PostAsJsonAsync($"/api/v1/people/{person.Id}/roles/{secretary.Roles[0].Id}/end", new { endsOn = "2024-12-31" });
        await EnsureAsync(ended, 200);

        secretary.CrossAppointed.Should().BeTrue();
        secretary.Roles.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Role = "secretary", StartsOn = "2024-01-01", EndsOn = (string?)null });
        var after = await admin.GetPersonAsync(person.Id);
        after.CrossAppointed.Should().BeFalse();
        after.Roles.Single().EndsOn.Should().Be("2024-12-31");
    }
}

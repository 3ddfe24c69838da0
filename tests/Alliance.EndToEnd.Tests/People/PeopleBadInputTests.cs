using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;

namespace Alliance.EndToEnd.Tests.People;

/// <summary>Every people endpoint answers bad input with problem details naming the fields, and changes nothing.</summary>
[Collection(StackCollection.Name)]
public class PeopleBadInputTests(StackFixture stack)
{
    async Task<(HttpClient Admin, Subsidiary Subsidiary, Organization Branch, Person Member)> ArrangeAsync()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var branch = await admin.CreateOrganizationAsync(subsidiary.Id, "branch");
        var member = await admin.JoinAsync((await admin.RegisterPersonAsync(subsidiary.Id)).Id, branch.Id);
        return (admin, subsidiary, branch, member);
    }

    [Fact]
    public async Task A_registration_with_every_field_wrong_is_a_400_naming_each_field_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/people", new
        {
            subsidiaryId = subsidiary.Id, name = " ", kind = "alien", idNumber = "12345", phone = "555-1234", managementPost = new string('长', 101),
        });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("name", "kind", "idNumber", "phone", "managementPost");
        (await admin.ListPeopleAsync(subsidiary.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task An_ID_number_with_a_wrong_check_character_is_a_400_from_the_service_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var valid = NewIdNumber();
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var response = await admin.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = subsidiary.Id, name = "张三", kind = "employee", idNumber = wrongCheck });

        (await response.ProblemAsync(400)).Errors.Should().ContainKey("idNumber");
        (await admin.ListPeopleAsync(subsidiary.Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_registration_without_a_subsidiary_is_a_400()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var response = await admin.PostAsJsonAsync("/api/v1/people", new { name = "张三", kind = "employee" });
        (await response.ProblemAsync(400)).Errors.Should().ContainKey("subsidiaryId");
    }

    [Fact]
    public async Task A_duplicate_ID_number_is_a_409_with_a_field_error()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var idNumber = NewIdNumber();
        await admin.RegisterPersonAsync(subsidiary.Id, idNumber: idNumber);

        var response = await admin.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = subsidiary.Id, name = "重复", kind = "employee", idNumber });

        (await response.ProblemAsync(409)).Errors.Should().ContainKey("idNumber");
        (await admin.ListPeopleAsync(subsidiary.Id)).Total.Should().Be(1);
    }

    [Fact]
    public async Task Listing_with_an_unknown_kind_status_sort_or_organization_id_is_a_400()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();

        var response = await admin.GetAsync($"/api/v1/subsidiaries/{subsidiary.Id}/people?kind=x&status=y&sort=age&organizationId=nope");

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("kind", "status", "sort", "organizationId");
    }

    [Fact]
    public async Task An_update_with_a_blank_name_or_a_bad_phone_is_a_400_and_changes_nothing()
    {
        var (admin, _, _, member) = await ArrangeAsync();

        var response = await admin.PatchAsJsonAsync($"/api/v1/people/{member.Id}", new { name = "", phone = "12" });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("name", "phone");
        (await admin.GetPersonAsync(member.Id)).Should().BeEquivalentTo(member, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task A_malformed_If_Match_is_a_400_and_changes_nothing()
    {
        var (admin, _, _, member) = await ArrangeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/people/{member.Id}") { Content = JsonContent.Create(new { name = "新名" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "yesterday");

        var response = await admin.SendAsync(request);

        (await response.ProblemAsync(400)).Errors.Should().ContainKey("If-Match");
        (await admin.GetPersonAsync(member.Id)).Name.Should().Be(member.Name);
    }

    [Fact]
    public async Task Joining_without_organization_with_a_bad_date_and_status_is_a_400_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await admin.CreateSubsidiaryAsync();
        var person = await admin.RegisterPersonAsync(subsidiary.Id);

        var response = await admin.PostAsJsonAsync($"/api/v1/people/{person.Id}/membership", new { joinedOn = "2020-13-01", status = "transferred-out" });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("organizationId", "joinedOn", "status");
        (await admin.GetPersonAsync(person.Id)).Should().BeEquivalentTo(person, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task Joining_a_second_time_is_a_409_with_a_field_error_and_writes_nothing()
    {
        var (admin, _, branch, member) = await ArrangeAsync();

        var response = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/membership", new { organizationId = branch.Id, joinedOn = "2021-01-01", status = "full" });

        (await response.ProblemAsync(409)).Errors.Should().ContainKey("organizationId");
        (await admin.GetPersonAsync(member.Id)).Should().BeEquivalentTo(member, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task A_transfer_without_target_or_date_is_a_400_and_one_dated_before_joining_is_a_409_and_neither_writes()
    {
        var (admin, subsidiary, _, member) = await ArrangeAsync();
        var other = await admin.CreateOrganizationAsync(subsidiary.Id, "branch", name: "第二支部");

        var empty = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/transfers", new { });
        var early = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/transfers", new { toOrganizationId = other.Id, transferredOn = "2019-01-01" });

        (await empty.ProblemAsync(400)).Errors.Should().ContainKeys("toOrganizationId", "transferredOn");
        (await early.ProblemAsync(409)).Errors.Should().ContainKey("transferredOn");
        (await admin.GetPersonAsync(member.Id)).Should().BeEquivalentTo(member, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task A_transfer_to_an_unknown_organization_is_a_404_and_writes_nothing()
    {
        var (admin, _, _, member) = await ArrangeAsync();
        var response = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/transfers", new { toOrganizationId = Guid.NewGuid(), transferredOn = "2024-01-01" });
        (await response.ProblemAsync(404)).Errors.Should().ContainKey("toOrganizationId");
        (await admin.GetPersonAsync(member.Id)).Should().BeEquivalentTo(member, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task A_status_change_with_an_unknown_status_is_a_400_and_full_to_probationary_is_a_409()
    {
        var (admin, _, _, member) = await ArrangeAsync();

        var unknown = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/membership/status", new { status = "honorary", changedOn = "2024-01-01" });
        var backwards = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/membership/status", new { status = "probationary", changedOn = "2024-01-01" });

        (await unknown.ProblemAsync(400)).Errors.Should().ContainKey("status");
        (await backwards.ProblemAsync(409)).Errors.Should().ContainKey("status");
        (await admin.GetPersonAsync(member.Id)).Should().BeEquivalentTo(member, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task A_role_with_an_unknown_kind_or_ending_before_it_starts_is_a_400_and_writes_nothing()
    {
        var (admin, _, branch, member) = await ArrangeAsync();

        var response = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/roles",
            new { organizationId = branch.Id, role = "king", startsOn = "2024-06-01", endsOn = "2024-05-31" });

        (await response.ProblemAsync(400)).Errors.Should().ContainKeys("role", "endsOn");
        (await admin.GetPersonAsync(member.Id)).Roles.Should().BeEmpty();
    }

    [Fact]
    public async Task Ending_a_role_without_a_date_is_a_400_and_ending_an_unknown_role_is_a_404()
    {
        var (admin, _, branch, member) = await ArrangeAsync();
        member = await admin.AssignRoleAsync(member.Id, branch.Id);

        var noDate = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/roles/{member.Roles[0].Id}/end", new { });
        var unknown = await admin.PostAsJsonAsync($"/api/v1/people/{member.Id}/roles/{Guid.NewGuid()}/end", new { endsOn = "2025-01-01" });

        (await noDate.ProblemAsync(400)).Errors.Should().ContainKey("endsOn");
        (await unknown.ProblemAsync(404)).Errors.Should().ContainKey("roleId");
        (await admin.GetPersonAsync(member.Id)).Should().BeEquivalentTo(member, o => o.ComparingByMembers<Person>());
    }

    [Fact]
    public async Task An_unknown_person_is_a_404_problem()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        await (await admin.GetAsync($"/api/v1/people/{Guid.NewGuid()}")).ProblemAsync(404);
    }
}

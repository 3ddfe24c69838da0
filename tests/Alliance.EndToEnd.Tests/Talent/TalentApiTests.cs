using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;
using static Alliance.EndToEnd.Tests.Talent.TalentApi;

namespace Alliance.EndToEnd.Tests.Talent;

/// <summary>
/// The talent service through the gateway on the whole stack: a person registered in the organization service becomes a
/// profile (through RabbitMQ), found by pinyin and by skill; the "50+50" review workflow; bad input on every endpoint;
/// and who may do what, for every role, in their own subsidiary and another.
/// </summary>
[Collection(StackCollection.Name)]
public class TalentApiTests(StackFixture stack)
{
    sealed record Setting(Guid A, Guid B, Guid CommitteeA, Profile Person, Profile Other);

    async Task<Setting> SettingAsync()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var a = (await groupAdmin.CreateSubsidiaryAsync()).Id;
        var b = (await groupAdmin.CreateSubsidiaryAsync()).Id;
        var committee = (await groupAdmin.CreateOrganizationAsync(a, "committee")).Id;
        var name = "欧阳" + NewCode("T");
        var person = await groupAdmin.RegisterPersonAsync(a, name);
        await groupAdmin.JoinAsync(person.Id, committee);
        var other = await groupAdmin.RegisterPersonAsync(b, "司马" + NewCode("T"));
        var profile = await EventuallyAsync(() => groupAdmin.SearchProfilesAsync($"query={Uri.EscapeDataString(name)}"),
            p => p.Items.Any(i => i.PersonId == person.Id && i.PartyStatus == "full"), TimeSpan.FromSeconds(60));
        var otherProfile = await EventuallyAsync(() => groupAdmin.SearchProfilesAsync($"subsidiaryId={b}"),
            p => p.Items.Any(i => i.PersonId == other.Id), TimeSpan.FromSeconds(60));
        return new Setting(a, b, committee, profile.Items.Single(i => i.PersonId == person.Id), otherProfile.Items.Single(i => i.PersonId == other.Id));
    }

    [Fact]
    public async Task A_registered_person_becomes_a_profile_found_by_pinyin_and_skill_and_goes_through_the_review_workflow()
    {
        var s = await SettingAsync();
        var adminA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A, "甲管理员");

        s.Person.OrganizationId.Should().Be(s.CommitteeA);
        (await adminA.SearchProfilesAsync("query=ouyang")).Items.Should().Contain(p => p.PersonId == s.Person.PersonId);
        var changed = await adminA.PutAsJsonAsync($"/api/v1/talent/profiles/{s.Person.PersonId}",
            new { skills = new[] { "区块链", "数据治理" }, certificates = new[] { "CPA" }, educationLevel = "master", expectedVersion = s.Person.Version });
        await EnsureAsync(changed, 200);
        (await adminA.SearchProfilesAsync("skill=区块链")).Items.Should().ContainSingle(p => p.PersonId == s.Person.PersonId);
        (await adminA.SearchProfilesAsync("query=qkl")).Items.Should().Contain(p => p.PersonId == s.Person.PersonId, "skill initials");

        var entry = await adminA.NominateAsync(ReserveCadres, s.Person.PersonId);
        await adminA.DecideAsync(ReserveCadres, entry.Id, "review");
        (await adminA.DecideAsync(ReserveCadres, entry.Id, "list")).State.Should().Be("listed");
        var page = await adminA.GetFromJsonAsync<EntryPage>($"/api/v1/talent/lists/{ReserveCadres}/entries?state=listed");
        page!.Units.Should().ContainSingle().Which.Limit.Should().Be(50);
        (await adminA.DecideAsync(ReserveCadres, entry.Id, "remove", "调任集团")).State.Should().Be("removed");
        var history = (await adminA.GetFromJsonAsync<List<EntryChange>>($"/api/v1/talent/lists/{ReserveCadres}/entries/{entry.Id}/history"))!;
        history.Select(h => h.Change).Should().Equal("nominated", "reviewed", "listed", "removed");
        history[^1].Reason.Should().Be("调任集团");
    }

    [Fact]
    public async Task Bad_input_on_every_talent_endpoint_is_a_problem_with_field_errors()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var id = Guid.NewGuid();
        (string Method, string Path, object? Body, string Field)[] cases =
        [
            ("GET", "/api/v1/talent/profiles?sort=age", null, "sort"),
            ("GET", $"/api/v1/talent/profiles?skill={new string('x', 101)}", null, "skill"),
            ("PUT", $"/api/v1/talent/profiles/{id}", new { skills = new[] { " " } }, "skills[0]"),
            ("PUT", $"/api/v1/talent/profiles/{id}", new { educationLevel = "phd" }, "educationLevel"),
            ("PUT", $"/api/v1/talent/profiles/{id}", new { birthYear = 1800 }, "birthYear"),
            ("PUT", $"/api/v1/talent/profiles/{id}", new { expectedVersion = 0 }, "expectedVersion"),
            ("POST", "/api/v1/talent/lists", new { nameEn = "x" }, "nameZh"),
            ("POST", "/api/v1/talent/lists", new { nameZh = "x", nameEn = "x", criteria = new { sizeLimitPerUnit = 0 } }, "criteria.sizeLimitPerUnit"),
            ("POST", "/api/v1/talent/lists", new { nameZh = "x", nameEn = "x", criteria = new { minEducationLevel = "x" } }, "criteria.minEducationLevel"),
            ("GET", $"/api/v1/talent/lists/{ReserveCadres}/entries?state=gone", null, "state"),
            ("POST", $"/api/v1/talent/lists/{ReserveCadres}/entries", new { reason = "r" }, "personId"),
            ("POST", $"/api/v1/talent/lists/{ReserveCadres}/entries", new { personId = id }, "reason"),
            ("POST", $"/api/v1/talent/lists/{ReserveCadres}/entries/{id}/reject", new { }, "reason"),
            ("POST", $"/api/v1/talent/lists/{ReserveCadres}/entries/{id}/remove", new { reason = " " }, "reason"),
            ("POST", $"/api/v1/talent/lists/{ReserveCadres}/entries/{id}/review", new { expectedVersion = -1 }, "expectedVersion"),
            ("POST", $"/api/v1/talent/lists/{ReserveCadres}/re-evaluations", new { }, "period"),
        ];
        foreach (var (method, path, body, field) in cases)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) request.Content = JsonContent.Create(body);
            var problem = await (await groupAdmin.SendAsync(request)).ProblemAsync(400);
            problem.Errors.Should().ContainKey(field, $"{method} {path}");
        }
        var unknownPerson = await groupAdmin.PostAsJsonAsync($"/api/v1/talent/lists/{ReserveCadres}/entries", new { personId = id, reason = "r" });
        (await unknownPerson.ProblemAsync(404)).Errors.Should().ContainKey("personId");
        await (await groupAdmin.GetAsync($"/api/v1/talent/lists/{Guid.NewGuid()}")).ProblemAsync(404);
    }

    [Fact]
    public async Task Each_role_reaches_what_its_scope_allows_and_partners_nothing()
    {
        var s = await SettingAsync();
        var adminA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        var adminB = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.B);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var memberA = await stack.SignedInAsync(Roles.Member, s.A);
        var partner = await stack.SignedInAsync(Roles.Partner, userName: "talent-partner");
        var profile = $"/api/v1/talent/profiles/{s.Person.PersonId}";

        (await adminA.GetAsync(profile)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await adminB.GetAsync(profile)).StatusCode.Should().Be(HttpStatusCode.NotFound, "another subsidiary's person");
        (await adminB.SearchProfilesAsync($"subsidiaryId={s.A}")).Total.Should().Be(0);
        (await adminB.PutAsJsonAsync(profile, new { skills = new[] { "x" } })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await memberA.GetAsync(profile)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a member sees their own profile only");
        (await memberA.SearchProfilesAsync("")).Total.Should().Be(0, "the member's user is linked to no person");
        (await secretaryA.GetAsync(profile)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the secretary's user is linked to no organization");

        (await memberA.GetAsync("/api/v1/talent/lists")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await secretaryA.GetAsync("/api/v1/talent/lists")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await secretaryA.PostAsJsonAsync("/api/v1/talent/lists", new { nameZh = "甲", nameEn = "A" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await adminA.PostAsJsonAsync("/api/v1/talent/lists", new { nameZh = "乙", nameEn = "B", subsidiaryId = s.B })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await adminB.PostAsJsonAsync($"/api/v1/talent/lists/{ReserveCadres}/entries", new { personId = s.Person.PersonId, reason = "r" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "units nominate their own people only");
        var entry = await adminA.NominateAsync(ReserveCadres, s.Person.PersonId);
        (await secretaryA.PostAsJsonAsync($"/api/v1/talent/lists/{ReserveCadres}/entries/{entry.Id}/review", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await adminB.PostAsJsonAsync($"/api/v1/talent/lists/{ReserveCadres}/entries/{entry.Id}/review", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminB.GetFromJsonAsync<EntryPage>($"/api/v1/talent/lists/{ReserveCadres}/entries"))!.Items.Should().NotContain(e => e.Id == entry.Id);

        foreach (var path in new[] { "/api/v1/talent/profiles", profile, "/api/v1/talent/lists", $"/api/v1/talent/lists/{ReserveCadres}/entries" })
            (await partner.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
    }
}

using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Lists.ListApi;

namespace Alliance.EndToEnd.Tests.Lists;

/// <summary>
/// The problem and resource lists through the gateway: a problem matched with an offer of its alliance, ranked with the
/// reasons in both languages, accepted and resolved; the catalogue as a page and as XLSX; bad input on every endpoint
/// answered with field errors and nothing written.
/// </summary>
[Collection(StackCollection.Name)]
public class ListApiTests(StackFixture stack)
{
    [Fact]
    public async Task A_problem_is_matched_with_the_best_offer_accepted_resolved_and_the_catalogue_lists_the_offers()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var secretaryB = await stack.SignedInAsync(Roles.Secretary, s.B);
        var key = NewCode("idem");

        var problem = await secretaryA.PostProblemAsync(ProblemBody(s.Alliance, unitA, NewCode("缺会场")), key);
        (await secretaryA.PostProblemAsync(ProblemBody(s.Alliance, unitA, NewCode("缺会场")), key)).Id.Should().Be(problem.Id);
        var hall = await secretaryB.OfferResourceAsync(OfferBody(s.Alliance, unitB, NewCode("多功能厅"), capacity: 1));
        var court = await secretaryB.OfferResourceAsync(OfferBody(s.Alliance, unitB, NewCode("篮球场"), tags: ["篮球"]));

        var ranked = await secretaryA.RankAsync(problem.Id);
        ranked.Items.Select(i => i.Offer.Id).Should().StartWith([hall.Id, court.Id]);
        ranked.Items[0].Parts.Select(p => p.Zh).Should().Contain("同一联盟 +0.15");
        ranked.Items[0].Parts.Select(p => p.En).Should().Contain("category fits: venue ↔ venue +0.35");

        var match = await secretaryA.ProposeAsync(problem.Id, hall.Id);
        (await (await secretaryB.PostAsJsonAsync($"/api/v1/matches/{match.Id}/accept", new { })).ReadAsync<Match>(200)).State.Should().Be("accepted");
        (await secretaryA.GetProblemAsync(problem.Id)).State.Should().Be("matched");
        var resolved = await (await secretaryA.PostAsJsonAsync($"/api/v1/matches/{match.Id}/resolve",
            new { outcome = "主题党日如期举行", evidenceLinks = new[] { "https://example.org/a" } })).ReadAsync<Match>(200);
        resolved.State.Should().Be("resolved");
        (await secretaryA.GetProblemAsync(problem.Id)).Should().Match<ListedProblem>(p => p.State == "resolved" && p.Outcome == "主题党日如期举行");
        var proposals = await (await secretaryA.GetAsync($"/api/v1/problems/{problem.Id}/proposals")).ReadAsync<List<Match>>(200);
        proposals.Should().ContainSingle().Which.State.Should().Be("resolved");

        var catalogue = await (await secretaryA.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/resource-catalogue?from={InDays(0)}&to={InDays(30)}"))
            .ReadAsync<Catalogue>(200);
        catalogue.Offers.Select(o => o.Id).Should().Contain(court.Id).And.NotContain(hall.Id, "the hall is used up");
        var xlsx = await secretaryA.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/resource-catalogue.xlsx?from={InDays(0)}&to={InDays(30)}&lang=en");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await xlsx.Content.ReadAsByteArrayAsync()).Take(2).Should().Equal((byte)'P', (byte)'K');
    }

    [Fact]
    public async Task The_catalogue_export_writes_a_text_that_looks_like_a_formula_as_text()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        await admin.OfferResourceAsync(OfferBody(s.Alliance, unitB, "=HYPERLINK(\"http://evil\")"));

        var xlsx = await admin.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/resource-catalogue.xlsx?from={InDays(0)}&to={InDays(30)}");
        using var zip = new System.IO.Compression.ZipArchive(await xlsx.Content.ReadAsStreamAsync());
        var sheet = await new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/")).Open()).ReadToEndAsync();

        sheet.Should().Contain("HYPERLINK").And.NotContain("<f>");
    }

    [Fact]
    public async Task Bad_input_on_every_endpoint_is_a_problem_with_field_errors_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var unitA = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id;
        var unitB = s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id;
        var problem = await admin.PostProblemAsync(ProblemBody(s.Alliance, unitA, NewCode("问题")));
        var offer = await admin.OfferResourceAsync(OfferBody(s.Alliance, unitB, NewCode("资源")));
        var match = await admin.ProposeAsync(problem.Id, offer.Id);

        async Task Fields(Task<HttpResponseMessage> call, params string[] fields) =>
            (await (await call).ProblemAsync(400)).Errors!.Keys.Should().Contain(fields);

        await Fields(admin.PostAsJsonAsync("/api/v1/problems", new { allianceId = s.Alliance.Id, title = "", category = "boat", urgency = "now", wantedBy = "soon", tags = new[] { new string('x', 31) } }),
            "memberUnitId", "title", "need", "category", "urgency", "wantedBy", "tags");
        await Fields(admin.PutAsJsonAsync($"/api/v1/problems/{problem.Id}", new { title = "x", need = "y", category = "venue", expectedVersion = 0 }), "expectedVersion");
        await Fields(admin.PostAsJsonAsync($"/api/v1/problems/{problem.Id}/withdraw", new { reason = "" }), "reason");
        await Fields(admin.GetAsync("/api/v1/problems?category=boat&state=lost&sort=colour"), "category", "state", "sort");
        await Fields(admin.GetAsync($"/api/v1/problems/{problem.Id}/matches?top=500"), "top");
        await Fields(admin.PostAsJsonAsync($"/api/v1/problems/{problem.Id}/proposals", new { }), "offerId");
        await Fields(admin.PostAsJsonAsync("/api/v1/resource-offers", new { allianceId = s.Alliance.Id, kind = "boat", title = "", capacity = -1,
            windows = new[] { new { from = "2027-02-01", to = "2027-01-01" } }, people = new[] { new { name = "" } } }),
            "memberUnitId", "kind", "title", "capacity", "windows[0].to", "people[0].name");
        await Fields(admin.PostAsJsonAsync("/api/v1/resource-offers", new { scope = "world", kind = "venue", title = "x" }), "scope");
        await Fields(admin.PutAsJsonAsync($"/api/v1/resource-offers/{offer.Id}", new { kind = "venue", title = "x", scope = "group" }), "scope");
        await Fields(admin.PostAsJsonAsync($"/api/v1/resource-offers/{offer.Id}/withdraw", new { expectedVersion = -1 }), "expectedVersion");
        await Fields(admin.GetAsync("/api/v1/resource-offers?kind=boat&scope=world"), "kind", "scope");
        await Fields(admin.PostAsJsonAsync($"/api/v1/matches/{match.Id}/decline", new { reason = " " }), "reason");
        await Fields(admin.PostAsJsonAsync($"/api/v1/matches/{match.Id}/accept", new { expectedVersion = 0 }), "expectedVersion");
        await Fields(admin.PostAsJsonAsync($"/api/v1/matches/{match.Id}/resolve", new { outcome = "", evidenceLinks = new[] { "ftp://x" }, evidenceAttachmentIds = new[] { Guid.NewGuid() } }),
            "outcome", "evidenceLinks[0]", "evidenceActivityId");
        await Fields(admin.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/resource-catalogue?from=2027-02-01&to=2027-01-01"), "to");
        await Fields(admin.GetAsync($"/api/v1/alliances/{s.Alliance.Id}/resource-catalogue.xlsx?from=x"), "from", "to");

        (await admin.PostAsJsonAsync($"/api/v1/matches/{match.Id}/resolve", new { outcome = "未接受先解决" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await admin.GetAsync($"/api/v1/problems/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var unchanged = await admin.GetProblemAsync(problem.Id);
        unchanged.Version.Should().Be(1);
        unchanged.State.Should().Be("open");
        var listed = await (await admin.GetAsync($"/api/v1/problems?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<ListedProblem>>(200);
        listed.Total.Should().Be(1);
    }
}

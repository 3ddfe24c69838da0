using System.Net;
using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Activities;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;

namespace Alliance.EndToEnd.Tests.Bulletins;

/// <summary>
/// The monthly bulletin (攻坚战报) and its nominations through the gateway: the whole workflow from a nomination to the
/// archive, the printable page in both languages and the stored PDF, problem details with field errors on every endpoint
/// (nothing written), and who may do what for every role in the alliance's lead subsidiary, a member subsidiary and one
/// outside it. Every test uses its own alliance (one bulletin per scope and month).
/// </summary>
[Collection(StackCollection.Name)]
public class BulletinApiTests(StackFixture stack)
{
    public sealed record Entry(string Section, Guid SourceId, string TitleZh, string TitleEn);
    public sealed record BulletinSection(string Section, string TextZh, string TextEn, List<Entry> Entries);
    public sealed record Bulletin(Guid Id, Guid? AllianceId, string ScopeName, string Month, string State, string TitleZh, string TitleEn,
        string LeadZh, string LeadEn, List<BulletinSection> Sections, string? ReturnReason, DateTimeOffset? PublishedAt, long Version, bool MayEdit, bool MayReview);
    public sealed record Summary(Guid Id, Guid? AllianceId, string Month, string State, string TitleZh);
    public sealed record Nominee(Guid Id, Guid? AllianceId, string Month, string Kind, Guid NomineeId, string NomineeName, string State, long Version, bool MayReview);
    public sealed record Change(string Kind, string ChangedBy);

    const string Month = "2026-03";

    static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string path, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    static object Revision(Bulletin b, string title, List<Guid>? nominationEntries = null) => new
    {
        titleZh = title, titleEn = "Tackling bulletin " + title, leadZh = "本月攻坚成效显著", leadEn = "A month of progress",
        sections = new object[]
        {
            new { section = "nominations", textZh = "本月推荐", textEn = "Nominations of the month",
                entryIds = nominationEntries ?? b.Sections.Single(s => s.Section == "nominations").Entries.Select(e => e.SourceId).ToList() },
        },
        expectedVersion = b.Version,
    };

    [Fact]
    public async Task A_nomination_enters_the_draft_which_is_revised_returned_approved_published_printed_and_archived()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var adminA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        var memberB = await stack.SignedInAsync(Roles.Member, s.B);

        var key = Guid.NewGuid().ToString();
        var nomination = await (await PostWithKeyAsync(secretaryA, "/api/v1/nominations",
            new { allianceId = s.Alliance.Id, month = Month, organizationId = s.CommitteeB, reasonZh = "牵头完成充电桩共建", reasonEn = "Led the charging project" }, key))
            .ReadAsync<Nominee>(201);
        (await (await PostWithKeyAsync(secretaryA, "/api/v1/nominations",
            new { allianceId = s.Alliance.Id, month = Month, organizationId = s.CommitteeB, reasonZh = "重试" }, key)).ReadAsync<Nominee>(201))
            .Id.Should().Be(nomination.Id, "the Idempotency-Key makes a retry safe");
        nomination.State.Should().Be("proposed");
        nomination.Kind.Should().NotBeNullOrEmpty();
        (await (await adminA.GetAsync($"/api/v1/nominations?allianceId={s.Alliance.Id}&month={Month}")).ReadAsync<PagedList<Nominee>>(200)).Items
            .Should().ContainSingle(n => n.Id == nomination.Id).Which.MayReview.Should().BeTrue();
        (await (await adminA.PostAsJsonAsync($"/api/v1/nominations/{nomination.Id}/accept", new { note = "同意", expectedVersion = nomination.Version }))
            .ReadAsync<Nominee>(200)).State.Should().Be("accepted");

        key = Guid.NewGuid().ToString();
        var draft = await (await PostWithKeyAsync(secretaryA, "/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = Month }, key)).ReadAsync<Bulletin>(201);
        (await (await PostWithKeyAsync(secretaryA, "/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = Month }, key)).ReadAsync<Bulletin>(201))
            .Id.Should().Be(draft.Id);
        (await PostWithKeyAsync(secretaryA, "/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = Month })).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "one bulletin per scope and month");
        draft.State.Should().Be("draft");
        draft.MayEdit.Should().BeTrue();
        var entry = draft.Sections.Single(x => x.Section == "nominations").Entries.Should().ContainSingle().Which;
        entry.TitleZh.Should().NotBeNullOrEmpty();

        var revised = await (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(draft, "三月战报"))).ReadAsync<Bulletin>(200);
        revised.TitleZh.Should().Be("三月战报");
        revised.Sections.Single(x => x.Section == "nominations").TextEn.Should().Be("Nominations of the month");
        var submitted = await (await secretaryA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/submit", new { expectedVersion = revised.Version })).ReadAsync<Bulletin>(200);
        submitted.State.Should().Be("in-review");
        (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(submitted, "审核中不改"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var returned = await (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/return", new { reason = "请补充英文导语" })).ReadAsync<Bulletin>(200);
        returned.State.Should().Be("draft");
        returned.ReturnReason.Should().Be("请补充英文导语");

        revised = await (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(returned, "三月攻坚战报", []))).ReadAsync<Bulletin>(200);
        revised.Sections.Single(x => x.Section == "nominations").Entries.Should().BeEmpty("an entry may be dropped");
        await (await secretaryA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/submit", new { })).ReadAsync<Bulletin>(200);
        (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/publish", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "not approved yet");
        (await (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/approve", new { })).ReadAsync<Bulletin>(200)).State.Should().Be("approved");
        (await secretaryA.GetAsync($"/api/v1/bulletins/{draft.Id}/pdf")).StatusCode.Should().Be(HttpStatusCode.Conflict, "no PDF before publishing");
        var published = await (await secretaryA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/publish", new { })).ReadAsync<Bulletin>(200);
        published.State.Should().Be("published");
        published.PublishedAt.Should().NotBeNull();
        (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(published, "发布后不改"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/return", new { reason = "晚了" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var archive = await (await memberB.GetAsync($"/api/v1/bulletins?allianceId={s.Alliance.Id}&state=published")).ReadAsync<PagedList<Summary>>(200);
        archive.Items.Should().ContainSingle(b => b.Id == draft.Id).Which.TitleZh.Should().Be("三月攻坚战报");
        (await (await memberB.GetAsync($"/api/v1/bulletins?month={Month}&state=published&pageSize=200")).ReadAsync<PagedList<Summary>>(200)).Items
            .Should().Contain(b => b.Id == draft.Id);

        foreach (var lang in new[] { "zh-CN", "en-US" })
        {
            var pdf = await memberB.GetAsync($"/api/v1/bulletins/{draft.Id}/pdf?lang={lang}");
            pdf.StatusCode.Should().Be(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            System.Text.Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("%PDF");
        }
        var zh = await memberB.GetAsync($"/api/v1/bulletins/{draft.Id}/html");
        zh.StatusCode.Should().Be(HttpStatusCode.OK);
        zh.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await zh.Content.ReadAsStringAsync()).Should().Contain("三月攻坚战报").And.Contain("本月推荐");
        var en = await memberB.GetAsync($"/api/v1/bulletins/{draft.Id}/html?lang=en-US");
        en.StatusCode.Should().Be(HttpStatusCode.OK);
        (await en.Content.ReadAsStringAsync()).Should().Contain("Tackling bulletin 三月攻坚战报").And.Contain("Nominations of the month");

        (await (await admin.GetAsync($"/api/v1/bulletins/{draft.Id}/history")).ReadAsync<List<Change>>(200)).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Bad_input_on_every_endpoint_is_a_problem_with_field_errors_and_writes_nothing()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var adminA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);

        (await (await secretaryA.PostAsJsonAsync("/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = "2026-13" })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain("month");
        (await (await secretaryA.PostAsJsonAsync("/api/v1/bulletins", new { allianceId = s.Alliance.Id })).ProblemAsync(400)).Errors!.Keys.Should().Contain("month");
        (await (await admin.GetAsync("/api/v1/bulletins?month=March&state=lost")).ProblemAsync(400)).Errors!.Keys.Should().Contain(["month", "state"]);
        (await (await admin.GetAsync("/api/v1/nominations?month=2026-3x&state=maybe")).ProblemAsync(400)).Errors!.Keys.Should().Contain(["month", "state"]);
        (await (await secretaryA.PostAsJsonAsync("/api/v1/nominations", new { allianceId = s.Alliance.Id, month = "soon", reasonZh = " ", reasonEn = new string('x', 1001) }))
            .ProblemAsync(400)).Errors!.Keys.Should().Contain(["month", "nominee", "reasonZh", "reasonEn"]);
        (await (await secretaryA.PostAsJsonAsync("/api/v1/nominations", new { allianceId = s.Alliance.Id, month = Month, personId = Guid.NewGuid(), organizationId = s.CommitteeB, reasonZh = "两者" }))
            .ProblemAsync(400)).Errors!.Keys.Should().Contain("nominee");
        (await (await secretaryA.PostAsJsonAsync("/api/v1/nominations", new { allianceId = s.Alliance.Id, month = Month, personId = Guid.NewGuid(), reasonZh = "无此人" }))
            .ProblemAsync(404)).Should().NotBeNull();
        (await (await adminA.GetAsync($"/api/v1/nominations?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Nominee>>(200)).Items.Should().BeEmpty("nothing was written");

        var nomination = await (await secretaryA.PostAsJsonAsync("/api/v1/nominations",
            new { allianceId = s.Alliance.Id, month = Month, organizationId = s.CommitteeB, reasonZh = "表现突出" })).ReadAsync<Nominee>(201);
        (await (await adminA.PostAsJsonAsync($"/api/v1/nominations/{nomination.Id}/accept", new { note = new string('x', 501), expectedVersion = -1 })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain(["note", "expectedVersion"]);
        (await adminA.PostAsJsonAsync($"/api/v1/nominations/{Guid.NewGuid()}/reject", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await secretaryA.PostAsJsonAsync($"/api/v1/nominations/{nomination.Id}/accept", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var draft = await (await secretaryA.PostAsJsonAsync("/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = Month })).ReadAsync<Bulletin>(201);
        (await (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", new
        {
            titleZh = "", titleEn = new string('x', 201), leadZh = " ", sections = new object?[] { new { section = "weather" }, new { section = "activities", textZh = new string('x', 8001) } },
            expectedVersion = -1,
        })).ProblemAsync(400)).Errors!.Keys.Should().Contain(["titleZh", "titleEn", "leadZh", "leadEn", "sections[0].section", "sections[1].textZh", "expectedVersion"]);
        (await (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", new
        {
            titleZh = "旧版本", titleEn = "Stale", leadZh = "导语", leadEn = "Lead", expectedVersion = draft.Version + 5,
        })).ProblemAsync(409)).Should().NotBeNull();
        (await (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/return", new { reason = " " })).ProblemAsync(400)).Errors!.Keys.Should().Contain("reason");
        (await (await secretaryA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/submit", new { expectedVersion = -3 })).ProblemAsync(400))
            .Errors!.Keys.Should().Contain("expectedVersion");
        (await (await secretaryA.GetAsync($"/api/v1/bulletins/{draft.Id}/html?lang=fr-FR")).ProblemAsync(400)).Errors!.Keys.Should().Contain("lang");
        (await (await secretaryA.GetAsync($"/api/v1/bulletins/{draft.Id}/pdf?lang=de")).ProblemAsync(400)).Errors!.Keys.Should().Contain("lang");
        (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/approve", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "a draft is not in review");
        (await secretaryA.GetAsync($"/api/v1/bulletins/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var after = await (await secretaryA.GetAsync($"/api/v1/bulletins/{draft.Id}")).ReadAsync<Bulletin>(200);
        after.Version.Should().Be(draft.Version);
        after.State.Should().Be("draft");
        after.TitleZh.Should().Be(draft.TitleZh);
    }

    [Fact]
    public async Task Each_role_in_the_lead_a_member_and_an_outside_subsidiary_does_only_what_it_may()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var forbidden = HttpStatusCode.Forbidden;
        var adminA = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        var secretaryA = await stack.SignedInAsync(Roles.Secretary, s.A);
        var memberA = await stack.SignedInAsync(Roles.Member, s.A);
        var adminB = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.B);
        var secretaryB = await stack.SignedInAsync(Roles.Secretary, s.B);
        var memberB = await stack.SignedInAsync(Roles.Member, s.B);
        var adminC = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.C);
        var secretaryC = await stack.SignedInAsync(Roles.Secretary, s.C);
        var generate = new { allianceId = s.Alliance.Id, month = Month };

        // Only the lead subsidiary's planners (and group admins) generate and edit the alliance's bulletin.
        (await memberA.PostAsJsonAsync("/api/v1/bulletins", generate)).StatusCode.Should().Be(forbidden);
        (await adminB.PostAsJsonAsync("/api/v1/bulletins", generate)).StatusCode.Should().Be(forbidden);
        (await secretaryB.PostAsJsonAsync("/api/v1/bulletins", generate)).StatusCode.Should().Be(forbidden);
        (await adminC.PostAsJsonAsync("/api/v1/bulletins", generate)).StatusCode.Should().BeOneOf(forbidden, HttpStatusCode.NotFound);
        var draft = await (await adminA.PostAsJsonAsync("/api/v1/bulletins", generate)).ReadAsync<Bulletin>(201);
        (await (await admin.PostAsJsonAsync("/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = "2026-04" })).ReadAsync<Bulletin>(201)).MayReview.Should().BeTrue();

        // A draft is seen by its editors and reviewers only.
        foreach (var editor in new[] { admin, adminA, secretaryA })
            (await editor.GetAsync($"/api/v1/bulletins/{draft.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var other in new[] { memberA, adminB, secretaryB, memberB, adminC, secretaryC })
            (await other.GetAsync($"/api/v1/bulletins/{draft.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminB.GetAsync($"/api/v1/bulletins/{draft.Id}/history")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await memberA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(draft, "越权"))).StatusCode.Should().Be(forbidden);
        (await adminB.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(draft, "越权"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var revised = await (await secretaryA.PutAsJsonAsync($"/api/v1/bulletins/{draft.Id}", Revision(draft, "联盟战报"))).ReadAsync<Bulletin>(200);

        // The lead subsidiary's administrators review — never the submitter; secretaries do not review.
        await (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/submit", new { expectedVersion = revised.Version })).ReadAsync<Bulletin>(200);
        (await (await adminA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/approve", new { })).ProblemAsync(409)).Should().NotBeNull("the submitter does not review");
        (await secretaryA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/approve", new { })).StatusCode.Should().Be(forbidden);
        (await adminB.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/approve", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await adminC.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/return", new { reason = "越权" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await admin.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/approve", new { })).ReadAsync<Bulletin>(200);
        (await memberA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/publish", new { })).StatusCode.Should().Be(forbidden);
        await (await secretaryA.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/publish", new { })).ReadAsync<Bulletin>(200);

        // Published: read by everyone in the alliance's subsidiaries, not by one outside it.
        foreach (var reader in new[] { memberA, adminB, secretaryB, memberB })
            (await reader.GetAsync($"/api/v1/bulletins/{draft.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var outsider in new[] { adminC, secretaryC })
        {
            (await outsider.GetAsync($"/api/v1/bulletins/{draft.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await outsider.GetAsync($"/api/v1/bulletins/{draft.Id}/pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await (await outsider.GetAsync($"/api/v1/bulletins?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Summary>>(200)).Items.Should().BeEmpty();
        }

        // Nominations: proposed by planners taking part, reviewed by the bulletin's reviewers but not the nominator.
        var nominate = new { allianceId = s.Alliance.Id, month = "2026-05", organizationId = s.CommitteeA, reasonZh = "表现突出" };
        (await memberB.PostAsJsonAsync("/api/v1/nominations", nominate)).StatusCode.Should().Be(forbidden);
        (await secretaryC.PostAsJsonAsync("/api/v1/nominations", nominate)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var byB = await (await secretaryB.PostAsJsonAsync("/api/v1/nominations", nominate)).ReadAsync<Nominee>(201);
        var byA = await (await adminA.PostAsJsonAsync("/api/v1/nominations", new { allianceId = s.Alliance.Id, month = "2026-05", organizationId = s.CommitteeB, reasonZh = "服务群众" })).ReadAsync<Nominee>(201);
        (await adminB.PostAsJsonAsync($"/api/v1/nominations/{byB.Id}/accept", new { })).StatusCode.Should().BeOneOf(forbidden, HttpStatusCode.NotFound);
        (await secretaryA.PostAsJsonAsync($"/api/v1/nominations/{byB.Id}/accept", new { })).StatusCode.Should().Be(forbidden);
        (await (await adminA.PostAsJsonAsync($"/api/v1/nominations/{byA.Id}/accept", new { })).ProblemAsync(409)).Should().NotBeNull("the nominator does not review");
        (await (await adminA.PostAsJsonAsync($"/api/v1/nominations/{byB.Id}/reject", new { note = "材料不足" })).ReadAsync<Nominee>(200)).State.Should().Be("rejected");
        (await (await admin.PostAsJsonAsync($"/api/v1/nominations/{byA.Id}/accept", new { })).ReadAsync<Nominee>(200)).State.Should().Be("accepted");
        (await (await secretaryC.GetAsync($"/api/v1/nominations?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Nominee>>(200)).Items.Should().BeEmpty();
        (await (await memberB.GetAsync($"/api/v1/nominations?allianceId={s.Alliance.Id}")).ReadAsync<PagedList<Nominee>>(200)).Items
            .Should().Contain(n => n.Id == byA.Id);
    }

    [Fact]
    public async Task Partners_are_refused_every_bulletin_and_nomination_endpoint()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await admin.SettingAsync();
        var draft = await (await admin.PostAsJsonAsync("/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = Month })).ReadAsync<Bulletin>(201);
        var partner = await stack.SignedInAsync(Roles.Partner, userName: "partner-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var path in new[] { "/api/v1/bulletins", $"/api/v1/bulletins/{draft.Id}", $"/api/v1/bulletins/{draft.Id}/html", $"/api/v1/bulletins/{draft.Id}/pdf",
                     $"/api/v1/bulletins/{draft.Id}/history", "/api/v1/nominations" })
            (await partner.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        (await partner.PostAsJsonAsync("/api/v1/bulletins", new { allianceId = s.Alliance.Id, month = "2026-06" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.PostAsJsonAsync($"/api/v1/bulletins/{draft.Id}/submit", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await partner.PostAsJsonAsync("/api/v1/nominations", new { allianceId = s.Alliance.Id, month = Month, organizationId = s.CommitteeA, reasonZh = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

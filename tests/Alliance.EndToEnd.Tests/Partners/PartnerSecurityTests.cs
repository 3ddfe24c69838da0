using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Activities.ActivityApi;
using static Alliance.EndToEnd.Tests.Meetings.MeetingApi;

namespace Alliance.EndToEnd.Tests.Partners;

/// <summary>
/// External partners (role <c>partner</c>) through the gateway: an administrator of the lead subsidiary gives a person of
/// an external member unit an account; they then see that unit's alliances and those alliances' activities, and every
/// other endpoint refuses them.
/// </summary>
[Collection(StackCollection.Name)]
public class PartnerSecurityTests(StackFixture stack)
{
    /// <summary>The operations open to partners; opening another one is a decision this list records.</summary>
    static readonly HashSet<string> OpenToPartners =
        ["GetMe", "GetMyPartnerAccount", "ListAlliances", "GetAlliance", "ListActivityTypes", "ListActivities", "GetActivity", "GetHostRotation",
            "ListAttachments", "DownloadAttachment", "ListMeetings", "GetMeeting", "ListMeetingDecisionItems", "GetSupervisionBoard", "GetDecisionItem",
            "GetDecisionItemHistory", "RecordDecisionItemProgress", "ClaimDecisionItemDone", "CheckIn",
            "ListProblems", "PostProblem", "GetProblem", "ReviseProblem", "WithdrawProblem", "RankProblemMatches", "ListProblemMatches", "ProposeMatch",
            "AcceptMatch", "DeclineMatch", "ResolveMatch", "ListResourceOffers", "OfferResource", "GetResourceOffer", "ReviseResourceOffer",
            "WithdrawResourceOffer", "GetResourceCatalogue", "ExportResourceCatalogue"];

    public sealed record PartnerAccount(Guid Id, string UserName, string DisplayName, string UnitKind, string UnitName, string Phone, string CreatedBy,
        DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? RevokedBy, string? RevokeReason, List<Guid> AllianceIds);

    static Guid ExternalUnitId(PartyAlliance alliance, string name) => alliance.Members.Single(m => m.Name == name).Id;

    static object Account(PartyAlliance alliance, Guid memberUnitId, string userName) =>
        new { allianceId = alliance.Id, memberUnitId, userName, displayName = "王经理", phone = "13800000000" };

    [Fact]
    public async Task Every_endpoint_not_opened_to_partners_refuses_a_partner_before_it_runs()
    {
        var partner = await stack.SignedInAsync(Roles.Partner, userName: NewCode("partner"));
        using var openApi = JsonDocument.Parse(await stack.Anonymous().GetStringAsync("/openapi/v1.json"));
        var seen = new List<string>();

        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/")))
        foreach (var operation in path.Value.EnumerateObject())
        {
            var id = operation.Value.TryGetProperty("operationId", out var name) ? name.GetString()! : $"{operation.Name} {path.Name}";
            // An anonymous operation carries one empty security requirement (OpenApiSecurity).
            var anonymous = operation.Value.TryGetProperty("security", out var security) &&
                security.EnumerateArray().All(requirement => !requirement.EnumerateObject().Any());
            if (anonymous) continue;
            var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", p => p.Value == "{year}" ? "2026" : Guid.NewGuid().ToString());
            var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
            if (operation.Name is "post" or "put" or "patch") request.Content = JsonContent.Create(new { });
            var response = await partner.SendAsync(request);
            seen.Add(id);

            if (OpenToPartners.Contains(id))
                // An empty body to a command is the client's mistake (400): still served, not refused.
                response.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest], $"{id} is open to partners");
            else
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{id} ({operation.Name.ToUpperInvariant()} {path.Name}) is not open to partners");
        }
        seen.Should().Contain(OpenToPartners, "every operation opened to partners is in the API");
        seen.Count.Should().BeGreaterThan(40);
    }

    [Fact]
    public async Task A_partner_sees_the_alliances_of_their_unit_and_their_activities_and_nothing_of_any_subsidiary()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var bankName = NewCode("建设银行");
        var alliance = await groupAdmin.JoinAsync(s.Alliance, Bank(bankName));
        var otherAlliance = await groupAdmin.FormAllianceAsync(s.CommitteeC, NewCode("他盟"));
        var inAlliance = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], allianceId: alliance.Id, title: NewCode("联学")));
        var meeting = await groupAdmin.RecordMeetingAsync(MeetingBody(alliance, NewCode("联席会议")));
        var otherMeeting = await groupAdmin.RecordMeetingAsync(MeetingBody(
            await groupAdmin.JoinAsync(otherAlliance, Bank(NewCode("他行"))), NewCode("他盟会议")));
        var ownOnly = await groupAdmin.ScheduleAsync(Body([s.CommitteeA], title: NewCode("内部")));
        var leadAdmin = await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.A);
        var userName = NewCode("bank.wang");

        var created = await (await leadAdmin.PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, ExternalUnitId(alliance, bankName), userName)))
            .ReadAsync<PartnerAccount>(201);

        created.UnitName.Should().Be(bankName);
        created.UnitKind.Should().Be("bank");
        created.AllianceIds.Should().Equal(alliance.Id);
        var partner = await stack.SignedInAsync(Roles.Partner, userName: userName);
        (await (await partner.GetAsync("/api/v1/partner-accounts/me")).ReadAsync<PartnerAccount>(200)).Id.Should().Be(created.Id);
        var alliances = await (await partner.GetAsync("/api/v1/alliances?pageSize=200")).ReadAsync<PagedList<PartyAlliance>>(200);
        alliances.Items.Select(a => a.Id).Should().Equal(alliance.Id);
        (await partner.GetAsync($"/api/v1/alliances/{otherAlliance.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var activities = await partner.ListActivitiesAsync("?pageSize=200");
        activities.Items.Select(a => a.Id).Should().Equal(inAlliance.Id);
        (await partner.GetActivityAsync(inAlliance.Id)).CanChange.Should().BeFalse();
        (await partner.GetAsync($"/api/v1/activities/{ownOnly.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var meetings = await (await partner.GetAsync("/api/v1/meetings?pageSize=200")).ReadAsync<PagedList<Meeting>>(200);
        meetings.Items.Select(m => m.Id).Should().Equal(meeting.Id);
        (await (await partner.GetAsync($"/api/v1/meetings/{meeting.Id}")).ReadAsync<Meeting>(200)).CanChange.Should().BeFalse();
        (await partner.GetAsync($"/api/v1/meetings/{otherMeeting.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await partner.GetAsync($"/api/v1/meetings/{meeting.Id}/decision-items")).ReadAsync<Board>(200)).Total.Should().Be(0, "the meeting has no item of the partner's unit");

        foreach (var internalPath in new[]
        {
            $"/api/v1/subsidiaries/{s.A}/organizations", $"/api/v1/organizations/{s.CommitteeA}", $"/api/v1/subsidiaries/{s.A}/people",
            "/api/v1/subsidiaries", "/api/v1/dashboard", $"/api/v1/activities/{inAlliance.Id}/history", "/api/v1/partner-accounts",
        })
            (await partner.GetAsync(internalPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden, internalPath);
        (await partner.PostAsJsonAsync("/api/v1/activities", Body([s.CommitteeA], allianceId: alliance.Id))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_an_administrator_of_the_lead_subsidiary_gives_an_account_bad_input_writes_nothing_and_a_revoked_account_reaches_nothing()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var s = await groupAdmin.SettingAsync();
        var communityName = NewCode("梅园社区");
        var alliance = await groupAdmin.JoinAsync(s.Alliance, new { external = new { kind = "community", name = communityName, contactName = "李主任", contactPhone = "139" } });
        var unitId = ExternalUnitId(alliance, communityName);
        var userName = NewCode("li.community");

        (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.B)).PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, unitId, userName)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "B is a member, not the lead");
        (await (await stack.SignedInAsync(Roles.SubsidiaryAdmin, s.C)).PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, unitId, userName)))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "C does not see the alliance");
        (await (await stack.SignedInAsync(Roles.Secretary, s.A)).PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, unitId, userName)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var missing = await (await groupAdmin.PostAsJsonAsync("/api/v1/partner-accounts", new { userName = "a b" })).ProblemAsync(400);
        missing.Errors!.Keys.Should().BeEquivalentTo(["allianceId", "memberUnitId", "userName", "displayName"]);
        (await groupAdmin.PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, Guid.NewGuid(), userName))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await groupAdmin.PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, alliance.Members.First(m => m.OrganizationId == s.CommitteeB).Id, userName)))
            .ProblemAsync(409)).Errors!.Should().ContainKey("memberUnitId");
        var none = await (await groupAdmin.GetAsync($"/api/v1/partner-accounts?allianceId={alliance.Id}&includeRevoked=true")).ReadAsync<PagedList<PartnerAccount>>(200);
        none.Items.Should().NotContain(a => a.UserName == userName, "no refused request wrote an account");

        var account = await (await groupAdmin.PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, unitId, userName))).ReadAsync<PartnerAccount>(201);
        (await groupAdmin.PostAsJsonAsync("/api/v1/partner-accounts", Account(alliance, unitId, userName))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var partner = await stack.SignedInAsync(Roles.Partner, userName: userName);
        (await partner.GetAsync($"/api/v1/alliances/{alliance.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await (await groupAdmin.PostAsJsonAsync($"/api/v1/partner-accounts/{account.Id}/revoke", new { reason = "" })).ProblemAsync(400)).Errors!.Should().ContainKey("reason");
        var revoked = await (await groupAdmin.PostAsJsonAsync($"/api/v1/partner-accounts/{account.Id}/revoke", new { reason = "人员调整" })).ReadAsync<PartnerAccount>(200);

        revoked.RevokedAt.Should().NotBeNull();
        revoked.RevokedBy.Should().Be(Roles.GroupAdmin);
        (await partner.GetAsync($"/api/v1/alliances/{alliance.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await partner.GetAsync("/api/v1/partner-accounts/me")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_partner_token_names_a_user_and_no_subsidiary()
    {
        var client = stack.Anonymous();
        (await (await client.PostAsJsonAsync("/api/dev/token", new { role = Roles.Partner })).ProblemAsync(400)).Errors!.Should().ContainKey("userName");
        (await (await client.PostAsJsonAsync("/api/dev/token", new { role = Roles.Partner, userName = "x", subsidiaryId = Guid.NewGuid() })).ProblemAsync(400))
            .Errors!.Should().ContainKey("subsidiaryId");
        var partner = await stack.SignedInAsync(Roles.Partner, userName: "partner.me");
        var me = await (await partner.GetAsync("/api/v1/me")).Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("role").GetString().Should().Be(Roles.Partner);
        me.GetProperty("subsidiaryId").ValueKind.Should().Be(JsonValueKind.Null);
    }
}

using System.Net.Http.Json;
using Alliance.Contracts;
using Alliance.EndToEnd.Tests.Alliances;
using Alliance.EndToEnd.Tests.People;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests;

/// <summary>People, roles, an alliance and a pairing created over REST show in the reporting views within a bound.</summary>
[Collection(StackCollection.Name)]
public class ReportingViewsTests(StackFixture stack)
{
    sealed record AllianceCounts(Guid AllianceId, string Name, Guid LeadSubsidiaryId, int MemberUnits, int InternalUnits, int ExternalUnits,
        Guid? CurrentChairUnitId, string? CurrentChairUnitName);
    sealed record OrganizationMembers(Guid OrganizationId, int Full, int Probationary);
    sealed record Members(Guid SubsidiaryId, int Full, int Probationary, List<OrganizationMembers> PerOrganization);
    sealed record CrossAppointment(Guid SubsidiaryId, int Secretaries, int CrossAppointed, double Ratio);
    sealed record ExpiringPairing(Guid PairingId, string Title, string ExpiresOn);
    sealed record PairingCounts(Guid SubsidiaryId, int Active, int ExpiringSoon, int ExpiringSoonDays, List<ExpiringPairing> Expiring);

    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task People_roles_an_alliance_and_a_pairing_created_over_REST_appear_in_the_views()
    {
        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var (subsidiary, committee) = await admin.SubsidiaryWithCommitteeAsync("报表视图企业");
        var manager = await admin.RegisterPersonAsync(subsidiary.Id, "书记甲", managementPost: "总经理");
        var deputy = await admin.RegisterPersonAsync(subsidiary.Id, "副书记乙");
        var member = await admin.RegisterPersonAsync(subsidiary.Id, "预备党员丙");
        await admin.JoinAsync(manager.Id, committee.Id);
        await admin.JoinAsync(deputy.Id, committee.Id);
        await admin.JoinAsync(member.Id, committee.Id, status: "probationary", joinedOn: "2026-01-05");
        await admin.AssignRoleAsync(manager.Id, committee.Id, "secretary");
        await admin.AssignRoleAsync(deputy.Id, committee.Id, "deputy-secretary");
        var alliance = await admin.FormAllianceAsync(committee.Id, "报表视图联盟");
        await admin.JoinAsync(alliance, AllianceApi.Bank());
        var expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd");
        var expiring = await admin.SignPairingAsync(committee.Id, expiresOn);
        await admin.SignPairingAsync(committee.Id);

        var members = await EventuallyAsync(() => admin.GetFromJsonAsync<Members>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/members")!,
            m => m!.Full == 2 && m.Probationary == 1, Bound);
        members!.PerOrganization.Should().ContainSingle().Which.Should().Be(new OrganizationMembers(committee.Id, 2, 1));

        var cross = await EventuallyAsync(() => admin.GetFromJsonAsync<CrossAppointment>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/cross-appointment")!,
            c => c!.Secretaries == 2, Bound);
        cross.Should().Be(new CrossAppointment(subsidiary.Id, 2, 1, 0.5));

        var alliances = await EventuallyAsync(() => admin.GetFromJsonAsync<List<AllianceCounts>>($"/api/v1/dashboard/alliances?subsidiaryId={subsidiary.Id}")!,
            a => a!.Count == 1 && a[0].MemberUnits == 2, Bound);
        alliances!.Single().Should().Match<AllianceCounts>(a => a.AllianceId == alliance.Id && a.InternalUnits == 1 && a.ExternalUnits == 1);

        var pairings = await EventuallyAsync(() => admin.GetFromJsonAsync<PairingCounts>($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/pairings")!,
            p => p!.Active == 1 && p.ExpiringSoon == 1, Bound);
        pairings!.Expiring.Single().Should().Be(new ExpiringPairing(expiring.Id, "共建协议", expiresOn));

        // Another subsidiary's admin finds none of it.
        var outsider = await stack.SignedInAsync(Roles.SubsidiaryAdmin, Guid.NewGuid());
        foreach (var view in new[] { "members", "cross-appointment", "pairings" })
            (await outsider.GetAsync($"/api/v1/dashboard/subsidiaries/{subsidiary.Id}/{view}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await outsider.GetFromJsonAsync<List<AllianceCounts>>("/api/v1/dashboard/alliances"))!.Should().NotContain(a => a.AllianceId == alliance.Id);
    }
}

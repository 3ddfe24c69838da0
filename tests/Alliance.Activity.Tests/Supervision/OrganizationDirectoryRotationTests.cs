using Alliance.Activity.Common;
using Alliance.Activity.Supervision;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Grpc;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Activity.Tests.Supervision;

/// <summary>
/// The real <see cref="OrganizationDirectory"/> reading an alliance's rotating secretary schedule from the organization
/// service's answer, and the sweep's service identity in the metadata it sends.
/// </summary>
public class OrganizationDirectoryRotationTests
{
    sealed class RecordingAlliances(O.PartyAlliance answer) : O.AllianceService.AllianceServiceClient
    {
        public Metadata? Sent { get; private set; }

        public override AsyncUnaryCall<O.PartyAlliance> GetAllianceAsync(O.GetAllianceRequest request, CallOptions options)
        {
            Sent = options.Headers;
            return new AsyncUnaryCall<O.PartyAlliance>(Task.FromResult(answer), Task.FromResult(new Metadata()),
                () => Status.DefaultSuccess, () => [], () => { });
        }
    }

    [Fact]
    public async Task The_rotating_secretary_of_a_day_comes_from_the_current_and_upcoming_periods_asked_under_the_service_identity()
    {
        var subsidiary = Guid.NewGuid();
        var (unitA, unitB) = (Guid.NewGuid(), Guid.NewGuid());
        var answer = new O.PartyAlliance { Id = Guid.NewGuid().ToString(), Name = "城市服务联盟", LeadSubsidiaryId = subsidiary.ToString() };
        answer.Members.Add(new O.MemberUnit { Id = unitA.ToString(), OrganizationId = Guid.NewGuid().ToString(), SubsidiaryId = subsidiary.ToString(), Name = "甲公司党委" });
        answer.Members.Add(new O.MemberUnit { Id = unitB.ToString(), Name = "浦东银行", External = new O.ExternalUnit { Name = "浦东银行" } });
        var current = new O.RotationPeriod { MemberUnitId = unitA.ToString(), StartsOn = "2026-01-01", EndsOn = "2026-04-01" };
        var next = new O.RotationPeriod { MemberUnitId = unitB.ToString(), StartsOn = "2026-04-01", EndsOn = "2026-07-01" };
        answer.Rotation = new O.Rotation { StartsOn = "2026-01-01", PeriodMonths = 3, Current = current, Next = next, Upcoming = { current, next } };
        var alliances = new RecordingAlliances(answer);
        var directory = new OrganizationDirectory(null!, null!, alliances, null!, null!, null!, null!, null!);

        var facts = await directory.FindAllianceAsync(SupervisionSweep.ServiceIdentity, Guid.Parse(answer.Id), CancellationToken.None);

        facts!.Rotation.Should().HaveCount(2);
        facts.RotatingSecretaryOn(new DateOnly(2026, 3, 31))!.Name.Should().Be("甲公司党委");
        facts.RotatingSecretaryOn(new DateOnly(2026, 4, 1))!.Should().Match<MemberUnitFacts>(m => m.Name == "浦东银行" && m.External);
        alliances.Sent!.GetValue(AllianceMetadata.UserRole).Should().Be(Roles.GroupAdmin);
        alliances.Sent!.GetValue(AllianceMetadata.TenantId).Should().BeNull();
        Uri.UnescapeDataString(alliances.Sent!.GetValue(AllianceMetadata.UserId)!).Should().Be("service:activity-supervision");
    }
}

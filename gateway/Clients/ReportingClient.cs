using Alliance.Contracts;
using Alliance.Contracts.Reporting.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.reporting.v1.ReportingService; its replicas share the load.</summary>
public sealed class ReportingClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = ReportingReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Reporting);

    public Task<GroupDashboard> GetGroupDashboardAsync(CancellationToken ct) =>
        Channel.UnaryAsync<GetGroupDashboardRequest, GroupDashboard>(Service.FindMethodByName("GetGroupDashboard"),
            new GetGroupDashboardRequest(), new CallOptions { CancellationToken = ct });

    public Task<SubsidiaryDashboard> GetSubsidiaryDashboardAsync(Guid subsidiaryId, CancellationToken ct) =>
        Channel.UnaryAsync<GetSubsidiaryDashboardRequest, SubsidiaryDashboard>(Service.FindMethodByName("GetSubsidiaryDashboard"),
            new GetSubsidiaryDashboardRequest { SubsidiaryId = subsidiaryId.ToString() }, new CallOptions { CancellationToken = ct });

    public Task<AllianceCountsResponse> GetAllianceCountsAsync(Guid? subsidiaryId, CancellationToken ct)
    {
        var request = new GetAllianceCountsRequest();
        if (subsidiaryId is { } id) request.SubsidiaryId = id.ToString();
        return Channel.UnaryAsync<GetAllianceCountsRequest, AllianceCountsResponse>(Service.FindMethodByName("GetAllianceCounts"),
            request, new CallOptions { CancellationToken = ct });
    }

    public Task<MemberCountsResponse> GetMemberCountsAsync(Guid subsidiaryId, CancellationToken ct) =>
        Channel.UnaryAsync<GetMemberCountsRequest, MemberCountsResponse>(Service.FindMethodByName("GetMemberCounts"),
            new GetMemberCountsRequest { SubsidiaryId = subsidiaryId.ToString() }, new CallOptions { CancellationToken = ct });

    public Task<CrossAppointment> GetCrossAppointmentAsync(Guid subsidiaryId, CancellationToken ct) =>
        Channel.UnaryAsync<GetCrossAppointmentRequest, CrossAppointment>(Service.FindMethodByName("GetCrossAppointment"),
            new GetCrossAppointmentRequest { SubsidiaryId = subsidiaryId.ToString() }, new CallOptions { CancellationToken = ct });

    public Task<PairingCounts> GetPairingCountsAsync(Guid subsidiaryId, CancellationToken ct) =>
        Channel.UnaryAsync<GetPairingCountsRequest, PairingCounts>(Service.FindMethodByName("GetPairingCounts"),
            new GetPairingCountsRequest { SubsidiaryId = subsidiaryId.ToString() }, new CallOptions { CancellationToken = ct });
}

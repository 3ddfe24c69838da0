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
}

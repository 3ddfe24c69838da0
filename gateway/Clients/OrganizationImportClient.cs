using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.OrganizationImportService over our gRPC channel.</summary>
public sealed class OrganizationImportClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = OrganizationImportReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    /// <summary>A file of the maximum size (10,000 rows, each an insert and an event) takes longer than the default deadline.</summary>
    static readonly TimeSpan ImportDeadline = TimeSpan.FromSeconds(60);

    Task<TreeImportResult> Call(string method, TreeImportRequest request, CancellationToken ct) =>
        Channel.UnaryAsync<TreeImportRequest, TreeImportResult>(Service.FindMethodByName(method), request,
            new CallOptions { CancellationToken = ct, Deadline = DateTime.UtcNow + ImportDeadline });

    public Task<TreeImportResult> PreviewTreeImportAsync(TreeImportRequest r, CancellationToken ct) => Call("PreviewTreeImport", r, ct);
    public Task<TreeImportResult> ApplyTreeImportAsync(TreeImportRequest r, CancellationToken ct) => Call("ApplyTreeImport", r, ct);
}

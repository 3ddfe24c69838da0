using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using Google.Protobuf.Reflection;

namespace Alliance.Organization.Tests;

/// <summary>
/// The organization service maps its gRPC services by name, without building their descriptors (ADR 17): here each name
/// and each service class is held to its .proto, method by method, in both directions.
/// </summary>
public class GrpcContractTests
{
    public static TheoryData<string, Type> Services => new()
    {
        { GrpcServiceNames.Organization, typeof(OrganizationGrpcService) },
        { GrpcServiceNames.People, typeof(Organization.People.PeopleGrpcService) },
        { GrpcServiceNames.Alliances, typeof(Organization.Alliances.AllianceGrpcService) },
        { GrpcServiceNames.Pairings, typeof(Organization.Pairings.PairingGrpcService) },
        { GrpcServiceNames.ServiceCenters, typeof(Organization.ServiceCenters.ServiceCenterGrpcService) },
        { GrpcServiceNames.HrSync, typeof(Organization.HrSync.HrSyncGrpcService) },
        { GrpcServiceNames.HrConnectors, typeof(Organization.HrSync.Connectors.HrConnectorGrpcService) },
        { GrpcServiceNames.OrganizationImport, typeof(Organization.Import.OrganizationImportGrpcService) },
    };

    static readonly FileDescriptor[] Files =
    [
        OrganizationReflection.Descriptor, PeopleReflection.Descriptor, AlliancesReflection.Descriptor, PairingsReflection.Descriptor,
        ServiceCentersReflection.Descriptor, HrSyncReflection.Descriptor, HrConnectorsReflection.Descriptor, OrganizationImportReflection.Descriptor,
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public void A_mapped_service_serves_exactly_the_rpcs_of_its_proto(string serviceName, Type serviceClass)
    {
        var descriptor = Files.SelectMany(f => f.Services).SingleOrDefault(s => s.FullName == serviceName);
        descriptor.Should().NotBeNull($"{serviceName} names a service of the organization's .proto files");

        var expected = descriptor!.Methods.Select(m => (m.Name, m.InputType.ClrType, m.OutputType.ClrType)).OrderBy(m => m.Name, StringComparer.Ordinal);
        GrpcServerExtensions.RpcMethodsOf(serviceClass).Should().Equal(expected, $"{serviceClass.Name} implements every rpc of {serviceName}, with its types, and nothing else");
    }

    [Fact]
    public void Every_service_of_the_organizations_proto_files_is_mapped()
    {
        Files.SelectMany(f => f.Services).Select(s => s.FullName).Should().BeEquivalentTo(Services.Select(row => (string)row[0]));
    }
}

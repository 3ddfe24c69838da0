using Alliance.Contracts;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Dashboards;
using Alliance.ServiceDefaults.Grpc;

namespace Alliance.Reporting.Tests;

/// <summary>The reporting service maps its gRPC service by name (ADR 17): the name and the class held to the .proto.</summary>
public class GrpcContractTests
{
    [Fact]
    public void The_reporting_service_serves_exactly_the_rpcs_of_its_proto()
    {
        var descriptor = ReportingReflection.Descriptor.Services.Should().ContainSingle().Subject;
        descriptor.FullName.Should().Be(GrpcServiceNames.Reporting);

        var expected = descriptor.Methods.Select(m => (m.Name, m.InputType.ClrType, m.OutputType.ClrType)).OrderBy(m => m.Name, StringComparer.Ordinal);
        GrpcServerExtensions.RpcMethodsOf(typeof(ReportingGrpcService)).Should().Equal(expected);
    }
}

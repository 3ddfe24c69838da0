using Alliance.ServiceDefaults.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcClientRegistrationTests
{
    [Fact]
    public void A_registered_client_gets_every_replica_address_from_service_discovery_configuration()
    {
        using var services = Services(new()
        {
            ["services:organization:http:0"] = "http://127.0.0.1:5101",
            ["services:organization:http:1"] = "http://127.0.0.1:5102",
        }, s => s.AddGrpcClient("organization"));

        var channel = services.GetRequiredService<IGrpcChannelFactory>().Get("organization");

        channel.Addresses.Select(a => a.ToString()).Should().Equal("http://127.0.0.1:5101/", "http://127.0.0.1:5102/");
        services.GetRequiredService<IGrpcChannelFactory>().Get("organization").Should().BeSameAs(channel);
    }

    [Fact]
    public void A_client_can_use_a_named_endpoint()
    {
        using var services = Services(new() { ["services:reporting:grpc:0"] = "http://127.0.0.1:5201" },
            s => s.AddGrpcClient("reporting", "grpc"));

        var channel = services.GetRequiredService<IGrpcChannelFactory>().Get("reporting");

        channel.Addresses.Should().ContainSingle().Which.Port.Should().Be(5201);
    }

    [Fact]
    public void A_missing_address_is_reported_with_the_configuration_key()
    {
        using var services = Services(new(), s => s.AddGrpcClient("talent"));

        var get = () => services.GetRequiredService<IGrpcChannelFactory>().Get("talent");

        get.Should().Throw<InvalidOperationException>().WithMessage("*'services:talent:http:0'*");
    }

    [Fact]
    public void An_unregistered_service_name_is_reported()
    {
        using var services = Services(new(), s => s.AddGrpcClient("talent"));

        var get = () => services.GetRequiredService<IGrpcChannelFactory>().Get("activity");

        get.Should().Throw<InvalidOperationException>().WithMessage("*AddGrpcClient(\"activity\")*");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register(services);
        return services.BuildServiceProvider();
    }
}

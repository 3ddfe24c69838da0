using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcMetadataTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Request_headers_reach_the_service_and_its_trailers_reach_the_client()
    {
        using var channel = _server.CreateChannel();
        var headers = new Metadata()
            .Add("X-Request-Note", "ascii note")
            .Add("x-token-bin", [0, 1, 2, 250]);

        var reply = await channel.UnaryAsync<EchoRequest, MetadataReply>(GrpcTestServer.Echo.EchoMetadata,
            new EchoRequest(), new CallOptions(Headers: headers));

        reply.Headers["x-request-note"].Should().Be("ascii note");
        Convert.FromBase64String(reply.Headers["x-token-bin"]).Should().Equal(0, 1, 2, 250);
        reply.Headers.Keys.Should().NotContain(["content-type", "te", "grpc-timeout"]);
    }

    [Fact]
    public async Task Response_trailers_of_a_successful_call_are_sent_including_binary_ones()
    {
        using var http = RawGrpc.CreateHttp2Client();
        var request = RawGrpc.Request(_server.Address, "/test.interop.v1.Echo/EchoMetadata", RawGrpc.Frame(new EchoRequest()));

        using var response = await http.SendAsync(request);
        await RawGrpc.ReadStatusAsync(response);

        response.TrailingHeaders.GetValues("grpc-status").Should().Equal("0");
        response.TrailingHeaders.GetValues("x-trailer").Should().Equal("trailer-value");
        var binary = response.TrailingHeaders.GetValues("x-trailer-bin").Single();
        Convert.FromBase64String(binary.PadRight((binary.Length + 3) / 4 * 4, '=')).Should().Equal(1, 2, 3, 255);
    }

    [Fact]
    public async Task The_tenant_and_user_headers_are_read_by_the_call_context()
    {
        using var channel = _server.CreateChannel();
        var headers = new Metadata()
            .Add(AllianceMetadata.TenantId, "tenant-7")
            .Add(AllianceMetadata.UserId, "user-42")
            .Add(AllianceMetadata.UserRole, "coordinator");

        var reply = await channel.UnaryAsync<EchoRequest, MetadataReply>(GrpcTestServer.Echo.EchoMetadata,
            new EchoRequest(), new CallOptions(Headers: headers));

        reply.Headers["tenant"].Should().Be("tenant-7");
        reply.Headers["user"].Should().Be("user-42");
        reply.Headers["role"].Should().Be("coordinator");
    }

    [Fact]
    public async Task A_user_id_in_Chinese_travels_percent_encoded_and_is_read_back_whole()
    {
        using var channel = _server.CreateChannel();
        var headers = new Metadata().Add(AllianceMetadata.UserId, AllianceMetadata.EncodeText("张三"));

        var reply = await channel.UnaryAsync<EchoRequest, MetadataReply>(GrpcTestServer.Echo.EchoMetadata,
            new EchoRequest(), new CallOptions(Headers: headers));

        reply.Headers["user"].Should().Be("张三");
    }

    [Fact]
    public void A_text_value_that_is_not_printable_ASCII_is_refused_when_added()
    {
        var act = () => new Metadata().Add(AllianceMetadata.UserId, "张三");
        act.Should().Throw<ArgumentException>().WithMessage("*printable ASCII*");
    }

    [Fact]
    public async Task An_outgoing_metadata_provider_in_DI_adds_its_headers_to_every_call()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:echo:http:0"] = _server.Address.ToString() })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IOutgoingMetadataProvider>(new FixedTenant("tenant-from-gateway"))
            .AddGrpcClient("echo")
            .BuildServiceProvider();
        var channel = services.GetRequiredService<IGrpcChannelFactory>().Get("echo");

        var reply = await channel.UnaryAsync<EchoRequest, MetadataReply>(GrpcTestServer.Echo.EchoMetadata, new EchoRequest());

        reply.Headers["tenant"].Should().Be("tenant-from-gateway");
    }

    [Fact]
    public void Metadata_keys_are_lower_cased_and_binary_values_need_a_bin_key()
    {
        var metadata = new Metadata().Add("X-Tenant-Id", "t-1");

        metadata.GetValue("x-tenant-id").Should().Be("t-1");
        metadata.Single().Key.Should().Be("x-tenant-id");
        var textForBinaryKey = () => metadata.Add("x-token-bin", "text");
        textForBinaryKey.Should().Throw<ArgumentException>();
        var bytesForTextKey = () => metadata.Add("x-token", [1]);
        bytesForTextKey.Should().Throw<ArgumentException>();
    }

    private sealed class FixedTenant(string tenant) : IOutgoingMetadataProvider
    {
        public void AddTo(Metadata headers) => headers.Add(AllianceMetadata.TenantId, tenant);
    }
}

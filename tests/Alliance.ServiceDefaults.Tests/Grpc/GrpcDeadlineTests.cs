using Grpc.Core;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;

namespace Alliance.ServiceDefaults.Tests.Grpc;

/// <summary>The server side of deadlines, seen on the wire (grpc-timeout), without a client that enforces them itself.</summary>
public sealed class GrpcDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_call_past_its_deadline_gets_DEADLINE_EXCEEDED_from_the_server_and_the_method_is_cancelled()
    {
        using var http = RawGrpc.CreateHttp2Client();
        var request = RawGrpc.Request(_server.Address, "/test.interop.v1.Echo/Slow", RawGrpc.Frame(new SlowRequest { DelayMs = 60_000 }));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");

        using var response = await http.SendAsync(request).WaitAsync(Bound);
        var (status, _) = await RawGrpc.ReadStatusAsync(response).WaitAsync(Bound);

        status.Should().Be(((int)StatusCode.DeadlineExceeded).ToString());
        await _server.State.SlowCallCancelled.Task.WaitAsync(Bound);
    }
}

using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Alliance.ServiceDefaults.Tests.Grpc.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync(map: app =>
        // Never answers: only the client's own deadline can end a call here.
        app.MapPost("/test.hang.v1.Hang/Forever", async (HttpContext http) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        }));

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

    [Fact]
    public async Task A_call_past_its_deadline_gets_DEADLINE_EXCEEDED_from_the_client_when_the_server_never_answers()
    {
        using var channel = _server.CreateChannel();

        var call = () => channel.UnaryAsync<EchoRequest, EchoReply>("/test.hang.v1.Hang/Forever", new EchoRequest(),
            new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300)));

        (await call.Should().ThrowAsync<RpcException>().WaitAsync(Bound)).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_channel_default_one()
    {
        using var channel = _server.CreateChannel(o => o.DefaultDeadline = TimeSpan.FromMilliseconds(300));

        var call = () => channel.UnaryAsync<EchoRequest, EchoReply>("/test.hang.v1.Hang/Forever", new EchoRequest());

        (await call.Should().ThrowAsync<RpcException>().WaitAsync(Bound)).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task A_call_cancelled_by_the_caller_is_CANCELLED()
    {
        using var channel = _server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        var call = channel.UnaryAsync<EchoRequest, EchoReply>("/test.hang.v1.Hang/Forever", new EchoRequest(),
            new CallOptions(CancellationToken: cancellation.Token));
        await cancellation.CancelAsync();

        var failure = await FluentActions.Awaiting(() => call).Should().ThrowAsync<RpcException>().WaitAsync(Bound);
        failure.Which.StatusCode.Should().Be(StatusCode.Cancelled);
    }

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("500n", 5L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Grpc_timeout_values_in_every_unit_are_understood(string header, long ticks)
    {
        GrpcProtocol.TryParseTimeout(header, out var timeout).Should().BeTrue();
        timeout.Ticks.Should().Be(ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("5x")]
    [InlineData("-5S")]
    public void Malformed_grpc_timeout_values_are_ignored(string header)
    {
        GrpcProtocol.TryParseTimeout(header, out _).Should().BeFalse();
    }

    [Fact]
    public void An_outgoing_grpc_timeout_has_at_most_eight_digits_and_round_trips()
    {
        foreach (var remaining in new[] { TimeSpan.FromMilliseconds(1.5), TimeSpan.FromSeconds(10), TimeSpan.FromDays(3), TimeSpan.FromDays(4000) })
        {
            var header = GrpcProtocol.FormatTimeout(remaining);

            header.Length.Should().BeLessThanOrEqualTo(9);
            GrpcProtocol.TryParseTimeout(header, out var parsed).Should().BeTrue();
            parsed.Should().BeCloseTo(remaining, remaining / 1000);
        }
    }
}

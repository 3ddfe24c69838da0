using System.Net;
using System.Net.Sockets;
using Alliance.Testing.Servers;
using Alliance.Contracts;
using Alliance.ServiceDefaults.Messaging;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Alliance.ServiceDefaults.Tests.Messaging;

/// <summary>The gate in front of the bus's start: it opens when something answers AMQP's header as a broker does.</summary>
public class BrokerGateTests
{
    [Fact]
    public async Task Nothing_listening_does_not_answer()
    {
        (await AmqpProbe.AnswersAsync("127.0.0.1", FreePort.Next(), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task A_listener_that_never_speaks_does_not_answer()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        (await AmqpProbe.AnswersAsync("127.0.0.1", port, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task The_start_waits_until_the_broker_answers()
    {
        var port = FreePort.Next();
        var gate = Gate(new MessagingOptions(), $"amqp://guest:guest@127.0.0.1:{port}/");
        var starting = gate.StartAsync(CancellationToken.None);
        await Task.Delay(700);
        starting.IsCompleted.Should().BeFalse("no broker answers yet");

        using var broker = new TcpListener(IPAddress.Loopback, port);
        broker.Start();
        var answering = AnswerLikeABrokerAsync(broker);
        await starting.WaitAsync(TimeSpan.FromSeconds(10));
        (await answering).Should().Equal("AMQP\0\0\x09\x01"u8.ToArray(), "the start went on once a broker answered the header");
    }

    [Fact]
    public async Task The_start_fails_after_the_wait_timeout_so_the_supervisor_starts_the_service_again()
    {
        var gate = Gate(new MessagingOptions { BrokerWaitTimeout = TimeSpan.FromMilliseconds(300) }, $"amqp://127.0.0.1:{FreePort.Next()}/");

        var start = () => gate.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*did not answer within*");
    }

    [Fact]
    public void The_gate_is_registered_before_the_bus_so_the_bus_starts_after_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{ResourceNames.Bus}"] = "amqp://127.0.0.1:5672/" });

        builder.AddServiceMessaging();

        var hosted = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name ?? "").ToList();
        var gate = hosted.IndexOf(nameof(BrokerGate));
        var bus = hosted.FindIndex(name => name.StartsWith("MassTransitHostedService", StringComparison.Ordinal));
        gate.Should().BeGreaterThanOrEqualTo(0);
        bus.Should().BeGreaterThan(gate, "hosted services start in the order they were added");
    }

    static BrokerGate Gate(MessagingOptions options, string bus) =>
        new(Options.Create(options), new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { [$"ConnectionStrings:{ResourceNames.Bus}"] = bus }).Build(), NullLogger<BrokerGate>.Instance);

    /// <summary>Reads the client's protocol header and answers with the first byte of a method frame; returns the header.</summary>
    static async Task<byte[]> AnswerLikeABrokerAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var header = new byte[8];
        await stream.ReadExactlyAsync(header);
        await stream.WriteAsync(new byte[] { 1, 0, 0 });
        return header;
    }
}

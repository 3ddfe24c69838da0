using System.Diagnostics;
using Alliance.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// Holds the start of the bus (and of what starts after it) until the broker answers the AMQP handshake, so a service
/// started while RabbitMQ is still booting does its own start-up work meanwhile and then connects at once, instead of
/// failing its first connection and waiting out MassTransit's reconnect back-off. Registered just before MassTransit's
/// hosted service. A broker that does not answer within <see cref="MessagingOptions.BrokerWaitTimeout"/> fails the start:
/// the process exits and its supervisor (the AppHost, or the deployment's) starts it again with the configuration of
/// then, which matters when the broker had to move to another port meanwhile. ADR 15.
/// </summary>
public sealed partial class BrokerGate(IOptions<MessagingOptions> options, IConfiguration configuration, ILogger<BrokerGate> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var broker = new Uri(configuration.GetConnectionString(ResourceNames.Bus)
            ?? throw new InvalidOperationException($"Messaging needs ConnectionStrings:{ResourceNames.Bus}."));
        var port = AmqpProbe.PortOf(broker);
        var timeout = options.Value.BrokerWaitTimeout;
        var watch = Stopwatch.StartNew();
        var waited = false;
        while (!await AmqpProbe.AnswersAsync(broker.Host, port, ct))
        {
            if (watch.Elapsed >= timeout)
                throw new InvalidOperationException(
                    $"The broker at {broker.Host}:{port} did not answer within {timeout.TotalSeconds:0} s; stopping so that the service is started again.");
            waited = true;
            await Task.Delay(100, ct);
        }
        if (waited) LogReady(logger, broker.Host, port, watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "The broker at {Host}:{Port} answered after {ElapsedMs} ms; starting the bus")]
    static partial void LogReady(ILogger logger, string host, int port, long elapsedMs);
}

using Alliance.Contracts;
using Alliance.Contracts.Events;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>A consuming service's queues, outside MassTransit's receive endpoints.</summary>
public static class ConsumerQueues
{
    /// <summary>
    /// Declares the queues of <paramref name="service"/>'s consumers (with their bindings, as MassTransit declares them)
    /// and purges them; call it before the bus starts, while nothing consumes them.
    /// </summary>
    public static async Task DeclareAndPurgeAsync(IServiceProvider services, string service, CancellationToken ct)
    {
        var broker = services.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.Bus)
            ?? throw new InvalidOperationException($"Purging queues needs ConnectionStrings:{ResourceNames.Bus}.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsumerQueues));
        await using var publisher = new OutboxPublisher(new Uri(broker), $"alliance-{service}-queues", services.GetRequiredService<IBus>(),
            services.GetRequiredService<EventSubscriptions>(), logger);
        await publisher.DeclareAndPurgeQueuesAsync(service, ct);
    }
}

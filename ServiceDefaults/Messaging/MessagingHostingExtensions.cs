using Alliance.Contracts;
using Alliance.Contracts.Events;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// MassTransit on RabbitMQ (connection string <c>ConnectionStrings:bus</c>) with the outbox, in-memory retry and
/// error queues, and a bus health check tagged <c>ready</c>.
/// </summary>
public static class MessagingHostingExtensions
{
    /// <summary>Messaging for a service that writes events through the outbox of <typeparamref name="TDbContext"/>
    /// (which must map <c>AddOutbox()</c>, and <c>AddInbox()</c> if it has <see cref="IdempotentConsumer{TDbContext,TMessage}"/>s).
    /// <paramref name="subscriptions"/>: the consumers whose queues the outbox declares before it publishes, and that name this
    /// service's endpoints; <see cref="EventSubscriptions.Alliance"/> unless a test gives its own.</summary>
    public static IHostApplicationBuilder AddServiceMessaging<TDbContext>(this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configureConsumers = null, EventSubscriptions? subscriptions = null) where TDbContext : DbContext
    {
        builder.AddServiceMessaging(configureConsumers, subscriptions);
        var services = builder.Services;
        services.TryAddSingleton<OutboxSignal<TDbContext>>();
        services.TryAddSingleton<Data.ServiceDatabase<TDbContext>>();
        services.TryAddSingleton<OutboxSaveChangesInterceptor<TDbContext>>();
        // Singleton: a pooled context's options (AddServiceDatabase, ADR 31) are built once, from the root provider.
        services.ConfigureDbContext<TDbContext>((sp, options) =>
            options.AddInterceptors(sp.GetRequiredService<OutboxSaveChangesInterceptor<TDbContext>>()), ServiceLifetime.Singleton);
        var enabled = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>()?.Outbox.Enabled ?? true;
        if (enabled) services.AddHostedService<OutboxDispatcher<TDbContext>>();
        return builder;
    }

    /// <summary>Messaging without an outbox: for hosts that consume only, or publish nothing transactional.</summary>
    public static IHostApplicationBuilder AddServiceMessaging(this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configureConsumers = null, EventSubscriptions? subscriptions = null)
    {
        var section = builder.Configuration.GetSection(MessagingOptions.SectionName);
        var options = section.Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddOptions<MessagingOptions>().Bind(section);
        var serviceName = options.ServiceName ?? builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Bus)
            ?? throw new InvalidOperationException($"Messaging needs ConnectionStrings:{ResourceNames.Bus} (an amqp:// URI with the virtual host).");
        var broker = new Uri(connectionString);
        subscriptions ??= EventSubscriptions.Alliance;
        builder.Services.TryAddSingleton(subscriptions);
        var endpointNames = new SubscribedEndpointNames(serviceName, subscriptions);

        // Before MassTransit's hosted service, so the bus starts once the broker answers (a service may start before it).
        builder.Services.AddHostedService<BrokerGate>();
        builder.Services.AddMassTransit(x =>
        {
            // "reporting" + OrganizationCreatedConsumer => queue "reporting-organization-created", as EventSubscriptions names it.
            x.SetEndpointNameFormatter(endpointNames);
            x.ConfigureHealthCheckOptions(h =>
            {
                h.Name = "bus";
                h.MinimalFailureStatus = HealthStatus.Unhealthy;
                h.Tags.Add("ready");
            });
            configureConsumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker.Host, (ushort)(broker.Port > 0 ? broker.Port : 5672), VirtualHost(broker), h =>
                {
                    var (user, password) = Credentials(broker);
                    h.Username(user);
                    h.Password(password);
                    h.PublisherConfirmation = true; // Publish completes only when the broker has the message
                });
                if (options.PrefetchCount is { } prefetch) cfg.PrefetchCount = prefetch;
                // No delayed redelivery (needs a broker plug-in Debian's RabbitMQ lacks): retry in memory, then <queue>_error.
                cfg.UseMessageRetry(r => r.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval,
                    TimeSpan.FromTicks(Math.Max(1, (options.RetryMaxInterval - options.RetryMinInterval).Ticks / Math.Max(1, options.RetryLimit)))));
                cfg.ConfigureEndpoints(context);
                endpointNames.ThrowIfAnyUnconsumed();
            });
        });
        return builder;
    }

    /// <summary>The queue-name prefix for a service: its name in kebab-case, ending with a dash.</summary>
    public static string EndpointPrefix(string serviceName) =>
        KebabCaseEndpointNameFormatter.Instance.SanitizeName(serviceName.Replace('.', '-')).Trim('-') + "-";

    static string VirtualHost(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return path.Length == 0 ? "/" : path;
    }

    static (string User, string Password) Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return ("guest", "guest");
        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}

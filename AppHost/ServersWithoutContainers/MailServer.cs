using Alliance.AppHost.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.AppHost.ServersWithoutContainers;

/// <summary>
/// A local SMTP server for running the system: Debian's aiosmtpd, run by DCP as an executable. It accepts every message
/// and prints it to its console log (the dashboard's "mail" resource), so the e-mail channel can be seen working
/// without a real relay. Nothing leaves the machine.
/// </summary>
public sealed class MailServerResource(string name, string directory, int port)
    : ExecutableResource(name, "/usr/bin/python3", directory)
{
    public int Port => port;
}

public static class MailServerExtensions
{
    public static IResourceBuilder<MailServerResource> AddMailServer(this IDistributedApplicationBuilder builder,
        string name, string dataRoot, int port)
    {
        var dir = Path.GetFullPath(Path.Combine(dataRoot, name));
        Directory.CreateDirectory(dir);
        var healthCheck = $"{name}-connect";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, ct => Probes.TcpAsync(port, ct));
        // -u: unbuffered, so each message shows in the log as it arrives.
        return builder.AddResource(new MailServerResource(name, dir, port))
            .WithArgs("-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Debugging", "stdout")
            .WithEndpoint(name: "smtp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// Points the activity service's e-mail channel at the SMTP server the AppHost is configured with
    /// (<c>Notifications:Smtp:*</c> in its configuration or environment, e.g. <c>Notifications__Smtp__Host</c>), or, when no
    /// host is configured, at a local <see cref="MailServerResource"/> it starts.
    /// </summary>
    public static IResourceBuilder<T> WithSmtp<T>(this IResourceBuilder<T> service, IDistributedApplicationBuilder builder,
        string mailResourceName, string dataRoot) where T : IResourceWithEnvironment
    {
        var configured = builder.Configuration.GetSection("Notifications:Smtp");
        if (!string.IsNullOrWhiteSpace(configured["Host"]))
        {
            foreach (var setting in configured.GetChildren().Where(s => s.Value is not null))
                service.WithEnvironment($"Notifications__Smtp__{setting.Key}", setting.Value!);
            return service;
        }
        var mail = builder.AddMailServer(mailResourceName, dataRoot, FreePorts.Next()).WithRestartOnCrash();
        // No wait: a message sent before the server answers is retried by the delivery queue.
        return service
            .WithEnvironment("Notifications__Smtp__Host", "127.0.0.1")
            .WithEnvironment("Notifications__Smtp__Port", mail.Resource.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Notifications__Smtp__Security", "None")
            .WithEnvironment("Notifications__Smtp__FromAddress", "alliance@localhost");
    }
}

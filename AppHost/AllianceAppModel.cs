using Alliance.AppHost.Hosting;
using Alliance.Contracts;

namespace Alliance.AppHost;

/// <summary>Alliance's resources, named once (<see cref="ResourceNames"/>): used by Program.cs and by the tests.</summary>
public static class AllianceAppModel
{
    public const string SignInHint = "Sign in: choose a role on the sign-in page (development issuer)";

    public static void Configure(IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        var pg = builder.AddPostgres(ResourceNames.Postgres);
        var bus = builder.AddRabbitMQ(ResourceNames.Bus);
        var cache = builder.AddRedis(ResourceNames.Cache);

        IResourceBuilder<ProjectResource> Service(string name, string projectPath, IResourceBuilder<PostgresDatabaseResource> db, bool startsBeforeBroker = false)
        {
            var service = builder.AddProject(name, projectPath)
                .WithHttpEndpoint(http2: true)
                .WithReference(db).WaitFor(db)
                .WithReference(bus);
            // The organization service has the longest start (migrations, the pinyin table): it does that while RabbitMQ
            // boots, and its bus starts when the broker answers (BrokerGate; ADR 15).
            if (!startsBeforeBroker) service.WaitFor(bus);
            return service.WithReference(cache).WaitFor(cache);
        }

        const string organizationProject = "services/Organization/Alliance.Organization.csproj";
        var organizationDb = pg.AddDatabase(ResourceNames.Databases.Organization);
        var organization = Service(ResourceNames.Organization, organizationProject, organizationDb, startsBeforeBroker: true);
        var activity = Service(ResourceNames.Activity, "services/Activity/Alliance.Activity.csproj", pg.AddDatabase(ResourceNames.Databases.Activity));
        var talent = Service(ResourceNames.Talent, "services/Talent/Alliance.Talent.csproj", pg.AddDatabase(ResourceNames.Databases.Talent));
        var reporting = Service(ResourceNames.Reporting, "services/Reporting/Alliance.Reporting.csproj", pg.AddDatabase(ResourceNames.Databases.Reporting))
            .WithReplicas(2);

        // The demo data is loaded by the organization service's build run once beside it (it migrates under the same lock,
        // writes the data and its events to the outbox in one transaction, and exits; the service's dispatcher publishes
        // them), so the running service never holds what loading took (ADR 18). "Running" waits for it to finish.
        if (options.DemoData)
        {
            builder.AddProject(ResourceNames.DemoData, organizationProject)
                .WithReference(organizationDb).WaitFor(organizationDb)
                .WithEnvironment("DemoData__Enabled", "true")
                .WithEnvironment("DemoData__LoadAndExit", "true")
                .RunToCompletion();
        }

        // The gateway needs the services' addresses to start, not the services themselves: it starts beside them, and
        // the AppHost says "running" only once every resource is healthy (ADR 15).
        builder.AddProject(ResourceNames.Gateway, "gateway/Alliance.Gateway.csproj")
            .WithHttpEndpoint(port: options.GatewayPort)
            .WithReference(organization)
            .WithReference(activity)
            .WithReference(talent)
            .WithReference(reporting)
            .WithReference(cache).WaitFor(cache);
    }

    /// <summary>Prints where to go once everything is healthy (or what failed).</summary>
    public static async Task AnnounceWhenReadyAsync(DistributedApplication app, TextWriter output, CancellationToken ct = default)
    {
        await app.WaitUntilAsync(() => app.DashboardUrl is not null, ct);
        output.WriteLine($"Dashboard: {app.DashboardUrl}   (state file: {app.StateFile})");
        try
        {
            await app.WaitForAllHealthyAsync(ct);
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine($"Not everything started. {e.Message}. See {app.DashboardUrl}");
            return;
        }
        catch (OperationCanceledException) { return; }
        output.WriteLine($"""

            ==================================================================
              Alliance is running.
              Console (gateway): {app.GetEndpoint(ResourceNames.Gateway)}
              Dashboard:         {app.DashboardUrl}
              {SignInHint}
              Ctrl+C stops everything.
            ==================================================================

            """);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Alliance.AppHost.Hosting;
using Alliance.AppHost.ServersWithoutContainers;
using Alliance.AppHost.Supervision;
using Alliance.Contracts;

namespace Alliance.AppHost;

/// <summary>Alliance's resources, named once (<see cref="ResourceNames"/>): used by Program.cs and by the tests.</summary>
public static class AllianceAppModel
{
    public const string SignInHint = "Sign in: choose a role on the sign-in page (development issuer)";

    /// <summary>Reporting runs as two resources with ports of their own, both handed to the gateway: DCP's proxy in front of
    /// replicas pins each HTTP/2 connection, so each client, to one replica (ADR 25).</summary>
    public static readonly string[] ReportingInstances = [$"{ResourceNames.Reporting}-0", $"{ResourceNames.Reporting}-1"];

    public static void Configure(IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        var dataDir = options.DataDirectory ?? Path.Combine(RepositoryRoot(), ".alliance", "data");
        builder.Configuration[StatusReporter.StateFileKey] = options.DataDirectory is null
            ? Path.Combine(Path.GetDirectoryName(dataDir)!, "resources.json")
            : Path.Combine(dataDir, "resources.json");
        builder.Services.AddHealthChecks();
        builder.Services.AddHostedServiceFirst<StatusReporter>();

        var pg = builder.AddPostgresServer(ResourceNames.Postgres, dataDir, FreePorts.Next()).WithRestartOnCrash();
        var bus = builder.AddRabbitMqServer(ResourceNames.Bus, dataDir, FreePorts.Next(), FreePorts.Next(), FreePorts.Next()).WithRestartOnCrash();
        var cache = builder.AddRedisServer(ResourceNames.Cache, dataDir, FreePorts.Next()).WithRestartOnCrash();
        builder.CreateResourceBuilder(builder.Resources.Single(r => r.Name == $"{ResourceNames.Bus}-epmd")).WithRestartOnCrash();
        builder.CreateResourceBuilder(builder.Resources.Single(r => r.Name == $"{ResourceNames.Postgres}-init"))
            .WithAnnotation(new RunsToCompletionAnnotation());
        var organizationDb = pg.AddDatabase(ResourceNames.Databases.Organization);
        var activityDb = pg.AddDatabase(ResourceNames.Databases.Activity);
        var talentDb = pg.AddDatabase(ResourceNames.Databases.Talent);
        var reportingDb = pg.AddDatabase(ResourceNames.Databases.Reporting);
        if (options.ServersOnly) return;

        IResourceBuilder<ExecutableResource> Service<TProject>(string name, IResourceBuilder<PostgresDatabaseResource> db, bool startsBeforeBroker = false)
            where TProject : IProjectMetadata, new()
        {
            var service = builder.AddBuiltProject<TProject>(name, FreePorts.Next(), options.EnvironmentName)
                .WithEnvironment("Kestrel__EndpointDefaults__Protocols", "Http2")
                .WithGrpcHealthCheck()
                .WithReference(db).WaitFor(db)
                .WithReference(bus);
            // The organization service has the longest start (migrations, the pinyin table): it does that while RabbitMQ
            // boots, and its bus starts when the broker answers (BrokerGate; ADR 15).
            if (!startsBeforeBroker) service.WaitFor(bus);
            return service.WithReference(cache).WaitFor(cache).WithRestartOnCrash();
        }

        var organization = Service<Projects.Alliance_Organization>(ResourceNames.Organization, organizationDb, startsBeforeBroker: true);
        var activity = Service<Projects.Alliance_Activity>(ResourceNames.Activity, activityDb);
        // The activity service asks the organization service about hosts, alliances, pairings and venues (ADR 27).
        activity.WithEnvironment($"services__{ResourceNames.Organization}__{ResourceNames.Endpoints.Http}__0", organization.GetEndpoint(ResourceNames.Endpoints.Http));
        // Its e-mail channel sends to the configured relay, or to a local SMTP server whose log shows each message.
        activity.WithSmtp(builder, ResourceNames.Mail, dataDir);
        var talent = Service<Projects.Alliance_Talent>(ResourceNames.Talent, talentDb);
        // The talent service asks the organization service who a caller is as a person and a secretary's organizations (ADR 43).
        talent.WithEnvironment($"services__{ResourceNames.Organization}__{ResourceNames.Endpoints.Http}__0", organization.GetEndpoint(ResourceNames.Endpoints.Http));
        var reporting = ReportingInstances
            .Select(name => Service<Projects.Alliance_Reporting>(name, reportingDb).WithEnvironment("OTEL_SERVICE_NAME", ResourceNames.Reporting)
                // New or empty read models are filled from the organization and activity services' current state (ADR 26); no WaitFor:
                // reporting asks again until it answers.
                .WithEnvironment($"services__{ResourceNames.Organization}__{ResourceNames.Endpoints.Http}__0", organization.GetEndpoint(ResourceNames.Endpoints.Http))
                .WithEnvironment($"services__{ResourceNames.Activity}__{ResourceNames.Endpoints.Http}__0", activity.GetEndpoint(ResourceNames.Endpoints.Http)))
            .ToList();

        // The demo data is loaded by the organization service's build run once beside it (it migrates under the same lock,
        // writes the data and its events to the outbox in one transaction, and exits; the service's dispatcher publishes
        // them), so the running service never holds what loading took (ADR 18). "Running" waits for it to finish. It need
        // not wait for reporting: the outbox declares reporting's queues before it publishes (ADR 24).
        if (options.DemoData)
        {
            builder.AddBuiltProject<Projects.Alliance_Organization>(ResourceNames.DemoData, port: null, options.EnvironmentName)
                .WithReference(organizationDb).WaitFor(organizationDb)
                .WithEnvironment("DemoData__Enabled", "true")
                .WithEnvironment("DemoData__LoadAndExit", "true")
                .WithAnnotation(new RunsToCompletionAnnotation());
        }

        // The gateway needs the services' addresses to start, not the services themselves: it starts beside them, and
        // the AppHost says "running" only once every resource is healthy (ADR 15). HTTP/1.1: browsers and scripts.
        var gatewayPort = options.GatewayPort ?? FreePorts.Next();
        builder.Configuration[StatusReporter.GatewayUrlKey] = $"http://127.0.0.1:{gatewayPort}/";
        var gateway = builder.AddBuiltProject<Projects.Alliance_Gateway>(ResourceNames.Gateway, gatewayPort, options.EnvironmentName)
            .WithEnvironment("Kestrel__EndpointDefaults__Protocols", "Http1")
            .WithHttpHealthCheck("/health")
            .WithReference(cache).WaitFor(cache)
            .WithRestartOnCrash();
        foreach (var (name, service) in new[] { (ResourceNames.Organization, organization), (ResourceNames.Activity, activity), (ResourceNames.Talent, talent) })
            gateway.WithEnvironment($"services__{name}__{ResourceNames.Endpoints.Http}__0", service.GetEndpoint(ResourceNames.Endpoints.Http));
        for (var i = 0; i < reporting.Count; i++)
            gateway.WithEnvironment($"services__{ResourceNames.Reporting}__{ResourceNames.Endpoints.Http}__{i}", reporting[i].GetEndpoint(ResourceNames.Endpoints.Http));
    }

    /// <summary>The folder holding Alliance.sln above the AppHost's build output (or the current folder).</summary>
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Alliance.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

using Alliance.Contracts;
using Alliance.Organization.Data;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Data;

namespace Alliance.Organization.Demo;

/// <summary>
/// The organization service's build run once to load the demo data (<c>DemoData:LoadAndExit</c>, set by the AppHost's
/// <c>demo-data</c> resource): it migrates the database (under the same lock as the service), loads the file unless the
/// database holds data, and exits with 0; the service's outbox dispatcher then publishes the events. The service itself
/// never loads it, so it does not keep the code and types the load used (docs/adr/0018).
/// </summary>
public static class DemoDataRun
{
    public const string LoadAndExitKey = "DemoData:LoadAndExit";

    public static bool IsRequested(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build().GetValue(LoadAndExitKey, false);

    /// <summary>Loads and returns the exit code: 0 when the data is there (loaded now or before), 1 when loading failed.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<OrganizationDbContext>(ResourceNames.Databases.Organization);
        builder.Services.AddSingleton(PersonalDataProtector.FromConfiguration(builder.Configuration, builder.Environment));
        builder.Services.AddHostedService<DemoDataLoader>();
        using var host = builder.Build();
        try
        {
            await host.StartAsync(); // hosted services start in order: migrations, then the load
            await host.StopAsync();
            return 0;
        }
        catch (Exception e)
        {
            host.Services.GetRequiredService<ILogger<DemoDataLoader>>().LogError(e, "Loading the demo data failed.");
            return 1;
        }
    }
}

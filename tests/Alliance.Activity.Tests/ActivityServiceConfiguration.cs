using Alliance.Contracts;
using Alliance.Testing;

namespace Alliance.Activity.Tests;

/// <summary>What a test's activity service is given: a database and a virtual host of its own on the shared servers.</summary>
internal static class ActivityServiceConfiguration
{
    public static async Task<Dictionary<string, string?>> AddOwnServersAsync(this Dictionary<string, string?> configuration, string name)
    {
        var servers = await RealServers.GetAsync();
        configuration[$"ConnectionStrings:{ResourceNames.Databases.Activity}"] = await servers.CreateDatabaseAsync(name);
        configuration[$"ConnectionStrings:{ResourceNames.Bus}"] = await servers.CreateVirtualHostAsync(name);
        configuration["OTEL_SERVICE_NAME"] = ResourceNames.Activity;
        return configuration;
    }
}

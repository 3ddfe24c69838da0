using Alliance.Contracts;
using Alliance.Testing;

namespace Alliance.Organization.Tests;

/// <summary>What a test's organization service is given: a database and a virtual host of its own on the shared servers.</summary>
internal static class OrganizationServiceConfiguration
{
    /// <summary>Adds the connection strings and the service name to <paramref name="configuration"/> and returns it.</summary>
    public static async Task<Dictionary<string, string?>> AddOwnServersAsync(this Dictionary<string, string?> configuration, string name)
    {
        var servers = await RealServers.GetAsync();
        configuration[$"ConnectionStrings:{ResourceNames.Databases.Organization}"] = await servers.CreateDatabaseAsync(name);
        configuration[$"ConnectionStrings:{ResourceNames.Bus}"] = await servers.CreateVirtualHostAsync(name);
        configuration["OTEL_SERVICE_NAME"] = ResourceNames.Organization;
        return configuration;
    }
}

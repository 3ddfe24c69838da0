using System.Text.Json.Serialization;

namespace Alliance.AppHost.Hosting;

/// <summary>A resource's lifecycle, with Aspire's names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResourceState>))]
/// <summary>Aspire's states; <see cref="Finished"/>: a resource run to completion that exited with code 0.</summary>
public enum ResourceState { NotStarted, Waiting, Starting, Running, RuntimeUnhealthy, Finished, Exited, FailedToStart }

[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus { Unhealthy, Healthy }

public sealed record EndpointSnapshot(string Name, int Replica, string Url);

public sealed record ReplicaSnapshot(int Index, ResourceState State, HealthStatus Health, int? Pid, int Restarts, string? Message);

/// <summary>What the dashboard, <c>GET /resources</c>, <c>.alliance/resources.json</c> and tests see of one resource.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    HealthStatus Health,
    IReadOnlyList<EndpointSnapshot> Endpoints,
    IReadOnlyList<int> Pids,
    int Restarts,
    string? Message,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RecentLogs = null)
{
    [JsonIgnore] public bool IsHealthy => Health == HealthStatus.Healthy;
}

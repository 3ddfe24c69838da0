using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Contracts.Reporting.V1;
using Grpc.Net.Client;

namespace Alliance.Tools.Reconcile;

/// <summary>
/// <c>dotnet run --project tools/Reconcile -- [--organization URL] [--reporting URL]</c>: prints every difference between
/// reporting's read models and their source; exit code 0 when there is none, 1 when there are, 2 when it could not compare.
/// The addresses default to the services' Aspire keys (<c>services__organization__http__0</c>, <c>services__reporting__http__0</c>).
/// </summary>
public static class ReconcileCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        string? Option(string name, string resource)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1]
                : Environment.GetEnvironmentVariable($"services__{resource}__{ResourceNames.Endpoints.Http}__0");
        }
        var organization = Option("--organization", ResourceNames.Organization);
        var reporting = Option("--reporting", ResourceNames.Reporting);
        if (organization is null || reporting is null)
        {
            await output.WriteLineAsync("Usage: reconcile --organization http://host:port --reporting http://host:port");
            return 2;
        }
        try
        {
            using var source = GrpcChannel.ForAddress(organization);
            using var readModels = GrpcChannel.ForAddress(reporting);
            var differences = await Reconciliation.CompareAsync(new CurrentState.CurrentStateClient(source),
                new ReportingService.ReportingServiceClient(readModels), ct);
            foreach (var d in differences) await output.WriteLineAsync(d.ToString());
            await output.WriteLineAsync(differences.Count == 0
                ? "No differences: reporting's read models match the organization service."
                : $"{differences.Count} difference(s): rebuild the read models (docs/operations.md, Reconciliation).");
            return differences.Count == 0 ? 0 : 1;
        }
        catch (Grpc.Core.RpcException e)
        {
            await output.WriteLineAsync($"Could not compare: {e.Status.StatusCode} {e.Status.Detail}");
            return 2;
        }
    }
}

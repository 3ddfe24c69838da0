using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// A service's database as plain Npgsql connections (the DbContext's own connection string, so the same pool), for what
/// a service does while nobody uses it: readiness, the migration check at start, outbox polling, start-up checks. The
/// first touch of a DbContext makes EF Core build its model and query machinery (10–20 MB resident for good); through
/// this, an idle service pays that only when it is first used (docs/adr/0018).
/// </summary>
public sealed class ServiceDatabase<TDbContext>(IServiceScopeFactory scopes) where TDbContext : DbContext
{
    string? _connectionString;

    /// <summary>Read from the context's options, which does not build its model.</summary>
    public string ConnectionString => _connectionString ??= Read();

    string Read()
    {
        using var scope = scopes.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<TDbContext>>();
        return RelationalOptionsExtension.Extract(options).ConnectionString
            ?? throw new InvalidOperationException($"{typeof(TDbContext).Name} is configured without a connection string.");
    }

    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> on a connection of its own.</summary>
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The ids of the context's migrations, in order, read from its assembly's metadata (<c>[Migration]</c> on types with
    /// <c>[DbContext(typeof(TDbContext))]</c>) without loading those types or building the model, as EF Core would; null
    /// when the assembly has no file to read (a single-file bundle): then ask EF Core.
    /// </summary>
    public static IReadOnlyList<string>? MigrationIds()
    {
        var assembly = typeof(TDbContext).Assembly;
        if (string.IsNullOrEmpty(assembly.Location)) return null;
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var ids = new List<string>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            string? id = null;
            string? context = null;
            foreach (var attributeHandle in metadata.GetTypeDefinition(handle).GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(attributeHandle);
                var name = AttributeTypeName(metadata, attribute);
                if (name is not ("Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute" or "Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute")) continue;
                var value = attribute.DecodeValue(new StringTypeProvider()).FixedArguments[0].Value as string;
                if (name.EndsWith(".MigrationAttribute", StringComparison.Ordinal)) id = value;
                else context = value;
            }
            if (id is not null && context is not null && IsThisContext(context)) ids.Add(id);
        }
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>A serialized type name ("Ns.Name, Assembly, Version=…") names <typeparamref name="TDbContext"/>.</summary>
    static bool IsThisContext(string serialized) =>
        serialized == typeof(TDbContext).FullName || serialized.StartsWith(typeof(TDbContext).FullName + ",", StringComparison.Ordinal);

    static string? AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeReference when metadata.GetTypeReference((TypeReferenceHandle)type) is var r =>
                $"{metadata.GetString(r.Namespace)}.{metadata.GetString(r.Name)}",
            HandleKind.TypeDefinition when metadata.GetTypeDefinition((TypeDefinitionHandle)type) is var d =>
                $"{metadata.GetString(d.Namespace)}.{metadata.GetString(d.Name)}",
            _ => null,
        };
    }

    /// <summary>Decodes attribute arguments far enough for strings and <c>typeof</c> (as its serialized name).</summary>
    sealed class StringTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSystemType() => "System.Type";
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetTypeDefinition(handle) is var d ? $"{reader.GetString(d.Namespace)}.{reader.GetString(d.Name)}" : "";
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetTypeReference(handle) is var r ? $"{reader.GetString(r.Namespace)}.{reader.GetString(r.Name)}" : "";
        public string GetTypeFromSerializedName(string name) => name;
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(string type) => type == "System.Type";
    }
}

/// <summary>Ready when the service's database answers a query, over <see cref="ServiceDatabase{TDbContext}"/>.</summary>
internal sealed class ServiceDatabaseHealthCheck<TDbContext>(ServiceDatabase<TDbContext> database) : IHealthCheck where TDbContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await database.ScalarAsync<int>("SELECT 1", ct) == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("SELECT 1 did not answer 1");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
        }
    }
}

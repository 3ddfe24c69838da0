using System.Diagnostics;
using Alliance.Activity.Activities;
using Alliance.Activity.Attendance;
using Alliance.Activity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Alliance.Bench.Activity;

/// <summary>
/// The two ways the same rows get into the activity database, timed apart: the product's path (the service's
/// <see cref="ActivityDbContext"/>: its entities added and saved, EF Core batching the INSERTs, into the service's own
/// tables) and the raw part (binary COPY of the same rows, column by column as the EF model maps them, into tables made
/// <c>LIKE</c> the service's, indexes and constraints included, in a schema of their own).
/// </summary>
sealed class Load(string connectionString) : IAsyncDisposable
{
    public string ConnectionString => connectionString;

    public const string RawSchema = "bench_raw";
    static readonly Type[] Tables = [typeof(Alliance.Activity.Activities.Activity), typeof(ActivityHost), typeof(ActivityChange), typeof(Participant), typeof(CheckIn)];

    readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);
    readonly DbContextOptions<ActivityDbContext> _options = new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql(connectionString).Options;
    IModel? _model;

    public TimeSpan Product { get; private set; }
    public TimeSpan Raw { get; private set; }
    /// <summary>The batches past the measured share, COPYed straight into the service's tables (history for the boards, not compared).</summary>
    public TimeSpan Rest { get; private set; }

    public ActivityDbContext NewContext() => new(_options);

    /// <summary>The raw tables, empty, shaped like the service's (columns, defaults, indexes, unique and exclusion constraints; not foreign keys).</summary>
    public async Task PrepareRawTablesAsync()
    {
        await using var db = NewContext();
        _model = db.Model;
        var sql = $"DROP SCHEMA IF EXISTS {RawSchema} CASCADE; CREATE SCHEMA {RawSchema};" + string.Concat(Tables.Select(t =>
        {
            var table = _model.FindEntityType(t)!.GetTableName();
            return $"CREATE TABLE {RawSchema}.\"{table}\" (LIKE public.\"{table}\" INCLUDING ALL);";
        }));
        await using var command = _source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The batch through the service's model: one context, its entities added, one SaveChanges (one transaction).</summary>
    public async Task WriteProductAsync(HistoryBatch batch)
    {
        var watch = Stopwatch.StartNew();
        await using var db = NewContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Activities.AddRange(batch.Activities);
        db.AddRange(batch.Changes);
        db.AddRange(batch.Participants);
        db.AddRange(batch.CheckIns);
        await db.SaveChangesAsync();
        Product += watch.Elapsed;
    }

    /// <summary>The same rows by binary COPY, a table at a time, in one transaction, into the raw tables.</summary>
    public async Task WriteRawAsync(HistoryBatch batch) => Raw += await CopyBatchAsync(batch, RawSchema);

    /// <summary>A batch past the measured share: binary COPY into the service's own tables.</summary>
    public async Task WriteRestAsync(HistoryBatch batch) => Rest += await CopyBatchAsync(batch, "public");

    async Task<TimeSpan> CopyBatchAsync(HistoryBatch batch, string schema)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyAsync(connection, schema, batch.Activities);
        await CopyAsync(connection, schema, batch.Activities.SelectMany(a => a.Hosts).ToList());
        await CopyAsync(connection, schema, batch.Changes);
        await CopyAsync(connection, schema, batch.Participants);
        await CopyAsync(connection, schema, batch.CheckIns);
        await transaction.CommitAsync();
        return watch.Elapsed;
    }

    async Task CopyAsync<T>(NpgsqlConnection connection, string schema, IReadOnlyList<T> rows)
    {
        var entity = _model!.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!, Type: StoreType(p.GetColumnType()),
            Get: p.GetGetter(), Convert: p.GetTypeMapping().Converter)).ToList();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {schema}.\"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var c in columns)
            {
                var value = c.Get.GetClrValue(row!);
                if (value is not null && c.Convert is not null) value = c.Convert.ConvertToProvider(value);
                if (value is null) await importer.WriteNullAsync();
                else await importer.WriteAsync(value, c.Type);
            }
        }
        await importer.CompleteAsync();
    }

    /// <summary>"character varying(200)" → "character varying": the type name Npgsql writes by.</summary>
    static string StoreType(string type) => type.IndexOf('(') is var i and >= 0 ? type[..i] + type[(type.IndexOf(')') + 1)..] : type;

    /// <summary>Rows in the service's tables and in the raw ones, to show both hold the same.</summary>
    public async Task<(long Product, long Raw)> CountAsync(string table)
    {
        await using var command = _source.CreateCommand($"SELECT (SELECT count(*) FROM public.\"{table}\"), (SELECT count(*) FROM {RawSchema}.\"{table}\")");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = _source.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}

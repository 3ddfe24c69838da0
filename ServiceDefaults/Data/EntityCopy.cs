using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// Writes entities with PostgreSQL's binary COPY instead of INSERT statements, in the context's current transaction:
/// those a DbContext tracks as Added (then marked saved), or rows it does not track at all. For imports of hundreds of
/// thousands of rows, where SaveChanges' INSERT batches cost several times COPY. Tables, columns, store types and value converters come from the EF model,
/// so the rows are the ones SaveChanges would have written. Flat entity types only (no owned or complex types, no
/// database-generated values); anything else stays for SaveChanges.
/// </summary>
public static class EntityCopy
{
    /// <summary>
    /// COPYs the Added entities of each type, in the order given (parents before children, for foreign keys), then
    /// accepts them; returns how many rows were written. Needs an open transaction on the context.
    /// </summary>
    public static async Task<int> CopyAddedAsync(this DbContext db, IReadOnlyList<Type> types, CancellationToken ct)
    {
        var total = 0;
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList(); // one DetectChanges for every type
        foreach (var type in types)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var entries = added.Where(e => e.Metadata == entityType).ToList();
            if (entries.Count == 0) continue;
            await CopyRowsAsync(db, entityType, entries, static entry => entry.Entity, static (entry, property) => entry.Property(property.Name).CurrentValue, ct);
            foreach (var entry in entries) entry.State = EntityState.Unchanged;
            total += entries.Count;
        }
        return total;
    }

    /// <summary>
    /// COPYs <paramref name="rows"/>, entities the context does not track (and will not: they are written as they stand
    /// now), in the context's current transaction; returns how many. Entity types with shadow properties need
    /// <see cref="CopyAddedAsync"/>, where the tracker holds those values.
    /// </summary>
    public static async Task<int> CopyAsync<TEntity>(this DbContext db, IReadOnlyCollection<TEntity> rows, CancellationToken ct) where TEntity : class
    {
        if (rows.Count == 0) return 0;
        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        if (entityType.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException($"{typeof(TEntity).Name}.{shadow.Name} is a shadow property: copy tracked entities (CopyAddedAsync).");
        await CopyRowsAsync(db, entityType, rows, static row => row, static (_, property) => throw new UnreachableException(property.Name), ct);
        return rows.Count;
    }

    /// <summary>
    /// One binary COPY of the rows' mapped columns: <paramref name="entityOf"/> gives a row's entity, whose properties are
    /// read, and <paramref name="shadowValue"/> a row's shadow property.
    /// </summary>
    static async Task CopyRowsAsync<TRow>(DbContext db, IEntityType entityType, IEnumerable<TRow> rows, Func<TRow, object> entityOf,
        Func<TRow, IProperty, object?> shadowValue, CancellationToken ct)
    {
        // The COPY runs in the connection's open transaction, so it commits or rolls back with the rest.
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("COPY needs a transaction: it must commit with the rest.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Select(p => new Column(p, p.GetColumnName(table)!, p.GetGetter(), p.GetTypeMapping().Converter, DbType(p))).ToList();
        var quotedTable = entityType.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        var sql = $"COPY {quotedTable} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            var entity = entityOf(row);
            foreach (var column in columns)
            {
                var value = column.Property.IsShadowProperty()
                    ? shadowValue(row, column.Property)
                    : column.Getter.GetClrValueUsingContainingEntity(entity);
                if (column.Converter is { } converter && value is not null) value = converter.ConvertToProvider(value);
                if (value is null) await writer.WriteNullAsync(ct);
                else if (column.DbType is { } dbType) await writer.WriteAsync(value, dbType, ct);
                else await writer.WriteAsync(value, StoreType(column.Property), ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>The Npgsql type of the column's store type, resolved once per column (by name per value costs a lookup each).</summary>
    static NpgsqlDbType? DbType(IProperty property) => StoreType(property) switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        "boolean" => NpgsqlDbType.Boolean,
        "smallint" => NpgsqlDbType.Smallint,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "double precision" => NpgsqlDbType.Double,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        "jsonb" => NpgsqlDbType.Jsonb,
        "bytea" => NpgsqlDbType.Bytea,
        "text[]" => NpgsqlDbType.Array | NpgsqlDbType.Text,
        "uuid[]" => NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        _ => null,
    };

    /// <summary>The column's PostgreSQL type without its facets: "character varying(64)" is written as "character varying".</summary>
    static string StoreType(IProperty property)
    {
        var type = property.GetColumnType();
        var paren = type.IndexOf('(');
        return paren < 0 ? type : type[..paren] + type[(type.IndexOf(')') + 1)..];
    }

    sealed record Column(IProperty Property, string Name, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, NpgsqlDbType? DbType);
}

using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// Writes entities with PostgreSQL's binary COPY instead of INSERT statements, in the context's current transaction:
/// those a DbContext tracks as Added (then marked saved), or rows it does not track at all. For imports of hundreds of
/// thousands of rows, where SaveChanges' INSERT batches cost several times COPY. Tables, columns, store types and value
/// converters come from the EF model, so the rows are the ones SaveChanges would have written. Flat entity types only (no
/// owned or complex types, no shadow properties, no database-generated values); anything else stays for SaveChanges.
/// Rows are encoded first (<see cref="Encode{TEntity}"/>, typed, no connection needed: a pipeline encodes its next batch
/// while the previous one is written), then streamed as they are (<see cref="EncodedRows.WriteAsync"/>).
/// </summary>
public static class EntityCopy
{
    static readonly ConcurrentDictionary<IEntityType, CopyTable> Tables = new();

    /// <summary>
    /// COPYs <paramref name="rows"/>, entities the context does not track (and will not: they are written as they stand
    /// now), in the context's current transaction; returns how many.
    /// </summary>
    public static async Task<int> CopyAsync<TEntity>(this DbContext db, IReadOnlyCollection<TEntity> rows, CancellationToken ct) where TEntity : class
    {
        if (rows.Count == 0) return 0;
        var encoded = db.Encode(rows);
        await encoded.WriteAsync(db, ct);
        return encoded.Count;
    }

    /// <summary>Untracked <paramref name="rows"/> encoded as they stand now, to be written later by <see cref="EncodedRows.WriteAsync"/>.</summary>
    public static EncodedRows Encode<TEntity>(this DbContext db, IEnumerable<TEntity> rows) where TEntity : class =>
        Table(db, typeof(TEntity)).Encode(rows, accept: null);

    /// <summary>
    /// The Added entities of <paramref name="type"/> encoded as they stand now; once written, they are marked saved (so
    /// SaveChanges leaves them alone).
    /// </summary>
    public static EncodedRows EncodeAdded(this DbContext db, Type type)
    {
        var table = Table(db, type);
        var entries = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Metadata == table.EntityType).ToList();
        return table.Encode(entries.Select(e => e.Entity), entries);
    }

    static CopyTable Table(DbContext db, Type type)
    {
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        return Tables.GetOrAdd(entityType, static t => new CopyTable(t));
    }

    /// <summary>
    /// An entity type's COPY statement, one compiled writer per column (getter, value converter, binary form), and its
    /// foreign keys, so they can be checked per set (<see cref="Reference"/>).
    /// </summary>
    sealed class CopyTable
    {
        readonly string _table;
        readonly string _sql;
        readonly Action<object, CopyBuffer>[] _columns;
        readonly Reference[]? _references; // null: a composite foreign key, checked by PostgreSQL's row triggers only

        public CopyTable(IEntityType entityType)
        {
            EntityType = entityType;
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var properties = entityType.GetProperties().ToList();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new InvalidOperationException($"{entityType.ClrType.Name}.{shadow.Name} is a shadow property: EntityCopy writes what the entity holds.");
            _columns = properties.Select(ColumnWriter).ToArray();
            _table = Quoted(entityType);
            _sql = $"COPY {_table} ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) FROM STDIN (FORMAT BINARY)";
            var foreignKeys = entityType.GetForeignKeys().ToList();
            _references = foreignKeys.All(fk => fk.Properties.Count == 1 && fk.PrincipalEntityType.GetTableName() is not null)
                ? foreignKeys.Select(fk => new Reference(fk, _table)).ToArray()
                : null;
        }

        public IEntityType EntityType { get; }

        public EncodedRows Encode(IEnumerable<object> rows, IReadOnlyList<EntityEntry>? accept)
        {
            var buffer = new CopyBuffer();
            var keys = _references?.Select(_ => new HashSet<object>()).ToArray();
            foreach (var row in rows)
            {
                buffer.StartRow(_columns.Length);
                foreach (var column in _columns) column(row, buffer);
                for (var i = 0; keys is not null && i < keys.Length; i++)
                    if (_references![i].Key(row) is { } key) keys[i].Add(key);
            }
            return new EncodedRows(_table, _sql, buffer, accept, keys is null ? null : _references!.Zip(keys).ToArray());
        }
    }

    /// <summary>
    /// (entity, buffer) => buffer.Write(provider(entity.Property)), or Null() when the value is null: compiled once per
    /// column, so no value is boxed.
    /// </summary>
    static Action<object, CopyBuffer> ColumnWriter(IProperty property)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var buffer = Expression.Parameter(typeof(CopyBuffer), "buffer");
        MemberInfo member = property.PropertyInfo is { GetMethod: not null } p ? p : property.FieldInfo
            ?? throw new InvalidOperationException($"{property.DeclaringType.ClrType.Name}.{property.Name} has neither a getter nor a field.");
        Expression read = Expression.MakeMemberAccess(Expression.Convert(entity, member.DeclaringType!), member);

        var value = Expression.Variable(read.Type, "value");
        var underlying = Nullable.GetUnderlyingType(read.Type);
        Expression present = underlying is null ? value : Expression.Property(value, "Value");
        if (property.GetTypeMapping().Converter is { } converter)
            present = Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(present, converter.ModelClrType));
        var write = Write(buffer, StoreType(property), present, property);
        var body = read.Type.IsValueType && underlying is null
            ? write
            : Expression.Condition(Expression.Equal(value, Expression.Constant(null, read.Type)), Expression.Call(buffer, nameof(CopyBuffer.Null), null), write);
        var block = Expression.Block(typeof(void), [value], Expression.Assign(value, read), body);
        return Expression.Lambda<Action<object, CopyBuffer>>(block, entity, buffer).Compile();
    }

    /// <summary>The buffer's call that writes a provider value of this store type.</summary>
    static Expression Write(ParameterExpression buffer, string storeType, Expression value, IProperty property)
    {
        Expression Call(string method, Type parameter, params Expression[] more) =>
            Expression.Call(buffer, typeof(CopyBuffer).GetMethod(method, [parameter, .. more.Select(m => m.Type)])!, [Expression.Convert(value, parameter), .. more]);
        var type = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        return storeType switch
        {
            "uuid" when type == typeof(Guid) => Call(nameof(CopyBuffer.Uuid), typeof(Guid)),
            "text" or "character varying" or "character" when type == typeof(string) => Call(nameof(CopyBuffer.Text), typeof(string)),
            "boolean" when type == typeof(bool) => Call(nameof(CopyBuffer.Bool), typeof(bool)),
            "smallint" when type == typeof(short) => Call(nameof(CopyBuffer.Int2), typeof(short)),
            "integer" when type == typeof(int) => Call(nameof(CopyBuffer.Int4), typeof(int)),
            "bigint" when type == typeof(long) => Call(nameof(CopyBuffer.Int8), typeof(long)),
            "real" when type == typeof(float) => Call(nameof(CopyBuffer.Float4), typeof(float)),
            "double precision" when type == typeof(double) => Call(nameof(CopyBuffer.Float8), typeof(double)),
            "timestamp with time zone" when type == typeof(DateTimeOffset) => Call(nameof(CopyBuffer.TimestampTz), typeof(DateTimeOffset)),
            "timestamp with time zone" when type == typeof(DateTime) => Call(nameof(CopyBuffer.TimestampTz), typeof(DateTime)),
            "date" when type == typeof(DateOnly) => Call(nameof(CopyBuffer.Date), typeof(DateOnly)),
            "jsonb" when type == typeof(string) => Call(nameof(CopyBuffer.Jsonb), typeof(string)),
            "bytea" when type == typeof(byte[]) => Call(nameof(CopyBuffer.Bytea), typeof(byte[])),
            "text[]" when typeof(IEnumerable<string>).IsAssignableFrom(type) =>
                Call(nameof(CopyBuffer.TextArray), typeof(IEnumerable<string?>), Expression.Constant(25)),
            "character varying[]" when typeof(IEnumerable<string>).IsAssignableFrom(type) =>
                Call(nameof(CopyBuffer.TextArray), typeof(IEnumerable<string?>), Expression.Constant(1043)),
            "uuid[]" when typeof(IEnumerable<Guid>).IsAssignableFrom(type) => Call(nameof(CopyBuffer.UuidArray), typeof(IEnumerable<Guid>)),
            _ => throw new NotSupportedException(
                $"EntityCopy cannot write {property.DeclaringType.ClrType.Name}.{property.Name} ({storeType} from {type.Name}); add its binary form to CopyBuffer."),
        };
    }

    /// <summary>The entity type's table as SQL names it: "schema"."table", or "table".</summary>
    internal static string Quoted(IEntityType entityType) =>
        entityType.GetSchema() is { } schema ? $"\"{schema}\".\"{entityType.GetTableName()}\"" : $"\"{entityType.GetTableName()}\"";

    /// <summary>The column's PostgreSQL type without its facets: "character varying(64)" is written as "character varying".</summary>
    static string StoreType(IProperty property)
    {
        var type = property.GetColumnType();
        var paren = type.IndexOf('(');
        return paren < 0 ? type : type[..paren] + type[(type.IndexOf(')') + 1)..];
    }
}

/// <summary>
/// One single-column foreign key of a copied entity type, checked for a whole COPY at once: the referenced rows are looked
/// up and locked FOR KEY SHARE in one statement, as PostgreSQL's row trigger does for each row (ADR 20).
/// </summary>
sealed class Reference
{
    readonly Func<object, object?> _getter;
    readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter;

    public Reference(IForeignKey foreignKey, string dependentTable)
    {
        var property = foreignKey.Properties[0];
        var getter = property.GetGetter();
        _getter = getter.GetClrValueUsingContainingEntity;
        _converter = property.GetTypeMapping().Converter;
        KeyType = _converter?.ProviderClrType ?? Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var principal = foreignKey.PrincipalEntityType;
        var principalTable = StoreObjectIdentifier.Table(principal.GetTableName()!, principal.GetSchema());
        var quoted = EntityCopy.Quoted(principal);
        var column = foreignKey.PrincipalKey.Properties[0].GetColumnName(principalTable);
        Sql = $"SELECT count(*) FROM (SELECT 1 FROM {quoted} WHERE \"{column}\" = ANY(@keys) FOR KEY SHARE) found";
        Describe = $"{dependentTable}.{property.Name} → {quoted}";
    }

    public string Sql { get; }
    public string Describe { get; }
    public Type KeyType { get; }

    /// <summary>The row's key as written (after its value converter), or null.</summary>
    public object? Key(object entity) => _getter(entity) is { } value ? _converter?.ConvertToProvider(value) ?? value : null;
}

/// <summary>
/// Whether a COPY into <c>table</c> may run with PostgreSQL's row triggers off (SET session_replication_role): the user
/// must have that right (superusers, and from PostgreSQL 15 those granted SET ON PARAMETER), and the table no triggers of
/// its own (only the internal ones of its foreign keys, which are then checked per set). Asked on each COPY, as a
/// trigger may be created at any time.
/// </summary>
static class RowTriggers
{
    public static async ValueTask<bool> MaySkipAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        if (connection.PostgreSqlVersion.Major < 15) return false;
        await using var ask = new NpgsqlCommand("SELECT has_parameter_privilege('session_replication_role', 'SET') " +
            "AND NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = @table::regclass AND NOT tgisinternal)", connection);
        ask.Parameters.AddWithValue("table", table);
        return await ask.ExecuteScalarAsync(ct) is true;
    }
}

/// <summary>Rows encoded for one binary COPY (<see cref="EntityCopy.Encode{TEntity}"/>), written by <see cref="WriteAsync"/>.</summary>
public sealed class EncodedRows
{
    readonly string _table;
    readonly string _sql;
    readonly CopyBuffer _buffer;
    readonly ReadOnlyMemory<byte> _data;
    readonly IReadOnlyList<EntityEntry>? _accept;
    readonly (Reference Reference, HashSet<object> Keys)[]? _references;
    bool _written;

    internal EncodedRows(string table, string sql, CopyBuffer buffer, IReadOnlyList<EntityEntry>? accept, (Reference, HashSet<object>)[]? references)
    {
        _table = table;
        _sql = sql;
        Count = buffer.Rows;
        _buffer = buffer;
        _data = buffer.Complete();
        _accept = accept;
        _references = references;
    }

    public int Count { get; }

    /// <summary>
    /// Streams the rows in the context's current transaction, so they commit or roll back with the rest; tracked rows are
    /// then marked saved. A refused row (a unique key, say) fails the whole COPY with its PostgresException.
    /// Foreign keys are checked per set when the user may turn row triggers off (ADR 20): the COPY runs without them, then
    /// one statement per foreign key finds and locks FOR KEY SHARE the rows referenced, and a missing one fails as the
    /// trigger would (23503). Otherwise PostgreSQL checks each row. Rows are written once: their memory goes back to the
    /// pool afterwards, whatever the outcome. Rows never written are left to the garbage collector.
    /// </summary>
    public async Task WriteAsync(DbContext db, CancellationToken ct)
    {
        if (_written) throw new InvalidOperationException("These rows were written (or tried) already.");
        _written = true;
        try
        {
            await WriteOnceAsync(db, ct);
        }
        finally
        {
            _buffer.Release();
        }
    }

    async Task WriteOnceAsync(DbContext db, CancellationToken ct)
    {
        if (Count == 0) return;
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("COPY needs a transaction: it must commit with the rest.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var perSet = _references is { Length: > 0 } && await RowTriggers.MaySkipAsync(connection, _table, ct);
        if (perSet) await ExecuteAsync(connection, "SET LOCAL session_replication_role = replica", ct);
        await CopyAsync(connection, ct);
        if (perSet)
        {
            // The checks probe a key index once per key. While a bulk load grows a table faster than its statistics, the
            // planner judged a scan of the whole table with the keys hashed cheaper, and chose it for tables of up to
            // about 150,000 rows; scans are ruled out for the checks, then the setting is put back.
            await ExecuteAsync(connection, "SET LOCAL session_replication_role = origin; SET LOCAL enable_seqscan = off", ct);
            foreach (var (reference, keys) in _references!) await CheckAsync(connection, reference, keys, ct);
            await ExecuteAsync(connection, "SET LOCAL enable_seqscan TO DEFAULT", ct);
        }
        if (_accept is not null) foreach (var entry in _accept) entry.State = EntityState.Unchanged;
    }

    static async Task CheckAsync(NpgsqlConnection connection, Reference reference, HashSet<object> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        var values = Array.CreateInstance(reference.KeyType, keys.Count);
        var i = 0;
        foreach (var key in keys) values.SetValue(key, i++);
        await using var check = new NpgsqlCommand(reference.Sql, connection);
        check.Parameters.AddWithValue("keys", values);
        var found = Convert.ToInt32(await check.ExecuteScalarAsync(ct));
        if (found != keys.Count)
            throw new PostgresException($"insert violates a foreign key: {keys.Count - found} of {keys.Count} keys of {reference.Describe} are not present.",
                "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation);
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task CopyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(_sql, ct);
        try
        {
            await stream.WriteAsync(_data, ct);
        }
        catch
        {
            await stream.CancelAsync();
            await stream.DisposeAsync();
            throw;
        }
        await stream.DisposeAsync(); // ends the COPY: PostgreSQL's answer (or refusal) comes here
    }
}

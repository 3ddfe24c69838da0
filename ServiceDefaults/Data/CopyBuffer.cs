using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (the signature, rows of length-prefixed big-endian fields, the trailer), written
/// into memory: typed, without a connection, so rows can be encoded while another batch is being written. Values are
/// written as PostgreSQL's own binary send functions produce them, and as Npgsql would write them: timestamps in
/// microseconds since 2000 (UTC only; MinValue and MaxValue as -infinity and infinity), dates in days since 2000, jsonb with
/// its version byte, one-dimensional arrays with their element type. The memory is rented from the shared array pool
/// (an import encodes megabytes per batch: new arrays each time would churn the large object heap) and given back by
/// <see cref="Release"/>.
/// </summary>
public sealed class CopyBuffer
{
    const long PostgresEpochTicks = 630_822_816_000_000_000; // 2000-01-01T00:00:00Z
    static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    byte[] _data;
    int _length;

    public CopyBuffer(int capacity = 64 * 1024)
    {
        _data = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
        Signature.CopyTo(_data, 0);
        _data.AsSpan(Signature.Length, 8).Clear(); // the flags field and the header extension length (both 0)
        _length = Signature.Length + 8;
    }

    /// <summary>Gives the memory back to the pool: nothing written or completed before may be used afterwards.</summary>
    public void Release()
    {
        var data = _data;
        _data = [];
        _length = 0;
        if (data.Length > 0) ArrayPool<byte>.Shared.Return(data);
    }

    /// <summary>The rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>The whole COPY data: the header, the rows, the trailer.</summary>
    public ReadOnlyMemory<byte> Complete()
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_data.AsSpan(_length), -1);
        return _data.AsMemory(0, _length + 2);
    }

    public void StartRow(int fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), checked((short)fields));
        Rows++;
    }

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void Uuid(Guid value)
    {
        var span = Field(16);
        value.TryWriteBytes(span, bigEndian: true, out _);
    }

    public void Bool(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;
    public void Int2(short value) => BinaryPrimitives.WriteInt16BigEndian(Field(2), value);
    public void Int4(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);
    public void Int8(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);
    public void Float4(float value) => BinaryPrimitives.WriteSingleBigEndian(Field(4), value);
    public void Float8(double value) => BinaryPrimitives.WriteDoubleBigEndian(Field(8), value);

    public void TimestampTz(DateTimeOffset value)
    {
        if (value.Offset != TimeSpan.Zero)
            throw new ArgumentException($"Cannot write DateTimeOffset with Offset={value.Offset} to 'timestamp with time zone': only offset 0 (UTC) is supported.");
        Int8(value == DateTimeOffset.MaxValue ? long.MaxValue : value == DateTimeOffset.MinValue ? long.MinValue : (value.UtcTicks - PostgresEpochTicks) / 10);
    }

    public void TimestampTz(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc && value != DateTime.MinValue && value != DateTime.MaxValue)
            throw new ArgumentException($"Cannot write DateTime with Kind={value.Kind} to 'timestamp with time zone': only UTC is supported.");
        Int8(value == DateTime.MaxValue ? long.MaxValue : value == DateTime.MinValue ? long.MinValue : (value.Ticks - PostgresEpochTicks) / 10);
    }

    public void Date(DateOnly value) =>
        Int4(value == DateOnly.MaxValue ? int.MaxValue : value == DateOnly.MinValue ? int.MinValue : value.DayNumber - PostgresEpochDay);

    public void Text(string? value) => Utf8(value, jsonbVersion: false);

    /// <summary>jsonb's binary form: version 1, then the JSON text (PostgreSQL parses and checks it).</summary>
    public void Jsonb(string? value) => Utf8(value, jsonbVersion: true);

    /// <summary>A field of the string's UTF-8 bytes, after jsonb's version byte when asked.</summary>
    void Utf8(string? value, bool jsonbVersion)
    {
        if (value is null) { Null(); return; }
        var prefix = jsonbVersion ? 1 : 0;
        Ensure(4 + prefix + Encoding.UTF8.GetMaxByteCount(value.Length));
        if (jsonbVersion) _data[_length + 4] = 1;
        var written = Encoding.UTF8.GetBytes(value, _data.AsSpan(_length + 4 + prefix));
        BinaryPrimitives.WriteInt32BigEndian(_data.AsSpan(_length), prefix + written);
        _length += 4 + prefix + written;
    }

    public void Bytea(byte[]? value)
    {
        if (value is null) { Null(); return; }
        value.CopyTo(Field(value.Length));
    }

    /// <summary>A one-dimensional array of text (or varchar: <paramref name="elementOid"/>), null elements allowed.</summary>
    public void TextArray(IEnumerable<string?>? values, int elementOid)
    {
        if (values is null) { Null(); return; }
        var items = values as IReadOnlyList<string?> ?? values.ToList();
        var start = ArrayHeader(items.Count, items.Any(v => v is null), elementOid);
        foreach (var item in items) Text(item);
        EndField(start);
    }

    public void UuidArray(IEnumerable<Guid>? values)
    {
        if (values is null) { Null(); return; }
        var items = values as IReadOnlyList<Guid> ?? values.ToList();
        var start = ArrayHeader(items.Count, false, 2950);
        foreach (var item in items) Uuid(item);
        EndField(start);
    }

    /// <summary>The array's field length (patched by <see cref="EndField"/>), dimensions, null flag, element type and bounds.</summary>
    int ArrayHeader(int count, bool hasNulls, int elementOid)
    {
        var start = _length;
        var header = Reserve(count == 0 ? 16 : 24);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], count == 0 ? 0 : 1);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], hasNulls ? 1 : 0);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], elementOid);
        if (count > 0)
        {
            BinaryPrimitives.WriteInt32BigEndian(header[16..], count);
            BinaryPrimitives.WriteInt32BigEndian(header[20..], 1);
        }
        return start;
    }

    void EndField(int start) => BinaryPrimitives.WriteInt32BigEndian(_data.AsSpan(start), _length - start - 4);

    /// <summary>A field of <paramref name="size"/> bytes: its length written, its bytes to fill.</summary>
    Span<byte> Field(int size)
    {
        var span = Reserve(4 + size);
        BinaryPrimitives.WriteInt32BigEndian(span, size);
        return span[4..];
    }

    Span<byte> Reserve(int size)
    {
        Ensure(size);
        var span = _data.AsSpan(_length, size);
        _length += size;
        return span;
    }

    void Ensure(int size)
    {
        if (_length + size + 2 <= _data.Length) return; // + 2: room for the trailer
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_data.Length * 2, _length + size + 2));
        _data.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_data);
        _data = larger;
    }
}

using System.Collections;
using System.Text;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Ordered gRPC metadata (headers or trailers). Keys are lower-cased; keys ending in "-bin" carry bytes,
/// which travel base64-encoded.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        _entries.Add(new Entry(key, valueBytes));
        return this;
    }

    public Metadata Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>The text value of the last entry with this key, or null; for a "-bin" key use <see cref="GetValueBytes"/>.</summary>
    public string? GetValue(string key)
    {
        var entry = Get(key);
        if (entry is { IsBinary: true })
        {
            throw new InvalidOperationException($"Metadata key '{entry.Key}' is binary; use GetValueBytes.");
        }
        return entry?.Value;
    }

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return _entries.Where(e => e.Key == normalized);
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One key and its value: text, or bytes for a "-bin" key.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata key '{Key}' ends in '-bin' and needs a byte[] value.", nameof(key));
            }
            _value = value ?? throw new ArgumentNullException(nameof(value));
            // gRPC's ASCII-Value: printable ASCII only. Anything else is for a "-bin" key, or percent-encoded by the caller.
            if (value.Any(c => c is < ' ' or > '~'))
                throw new ArgumentException($"Metadata value of '{Key}' must be printable ASCII; percent-encode it or use a '-bin' key.", nameof(value));
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata key '{Key}' carries bytes and must end in '-bin'.", nameof(key));
            }
            _valueBytes = valueBytes ?? throw new ArgumentNullException(nameof(valueBytes));
        }

        public string Key { get; }

        public bool IsBinary => _valueBytes is not null;

        /// <summary>The text value; for a binary entry, its base64 form.</summary>
        public string Value => _value ?? Convert.ToBase64String(_valueBytes!);

        /// <summary>The bytes of a binary entry; for a text entry, its UTF-8 bytes.</summary>
        public byte[] ValueBytes => _valueBytes ?? Encoding.UTF8.GetBytes(_value!);

        public override string ToString() => $"{Key}: {Value}";

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                var valid = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
                if (!valid)
                {
                    throw new ArgumentException($"Metadata key '{key}' has a character gRPC does not allow: '{c}'.", nameof(key));
                }
            }
            return lower;
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>The parts of grpc/grpc doc/PROTOCOL-HTTP2.md that both server and client need.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const int HeaderLength = 5;
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Transport headers that are never handed to application code as metadata.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "te", "host", "connection", "transfer-encoding", "trailer",
        "upgrade", "keep-alive", "proxy-connection", "date", "server",
        StatusHeader, MessageHeader, TimeoutHeader, EncodingHeader, AcceptEncodingHeader,
    };

    public static bool IsGrpcContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        return mediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(ContentTypeProto, StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsReservedHeader(string name) => name.StartsWith(':') || ReservedHeaders.Contains(name);

    /// <summary>Reads the compressed flag and message length from a buffer holding at least <see cref="HeaderLength"/> bytes.</summary>
    public static (bool Compressed, long Length) ReadFrameHeader(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        return (header[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    public static void WriteFrameHeader(Span<byte> destination, int messageLength)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)messageLength);
    }

    /// <summary>Percent-encodes a status message: everything outside printable ASCII, and '%', as UTF-8 %XX.</summary>
    public static string EncodeMessage(string message)
    {
        if (message.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return message;
        }
        var builder = new StringBuilder(message.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Reverses <see cref="EncodeMessage"/>; a malformed %-sequence is kept as written, as the spec asks.</summary>
    public static string DecodeMessage(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || !encoded.Contains('%'))
        {
            return encoded ?? "";
        }
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length
                && byte.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Parses "grpc-timeout": up to 8 digits and a unit of H, M, S, m, u or n.</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => amount / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }
        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>Formats a remaining time as "grpc-timeout" in the finest unit that fits in 8 digits.</summary>
    public static string FormatTimeout(TimeSpan remaining)
    {
        const long maxAmount = 99_999_999;
        var ticks = Math.Max(0, remaining.Ticks);
        if (ticks / 10 <= maxAmount)
        {
            return Invariant(Math.Max(1, ticks / 10), 'u');
        }
        if (ticks / TimeSpan.TicksPerMillisecond <= maxAmount)
        {
            return Invariant(ticks / TimeSpan.TicksPerMillisecond, 'm');
        }
        if (ticks / TimeSpan.TicksPerSecond <= maxAmount)
        {
            return Invariant(ticks / TimeSpan.TicksPerSecond, 'S');
        }
        if (ticks / TimeSpan.TicksPerMinute <= maxAmount)
        {
            return Invariant(ticks / TimeSpan.TicksPerMinute, 'M');
        }
        return Invariant(Math.Min(maxAmount, ticks / TimeSpan.TicksPerHour), 'H');

        static string Invariant(long amount, char unit) => amount.ToString(CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>The metadata of HTTP headers: every header but the protocol's own.</summary>
    public static Metadata ReadMetadata(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers) AddHeader(metadata, header.Key, header.Value);
        return metadata;
    }

    /// <summary>Adds one HTTP header (or trailer) to metadata, decoding "-bin" values; reserved headers are skipped.</summary>
    public static void AddHeader(Metadata metadata, string name, IEnumerable<string?> values)
    {
        if (IsReservedHeader(name))
        {
            return;
        }
        var key = name.ToLowerInvariant();
        var binary = key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }
            if (binary)
            {
                // Several binary values may be joined with commas into one header.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    metadata.Add(key, DecodeBase64(part));
                }
            }
            else
            {
                metadata.Add(key, value);
            }
        }
    }

    /// <summary>The value an entry takes on the wire: base64 without padding for "-bin" keys, the text otherwise.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    private static byte[] DecodeBase64(string value)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        return Convert.FromBase64String(padded);
    }
}

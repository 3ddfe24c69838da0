using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Alliance.ServiceDefaults.Tests.Grpc.Support;

/// <summary>Hand-made HTTP/2 requests, to check what the server puts on the wire without a client in between.</summary>
public static class RawGrpc
{
    public static HttpClient CreateHttp2Client() => new()
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public static byte[] Frame(IMessage message, byte compressedFlag = 0)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    public static HttpRequestMessage Request(Uri server, string path, byte[] body, string contentType = "application/grpc")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>The grpc-status and grpc-message of a response, from its trailers or (Trailers-Only) its headers.</summary>
    public static async Task<(string? Status, string? Message)> ReadStatusAsync(HttpResponseMessage response)
    {
        await response.Content.CopyToAsync(Stream.Null);
        return (Value(response.Headers, "grpc-status") ?? Value(response.TrailingHeaders, "grpc-status"),
            Value(response.Headers, "grpc-message") ?? Value(response.TrailingHeaders, "grpc-message"));

        static string? Value(HttpHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? values.First() : null;
    }
}

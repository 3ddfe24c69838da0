using System.Collections.Concurrent;
using System.Globalization;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Tests.Grpc.Interop;
using Google.Protobuf;
using Grpc.Core;

namespace Alliance.ServiceDefaults.Tests.Grpc.Support;

/// <summary>What one test server has seen, shared between its EchoService calls and the test.</summary>
public sealed class EchoServerState(string name)
{
    public string Name { get; } = name;

    public ConcurrentDictionary<string, int> FailCalls { get; } = new();

    public int EchoCalls;

    public TaskCompletionSource SlowCallCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Our implementation of test.interop.v1.Echo on Grpc.AspNetCore.</summary>
public sealed class EchoService(EchoServerState state) : Echo.EchoBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref state.EchoCalls);
        return Task.FromResult(new EchoReply { Message = request.Message, Payload = request.Payload, Server = state.Name });
    }

    public override Task<EchoReply> Fail(FailRequest request, ServerCallContext context)
    {
        state.FailCalls.AddOrUpdate(request.Detail, 1, (_, count) => count + 1);
        if (request.Code == -2)
        {
            // As EF Core reports a commit whose PostgreSQL connection broke (the server was killed).
            throw new Microsoft.EntityFrameworkCore.DbUpdateException("An error occurred while saving the entity changes.",
                new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")));
        }
        if (request.Code < 0)
        {
            throw new InvalidOperationException("Connection string Host=secret-db;Password=hunter2 was rejected");
        }
        throw new RpcException(new Status((StatusCode)request.Code, request.Detail), new Metadata { { "x-failure-trailer", "dotnet" } });
    }

    public override async Task<EchoReply> Slow(SlowRequest request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            state.SlowCallCancelled.TrySetResult();
            throw;
        }
        return new EchoReply { Message = "slow" };
    }

    public override Task<EchoReply> Big(BigRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Payload = ByteString.CopyFrom(new byte[request.Size]) });

    public override Task<MetadataReply> EchoMetadata(EchoRequest request, ServerCallContext context)
    {
        var reply = new MetadataReply();
        foreach (var entry in context.RequestHeaders)
        {
            reply.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }
        reply.Headers["tenant"] = context.TenantId ?? "";
        reply.Headers["user"] = context.UserId ?? "";
        reply.Headers["role"] = context.UserRole ?? "";
        reply.Headers["deadline"] = context.Deadline.ToString("O", CultureInfo.InvariantCulture);
        reply.Headers["server"] = state.Name;
        context.ResponseTrailers.Add("x-trailer", "trailer-value");
        context.ResponseTrailers.Add("x-trailer-bin", [1, 2, 3, 255]);
        return Task.FromResult(reply);
    }
}

using Alliance.Activity.Activities;
using Alliance.Activity.OrganizationLife;
using Alliance.Activity.Supervision;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Caching;
using Alliance.ServiceDefaults.Data;
using Google.Protobuf;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Alliance.Activity.Common;

/// <summary>
/// The organization-life and supervision boards cached in Redis under one version (ADR 44): every replica shares them,
/// and the version is bumped after any change a board is computed from has committed (<see cref="BoardChanges"/>) and
/// when the organization service reports a change of the tree (<see cref="BoardsChangeWith{TEvent}"/>). Each answer's
/// name carries what else it depends on: the day on the group's calendar, the request and the caller's sight. Without
/// Redis configured (most tests) every board is computed.
/// </summary>
public sealed class BoardCache(IServiceProvider services, ILogger<BoardCache> logger)
{
    public const string Region = "activity:boards";
    static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    readonly VersionedCache? _cache = services.GetService<IConnectionMultiplexer>() is { } redis ? new(redis, Region, Ttl, logger) : null;

    public async Task<T> GetOrComputeAsync<T>(string name, MessageParser<T> parser, Func<Task<T>> compute) where T : IMessage<T> =>
        _cache is null ? await compute() : parser.ParseFrom(await _cache.GetOrComputeAsync(name, async () => (await compute()).ToByteArray()));

    public Task InvalidateAsync() => _cache?.InvalidateAsync() ?? Task.CompletedTask;

    /// <summary>The tree's events: their queues are listed in <see cref="EventSubscriptions.Alliance"/>.</summary>
    public static void AddTreeConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BoardsChangeWith<OrganizationCreated>>();
        bus.AddConsumer<BoardsChangeWith<OrganizationMoved>>();
        bus.AddConsumer<BoardsChangeWith<OrganizationRenamed>>();
        bus.AddConsumer<BoardsChangeWith<OrganizationsMerged>>();
        bus.AddConsumer<BoardsChangeWith<OrganizationDissolved>>();
    }
}

/// <summary>Drops the cached boards after a save of what they are computed from (activities and their hosts, meeting rules, decision items, supervision settings) commits.</summary>
public sealed class BoardChanges(BoardCache boards) : AfterCommitInterceptor
{
    static readonly HashSet<Type> ShownOnBoards =
        [typeof(Activities.Activity), typeof(ActivityHost), typeof(MeetingRule), typeof(DecisionItem), typeof(AllianceSupervisionSetting)];

    protected override bool Concerns(DbContext context) =>
        context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ShownOnBoards.Contains(e.Metadata.ClrType));

    /// <summary>
    /// Not awaited: a write never waits for Redis (while it is down, the bump waits for the reconnect on its own). The
    /// bump is queued on the process's one Redis connection before this request's answer is sent, so the caller's next
    /// read of the version, on the same connection, comes after it.
    /// </summary>
    protected override Task CommittedAsync()
    {
        _ = boards.InvalidateAsync();
        return Task.CompletedTask;
    }
}

/// <summary>Drops the cached boards when the organization service reports a change of the party tree (names, kinds, places, ends).</summary>
public sealed class BoardsChangeWith<TEvent>(BoardCache boards) : IConsumer<TEvent>, IConsumer<EventBatch<TEvent>>
    where TEvent : class, IIntegrationEvent
{
    public Task Consume(ConsumeContext<TEvent> context) => boards.InvalidateAsync();

    public Task Consume(ConsumeContext<EventBatch<TEvent>> context) => boards.InvalidateAsync();
}

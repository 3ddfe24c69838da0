namespace Alliance.ServiceDefaults.Messaging;

/// <summary>Settings from the <c>Messaging</c> configuration section; every value has a working default.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Prefix of this service's queue names (kebab-case), so its replicas compete on one queue.
    /// Defaults to OTEL_SERVICE_NAME, else the application name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>In-memory redelivery attempts before a message goes to its <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages a consumer replica takes from the broker ahead of processing; null keeps MassTransit's default.</summary>
    public int? PrefetchCount { get; set; }

    /// <summary>How long the service's start waits for the broker to answer (<see cref="BrokerGate"/>) before it fails.</summary>
    public TimeSpan BrokerWaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary>How the outbox dispatcher claims, publishes, retries and cleans up (<c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>False for a host that writes no events: no dispatcher runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows claimed (and published together on one channel, confirms awaited together) per batch.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Events of one type sent in one message (an EventBatch) at most; 1 sends every event alone.</summary>
    public int EventsPerMessage { get; set; } = 100;

    /// <summary>Batches in flight at once in one process; replicas add theirs (SKIP LOCKED keeps them apart).</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How often to look for due rows when no SaveChanges signal arrives (rows from other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bound on one batch's publishing (incl. broker confirms); on expiry the unconfirmed rows are retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Exponential back-off with jitter between attempts of a failed row: min * 2^(attempts-1), capped at max.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Dispatched rows are kept this long (for inspection), then deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);
}

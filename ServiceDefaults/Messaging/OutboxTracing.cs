using System.Diagnostics;
using Alliance.ServiceDefaults.Telemetry;
using MassTransit.Logging;

namespace Alliance.ServiceDefaults.Messaging;

/// <summary>
/// W3C trace context across the outbox, so that a request and the consumers of the events it wrote are one trace.
/// A row keeps the <c>traceparent</c> and <c>tracestate</c> of the activity it was written in. The dispatcher publishes
/// it inside a producer activity (source "Alliance", named and tagged as MassTransit names its own: "{exchange} send")
/// whose parent is that context, and puts that activity's id in the AMQP header <c>MT-Activity-Id</c>: the header
/// MassTransit 8.5 reads on receive to parent its "receive" activity (as a traceparent; it reads no tracestate), under
/// which its "process" activity and the consumer run.
/// <para>
/// A message that carries the rows of several writes (an <c>EventBatch</c> made by the dispatcher) continues the trace
/// of its first row that has one and links the others' contexts, so each request still finds the publish of its events
/// (a consumer's spans are in the first trace only). A row written outside any trace is published in a trace of its own.
/// </para>
/// </summary>
internal static class OutboxTracing
{
    /// <summary>The current activity's traceparent and tracestate; nulls outside a W3C trace.</summary>
    public static (string? Parent, string? State) Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? (activity.Id, activity.TraceStateString) : (null, null);

    /// <summary>The trace of a message made of these rows, in order: the first context among them as parent, the others as links.</summary>
    public static Trace Of(IEnumerable<(string? Parent, string? State)> rows)
    {
        var trace = default(Trace);
        List<ActivityLink>? links = null;
        foreach (var (parent, state) in rows)
        {
            if (parent is null || !ActivityContext.TryParse(parent, state, isRemote: true, out var context)) continue;
            if (trace.ParentId is null) trace = new Trace(parent, context);
            else if (context != trace.Parent && !(links ??= []).Exists(l => l.Context == context)) links.Add(new ActivityLink(context));
        }
        return trace with { Links = links };
    }

    /// <summary>
    /// Starts the publish activity of a message (null when nothing listens) and returns it with the <c>MT-Activity-Id</c>
    /// the consumer continues from: the activity's id, or the stored context itself when there is no activity.
    /// </summary>
    public static (Activity? Activity, string? ParentHeader) StartSend(string exchange, Guid messageId, Trace trace)
    {
        var previous = Activity.Current;
        var activity = TelemetryExtensions.ActivitySource.StartActivity(ActivityKind.Producer, trace.Parent, links: trace.Links, name: exchange + " send");
        // The publishes of a batch overlap and end at their confirms; none of them is the dispatcher's current work.
        Activity.Current = previous;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(DiagnosticHeaders.Messaging.System, "rabbitmq");
            activity.SetTag(DiagnosticHeaders.Messaging.Operation, "send");
            activity.SetTag(DiagnosticHeaders.Messaging.DestinationName, exchange);
            activity.SetTag(DiagnosticHeaders.MessageId, messageId.ToString("D"));
        }
        return (activity, activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : trace.ParentId);
    }

    /// <summary>Ends a publish activity once the broker confirmed the message, or with the error that kept it in the outbox.</summary>
    public static void Stop(Activity? activity, string? error)
    {
        if (activity is null) return;
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error);
        var current = Activity.Current;
        activity.Dispose(); // Stop makes the activity's parent current: keep the dispatcher's own
        Activity.Current = current;
    }

    /// <summary>Where a message's publish belongs: the stored traceparent and its parsed context, and the other rows' contexts.</summary>
    internal readonly record struct Trace(string? ParentId, ActivityContext Parent)
    {
        public IReadOnlyList<ActivityLink>? Links { get; init; }
    }
}

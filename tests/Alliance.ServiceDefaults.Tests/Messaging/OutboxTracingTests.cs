using System.Collections.Concurrent;
using System.Diagnostics;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Telemetry;
using Alliance.Testing;

namespace Alliance.ServiceDefaults.Tests.Messaging;

/// <summary>A request and the consumers of the events it wrote are one trace, across the outbox and RabbitMQ.</summary>
public class OutboxTracingTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    static readonly ActivitySource Requests = new("Alliance.Tests.Requests");

    [Fact]
    public async Task The_consumer_of_an_event_continues_the_trace_of_the_request_that_wrote_it()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("outbox-tracing");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(await RealServers.GetAsync(), "outbox_tracing_pub");
        // Both hosts run before the request starts, so nothing of theirs runs inside it but what the message carries.
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, consumer.Bus);
        using var spans = new SpanCollector(Requests.Name);

        Note note;
        ActivityContext request;
        using (var activity = Requests.StartActivity("POST /notes", ActivityKind.Server)!)
        {
            request = activity.Context;
            note = await publisher.AddNoteAsync("traced");
        }
        await Eventually.TrueAsync(() => consumer.Probe.HandledIn.ContainsKey(note.Id), Bound, "the note's event to be handled");

        var handledIn = consumer.Probe.HandledIn[note.Id];
        handledIn.Should().NotBeNull("MassTransit's consume activity is current in the consumer");
        handledIn!.TraceId.Should().Be(request.TraceId, "the consumer's work belongs to the request's trace");
        var chain = spans.Ancestors(handledIn).ToList();
        chain.Select(s => (s.Source.Name, s.Kind, s.OperationName)).Should().Equal(
            ("MassTransit", ActivityKind.Consumer, $"{MessagingHost.ConsumerQueue} process"),
            ("MassTransit", ActivityKind.Consumer, $"{MessagingHost.ConsumerQueue} receive"),
            (TelemetryExtensions.ActivitySourceName, ActivityKind.Producer, $"{typeof(NoteAdded).Namespace}:{nameof(NoteAdded)} send"),
            (Requests.Name, ActivityKind.Server, "POST /notes"));
        chain[^1].SpanId.Should().Be(request.SpanId, "the chain of parents reaches the request");
    }

    [Fact]
    public async Task Events_of_two_requests_sent_together_continue_the_first_and_link_the_second()
    {
        var servers = await RealServers.GetAsync();
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("outbox-tracing-batch");
        var publisherDb = await MessagingHost.CreateDatabaseAsync(servers, "outbox_tracing_batch_pub");
        using var spans = new SpanCollector(Requests.Name);

        // Two requests commit before the dispatcher starts, so it finds both rows at once and sends one EventBatch.
        var notes = new List<Note>();
        var requests = new List<ActivityContext>();
        foreach (var text in new[] { "first", "second" })
        {
            using var activity = Requests.StartActivity("POST /notes", ActivityKind.Server)!;
            await using var db = MessagingHost.Open(publisherDb);
            var note = new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = text };
            db.Notes.Add(note);
            db.AddIntegrationEvent(NoteAdded.For(note));
            await db.SaveChangesAsync();
            notes.Add(note);
            requests.Add(activity.Context);
        }
        // One dispatcher worker: with several, two claims running at once may each lock one of the rows (SKIP LOCKED).
        await using var publisher = await MessagingHost.StartPublisherAsync(publisherDb, consumer.Bus,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:Workers"] = "1" });
        await Eventually.TrueAsync(() => notes.All(n => consumer.Probe.HandledIn.ContainsKey(n.Id)), Bound, "both events to be handled");
        // The consumer records its activity while it consumes; the delivery is counted once MassTransit has finished with it.
        await Eventually.TrueAsync(() => consumer.Deliveries.Count == notes.Count, Bound, "both deliveries to be counted");

        consumer.Deliveries.Batches.Should().Be(1, "the two events travelled as one message");
        foreach (var note in notes)
            consumer.Probe.HandledIn[note.Id]!.TraceId.Should().Be(requests[0].TraceId, "a message continues its first row's trace");
        var send = spans.Ancestors(consumer.Probe.HandledIn[notes[0].Id]!).Single(s => s.Source.Name == TelemetryExtensions.ActivitySourceName);
        send.ParentSpanId.Should().Be(requests[0].SpanId);
        send.Links.Select(l => (l.Context.TraceId, l.Context.SpanId)).Should().Equal([(requests[1].TraceId, requests[1].SpanId)],
            "the other request finds its event's publish by the link");
    }

    /// <summary>Listens to the outbox's and MassTransit's activities (and the test's own), keeping each by its span id.</summary>
    sealed class SpanCollector : IDisposable
    {
        readonly ConcurrentDictionary<ActivitySpanId, Activity> _spans = new();
        readonly ActivityListener _listener;

        public SpanCollector(params string[] more)
        {
            string[] sources = [TelemetryExtensions.ActivitySourceName, "MassTransit", .. more];
            _listener = new ActivityListener
            {
                ShouldListenTo = s => sources.Contains(s.Name),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = a => _spans[a.SpanId] = a,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The span and its parents, as far as they were seen.</summary>
        public IEnumerable<Activity> Ancestors(Activity span)
        {
            for (Activity? s = span; s is not null; s = _spans.GetValueOrDefault(s.ParentSpanId))
                yield return s;
        }

        public void Dispose() => _listener.Dispose();
    }
}

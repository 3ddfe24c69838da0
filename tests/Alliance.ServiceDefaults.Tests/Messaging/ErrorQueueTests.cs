using Alliance.ServiceDefaults.Messaging;
using Alliance.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.ServiceDefaults.Tests.Messaging;

public class ErrorQueueTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_failing_message_retries_lands_in_the_error_queue_and_is_consumed_after_replay()
    {
        await using var consumer = await MessagingHost.StartReadyConsumerAsync("error-replay");
        var replayer = new ErrorQueueReplayer(new Uri(consumer.Bus));

        var evt = NoteAdded.For(new Note { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), Text = "poison pill" });
        await consumer.Services.GetRequiredService<IBus>().Publish(evt, c => c.MessageId = evt.EventId);

        await Eventually.TrueAsync(async () => await replayer.CountAsync(MessagingHost.ConsumerQueue) == 1, Bound, "the message in reporting-note-added_error");
        var waiting = await replayer.PeekAsync(MessagingHost.ConsumerQueue);
        waiting.Should().ContainSingle();
        waiting[0].MessageId.Should().Be(evt.EventId.ToString());
        waiting[0].FaultExceptionType.Should().Contain(nameof(InvalidOperationException));
        waiting[0].Body.Should().Contain("poison pill");
        (await replayer.CountAsync(MessagingHost.ConsumerQueue)).Should().Be(1u, "inspecting leaves the message in place");
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs")).Should().Be(0);
        (await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM inbox_messages")).Should().Be(0, "a failed attempt commits no inbox row");

        // The operator fixes the cause and replays.
        consumer.Probe.RefusePoison = false;
        (await replayer.ReplayAsync(MessagingHost.ConsumerQueue)).Should().Be(1);

        await Eventually.TrueAsync(async () => await MessagingHost.ScalarAsync(consumer.Database, "SELECT count(*) FROM note_logs") == 1, Bound, "the replayed message to be consumed");
        (await replayer.CountAsync(MessagingHost.ConsumerQueue)).Should().Be(0u);
        (await MessagingHost.ScalarAsync(consumer.Database, $"SELECT count(*) FROM inbox_messages WHERE message_id = '{evt.EventId}'")).Should().Be(1);
    }
}

using Alliance.Organization.HrSync.Connectors;

namespace Alliance.Organization.Tests.HrSync.Connectors;

public class HrConnectorRegistrationTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(8));

    static HrConnectorRegistration New() =>
        HrConnectorRegistration.Create(Guid.NewGuid(), " 北森 ", SampleDefinitions.Beisen(), [1, 2, 3], 600, enabled: true, Now);

    [Fact]
    public void A_new_connector_is_due_at_once_and_a_run_moves_the_next_run_by_the_interval()
    {
        var c = New();
        (c.Name, c.NextRunAt, c.LastRunStatus, c.Cursor).Should().Be(("北森", Now, (string?)null, (string?)null));
        c.Started(Now.AddMinutes(1));
        (c.LastRunStatus, c.NextRunAt).Should().Be((RunStatuses.Running, Now.AddMinutes(11)));
        c.PageApplied("2026-11-20 09:00:00", new HrApplyResult(2, 1, 0, 3));
        c.PageApplied("2026-11-21 09:00:00", new HrApplyResult(1, 0, 1, 0));
        c.Finished(null);
        (c.LastRunStatus, c.Cursor, c.LastRunCreated, c.LastRunUpdated, c.LastRunDeactivated, c.LastRunPages)
            .Should().Be((RunStatuses.Succeeded, "2026-11-21 09:00:00", 3, 1, 1, 2));
    }

    [Fact]
    public void A_new_run_resets_the_counts_and_a_failure_keeps_the_cursor_and_a_capped_error()
    {
        var c = New();
        c.Started(Now);
        c.PageApplied("a", new HrApplyResult(5, 0, 0, 0));
        c.Finished(null);
        c.Started(Now.AddHours(1));
        c.LastRunCreated.Should().Be(0);
        c.Finished(new string('x', 5000));
        (c.LastRunStatus, c.Cursor, c.LastRunError!.Length).Should().Be((RunStatuses.Failed, "a", HrConnectorRegistration.MaxErrorLength));
    }

    [Fact]
    public void A_changed_definition_clears_the_cursor_an_unchanged_one_keeps_it_and_the_secret_is_kept_when_asked()
    {
        var c = New();
        c.PageApplied("a", HrApplyResult.None);
        c.Change("北森", SampleDefinitions.Beisen(), null, keepSecret: true, 600);
        c.Cursor.Should().Be("a");
        c.SecretCipher.Should().Equal(1, 2, 3);
        var changed = SampleDefinitions.Beisen();
        changed.PageSize = 50;
        c.Change("北森", changed, null, keepSecret: false, 600);
        c.Cursor.Should().BeNull();
        c.SecretCipher.Should().BeNull();
        c.Version.Should().Be(3);
    }

    [Fact]
    public void Enabling_a_disabled_connector_makes_it_due_and_the_lock_key_is_stable_per_id()
    {
        var c = New();
        c.SetEnabled(false, Now);
        c.Started(Now);
        c.SetEnabled(true, Now.AddMinutes(2));
        c.NextRunAt.Should().Be(Now.AddMinutes(2));
        var id = Guid.NewGuid();
        HrConnectorScheduler.LockKey(id).Should().Be(HrConnectorScheduler.LockKey(id)).And.NotBe(HrConnectorScheduler.LockKey(Guid.NewGuid()));
    }
}

using System.Text;
using Alliance.Activity.Activities;
using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Attendance;
using Alliance.Activity.Common;
using ActivityAggregate = Alliance.Activity.Activities.Activity;

namespace Alliance.Activity.Tests.Attendance;

/// <summary>The check-in window and the venue code's rotation, on clocks the tests set.</summary>
public class CheckInRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Start = new(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8));
    static readonly Actor Secretary = new("李书记", "secretary");
    static readonly AttendanceOptions Options = new();
    static readonly byte[] Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    static ActivityAggregate Scheduled() => ActivityAggregate.Schedule(new ActivityPlan("学习二十届三中全会精神",
        ActivityType.BuiltIn.Single(t => t.Code == "joint-study"), [ActivityHost.Internal(Guid.NewGuid(), Guid.NewGuid(), "甲公司第一党支部")],
        null, null, null, null, [], Start, Start.AddHours(2), null, null, "城东路 1 号", null), Secretary, Now);

    [Fact]
    public void Check_in_opens_thirty_minutes_before_the_start_and_closes_thirty_minutes_after_the_end_both_included()
    {
        var activity = Scheduled();

        CheckInWindow.IsOpen(activity, Start.AddMinutes(-30), Options).Should().BeTrue();
        CheckInWindow.IsOpen(activity, Start.AddMinutes(-30).AddSeconds(-1), Options).Should().BeFalse();
        CheckInWindow.IsOpen(activity, Start.AddHours(2).AddMinutes(30), Options).Should().BeTrue();
        CheckInWindow.IsOpen(activity, Start.AddHours(2).AddMinutes(30).AddSeconds(1), Options).Should().BeFalse();
    }

    [Fact]
    public void The_margins_are_configurable()
    {
        var activity = Scheduled();
        var options = new AttendanceOptions { CheckInOpensBeforeStart = TimeSpan.FromHours(2), CheckInClosesAfterEnd = TimeSpan.Zero };

        CheckInWindow.IsOpen(activity, Start.AddHours(-2), options).Should().BeTrue();
        CheckInWindow.IsOpen(activity, Start.AddHours(2).AddSeconds(1), options).Should().BeFalse();
    }

    [Fact]
    public void Outside_the_window_the_refusal_says_when_it_opens_or_closed()
    {
        var activity = Scheduled();

        var early = () => CheckInWindow.Ensure(activity, Start.AddHours(-1), Options);
        var late = () => CheckInWindow.Ensure(activity, Start.AddHours(3), Options);

        early.Should().Throw<ActivityRuleException>().Which.Message.Should().Contain("opens at 2026-03-05T13:30:00+08:00");
        late.Should().Throw<ActivityRuleException>().Which.Message.Should().Contain("closed at 2026-03-05T16:30:00+08:00");
    }

    [Fact]
    public void A_cancelled_activity_takes_no_check_in_even_inside_its_window()
    {
        var activity = Scheduled();
        activity.Cancel("暴雨", Secretary, Now);

        CheckInWindow.IsOpen(activity, Start, Options).Should().BeFalse();
        var ensure = () => CheckInWindow.Ensure(activity, Start, Options);
        ensure.Should().Throw<ActivityRuleException>().Which.Message.Should().Contain("cancelled");
    }

    [Fact]
    public void A_held_activity_still_takes_late_check_ins_inside_its_window()
    {
        var activity = Scheduled();
        activity.RecordHeld("顺利", Secretary, Start.AddHours(1));

        CheckInWindow.IsOpen(activity, Start.AddHours(2), Options).Should().BeTrue();
    }

    [Theory]
    // RFC 6238 appendix B (SHA-1, the 8-digit values' last six digits).
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_are_the_totp_of_the_activity_secret(long unixSeconds, string expected)
    {
        CheckInCodes.At(Secret, CheckInCodes.StepOf(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), 30)).Should().Be(expected);
    }

    [Fact]
    public void The_code_rotates_every_step_and_the_previous_one_is_taken_for_one_more_step()
    {
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000); // a step boundary for 60 s steps
        var code = CheckInCodes.At(Secret, CheckInCodes.StepOf(t0, 60));

        CheckInCodes.At(Secret, CheckInCodes.StepOf(t0.AddSeconds(59), 60)).Should().Be(code);
        CheckInCodes.At(Secret, CheckInCodes.StepOf(t0.AddSeconds(60), 60)).Should().NotBe(code);
        CheckInCodes.Match(Secret, code, t0.AddSeconds(30), 60, 1).Should().Be(CodeMatch.Valid);
        CheckInCodes.Match(Secret, code, t0.AddSeconds(119), 60, 1).Should().Be(CodeMatch.Valid);
        CheckInCodes.Match(Secret, code, t0.AddSeconds(120), 60, 1).Should().Be(CodeMatch.Stale);
        CheckInCodes.Match(Secret, code, t0.AddMinutes(20), 60, 1).Should().Be(CodeMatch.Stale);
        CheckInCodes.Match(Secret, code, t0.AddSeconds(60), 60, 0).Should().Be(CodeMatch.Stale);
    }

    [Fact]
    public void A_code_never_shown_or_of_another_activity_is_wrong()
    {
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var other = CheckInCodes.NewSecret();
        var otherCode = CheckInCodes.At(other, CheckInCodes.StepOf(t0, 60));
        var ownCode = CheckInCodes.At(Secret, CheckInCodes.StepOf(t0, 60));
        var wrong = ((int.Parse(ownCode) + 1) % 1_000_000).ToString("D6");

        CheckInCodes.Match(Secret, otherCode == ownCode ? wrong : otherCode, t0, 60, 1).Should().NotBe(CodeMatch.Valid);
        CheckInCodes.Match(Secret, "12345", t0, 60, 1).Should().Be(CodeMatch.Wrong);
        // A future code (the next step's) is not taken either.
        var next = CheckInCodes.At(Secret, CheckInCodes.StepOf(t0, 60) + 1);
        if (next != ownCode) CheckInCodes.Match(Secret, next, t0, 60, 1).Should().Be(CodeMatch.Wrong);
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12a456", false)]
    [InlineData("１２３４５６", false)]
    public void Only_six_ascii_digits_are_a_code(string code, bool wellFormed) => CheckInCodes.IsWellFormed(code).Should().Be(wellFormed);
}

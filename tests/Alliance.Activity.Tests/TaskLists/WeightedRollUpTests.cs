using Alliance.Activity.Common;
using Alliance.Activity.TaskLists;

namespace Alliance.Activity.Tests.TaskLists;

/// <summary>The weighted roll-up (ADR 42) on known data, with the figures worked out by hand in each test's comment.</summary>
public class WeightedRollUpTests
{
    static MeasureFigure M(decimal weight, decimal progress) => new(weight, progress);

    /// <summary>Lingang's yearly list: 15 tasks, 67 measures of weight 1. Tasks 1–7 have five measures at 100, 100, 100, 50, 0 %
    /// (task 70 %), tasks 8–15 four at 100, 100, 50, 0 % (task 62.5 %).</summary>
    static List<TaskFigure> Lingang(decimal? taskWeight = null) =>
    [
        .. Enumerable.Range(1, 7).Select(_ => new TaskFigure(taskWeight, [M(1, 100), M(1, 100), M(1, 100), M(1, 50), M(1, 0)])),
        .. Enumerable.Range(8, 8).Select(_ => new TaskFigure(taskWeight, [M(1, 100), M(1, 100), M(1, 50), M(1, 0)])),
    ];

    [Fact]
    public void Lingangs_15_tasks_and_67_measures_roll_up_to_the_weighted_mean_of_all_measures()
    {
        var tasks = Lingang();
        tasks.Sum(t => t.Measures.Count).Should().Be(67);
        WeightedRollUp.TaskProgress(tasks[0]).Should().Be(70.00m);
        WeightedRollUp.TaskProgress(tasks[14]).Should().Be(62.50m);
        // Task weights are their measure counts: (7·5·70 + 8·4·62.5) / 67 = 4450 / 67 = 66.4179…
        WeightedRollUp.ListProgress(tasks).Should().Be(66.42m);
    }

    [Fact]
    public void Explicit_task_weights_replace_the_sum_of_the_measures_weights()
    {
        // Every task weighs 1: (7·70 + 8·62.5) / 15 = 990 / 15 = 66.
        WeightedRollUp.ListProgress(Lingang(taskWeight: 1)).Should().Be(66.00m);
    }

    [Fact]
    public void Measures_weigh_by_their_weight_within_a_task_and_tasks_within_the_list()
    {
        var first = new TaskFigure(null, [M(2, 50), M(1, 100), M(1, 0)]);   // (100 + 100 + 0) / 4 = 50
        var second = new TaskFigure(null, [M(3, 20), M(1, 60)]);           // (60 + 60) / 4 = 30
        WeightedRollUp.TaskWeight(first).Should().Be(4);
        WeightedRollUp.TaskProgress(first).Should().Be(50m);
        WeightedRollUp.TaskProgress(second).Should().Be(30m);
        WeightedRollUp.ListProgress([first, second]).Should().Be(40m);                                  // (4·50 + 4·30) / 8
        WeightedRollUp.ListProgress([first, second with { ExplicitWeight = 12 }]).Should().Be(35m);     // (4·50 + 12·30) / 16
    }

    [Fact]
    public void Figures_are_rounded_to_two_decimals_only_at_the_end()
    {
        var third = new TaskFigure(null, [M(1, 100), M(1, 0), M(1, 0)]);   // 33.333…
        WeightedRollUp.TaskProgress(third).Should().Be(33.33m);
        // The list uses the exact task figure: (3·33.333… + 1·100) / 4 = 50, not (3·33.33 + 100) / 4 = 49.9975.
        WeightedRollUp.ListProgress([third, new TaskFigure(null, [M(1, 100)])]).Should().Be(50.00m);
    }

    [Fact]
    public void A_task_or_list_without_weight_is_at_zero()
    {
        WeightedRollUp.TaskProgress(new TaskFigure(null, [])).Should().Be(0);
        WeightedRollUp.ListProgress([]).Should().Be(0);
        WeightedRollUp.ListProgress([new TaskFigure(null, []), new TaskFigure(null, [M(1, 80)])]).Should().Be(80);
    }

    [Theory]
    [InlineData("2026-06-30", 99.99, "2026-07-01", true)]
    [InlineData("2026-06-30", 99.99, "2026-06-30", false)]
    [InlineData("2026-06-30", 100, "2026-12-31", false)]
    [InlineData("2026-06-30", 0, "2026-06-29", false)]
    public void A_measure_is_overdue_after_its_due_day_below_100_percent(string dueOn, double progress, string today, bool overdue) =>
        WeightedRollUp.IsOverdue(DateOnly.Parse(dueOn), (decimal)progress, DateOnly.Parse(today)).Should().Be(overdue);

    [Fact]
    public void The_list_rolls_up_the_progress_reported_on_its_measures()
    {
        var by = new Actor("李书记", "secretary");
        var now = new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
        var list = TaskList.Create("临港2026年任务清单", 2026, TaskListOwnerKind.Group, null, null, null, by, now);
        var task = list.AddTask("产业攻坚", null, by, now);
        Department dept = new(Guid.NewGuid(), Guid.NewGuid(), "组织部");
        var first = list.AddMeasure(task.Id, new MeasurePlan("措施一", dept, dept, 3, "完成", null, null, new DateOnly(2026, 6, 30), null), by, now);
        var second = list.AddMeasure(task.Id, new MeasurePlan("措施二", dept, dept, 1, "完成", 20, "个", new DateOnly(2026, 6, 30), null), by, now);
        list.ReportProgress(first.Id, 40, null, new DateOnly(2026, 3, 1), [], by, now);
        list.ReportProgress(second.Id, 80, null, new DateOnly(2026, 3, 1), [], by, now);
        list.Progress.Should().Be(50m);   // (3·40 + 1·80) / 4
        list.Version.Should().Be(6);
        list.Changes.Select(c => c.Kind).Should().Equal("created", "task-added", "measure-added", "measure-added", "progress-reported", "progress-reported");
        FluentActions.Invoking(() => list.ReportProgress(first.Id, 50, null, new DateOnly(2026, 2, 28), [], by, now))
            .Should().Throw<ActivityRuleException>().Which.Field.Should().Be("reportedOn");
    }
}

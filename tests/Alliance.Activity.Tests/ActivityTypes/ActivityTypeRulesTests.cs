using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Common;

namespace Alliance.Activity.Tests.ActivityTypes;

public class ActivityTypeRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_built_in_types_stand_under_the_joint_measures_with_both_names()
    {
        ActivityType.BuiltIn.Select(t => t.NameZh).Should().Equal("联学", "共同过党日", "联上党课", "参观交流", "志愿服务", "讲座", "现场会",
            "支部党员大会", "支委会", "党小组会", "党课", "委员会会议");
        ActivityType.BuiltIn.Should().OnlyContain(t => t.IsBuiltIn && !t.Retired && t.NameEn.Length > 0 && Enum.IsDefined(t.Measure));
        ActivityType.BuiltIn.Select(t => t.Code).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("Joint-Reading", "joint-reading")]
    [InlineData(" tea-talk ", "tea-talk")]
    [InlineData("study2", "study2")]
    public void A_code_is_kept_in_lower_case(string given, string stored)
    {
        ActivityType.Create(given, "读书会", "Reading", JointMeasure.Study, "admin", Now).Code.Should().Be(stored);
    }

    [Theory]
    [InlineData("joint reading")]
    [InlineData("-joint")]
    [InlineData("joint--reading")]
    [InlineData("读书会")]
    public void A_code_of_other_characters_is_refused(string code)
    {
        var create = () => ActivityType.Create(code, "读书会", "Reading", JointMeasure.Study, "admin", Now);

        create.Should().Throw<ActivityRuleException>().Which.Field.Should().Be("code");
    }

    [Fact]
    public void Revising_a_type_bumps_its_version_and_keeps_its_code()
    {
        var type = ActivityType.Create("tea-talk", "茶话会", "Tea talk", JointMeasure.Work, "admin", Now);

        type.Revise("座谈会", "Forum", JointMeasure.Performance, retired: true, "other", Now.AddDays(1));

        (type.Code, type.NameZh, type.Measure, type.Retired, type.Version, type.UpdatedBy).Should().Be(("tea-talk", "座谈会", JointMeasure.Performance, true, 2L, "other"));
    }

    [Theory]
    [InlineData("study", JointMeasure.Study)]
    [InlineData("Integrity", JointMeasure.Integrity)]
    [InlineData("1", null)]
    [InlineData("honesty", null)]
    public void Measures_are_read_by_name_only(string name, JointMeasure? measure)
    {
        JointMeasures.FromName(name).Should().Be(measure);
    }
}

using Alliance.Activity.Lists;

namespace Alliance.Activity.Tests.Lists;

public class MatchScoringTests
{
    static readonly DateOnly Today = new(2026, 12, 8);
    static readonly Guid Alliance = Guid.NewGuid();

    static MatchProblem Problem(ProblemCategory category = ProblemCategory.Venue, string[]? tags = null, string need = "主题党日需要会场", DateOnly? wantedBy = null) =>
        new(Guid.NewGuid(), Alliance, "org:problem-unit", category, tags ?? ["党课", "会议室"], "借用场地", need, wantedBy ?? Today.AddDays(20));

    static MatchOffer Offer(ResourceKind kind = ResourceKind.Venue, string[]? tags = null, Guid? alliance = null, string unit = "org:offer-unit",
        decimal? capacity = 10, int used = 0, AvailabilityWindow[]? windows = null, OfferedPerson[]? people = null) =>
        new(Guid.NewGuid(), alliance, unit, kind, tags ?? ["会议室"], people ?? [], capacity, used, windows ?? [new(Today, Today.AddDays(60))]);

    static ScorePart Part(MatchScore score, string name) => score.Parts.Single(p => p.Name == name);

    [Fact]
    public void A_kind_made_for_the_category_scores_full_fit_and_says_so_in_both_languages()
    {
        var score = MatchScoring.Score(Problem(), Offer(alliance: Alliance), UnitNeighbourhood.None, Today);

        Part(score, "fit").Points.Should().Be(MatchScoring.FitWeight);
        Part(score, "fit").Zh.Should().Be("类别相符：场地阵地 ↔ 场地阵地 +0.35");
        Part(score, "fit").En.Should().Be("category fits: venue ↔ venue +0.35");
    }

    [Fact]
    public void A_related_kind_scores_half_fit_and_an_unrelated_kind_scores_nothing_at_all()
    {
        var related = MatchScoring.Score(Problem(ProblemCategory.Training), Offer(ResourceKind.Experts), UnitNeighbourhood.None, Today);
        var unrelated = MatchScoring.Score(Problem(ProblemCategory.Venue), Offer(ResourceKind.Funding), UnitNeighbourhood.None, Today);

        Part(related, "fit").Points.Should().Be(MatchScoring.FitWeight / 2);
        Part(related, "fit").En.Should().StartWith("category is related: training ↔ experts");
        unrelated.Total.Should().Be(0);
        unrelated.Parts.Should().ContainSingle().Which.En.Should().Be("category does not fit: venue ↔ funding");
    }

    [Fact]
    public void Shared_tags_count_whole_and_tags_named_in_the_need_count_half()
    {
        var shared = MatchScoring.Score(Problem(tags: ["党课", "会议室"]), Offer(tags: ["党课", "会议室"]), UnitNeighbourhood.None, Today);
        var named = MatchScoring.Score(Problem(tags: ["党课", "会议室"], need: "需要投影设备"), Offer(tags: ["投影"]), UnitNeighbourhood.None, Today);
        var none = MatchScoring.Score(Problem(tags: ["党课"]), Offer(tags: ["篮球"]), UnitNeighbourhood.None, Today);

        Part(shared, "tags").Points.Should().Be(MatchScoring.TagWeight);
        Part(shared, "tags").Zh.Should().Be("共同标签：党课、会议室 +0.25");
        Part(named, "tags").Points.Should().BeApproximately(MatchScoring.TagWeight * 0.25, 1e-9);
        Part(named, "tags").En.Should().Be("shared tags: 投影 +0.06");
        Part(none, "tags").Points.Should().Be(0);
        Part(none, "tags").En.Should().Be("no shared tags +0");
    }

    [Fact]
    public void Skills_of_the_people_offered_count_when_they_meet_the_need_tags_or_text()
    {
        var problem = Problem(ProblemCategory.Expertise, ["劳动争议"], need: "需要律师做法律咨询");
        var offer = Offer(ResourceKind.Experts, people: [new OfferedPerson(null, "陈律师", ["劳动争议", "法律咨询"]), new OfferedPerson(Guid.NewGuid(), "林律师", ["会计"])]);
        var noPeople = Offer(ResourceKind.Experts);

        var score = MatchScoring.Score(problem, offer, UnitNeighbourhood.None, Today);

        Part(score, "skills").Points.Should().Be(MatchScoring.SkillWeight);
        Part(score, "skills").Zh.Should().Be("人员技能对口：劳动争议、法律咨询 +0.15");
        Part(MatchScoring.Score(problem, noPeople, UnitNeighbourhood.None, Today), "skills").En.Should().Be("no people offered +0");
    }

    [Fact]
    public void The_same_alliance_is_nearer_than_units_that_share_another_alliance_which_are_nearer_than_the_group()
    {
        var problem = Problem();
        var near = new UnitNeighbourhood(new HashSet<string> { "org:neighbour" });

        var same = MatchScoring.Score(problem, Offer(alliance: Alliance), near, Today);
        var neighbour = MatchScoring.Score(problem, Offer(alliance: null, unit: "org:neighbour"), near, Today);
        var group = MatchScoring.Score(problem, Offer(alliance: null, unit: "org:far"), near, Today);

        Part(same, "distance").Zh.Should().Be("同一联盟 +0.15");
        Part(same, "distance").En.Should().Be("same alliance +0.15");
        Part(neighbour, "distance").En.Should().Be("the units are paired or share another alliance +0.08");
        Part(group, "distance").En.Should().Be("only the same group +0");
        same.Total.Should().BeGreaterThan(neighbour.Total);
        neighbour.Total.Should().BeGreaterThan(group.Total);
    }

    [Fact]
    public void Capacity_left_and_availability_before_the_wanted_by_date_each_add_their_part()
    {
        var problem = Problem(wantedBy: Today.AddDays(10));

        var usable = MatchScoring.Score(problem, Offer(capacity: 3, used: 1), UnitNeighbourhood.None, Today);
        var full = MatchScoring.Score(problem, Offer(capacity: 2, used: 2), UnitNeighbourhood.None, Today);
        var late = MatchScoring.Score(problem, Offer(windows: [new(Today.AddDays(30), Today.AddDays(40))]), UnitNeighbourhood.None, Today);
        var open = MatchScoring.Score(problem, Offer(capacity: null, windows: []), UnitNeighbourhood.None, Today);

        Part(usable, "capacity").En.Should().Be("capacity left: 2 +0.05");
        Part(full, "capacity").Zh.Should().Be("容量已用完 +0");
        Part(usable, "availability").En.Should().Be($"available before the wanted-by date {Today.AddDays(10):yyyy-MM-dd} +0.05");
        Part(late, "availability").Points.Should().Be(0);
        Part(late, "availability").Zh.Should().Be("期望日期前不可用 +0");
        Part(open, "capacity").En.Should().Be("no capacity limit stated +0.05");
        Part(open, "availability").En.Should().Be("time by arrangement +0.03");
    }

    [Fact]
    public void The_total_is_the_sum_of_its_parts_and_ranking_keeps_the_best_n()
    {
        var problem = Problem();
        var best = Offer(tags: ["党课", "会议室"], alliance: Alliance);
        var middle = Offer(tags: ["会议室"]);
        var worst = Offer(tags: ["篮球"], capacity: 1, used: 1);
        var unfit = Offer(ResourceKind.Funding);

        var ranked = MatchScoring.Rank(problem, [worst, unfit, middle, best], UnitNeighbourhood.None, Today, top: 2);

        ranked.Select(r => r.OfferId).Should().Equal(best.Id, middle.Id);
        ranked.Should().OnlyContain(r => Math.Abs(r.Total - r.Parts.Sum(p => p.Points)) < 1e-3);
    }
}

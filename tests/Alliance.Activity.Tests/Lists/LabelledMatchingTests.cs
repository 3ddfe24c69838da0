using Xunit.Abstractions;

namespace Alliance.Activity.Tests.Lists;

/// <summary>The matcher measured on the labelled set (docs/BENCHMARKS.md reports the figures this prints).</summary>
public class LabelledMatchingTests(ITestOutputHelper output)
{
    [Fact]
    public void The_matcher_ranks_a_correct_offer_in_the_top_three_for_most_problems_of_the_labelled_set()
    {
        var set = LabelledMatchingSet.Load();

        var figures = set.Evaluate();
        output.WriteLine($"problems {figures.Problems}, labelled pairs {figures.LabelledPairs}, precision@3 {figures.PrecisionAt3:0.000}, hit@3 {figures.HitAt3:0.000}");
        foreach (var miss in set.Misses()) output.WriteLine(miss);

        figures.Problems.Should().Be(set.Problems.Count).And.BeGreaterThan(0);
        figures.LabelledPairs.Should().BeGreaterThanOrEqualTo(200, "the set labels at least 200 problem/offer pairs");
        figures.HitAt3.Should().BeGreaterThanOrEqualTo(0.9);
        figures.PrecisionAt3.Should().BeGreaterThanOrEqualTo(0.8 - 1e-9);
    }

    [Fact]
    public void The_figures_are_computed_from_the_labels()
    {
        var set = LabelledMatchingSet.Load();
        var own = set.Evaluate();

        // Each problem judged by the labels of a problem of another need: the same rankings must now score poorly.
        var others = set.Problems.Select((p, i) => (p.Id, Labels: set.Problems[(i + 3) % set.Problems.Count].Correct)).ToDictionary(x => x.Id, x => x.Labels);
        var shifted = set.Evaluate(p => others[p.Id]);

        shifted.PrecisionAt3.Should().BeLessThan(0.3);
        own.PrecisionAt3.Should().BeGreaterThan(shifted.PrecisionAt3 + 0.5);
    }
}

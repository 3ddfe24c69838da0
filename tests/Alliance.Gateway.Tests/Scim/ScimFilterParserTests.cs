using System.Text.Json.Nodes;
using Alliance.Gateway.Scim;

namespace Alliance.Gateway.Tests.Scim;

public class ScimFilterParserTests
{
    [Theory]
    [InlineData("eq")]
    [InlineData("ne")]
    [InlineData("co")]
    [InlineData("sw")]
    [InlineData("ew")]
    [InlineData("gt")]
    [InlineData("ge")]
    [InlineData("lt")]
    [InlineData("le")]
    public void Every_comparison_operator_parses_case_insensitively(string op)
    {
        var node = ScimFilterParser.Parse($"userName {op.ToUpperInvariant()} \"bjensen\"");
        node.Should().BeOfType<Comparison>().Which.Should().Match<Comparison>(c =>
            c.Attribute == "userName" && c.Operator == op && c.Value!.GetValue<string>() == "bjensen");
    }

    [Fact]
    public void Presence_has_no_value()
    {
        ScimFilterParser.Parse("title pr").Should().Be(new Comparison("title", "pr", null));
    }

    [Fact]
    public void And_binds_tighter_than_or_and_not_takes_a_group()
    {
        var node = ScimFilterParser.Parse("userName eq \"a\" or displayName co \"b\" and not (active eq false)");
        var or = node.Should().BeOfType<OrFilter>().Subject;
        or.Left.Should().BeOfType<Comparison>().Which.Attribute.Should().Be("userName");
        var and = or.Right.Should().BeOfType<AndFilter>().Subject;
        and.Left.Should().BeOfType<Comparison>().Which.Operator.Should().Be("co");
        var not = and.Right.Should().BeOfType<NotFilter>().Subject;
        not.Inner.Should().BeOfType<Comparison>().Which.Value!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Parentheses_group_and_value_paths_hold_a_filter()
    {
        var node = ScimFilterParser.Parse("(userName sw \"a\" or userName sw \"b\") and emails[type eq \"work\" and value co \"@example.com\"]");
        var and = node.Should().BeOfType<AndFilter>().Subject;
        and.Left.Should().BeOfType<OrFilter>();
        var valuePath = and.Right.Should().BeOfType<ValuePathFilter>().Subject;
        valuePath.Attribute.Should().Be("emails");
        valuePath.Inner.Should().BeOfType<AndFilter>();
    }

    [Fact]
    public void Core_schema_urns_are_stripped_and_the_enterprise_urn_is_kept()
    {
        ScimFilterParser.Parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"").Should().BeOfType<Comparison>()
            .Which.Attribute.Should().Be("userName");
        ScimFilterParser.Parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\"").Should().BeOfType<Comparison>()
            .Which.Attribute.Should().Be("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber");
    }

    [Fact]
    public void Strings_keep_escapes_spaces_and_keywords()
    {
        ScimFilterParser.Parse("displayName eq \"Tom \\\"and\\\" Jerry or 张三\"").Should().BeOfType<Comparison>()
            .Which.Value!.GetValue<string>().Should().Be("Tom \"and\" Jerry or 张三");
    }

    [Fact]
    public void Dates_numbers_booleans_and_null_are_values()
    {
        ScimFilterParser.Parse("meta.lastModified gt \"2011-05-13T04:42:34Z\"").Should().BeOfType<Comparison>().Which.Attribute.Should().Be("meta.lastModified");
        ScimFilterParser.Parse("x eq 42").Should().BeOfType<Comparison>().Which.Value!.GetValue<decimal>().Should().Be(42);
        ScimFilterParser.Parse("active eq true").Should().BeOfType<Comparison>().Which.Value!.GetValue<bool>().Should().BeTrue();
        ScimFilterParser.Parse("title eq null").Should().BeOfType<Comparison>().Which.Value.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("userName")]
    [InlineData("userName eq")]
    [InlineData("userName like \"x\"")]
    [InlineData("userName eq bjensen")]
    [InlineData("userName eq \"unclosed")]
    [InlineData("(userName eq \"x\"")]
    [InlineData("userName eq \"x\" and")]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("userName eq \"x\" extra")]
    [InlineData("not userName eq \"x\"")]
    public void Malformed_filters_are_invalidFilter(string filter)
    {
        var act = () => ScimFilterParser.Parse(filter);
        act.Should().Throw<ScimException>().Which.Should().Match<ScimException>(e => e.Status == 400 && e.ScimType == ScimType.InvalidFilter);
    }

    [Fact]
    public void The_contract_lower_cases_paths_keeps_value_paths_and_turns_null_into_presence()
    {
        var contract = ScimFilterContract.ToContract(ScimFilterParser.Parse(
            "Emails[Type eq \"work\" and value co \"EXAMPLE\"] or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"7\" or title eq null"));
        var or = contract.Or.Items;
        or[0].Or.Items[0].ValuePath.Attribute.Should().Be("emails");
        or[0].Or.Items[0].ValuePath.Filter.And.Items[0].Compare.Attribute.Should().Be("type");
        or[0].Or.Items[0].ValuePath.Filter.And.Items[1].Compare.Value.Should().Be("EXAMPLE");
        or[0].Or.Items[1].Compare.Attribute.Should().Be("employeenumber");
        or[1].Not.Compare.Operator.Should().Be("pr");
    }

    [Fact]
    public void The_evaluator_matches_values_of_multi_valued_attributes_ignoring_case()
    {
        var user = JsonNode.Parse("""{"userName":"BJensen","emails":[{"value":"b@x.org","type":"work"},{"value":"b@home.org","type":"home"}],"active":true}""");
        ScimFilterEvaluator.Matches(ScimFilterParser.Parse("username eq \"bjensen\""), user).Should().BeTrue();
        ScimFilterEvaluator.Matches(ScimFilterParser.Parse("emails[type eq \"work\" and value ew \"x.org\"]"), user).Should().BeTrue();
        ScimFilterEvaluator.Matches(ScimFilterParser.Parse("emails[type eq \"other\"]"), user).Should().BeFalse();
        ScimFilterEvaluator.Matches(ScimFilterParser.Parse("emails.value sw \"b@home\""), user).Should().BeTrue();
        ScimFilterEvaluator.Matches(ScimFilterParser.Parse("not (active eq true)"), user).Should().BeFalse();
        ScimFilterEvaluator.Matches(ScimFilterParser.Parse("title pr"), user).Should().BeFalse();
    }
}

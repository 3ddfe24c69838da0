using System.Text.Json.Nodes;
using Alliance.Gateway.Scim;

namespace Alliance.Gateway.Tests.Scim;

public class ScimPatchTests
{
    const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static JsonObject User() => JsonNode.Parse("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"bjensen","displayName":"Babs",
         "name":{"familyName":"Jensen","givenName":"Barbara"},
         "emails":[{"value":"b@work.org","type":"work","primary":true},{"value":"b@home.org","type":"home"}]}
        """)!.AsObject();

    static JsonObject Patch(JsonObject resource, string operations)
    {
        var body = JsonNode.Parse($$"""{"schemas":["{{ScimPatch.PatchOpSchema}}"],"Operations":{{operations}}}""");
        ScimPatch.Apply(resource, ScimPatch.ReadOperations(body));
        return resource;
    }

    [Fact]
    public void Replace_through_a_value_filter_changes_only_the_matching_value()
    {
        var user = Patch(User(), """[{"op":"replace","path":"emails[type eq \"work\"].value","value":"new@work.org"}]""");
        user["emails"]![0]!["value"]!.GetValue<string>().Should().Be("new@work.org");
        user["emails"]![1]!["value"]!.GetValue<string>().Should().Be("b@home.org");
    }

    [Fact]
    public void Add_through_an_equality_filter_with_no_match_adds_a_value_of_that_kind()
    {
        var user = Patch(User(), """[{"op":"add","path":"emails[type eq \"other\"].value","value":"o@x.org"}]""");
        user["emails"]!.AsArray().Should().HaveCount(3);
        user["emails"]![2]!["type"]!.GetValue<string>().Should().Be("other");
        user["emails"]![2]!["value"]!.GetValue<string>().Should().Be("o@x.org");
    }

    [Fact]
    public void Replace_through_a_filter_that_cannot_make_a_value_is_noTarget()
    {
        var act = () => Patch(User(), """[{"op":"replace","path":"emails[value co \"nowhere\"].value","value":"x"}]""");
        act.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.NoTarget);
    }

    [Fact]
    public void Remove_through_a_filter_removes_the_matching_values()
    {
        var user = Patch(User(), """[{"op":"remove","path":"emails[type eq \"home\"]"}]""");
        user["emails"]!.AsArray().Should().ContainSingle().Which!["type"]!.GetValue<string>().Should().Be("work");
    }

    [Fact]
    public void Attribute_names_are_case_insensitive_and_keep_their_stored_spelling()
    {
        var user = Patch(User(), """[{"op":"Replace","path":"DISPLAYNAME","value":"Barbara J"},{"op":"replace","path":"Name.FamilyName","value":"J"}]""");
        user["displayName"]!.GetValue<string>().Should().Be("Barbara J");
        user.ContainsKey("DISPLAYNAME").Should().BeFalse();
        user["name"]!["familyName"]!.GetValue<string>().Should().Be("J");
    }

    [Fact]
    public void The_enterprise_urn_in_a_path_reaches_the_extension_and_adds_its_schema()
    {
        var user = Patch(User(), $$"""[{"op":"add","path":"{{Enterprise}}:department","value":"财务部"},{"op":"replace","path":"{{Enterprise}}:manager.value","value":"m-1"}]""");
        user[Enterprise]!["department"]!.GetValue<string>().Should().Be("财务部");
        user[Enterprise]!["manager"]!["value"]!.GetValue<string>().Should().Be("m-1");
        user["schemas"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(Enterprise);
    }

    [Fact]
    public void Without_a_path_the_value_is_a_set_of_attributes_including_the_extension_object_and_urn_keys()
    {
        var user = Patch(User(), $$$"""
            [{"op":"replace","value":{"displayName":"B","active":false,"id":"ignored",
              "{{{Enterprise}}}":{"employeeNumber":"701984"},"{{{Enterprise}}}:organization":"总部"}}]
            """);
        user["displayName"]!.GetValue<string>().Should().Be("B");
        user["active"]!.GetValue<bool>().Should().BeFalse();
        user["id"]!.GetValue<string>().Should().Be("1");
        user[Enterprise]!["employeeNumber"]!.GetValue<string>().Should().Be("701984");
        user[Enterprise]!["organization"]!.GetValue<string>().Should().Be("总部");
    }

    [Fact]
    public void Add_to_a_multi_valued_attribute_appends_new_values_once()
    {
        var user = Patch(User(), """[{"op":"add","path":"emails","value":[{"value":"b@home.org","type":"home"},{"value":"c@x.org"}]}]""");
        user["emails"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()).Should().Equal("b@work.org", "b@home.org", "c@x.org");
    }

    [Fact]
    public void Marking_one_value_primary_clears_the_others()
    {
        var user = Patch(User(), """[{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}]""");
        user["emails"]![0]!["primary"]!.GetValue<bool>().Should().BeFalse();
        user["emails"]![1]!["primary"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Remove_without_a_path_is_noTarget_and_read_only_attributes_are_mutability_errors()
    {
        var noPath = () => Patch(User(), """[{"op":"remove"}]""");
        noPath.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.NoTarget);
        var id = () => Patch(User(), """[{"op":"replace","path":"id","value":"2"}]""");
        id.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.Mutability);
    }

    [Theory]
    [InlineData("""{"Operations":[{"op":"add","path":"title","value":"x"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"title"}]}""")]
    public void Malformed_patch_bodies_are_invalidSyntax(string body)
    {
        var act = () => ScimPatch.ReadOperations(JsonNode.Parse(body));
        act.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.InvalidSyntax);
    }

    [Theory]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("emails[type zz \"work\"].value")]
    [InlineData("urn:example:unknown:attr")]
    [InlineData("emails[type eq \"work\"]value")]
    public void Malformed_paths_are_invalidPath(string path)
    {
        var act = () => ScimPatchPath.Parse(path);
        act.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.InvalidPath);
    }

    [Fact]
    public void A_group_patch_becomes_member_deltas_in_order()
    {
        var body = JsonNode.Parse($$$"""
            {"schemas":["{{{ScimPatch.PatchOpSchema}}}"],"Operations":[
              {"op":"add","path":"members","value":[{"value":"a"},{"value":"b"}]},
              {"op":"remove","path":"members[value eq \"c\" or value eq \"d\"]"},
              {"op":"remove","path":"members","value":[{"value":"e"}]},
              {"op":"replace","value":{"displayName":"财务部","id":"ignored"}},
              {"op":"remove","path":"externalId"}]}
            """);
        var request = ScimGroupPatch.Translate("g", ScimPatch.ReadOperations(body));
        request.MemberChanges.Select(c => (c.Kind, string.Join(",", c.MemberIds))).Should().Equal(
            (Alliance.Contracts.Organization.V1.MemberChange.Types.Kind.Add, "a,b"),
            (Alliance.Contracts.Organization.V1.MemberChange.Types.Kind.Remove, "c,d"),
            (Alliance.Contracts.Organization.V1.MemberChange.Types.Kind.Remove, "e"));
        request.DisplayName.Should().Be("财务部");
        request.ExternalId.Should().BeEmpty();
    }

    [Fact]
    public void Group_patches_that_cannot_be_deltas_are_refused()
    {
        var bad = JsonNode.Parse($$"""{"schemas":["{{ScimPatch.PatchOpSchema}}"],"Operations":[{"op":"remove","path":"members[display eq \"x\"]"}]}""");
        var act = () => ScimGroupPatch.Translate("g", ScimPatch.ReadOperations(bad));
        act.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.InvalidFilter);
        var noValue = JsonNode.Parse($$"""{"schemas":["{{ScimPatch.PatchOpSchema}}"],"Operations":[{"op":"add","path":"members","value":[{"display":"x"}]}]}""");
        var act2 = () => ScimGroupPatch.Translate("g", ScimPatch.ReadOperations(noValue));
        act2.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimType.InvalidValue);
    }
}

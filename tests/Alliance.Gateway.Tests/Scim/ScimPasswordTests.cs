using System.Text.Json.Nodes;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Scim;
using Google.Protobuf.WellKnownTypes;

namespace Alliance.Gateway.Tests.Scim;

/// <summary>RFC 7643 §4.1.1: a User's password is <c>returned: never</c>; Alliance does not keep it at all (issue 17).</summary>
public class ScimPasswordTests
{
    static JsonObject User(string passwordKey) => JsonNode.Parse($$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","displayName":"Babs",
         "{{passwordKey}}":"t1meMa$heen","nickName":"Babs J"}
        """)!.AsObject();

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:password")]
    public void A_written_password_never_reaches_the_stored_resource(string key)
    {
        var write = ScimResources.ToWrite(User(key));

        write.ScimJson.Should().NotContain("t1meMa$heen").And.NotContainEquivalentOf("password");
        write.ScimJson.Should().Contain("Babs J", "the other attributes are kept as sent");
        write.ToString().Should().NotContain("t1meMa$heen", "the write to the service holds no password in any field");
    }

    [Fact]
    public void A_password_stored_before_is_not_returned()
    {
        var user = new HrUser
        {
            Id = "1", UserName = "bjensen", Active = true, Version = 3,
            ScimJson = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"password":"t1meMa$heen","nickName":"Babs J"}""",
            CreatedAt = Timestamp.FromDateTime(DateTime.UtcNow), LastModified = Timestamp.FromDateTime(DateTime.UtcNow),
        };

        var json = ScimResources.ToJson(user, "https://example.org/scim/v2");

        json.ToJsonString().Should().NotContain("t1meMa$heen").And.NotContainEquivalentOf("password");
        json["nickName"]!.GetValue<string>().Should().Be("Babs J");
    }

    [Fact]
    public void A_patched_password_is_dropped_with_the_rest_applied()
    {
        var resource = JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"}""")!.AsObject();
        var patch = JsonNode.Parse($$$"""
            {"schemas":["{{{ScimPatch.PatchOpSchema}}}"],"Operations":[{"op":"replace","path":"password","value":"n3w"},{"op":"add","value":{"title":"Tour Guide","PASSWORD":"n3w"}}]}
            """);
        ScimPatch.Apply(resource, ScimPatch.ReadOperations(patch));

        var write = ScimResources.ToWrite(resource);

        write.ScimJson.Should().NotContain("n3w").And.NotContainEquivalentOf("password");
        write.Title.Should().Be("Tour Guide");
    }

    [Fact]
    public void The_User_schema_says_the_password_is_write_only_and_never_returned()
    {
        var schema = ScimDiscovery.Schema("urn:ietf:params:scim:schemas:core:2.0:User", "https://example.org/scim/v2")!;
        var password = schema["attributes"]!.AsArray().Single(a => (string?)a!["name"] == "password")!;
        password["returned"]!.GetValue<string>().Should().Be("never");
        password["mutability"]!.GetValue<string>().Should().Be("writeOnly");
    }
}

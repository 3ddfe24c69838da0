using System.Text.Json.Nodes;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

namespace Alliance.EndToEnd.Tests.Scim;

/// <summary>SCIM Groups (HR departments): CRUD, large and concurrent member patches, unknown members.</summary>
[Collection(StackCollection.Name)]
public class ScimGroupTests(StackFixture stack)
{
    static async Task<List<string>> UsersAsync(HttpClient scim, int count)
    {
        var prefix = NewCode("m").ToLowerInvariant();
        var ids = new List<string>();
        // A few at a time: enough parallelism to be quick, not so much that the test measures the machine.
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10))
            ids.AddRange((await Task.WhenAll(chunk.Select(i => scim.CreateUserAsync(NewUser($"{prefix}-{i}"))))).Select(u => u.Id()));
        return ids;
    }

    static string[] MemberIds(JsonNode group) => group["members"]?.AsArray().Select(m => (string)m!["value"]!).ToArray() ?? [];

    [Fact]
    public async Task A_group_is_created_read_replaced_patched_and_deleted()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var users = await UsersAsync(scim, 3);
        var group = await scim.CreateGroupAsync("财务部", users.Take(2));
        var id = group.Id();
        MemberIds(group).Should().BeEquivalentTo(users.Take(2));
        group["members"]![0]!["type"]!.GetValue<string>().Should().Be("User");
        group["members"]![0]!["display"]!.GetValue<string>().Should().Be("张三");

        var child = await scim.CreateGroupAsync("财务部一科", [users[2]]);
        var replaced = await scim.SendAsync(HttpMethod.Put, $"/Groups/{id}", new JsonObject
        {
            ["schemas"] = new JsonArray(CoreGroup), ["displayName"] = "计划财务部", ["externalId"] = "D-01",
            ["members"] = Members([users[0], child.Id()]),
        }).ExpectAsync(200);
        replaced["displayName"]!.GetValue<string>().Should().Be("计划财务部");
        replaced["members"]!.AsArray().Should().Contain(m => (string)m!["type"]! == "Group" && (string)m["value"]! == child.Id());

        var patched = await scim.SendAsync(HttpMethod.Patch, $"/Groups/{id}", Patch(
            Op("add", "members", Members([users[1]])),
            Op("remove", $"members[value eq \"{users[0]}\"]"),
            Op("replace", "displayName", JsonValue.Create("财务部")))).ExpectAsync(200);
        MemberIds(patched).Should().BeEquivalentTo([users[1], child.Id()]);
        patched["displayName"]!.GetValue<string>().Should().Be("财务部");

        var filtered = await scim.SendAsync(HttpMethod.Get, $"/Groups?filter={Uri.EscapeDataString("displayName eq \"财务部\"")}&excludedAttributes=members").ExpectAsync(200);
        filtered["Resources"]!.AsArray().Should().ContainSingle().Which!.AsObject().ContainsKey("members").Should().BeFalse();
        var byMember = await scim.SendAsync(HttpMethod.Get, $"/Groups?filter={Uri.EscapeDataString($"members.value eq \"{users[2]}\"")}").ExpectAsync(200);
        byMember["Resources"]!.AsArray().Select(g => g!.Id()).Should().Equal(child.Id());

        // A deleted user leaves the groups it was in.
        (await scim.SendAsync(HttpMethod.Delete, $"/Users/{users[1]}")).Status.Should().Be(204);
        MemberIds(await scim.SendAsync(HttpMethod.Get, $"/Groups/{id}").ExpectAsync(200)).Should().Equal(child.Id());

        (await scim.SendAsync(HttpMethod.Delete, $"/Groups/{id}")).Status.Should().Be(204);
        await scim.SendAsync(HttpMethod.Get, $"/Groups/{id}").ExpectErrorAsync(404, null);
    }

    [Fact]
    public async Task A_patch_adding_150_members_keeps_every_one()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var users = await UsersAsync(scim, 150);
        var group = await scim.CreateGroupAsync("大部门");
        var patched = await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("add", "members", Members(users)))).ExpectAsync(200);
        MemberIds(patched).Should().BeEquivalentTo(users);
        MemberIds(await scim.SendAsync(HttpMethod.Get, $"/Groups/{group.Id()}").ExpectAsync(200)).Should().HaveCount(150).And.BeEquivalentTo(users);

        // Removing 50 of them keeps the other 100.
        var removed = await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("remove", "members", Members(users.Take(50))))).ExpectAsync(200);
        MemberIds(removed).Should().BeEquivalentTo(users.Skip(50));
    }

    [Fact]
    public async Task Ten_concurrent_patches_of_one_group_all_land()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var users = await UsersAsync(scim, 40);
        // The group starts with users 30–39; patch i adds users 3i, 3i+1, 3i+2 and removes user 30+i when i is even.
        var group = await scim.CreateGroupAsync("并发部门", users.Skip(30));
        var id = group.Id();
        var patches = Enumerable.Range(0, 10).Select(i =>
        {
            var ops = new List<JsonObject> { Op("add", "members", Members(users.Skip(3 * i).Take(3))) };
            if (i % 2 == 0) ops.Add(Op("remove", $"members[value eq \"{users[30 + i]}\"]"));
            return scim.SendAsync(HttpMethod.Patch, $"/Groups/{id}", Patch([.. ops]));
        }).ToList();
        var results = await Task.WhenAll(patches);
        results.Select(r => r.Status).Should().AllBeEquivalentTo(200);

        var expected = users.Take(30).Concat(Enumerable.Range(0, 10).Where(i => i % 2 == 1).Select(i => users[30 + i]));
        var final = await scim.SendAsync(HttpMethod.Get, $"/Groups/{id}").ExpectAsync(200);
        MemberIds(final).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task An_unknown_member_is_a_400_naming_it_and_nothing_is_written()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var users = await UsersAsync(scim, 2);
        var group = await scim.CreateGroupAsync("人事部", [users[0]]);
        var unknown = Guid.NewGuid().ToString();

        var detail = await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(
            Op("replace", "displayName", JsonValue.Create("改名")),
            Op("add", "members", Members([users[1], unknown])))).ExpectErrorAsync(400, "invalidValue");
        detail.Should().Contain(unknown);
        (await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("add", "members", Members(["not-a-uuid"])))).ExpectErrorAsync(400, "invalidValue"))
            .Should().Contain("not-a-uuid");
        (await scim.SendAsync(HttpMethod.Post, "/Groups", new JsonObject
        {
            ["schemas"] = new JsonArray(CoreGroup), ["displayName"] = "新部门", ["members"] = Members([unknown]),
        }).ExpectErrorAsync(400, "invalidValue")).Should().Contain(unknown);

        var after = await scim.SendAsync(HttpMethod.Get, $"/Groups/{group.Id()}").ExpectAsync(200);
        after["displayName"]!.GetValue<string>().Should().Be("人事部");
        MemberIds(after).Should().Equal(users[0]);
        (await scim.SendAsync(HttpMethod.Get, "/Groups?count=0").ExpectAsync(200))["totalResults"]!.GetValue<int>().Should().Be(1);

        // Another subsidiary's user is unknown here too.
        var (_, other, _) = await stack.ScimClientAsync();
        var stranger = await other.CreateUserAsync(NewUser(NewCode("s").ToLowerInvariant()));
        (await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("add", "members", Members([stranger.Id()])))).ExpectErrorAsync(400, "invalidValue"))
            .Should().Contain(stranger.Id());
    }

    [Fact]
    public async Task Group_patch_mistakes_are_SCIM_errors()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var group = await scim.CreateGroupAsync("办公室");
        await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("remove", "displayName"))).ExpectErrorAsync(400, "mutability");
        await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("replace", "nickName", JsonValue.Create("x")))).ExpectErrorAsync(400, "invalidPath");
        await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("remove", "members[display eq \"x\"]"))).ExpectErrorAsync(400, "invalidFilter");
        await scim.SendAsync(HttpMethod.Patch, $"/Groups/{Guid.NewGuid()}", Patch(Op("add", "members", Members([])))).ExpectErrorAsync(404, null);
        var stale = group["meta"]!["version"]!.GetValue<string>();
        await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("replace", "displayName", JsonValue.Create("综合办")))).ExpectAsync(200);
        await scim.SendAsync(HttpMethod.Patch, $"/Groups/{group.Id()}", Patch(Op("replace", "displayName", JsonValue.Create("旧"))), ifMatch: stale).ExpectErrorAsync(412, null);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alliance.Contracts;
using static Alliance.EndToEnd.Tests.Api;
using static Alliance.EndToEnd.Tests.People.PeopleApi;
using static Alliance.EndToEnd.Tests.Scim.ScimApi;

namespace Alliance.EndToEnd.Tests.Scim;

/// <summary>SCIM Users through the gateway against the whole stack: discovery, CRUD, filters, paging, ETags, errors, people.</summary>
[Collection(StackCollection.Name)]
public class ScimUserTests(StackFixture stack)
{
    [Fact]
    public async Task Discovery_documents_describe_what_is_supported()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var config = await scim.SendAsync(HttpMethod.Get, "/ServiceProviderConfig").ExpectAsync(200);
        config["patch"]!["supported"]!.GetValue<bool>().Should().BeTrue();
        config["filter"]!["supported"]!.GetValue<bool>().Should().BeTrue();
        config["etag"]!["supported"]!.GetValue<bool>().Should().BeTrue();
        config["bulk"]!["supported"]!.GetValue<bool>().Should().BeFalse();

        var types = await scim.SendAsync(HttpMethod.Get, "/ResourceTypes").ExpectAsync(200);
        types["totalResults"]!.GetValue<int>().Should().Be(2);
        types["Resources"]!.AsArray().Select(r => (string)r!["endpoint"]!).Should().BeEquivalentTo(["/Users", "/Groups"]);
        (await scim.SendAsync(HttpMethod.Get, "/ResourceTypes/User").ExpectAsync(200))["schemaExtensions"]![0]!["schema"]!.GetValue<string>().Should().Be(Enterprise);

        var schemas = await scim.SendAsync(HttpMethod.Get, "/Schemas").ExpectAsync(200);
        schemas["Resources"]!.AsArray().Select(r => (string)r!["id"]!).Should().BeEquivalentTo([CoreUser, Enterprise, CoreGroup]);
        var enterprise = await scim.SendAsync(HttpMethod.Get, $"/Schemas/{Enterprise}").ExpectAsync(200);
        enterprise["attributes"]!.AsArray().Select(a => (string)a!["name"]!).Should().Contain(["employeeNumber", "department", "organization", "manager"]);
        await scim.SendAsync(HttpMethod.Get, "/Schemas/urn:nope").ExpectErrorAsync(404, null);
    }

    [Fact]
    public async Task A_user_is_created_read_replaced_patched_and_deleted_and_the_person_follows()
    {
        var (subsidiary, scim, _) = await stack.ScimClientAsync();
        var userName = NewCode("u").ToLowerInvariant();
        var created = await scim.CreateUserAsync(NewUser(userName, employeeNumber: "E-" + userName, department: "财务部"));
        var id = created.Id();
        created["meta"]!["resourceType"]!.GetValue<string>().Should().Be("User");
        created["meta"]!["location"]!.GetValue<string>().Should().EndWith($"/scim/v2/Users/{id}");
        created["x-unknown"]!["kept"]!.GetValue<bool>().Should().BeTrue("attributes Alliance does not model round-trip");
        created[Enterprise]!["department"]!.GetValue<string>().Should().Be("财务部");

        var read = await scim.SendAsync(HttpMethod.Get, $"/Users/{id}").ExpectAsync(200);
        read["userName"]!.GetValue<string>().Should().Be(userName);

        var admin = await stack.SignedInAsync(Roles.GroupAdmin);
        var person = (await admin.ListPeopleAsync(subsidiary.Id)).Items.Should().ContainSingle().Subject;
        person.Name.Should().Be("张三");
        person.Kind.Should().Be("employee");
        person.EmployeeNumber.Should().Be("E-" + userName);

        var replacement = NewUser(userName, employeeNumber: "E-" + userName, department: "审计部", displayName: "张三丰");
        var replaced = await scim.SendAsync(HttpMethod.Put, $"/Users/{id}", replacement).ExpectAsync(200);
        replaced[Enterprise]!["department"]!.GetValue<string>().Should().Be("审计部");
        (await admin.GetPersonAsync(person.Id)).Name.Should().Be("张三丰");

        var patched = await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(
            Op("replace", "emails[type eq \"work\"].value", JsonValue.Create("new@work.example")),
            Op("add", "emails[type eq \"home\"].value", JsonValue.Create("home@example.org")),
            Op("replace", $"{Enterprise}:department", JsonValue.Create("人力资源部")),
            Op("replace", null, new JsonObject { ["displayName"] = "张三", ["title"] = "主管" }))).ExpectAsync(200);
        patched["emails"]!.AsArray().Select(e => (string)e!["value"]!).Should().BeEquivalentTo(["new@work.example", "home@example.org"]);
        patched[Enterprise]!["department"]!.GetValue<string>().Should().Be("人力资源部");
        patched["title"]!.GetValue<string>().Should().Be("主管");
        (await admin.GetPersonAsync(person.Id)).Name.Should().Be("张三");

        (await scim.SendAsync(HttpMethod.Delete, $"/Users/{id}")).Status.Should().Be(204);
        await scim.SendAsync(HttpMethod.Get, $"/Users/{id}").ExpectErrorAsync(404, null);
        (await admin.GetPersonAsync(person.Id)).Name.Should().Be("张三", "the person and their party data stay when HR deletes the record");

        // The same employee provisioned again is matched to the same person (by externalId and employee number).
        var again = await scim.CreateUserAsync(NewUser(userName, employeeNumber: "E-" + userName));
        again.Id().Should().NotBe(id);
        (await admin.ListPeopleAsync(subsidiary.Id)).Items.Should().ContainSingle().Which.Id.Should().Be(person.Id);
    }

    [Fact]
    public async Task An_employee_already_registered_by_employee_number_is_matched_not_duplicated()
    {
        var groupAdmin = await stack.SignedInAsync(Roles.GroupAdmin);
        var subsidiary = await groupAdmin.CreateSubsidiaryAsync();
        var number = NewCode("EMP");
        var registered = await groupAdmin.PostAsJsonAsync("/api/v1/people", new { subsidiaryId = subsidiary.Id, name = "李四", kind = "employee", employeeNumber = number });
        await EnsureAsync(registered, 201);
        var existing = (await registered.Content.ReadFromJsonAsync<Person>())!;
        var client = await groupAdmin.CreateHrClientAsync(subsidiary.Id);
        var scim = stack.WithSecret(client.Secret);

        await scim.CreateUserAsync(NewUser(NewCode("li"), employeeNumber: number, displayName: "李四（HR）"));

        var people = (await groupAdmin.ListPeopleAsync(subsidiary.Id)).Items;
        people.Should().ContainSingle().Which.Id.Should().Be(existing.Id);
        people[0].Name.Should().Be("李四（HR）", "HR owns the name");
        // A second HR record with the same employee number cannot take the same person.
        await scim.SendAsync(HttpMethod.Post, "/Users", NewUser(NewCode("li2"), employeeNumber: number)).ExpectErrorAsync(409, "uniqueness");
    }

    [Fact]
    public async Task Filters_select_users_by_every_supported_operator_and_attribute()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var prefix = NewCode("f").ToLowerInvariant();
        var alice = await scim.CreateUserAsync(NewUser($"{prefix}-alice", displayName: "Alice Wang", externalId: $"{prefix}-X1"));
        var bob = await scim.CreateUserAsync(NewUser($"{prefix}-bob", displayName: "Bob Li", externalId: $"{prefix}-X2"));
        var carol = await scim.CreateUserAsync(NewUser($"{prefix}-carol", displayName: "Carol Zhao", externalId: $"{prefix}-X3", active: false));
        var (a, b, c) = (alice.Id(), bob.Id(), carol.Id());
        var bobModified = bob["meta"]!["lastModified"]!.GetValue<string>();

        async Task<string[]> Ids(string filter)
        {
            var list = await scim.SendAsync(HttpMethod.Get, $"/Users?filter={Uri.EscapeDataString(filter)}").ExpectAsync(200);
            list["schemas"]![0]!.GetValue<string>().Should().Be("urn:ietf:params:scim:api:messages:2.0:ListResponse");
            list["totalResults"]!.GetValue<int>().Should().Be(list["Resources"]!.AsArray().Count);
            return list["Resources"]!.AsArray().Select(r => r!.Id()).ToArray();
        }

        (await Ids($"userName eq \"{prefix.ToUpperInvariant()}-ALICE\"")).Should().Equal(a);
        (await Ids($"userName ne \"{prefix}-alice\"")).Should().BeEquivalentTo([b, c]);
        (await Ids("userName co \"-bo\"")).Should().Equal(b);
        (await Ids($"userName sw \"{prefix}-c\"")).Should().Equal(c);
        (await Ids("userName ew \"-carol\"")).Should().Equal(c);
        (await Ids($"externalId eq \"{prefix}-X2\"")).Should().Equal(b);
        (await Ids($"externalId eq \"{prefix}-x2\"")).Should().BeEmpty("externalId is case-exact");
        (await Ids($"emails.value eq \"{prefix}-alice@WORK.example\"")).Should().Equal(a);
        (await Ids($"emails[type eq \"work\" and value co \"{prefix}-b\"]")).Should().Equal(b);
        (await Ids("displayName co \"zhao\"")).Should().Equal(c);
        (await Ids("displayName sw \"Bob\" or displayName sw \"Alice\"")).Should().BeEquivalentTo([a, b]);
        (await Ids("title pr and not (active eq true)")).Should().Equal(c);
        (await Ids("active eq false")).Should().Equal(c);
        (await Ids($"meta.lastModified gt \"{bobModified}\"")).Should().Equal(c);
        (await Ids($"meta.lastModified ge \"{bobModified}\"")).Should().BeEquivalentTo([b, c]);
        (await Ids($"meta.lastModified lt \"{bobModified}\"")).Should().Equal(a);
        (await Ids($"meta.lastModified le \"{bobModified}\"")).Should().BeEquivalentTo([a, b]);
        (await Ids($"{Enterprise}:employeeNumber eq \"E{prefix}-bob\"")).Should().Equal(b);
    }

    [Fact]
    public async Task Lists_page_with_startIndex_and_count()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var prefix = NewCode("p").ToLowerInvariant();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await scim.CreateUserAsync(NewUser($"{prefix}-{i}"))).Id());

        var page = await scim.SendAsync(HttpMethod.Get, "/Users?startIndex=2&count=2").ExpectAsync(200);
        page["totalResults"]!.GetValue<int>().Should().Be(5);
        page["startIndex"]!.GetValue<int>().Should().Be(2);
        page["itemsPerPage"]!.GetValue<int>().Should().Be(2);
        page["Resources"]!.AsArray().Select(r => r!.Id()).Should().Equal(ids[1], ids[2]);

        var last = await scim.SendAsync(HttpMethod.Get, "/Users?startIndex=5&count=10").ExpectAsync(200);
        last["Resources"]!.AsArray().Select(r => r!.Id()).Should().Equal(ids[4]);
        var countOnly = await scim.SendAsync(HttpMethod.Get, "/Users?count=0").ExpectAsync(200);
        countOnly["totalResults"]!.GetValue<int>().Should().Be(5);
        countOnly["Resources"]!.AsArray().Should().BeEmpty();
        var projected = await scim.SendAsync(HttpMethod.Get, "/Users?count=1&attributes=userName").ExpectAsync(200);
        projected["Resources"]![0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["schemas", "id", "userName", "meta"]);
    }

    [Fact]
    public async Task ETags_make_a_stale_write_a_412()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var userName = NewCode("e").ToLowerInvariant();
        var (status, created, response) = await scim.SendAsync(HttpMethod.Post, "/Users", NewUser(userName));
        status.Should().Be(201);
        var etag = response.Headers.ETag!.ToString();
        etag.Should().Be(created!["meta"]!["version"]!.GetValue<string>());
        var id = created.Id();

        var replaced = await scim.SendAsync(HttpMethod.Put, $"/Users/{id}", NewUser(userName, displayName: "新名字"), ifMatch: etag);
        replaced.Status.Should().Be(200);
        var newTag = replaced.Response.Headers.ETag!.ToString();
        newTag.Should().NotBe(etag);

        await scim.SendAsync(HttpMethod.Put, $"/Users/{id}", NewUser(userName, displayName: "旧版本"), ifMatch: etag).ExpectErrorAsync(412, null);
        await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(Op("replace", "title", JsonValue.Create("x"))), ifMatch: etag).ExpectErrorAsync(412, null);
        await scim.SendAsync(HttpMethod.Delete, $"/Users/{id}", ifMatch: etag).ExpectErrorAsync(412, null);
        (await scim.SendAsync(HttpMethod.Get, $"/Users/{id}").ExpectAsync(200))["displayName"]!.GetValue<string>().Should().Be("新名字");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users/{id}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", newTag);
        ((int)(await scim.SendAsync(conditional)).StatusCode).Should().Be(304);
    }

    [Fact]
    public async Task Client_mistakes_are_SCIM_errors_with_status_and_scimType_and_write_nothing()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var userName = NewCode("x").ToLowerInvariant();
        var user = await scim.CreateUserAsync(NewUser(userName));
        var id = user.Id();

        await scim.SendAsync(HttpMethod.Post, "/Users", NewUser(userName.ToUpperInvariant())).ExpectErrorAsync(409, "uniqueness");
        var noName = NewUser(NewCode("y"));
        noName.Remove("userName");
        (await scim.SendAsync(HttpMethod.Post, "/Users", noName).ExpectErrorAsync(400, "invalidValue")).Should().Contain("userName");
        var noSchemas = NewUser(NewCode("y"));
        noSchemas.Remove("schemas");
        await scim.SendAsync(HttpMethod.Post, "/Users", noSchemas).ExpectErrorAsync(400, "invalidSyntax");
        var wrongType = NewUser(NewCode("y"));
        wrongType["active"] = "maybe";
        await scim.SendAsync(HttpMethod.Post, "/Users", wrongType).ExpectErrorAsync(400, "invalidValue");
        using (var broken = new HttpRequestMessage(HttpMethod.Post, "/scim/v2/Users") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/scim+json") })
        {
            var response = await scim.SendAsync(broken);
            ((int)response.StatusCode).Should().Be(400);
            (await response.Content.ReadAsStringAsync()).Should().Contain("invalidSyntax");
        }
        await scim.SendAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString("userName eq")).ExpectErrorAsync(400, "invalidFilter");
        await scim.SendAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString("nickName eq \"x\"")).ExpectErrorAsync(400, "invalidFilter");
        await scim.SendAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString("meta.lastModified gt \"yesterday\"")).ExpectErrorAsync(400, "invalidFilter");
        await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(Op("remove", null))).ExpectErrorAsync(400, "noTarget");
        await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(Op("replace", "id", JsonValue.Create("other")))).ExpectErrorAsync(400, "mutability");
        await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(Op("replace", "emails[type eq \"work\"", JsonValue.Create("x")))).ExpectErrorAsync(400, "invalidPath");
        await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", new JsonObject { ["Operations"] = new JsonArray() }).ExpectErrorAsync(400, "invalidSyntax");
        await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(Op("replace", "userName", JsonValue.Create(" ")))).ExpectErrorAsync(400, "invalidValue");
        await scim.SendAsync(HttpMethod.Get, $"/Users/{Guid.NewGuid()}").ExpectErrorAsync(404, null);
        await scim.SendAsync(HttpMethod.Get, "/Users/not-an-id").ExpectErrorAsync(404, null);
        await scim.SendAsync(HttpMethod.Get, "/Nothing").ExpectErrorAsync(404, null);
        await scim.SendAsync(HttpMethod.Get, "/Users?count=many").ExpectErrorAsync(400, "invalidValue");

        var after = await scim.SendAsync(HttpMethod.Get, $"/Users/{id}").ExpectAsync(200);
        after["userName"]!.GetValue<string>().Should().Be(userName);
        after["meta"]!["version"]!.GetValue<string>().Should().Be(user["meta"]!["version"]!.GetValue<string>(), "nothing was written");
        (await scim.SendAsync(HttpMethod.Get, "/Users?count=0").ExpectAsync(200))["totalResults"]!.GetValue<int>().Should().Be(1);
    }

    // RFC 7643 §4.1.1: password is "returned: never". Alliance drops it on the way in (issue 17).
    [Fact]
    public async Task A_password_is_never_returned_stored_logged_or_put_into_an_event_on_POST_PUT_PATCH_and_GET()
    {
        var (_, scim, _) = await stack.ScimClientAsync();
        var userName = NewCode("pw").ToLowerInvariant();
        var secrets = new[] { "Posted-" + Guid.NewGuid().ToString("N"), "Put-" + Guid.NewGuid().ToString("N"), "Patched-" + Guid.NewGuid().ToString("N") };

        var posted = NewUser(userName);
        posted["password"] = secrets[0];
        var created = await scim.SendAsync(HttpMethod.Post, "/Users", posted).ExpectAsync(201);
        var id = created.Id();
        var put = NewUser(userName, displayName: "张三丰");
        put["Password"] = secrets[1];
        var replaced = await scim.SendAsync(HttpMethod.Put, $"/Users/{id}", put).ExpectAsync(200);
        var patched = await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(
            Op("replace", "password", JsonValue.Create(secrets[2])), Op("replace", "title", JsonValue.Create("审计师")))).ExpectAsync(200);
        var pathless = await scim.SendAsync(HttpMethod.Patch, $"/Users/{id}", Patch(
            Op("replace", null, new JsonObject { ["password"] = secrets[2], ["nickName"] = "三丰" }))).ExpectAsync(200);
        var read = await scim.SendAsync(HttpMethod.Get, $"/Users/{id}").ExpectAsync(200);
        var asked = await scim.SendAsync(HttpMethod.Get, $"/Users/{id}?attributes=password,userName").ExpectAsync(200);
        var listed = await scim.SendAsync(HttpMethod.Get, "/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"")).ExpectAsync(200);

        foreach (var answer in new[] { created, replaced, patched, pathless, read, asked, listed })
            answer.ToJsonString().Should().NotContainEquivalentOf("password").And.NotContainAny(secrets);
        replaced["displayName"]!.GetValue<string>().Should().Be("张三丰", "the rest of the write applied");
        patched["title"]!.GetValue<string>().Should().Be("审计师");
        pathless["nickName"]!.GetValue<string>().Should().Be("三丰");
        listed["totalResults"]!.GetValue<int>().Should().Be(1);

        await using var db = new Npgsql.NpgsqlConnection(await stack.App.GetConnectionStringAsync(ResourceNames.Databases.Organization));
        await db.OpenAsync();
        await using (var stored = new Npgsql.NpgsqlCommand("SELECT scim_json::text FROM hr_users WHERE id = @id", db))
        {
            stored.Parameters.AddWithValue("id", Guid.Parse(id));
            var json = (string)(await stored.ExecuteScalarAsync())!;
            json.Should().Contain("三丰", "the stored resource is this user's").And.NotContainEquivalentOf("password").And.NotContainAny(secrets);
        }
        await using (var events = new Npgsql.NpgsqlCommand("SELECT body::text FROM outbox_messages WHERE body::text LIKE @id", db))
        {
            events.Parameters.AddWithValue("id", $"%{id}%");
            var bodies = new List<string>();
            await using var reader = await events.ExecuteReaderAsync();
            while (await reader.ReadAsync()) bodies.Add(reader.GetString(0));
            bodies.Should().NotBeEmpty("the writes raised events about this HR user");
            bodies.Should().AllSatisfy(b => b.Should().NotContainAny(secrets));
        }
        // What every resource has logged so far (the AppHost keeps each one's backlog), the gateway and organization among them.
        var loggers = stack.App.Services.GetRequiredService<ResourceLoggerService>();
        var model = stack.App.Services.GetRequiredService<DistributedApplicationModel>();
        var logs = new List<string>();
        foreach (var resource in model.Resources)
            await foreach (var batch in loggers.GetAllAsync(resource))
                logs.AddRange(batch.Select(line => line.Content));
        logs.Should().NotBeEmpty().And.AllSatisfy(line => line.Should().NotContainAny(secrets));
    }
}

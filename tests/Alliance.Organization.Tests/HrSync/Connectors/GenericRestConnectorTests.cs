using System.Text.Json.Nodes;
using Alliance.Organization.HrSync.Connectors;

namespace Alliance.Organization.Tests.HrSync.Connectors;

public class JsonPathTests
{
    static readonly JsonNode Doc = JsonNode.Parse("""{"data":{"list":[{"id":7,"tags":["a","b"]},{"id":"x"}],"ok":true,"none":null}}""")!;

    [Theory]
    [InlineData("data.list[0].id", "7")]
    [InlineData("data.list[1].id", "x")]
    [InlineData("data.list[0].tags[1]", "b")]
    [InlineData("data.ok", "true")]
    [InlineData("data.none", null)]
    [InlineData("data.missing.deeper", null)]
    [InlineData("data.list[5].id", null)]
    [InlineData("data.list.id", null)]
    [InlineData("data.list", null)]
    public void Text_reads_scalars_and_misses_quietly(string path, string? expected) => JsonPath.Text(Doc, path).Should().Be(expected);

    [Fact]
    public void Select_reads_containers_and_the_empty_path_is_the_node()
    {
        JsonPath.Select(Doc, "data.list").Should().BeOfType<JsonArray>().Which.Count.Should().Be(2);
        JsonPath.Select(Doc, "").Should().BeSameAs(Doc);
        JsonPath.Select(JsonNode.Parse("[[1,2],[3]]"), "[0][1]")!.GetValue<int>().Should().Be(2);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a[")]
    [InlineData("a[x]")]
    [InlineData("a.")]
    [InlineData(".a")]
    public void Malformed_paths_are_refused(string path) => JsonPath.IsValid(path, out var error).Should().BeFalse(error);
}

public class GenericRestConnectorTests
{
    [Fact]
    public void WeCom_style_page_maps_status_codes_and_takes_the_next_cursor()
    {
        var json = JsonNode.Parse("""
            {"errcode":0,"errmsg":"ok","next_cursor":"c2",
             "userlist":[
               {"userid":"zhangsan","name":"张三","department":[3,1],"position":"会计","status":1,"extattr":{"attrs":[{"name":"工号","value":"E001"}]}},
               {"userid":"lisi","name":"李四","department":[4],"position":"出纳","status":5,"extattr":{"attrs":[{"name":"工号","value":"E002"}]}}]}
            """);
        var page = GenericRestConnector.ReadPage(SampleDefinitions.WeCom(), json, "c1");
        page.Records.Should().Equal(
            new HrEmployeeRecord("E001", "zhangsan", "张三", "3", "会计", true, null),
            new HrEmployeeRecord("E002", "lisi", "李四", "4", "出纳", false, null));
        page.NextCursor.Should().Be("c2");
        page.HasMore.Should().BeTrue();
    }

    [Fact]
    public void WeCom_style_last_page_has_no_cursor_and_no_more()
    {
        var page = GenericRestConnector.ReadPage(SampleDefinitions.WeCom(), JsonNode.Parse("""{"errcode":0,"next_cursor":"","userlist":[]}"""), "c2");
        page.Records.Should().BeEmpty();
        page.NextCursor.Should().BeNull();
        page.HasMore.Should().BeFalse();
    }

    [Fact]
    public void DingTalk_style_page_reads_numbers_booleans_and_the_has_more_flag()
    {
        var json = JsonNode.Parse("""
            {"errcode":0,"result":{"has_more":false,"next_cursor":200,"list":[
              {"userid":"0123","name":"王五","job_number":"D9","dept_id_list":[55,1],"title":"工程师","active":true},
              {"userid":"0456","name":"赵六","job_number":"D10","dept_id_list":[],"title":"","active":false}]}}
            """);
        var page = GenericRestConnector.ReadPage(SampleDefinitions.DingTalk(), json, null);
        page.Records.Should().Equal(
            new HrEmployeeRecord("D9", "0123", "王五", "55", "工程师", true, null),
            new HrEmployeeRecord("D10", "0456", "赵六", null, null, false, null));
        page.NextCursor.Should().Be("200");
        page.HasMore.Should().BeFalse("has_more says so although a cursor came back");
    }

    [Fact]
    public void Feishu_style_page_maps_a_nested_resigned_flag()
    {
        var json = JsonNode.Parse("""
            {"code":0,"data":{"has_more":true,"page_token":"AQD9","items":[
              {"open_id":"ou_1","name":"孙七","employee_no":"F1","department_ids":["od-1"],"job_title":"主管","status":{"is_resigned":false,"is_activated":true}},
              {"open_id":"ou_2","name":"周八","employee_no":"F2","department_ids":["od-2"],"job_title":"专员","status":{"is_resigned":true}}]}}
            """);
        var page = GenericRestConnector.ReadPage(SampleDefinitions.Feishu(), json, null);
        page.Records.Select(r => (r.ExternalId, r.Active, r.Department)).Should().Equal(("ou_1", true, "od-1"), ("ou_2", false, "od-2"));
        (page.NextCursor, page.HasMore).Should().Be(("AQD9", true));
    }

    [Fact]
    public void Beisen_style_page_is_incremental_by_the_latest_change_time_in_China_time()
    {
        var definition = SampleDefinitions.Beisen();
        definition.PageSize = 2;
        var json = JsonNode.Parse("""
            {"code":"200","data":{"total":3,"list":[
              {"userID":10001,"jobNumber":"B1","name":"吴九","oIdDepartmentName":"财务部","jobPostName":"会计","employeeStatus":"1","modifiedTime":"2026-11-20 09:30:00"},
              {"userID":10002,"jobNumber":"B2","name":"郑十","oIdDepartmentName":"生产部","jobPostName":"技术员","employeeStatus":"8","modifiedTime":"2026-11-21 18:05:07"}]}}
            """);
        var page = GenericRestConnector.ReadPage(definition, json, "2026-11-01 00:00:00");
        page.Records.Should().Equal(
            new HrEmployeeRecord("B1", "10001", "吴九", "财务部", "会计", true, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8))),
            new HrEmployeeRecord("B2", "10002", "郑十", "生产部", "技术员", false, new DateTimeOffset(2026, 11, 21, 18, 5, 7, TimeSpan.FromHours(8))));
        page.NextCursor.Should().Be("2026-11-21 18:05:07");
        page.HasMore.Should().BeTrue("the page was full");
    }

    [Fact]
    public void UpdatedSince_stops_when_a_full_page_does_not_move_the_cursor_and_keeps_it_on_an_empty_page()
    {
        var definition = SampleDefinitions.Beisen();
        definition.PageSize = 1;
        var same = JsonNode.Parse("""{"data":{"list":[{"userID":1,"name":"甲","modifiedTime":"2026-11-21 18:05:07"}]}}""");
        var stuck = GenericRestConnector.ReadPage(definition, same, "2026-11-21 18:05:07");
        (stuck.NextCursor, stuck.HasMore).Should().Be(("2026-11-21 18:05:07", false));
        var empty = GenericRestConnector.ReadPage(definition, JsonNode.Parse("""{"data":{"list":[]}}"""), "2026-11-21 18:05:07");
        (empty.NextCursor, empty.HasMore).Should().Be(("2026-11-21 18:05:07", false));
    }

    [Theory]
    [InlineData("unix", "1763719507", "2025-11-21T10:05:07+00:00")]
    [InlineData("unixMs", "1763719507000", "2025-11-21T10:05:07+00:00")]
    [InlineData(null, "2025-11-21T18:05:07+08:00", "2025-11-21T10:05:07+00:00")]
    [InlineData("yyyy/MM/dd HH:mm", "2025/11/21 18:05", "2025-11-21T10:05:00+00:00")]
    public void Times_are_read_in_the_configured_format(string? format, string text, string utc)
    {
        var at = GenericRestConnector.ParseTime(text, format);
        at.Should().Be(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        GenericRestConnector.ParseTime(GenericRestConnector.FormatTime(at!.Value, format), format).Should().Be(at);
    }

    [Fact]
    public void An_item_without_an_identity_or_a_name_or_with_a_bad_time_fails_the_page()
    {
        var fields = SampleDefinitions.Beisen().Fields;
        var act = () => GenericRestConnector.ReadRecord(fields, JsonNode.Parse("""{"name":"甲"}"""), 3);
        act.Should().Throw<HrConnectorException>().WithMessage("*Item 3*");
        act = () => GenericRestConnector.ReadRecord(fields, JsonNode.Parse("""{"userID":1}"""), 0);
        act.Should().Throw<HrConnectorException>().WithMessage("*no name*");
        act = () => GenericRestConnector.ReadRecord(fields, JsonNode.Parse("""{"userID":1,"name":"甲","modifiedTime":"yesterday"}"""), 0);
        act.Should().Throw<HrConnectorException>().WithMessage("*yesterday*");
    }

    [Fact]
    public void The_request_carries_the_cursor_and_page_size_after_the_fixed_query()
    {
        var connector = new GenericRestConnector("wecom", SampleDefinitions.WeCom("http://hr.example/"), "t", new HttpClient());
        connector.RequestUri("a b").AbsoluteUri.Should().Be("http://hr.example/cgi-bin/user/list?department_id=1&fetch_child=1&cursor=a%20b&limit=100");
        connector.RequestUri(null).AbsoluteUri.Should().Be("http://hr.example/cgi-bin/user/list?department_id=1&fetch_child=1&limit=100");
    }

    [Fact]
    public void The_samples_are_valid_and_a_bad_definition_names_its_fields()
    {
        foreach (var sample in new[] { SampleDefinitions.WeCom(), SampleDefinitions.DingTalk(), SampleDefinitions.Feishu(), SampleDefinitions.Beisen() })
        {
            sample.Validate().Should().BeEmpty();
            ConnectorDefinition.FromJson(sample.ToJson()).ToJson().Should().Be(sample.ToJson());
        }
        var bad = new ConnectorDefinition
        {
            BaseUrl = "ftp://x", ListPath = "users", PageSize = 0, ItemsPath = "a..b", CursorMode = "sometimes",
            Auth = new ConnectorAuth { Kind = AuthKinds.Header }, Fields = new FieldMapping { DateFormat = "%" },
        };
        bad.Validate().Keys.Should().BeEquivalentTo("definition.baseUrl", "definition.listPath", "definition.pageSize", "definition.itemsPath",
            "definition.cursorMode", "definition.auth.headerName", "definition.fields.name", "definition.fields.employeeNumber", "definition.fields.dateFormat");
    }
}

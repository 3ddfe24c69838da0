using Alliance.Organization.HrSync.Connectors;

namespace Alliance.Organization.Tests.HrSync.Connectors;

/// <summary>The sample mappings documented in docs/api.md ("HR connectors"), one per API style.</summary>
public static class SampleDefinitions
{
    /// <summary>WeCom (企业微信) style: /cgi-bin/user/list_id-like answer with errcode, userlist and next_cursor; status 1 active, 2/4/5 not.</summary>
    public static ConnectorDefinition WeCom(string baseUrl = "https://qyapi.weixin.qq.com") => new()
    {
        BaseUrl = baseUrl, ListPath = "/cgi-bin/user/list?department_id=1&fetch_child=1",
        Auth = new ConnectorAuth { Kind = AuthKinds.Bearer },
        CursorMode = CursorModes.Token, CursorParameter = "cursor", PageSizeParameter = "limit", PageSize = 100,
        ItemsPath = "userlist", NextCursorPath = "next_cursor",
        Fields = new FieldMapping
        {
            EmployeeNumber = "extattr.attrs[0].value", ExternalId = "userid", Name = "name", Department = "department[0]",
            Position = "position", Active = "status", ActiveValues = new() { ["1"] = true, ["2"] = false, ["4"] = false, ["5"] = false },
        },
    };

    /// <summary>DingTalk (钉钉) style: result.list, result.has_more, result.next_cursor (a number); active as a boolean.</summary>
    public static ConnectorDefinition DingTalk(string baseUrl = "https://oapi.dingtalk.com") => new()
    {
        BaseUrl = baseUrl, ListPath = "/topapi/v2/user/list?dept_id=1",
        Auth = new ConnectorAuth { Kind = AuthKinds.Header, HeaderName = "x-acs-dingtalk-access-token" },
        CursorMode = CursorModes.Token, CursorParameter = "cursor", PageSizeParameter = "size", PageSize = 100,
        ItemsPath = "result.list", NextCursorPath = "result.next_cursor", HasMorePath = "result.has_more",
        Fields = new FieldMapping
        {
            EmployeeNumber = "job_number", ExternalId = "userid", Name = "name", Department = "dept_id_list[0]", Position = "title", Active = "active",
        },
    };

    /// <summary>Feishu (飞书) style: data.items, data.page_token, data.has_more; status.is_resigned true means inactive.</summary>
    public static ConnectorDefinition Feishu(string baseUrl = "https://open.feishu.cn") => new()
    {
        BaseUrl = baseUrl, ListPath = "/open-apis/contact/v3/users/find_by_department?department_id=0",
        Auth = new ConnectorAuth { Kind = AuthKinds.Bearer },
        CursorMode = CursorModes.Token, CursorParameter = "page_token", PageSizeParameter = "page_size", PageSize = 50,
        ItemsPath = "data.items", NextCursorPath = "data.page_token", HasMorePath = "data.has_more",
        Fields = new FieldMapping
        {
            EmployeeNumber = "employee_no", ExternalId = "open_id", Name = "name", Department = "department_ids[0]", Position = "job_title",
            Active = "status.is_resigned", ActiveValues = new() { ["true"] = false, ["false"] = true },
        },
    };

    /// <summary>Beisen (北森) style, incremental by change time: data.list, modification time "yyyy-MM-dd HH:mm:ss" (China time),
    /// employee status codes ("1" in service, "0"/"8" left).</summary>
    public static ConnectorDefinition Beisen(string baseUrl = "https://openapi.italent.cn") => new()
    {
        BaseUrl = baseUrl, ListPath = "/TenantBaseExternal/api/v5/Employee/GetByTimeWindow",
        Auth = new ConnectorAuth { Kind = AuthKinds.Bearer },
        CursorMode = CursorModes.UpdatedSince, CursorParameter = "startTime", PageSizeParameter = "capacity", PageSize = 100,
        ItemsPath = "data.list",
        Fields = new FieldMapping
        {
            EmployeeNumber = "jobNumber", ExternalId = "userID", Name = "name", Department = "oIdDepartmentName", Position = "jobPostName",
            Active = "employeeStatus", ActiveValues = new() { ["1"] = true, ["0"] = false, ["8"] = false },
            UpdatedAt = "modifiedTime", DateFormat = "yyyy-MM-dd HH:mm:ss",
        },
    };
}

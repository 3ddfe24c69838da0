using Microsoft.AspNetCore.Http;

namespace Alliance.Gateway.Errors;

/// <summary>
/// Problem titles in the caller's language (Accept-Language: zh-CN by default for the console, en-US otherwise), so the
/// console can show them as they are. Details and field messages stay as the service wrote them.
/// </summary>
public static class ProblemTitles
{
    static readonly Dictionary<int, (string Zh, string En)> Titles = new()
    {
        [400] = ("请求内容有误。", "The request is not valid."),
        [401] = ("需要登录。", "Sign-in is required."),
        [403] = ("没有权限执行此操作。", "You may not do this."),
        [404] = ("未找到。", "Not found."),
        [409] = ("请求与当前状态冲突。", "The request conflicts with the current state."),
        [415] = ("不支持的内容类型。", "The content type is not supported."),
        [429] = ("请求过大或过于频繁。", "Too large or too many requests."),
        [500] = ("发生了意外错误。", "An unexpected error occurred."),
        [503] = ("服务暂不可用，请稍后重试。", "A service is unavailable."),
        [504] = ("服务未能及时响应。", "A service did not answer in time."),
    };

    public static bool PrefersChinese(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault()?.Value.Value?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;

    public static string? For(int status, HttpContext http) =>
        Titles.TryGetValue(status, out var t) ? (PrefersChinese(http) ? t.Zh : t.En) : null;
}

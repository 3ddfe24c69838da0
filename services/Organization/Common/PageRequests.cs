namespace Alliance.Organization.Common;

/// <summary>The page every list of the organization service answers: the first by default, 20 rows, at most 200.</summary>
internal static class PageRequests
{
    const int DefaultPageSize = 20;
    const int MaxPageSize = 200;

    public static (int Page, int PageSize) Paging(int page, int pageSize) =>
        (Math.Max(page, 1), pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));
}

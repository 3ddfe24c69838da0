namespace Alliance.Gateway;

/// <summary>One page of a list: the items, how many there are in all, and which page this is.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
}

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    /// <summary>Clamps what the client asked for to sensible bounds.</summary>
    public static (int Page, int Size) Normalize(int? page, int? pageSize) =>
        (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));
}

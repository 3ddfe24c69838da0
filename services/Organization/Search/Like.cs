namespace Alliance.Organization.Search;

/// <summary>LIKE patterns, so a search can use the trigram indexes (PostgreSQL's default escape character is '\').</summary>
public static class Like
{
    /// <summary>A pattern matching any text that holds <paramref name="value"/> literally.</summary>
    public static string Containing(string value) =>
        "%" + value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}

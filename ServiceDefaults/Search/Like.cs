namespace Alliance.ServiceDefaults.Search;

/// <summary>LIKE patterns, so a search can use the trigram indexes; pass <see cref="Escape"/> as the escape character.</summary>
public static class Like
{
    public const string Escape = @"\";

    /// <summary>A pattern matching any text that holds <paramref name="value"/> literally.</summary>
    public static string Containing(string value) =>
        "%" + value.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_") + "%";
}

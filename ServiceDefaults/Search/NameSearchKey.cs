using System.Text;

namespace Alliance.ServiceDefaults.Search;

/// <summary>
/// The pinyin search key of a name, stored beside it (column name_search): lower-case alternatives separated by a space,
/// first the full pinyin of each reading combination ("zhangsan"), then the initials ("zs"). Latin letters and digits
/// stand for themselves; other characters without a reading (punctuation, unknown characters) are left out. A query
/// matches when its <see cref="Normalize">normalized</see> form is part of one alternative. See docs/adr/0006-pinyin-search.md.
/// </summary>
public static class NameSearchKey
{
    /// <summary>At most this many full-pinyin and this many initials alternatives per name.</summary>
    public const int MaxCombinations = 16;

    /// <summary>The key of <paramref name="name"/>, or null when the table is not loaded (a startup backfill fills it later).</summary>
    public static string? For(string name, PinyinTable? table = null)
    {
        table ??= PinyinTable.Shared;
        if (!table.IsLoaded) return null;
        return OneReadingEach(name, table) ?? Alternatives(name, table);
    }

    /// <summary>
    /// The key when every character has one reading (most names): the full pinyin and the initials, built directly, as
    /// <see cref="Alternatives"/> would give them; null when a character has several readings.
    /// </summary>
    static string? OneReadingEach(string name, PinyinTable table)
    {
        var full = new StringBuilder(name.Length * 6);
        var initials = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                full.Append(lower);
                initials.Append(lower);
            }
            else if (table.Readings(c) is { Count: > 0 } readings)
            {
                if (readings.Count > 1) return null;
                full.Append(readings[0]);
                initials.Append(readings[0][0]);
            }
        }
        if (full.Length == 0) return "";
        return full.Length == initials.Length ? full.ToString() : full.Append(' ').Append(initials).ToString();
    }

    static string Alternatives(string name, PinyinTable table)
    {
        var positions = new List<IReadOnlyList<string>>();
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c)) positions.Add([char.ToLowerInvariant(c).ToString()]);
            else if (table.Readings(c) is { Count: > 0 } readings) positions.Add(readings);
        }
        if (positions.Count == 0) return "";
        var initials = positions.Select(p => (IReadOnlyList<string>)p.Select(r => r[..1]).Distinct().ToList()).ToList();
        return string.Join(' ', Combine(positions).Concat(Combine(initials)).Distinct());
    }

    /// <summary>
    /// The query as it is compared with a key: lower-case, without spaces and apostrophes ("Zhang San" → "zhangsan",
    /// "xi'an" → "xian", "lü" → "lv"); null when it holds anything else (Chinese characters match the name itself).
    /// </summary>
    public static string? Normalize(string query)
    {
        var result = new StringBuilder(query.Length);
        foreach (var c in query.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c)) result.Append(char.ToLowerInvariant(c));
            else if (c is 'ü' or 'Ü') result.Append('v');
            else if (!(char.IsWhiteSpace(c) || c is '\'' or '’' or '-')) return null;
        }
        return result.Length > 0 ? result.ToString() : null;
    }

    /// <summary>
    /// Every combination of one reading per position while there are at most <see cref="MaxCombinations"/>; beyond that
    /// the customary combination and those that change a single position, up to the cap.
    /// </summary>
    static IEnumerable<string> Combine(List<IReadOnlyList<string>> positions)
    {
        long product = 1;
        foreach (var p in positions) product = Math.Min(product * p.Count, MaxCombinations + 1);
        if (product <= MaxCombinations)
        {
            IEnumerable<string> all = [""];
            foreach (var p in positions) all = all.SelectMany(prefix => p.Select(r => prefix + r)).ToList();
            return all;
        }
        var primary = positions.Select(p => p[0]).ToArray();
        var result = new List<string> { string.Concat(primary) };
        for (var i = 0; i < positions.Count && result.Count < MaxCombinations; i++)
            for (var j = 1; j < positions[i].Count && result.Count < MaxCombinations; j++)
            {
                var variant = (string[])primary.Clone();
                variant[i] = positions[i][j];
                result.Add(string.Concat(variant));
            }
        return result;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Alliance.ServiceDefaults.Search;

/// <summary>
/// Mandarin readings of Chinese characters, toneless and lower-case (ü as "v"), from the Unihan database: the
/// customary reading (kMandarin) first, then the other modern readings (kTGHZ2013, kXHC1983) so polyphonic characters
/// such as 长 (zhang, chang) or 行 (xing, hang) are found by every reading. Archaic readings (kHanyuPinyin) are left out.
/// <see cref="Shared"/> loads the Debian file once, lazily; a missing file leaves an empty table with a <see cref="LoadError"/>.
/// </summary>
public sealed class PinyinTable
{
    public const string DefaultPath = "/usr/share/unicode/Unihan_Readings.txt.bz2";

    static readonly string[] Fields = ["kMandarin", "kTGHZ2013", "kXHC1983"];
    static readonly Lazy<PinyinTable> SharedTable = new(() => Load(DefaultPath), LazyThreadSafetyMode.ExecutionAndPublication);

    readonly Dictionary<char, string[]> _readings;

    PinyinTable(Dictionary<char, string[]> readings, string? loadError) => (_readings, LoadError) = (readings, loadError);

    /// <summary>The table of this machine's Unihan file, loaded on first use.</summary>
    public static PinyinTable Shared => SharedTable.Value;

    public bool IsLoaded => _readings.Count > 0;
    /// <summary>Why the table is empty, if it is.</summary>
    public string? LoadError { get; }
    public int Count => _readings.Count;

    /// <summary>The readings of a character, customary first; empty when it has none (Latin, punctuation, unknown).</summary>
    public IReadOnlyList<string> Readings(char c) => _readings.TryGetValue(c, out var r) ? r : [];

    /// <summary>Loads a bzip2-compressed Unihan_Readings file through /usr/bin/bzip2 (.NET has no bzip2 decoder), or a plain one.</summary>
    public static PinyinTable Load(string path)
    {
        if (!File.Exists(path)) return new([], $"{path} not found (package unicode-data; scripts/prerequisites.sh installs it)");
        try
        {
            if (!path.EndsWith(".bz2", StringComparison.Ordinal))
            {
                using var plain = File.OpenText(path);
                return Parse(plain);
            }
            var start = new ProcessStartInfo("bzip2", ["-dc", path])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bzip2 did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var table = Parse(process.StandardOutput);
            process.WaitForExit();
            return process.ExitCode == 0 ? table : new([], $"bzip2 -dc {path} failed ({process.ExitCode}): {stderr.Result.Trim()}");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new([], $"{path} could not be read: {ex.Message} (is bzip2 installed?)");
        }
    }

    /// <summary>Reads Unihan_Readings lines ("U+957F&lt;TAB&gt;kXHC1983&lt;TAB&gt;0121.040:cháng 1456.020:zhǎng"); characters outside the BMP are skipped.</summary>
    public static PinyinTable Parse(TextReader reader)
    {
        var byField = new Dictionary<char, List<string>[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length < 3 || !parts[0].StartsWith("U+", StringComparison.Ordinal)) continue;
            var field = Array.IndexOf(Fields, parts[1]);
            if (field < 0) continue;
            if (!int.TryParse(parts[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0xFFFF) continue;
            var c = (char)code;
            if (!byField.TryGetValue(c, out var lists)) byField[c] = lists = [[], [], []];
            foreach (var entry in parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                foreach (var reading in entry[(entry.IndexOf(':') + 1)..].Split(','))
                    if (Toneless(reading) is { Length: > 0 } toneless) lists[field].Add(toneless);
        }
        var readings = new Dictionary<char, string[]>(byField.Count);
        foreach (var (c, lists) in byField)
        {
            var all = lists.SelectMany(l => l).Distinct().ToArray();
            if (all.Length > 0) readings[c] = all;
        }
        readings.TrimExcess();
        return new(readings, readings.Count > 0 ? null : "the file held no Mandarin readings");
    }

    /// <summary>
    /// Each toned or marked letter of pinyin and its plain letter (ü in any tone is "v"). An explicit table, not Unicode
    /// decomposition: the services run with invariant globalization (docs/adr/0018), where <c>string.Normalize</c> is a no-op.
    /// </summary>
    static readonly Dictionary<char, char> PlainLetters = new()
    {
        ['ā'] = 'a', ['á'] = 'a', ['ǎ'] = 'a', ['à'] = 'a',
        ['ē'] = 'e', ['é'] = 'e', ['ě'] = 'e', ['è'] = 'e', ['ê'] = 'e', ['ế'] = 'e', ['ề'] = 'e',
        ['ī'] = 'i', ['í'] = 'i', ['ǐ'] = 'i', ['ì'] = 'i',
        ['ō'] = 'o', ['ó'] = 'o', ['ǒ'] = 'o', ['ò'] = 'o',
        ['ū'] = 'u', ['ú'] = 'u', ['ǔ'] = 'u', ['ù'] = 'u',
        ['ü'] = 'v', ['ǖ'] = 'v', ['ǘ'] = 'v', ['ǚ'] = 'v', ['ǜ'] = 'v',
        ['ń'] = 'n', ['ň'] = 'n', ['ǹ'] = 'n', ['ḿ'] = 'm',
    };

    /// <summary>"zhǎng" → "zhang", "lǚ" → "lv" (also written with combining marks); anything but a-z is dropped.</summary>
    public static string Toneless(string reading)
    {
        var result = new StringBuilder(reading.Length);
        foreach (var ch in reading)
        {
            var c = char.ToLowerInvariant(ch);
            if (PlainLetters.TryGetValue(c, out var plain)) result.Append(plain);
            else if (c is >= 'a' and <= 'z') result.Append(c);
            else if (c == '\u0308' && result.Length > 0 && result[^1] == 'u') result[^1] = 'v'; // u + combining diaeresis
        }
        return result.ToString();
    }
}

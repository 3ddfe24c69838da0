using CsvHelper;

namespace Alliance.Gateway.Exports;

/// <summary>
/// CSV as Excel opens it: UTF-8 with a byte order mark (or Chinese turns to mojibake), RFC 4180 quoting, and every cell
/// that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) written with a leading
/// apostrophe, so a title like "=HYPERLINK(...)" stays text (CSV injection; CsvHelper's <see cref="CsvInjection.Escape"/>).
/// </summary>
public static class CsvTable
{
    static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape, InjectionEscape = '\'' };

    public static async Task WriteAsync(Stream body, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, Options, leaveOpen: true);
        await csv.WriteRecordAsync([.. headers], ct);
        await foreach (var row in rows.WithCancellation(ct)) await csv.WriteRecordAsync([.. row], ct);
        await csv.FlushAsync(ct);
    }
}

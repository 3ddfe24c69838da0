using System.Text;

namespace Alliance.Gateway.Exports;

public enum ExportFormat { Xlsx, Csv }

/// <summary>
/// A table written row by row to the response as XLSX or CSV, for every export of the gateway: the rows come from an
/// async sequence (pages read from a service one after another), so a long list is never held whole (ADR 32).
/// </summary>
public static class TableExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The format named by the query (xlsx when none), or a field error on format.</summary>
    public static ExportFormat? ParseFormat(Dictionary<string, string[]> errors, string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "xlsx": return ExportFormat.Xlsx;
            case "csv": return ExportFormat.Csv;
            default:
                errors["format"] = ["must be xlsx or csv."];
                return null;
        }
    }

    /// <summary>Streams the table as a download named <paramref name="fileName"/> (without extension; Chinese is fine).</summary>
    public static async Task WriteAsync(HttpResponse response, ExportFormat format, string fileName, string sheetName,
        IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        var extension = format == ExportFormat.Xlsx ? "xlsx" : "csv";
        response.ContentType = format == ExportFormat.Xlsx ? XlsxContentType : CsvContentType;
        var name = $"{fileName}.{extension}";
        // RFC 6266: an ASCII fallback and the UTF-8 name.
        response.Headers.ContentDisposition =
            $"attachment; filename=\"{AsciiFallback(name)}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        if (format == ExportFormat.Csv)
            await CsvTable.WriteAsync(response.Body, headers, rows, ct);
        else
            await XlsxTable.WriteAsync(response.Body, sheetName, headers, rows, ct);
    }

    static string AsciiFallback(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name) text.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        return text.ToString();
    }
}

using System.Text;

namespace Alliance.Activity.Attachments;

/// <summary>
/// What an activity takes as an attachment, decided by the file's content, never by the name or the type a client
/// declares: PDF, PNG, JPEG, GIF, Office documents (OOXML by their ZIP parts, the older OLE ones by signature) and UTF-8
/// text (CSV, TXT). Anything else — HTML, SVG, scripts, executables, archives — is refused, so nothing served back can
/// run in a browser. The type recognised here is the one served, always as a download (ADR 36).
/// </summary>
public static class AttachmentFiles
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerActivity = 20;
    public const int MaxFileNameLength = 200;

    static readonly Dictionary<string, string> OfficeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    static readonly Dictionary<string, string> OleByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".ppt"] = "application/vnd.ms-powerpoint",
    };

    /// <summary>The content type recognised, or null when the file is not of a kind taken.</summary>
    public static string? Recognise(ReadOnlySpan<byte> content, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (content.StartsWith("%PDF-"u8)) return "application/pdf";
        if (content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)) return "image/gif";
        // OOXML is a ZIP holding [Content_Types].xml; a bare ZIP (or a renamed archive) is not taken.
        if (content.StartsWith("PK\u0003\u0004"u8) && OfficeByExtension.TryGetValue(extension, out var ooxml)
            && content.IndexOf("[Content_Types].xml"u8) >= 0) return ooxml;
        if (content.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }) && OleByExtension.TryGetValue(extension, out var ole)) return ole;
        if (extension.Equals(".txt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            return IsPlainText(content) ? (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "text/plain") : null;
        return null;
    }

    /// <summary>UTF-8 without NUL or markup at its start: text a browser would not render as a page.</summary>
    static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)0) >= 0) return false;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            return !text.StartsWith('<');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The name as stored: without any path, control or reserved characters, at most 200 characters; null when nothing is left.</summary>
    public static string? CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        var clean = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (clean.Length == 0 || clean.Trim('.').Length == 0) return null;
        return clean.Length <= MaxFileNameLength ? clean : clean[..(MaxFileNameLength - Path.GetExtension(clean).Length)] + Path.GetExtension(clean);
    }
}

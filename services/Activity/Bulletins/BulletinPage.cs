using System.Globalization;
using System.Net;
using System.Text;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// The printable page of a bulletin in one language (zh-CN or en-US): a self-contained HTML document with print CSS
/// (A4, the CJK font installed with fonts-noto-cjk), every text HTML-encoded. The same page is what chromium prints to PDF.
/// </summary>
public static class BulletinPage
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly IReadOnlyList<string> Languages = [Chinese, English];

    static readonly Dictionary<string, (string Zh, string En)> SectionNames = new()
    {
        [BulletinSections.Milestones] = ("攻坚节点", "Milestones reached"),
        [BulletinSections.ProblemsResolved] = ("问题解决", "Problems resolved"),
        [BulletinSections.Activities] = ("共建活动", "Activities held"),
        [BulletinSections.Nominations] = ("先进典型", "Outstanding people and units"),
    };

    public static string Render(Bulletin bulletin, string language)
    {
        var zh = language == Chinese;
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(zh ? "zh-CN" : "en-US").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(zh ? bulletin.TitleZh : bulletin.TitleEn)).Append("</title><style>")
            .Append("@page{size:A4;margin:18mm 16mm}body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;color:#222;line-height:1.6;max-width:760px;margin:24px auto}")
            .Append("h1{color:#b0121b;text-align:center;font-size:24pt;border-bottom:3px solid #b0121b;padding-bottom:8px}")
            .Append(".meta{text-align:center;color:#555}.lead{font-size:12pt;text-indent:2em}h2{color:#b0121b;font-size:15pt;border-left:5px solid #b0121b;padding-left:8px}")
            .Append("li{margin:4px 0}.measure{color:#555}@media print{body{margin:0;max-width:none}.no-print{display:none}}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(E(zh ? bulletin.TitleZh : bulletin.TitleEn)).Append("</h1>");
        html.Append("<p class=\"meta\">").Append(E(bulletin.ScopeName)).Append(" · ")
            .Append(E(zh ? bulletin.Month.ToString("yyyy年M月", CultureInfo.InvariantCulture) : bulletin.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)));
        if (bulletin.PublishedAt is { } at)
            html.Append(" · ").Append(zh ? "发布于 " : "published ").Append(E(at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        html.Append("</p><p class=\"lead\">").Append(E(zh ? bulletin.LeadZh : bulletin.LeadEn)).Append("</p>");
        foreach (var section in bulletin.Sections)
        {
            if (section.Entries.Count == 0 && (zh ? section.TextZh : section.TextEn).Length == 0) continue;
            (string Zh, string En) names = SectionNames.TryGetValue(section.Section, out var known) ? known : (section.Section, section.Section);
            html.Append("<section data-section=\"").Append(E(section.Section)).Append("\"><h2>").Append(E(zh ? names.Zh : names.En)).Append("</h2>");
            var text = zh ? section.TextZh : section.TextEn;
            if (text.Length > 0) html.Append("<p>").Append(E(text)).Append("</p>");
            if (section.Entries.Count > 0)
            {
                html.Append("<ol>");
                foreach (var entry in section.Entries)
                {
                    html.Append("<li><strong>").Append(E(zh ? entry.TitleZh : entry.TitleEn)).Append("</strong>");
                    var detail = zh ? entry.DetailZh : entry.DetailEn;
                    if (!string.IsNullOrEmpty(detail)) html.Append("：").Append(E(detail));
                    if (entry.Measure is { } m) html.Append(" <span class=\"measure\">(").Append(E(m.ToString("0.##", CultureInfo.InvariantCulture))).Append(' ').Append(E(entry.Unit)).Append(")</span>");
                    html.Append("</li>");
                }
                html.Append("</ol>");
            }
            html.Append("</section>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }
}

using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Exports;

/// <summary>How exported cells read: times in the group's calendar (UTC+8), words in Chinese or English.</summary>
public static class ExportText
{
    public static bool IsEnglish(string? lang) => lang?.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    public static string Time(DateTimeOffset instant) =>
        ActivityTimes.InGroupTime(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Method(CheckInMethod method, bool english) => method == CheckInMethod.Self
        ? english ? "self" : "本人签到"
        : english ? "venue code" : "现场签到码";

    public static string Status(ActivityStatus status, bool english) => status switch
    {
        ActivityStatus.Planned => english ? "planned" : "计划中",
        ActivityStatus.Held => english ? "held" : "已举办",
        ActivityStatus.Cancelled => english ? "cancelled" : "已取消",
        _ => "",
    };

    public static string Measure(JointMeasure measure, bool english) => measure switch
    {
        JointMeasure.Study => english ? "Joint study" : "理论联学",
        JointMeasure.Organization => english ? "Joint organization building" : "组织联建",
        JointMeasure.Work => english ? "Joint work" : "工作联动",
        JointMeasure.Performance => english ? "Joint performance" : "业绩联创",
        JointMeasure.Responsibility => english ? "Shared responsibility" : "责任联担",
        JointMeasure.Integrity => english ? "Shared integrity" : "底线联守",
        _ => "",
    };

    /// <summary>A name for a downloaded file: no path or reserved characters, at most 60 characters.</summary>
    public static string FileSafe(string name)
    {
        var clean = new string(name.Select(c => char.IsControl(c) || "\\/:*?\"<>|".Contains(c) ? '_' : c).ToArray()).Trim();
        return clean.Length > 60 ? clean[..60] : clean.Length == 0 ? "export" : clean;
    }
}

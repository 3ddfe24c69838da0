using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Exports;
using Microsoft.AspNetCore.Mvc;

namespace Alliance.Gateway.Activities;

/// <summary>The list's query string without paging, plus the format (xlsx, the default, or csv) and the headers' language.</summary>
public sealed record ActivityExportQuery(string? Format, string? Lang, string? Search, string? From, string? To, Guid? AllianceId, Guid? PairingId,
    Guid? TypeId, string? Measure, Guid? HostOrganizationId, Guid? ServiceCenterId, string? Status, string? Sort);

/// <summary>A period's activities (the list's filters) as XLSX or CSV, read from the activity service a page at a time.</summary>
public static class ActivityExportEndpoints
{
    /// <summary>The most rows one export writes; a narrower period or filter gets the rest.</summary>
    public const int MaxRows = 100_000;

    public static RouteGroupBuilder MapActivityExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/activities/export", ExportActivitiesAsync).WithTags("Activities").WithName("ExportActivities");
        return api;
    }

    public static async Task<IResult> ExportActivitiesAsync([AsParameters] ActivityExportQuery query, HttpContext http,
        ActivityService.ActivityServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var format = TableExport.ParseFormat(errors, query.Format);
        var request = ActivityEndpoints.ListRequest(errors, new ActivityListQuery(1, Paging.MaxSize, query.Search, query.From, query.To, query.AllianceId,
            query.PairingId, query.TypeId, query.Measure, query.HostOrganizationId, query.ServiceCenterId, query.Status, query.Sort), 1, Paging.MaxSize);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var first = await client.ListActivitiesAsync(request, cancellationToken: ct);
        var english = ExportText.IsEnglish(query.Lang);
        string[] headers = english
            ? ["Title", "Type", "Measure", "Hosts", "Alliance", "Pairing", "Starts", "Ends", "Venue", "Status", "Outcome"]
            : ["标题", "类型", "联建举措", "主办单位", "联盟", "结对", "开始时间", "结束时间", "地点", "状态", "成效"];
        async IAsyncEnumerable<IReadOnlyList<string>> Rows()
        {
            var page = first;
            var written = 0;
            for (var n = 1; ; n++)
            {
                foreach (var a in page.Items)
                {
                    if (written++ >= MaxRows) yield break;
                    yield return
                    [
                        a.Title, english ? a.TypeNameEn : a.TypeNameZh, ExportText.Measure(a.Measure, english), string.Join("、", a.Hosts.Select(h => h.Name)),
                        a.AllianceName, a.PairingTitle, ExportText.Time(a.StartsAt.ToDateTimeOffset()), ExportText.Time(a.EndsAt.ToDateTimeOffset()),
                        a.Venue.Name.Length > 0 ? $"{a.Venue.Name} ({a.Venue.Address})" : a.Venue.Address, ExportText.Status(a.Status, english), a.OutcomeNotes,
                    ];
                }
                if (page.Items.Count < Paging.MaxSize) yield break;
                request.Page = n + 1;
                page = await client.ListActivitiesAsync(request, cancellationToken: ct);
            }
        }
        await TableExport.WriteAsync(http.Response, format!.Value, english ? "activities" : "联合活动", english ? "Activities" : "联合活动", headers, Rows(), ct);
        return Results.Empty;
    }
}

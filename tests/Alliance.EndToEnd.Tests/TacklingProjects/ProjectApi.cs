using System.Net.Http.Json;
using Alliance.EndToEnd.Tests.Activities;
using static Alliance.EndToEnd.Tests.Alliances.AllianceApi;
using static Alliance.EndToEnd.Tests.Api;

namespace Alliance.EndToEnd.Tests.TacklingProjects;

/// <summary>The REST shapes of tackling projects, cooperation agreements, practical projects and shared results as a client sees them.</summary>
public static class ProjectApi
{
    public sealed record TeamMember(bool External, Guid? PersonId, Guid? MemberUnitId, string Name, string UnitName);
    public sealed record Evidence(Guid Id, Guid MilestoneId, string FileName, string ContentType, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt);
    public sealed record Milestone(Guid Id, string Title, string PlannedOn, string? ReachedOn, bool Overdue, List<Evidence> Evidence);
    public sealed record Outcome(Guid Id, string Label, string Unit, decimal Value, decimal? Baseline, decimal? Target, string RecordedOn, string RecordedBy);
    public sealed record Project(Guid Id, string Title, string? Description, string Category, int Year, Guid OrganizationId, string OrganizationName,
        Guid SubsidiaryId, Guid? AllianceId, string? AllianceName, Guid? LeaderPersonId, string? LeaderName, List<TeamMember> Team, string Status,
        List<Milestone> Milestones, List<Outcome> Outcomes, List<Guid> ActivityIds, List<Guid> ProblemIds, int MilestonesReached, int MilestonesOverdue,
        double Progress, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version, bool CanChange);
    public sealed record Party(Guid MemberUnitId, string Name, bool External);
    public sealed record CooperationAgreement(Guid Id, Guid AllianceId, string AllianceName, string Title, string? Content, List<Party> Parties, string? SignedOn,
        decimal? ValueAmount, string? ValueUnit, string Status, Guid SubsidiaryId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt,
        string UpdatedBy, long Version, bool CanChange);
    public sealed record AgreementCounts(Guid AllianceId, int Total, Dictionary<string, int> ByStatus);
    public sealed record PracticalProject(Guid Id, Guid AllianceId, string AllianceName, Guid MemberUnitId, string UnitName, string Title, string? Description,
        string BeneficiaryKind, string Beneficiaries, int BeneficiaryCount, string DoneOn, Guid SubsidiaryId, DateTimeOffset PublishedAt, string PublishedBy);
    public sealed record PracticalPage(List<PracticalProject> Items, int Total, int Page, int PageSize, long BeneficiaryTotal);
    public sealed record Reuse(Guid Id, Guid MemberUnitId, string UnitName, string ReusedOn, string How, string RecordedBy, DateTimeOffset RecordedAt);
    public sealed record SharedResult(Guid Id, Guid AllianceId, string AllianceName, Guid MemberUnitId, string UnitName, string Kind, string Title,
        string? Description, string SharedOn, Guid SubsidiaryId, List<Reuse> Reuses, int ReuseCount, DateTimeOffset PublishedAt, string PublishedBy,
        bool CanRecordReuse);

    /// <summary>The activity tests' setting (A leads an alliance with B and a bank; C outside) and its member units.</summary>
    public static async Task<(ActivityApi.Setting Setting, Guid UnitA, Guid UnitB, Guid Bank)> ProjectSettingAsync(this HttpClient groupAdmin)
    {
        var s = await ActivityApi.SettingAsync(groupAdmin);
        return (s, s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeA).Id, s.Alliance.Members.Single(m => m.OrganizationId == s.CommitteeB).Id,
            s.Alliance.Members.Single(m => m.External is not null).Id);
    }

    public static Dictionary<string, object?> ProjectBody(ActivityApi.Setting s, Guid bank, string? title = null) => new()
    {
        ["title"] = title ?? NewCode("洋山港配套工程"),
        ["description"] = "项目工期提前",
        ["category"] = "major-engineering",
        ["year"] = 2026,
        ["organizationId"] = s.CommitteeA,
        ["allianceId"] = s.Alliance.Id,
        ["team"] = new object[] { new { memberUnitId = bank, contactName = "赵经理" } },
    };

    public static async Task<Project> CreateProjectAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (await client.SendAsync(request)).ReadAsync<Project>(201);
    }

    public static async Task<Project> GetProjectAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/projects/{id}")).ReadAsync<Project>(200);

    public static Dictionary<string, object?> AgreementBody(ActivityApi.Setting s, Guid unitA, Guid bank, string status = "negotiating") => new()
    {
        ["allianceId"] = s.Alliance.Id,
        ["title"] = NewCode("人才共育协议"),
        ["memberUnitIds"] = new[] { unitA, bank },
        ["status"] = status,
        ["signedOn"] = status == "signed" ? "2026-06-01" : null,
        ["valueAmount"] = 500000,
        ["valueUnit"] = "cny",
    };
}

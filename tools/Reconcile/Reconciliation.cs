using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Contracts.Reporting.V1;
using Grpc.Core;

namespace Alliance.Tools.Reconcile;

/// <summary>One count that a read model and its source disagree on.</summary>
public sealed record Difference(string Subsidiary, string What, long Source, long ReadModel)
{
    public override string ToString() => $"{Subsidiary}: {What}: source {Source}, reporting {ReadModel}";
}

/// <summary>
/// Compares reporting's read models with the organization service's current state, subsidiary by subsidiary, through
/// both services' gRPC as a group admin: subsidiaries; organizations, in all and by kind (group dashboard); full and
/// probationary members (member counts).
/// </summary>
public static class Reconciliation
{
    /// <summary>As the gateway passes the caller (ServiceDefaults' AllianceMetadata): the reconciliation reads the whole group.</summary>
    static readonly Metadata GroupAdmin = new() { { "x-user-role", Roles.GroupAdmin } };

    public static async Task<IReadOnlyList<Difference>> CompareAsync(CurrentState.CurrentStateClient source,
        ReportingService.ReportingServiceClient reporting, CancellationToken ct)
    {
        CallOptions Call() => new(GroupAdmin, DateTime.UtcNow.AddSeconds(30), ct);
        var truth = (await source.GetReconciliationCountsAsync(new GetReconciliationCountsRequest(), Call())).Subsidiaries;
        var dashboard = await reporting.GetGroupDashboardAsync(new GetGroupDashboardRequest(), Call());
        var differences = new List<Difference>();
        void Compare(string subsidiary, string what, long expected, long actual)
        {
            if (expected != actual) differences.Add(new Difference(subsidiary, what, expected, actual));
        }

        Compare("group", "subsidiaries", truth.Count, dashboard.Subsidiaries);
        Compare("group", "organizations", truth.Sum(s => s.Organizations), dashboard.Organizations);
        foreach (var s in truth)
        {
            var name = $"{s.Name} ({s.SubsidiaryId})";
            var row = dashboard.PerSubsidiary.FirstOrDefault(r => r.SubsidiaryId == s.SubsidiaryId) ?? new SubsidiaryDashboard();
            Compare(name, "subsidiary", 1, dashboard.PerSubsidiary.Count(r => r.SubsidiaryId == s.SubsidiaryId));
            Compare(name, "organizations", s.Organizations, row.Organizations);
            Compare(name, "committees", s.Committees, row.Committees);
            Compare(name, "general branches", s.GeneralBranches, row.GeneralBranches);
            Compare(name, "branches", s.Branches, row.Branches);
            Compare(name, "groups", s.Groups, row.Groups);
            var members = await reporting.GetMemberCountsAsync(new GetMemberCountsRequest { SubsidiaryId = s.SubsidiaryId }, Call());
            Compare(name, "full members", s.FullMembers, members.Full);
            Compare(name, "probationary members", s.ProbationaryMembers, members.Probationary);
        }
        foreach (var extra in dashboard.PerSubsidiary.Where(r => truth.All(s => s.SubsidiaryId != r.SubsidiaryId)))
            Compare($"{extra.Name} ({extra.SubsidiaryId})", "subsidiary", 0, 1);
        return differences;
    }
}

using Alliance.Activity.Common;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>
/// Turns the details a client sends on creating and revising a project into a <see cref="ProjectPlan"/>: checks the
/// fields, asks the organization service as the caller for the owning organization, the alliance, the leader and the
/// team's people (ADR 27), takes external members from the alliance's member units outside the group, and checks that
/// the caller may plan for the owning organization's subsidiary.
/// </summary>
public sealed class ProjectPlanning(IOrganizationDirectory directory)
{
    public async Task<ProjectPlan> PlanAsync(CallerScope caller, C.ProjectDetails? details, CancellationToken ct)
    {
        Validate(details).ThrowIfAny();
        var d = details!;
        caller.EnsureMayPlan("plan a tackling project");
        var organization = await directory.FindOrganizationAsync(caller, Guid.Parse(d.OrganizationId), ct)
            ?? throw FieldErrors.Single("organizationId", "No organization with that id that you may see.", StatusCode.NotFound);
        JointWorkAccess.EnsureMayChange(caller, organization.SubsidiaryId, "project");
        AllianceFacts? alliance = null;
        if (d.AllianceId.Length > 0)
        {
            alliance = await directory.FindAllianceAsync(caller, Guid.Parse(d.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "No alliance with that id that you take part in.", StatusCode.NotFound);
        }
        PersonFacts? leader = null;
        if (d.LeaderPersonId.Length > 0)
        {
            leader = await directory.FindPersonAsync(caller, Guid.Parse(d.LeaderPersonId), ct)
                ?? throw FieldErrors.Single("leaderPersonId", "No person with that id that you may see.", StatusCode.NotFound);
        }
        var team = new List<TeamMember>();
        var organizationNames = new Dictionary<Guid, string> { [organization.Id] = organization.Name };
        for (var i = 0; i < d.Team.Count; i++)
        {
            var t = d.Team[i];
            if (t.PersonId.Length > 0)
            {
                var person = await directory.FindPersonAsync(caller, Guid.Parse(t.PersonId), ct)
                    ?? throw FieldErrors.Single($"team[{i}].personId", "No person with that id that you may see.", StatusCode.NotFound);
                var unitName = "";
                if (person.OrganizationId is { } of)
                {
                    if (!organizationNames.TryGetValue(of, out var name))
                        organizationNames[of] = name = (await directory.FindOrganizationAsync(caller, of, ct))?.Name ?? "";
                    unitName = name;
                }
                team.Add(new TeamMember(person.Id, null, person.Name, unitName));
                continue;
            }
            if (alliance is null) throw FieldErrors.Single($"team[{i}].memberUnitId", "External members come from the project's alliance; name the alliance.");
            var unit = alliance.Members.FirstOrDefault(m => m.Current && m.Id == Guid.Parse(t.MemberUnitId))
                ?? throw FieldErrors.Single($"team[{i}].memberUnitId", "is not a current member unit of the alliance.", StatusCode.NotFound);
            if (unit.OrganizationId is not null)
                throw FieldErrors.Single($"team[{i}].memberUnitId", "is a unit of the group: name its people by person id instead.");
            team.Add(new TeamMember(null, unit.Id, t.ContactName.Trim(), unit.Name));
        }
        return new ProjectPlan(d.Title, d.Description, d.Category, d.Year, organization, alliance, leader, team);
    }

    static FieldErrors Validate(C.ProjectDetails? d)
    {
        var errors = new FieldErrors();
        if (d is null) return errors.Add("details", "is required.");
        errors.Required("title", d.Title, TacklingProject.MaxTitleLength)
            .Optional("description", d.Description, TacklingProject.MaxDescriptionLength)
            .Id("organizationId", d.OrganizationId)
            .Id("allianceId", d.AllianceId, required: false)
            .Id("leaderPersonId", d.LeaderPersonId, required: false);
        if (!ProjectCategories.IsKnown(d.Category)) errors.Add("category", $"must be one of: {string.Join(", ", ProjectCategories.All.Select(c => c.Code))}.");
        if (d.Year is < TacklingProject.MinYear or > TacklingProject.MaxYear) errors.Add("year", $"must be between {TacklingProject.MinYear} and {TacklingProject.MaxYear}.");
        if (d.Team.Count > TacklingProject.MaxTeam) errors.Add("team", $"must name at most {TacklingProject.MaxTeam} members.");
        for (var i = 0; i < d.Team.Count; i++)
        {
            var t = d.Team[i];
            if (t.PersonId.Length > 0 == t.MemberUnitId.Length > 0)
            {
                errors.Add($"team[{i}]", "names either a person (personId) or a partner unit (memberUnitId with contactName).");
                continue;
            }
            if (t.PersonId.Length > 0) errors.Id($"team[{i}].personId", t.PersonId);
            else errors.Id($"team[{i}].memberUnitId", t.MemberUnitId).Required($"team[{i}].contactName", t.ContactName, TacklingProject.MaxNameLength);
        }
        return errors;
    }
}

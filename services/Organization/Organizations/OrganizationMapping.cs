using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using ContractChange = Alliance.Contracts.Organization.V1.OrganizationChange;
using ContractChangeKind = Alliance.Contracts.Organization.V1.OrganizationChangeKind;
using ContractKind = Alliance.Contracts.Organization.V1.OrganizationKind;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;
using ContractStatus = Alliance.Contracts.Organization.V1.OrganizationStatus;

namespace Alliance.Organization.Organizations;

/// <summary>The party tree's records and changes as the contract shows them, and the contract's kinds as the tree's.</summary>
static class OrganizationMapping
{
    public static OrganizationKind? FromContract(ContractKind kind) => kind switch
    {
        ContractKind.Committee => OrganizationKind.Committee,
        ContractKind.GeneralBranch => OrganizationKind.GeneralBranch,
        ContractKind.Branch => OrganizationKind.Branch,
        ContractKind.Group => OrganizationKind.Group,
        _ => null,
    };

    public static ContractKind ToContract(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Committee => ContractKind.Committee,
        OrganizationKind.GeneralBranch => ContractKind.GeneralBranch,
        OrganizationKind.Branch => ContractKind.Branch,
        OrganizationKind.Group => ContractKind.Group,
        _ => ContractKind.Unspecified,
    };

    public static ContractOrganization ToContract(PartyOrganization o)
    {
        var result = new ContractOrganization
        {
            Id = o.Id.ToString(),
            SubsidiaryId = o.SubsidiaryId.ToString(),
            Name = o.Name,
            Kind = ToContract(o.Kind),
            Path = o.Path,
            CreatedAt = Timestamp.FromDateTimeOffset(o.CreatedAt),
            Version = o.Version,
            Status = ToContract(o.Status),
            CreatedOn = Format(o.CreatedOn),
            LastChangedOn = Format(o.LastChangedOn),
            Depth = o.Depth,
        };
        if (o.ParentId is { } parent) result.ParentId = parent.ToString();
        if (o.EndedOn is { } ended) result.EndedOn = Format(ended);
        if (o.MergedIntoId is { } into) result.MergedIntoId = into.ToString();
        return result;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static ContractStatus ToContract(OrganizationStatus status) => status switch
    {
        OrganizationStatus.Active => ContractStatus.Active,
        OrganizationStatus.Dissolved => ContractStatus.Dissolved,
        OrganizationStatus.Merged => ContractStatus.Merged,
        _ => ContractStatus.Unspecified,
    };

    public static ContractChangeKind ToContract(OrganizationChangeKind kind) => kind switch
    {
        OrganizationChangeKind.Created => ContractChangeKind.Created,
        OrganizationChangeKind.Renamed => ContractChangeKind.Renamed,
        OrganizationChangeKind.Moved => ContractChangeKind.Moved,
        OrganizationChangeKind.Merged => ContractChangeKind.Merged,
        OrganizationChangeKind.Dissolved => ContractChangeKind.Dissolved,
        OrganizationChangeKind.Absorbed => ContractChangeKind.Absorbed,
        _ => ContractChangeKind.Unspecified,
    };

    public static ContractChange ToContract(OrganizationChange c)
    {
        var result = new ContractChange
        {
            Id = c.Id.ToString(),
            OrganizationId = c.OrganizationId.ToString(),
            Kind = ToContract(c.Kind),
            EffectiveOn = Format(c.EffectiveOn),
            RecordedAt = Timestamp.FromDateTimeOffset(c.RecordedAt),
            RecordedBy = c.RecordedBy ?? "",
        };
        if (c.OldName is not null) result.OldName = c.OldName;
        if (c.NewName is not null) result.NewName = c.NewName;
        if (c.OldParentId is { } oldParent) result.OldParentId = oldParent.ToString();
        if (c.NewParentId is { } newParent) result.NewParentId = newParent.ToString();
        if (c.MergedIntoId is { } into) result.MergedIntoId = into.ToString();
        if (c.MergedFromId is { } from) result.MergedFromId = from.ToString();
        return result;
    }
}

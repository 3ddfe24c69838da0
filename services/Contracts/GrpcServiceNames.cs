namespace Alliance.Contracts;

/// <summary>
/// The full names of the .proto services (<c>package.Service</c>), for mapping them without building their descriptors
/// (ADR 17). A test holds each to its descriptor's <c>FullName</c> and each service class to its rpcs.
/// </summary>
public static class GrpcServiceNames
{
    public const string Organization = "alliance.organization.v1.OrganizationService";
    public const string People = "alliance.organization.v1.PeopleService";
    public const string Alliances = "alliance.organization.v1.AllianceService";
    public const string Pairings = "alliance.organization.v1.PairingService";
    public const string ServiceCenters = "alliance.organization.v1.ServiceCenterService";
    public const string HrSync = "alliance.organization.v1.HrSyncService";
    public const string HrConnectors = "alliance.organization.v1.HrConnectorService";
    public const string OrganizationImport = "alliance.organization.v1.OrganizationImportService";
    public const string Reporting = "alliance.reporting.v1.ReportingService";
}

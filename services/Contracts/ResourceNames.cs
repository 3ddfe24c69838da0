namespace Alliance.Contracts;

/// <summary>
/// The name of every resource, used as the configuration key everywhere: by the AppHost, the services and the tests.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "pg";
    public const string Bus = "bus";
    public const string Cache = "cache";

    public const string Organization = "organization";
    public const string Activity = "activity";
    public const string Talent = "talent";
    public const string Reporting = "reporting";
    public const string Gateway = "gateway";
    /// <summary>The organization service's build run once to load the demo data, then exit (ADR 18).</summary>
    public const string DemoData = "demo-data";
    /// <summary>The local SMTP server the activity service's e-mail channel sends to when no relay is configured.</summary>
    public const string Mail = "mail";

    /// <summary>Databases, one per service, on the <see cref="Postgres"/> server.</summary>
    public static class Databases
    {
        public const string Organization = "organizationdb";
        public const string Activity = "activitydb";
        public const string Talent = "talentdb";
        public const string Reporting = "reportingdb";
    }

    /// <summary>Endpoint names, as in <c>services__{resource}__{endpoint}__0</c>.</summary>
    public static class Endpoints
    {
        public const string Http = "http";
        public const string Dashboard = "dashboard";
    }
}

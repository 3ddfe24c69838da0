namespace Alliance.Contracts;

/// <summary>Regions of the shared Redis cache whose version more than one service reads (ADR 29).</summary>
public static class CacheRegions
{
    /// <summary>Reporting's dashboards, and the gateway's JSON of them; reporting bumps the version after each projection commits.</summary>
    public const string Dashboards = "reporting:dashboard";
}

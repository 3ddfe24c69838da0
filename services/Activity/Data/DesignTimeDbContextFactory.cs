namespace Alliance.Activity.Data;

/// <summary>For `dotnet ef`: see <see cref="ServiceDefaults.Data.DesignTimeDbContextFactory{TDbContext}"/>.</summary>
public sealed class DesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<ActivityDbContext>;

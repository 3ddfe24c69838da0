namespace Alliance.Talent.Data;

/// <summary>For `dotnet ef`: see <see cref="ServiceDefaults.Data.DesignTimeDbContextFactory{TDbContext}"/>.</summary>
public sealed class DesignTimeDbContextFactory : ServiceDefaults.Data.DesignTimeDbContextFactory<TalentDbContext>;

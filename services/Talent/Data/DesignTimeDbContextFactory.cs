using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Alliance.Talent.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host (docs/operations.md).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TalentDbContext>
{
    public TalentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TalentDbContext>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}

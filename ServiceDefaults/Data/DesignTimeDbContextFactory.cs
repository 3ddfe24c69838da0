using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Alliance.ServiceDefaults.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build a service's model without starting its host (docs/operations.md). Each service
/// declares one empty subclass, because the tool looks for a concrete factory in the service's own assembly.
/// </summary>
public abstract class DesignTimeDbContextFactory<TDbContext> : IDesignTimeDbContextFactory<TDbContext> where TDbContext : DbContext
{
    public TDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TDbContext>().UseNpgsql("Host=127.0.0.1;Database=design").Options;
        return (TDbContext)Activator.CreateInstance(typeof(TDbContext), options)!;
    }
}

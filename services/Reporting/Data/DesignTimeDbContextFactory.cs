using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Alliance.Reporting.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host (docs/operations.md).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReportingDbContext>
{
    public ReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingDbContext>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}

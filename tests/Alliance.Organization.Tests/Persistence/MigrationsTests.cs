using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.Tests.Persistence;

public class MigrationsTests
{
    [Fact]
    public void The_migrations_build_the_model_the_code_maps()
    {
        using var db = new OrganizationDbContext(new DbContextOptionsBuilder<OrganizationDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        db.Database.HasPendingModelChanges().Should().BeFalse("every mapping change has its migration and the snapshot is current");
        db.Database.GetMigrations().Should().Contain(m => m.EndsWith("_PeopleEmployeeNumberIndex"));
    }

    [Fact]
    public void The_start_up_check_reads_the_same_migrations_as_EF_Core_without_it()
    {
        using var db = new OrganizationDbContext(new DbContextOptionsBuilder<OrganizationDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        var read = ServiceDatabase<OrganizationDbContext>.MigrationIds();

        read.Should().HaveCountGreaterThan(10).And.Equal(db.Database.GetMigrations());
    }
}

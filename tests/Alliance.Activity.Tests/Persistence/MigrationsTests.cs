using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Tests.Persistence;

public class MigrationsTests
{
    static ActivityDbContext Context() =>
        new(new DbContextOptionsBuilder<ActivityDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

    [Fact]
    public void The_migrations_build_the_model_the_code_maps()
    {
        using var db = Context();

        db.Database.HasPendingModelChanges().Should().BeFalse("every mapping change has its migration and the snapshot is current");
        db.Database.GetMigrations().Should().Contain(m => m.EndsWith("_ActivitiesAndTypes"));
    }

    [Fact]
    public void The_start_up_check_reads_the_same_migrations_as_EF_Core_without_it()
    {
        using var db = Context();

        ServiceDatabase<ActivityDbContext>.MigrationIds().Should().Equal(db.Database.GetMigrations());
    }
}

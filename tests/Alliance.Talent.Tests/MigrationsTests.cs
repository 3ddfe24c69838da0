using Alliance.ServiceDefaults.Data;
using Alliance.Talent.Data;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Tests;

public class MigrationsTests
{
    static TalentDbContext Context() =>
        new(new DbContextOptionsBuilder<TalentDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

    [Fact]
    public void The_migrations_build_the_model_the_code_maps()
    {
        using var db = Context();

        db.Database.HasPendingModelChanges().Should().BeFalse("every mapping change has its migration and the snapshot is current");
        db.Database.GetMigrations().Should().Contain(m => m.EndsWith("_ProfilesAndDynamicLists"));
    }

    [Fact]
    public void The_start_up_check_reads_the_same_migrations_as_EF_Core_without_it()
    {
        using var db = Context();

        ServiceDatabase<TalentDbContext>.MigrationIds().Should().Equal(db.Database.GetMigrations());
    }
}

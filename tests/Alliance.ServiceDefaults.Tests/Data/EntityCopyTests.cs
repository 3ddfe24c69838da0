using Alliance.ServiceDefaults.Data;
using Alliance.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Alliance.ServiceDefaults.Tests.Data;

/// <summary>
/// Rows written by binary COPY (EntityCopy's own encoding) read back exactly as the same rows written by SaveChanges, in a
/// real PostgreSQL, for every store type it writes; and a COPY fails and rolls back as an INSERT would.
/// </summary>
public class EntityCopyTests
{
    public enum Grade { Bronze, Silver, Gold }

    public sealed class Specimen
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string? Note { get; set; }
        public string Code { get; set; } = "";
        public bool Active { get; set; }
        public short Small { get; set; }
        public int Count { get; set; }
        public int? Optional { get; set; }
        public long Big { get; set; }
        public double Ratio { get; set; }
        public float Weight { get; set; }
        public DateTimeOffset At { get; set; }
        public DateTimeOffset? Until { get; set; }
        public DateOnly Day { get; set; }
        public DateOnly? OtherDay { get; set; }
        public string Json { get; set; } = "{}";
        public byte[]? Bytes { get; set; }
        public string[] Tags { get; set; } = [];
        public List<string> Labels { get; set; } = [];
        public Guid[] Links { get; set; } = [];
        public Guid? Parent { get; set; }
        public Grade Grade { get; set; }
        public Grade? Previous { get; set; }
    }

    public sealed class SpecimenDb(DbContextOptions<SpecimenDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Specimen>(e =>
        {
            e.ToTable("specimens");
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(50);
            e.Property(x => x.Note).HasColumnName("note");
            e.Property(x => x.Code).HasColumnName("code").HasColumnType("character(4)");
            e.Property(x => x.Active).HasColumnName("active");
            e.Property(x => x.Small).HasColumnName("small");
            e.Property(x => x.Count).HasColumnName("count");
            e.Property(x => x.Optional).HasColumnName("optional");
            e.Property(x => x.Big).HasColumnName("big");
            e.Property(x => x.Ratio).HasColumnName("ratio");
            e.Property(x => x.Weight).HasColumnName("weight");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Until).HasColumnName("until");
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.OtherDay).HasColumnName("other_day");
            e.Property(x => x.Json).HasColumnName("json").HasColumnType("jsonb");
            e.Property(x => x.Bytes).HasColumnName("bytes");
            e.Property(x => x.Tags).HasColumnName("tags");
            e.Property(x => x.Labels).HasColumnName("labels").HasColumnType("character varying[]");
            e.Property(x => x.Links).HasColumnName("links");
            e.Property(x => x.Parent).HasColumnName("parent");
            e.Property(x => x.Grade).HasColumnName("grade").HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Previous).HasColumnName("previous").HasConversion<int?>();
            e.HasIndex(x => x.Name).IsUnique();
        });
    }

    public sealed class Household
    {
        public Guid Id { get; set; }
    }

    public sealed class Member
    {
        public Guid Id { get; set; }
        public Guid HouseholdId { get; set; }
        public Guid? GuardianHouseholdId { get; set; }
    }

    public sealed class HouseholdDb(DbContextOptions<HouseholdDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Household>().ToTable("households").Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
            modelBuilder.Entity<Member>(e =>
            {
                e.ToTable("members");
                e.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
                e.Property(m => m.HouseholdId).HasColumnName("household_id");
                e.Property(m => m.GuardianHouseholdId).HasColumnName("guardian_household_id");
                e.HasOne<Household>().WithMany().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Restrict);
                e.HasOne<Household>().WithMany().HasForeignKey(m => m.GuardianHouseholdId).OnDelete(DeleteBehavior.Restrict);
            });
        }
    }

    static Specimen Full(string name) => new()
    {
        Id = Guid.CreateVersion7(), Name = name, Note = "党建联盟 — “共建” ✓ 𠀀", Code = "AB", Active = true, Small = -12, Count = int.MaxValue,
        Optional = -7, Big = long.MinValue + 1, Ratio = Math.PI, Weight = 1.5f, At = new DateTimeOffset(1999, 12, 31, 23, 59, 59, 123, TimeSpan.Zero).AddTicks(4560),
        Until = DateTimeOffset.MaxValue, Day = new DateOnly(1921, 7, 1), OtherDay = DateOnly.MinValue, Json = """{"b": [1, 2.5, "三"], "a": null}""",
        Bytes = [0, 1, 254, 255], Tags = ["甲", "", "c d"], Labels = ["x", "工号"], Links = [Guid.NewGuid(), Guid.NewGuid()], Parent = Guid.NewGuid(),
        Grade = Grade.Gold, Previous = Grade.Silver,
    };

    static Specimen Empty(string name) => new()
    {
        Id = Guid.CreateVersion7(), Name = name, Code = "", At = DateTimeOffset.MinValue, Day = new DateOnly(2000, 1, 1), Json = "[]",
    };

    static async Task<SpecimenDb> CreateAsync(string prefix)
    {
        var cs = await (await RealServers.GetAsync()).CreateDatabaseAsync(prefix);
        var db = new SpecimenDb(new DbContextOptionsBuilder<SpecimenDb>().UseNpgsql(cs).Options);
        await db.Database.EnsureCreatedAsync();
        return db;
    }

    [Fact]
    public async Task Copied_rows_read_back_as_the_same_rows_saved_by_SaveChanges()
    {
        await using var db = await CreateAsync("entity_copy");
        Specimen[] saved = [Full("saved-full"), Empty("saved-empty")];
        Specimen[] copied = [Full("copied-full"), Empty("copied-empty")];
        db.AddRange(saved);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            (await db.CopyAsync(copied, CancellationToken.None)).Should().Be(2);
            await tx.CommitAsync();
        }

        var rows = await db.Set<Specimen>().AsNoTracking().ToDictionaryAsync(s => s.Name);
        rows.Should().HaveCount(4);
        foreach (var (savedName, copiedName) in new[] { ("saved-full", "copied-full"), ("saved-empty", "copied-empty") })
            rows[copiedName].Should().BeEquivalentTo(rows[savedName], o => o.Excluding(s => s.Id).Excluding(s => s.Name).Excluding(s => s.Links).Excluding(s => s.Parent));
        rows["copied-full"].Should().BeEquivalentTo(copied[0], o => o.Excluding(s => s.Json).Excluding(s => s.Code).Excluding(s => s.At),
            "every value arrives as it was written");
        rows["copied-full"].At.Should().Be(copied[0].At.AddTicks(-(copied[0].At.Ticks % 10)), "timestamps keep microseconds");
        rows["copied-full"].Code.Should().Be("AB  ", "character(n) pads");
        rows["copied-empty"].Until.Should().BeNull();
        rows["copied-empty"].At.Should().Be(DateTimeOffset.MinValue, "MinValue is -infinity both ways");
        rows["copied-full"].Until.Should().Be(DateTimeOffset.MaxValue, "MaxValue is infinity both ways");
        rows["copied-full"].Json.Should().Be(rows["saved-full"].Json).And.Contain("\"三\"");
        await using var conn = new NpgsqlConnection(db.Database.GetConnectionString());
        await conn.OpenAsync();
        await using var check = new NpgsqlCommand("SELECT until = 'infinity', other_day = '-infinity', at = '-infinity' FROM specimens WHERE name = 'copied-full' OR name = 'copied-empty' ORDER BY name", conn);
        await using var reader = await check.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue(); // copied-empty
        reader.IsDBNull(0).Should().BeTrue();
        reader.IsDBNull(1).Should().BeTrue();
        reader.GetBoolean(2).Should().BeTrue();
        (await reader.ReadAsync()).Should().BeTrue(); // copied-full
        reader.GetBoolean(0).Should().BeTrue();
        reader.GetBoolean(1).Should().BeTrue();
    }

    [Fact]
    public async Task Tracked_rows_are_copied_then_marked_saved_and_a_refused_copy_rolls_back_with_its_transaction()
    {
        await using var db = await CreateAsync("entity_copy_added");
        db.Add(Full("one"));
        db.Add(Empty("two"));
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var added = db.EncodeAdded(typeof(Specimen));
            added.Count.Should().Be(2);
            await added.WriteAsync(db, CancellationToken.None);
            db.ChangeTracker.Entries().Should().OnlyContain(e => e.State == EntityState.Unchanged);
            (await db.SaveChangesAsync()).Should().Be(0, "the copied rows are saved already");
            await tx.CommitAsync();
        }
        db.ChangeTracker.Clear();

        // A name taken (unique index): the COPY fails as the INSERT would, and nothing of its transaction stays.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            db.Add(Empty("three"));
            await db.SaveChangesAsync();
            var refused = async () => await db.CopyAsync([Empty("four"), Empty("one")], CancellationToken.None);
            (await refused.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
            await tx.RollbackAsync();
        }
        db.ChangeTracker.Clear();
        (await db.Set<Specimen>().Select(s => s.Name).OrderBy(n => n).ToListAsync()).Should().Equal("one", "two");

        // A value Npgsql would refuse (a local offset) is refused while encoding, before anything is sent.
        var local = Empty("five");
        local.At = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.FromHours(8));
        var encode = () => db.Encode([local]);
        encode.Should().Throw<ArgumentException>().WithMessage("*offset 0*");
    }

    /// <summary>
    /// As superuser (the test servers' user) foreign keys are checked per set, with row triggers off for the COPY; as a
    /// user without that right PostgreSQL checks each row. Either way a missing reference fails with 23503, and the
    /// rows referenced are locked until the transaction ends, so they cannot be deleted under the copied rows.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_copy_checks_its_foreign_keys_and_locks_what_they_reference(bool superuser)
    {
        var cs = await (await RealServers.GetAsync()).CreateDatabaseAsync(superuser ? "entity_copy_fk" : "entity_copy_fk_user");
        var builder = new NpgsqlConnectionStringBuilder(cs);
        await using (var admin = new HouseholdDb(new DbContextOptionsBuilder<HouseholdDb>().UseNpgsql(cs).Options))
        {
            await admin.Database.EnsureCreatedAsync();
            if (!superuser)
            {
                // A plain login of this database only (no right to turn row triggers off).
                var role = builder.Database!;
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync();
                await using var grant = new NpgsqlCommand($"""
                    DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE "{role}" LOGIN PASSWORD 'copy'; END IF; END $$;
                    GRANT SELECT, INSERT, UPDATE, DELETE ON households, members TO "{role}";
                    """, conn);
                await grant.ExecuteNonQueryAsync();
                (builder.Username, builder.Password) = (role, "copy");
            }
        }
        await using var db = new HouseholdDb(new DbContextOptionsBuilder<HouseholdDb>().UseNpgsql(builder.ConnectionString).Options);
        var (home, other) = (new Household { Id = Guid.NewGuid() }, new Household { Id = Guid.NewGuid() });
        db.AddRange(home, other);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // A member of a household that does not exist: refused, as the INSERT would be.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var refused = async () => await db.CopyAsync([new Member { Id = Guid.NewGuid(), HouseholdId = home.Id },
                new Member { Id = Guid.NewGuid(), HouseholdId = home.Id, GuardianHouseholdId = Guid.NewGuid() }], CancellationToken.None);
            (await refused.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);
            await tx.RollbackAsync();
        }

        // Members of existing households: written, and the households they name are locked until the commit.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            (await db.CopyAsync([new Member { Id = Guid.NewGuid(), HouseholdId = home.Id }, new Member { Id = Guid.NewGuid(), HouseholdId = home.Id, GuardianHouseholdId = other.Id }],
                CancellationToken.None)).Should().Be(2);
            // What the copy changed for itself (row triggers off, no scans for the checks) is put back for the rest of the transaction.
            (await db.Database.SqlQueryRaw<string>("SELECT current_setting('session_replication_role') || ',' || current_setting('enable_seqscan') AS \"Value\"")
                .SingleAsync()).Should().Be("origin,on");
            await using var elsewhere = new NpgsqlConnection(cs);
            await elsewhere.OpenAsync();
            foreach (var id in new[] { home.Id, other.Id })
            {
                await using var delete = new NpgsqlCommand($"SET lock_timeout = '300ms'; DELETE FROM households WHERE id = '{id}'", elsewhere);
                var deleting = async () => await delete.ExecuteNonQueryAsync();
                (await deleting.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
            }
            await tx.CommitAsync();
        }
        (await db.Set<Member>().CountAsync()).Should().Be(2);

        if (!superuser) return;
        // A table with a trigger of its own keeps its row triggers on: the trigger still refuses what it refuses.
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand("""
                CREATE FUNCTION no_guardian() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                  IF NEW.guardian_household_id IS NOT NULL THEN RAISE check_violation USING MESSAGE = 'no guardians'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER no_guardian BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION no_guardian();
                """, conn);
            await create.ExecuteNonQueryAsync();
        }
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var refused = async () => await db.CopyAsync([new Member { Id = Guid.NewGuid(), HouseholdId = home.Id, GuardianHouseholdId = other.Id }], CancellationToken.None);
            (await refused.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        }
    }
}

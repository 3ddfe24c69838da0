using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Data;

/// <summary>The talent service's own database. Its features arrive with their issues; the outbox and inbox are here from the start.</summary>
public sealed class TalentDbContext(DbContextOptions<TalentDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

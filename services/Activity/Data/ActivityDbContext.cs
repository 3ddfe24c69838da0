using Alliance.Activity.Common;
using Alliance.Activity.Notifications;
using Alliance.Activity.OrganizationLife;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Data;

/// <summary>The activity service's own database: activity types, activities with their hosts, audit log and attachments,
/// rotating hosts, joint meetings, decision items with their history, meeting rules, notifications with their channels
/// and deliveries, client request ids, outbox and inbox.</summary>
public sealed class ActivityDbContext(DbContextOptions<ActivityDbContext> options) : DbContext(options)
{
    public DbSet<Activities.Activity> Activities => Set<Activities.Activity>();
    public DbSet<ActivityTypes.ActivityType> ActivityTypes => Set<ActivityTypes.ActivityType>();
    public DbSet<ClientRequest> ClientRequests => Set<ClientRequest>();
    public DbSet<Meetings.JointMeeting> JointMeetings => Set<Meetings.JointMeeting>();
    public DbSet<Supervision.DecisionItem> DecisionItems => Set<Supervision.DecisionItem>();
    public DbSet<Supervision.DecisionItemEntry> DecisionItemHistory => Set<Supervision.DecisionItemEntry>();
    public DbSet<MeetingRule> MeetingRules => Set<MeetingRule>();
    public DbSet<MeetingRuleChange> MeetingRuleChanges => Set<MeetingRuleChange>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<TaskLists.TaskList> TaskLists => Set<TaskLists.TaskList>();
    public DbSet<TaskLists.Measure> TaskListMeasures => Set<TaskLists.Measure>();
    public DbSet<TaskLists.ProgressReport> MeasureProgressReports => Set<TaskLists.ProgressReport>();
    public DbSet<TaskLists.TaskListChange> TaskListChanges => Set<TaskLists.TaskListChange>();
    public DbSet<Bulletins.Bulletin> Bulletins => Set<Bulletins.Bulletin>();
    public DbSet<Bulletins.BulletinPdf> BulletinPdfs => Set<Bulletins.BulletinPdf>();
    public DbSet<Bulletins.BulletinChange> BulletinChanges => Set<Bulletins.BulletinChange>();
    public DbSet<Bulletins.Nomination> Nominations => Set<Bulletins.Nomination>();
    public DbSet<Lists.Problem> Problems => Set<Lists.Problem>();
    public DbSet<Lists.ResourceOffer> ResourceOffers => Set<Lists.ResourceOffer>();
    public DbSet<Lists.ResourceMatch> ResourceMatches => Set<Lists.ResourceMatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ActivityDbContext).Assembly);
        modelBuilder.Entity<ClientRequest>(e =>
        {
            e.ToTable("client_requests");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(300);
            e.Property(x => x.ResourceId).HasColumnName("resource_id");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

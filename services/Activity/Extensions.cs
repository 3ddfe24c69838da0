using Alliance.Activity.Activities;
using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Attendance;
using Alliance.Activity.CalendarFeeds;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Meetings;
using Alliance.Activity.Supervision;
using Alliance.Activity.Notifications;
using Alliance.Activity.OrganizationLife;
using Alliance.Contracts;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Caching;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Activity;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ActivityDbContext>(ResourceNames.Databases.Activity);
        builder.AddServiceMessaging<ActivityDbContext>(bus =>
        {
            bus.AddConsumer<DecisionItemEscalatedConsumer>();
            BoardCache.AddTreeConsumers(bus);
        });
        // The boards' read cache (ADR 44): Redis when configured, dropped after every change the boards show.
        builder.AddRedisConnection(ResourceNames.Cache);
        builder.Services.AddSingleton<BoardCache>();
        builder.Services.AddSingleton<BoardChanges>();
        builder.Services.ConfigureDbContext<ActivityDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<BoardChanges>()),
            ServiceLifetime.Singleton);
        // An attachment arrives whole in one message (AttachmentFiles.MaxBytes) and leaves in chunks.
        builder.AddGrpcServer(o => o.MaxReceiveMessageSize = Attachments.AttachmentFiles.MaxBytes + 1024 * 1024);
        // The organization service owns organizations, alliances, pairings and service centers: asked as the caller (ADR 27).
        builder.Services.AddServiceClient<O.SubsidiaryService.SubsidiaryServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.OrganizationService.OrganizationServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.AllianceService.AllianceServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PairingService.PairingServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.ServiceCenterService.ServiceCenterServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PeopleService.PeopleServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PartnerAccountService.PartnerAccountServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PersonAccountService.PersonAccountServiceClient>(ResourceNames.Organization);
        builder.Services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        builder.Services.AddScoped<PartnerUnits>();
        ActivityTypeGrpcService.AddHandlers(builder.Services);
        ActivityGrpcService.AddHandlers(builder.Services);
        HostRotations.HostRotationGrpcService.AddHandlers(builder.Services);
        builder.Services.AddScoped<Attachments.ActivityAttachments>();
        MeetingGrpcService.AddHandlers(builder.Services);
        DecisionItemGrpcService.AddHandlers(builder);
        OrganizationLifeGrpcService.AddHandlers(builder.Services);
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.SectionName));
        builder.Services.AddHostedService<ReminderJob>();
        NotificationGrpcService.AddHandlers(builder.Services);
        NotificationDeliveryGrpcService.AddHandlers(builder);
        builder.Services.Configure<AttendanceOptions>(builder.Configuration.GetSection(AttendanceOptions.Section));
        AttendanceGrpcService.AddHandlers(builder.Services);
        CalendarFeedGrpcService.AddHandlers(builder.Services);
        Projects.ProjectGrpcService.AddHandlers(builder.Services);
        Cooperation.CooperationAgreementGrpcService.AddHandlers(builder.Services);
        PracticalProjects.PracticalProjectGrpcService.AddHandlers(builder.Services);
        SharedResults.SharedResultGrpcService.AddHandlers(builder.Services);
        TaskLists.TaskListGrpcService.AddHandlers(builder.Services);
        Bulletins.BulletinGrpcService.AddHandlers(builder);
        Lists.ProblemListGrpcService.AddHandlers(builder.Services);
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ActivityTypeGrpcService>();
        app.MapGrpcService<ActivityGrpcService>();
        app.MapGrpcService<HostRotations.HostRotationGrpcService>();
        app.MapGrpcService<Attachments.AttachmentGrpcService>();
        app.MapGrpcService<CurrentState.ActivityCurrentStateGrpcService>();
        app.MapGrpcService<MeetingGrpcService>();
        app.MapGrpcService<DecisionItemGrpcService>();
        app.MapGrpcService<OrganizationLifeGrpcService>();
        app.MapGrpcService<NotificationGrpcService>();
        app.MapGrpcService<NotificationDeliveryGrpcService>();
        app.MapGrpcService<AttendanceGrpcService>();
        app.MapGrpcService<CalendarFeedGrpcService>();
        app.MapGrpcService<Projects.ProjectGrpcService>();
        app.MapGrpcService<Cooperation.CooperationAgreementGrpcService>();
        app.MapGrpcService<PracticalProjects.PracticalProjectGrpcService>();
        app.MapGrpcService<SharedResults.SharedResultGrpcService>();
        app.MapGrpcService<TaskLists.TaskListGrpcService>();
        app.MapGrpcService<Bulletins.BulletinGrpcService>();
        app.MapGrpcService<Bulletins.NominationGrpcService>();
        app.MapGrpcService<Lists.ProblemListGrpcService>();
        app.MapGrpcService<Lists.ResourceListGrpcService>();
        app.MapGrpcService<Lists.MatchGrpcService>();
        app.MapGrpcDefaults();
        return app;
    }
}

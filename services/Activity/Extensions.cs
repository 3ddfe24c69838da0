using Alliance.Activity.Activities;
using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Attendance;
using Alliance.Activity.CalendarFeeds;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Contracts;
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
        builder.AddServiceMessaging<ActivityDbContext>();
        builder.AddGrpcServer();
        // The organization service owns organizations, alliances, pairings and service centers: asked as the caller (ADR 27).
        builder.Services.AddServiceClient<O.OrganizationService.OrganizationServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.AllianceService.AllianceServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PairingService.PairingServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.ServiceCenterService.ServiceCenterServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PeopleService.PeopleServiceClient>(ResourceNames.Organization);
        builder.Services.AddScoped<IOrganizationDirectory, OrganizationDirectory>();
        ActivityTypeGrpcService.AddHandlers(builder.Services);
        ActivityGrpcService.AddHandlers(builder.Services);
        builder.Services.Configure<AttendanceOptions>(builder.Configuration.GetSection(AttendanceOptions.Section));
        AttendanceGrpcService.AddHandlers(builder.Services);
        CalendarFeedGrpcService.AddHandlers(builder.Services);
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ActivityTypeGrpcService>();
        app.MapGrpcService<ActivityGrpcService>();
        app.MapGrpcService<AttendanceGrpcService>();
        app.MapGrpcService<CalendarFeedGrpcService>();
        app.MapGrpcDefaults();
        return app;
    }
}

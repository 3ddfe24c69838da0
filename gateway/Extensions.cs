using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.Contracts.Organization.V1;
using Alliance.Contracts.Reporting.V1;
using Alliance.Gateway.Activities;
using Alliance.Gateway.Meetings;
using Alliance.Gateway.Supervision;
using Alliance.Gateway.Notifications;
using Alliance.Gateway.OrganizationLife;
using Alliance.Gateway.Attendance;
using Alliance.Gateway.CalendarFeeds;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Partners;
using Alliance.Gateway.PersonAccounts;
using Alliance.Gateway.Dashboard;
using Alliance.Gateway.Errors;
using Alliance.Gateway.Import;
using Alliance.Gateway.Organizations;
using Alliance.Gateway.People;
using Alliance.Gateway.Pairings;
using Alliance.Gateway.ServiceCenters;
using Alliance.Gateway.HrClients;
using Alliance.Gateway.HrSync;
using Alliance.Gateway.HrConnectors;
using Alliance.Gateway.Scim;
using Alliance.Gateway.Subsidiaries;
using Alliance.Gateway.Talent;
using Alliance.Contracts.Talent.V1;
using Alliance.ServiceDefaults.Grpc;

using Alliance.ServiceDefaults.Caching;
using Alliance.Gateway.TaskLists;
using Alliance.Gateway.Bulletins;
using Alliance.Gateway.Lists;

namespace Alliance.Gateway;

public static class Extensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayAuthentication();
        builder.AddHrClientAuthentication();
        builder.Services.AddHttpContextAccessor();
        // Generated gRPC clients, found through service discovery; each call carries the signed-in caller.
        builder.Services.AddSingleton<CallerMetadata>();
        void Client<TClient>(string service) where TClient : Grpc.Core.ClientBase =>
            builder.Services.AddServiceClient<TClient>(service).AddInterceptor<CallerMetadata>();
        Client<SubsidiaryService.SubsidiaryServiceClient>(ResourceNames.Organization);
        Client<OrganizationService.OrganizationServiceClient>(ResourceNames.Organization);
        Client<PeopleService.PeopleServiceClient>(ResourceNames.Organization);
        Client<AllianceService.AllianceServiceClient>(ResourceNames.Organization);
        Client<PartnerAccountService.PartnerAccountServiceClient>(ResourceNames.Organization);
        Client<PersonAccountService.PersonAccountServiceClient>(ResourceNames.Organization);
        Client<PairingService.PairingServiceClient>(ResourceNames.Organization);
        Client<ServiceCenterService.ServiceCenterServiceClient>(ResourceNames.Organization);
        Client<HrSyncService.HrSyncServiceClient>(ResourceNames.Organization);
        Client<HrConnectorService.HrConnectorServiceClient>(ResourceNames.Organization);
        Client<OrganizationImportService.OrganizationImportServiceClient>(ResourceNames.Organization);
        Client<ActivityTypeService.ActivityTypeServiceClient>(ResourceNames.Activity);
        Client<ActivityService.ActivityServiceClient>(ResourceNames.Activity);
        Client<HostRotationService.HostRotationServiceClient>(ResourceNames.Activity);
        Client<AttachmentService.AttachmentServiceClient>(ResourceNames.Activity);
        Client<MeetingService.MeetingServiceClient>(ResourceNames.Activity);
        Client<DecisionItemService.DecisionItemServiceClient>(ResourceNames.Activity);
        Client<OrganizationLifeService.OrganizationLifeServiceClient>(ResourceNames.Activity);
        Client<NotificationService.NotificationServiceClient>(ResourceNames.Activity);
        Client<NotificationDeliveryService.NotificationDeliveryServiceClient>(ResourceNames.Activity);
        Client<AttendanceService.AttendanceServiceClient>(ResourceNames.Activity);
        Client<CalendarFeedService.CalendarFeedServiceClient>(ResourceNames.Activity);
        Client<ProjectService.ProjectServiceClient>(ResourceNames.Activity);
        Client<CooperationAgreementService.CooperationAgreementServiceClient>(ResourceNames.Activity);
        Client<PracticalProjectService.PracticalProjectServiceClient>(ResourceNames.Activity);
        Client<SharedResultService.SharedResultServiceClient>(ResourceNames.Activity);
        Client<TaskListService.TaskListServiceClient>(ResourceNames.Activity);
        Client<BulletinService.BulletinServiceClient>(ResourceNames.Activity);
        Client<NominationService.NominationServiceClient>(ResourceNames.Activity);
        Client<ReportingService.ReportingServiceClient>(ResourceNames.Reporting);
        Client<ActivityReports.ActivityReportsClient>(ResourceNames.Reporting);
        Client<JointWorkReports.JointWorkReportsClient>(ResourceNames.Reporting);
        Client<ProfileService.ProfileServiceClient>(ResourceNames.Talent);
        Client<DynamicListService.DynamicListServiceClient>(ResourceNames.Talent);
        Client<ProblemListService.ProblemListServiceClient>(ResourceNames.Activity);
        Client<ResourceListService.ResourceListServiceClient>(ResourceNames.Activity);
        Client<MatchService.MatchServiceClient>(ResourceNames.Activity);
        // Redis only accelerates the gateway (cached dashboard answers): not part of its readiness.
        builder.AddRedisConnection(ResourceNames.Cache);
        builder.Services.AddSingleton<Dashboard.DashboardAnswers>();
        builder.Services.AddExceptionHandler<GrpcProblemMapping>();
        builder.Services.Configure<Microsoft.AspNetCore.Http.ProblemDetailsOptions>(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status is { } status && ProblemTitles.For(status, context.HttpContext) is { } title)
                context.ProblemDetails.Title = title;
        });
        builder.Services.AddGatewayRateLimits(builder.Configuration);
        builder.Services.AddOpenApi(o => o.AddBearerSecurity());
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = NoCacheForPages });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<ControlCharacterMiddleware>();
        return app;
    }

    /// <summary>The console page is always revalidated, so a new release's scripts load at once.</summary>
    static void NoCacheForPages(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context)
    {
        if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            context.Context.Response.Headers.CacheControl = "no-cache";
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Environment.IsDevelopment()) app.MapDevelopmentTokenEndpoint();
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapGet("/me", (HttpContext http) => Caller.From(http.User).ToMe()).AllowPartners().WithName("GetMe");
        api.MapSubsidiaryEndpoints();
        api.MapOrganizationEndpoints();
        api.MapPeopleEndpoints();
        api.MapAllianceEndpoints();
        api.MapPartnerAccountEndpoints();
        api.MapPersonAccountEndpoints();
        api.MapPairingEndpoints();
        api.MapServiceCenterEndpoints();
        api.MapActivityTypeEndpoints();
        api.MapActivityEndpoints();
        api.MapHostRotationEndpoints();
        api.MapAttachmentEndpoints();
        api.MapMeetingEndpoints();
        api.MapDecisionItemEndpoints();
        api.MapOrganizationLifeEndpoints();
        api.MapNotificationEndpoints();
        api.MapActivityExportEndpoints();
        api.MapAttendanceEndpoints();
        api.MapCalendarFeedEndpoints();
        api.MapOrganizationImportEndpoints();
        api.MapDashboardEndpoints();
        api.MapHrClientEndpoints();
        api.MapHrSyncEndpoints();
        api.MapHrConnectorEndpoints();
        api.MapTalentProfileEndpoints();
        api.MapDynamicListEndpoints();
        Projects.ProjectEndpoints.MapProjectEndpoints(api);
        Cooperation.CooperationEndpoints.MapCooperationEndpoints(api);
        Projects.PracticalProjectEndpoints.MapPracticalProjectEndpoints(api);
        api.MapTaskListEndpoints();
        api.MapBulletinEndpoints();
        api.MapProblemEndpoints();
        api.MapMatchEndpoints();
        api.MapResourceOfferEndpoints();
        // Unknown API paths are a 404 problem, not the console page.
        app.Map("/api/{**rest}", Problems.NoSuchEndpoint);
        app.MapScimEndpoints();
        app.MapFallbackToFile("index.html", new StaticFileOptions { OnPrepareResponse = NoCacheForPages });
        return app;
    }
}

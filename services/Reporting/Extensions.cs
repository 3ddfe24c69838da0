using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Activities;
using Alliance.Reporting.Alliances;
using Alliance.Reporting.Attendance;
using Alliance.Reporting.OrganizationLife;
using Alliance.Reporting.Supervision;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Pairings;
using Alliance.Reporting.People;
using Alliance.Reporting.ReadModels;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Caching;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;
using MassTransit;

namespace Alliance.Reporting;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext>(ResourceNames.Databases.Reporting);
        builder.AddRedisCache(ResourceNames.Cache);
        // Before the bus's hosted services: new or empty read models are filled from the source before anything is consumed.
        builder.Services.AddHostedService<ReadModelFill>();
        foreach (var source in ReadModelFill.Sources(builder.Configuration))
            builder.Services.AddServiceClient<CurrentState.CurrentStateClient>(source, clientName: source);
        builder.AddServiceMessaging<ReportingDbContext>(bus => bus.AddConsumers(ReportingConsumers.All));
        builder.Services.AddSingleton<DashboardCache>();
        builder.Services.AddScoped<GetAttendanceRates>().AddScoped<GetOrganizationLifeCompliance>().AddScoped<GetDecisionItemReport>();
        builder.Services.Configure<PairingOptions>(builder.Configuration.GetSection("Pairings"));
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ReportingGrpcService>();
        app.MapGrpcService<ActivityReportsGrpcService>();
        app.MapGrpcService<JointWorkReportsGrpcService>();
        app.MapGrpcDefaults();
        return app;
    }
}

/// <summary>Every consumer of reporting: registered on the bus, and the projections a read model is filled through (ADR 26).</summary>
public static class ReportingConsumers
{
    public static readonly Type[] All =
    [
        typeof(SubsidiaryRegisteredConsumer), typeof(OrganizationCreatedConsumer), typeof(OrganizationRenamedConsumer),
        typeof(OrganizationDissolvedConsumer), typeof(OrganizationsMergedConsumer),
        typeof(AllianceFormedConsumer), typeof(AllianceRevisedConsumer), typeof(UnitJoinedAllianceConsumer), typeof(UnitLeftAllianceConsumer),
        typeof(RotationScheduledConsumer),
        typeof(PersonRegisteredConsumer), typeof(PersonUpdatedConsumer), typeof(MemberJoinedConsumer), typeof(MemberTransferredConsumer),
        typeof(MemberStatusChangedConsumer), typeof(RoleAssignedConsumer), typeof(RoleEndedConsumer),
        typeof(PairingSignedConsumer), typeof(PairingRenewedConsumer), typeof(PairingEndedConsumer),
        typeof(ActivityScheduledConsumer), typeof(ActivityRevisedConsumer), typeof(ActivityHeldConsumer), typeof(ActivityCancelledConsumer),
        typeof(ParticipantInvitedConsumer), typeof(InvitationWithdrawnConsumer), typeof(ParticipantCheckedInConsumer),
        typeof(MeetingRuleCreatedConsumer), typeof(MeetingRuleRevisedConsumer),
        typeof(DecisionItemRecordedConsumer), typeof(DecisionItemStateChangedConsumer),
    ];
}

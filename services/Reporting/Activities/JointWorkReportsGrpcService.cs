using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Attendance;
using Alliance.Reporting.OrganizationLife;
using Alliance.Reporting.Supervision;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Alliance.Reporting.Activities;

/// <summary>alliance.reporting.v1.JointWorkReports: each report is its own use case, in its feature's folder.</summary>
public sealed class JointWorkReportsGrpcService : JointWorkReports.JointWorkReportsBase
{
    static T Handler<T>(ServerCallContext context) where T : notnull => context.GetHttpContext().RequestServices.GetRequiredService<T>();

    public override Task<AttendanceRates> GetAttendanceRates(GetAttendanceRatesRequest request, ServerCallContext context) =>
        Handler<GetAttendanceRates>(context).HandleAsync(request, context);

    public override Task<OrganizationLifeCompliance> GetOrganizationLifeCompliance(GetOrganizationLifeComplianceRequest request, ServerCallContext context) =>
        Handler<GetOrganizationLifeCompliance>(context).HandleAsync(request, context);

    public override Task<DecisionItemReport> GetDecisionItemReport(GetDecisionItemReportRequest request, ServerCallContext context) =>
        Handler<GetDecisionItemReport>(context).HandleAsync(request, context);
}

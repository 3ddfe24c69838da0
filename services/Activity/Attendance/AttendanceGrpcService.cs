using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>alliance.activity.v1.AttendanceService: each rpc a use case of its own file, resolved for the call only.</summary>
public sealed class AttendanceGrpcService : C.AttendanceService.AttendanceServiceBase
{
    public override Task<C.Participant> InviteParticipant(C.InviteParticipantRequest request, ServerCallContext context) =>
        Handler<InviteParticipant>(context).HandleAsync(request, context);

    public override Task<C.Participant> WithdrawInvitation(C.WithdrawInvitationRequest request, ServerCallContext context) =>
        Handler<WithdrawInvitation>(context).HandleAsync(request, context);

    public override Task<C.ListParticipantsResponse> ListParticipants(C.ListParticipantsRequest request, ServerCallContext context) =>
        Handler<ListParticipants>(context).HandleAsync(request, context);

    public override Task<C.CheckInCode> GetCheckInCode(C.GetCheckInCodeRequest request, ServerCallContext context) =>
        Handler<GetCheckInCode>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.CheckInResult> CheckIn(C.CheckInRequest request, ServerCallContext context) =>
        Handler<CheckInAtActivity>(context).HandleAsync(request, context);

    public override Task<C.ActivityAttendance> GetActivityAttendance(C.GetActivityAttendanceRequest request, ServerCallContext context) =>
        Handler<GetActivityAttendance>(context).HandleAsync(request, context);

    public override Task<C.ListCheckInsResponse> ListCheckIns(C.ListCheckInsRequest request, ServerCallContext context) =>
        Handler<ListCheckIns>(context).HandleAsync(request, context);

    public override Task<C.PersonAttendance> GetPersonAttendance(C.GetPersonAttendanceRequest request, ServerCallContext context) =>
        Handler<GetPersonAttendance>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<InviteParticipant>();
        services.AddScoped<WithdrawInvitation>();
        services.AddScoped<ListParticipants>();
        services.AddScoped<GetCheckInCode>();
        services.AddScoped<CheckInAtActivity>();
        services.AddScoped<GetActivityAttendance>();
        services.AddScoped<ListCheckIns>();
        services.AddScoped<GetPersonAttendance>();
    }
}

using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>Joint meetings over gRPC; each call is its use case's handler.</summary>
public sealed class MeetingGrpcService : C.MeetingService.MeetingServiceBase
{
    public override Task<C.JointMeeting> RecordMeeting(C.RecordMeetingRequest request, ServerCallContext context) =>
        Handler<RecordMeeting>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.JointMeeting> GetMeeting(C.GetMeetingRequest request, ServerCallContext context) =>
        Handler<GetMeeting>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListMeetingsResponse> ListMeetings(C.ListMeetingsRequest request, ServerCallContext context) =>
        Handler<ListMeetings>(context).HandleAsync(request, context);

    public override Task<C.JointMeeting> ReviseMeeting(C.ReviseMeetingRequest request, ServerCallContext context) =>
        Handler<ReviseMeeting>(context).HandleAsync(request, context);

    public override Task<C.MeetingHistory> GetMeetingHistory(C.GetMeetingHistoryRequest request, ServerCallContext context) =>
        Handler<GetMeetingHistory>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<MeetingAccess>();
        services.AddScoped<MeetingPlanning>();
        services.AddScoped<RecordMeeting>();
        services.AddScoped<GetMeeting>();
        services.AddScoped<ListMeetings>();
        services.AddScoped<ReviseMeeting>();
        services.AddScoped<GetMeetingHistory>();
    }
}

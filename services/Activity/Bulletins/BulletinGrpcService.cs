using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>The monthly bulletin over gRPC; each call is its use case's handler. Not open to partners (ADR 42).</summary>
public sealed class BulletinGrpcService : C.BulletinService.BulletinServiceBase
{
    public override Task<C.BulletinDocument> GenerateBulletin(C.GenerateBulletinRequest request, ServerCallContext context) =>
        Handler<GenerateBulletin>(context).HandleAsync(request, context);

    public override Task<C.BulletinDocument> GetBulletin(C.GetBulletinRequest request, ServerCallContext context) =>
        Handler<GetBulletin>(context).HandleAsync(request, context);

    public override Task<C.ListBulletinsResponse> ListBulletins(C.ListBulletinsRequest request, ServerCallContext context) =>
        Handler<ListBulletins>(context).HandleAsync(request, context);

    public override Task<C.BulletinDocument> ReviseBulletin(C.ReviseBulletinRequest request, ServerCallContext context) =>
        Handler<ReviseBulletin>(context).HandleAsync(request, context);

    public override Task<C.BulletinDocument> SubmitBulletin(C.BulletinStepRequest request, ServerCallContext context) =>
        Handler<SubmitBulletin>(context).HandleAsync(request, context);

    public override Task<C.BulletinDocument> ApproveBulletin(C.BulletinStepRequest request, ServerCallContext context) =>
        Handler<ApproveBulletin>(context).HandleAsync(request, context);

    public override Task<C.BulletinDocument> ReturnBulletin(C.BulletinStepRequest request, ServerCallContext context) =>
        Handler<ReturnBulletin>(context).HandleAsync(request, context);

    public override Task<C.BulletinDocument> PublishBulletin(C.BulletinStepRequest request, ServerCallContext context) =>
        Handler<PublishBulletin>(context).HandleAsync(request, context);

    public override Task<C.BulletinHistory> GetBulletinHistory(C.GetBulletinRequest request, ServerCallContext context) =>
        Handler<GetBulletinHistory>(context).HandleAsync(request, context);

    public override Task<C.RenderedBulletin> RenderBulletin(C.RenderBulletinRequest request, ServerCallContext context) =>
        Handler<RenderBulletin>(context).HandleAsync(request, context);

    internal static void AddHandlers(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<BulletinOptions>(builder.Configuration.GetSection("Bulletins"));
        services.AddSingleton<IBulletinPrinter, ChromiumBulletinPrinter>();
        services.AddScoped<IBulletinContentSource, ActivitiesContentSource>();
        services.AddScoped<IBulletinContentSource, NominationContentSource>();
        services.AddScoped<BulletinAccess>();
        services.AddScoped<BulletinFlow>();
        services.AddScoped<GenerateBulletin>();
        services.AddScoped<GetBulletin>();
        services.AddScoped<ListBulletins>();
        services.AddScoped<ReviseBulletin>();
        services.AddScoped<SubmitBulletin>();
        services.AddScoped<ApproveBulletin>();
        services.AddScoped<ReturnBulletin>();
        services.AddScoped<PublishBulletin>();
        services.AddScoped<GetBulletinHistory>();
        services.AddScoped<RenderBulletin>();
        services.AddScoped<Nominate>();
        services.AddScoped<ListNominations>();
        services.AddScoped<ReviewNomination>();
    }
}

/// <summary>Nominations over gRPC. Not open to partners.</summary>
public sealed class NominationGrpcService : C.NominationService.NominationServiceBase
{
    public override Task<C.Nomination> Nominate(C.NominateRequest request, ServerCallContext context) =>
        Handler<Nominate>(context).HandleAsync(request, context);

    public override Task<C.ListNominationsResponse> ListNominations(C.ListNominationsRequest request, ServerCallContext context) =>
        Handler<ListNominations>(context).HandleAsync(request, context);

    public override Task<C.Nomination> ReviewNomination(C.ReviewNominationRequest request, ServerCallContext context) =>
        Handler<ReviewNomination>(context).HandleAsync(request, context);
}

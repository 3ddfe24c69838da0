using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.AllianceService and PairingService over our gRPC channel.</summary>
public sealed class AllianceClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Alliances = AlliancesReflection.Descriptor.Services[0];
    static readonly ServiceDescriptor Pairings = PairingsReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    Task<TResponse> Call<TRequest, TResponse>(ServiceDescriptor service, string method, TRequest request, CancellationToken ct)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>, new() =>
        Channel.UnaryAsync<TRequest, TResponse>(service.FindMethodByName(method), request, new CallOptions { CancellationToken = ct });

    public Task<PartyAlliance> FormAllianceAsync(FormAllianceRequest r, CancellationToken ct) => Call<FormAllianceRequest, PartyAlliance>(Alliances, "FormAlliance", r, ct);
    public Task<PartyAlliance> GetAllianceAsync(GetAllianceRequest r, CancellationToken ct) => Call<GetAllianceRequest, PartyAlliance>(Alliances, "GetAlliance", r, ct);
    public Task<ListAlliancesResponse> ListAlliancesAsync(ListAlliancesRequest r, CancellationToken ct) => Call<ListAlliancesRequest, ListAlliancesResponse>(Alliances, "ListAlliances", r, ct);
    public Task<PartyAlliance> ReviseAllianceAsync(ReviseAllianceRequest r, CancellationToken ct) => Call<ReviseAllianceRequest, PartyAlliance>(Alliances, "ReviseAlliance", r, ct);
    public Task<PartyAlliance> JoinAllianceAsync(JoinAllianceRequest r, CancellationToken ct) => Call<JoinAllianceRequest, PartyAlliance>(Alliances, "JoinAlliance", r, ct);
    public Task<PartyAlliance> LeaveAllianceAsync(LeaveAllianceRequest r, CancellationToken ct) => Call<LeaveAllianceRequest, PartyAlliance>(Alliances, "LeaveAlliance", r, ct);
    public Task<PartyAlliance> FormTemporaryBranchAsync(FormTemporaryBranchRequest r, CancellationToken ct) => Call<FormTemporaryBranchRequest, PartyAlliance>(Alliances, "FormTemporaryBranch", r, ct);
    public Task<PartyAlliance> ScheduleRotationAsync(ScheduleRotationRequest r, CancellationToken ct) => Call<ScheduleRotationRequest, PartyAlliance>(Alliances, "ScheduleRotation", r, ct);

    public Task<Pairing> SignPairingAsync(SignPairingRequest r, CancellationToken ct) => Call<SignPairingRequest, Pairing>(Pairings, "SignPairing", r, ct);
    public Task<Pairing> GetPairingAsync(GetPairingRequest r, CancellationToken ct) => Call<GetPairingRequest, Pairing>(Pairings, "GetPairing", r, ct);
    public Task<ListPairingsResponse> ListPairingsAsync(ListPairingsRequest r, CancellationToken ct) => Call<ListPairingsRequest, ListPairingsResponse>(Pairings, "ListPairings", r, ct);
    public Task<Pairing> RenewPairingAsync(RenewPairingRequest r, CancellationToken ct) => Call<RenewPairingRequest, Pairing>(Pairings, "RenewPairing", r, ct);
    public Task<Pairing> EndPairingAsync(EndPairingRequest r, CancellationToken ct) => Call<EndPairingRequest, Pairing>(Pairings, "EndPairing", r, ct);
}

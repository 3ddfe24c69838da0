using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Alliance.Gateway.Clients;

/// <summary>Typed calls to alliance.organization.v1.PeopleService (hosted by the organization service) over our gRPC channel.</summary>
public sealed class PeopleClient(IGrpcChannelFactory channels)
{
    static readonly ServiceDescriptor Service = PeopleReflection.Descriptor.Services[0];
    GrpcChannel Channel => channels.Get(ResourceNames.Organization);

    Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, CancellationToken ct)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse>, new() =>
        Channel.UnaryAsync<TRequest, TResponse>(Service.FindMethodByName(method), request, new CallOptions { CancellationToken = ct });

    public Task<Person> RegisterPersonAsync(RegisterPersonRequest r, CancellationToken ct) => Call<RegisterPersonRequest, Person>("RegisterPerson", r, ct);
    public Task<Person> GetPersonAsync(GetPersonRequest r, CancellationToken ct) => Call<GetPersonRequest, Person>("GetPerson", r, ct);
    public Task<ListPeopleResponse> ListPeopleAsync(ListPeopleRequest r, CancellationToken ct) => Call<ListPeopleRequest, ListPeopleResponse>("ListPeople", r, ct);
    public Task<Person> UpdatePersonAsync(UpdatePersonRequest r, CancellationToken ct) => Call<UpdatePersonRequest, Person>("UpdatePerson", r, ct);
    public Task<Person> JoinPartyAsync(JoinPartyRequest r, CancellationToken ct) => Call<JoinPartyRequest, Person>("JoinParty", r, ct);
    public Task<Person> TransferMemberAsync(TransferMemberRequest r, CancellationToken ct) => Call<TransferMemberRequest, Person>("TransferMember", r, ct);
    public Task<Person> ChangeMemberStatusAsync(ChangeMemberStatusRequest r, CancellationToken ct) => Call<ChangeMemberStatusRequest, Person>("ChangeMemberStatus", r, ct);
    public Task<Person> AssignRoleAsync(AssignRoleRequest r, CancellationToken ct) => Call<AssignRoleRequest, Person>("AssignRole", r, ct);
    public Task<Person> EndRoleAsync(EndRoleRequest r, CancellationToken ct) => Call<EndRoleRequest, Person>("EndRole", r, ct);
}

using System.Collections.Concurrent;
using Alliance.ServiceDefaults.Security;
using Alliance.Talent.Common;

namespace Alliance.Talent.Tests;

/// <summary>The organization service as the talent service asks it: signed-in users' people, and organization subtrees.</summary>
public sealed class FakeOrganizationDirectory : IOrganizationDirectory
{
    readonly ConcurrentDictionary<string, MyPersonFacts> _people = new();
    readonly ConcurrentDictionary<Guid, Guid[]> _subtrees = new();

    public void Link(string userName, MyPersonFacts person) => _people[userName] = person;
    public void Subtree(Guid root, params Guid[] below) => _subtrees[root] = [root, .. below];

    public Task<MyPersonFacts?> MyPersonAsync(CallerScope caller, CancellationToken ct) =>
        Task.FromResult(caller.UserId is { } user && _people.TryGetValue(user, out var p) && p.SubsidiaryId == caller.TenantId ? p : null);

    public Task<IReadOnlyList<Guid>> SubtreeAsync(CallerScope caller, Guid subsidiaryId, Guid organizationId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>(_subtrees.TryGetValue(organizationId, out var ids) ? ids : [organizationId]);
}

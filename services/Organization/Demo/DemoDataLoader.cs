using Alliance.Contracts.Events;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.Organization.Subsidiaries;
using Alliance.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.Demo;

/// <summary>
/// Loads a small demo group when <c>DemoData:Enabled</c> is true and the database has no subsidiary yet, through the
/// same domain rules and outbox as any other write, so reporting sees it too. `./run.sh --no-demo-data` turns it off.
/// </summary>
public sealed class DemoDataLoader(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<DemoDataLoader> logger)
    : IHostedService
{
    static readonly (string Code, string Name, (string Name, OrganizationKind Kind, int Parent)[] Tree)[] Group =
    [
        ("PDG", "浦发集团有限公司", [
            ("浦发集团党委", OrganizationKind.Committee, -1),
            ("工程建设板块党总支", OrganizationKind.GeneralBranch, 0),
            ("第一项目部党支部", OrganizationKind.Branch, 1),
            ("第二项目部党支部", OrganizationKind.Branch, 1),
            ("青年党小组", OrganizationKind.Group, 2),
            ("城市服务板块党支部", OrganizationKind.Branch, 0),
        ]),
        ("LGG", "临港集团", [
            ("临港集团党委", OrganizationKind.Committee, -1),
            ("产业园区党支部", OrganizationKind.Branch, 0),
            ("科创服务党支部", OrganizationKind.Branch, 0),
        ]),
        ("PCI", "电建投资公司", [
            ("电建投资公司党委", OrganizationKind.Committee, -1),
            ("华东区域党支部", OrganizationKind.Branch, 0),
        ]),
    ];

    public async Task StartAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("DemoData:Enabled", false)) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        if (await db.Subsidiaries.AnyAsync(ct)) return;

        var now = clock.GetUtcNow();
        foreach (var (code, name, tree) in Group)
        {
            var subsidiary = Subsidiary.Register(code, name, now);
            db.Subsidiaries.Add(subsidiary);
            db.AddIntegrationEvent(new SubsidiaryRegistered(Guid.CreateVersion7(), subsidiary.Id, now, subsidiary.Id, subsidiary.Code, subsidiary.Name));
            var created = new List<PartyOrganization>();
            foreach (var (orgName, kind, parent) in tree)
            {
                var organization = PartyOrganization.Create(subsidiary.Id, parent < 0 ? null : created[parent], orgName, kind, now);
                created.Add(organization);
                db.Organizations.Add(organization);
                db.AddIntegrationEvent(new OrganizationCreated(Guid.CreateVersion7(), subsidiary.Id, now,
                    organization.Id, organization.ParentId, organization.Name, organization.Kind.ToEventName()));
            }
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Loaded demo data: {Subsidiaries} subsidiaries", Group.Length);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

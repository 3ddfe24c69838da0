using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>
/// Turns the details a client sends on scheduling and revision into an <see cref="ActivityPlan"/>: checks the fields,
/// then asks the organization service, as the caller, for the alliance or pairing, each host and the service center
/// (ADR 27), and checks the caller may plan for those hosts. Shared by <see cref="ScheduleActivity"/> and
/// <see cref="ReviseActivity"/>.
/// </summary>
public sealed class ActivityPlanning(ActivityDbContext db, IOrganizationDirectory directory, TimeProvider clock)
{
    /// <exception cref="RpcException">INVALID_ARGUMENT with field errors; NOT_FOUND on a field for what the caller cannot
    /// see; FAILED_PRECONDITION for a closed center or an ended organization; PERMISSION_DENIED when no host is the caller's.</exception>
    public async Task<ActivityPlan> PlanAsync(CallerScope caller, C.ActivityDetails? details, CancellationToken ct)
    {
        Validate(details, clock.GetUtcNow().ToUniversalTime()).ThrowIfAny();
        var d = details!;
        var type = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Guid.Parse(d.TypeId), ct)
            ?? throw FieldErrors.Single("typeId", "No activity type with that id.", StatusCode.NotFound);

        AllianceFacts? alliance = null;
        if (d.AllianceId.Length > 0)
            alliance = await directory.FindAllianceAsync(caller, Guid.Parse(d.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "No alliance with that id that you take part in.", StatusCode.NotFound);
        PairingFacts? pairing = null;
        if (d.PairingId.Length > 0)
            pairing = await directory.FindPairingAsync(caller, Guid.Parse(d.PairingId), ct)
                ?? throw FieldErrors.Single("pairingId", "No pairing with that id that you take part in.", StatusCode.NotFound);

        var hosts = new List<ActivityHost>();
        for (var i = 0; i < d.Hosts.Count; i++) hosts.Add(await HostAsync(caller, d.Hosts[i], $"hosts[{i}]", alliance, pairing, ct));
        if (!caller.IsGroupAdmin && !hosts.Any(h => h.SubsidiaryId == caller.TenantId))
            throw FieldErrors.Single("hosts", "must include a party organization of your subsidiary.", StatusCode.PermissionDenied);

        Guid? centerId = null;
        string? venueName = null;
        string address;
        if (d.Venue.KindCase == C.VenueRef.KindOneofCase.ServiceCenterId)
        {
            var center = await directory.FindServiceCenterAsync(caller, Guid.Parse(d.Venue.ServiceCenterId), ct)
                ?? throw FieldErrors.Single("venue.serviceCenterId", "No service center with that id that you may use.", StatusCode.NotFound);
            if (!center.Open) throw FieldErrors.Single("venue.serviceCenterId", "The service center is closed.", StatusCode.FailedPrecondition);
            (centerId, venueName, address) = (center.Id, center.Name, center.Address);
        }
        else
        {
            address = d.Venue.Address.Trim();
        }

        return new ActivityPlan(d.Title, type, hosts,
            alliance?.Id, alliance?.Name, pairing?.Id, pairing?.Title,
            pairing?.Parties.Where(p => p.SubsidiaryId is not null).Select(p => p.SubsidiaryId!.Value).ToList() ?? [],
            d.StartsAt.ToDateTimeOffset(), d.EndsAt.ToDateTimeOffset(), centerId, venueName, address, d.Agenda);
    }

    /// <summary>
    /// Refuses a booking of the plan's service center that overlaps another booking not cancelled. Only a courtesy that
    /// names the time taken: the exclusion constraint decides under concurrency (<see cref="SaveBookingAsync"/>).
    /// </summary>
    public async Task EnsureVenueFreeAsync(ActivityPlan plan, Guid? self, CancellationToken ct)
    {
        if (plan.ServiceCenterId is not { } centerId) return;
        var taken = await db.Activities.AsNoTracking()
            .Where(a => a.ServiceCenterId == centerId && a.Status != ActivityStatus.Cancelled && a.Id != self
                && a.StartsAt < plan.EndsAt && plan.StartsAt < a.EndsAt)
            .OrderBy(a => a.StartsAt).Select(a => new { a.StartsAt, a.EndsAt }).FirstOrDefaultAsync(ct);
        if (taken is not null)
            throw Booked($"The service center is already booked from {ActivityTimes.Format(taken.StartsAt)} to {ActivityTimes.Format(taken.EndsAt)}.");
    }

    /// <summary>Saves, turning the booking constraint's refusal (a concurrent booking won) into the same field error.</summary>
    public async Task SaveBookingAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (DbUpdateException ex) when (ClientRequests.IsViolation(ex, Npgsql.PostgresErrorCodes.ExclusionViolation, ActivityConfiguration.BookingConstraint))
        {
            db.ChangeTracker.Clear();
            throw Booked("The service center is already booked for part of that time.");
        }
    }

    static RpcException Booked(string message) => FieldErrors.Single("venue.serviceCenterId", message, StatusCode.FailedPrecondition);

    async Task<ActivityHost> HostAsync(CallerScope caller, C.HostRef host, string field, AllianceFacts? alliance, PairingFacts? pairing, CancellationToken ct)
    {
        if (host.KindCase == C.HostRef.KindOneofCase.MemberUnitId)
        {
            var unitId = Guid.Parse(host.MemberUnitId);
            var unit = alliance?.Members.FirstOrDefault(m => m.Id == unitId && m.Current)
                ?? throw FieldErrors.Single($"{field}.memberUnitId", "is not a current member unit of the alliance.", StatusCode.NotFound);
            return unit.External
                ? ActivityHost.OutsideTheGroup(unit.Id, unit.Name)
                : ActivityHost.Internal(unit.OrganizationId!.Value, unit.SubsidiaryId!.Value, unit.Name, unit.Id);
        }
        var organizationId = Guid.Parse(host.OrganizationId);
        // A unit of the alliance or a side of the pairing is known from them, in whichever subsidiary it is.
        if (alliance?.Members.FirstOrDefault(m => m.OrganizationId == organizationId && m.Current) is { } member)
            return ActivityHost.Internal(organizationId, member.SubsidiaryId!.Value, member.Name, member.Id);
        if (pairing?.Parties.FirstOrDefault(p => p.OrganizationId == organizationId) is { } party)
            return ActivityHost.Internal(organizationId, party.SubsidiaryId!.Value, party.Name);
        var organization = await directory.FindOrganizationAsync(caller, organizationId, ct)
            ?? throw FieldErrors.Single($"{field}.organizationId", "No party organization with that id that you may name.", StatusCode.NotFound);
        if (!organization.Active)
            throw FieldErrors.Single($"{field}.organizationId", "The organization was dissolved or merged and takes no new part.", StatusCode.FailedPrecondition);
        return ActivityHost.Internal(organization.Id, organization.SubsidiaryId, organization.Name);
    }

    /// <summary>The checks that need nothing but the request (and the clock, for the window).</summary>
    public static FieldErrors Validate(C.ActivityDetails? d, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (d is null) return errors.Add("details", "is required.");
        errors.Required("title", d.Title, Activity.MaxTitleLength).Id("typeId", d.TypeId)
            .Id("allianceId", d.AllianceId, required: false).Id("pairingId", d.PairingId, required: false)
            .Optional("agenda", d.Agenda, Activity.MaxAgendaLength);
        if (d.AllianceId.Length > 0 && d.PairingId.Length > 0) errors.Add("pairingId", "An activity serves an alliance or a pairing, not both.");
        if (d.Hosts.Count == 0) errors.Add("hosts", "must name at least one host.");
        if (d.Hosts.Count > Activity.MaxHosts) errors.Add("hosts", $"must name at most {Activity.MaxHosts} hosts.");
        for (var i = 0; i < d.Hosts.Count; i++)
        {
            var host = d.Hosts[i];
            switch (host.KindCase)
            {
                case C.HostRef.KindOneofCase.OrganizationId: errors.Id($"hosts[{i}].organizationId", host.OrganizationId); break;
                case C.HostRef.KindOneofCase.MemberUnitId:
                    errors.Id($"hosts[{i}].memberUnitId", host.MemberUnitId);
                    if (d.AllianceId.Length == 0) errors.Add($"hosts[{i}].memberUnitId", "names a member unit of an alliance: give the allianceId it belongs to.");
                    break;
                default: errors.Add($"hosts[{i}]", "must name an organizationId or a memberUnitId."); break;
            }
        }
        if (d.StartsAt is null) errors.Add("startsAt", "is required.");
        if (d.EndsAt is null) errors.Add("endsAt", "is required.");
        if (d.StartsAt is not null && d.EndsAt is not null
            && ActivityTimes.Problem(d.StartsAt.ToDateTimeOffset(), d.EndsAt.ToDateTimeOffset(), now) is { } window)
            errors.Add(window.Field, window.Message);
        switch (d.Venue?.KindCase)
        {
            case C.VenueRef.KindOneofCase.ServiceCenterId: errors.Id("venue.serviceCenterId", d.Venue.ServiceCenterId); break;
            case C.VenueRef.KindOneofCase.Address: errors.Required("venue.address", d.Venue.Address, Activity.MaxAddressLength); break;
            default: errors.Add("venue", "must name a serviceCenterId or an address."); break;
        }
        return errors;
    }
}

using System.Globalization;
using Alliance.ServiceDefaults.Validation;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>Reads the lists' request messages into checked domain values; every broken field is one field error.</summary>
internal static class ListInput
{
    public static ProblemText Problem(FieldErrors errors, C.ProblemDetails? d)
    {
        if (d is null)
        {
            errors.Add("details", "is required.");
            return new ProblemText("", "", ProblemCategory.Venue, ProblemUrgency.Normal, [], null);
        }
        errors.Required("title", d.Title, Lists.Problem.MaxTitleLength).Required("need", d.Need, Lists.Problem.MaxNeedLength);
        var category = ListVocabulary.Category(d.Category);
        if (category is null) errors.Add("category", "must be one of venue, expertise, equipment, funding, channels, training, services.");
        var urgency = string.IsNullOrWhiteSpace(d.Urgency) ? ProblemUrgency.Normal : ListVocabulary.Urgency(d.Urgency);
        if (urgency is null) errors.Add("urgency", "must be one of low, normal, high, urgent.");
        var tags = Tags(errors, "tags", d.Tags);
        var wantedBy = string.IsNullOrWhiteSpace(d.WantedBy) ? (DateOnly?)null : Day(errors, "wantedBy", d.WantedBy);
        return new ProblemText(d.Title, d.Need, category ?? ProblemCategory.Venue, urgency ?? ProblemUrgency.Normal, tags, wantedBy);
    }

    public static OfferText Offer(FieldErrors errors, C.ResourceOfferDetails? d)
    {
        if (d is null)
        {
            errors.Add("details", "is required.");
            return new OfferText(ResourceKind.Venue, "", "", [], null, null, [], []);
        }
        var kind = ListVocabulary.Kind(d.Kind);
        if (kind is null) errors.Add("kind", "must be one of venue, experts, equipment, funding, channels, training-places.");
        errors.Required("title", d.Title, ResourceOffer.MaxTitleLength).Optional("description", d.Description, ResourceOffer.MaxDescriptionLength)
            .Optional("capacityUnit", d.CapacityUnit, ResourceOffer.MaxUnitLength);
        decimal? capacity = null;
        if (d.HasCapacity)
        {
            if (double.IsNaN(d.Capacity) || d.Capacity <= 0 || d.Capacity > 1e12) errors.Add("capacity", "must be a positive number.");
            else capacity = (decimal)d.Capacity;
        }
        var tags = Tags(errors, "tags", d.Tags);
        if (d.Windows.Count > ResourceOffer.MaxWindows) errors.Add("windows", $"must be at most {ResourceOffer.MaxWindows}.");
        var windows = new List<AvailabilityWindow>();
        for (var i = 0; i < d.Windows.Count; i++)
        {
            var from = Day(errors, $"windows[{i}].from", d.Windows[i].From);
            var to = Day(errors, $"windows[{i}].to", d.Windows[i].To);
            if (from is { } f && to is { } t)
            {
                if (t < f) errors.Add($"windows[{i}].to", "must not be before from.");
                else windows.Add(new AvailabilityWindow(f, t));
            }
        }
        if (d.People.Count > ResourceOffer.MaxPeople) errors.Add("people", $"must be at most {ResourceOffer.MaxPeople}.");
        var people = new List<OfferedPerson>();
        for (var i = 0; i < d.People.Count; i++)
        {
            var p = d.People[i];
            errors.Required($"people[{i}].name", p.Name, ResourceOffer.MaxPersonLength).Id($"people[{i}].personId", p.PersonId, required: false);
            var skills = Tags(errors, $"people[{i}].skills", p.Skills);
            people.Add(new OfferedPerson(Guid.TryParse(p.PersonId, out var id) ? id : null, p.Name?.Trim() ?? "", skills));
        }
        return new OfferText(kind ?? ResourceKind.Venue, d.Title, d.Description ?? "", tags, capacity, d.CapacityUnit, windows, people);
    }

    public static List<string> Tags(FieldErrors errors, string field, IReadOnlyList<string> tags)
    {
        if (tags.Count > Lists.Problem.MaxTags) errors.Add(field, $"must be at most {Lists.Problem.MaxTags}.");
        if (tags.Any(t => t.Trim().Length > Lists.Problem.MaxTagLength)) errors.Add(field, $"each must be at most {Lists.Problem.MaxTagLength} characters.");
        return ListVocabulary.Tags(tags);
    }

    public static DateOnly? Day(FieldErrors errors, string field, string? value)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(field, "must be a date as yyyy-MM-dd.");
        return null;
    }
}

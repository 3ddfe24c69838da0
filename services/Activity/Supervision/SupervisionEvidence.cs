using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

internal static class SupervisionEvidence
{
    public static Evidence Read(FieldErrors errors, string note, IReadOnlyList<string> links, IReadOnlyList<string> attachmentIds)
    {
        if (links.Count > DecisionItem.MaxLinks) errors.Add("links", $"must be at most {DecisionItem.MaxLinks}.");
        for (var i = 0; i < links.Count; i++)
        {
            if (!Uri.TryCreate(links[i].Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || links[i].Length > DecisionItem.MaxLinkLength)
                errors.Add($"links[{i}]", $"must be an http(s) address of at most {DecisionItem.MaxLinkLength} characters.");
        }
        for (var i = 0; i < attachmentIds.Count; i++) errors.Id($"attachmentIds[{i}]", attachmentIds[i]);
        return new Evidence(note.Trim(), links.Select(l => l.Trim()).ToList(),
            attachmentIds.Select(a => Guid.TryParse(a, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList());
    }
}

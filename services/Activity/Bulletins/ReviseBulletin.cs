using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>The editor revises a draft: title and lead in both languages, each section's text, and its entries kept in order.</summary>
public sealed class ReviseBulletin(BulletinFlow flow)
{
    public Task<C.BulletinDocument> HandleAsync(C.ReviseBulletinRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors()
            .Required("titleZh", request.TitleZh, Bulletin.MaxTitleLength).Required("titleEn", request.TitleEn, Bulletin.MaxTitleLength)
            .Required("leadZh", request.LeadZh, Bulletin.MaxLeadLength).Required("leadEn", request.LeadEn, Bulletin.MaxLeadLength);
        for (var i = 0; i < request.Sections.Count; i++)
        {
            var s = request.Sections[i];
            if (!BulletinSections.InOrder.Contains(s.Section)) errors.Add($"sections[{i}].section", $"must be one of: {string.Join(", ", BulletinSections.InOrder)}.");
            errors.Optional($"sections[{i}].textZh", s.TextZh, Bulletin.MaxSectionTextLength).Optional($"sections[{i}].textEn", s.TextEn, Bulletin.MaxSectionTextLength);
            for (var j = 0; j < s.EntryIds.Count; j++) errors.Id($"sections[{i}].entryIds[{j}]", s.EntryIds[j]);
        }
        if (request.Sections.GroupBy(s => s.Section).Any(g => g.Count() > 1)) errors.Add("sections", "must name each section at most once.");
        return flow.ChangeAsync(context, request.Id, request.ExpectedVersion, errors, BulletinAccess.EnsureMayEdit, (bulletin, by, now, _) =>
        {
            bulletin.Revise(new BulletinText(request.TitleZh, request.TitleEn, request.LeadZh, request.LeadEn),
                request.Sections.Select(s => (s.Section, s.TextZh, s.TextEn, (IReadOnlyList<Guid>)s.EntryIds.Select(Guid.Parse).ToList())).ToList(), by, now);
            return Task.CompletedTask;
        });
    }
}

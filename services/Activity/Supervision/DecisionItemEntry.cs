using System.Text.Json;
using Alliance.Activity.Activities;

namespace Alliance.Activity.Supervision;

/// <summary>
/// An entry of a decision item's history: who did what when, the state and colour before and after, and the evidence of a
/// progress update or claim (or a reason). Append-only: the application only inserts, and a trigger in the database
/// refuses UPDATE and DELETE on the table (migration DecisionItems).
/// </summary>
public sealed class DecisionItemEntry
{
    public Guid Id { get; private set; }
    public Guid DecisionItemId { get; private set; }
    public long Version { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string ByRole { get; private set; } = "";
    public DecisionItemState FromState { get; private set; }
    public DecisionItemState ToState { get; private set; }
    public SupervisionColour FromColour { get; private set; }
    public SupervisionColour ToColour { get; private set; }
    public string? Note { get; private set; }
    /// <summary>Links as JSON (jsonb): ["https://..."].</summary>
    public string Links { get; private set; } = "[]";
    public List<Guid> AttachmentIds { get; private set; } = [];

    private DecisionItemEntry() { }

    internal static DecisionItemEntry Of(DecisionItem item, string kind, DecisionItemState fromState, SupervisionColour fromColour,
        Evidence? evidence, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        DecisionItemId = item.Id,
        Version = item.Version,
        Kind = kind,
        At = now,
        By = by.UserName,
        ByRole = by.Role,
        FromState = fromState,
        ToState = item.State,
        FromColour = fromColour,
        ToColour = item.Colour,
        Note = evidence?.Note,
        Links = JsonSerializer.Serialize(evidence?.Links ?? [], JsonSerializerOptions.Web),
        AttachmentIds = [.. evidence?.AttachmentIds ?? []],
    };

    public IReadOnlyList<string> ReadLinks() => JsonSerializer.Deserialize<List<string>>(Links, JsonSerializerOptions.Web) ?? [];
}
